package search_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/corpora"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/tei"
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

// frusQueries run once the FRUS volumes are in the archive too.
var frusQueries = []recto.SearchRequest{
	{Query: "Sinkiang"},
	{Query: "Hurley Sinkiang", Sort: recto.SortDateAsc},
	{Query: `"Soviet Consul General"`},
	{Query: "Mosquito Reservation"},
	{Query: "Bluefields -Managua"}, // every 1894 document names its volume, "… Nicaragua (Mosquito Territory)"
	{Query: "boxer* OR legation*", Sort: recto.SortDateDesc},
	{Query: "date:1918-04 Vologda"},
	{Query: "type:telegram Tihwa"},
	{Query: "Ethiopia", Filters: map[string][]string{recto.FacetDecade: {"1930"}}},
	{Query: "Francis", Sort: recto.SortTitle},
}

// The same archive on SQLite and on PostgreSQL answers every query alike:
// the same documents in the same order, the same counts, facets, years and
// snippets. Besides the fixture and the sample, the archive holds every FRUS
// file of ../shared/corpora when it is there (as it is in CI).
func TestBackendsAgree(t *testing.T) {
	frus := frusFiles(t)
	if frus == nil {
		t.Log("FRUS volumes not compared: ../shared/corpora is not here")
	}
	answers := map[string][]string{}
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			ctx := context.Background()
			_, err := fixture.LoadReference(ctx, db)
			must(t, err)
			must(t, sample.Load(ctx, db))
			queries := agreementQueries
			if frus != nil {
				importFRUS(t, db, frus)
				queries = append(slices.Clone(queries), frusQueries...)
			}
			engine := search.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
			t.Cleanup(func() { engine.Close() })
			must(t, engine.Build(ctx))
			for _, req := range queries {
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
	if len(sqlite) < len(agreementQueries) {
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

// frusFiles returns the FRUS TEI files of ../shared/corpora, or nil when
// they are not here.
func frusFiles(t *testing.T) []string {
	dir, ok := corpora.Find("frus")
	if !ok {
		return nil
	}
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".xml") {
			files = append(files, path)
		}
		return err
	})
	must(t, err)
	slices.Sort(files)
	return files
}

// importFRUS imports the FRUS files, published, each in its transaction.
func importFRUS(t *testing.T, db recto.Store, files []string) {
	ctx := context.Background()
	for _, name := range files {
		data, err := os.ReadFile(name)
		must(t, err)
		f, err := tei.Read(bytes.NewReader(data), name)
		must(t, err)
		_, err = corpus.Import(ctx, db, f, corpus.ImportOptions{Status: recto.StatusPublished})
		must(t, err)
	}
}
