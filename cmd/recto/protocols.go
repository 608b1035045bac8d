package main

import (
	"log/slog"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/api"
	"github.com/recto-archive/recto/cite"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/wilson"
)

// mountProtocols adds to the site what machines read: the JSON API, the
// former Wilson Center Digital Archive API, OAI-PMH, feeds and sitemaps.
func mountProtocols(srv *rectohttp.Server, db recto.Store, search recto.SearchService, baseURL string, logger *slog.Logger) {
	srv.Mount("/api/v1/", api.New(db, search, api.Options{BaseURL: baseURL, Logger: logger}))
	srv.Mount("/srv/", wilson.New(db, search, wilson.Options{BaseURL: baseURL, Publisher: cite.DefaultArchive, Logger: logger}))
}
