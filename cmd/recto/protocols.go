package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/api"
	"github.com/recto-archive/recto/feed"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/oaipmh"
	"github.com/recto-archive/recto/sitemap"
	"github.com/recto-archive/recto/wilson"
)

// site returns the public site over db, with the bulk downloads and every
// protocol mounted. All of it reads through one catalogue, the public's:
// no route reaches the store itself.
func (c *serveCommand) site(ctx context.Context, db recto.Store, search recto.SearchService, logger *slog.Logger) (*rectohttp.Server, error) {
	public := recto.NewCatalogue(db, recto.PublicAudience)
	srv, err := rectohttp.NewServer(public, search, logger)
	if err != nil {
		return nil, err
	}
	settings, err := c.settings(ctx, db)
	if err != nil {
		return nil, err
	}
	srv.Settings = *settings
	srv.BaseURL = c.BaseURL
	srv.AllowedHosts, srv.TrustedProxies, srv.RateLimit = c.hosts, c.proxies, c.limiter
	if c.BaseURL != "" && c.AllowedHosts != "" {
		logger.Warn("--allowed-hosts has no effect with --base-url: every host is answered, with links to the base URL")
	}
	if srv.Downloads, err = c.downloads(db, public.Audience(), logger); err != nil {
		return nil, err
	}
	mountProtocols(srv, public, search, c.BaseURL, c.AdminEmail, c.OAIRepositoryID, logger)
	return srv, nil
}

// settings reads the archive's settings, storing first the name that
// --archive-name gives, so that every process serving the archive, and
// every command, names it alike.
func (c *serveCommand) settings(ctx context.Context, db recto.Store) (*recto.Settings, error) {
	s, err := db.FindSettings(ctx)
	if err != nil {
		return nil, err
	}
	if c.ArchiveName != "" && c.ArchiveName != s.ArchiveName {
		s.ArchiveName = c.ArchiveName
		if err := db.UpdateSettings(ctx, s); err != nil {
			return nil, fmt.Errorf("--archive-name: %w", err)
		}
	}
	return s, nil
}

// mountProtocols adds to the site what machines read: the JSON API, the
// former Wilson Center Digital Archive API, OAI-PMH, feeds and sitemaps,
// each naming the archive as the site's settings do.
func mountProtocols(srv *rectohttp.Server, catalogue *recto.Catalogue, search recto.SearchService, baseURL, adminEmail, oaiRepositoryID string, logger *slog.Logger) {
	srv.Mount("/api/v1/", api.New(catalogue, search, api.Options{BaseURL: baseURL, Logger: logger}))
	srv.Mount("/srv/", wilson.New(catalogue, search, wilson.Options{BaseURL: baseURL, Publisher: srv.Settings.PublisherName(), Logger: logger}))

	feeds := feed.New(catalogue, search, feed.Options{BaseURL: baseURL, Title: srv.Settings.Name(), Logger: logger})
	srv.Mount("GET /feed.atom", http.HandlerFunc(feeds.Archive))
	srv.Mount("GET /collections/{id}/feed.atom", http.HandlerFunc(feeds.Collection))
	srv.Mount("GET /search.atom", http.HandlerFunc(feeds.Search))

	oai := oaipmh.New(catalogue, oaipmh.Options{BaseURL: baseURL, RepositoryID: oaiRepositoryID, RepositoryName: srv.Settings.Name(),
		AdminEmail: adminEmail, Logger: logger})
	srv.Mount(oaipmh.Path, oai) // GET, HEAD and POST
	srv.Mount("GET "+oaipmh.SchemaPath, oai)

	maps := sitemap.New(catalogue, sitemap.Options{BaseURL: baseURL, Logger: logger})
	srv.Mount("GET /sitemap.xml", http.HandlerFunc(maps.Index))
	srv.Mount("GET /sitemaps/{name}", http.HandlerFunc(maps.Sitemap))
	srv.Mount("GET /robots.txt", http.HandlerFunc(maps.Robots))
}
