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

// mountProtocols adds to the site what machines read: the JSON API, the
// former Wilson Center Digital Archive API, OAI-PMH, feeds and sitemaps.
func mountProtocols(srv *rectohttp.Server, db recto.Store, search recto.SearchService, baseURL, adminEmail, oaiRepositoryID string, logger *slog.Logger) {
	srv.Mount("/api/v1/", api.New(db, search, api.Options{BaseURL: baseURL, Logger: logger}))
	srv.Mount("/srv/", wilson.New(db, search, wilson.Options{BaseURL: baseURL, Publisher: cite.DefaultArchive, Logger: logger}))

	feeds := feed.New(db, search, feed.Options{BaseURL: baseURL, Title: cite.DefaultArchive, Logger: logger})
	srv.Mount("GET /feed.atom", http.HandlerFunc(feeds.Archive))
	srv.Mount("GET /collections/{id}/feed.atom", http.HandlerFunc(feeds.Collection))
	srv.Mount("GET /search.atom", http.HandlerFunc(feeds.Search))

	oai := oaipmh.New(db, oaipmh.Options{BaseURL: baseURL, RepositoryID: oaiRepositoryID, RepositoryName: cite.DefaultArchive,
		AdminEmail: adminEmail, Logger: logger})
	srv.Mount(oaipmh.Path, oai) // GET, HEAD and POST
	srv.Mount("GET "+oaipmh.SchemaPath, oai)

	maps := sitemap.New(db, sitemap.Options{BaseURL: baseURL, Logger: logger})
	srv.Mount("GET /sitemap.xml", http.HandlerFunc(maps.Index))
	srv.Mount("GET /sitemaps/{name}", http.HandlerFunc(maps.Sitemap))
	srv.Mount("GET /robots.txt", http.HandlerFunc(maps.Robots))
}
