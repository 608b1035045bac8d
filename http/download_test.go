package http_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/downloads"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/internal/htmlcheck"
	"github.com/recto-archive/recto/search"
)

func TestDownloads(t *testing.T) {
	s := mustSite(t)
	logger := slog.New(slog.DiscardHandler)
	svc, err := downloads.New(t.TempDir(), s.db, logger, downloads.Format{
		Name: "recto-archive.jsonl", Format: "JSON Lines", MediaType: "application/jsonl", Description: "Everything published.",
		Write: func(ctx context.Context, w io.Writer) error { return corpus.WriteLines(ctx, w, s.db, recto.Public) }})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := rectohttp.NewServer(recto.NewCatalogue(s.db, recto.PublicAudience), search.New(s.db, logger), logger)
	if err != nil {
		t.Fatal(err)
	}
	srv.Downloads, srv.BaseURL = svc, "https://archive.example.org"
	h := srv.Handler()

	before := mustPage(t, h, "/downloads", http.StatusOK)
	wantInOrder(t, before, "<h1>Downloads</h1>", `<a href="/downloads/recto-archive.jsonl" download>JSON Lines</a>`,
		"Everything published.", "recto-archive.jsonl: made on request")

	rec := get(t, h, "/downloads/recto-archive.jsonl")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/jsonl" ||
		rec.Header().Get("Content-Disposition") != "attachment; filename=recto-archive.jsonl" || rec.Header().Get("Last-Modified") == "" {
		t.Fatalf("download: %d %v", rec.Code, rec.Header())
	}
	body := rec.Body.String()
	if !strings.Contains(body, s.ref.Document.Title) || strings.Contains(body, s.ref.Draft.Title) {
		t.Fatal("the download must hold the published letter and not the draft")
	}

	after := mustPage(t, h, "/downloads", http.StatusOK)
	if !strings.Contains(after, "recto-archive.jsonl: ") || strings.Contains(after, "made on request") || !strings.Contains(after, " kB, made ") {
		t.Fatalf("after the download the page should give its size and date:\n%s", after)
	}
	mustPage(t, h, "/downloads/secrets.zip", http.StatusNotFound)
	// A site without downloads says so.
	mustPage(t, mustHandler(t, s.db), "/downloads", http.StatusNotFound)
	htmlcheck.Validate(t, map[string][]byte{"/downloads": []byte(after)})
}
