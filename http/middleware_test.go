package http_test

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
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
