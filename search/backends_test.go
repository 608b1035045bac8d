package search_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
)

// agreementQueries cover every kind of match, filter and sort.
var agreementQueries = []recto.SearchRequest{
	{},
	{Query: "wool"},
	{Query: "Kulja"},
	{Query: "伊宁"},
	{Query: "Сталин"},
	{Query: "stalin"},
	{Query: "letters"},
	{Query: `"wool and hides"`},
	{Query: "trade -caravan"},
	{Query: "trade OR treaty", Sort: recto.SortDateAsc},
	{Query: "carav*", Sort: recto.SortTitle},
	{Query: "date:1944..1949", Sort: recto.SortDateDesc},
	{Query: "place:xinjiang"},
	{Query: "lang:ru"},
	{Query: "Töre"},
	{Filters: map[string][]string{recto.FacetLanguage: {"ru", "zh-Hant"}}, Sort: recto.SortAdded},
}

// The same archive on SQLite and on PostgreSQL answers every query alike:
// the same documents in the same order, the same counts, facets, years and
// snippets. (FRUS volumes join the archive once they can be imported.)
func TestBackendsAgree(t *testing.T) {
	answers := map[string][]string{}
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			ctx := context.Background()
			_, err := fixture.LoadReference(ctx, db)
			must(t, err)
			must(t, sample.Load(ctx, db))
			engine := search.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
			t.Cleanup(func() { engine.Close() })
			must(t, engine.Build(ctx))
			for _, req := range agreementQueries {
				req.Limit = 50
				res, err := engine.Search(ctx, req)
				must(t, err)
				if res.Total == 0 {
					t.Errorf("%q %v found nothing: a query that finds nothing compares nothing", req.Query, req.Filters)
				}
				answers[b.Name] = append(answers[b.Name], describe(req, res))
			}
		})
	}
	sqlite, postgres := answers["sqlite"], answers["postgres"]
	if len(sqlite) != len(agreementQueries) {
		t.Fatal("no answers from SQLite")
	}
	if postgres == nil {
		t.Skip("PostgreSQL not tested: nothing to compare")
	}
	if diff := cmp.Diff(sqlite, postgres); diff != "" {
		t.Errorf("SQLite and PostgreSQL disagree (-sqlite +postgres):\n%s", diff)
	}
}

// describe writes down everything a result page shows.
func describe(req recto.SearchRequest, res *recto.SearchResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %v %s: total %d, problems %q, highlight %q\n", req.Query, req.Filters, req.Sort, res.Total, res.Problems, res.Highlight)
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "  %d %s %q %v\n", h.Document.ID, h.Document.Title, h.SnippetLang, h.Snippet)
	}
	for _, f := range res.Facets {
		for _, v := range f.Values {
			fmt.Fprintf(&b, "  %s %s %q %d %v %s\n", f.Name, v.Key, v.Label, v.Count, v.Selected, v.Parent)
		}
	}
	fmt.Fprintf(&b, "  years %v\n", res.Years)
	return b.String()
}
