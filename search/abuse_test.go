package search_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
)

// The engine bounds a page itself, whoever asks: ranking a page keeps
// Offset+Limit results, and page 10⁸ of the site once asked for a buffer of
// a billion.
func TestSearch_PageBounds(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	for _, req := range []recto.SearchRequest{
		{Offset: recto.MaxSearchOffset + 1, Limit: 10},
		{Offset: 9_999_999_990, Limit: 10}, // the site's page 10⁹
		{Offset: -1, Limit: 10},
		{Limit: recto.MaxSearchLimit + 1},
		{Limit: -1},
	} {
		if _, err := a.engine.Search(ctx, req); recto.ErrorCode(err) != recto.EINVALID {
			t.Errorf("offset %d, limit %d: %v, want EINVALID", req.Offset, req.Limit, err)
		}
	}
	// The deepest and longest page allowed answers: past the results, none.
	res := a.search(t, recto.SearchRequest{Offset: recto.MaxSearchOffset, Limit: recto.MaxSearchLimit})
	if len(res.Hits) != 0 || res.Total != 6 {
		t.Errorf("deepest page: %d hits of %d", len(res.Hits), res.Total)
	}
}

const budgetNote = "more work than one search may do"

// Work that multiplies (prefixes, phrases checked in documents) stops at
// the budget, and the result says so; words are always searched.
func TestSearch_Budget(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	check := func(q string, wantNote bool, want ...string) {
		t.Helper()
		res := a.want(t, q, want...)
		if got := strings.Contains(strings.Join(res.Problems, " "), budgetNote); got != wantNote {
			t.Errorf("%q: problems %q; a note on the budget: %v, want %v", q, res.Problems, got, wantNote)
		}
	}
	check(`"and letters"`, false, "khrushchev", "undated")
	check("lett*", false, "letter", "khrushchev", "undated")
	a.engine.SetBudget(1)
	check(`"and letters"`, true)
	check("lett*", true)
	check("letters", false, "letter", "khrushchev", "undated")
	check(`"Alihan Tore"`, true, "letter") // linked to him, but no text checked for his names
}

// A search whose request has ended stops with the context's error, even
// when nothing is read from the store.
func TestSearch_HonoursContext(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []string{"", "trade", `"and letters"`, "lett* date:1940..1950"} {
		res, err := a.engine.Search(ctx, recto.SearchRequest{Query: q})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%q: %v (%v), want the context's error", q, res, err)
		}
	}
}

// slowStore holds ScanDocuments, which catching up reads documents with,
// until it is let go: a store under a large import.
type slowStore struct {
	storetest.Store
	mu   sync.Mutex
	gate chan struct{} // closed: documents are read
}

func newSlowStore(db storetest.Store) *slowStore {
	s := &slowStore{Store: db, gate: make(chan struct{})}
	close(s.gate)
	return s
}

func (s *slowStore) hold() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = make(chan struct{})
}

func (s *slowStore) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.gate)
}

func (s *slowStore) ScanDocuments(ctx context.Context, ids []int64, fn func(*recto.Document) error) error {
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	select {
	case <-gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.Store.ScanDocuments(ctx, ids, fn)
}

const catchingUpNote = "catching up with recent changes"

// While the index catches up with changes that take long to read, searches
// answer at once from the index as it stands and say so, whether a few
// documents changed or so many authorities that the index is rebuilt; once
// the catch-up is done, they find the changes without the note.
func TestCatchUpInBackground(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(t *testing.T, a *archive)
	}{
		{"documents", func(t *testing.T, a *archive) {
			d := a.docs["draft"]
			d.Status = recto.StatusPublished
			must(t, a.db.UpdateDocument(context.Background(), d))
		}},
		{"authorities", func(t *testing.T, a *archive) {
			for i := range 201 { // past rebuildAbove: the whole index is rebuilt
				must(t, a.db.CreatePlace(context.Background(), &recto.Place{Name: fmt.Sprintf("Okapiland %d", i)}))
			}
			d := a.docs["draft"]
			d.Status = recto.StatusPublished
			must(t, a.db.UpdateDocument(context.Background(), d))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T, db storetest.Store) {
				a := newArchive(t, db)
				slow := newSlowStore(db)
				e := search.New(slow, slog.New(slog.NewTextHandler(io.Discard, nil)))
				t.Cleanup(func() { e.Close() })
				must(t, e.Build(context.Background()))
				slow.hold()
				tt.change(t, a)
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				start := time.Now()
				res, err := e.Search(ctx, recto.SearchRequest{Query: "quagga", Limit: 10})
				must(t, err)
				if took := time.Since(start); took > 3*time.Second || res.Total != 0 ||
					!strings.Contains(strings.Join(res.Problems, " "), catchingUpNote) {
					t.Errorf("while the index catches up: %d results, problems %q, in %s; want none, the note, at once",
						res.Total, res.Problems, took)
				}
				slow.release()
				for deadline := time.Now().Add(20 * time.Second); ; {
					res, err = e.Search(context.Background(), recto.SearchRequest{Query: "quagga", Limit: 10})
					must(t, err)
					if res.Total == 1 {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("after the catch-up: %d results, problems %q", res.Total, res.Problems)
					}
					time.Sleep(50 * time.Millisecond)
				}
				if strings.Contains(strings.Join(res.Problems, " "), catchingUpNote) {
					t.Errorf("caught up, but problems %q", res.Problems)
				}
			})
		})
	}
}

