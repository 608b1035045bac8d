package sitemap

import (
	"net/http"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

// BenchmarkSitemap measures the sitemaps of the sample archive and, when
// the file exists, of the large benchmark archive at the protocol's 50,000
// URLs a sitemap: documents-1.xml (the oldest, which skips furthest),
// the index with the document sitemaps' lastmods kept, the index read from
// scratch (a new Sitemaps each time: every document sitemap read) and the
// first pages sitemap.
func BenchmarkSitemap(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		a := newArchive(b, storetest.OpenSQLite(b))
		h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 10}))
		for _, target := range []string{"/sitemap.xml", "/sitemaps/documents-1.xml", "/sitemaps/pages-1.xml"} {
			b.Run(target, func(b *testing.B) { benchGet(b, h, target) })
		}
	})
	b.Run("large", func(b *testing.B) {
		db := storetest.OpenBenchArchive(b)
		h := mount(New(recto.NewCatalogue(db, recto.PublicAudience), Options{BaseURL: base}))
		for _, target := range []string{"/sitemaps/documents-1.xml", "/sitemaps/documents-2.xml", "/sitemap.xml", "/sitemaps/pages-1.xml"} {
			b.Run(target, func(b *testing.B) { benchGet(b, h, target) })
		}
		b.Run("/sitemap.xml-from-scratch", func(b *testing.B) {
			get(b, h, "/sitemap.xml") // the store's own memos warm
			for b.Loop() {
				if w := get(b, mount(New(recto.NewCatalogue(db, recto.PublicAudience), Options{BaseURL: base})), "/sitemap.xml"); w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	})
}

func benchGet(b *testing.B, h http.Handler, target string) {
	w := get(b, h, target)
	if w.Code != http.StatusOK {
		b.Fatalf("status %d: %s", w.Code, w.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		if w := get(b, h, target); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.ReportMetric(float64(w.Body.Len()), "bytes/op-body")
}
