package search_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

// FuzzSearch runs any query, facet selection, order and page against a
// small archive: the engine never panics, refuses only what it documents
// (EINVALID), keeps its page within the request's, and answers in a time
// that only a runaway loop could exceed. The seeds are in
// testdata/fuzz/FuzzSearch and below: the expensive requests among
// them.
func FuzzSearch(f *testing.F) {
	a := newArchive(f, storetest.OpenSQLite(f))
	for _, req := range agreementQueries {
		f.Add(req.Query, "", "", string(req.Sort), 0, 10)
	}
	f.Add(`"`+strings.Repeat("the trade of letters and ", 40)+`"`, "", "", "", 0, 10)
	f.Add(strings.Repeat("a* ", 70), recto.FacetLanguage, "ru", "title", 0, 50)
	f.Add(strings.Repeat("(trade OR ", 40)+"x"+strings.Repeat(")", 40), "", "", "", 0, 10)
	f.Add(strings.Repeat(`"Alihan Tore" `, 64), recto.FacetPerson, "3", "-date", 9990, 10)
	f.Add("kulja", "", "", "", 1_000_000_000, 10)
	f.Add("", recto.FacetYear, "1945", "added", 0, 1000)
	f.Fuzz(func(t *testing.T, q, facet, key, sort string, offset, limit int) {
		req := recto.SearchRequest{Query: q, Sort: recto.SearchSort(sort), Offset: offset, Limit: limit}
		if facet != "" {
			req.Filters = map[string][]string{facet: {key}}
		}
		start := time.Now()
		res, err := a.engine.Search(context.Background(), req)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("search %+v took %s", req, took)
		}
		if err != nil {
			if recto.ErrorCode(err) != recto.EINVALID {
				t.Fatalf("search %+v: %v", req, err)
			}
			return
		}
		if len(res.Hits) > limit || res.Total < len(res.Hits) || res.Total > 6 {
			t.Fatalf("search %+v: %d hits of %d", req, len(res.Hits), res.Total)
		}
		for _, p := range res.Problems {
			if p == "" {
				t.Fatalf("search %+v: an empty problem", req)
			}
		}
	})
}