// People and places that only drafts name, or only documents no longer
// published, are never confirmed by a search: no note on their names, no
// field match, no label on a selected facet value.
func TestDraftNamesNeverConfirmed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db storetest.Store) {
		ctx := context.Background()
		a := newArchive(t, db)
		secret := &recto.Agent{Kind: recto.Person, Name: "Ivan Secretov", Variants: []recto.Name{{Name: "Secretoff"}}}
		gone := &recto.Agent{Kind: recto.Person, Name: "Pyotr Gonov", Variants: []recto.Name{{Name: "Gonoff"}}}
		atlantis := &recto.Place{Name: "Atlantis", Variants: []recto.Name{{Name: "Atlantida"}}}
		must(t, db.CreateAgent(ctx, secret))
		must(t, db.CreateAgent(ctx, gone))
		must(t, db.CreatePlace(ctx, atlantis))
		draft := a.docs["draft"]
		draft.Credits = append(draft.Credits, recto.Credit{Role: recto.RoleAuthor, Agent: secret})
		draft.Places = append(draft.Places, atlantis)
		must(t, db.UpdateDocument(ctx, draft))
		// Gonov was published once, then withdrawn.
		undated := a.docs["undated"]
		undated.Credits = append(undated.Credits, recto.Credit{Role: recto.RoleAuthor, Agent: gone})
		must(t, db.UpdateDocument(ctx, undated))
		if res := a.want(t, "Gonoff", "undated"); !strings.Contains(strings.Join(res.Problems, " "), "is a name of Pyotr Gonov") {
			t.Fatalf("a published person's variant: problems %q", res.Problems)
		}
		undated.Status = recto.StatusWithdrawn
		must(t, db.UpdateDocument(ctx, undated))

		for _, names := range [][]string{{"Secretoff", "Secretov"}, {"Atlantida", "Atlantis"}, {"Gonoff", "Gonov"}} {
			for _, req := range []recto.SearchRequest{
				{Query: names[0]}, {Query: `"` + names[0] + `"`}, {Query: "person:" + names[0]},
				{Query: "place:" + names[0]}, {Query: "translator:" + names[0]},
			} {
				res := a.search(t, req)
				if res.Total != 0 || strings.Contains(fmt.Sprint(res), names[1]) {
					t.Errorf("%q: %d results, problems %q: confirms %s", req.Query, res.Total, res.Problems, names[1])
				}
				if strings.Contains(req.Query, ":") && !strings.Contains(strings.Join(res.Problems, " "), "matches") {
					t.Errorf("%q: problems %q, want one saying nothing matches", req.Query, res.Problems)
				}
			}
		}
		for facet, id := range map[string]int64{recto.FacetPerson: secret.ID, recto.FacetPlace: atlantis.ID} {
			key := fmt.Sprint(id)
			res := a.search(t, recto.SearchRequest{Filters: map[string][]string{facet: {key}}})
			if res.Total != 0 || strings.Contains(fmt.Sprint(res), "Secretov") || strings.Contains(fmt.Sprint(res), "Atlantis") {
				t.Errorf("%s=%s: %d results, facets %v", facet, key, res.Total, res.Facets)
			}
		}
		key := fmt.Sprint(gone.ID)
		res := a.search(t, recto.SearchRequest{Filters: map[string][]string{recto.FacetPerson: {key}}})
		if v := facet(res, recto.FacetPerson); !v[key].Selected || v[key].Count != 0 || strings.Contains(fmt.Sprint(res), "Gonov") {
			t.Errorf("a selected person no published document names: %+v, want shown by key alone", v)
		}
	})
}

