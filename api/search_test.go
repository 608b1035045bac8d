package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/search"
)

// TestSearch runs the site's searches through the API.
func TestSearch(t *testing.T) {
	e := newEnv(t)
	ref := e.ref
	hits := func(r SearchResult) []int64 {
		var ids []int64
		for _, h := range r.Data {
			ids = append(ids, h.Document.ID)
		}
		return ids
	}
	// A variant of an authority finds the letter, with a snippet; the
	// document in review whose text says Kulja is never found.
	var r SearchResult
	e.getJSON(t, api("/search?q=Yining&limit=100"), http.StatusOK, &r)
	if !slices.Contains(hits(r), ref.Document.ID) {
		t.Errorf("Yining: %v", hits(r))
	}
	e.getJSON(t, api("/search?q=kulja&limit=100"), http.StatusOK, &r)
	if slices.Contains(hits(r), e.inReview.ID) || r.Total != len(r.Data) {
		t.Errorf("kulja: %v of %d", hits(r), r.Total)
	}
	e.getJSON(t, api("/search?q=%22second+paragraph+speaks%22"), http.StatusOK, &r)
	if len(r.Data) != 1 || r.Data[0].Document.ID != ref.Document.ID || r.Data[0].Snippet == nil ||
		!slices.ContainsFunc(r.Data[0].Snippet.Fragments, func(f Fragment) bool { return f.Match }) {
		t.Fatalf("phrase: %+v", r.Data)
	}
	if len(r.Facets) != len(recto.Facets) {
		t.Errorf("%d facets", len(r.Facets))
	}
	// Facet parameters filter as on the site, and selected values say so.
	e.getJSON(t, api("/search?person="+id(ref.Author.ID)+"&lang=ru"), http.StatusOK, &r)
	if !slices.Equal(hits(r), []int64{ref.Document.ID}) {
		t.Errorf("person and lang: %v", hits(r))
	}
	for _, f := range r.Facets {
		for _, v := range f.Values {
			if v.Selected != (f.Name == "person" && v.Key == id(ref.Author.ID) || f.Name == "lang" && v.Key == "ru") {
				t.Errorf("facet %s value %s selected %v", f.Name, v.Key, v.Selected)
			}
		}
	}
	// No query, no filter: every published document, in pages by offset.
	want := publishedIDs(t, e, recto.DocumentFilter{})
	var all []int64
	target := api("/search?sort=date&limit=7")
	for target != "" {
		e.getJSON(t, target, http.StatusOK, &r)
		if r.Total != len(want) {
			t.Errorf("total %d, want %d", r.Total, len(want))
		}
		all = append(all, hits(r)...)
		target = ""
		if r.Next != nil {
			target = strings.TrimPrefix(*r.Next, testBase)
		}
	}
	slices.Sort(all)
	slices.Sort(want)
	if !slices.Equal(all, want) {
		t.Errorf("paged search: %v, want %v", all, want)
	}
	// A malformed query is answered, with its problems.
	e.getJSON(t, api("/search?q="+url.QueryEscape("date:1945-13 kulja")), http.StatusOK, &r)
	if len(r.Problems) == 0 {
		t.Error("no problems reported for date:1945-13")
	}
	// limit=0 answers counts only.
	e.getJSON(t, api("/search?q=kulja&limit=0"), http.StatusOK, &r)
	if len(r.Data) != 0 || r.Total == 0 || r.Next != nil {
		t.Errorf("limit=0: %d hits of %d, next %v", len(r.Data), r.Total, r.Next)
	}
	// The next link keeps the query, filters and order.
	e.getJSON(t, api("/search?q=kulja&collection=3&sort=-date&limit=1"), http.StatusOK, &r)
	if r.Next == nil || *r.Next != testBase+"/api/v1/search?q=kulja&collection=3&sort=-date&limit=1&offset=1" {
		t.Errorf("next: %v", r.Next)
	}
}

// TestSearchUnavailable: search before its index is built answers 503 with
// Retry-After; the rest of the API works.
func TestSearchUnavailable(t *testing.T) {
	e := newEnv(t)
	cold := search.New(e.db, slog.New(slog.DiscardHandler))
	e.h = New(recto.NewCatalogue(e.db, recto.PublicAudience), cold, Options{BaseURL: testBase})
	rec := e.get(api("/search?q=kulja"))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("%d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	e.conforms(t, api("/search"), rec)
	e.getJSON(t, api("/documents"), http.StatusOK, nil)
}

// failingStore fails every document read, as a broken database would.
type failingStore struct{ recto.Store }

func (failingStore) FindDocumentByID(context.Context, int64) (*recto.Document, error) {
	return nil, errFailing
}

var errFailing = &failure{"database exploded at /var/secret/path"}

type failure struct{ s string }

func (f *failure) Error() string { return f.s }

// TestInternalError: a failure of the store is a 500 whose body says
// nothing of it.
func TestInternalError(t *testing.T) {
	e := newEnv(t)
	e.h = New(recto.NewCatalogue(failingStore{e.db}, recto.PublicAudience), e.eng, Options{BaseURL: testBase})
	rec := e.get(api("/documents/" + id(e.ref.Document.ID)))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "secret") ||
		!strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	e.conforms(t, api("/documents/1"), rec)
}
