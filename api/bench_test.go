package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// benchGet serves target b.N times and fails unless it answers status.
func benchGet(b *testing.B, h http.Handler, target string, status int) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	b.ReportAllocs()
	b.ResetTimer()
	var size int
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != status {
			b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size), "bytes/response")
}

// BenchmarkDocument serves the reference letter in full.
func BenchmarkDocument(b *testing.B) {
	e := newEnv(b)
	b.Run("200", func(b *testing.B) { benchGet(b, e.h, api("/documents/"+id(e.ref.Document.ID)), http.StatusOK) })
	b.Run("304", func(b *testing.B) {
		rec := e.get(api("/documents/" + id(e.ref.Document.ID)))
		req := httptest.NewRequest(http.MethodGet, api("/documents/"+id(e.ref.Document.ID)), nil)
		req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, req)
			if rec.Code != http.StatusNotModified {
				b.Fatal(rec.Code)
			}
		}
	})
}

// BenchmarkList serves pages of 50 and 500 from an archive of some
// thousands of documents: the first page and one deep in, by cursor.
func BenchmarkList(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	const n = 5000
	docs := make([]*recto.Document, n)
	for i := range docs {
		docs[i] = &recto.Document{Title: fmt.Sprintf("Benchmark document %d", i), Status: recto.StatusPublished,
			Summary: strings.Repeat("A short abstract of the document. ", 4), Type: "telegram",
			Date: edtf.MustParse(fmt.Sprintf("19%02d-%02d", 10+i%80, 1+i%12)), Collections: []*recto.Collection{e.ref.Collection}}
	}
	must(b, e.db.CreateDocuments(ctx, docs))
	mid, _, err := e.db.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public, Sort: recto.SortChanged, Offset: n / 2, Limit: 1})
	must(b, err)
	cursor := docCursor(recto.ChangeCursor{UpdatedAt: mid[0].UpdatedAt, ID: mid[0].ID})
	b.Run("first-50", func(b *testing.B) { benchGet(b, e.h, api("/documents"), http.StatusOK) })
	b.Run("cursor-50", func(b *testing.B) { benchGet(b, e.h, api("/documents?cursor="+cursor), http.StatusOK) })
	b.Run("cursor-500", func(b *testing.B) { benchGet(b, e.h, api("/documents?limit=500&cursor="+cursor), http.StatusOK) })
	b.Run("collection-50", func(b *testing.B) {
		benchGet(b, e.h, api("/documents?collection="+id(e.ref.Collection.ID)+"&cursor="+cursor), http.StatusOK)
	})
	b.Run("people-50", func(b *testing.B) { benchGet(b, e.h, api("/people"), http.StatusOK) })
}

// BenchmarkSearch serves a page of twenty results with facets.
func BenchmarkSearch(b *testing.B) {
	e := newEnv(b)
	benchGet(b, e.h, api("/search?q=kulja"), http.StatusOK)
}