// benchEngine builds the engine over the large benchmark archive
// (RECTO_BENCH_DB), or skips.
func benchEngine(b *testing.B) (*search.Engine, storetest.Store) {
	db := storetest.OpenBenchArchive(b)
	e := search.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.Cleanup(func() { e.Close() })
	must(b, e.Build(context.Background()))
	return e, db
}

// commonPhrase returns a phrase of about n characters made of the archive's
// most frequent words, counted over the English texts of its first documents,
// so that nearly every document holds all of its words.
func commonPhrase(tb testing.TB, db recto.Store, n int) string {
	ctx := context.Background()
	ids := make([]int64, 300)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	docs, err := db.FindDocumentTexts(ctx, ids)
	must(tb, err)
	freq := map[string]int{}
	for _, d := range docs {
		for _, t := range d.Texts {
			if t.Lang == "en" {
				for _, w := range strings.FieldsFunc(strings.ToLower(t.Body), func(r rune) bool { return !('a' <= r && r <= 'z') }) {
					freq[w]++
				}
			}
		}
	}
	words := make([]string, 0, len(freq))
	for w := range freq {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int { return freq[b] - freq[a] })
	if len(words) < 12 {
		tb.Fatalf("the archive's first documents have %d English words", len(words))
	}
	var p strings.Builder
	for i := 0; p.Len() < n-12; i++ {
		if i > 0 {
			p.WriteString(" ")
		}
		p.WriteString(words[i%12])
	}
	return p.String()
}

// BenchmarkSearch_LongPhrase times a 990-character quoted phrase of the
// archive's commonest words on the benchmark archive (RECTO_BENCH_DB): every
// document with all its words is a candidate to check.
func BenchmarkSearch_LongPhrase(b *testing.B) {
	e, db := benchEngine(b)
	q := `"` + commonPhrase(b, db, 990) + `"`
	res := timeSearch(b, e, q)
	b.ReportMetric(float64(res.Total), "results")
	b.Logf("%d results, notes %q", res.Total, res.Problems)
}

// timeSearch times a search for the first ten results of q, as a request
// asks, and returns its result.
func timeSearch(b *testing.B, e *search.Engine, q string) *recto.SearchResult {
	b.ResetTimer()
	var res *recto.SearchResult
	for b.Loop() {
		var err error
		res, err = e.Search(context.Background(), recto.SearchRequest{Query: q, Limit: 10})
		must(b, err)
	}
	return res
}

// BenchmarkSearch_DeepPage times the deepest page a search serves (results
// 10,001–10,010 of every document, by title) on the benchmark archive.
func BenchmarkSearch_DeepPage(b *testing.B) {
	e, _ := benchEngine(b)
	req := recto.SearchRequest{Sort: recto.SortTitle, Offset: recto.MaxSearchOffset, Limit: 10}
	b.ResetTimer()
	for b.Loop() {
		res, err := e.Search(context.Background(), req)
		must(b, err)
		if len(res.Hits) != 10 {
			b.Fatalf("%d hits", len(res.Hits))
		}
	}
}

// BenchmarkSearch_Budget times a search that spends its whole budget: 64
// phrases of common words joined by OR, each to be checked in nearly every
// document. Its time is what the budget allows on this machine, plus what
// every search of the archive costs.
func BenchmarkSearch_Budget(b *testing.B) {
	e, db := benchEngine(b)
	words := strings.Fields(commonPhrase(b, db, 200))
	var phrases []string
	for i := range 64 {
		phrases = append(phrases, `"`+words[i%len(words)]+" "+words[(i*7+3)%len(words)]+`"`)
	}
	q := strings.Join(phrases, " OR ")
	res := timeSearch(b, e, q)
	if !strings.Contains(strings.Join(res.Problems, " "), budgetNote) {
		b.Errorf("the search did not reach its budget: problems %q", res.Problems)
	}
	b.ReportMetric(float64(res.Total), "results")
}

// BenchmarkSearch_Prefixes times the most words one query can expand to:
// every letter of the alphabet as a one-letter prefix, joined by OR, each
// standing for up to maxPrefixTerms words.
func BenchmarkSearch_Prefixes(b *testing.B) {
	e, _ := benchEngine(b)
	var prefixes []string
	for c := 'a'; c <= 'z'; c++ {
		prefixes = append(prefixes, string(c)+"*")
	}
	q := strings.Join(prefixes, " OR ")
	res := timeSearch(b, e, q)
	b.ReportMetric(float64(res.Total), "results")
	b.Logf("%d results, notes %q", res.Total, res.Problems)
}
