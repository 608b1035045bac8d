package main

import (
	"log/slog"
	"net/http"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/api"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/feed"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/oaipmh"
	"github.com/recto-archive/recto/sitemap"
	"github.com/recto-archive/recto/wilson"
)

// site returns the public site over db, with the bulk downloads and every
// protocol mounted. All of it reads through one catalogue, the public's:
// no route reaches the store itself.
func (c *serveCommand) site(db recto.Store, search recto.SearchService, logger *slog.Logger) (*rectohttp.Server, error) {
	public := recto.NewCatalogue(db, recto.PublicAudience)
	srv, err := rectohttp.NewServer(public, search, logger)
	if err != nil {
		return nil, err
	}
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

// mountProtocols adds to the site what machines read: the JSON API, the
// former Wilson Center Digital Archive API, OAI-PMH, feeds and sitemaps.
func mountProtocols(srv *rectohttp.Server, catalogue *recto.Catalogue, search recto.SearchService, baseURL, adminEmail, oaiRepositoryID string, logger *slog.Logger) {
	srv.Mount("/api/v1/", api.New(catalogue, search, api.Options{BaseURL: baseURL, Logger: logger}))
	srv.Mount("/srv/", wilson.New(catalogue, search, wilson.Options{BaseURL: baseURL, Publisher: cite.DefaultArchive, Logger: logger}))

	feeds := feed.New(catalogue, search, feed.Options{BaseURL: baseURL, Title: cite.DefaultArchive, Logger: logger})
	srv.Mount("GET /feed.atom", http.HandlerFunc(feeds.Archive))
	srv.Mount("GET /collections/{id}/feed.atom", http.HandlerFunc(feeds.Collection))
	srv.Mount("GET /search.atom", http.HandlerFunc(feeds.Search))

	oai := oaipmh.New(catalogue, oaipmh.Options{BaseURL: baseURL, RepositoryID: oaiRepositoryID, RepositoryName: cite.DefaultArchive,
		AdminEmail: adminEmail, Logger: logger})
	srv.Mount(oaipmh.Path, oai) // GET, HEAD and POST
	srv.Mount("GET "+oaipmh.SchemaPath, oai)

	maps := sitemap.New(catalogue, sitemap.Options{BaseURL: baseURL, Logger: logger})
	srv.Mount("GET /sitemap.xml", http.HandlerFunc(maps.Index))
	srv.Mount("GET /sitemaps/{name}", http.HandlerFunc(maps.Sitemap))
	srv.Mount("GET /robots.txt", http.HandlerFunc(maps.Robots))
}
