package http_test

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/recto-archive/recto"
	rectohttp "github.com/recto-archive/recto/http"
)

func TestSecurityHeaders(t *testing.T) {
	s := mustSite(t)
	for _, path := range []string{"/", "/nowhere", "/static/recto.css"} {
		h := get(t, s.handler, path).Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := mustSite(t)
	path := fmt.Sprintf("/documents/%d", s.ref.Document.ID)
	first := get(t, s.handler, path)
	etag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if etag == "" || modified == "" {
		t.Fatalf("no validators: %v", first.Header())
	}
	if rec := get(t, s.handler, path, "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Fatalf("If-None-Match: %d with %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(t, s.handler, path, "If-Modified-Since", modified); rec.Code != http.StatusNotModified {
		t.Fatalf("If-Modified-Since: %d", rec.Code)
	}
	if rec := get(t, s.handler, path, "If-None-Match", `W/"other"`, "If-Modified-Since", modified); rec.Code != http.StatusOK {
		t.Fatalf("a different ETag must win over If-Modified-Since: %d", rec.Code)
	}
	// An edit changes the page, so the old ETag no longer matches.
	d := s.ref.Document
	d.Title = "Edited title"
	must(t, s.db.UpdateDocument(context.Background(), d))
	if rec := get(t, s.handler, path, "If-None-Match", etag); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Edited title") {
		t.Fatalf("after an edit: %d", rec.Code)
	}
}

func TestGzip(t *testing.T) {
	s := mustSite(t)
	rec := get(t, s.handler, "/", "Accept-Encoding", "br, gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	must(t, err)
	body, err := io.ReadAll(zr)
	must(t, err)
	if !strings.Contains(string(body), "Newest additions") {
		t.Fatal("gzipped body is not the page")
	}
	for _, ae := range []string{"", "gzip;q=0", "identity"} {
		if rec := get(t, s.handler, "/", "Accept-Encoding", ae); rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: compressed", ae)
		}
	}
}

func TestStaticCSS(t *testing.T) {
	s := mustSite(t)
	page := get(t, s.handler, "/").Body.String()
	i := strings.Index(page, `href="/static/recto.css?v=`)
	url := page[i+len(`href="`):]
	url = url[:strings.Index(url, `"`)]
	rec := get(t, s.handler, url)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/css; charset=utf-8" ||
		!strings.Contains(rec.Header().Get("Cache-Control"), "immutable") || !strings.Contains(rec.Body.String(), "@media print") {
		t.Fatalf("%s: %d %v", url, rec.Code, rec.Header())
	}
	if rec := get(t, s.handler, "/static/recto.css?v=old"); strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Fatal("a stale version is cached for good")
	}
}

// failingStore fails or panics where told, to test the error paths.
type failingStore struct {
	recto.Store
	panics bool
}

func (f failingStore) FindDocumentByID(ctx context.Context, id int64) (*recto.Document, error) {
	if f.panics {
		panic("store exploded")
	}
	return nil, errors.New("disk on fire at /var/secret/path")
}

func TestErrors_NoLeakNoCrash(t *testing.T) {
	s := mustSite(t)
	for _, panics := range []bool{false, true} {
		h := mustHandler(t, failingStore{Store: s.db, panics: panics})
		body := mustPage(t, h, "/documents/1", http.StatusInternalServerError)
		wantInOrder(t, body, "<h1>Something went wrong</h1>", "The problem has been logged")
		wantAbsent(t, body, "disk on fire", "/var/secret", "exploded")
		// The server goes on serving.
		mustPage(t, h, "/", http.StatusOK)
	}
}

func TestHealth(t *testing.T) {
	s := mustSite(t)
	if rec := get(t, s.handler, "/healthz"); rec.Code != http.StatusOK || rec.Body.String() != "ok\n" {
		t.Fatalf("%d %q", rec.Code, rec.Body.String())
	}
}

func BenchmarkDocumentPage(b *testing.B) {
	s := mustSite(b)
	path := fmt.Sprintf("/documents/%d", s.ref.Document.ID)
	b.ReportAllocs()
	for b.Loop() {
		if rec := get(b, s.handler, path); rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkDocumentPage_Parallel(b *testing.B) {
	s := mustSite(b)
	path := fmt.Sprintf("/documents/%d", s.ref.Document.ID)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if rec := get(b, s.handler, path); rec.Code != http.StatusOK {
				b.Error(rec.Code)
			}
		}
	})
}

// TestAccessLogClientGone: a request whose client went away is logged as
// such at Info, not as a server error, while a request for a missing page
// is still a warning.
func TestAccessLogClientGone(t *testing.T) {
	s := mustSite(t)
	var log strings.Builder
	var mu sync.Mutex
	h := handlerWith(t, s.db, func(srv *rectohttp.Server) {
		srv.BaseURL = "https://archive.example.org"
		srv.Logger = slog.New(slog.NewTextHandler(&lockedWriter{w: &log, mu: &mu}, nil))
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/search?q=letter", nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
	get(t, h, "/nowhere")
	mu.Lock()
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	mu.Unlock()
	if len(lines) != 2 {
		t.Fatalf("want two log lines, got %q", lines)
	}
	if gone := lines[0]; !strings.Contains(gone, "level=INFO") || !strings.Contains(gone, "client_gone=true") {
		t.Errorf("a request whose client went away: %s", gone)
	}
	if missing := lines[1]; !strings.Contains(missing, "level=WARN") || strings.Contains(missing, "client_gone") {
		t.Errorf("a missing page: %s", missing)
	}
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
