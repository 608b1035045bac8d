package http_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/htmlcheck"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/sqlite"
)

// site is a server on a real SQLite archive holding the reference fixture.
type site struct {
	db      *sqlite.DB
	ref     *fixture.Reference
	handler http.Handler
}

func mustSite(tb testing.TB) *site {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "recto.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ref, err := fixture.LoadReference(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return &site{db: db, ref: ref, handler: mustHandler(tb, db)}
}

// mustHandler returns the site over store, with a search index built from
// it, at https://archive.example.org.
func mustHandler(tb testing.TB, store recto.Store) http.Handler {
	return handlerWith(tb, store, func(srv *rectohttp.Server) { srv.BaseURL = "https://archive.example.org" })
}

// handlerWith returns the site over store, with a search index built from
// it, set up by configure.
func handlerWith(tb testing.TB, store recto.Store, configure func(*rectohttp.Server)) http.Handler {
	tb.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	engine := search.New(store, logger)
	tb.Cleanup(func() { engine.Close() })
	if err := engine.Build(context.Background()); err != nil {
		tb.Fatal(err)
	}
	srv, err := rectohttp.NewServer(recto.NewCatalogue(store, recto.PublicAudience), engine, logger)
	if err != nil {
		tb.Fatal(err)
	}
	configure(srv)
	return srv.Handler()
}

// get requests path with optional header pairs and returns the response.
func get(tb testing.TB, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// mustPage gets path, wants the status, checks the page's structure and
// returns its body.
func mustPage(tb testing.TB, h http.Handler, path string, status int) string {
	tb.Helper()
	rec := get(tb, h, path)
	if rec.Code != status {
		tb.Fatalf("GET %s: status %d, want %d\n%s", path, rec.Code, status, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		tb.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	for _, p := range htmlcheck.Check(rec.Body.Bytes()) {
		tb.Errorf("GET %s: %s", path, p)
	}
	return rec.Body.String()
}

// wantInOrder fails unless every marker occurs in body, each after the one before.
func wantInOrder(tb testing.TB, body string, markers ...string) {
	tb.Helper()
	at := 0
	for _, m := range markers {
		i := strings.Index(body[at:], m)
		if i < 0 {
			if strings.Contains(body, m) {
				tb.Fatalf("%q is out of order (it comes before an earlier block)", m)
			}
			tb.Fatalf("%q not found", m)
		}
		at += i + len(m)
	}
}

func wantAbsent(tb testing.TB, body string, texts ...string) {
	tb.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			tb.Errorf("page contains %q", s)
		}
	}
}

// Until its search index is built, the site serves pages, answers search
// with 503 and Retry-After, and tells load balancers it is not ready.
func TestSearchNotReady(t *testing.T) {
	s := mustSite(t)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	engine := search.New(s.db, logger)
	t.Cleanup(func() { engine.Close() })
	srv, err := rectohttp.NewServer(recto.NewCatalogue(s.db, recto.PublicAudience), engine, logger)
	if err != nil {
		t.Fatal(err)
	}
	srv.BaseURL = "https://archive.example.org"
	h := srv.Handler()
	check := func(path string, status int, retry bool, body string) {
		t.Helper()
		rec := get(t, h, path)
		if rec.Code != status || (rec.Header().Get("Retry-After") != "") != retry || !strings.Contains(rec.Body.String(), body) {
			t.Errorf("GET %s: %d, Retry-After %q, body %.200q", path, rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
		}
	}
	check(fmt.Sprintf("/documents/%d", s.ref.Document.ID), http.StatusOK, false, "Alihan")
	check("/search?q=greetings", http.StatusServiceUnavailable, true, "index is being built")
	check("/healthz", http.StatusServiceUnavailable, true, "starting")
	if err := engine.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	check("/search?q=greetings", http.StatusOK, false, "Results 1")
	check("/healthz", http.StatusOK, false, "ok")
}
