// Package search is Recto's search engine: an in-memory index of the
// published documents, built from the store at start and kept in step with it
// through the store's change log, so the store stays the single source of
// truth and several processes may serve one archive.
//
// The index keeps, per term, the list of documents and counts (varint
// deltas, most postings one byte), and per document its facet values, dates,
// length, title and publication time. Boolean queries run over bitsets of
// document numbers; relevance is BM25 over the matching documents; facets are
// counted by walking the result set's forward facet values; only the page of
// results is read back from the store, for summaries and snippets. Phrases
// are checked against the texts of the documents that have all their words.
//
// SQLite's FTS5 was measured first and set aside: through the pure-Go driver
// it indexed 4–6 MB of text a second and spent 6 µs per match on BM25, while
// a broad query here must count facets over hundreds of thousands of matches.
package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/query"
)

// Engine answers searches from an Index that follows the store.
type Engine struct {
	store  recto.Store
	logger *slog.Logger

	mu   sync.RWMutex // guards ix, auth and seq
	ix   *Index
	auth *authorities
	seq  int64 // the last change the index reflects

	syncing   sync.Mutex              // one catch-up at a time
	scores    sync.Pool               // []float32 score arrays
	analyzers chan *analysis.Analyzer // idle analyzers, whose stem caches are worth keeping warm
}

// analyzer takes an idle analyzer or makes one; give it back with release.
func (e *Engine) analyzer() *analysis.Analyzer {
	select {
	case a := <-e.analyzers:
		return a
	default:
		return analysis.NewAnalyzer()
	}
}

func (e *Engine) release(a *analysis.Analyzer) {
	select {
	case e.analyzers <- a:
	default:
	}
}

var _ recto.SearchService = (*Engine)(nil)

// New returns an engine over store with an empty index; call Build, and
// Close when done.
func New(store recto.Store, logger *slog.Logger) *Engine {
	return &Engine{store: store, logger: logger, auth: newAuthorities(),
		analyzers: make(chan *analysis.Analyzer, 2*runtime.GOMAXPROCS(0))}
}

// Close releases the index's file.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ix == nil {
		return nil
	}
	err := e.ix.fwd.close()
	e.ix = nil
	return err
}

// rebuildAbove is how many changed authorities make a catch-up rebuild the
// whole index rather than find the documents of each.
const rebuildAbove = 200

// Build reads every published document into a new index and puts it in place.
func (e *Engine) Build(ctx context.Context) error {
	start := time.Now()
	seq, err := e.store.LatestChange(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	auth, err := loadAuthorities(ctx, e.store)
	if err != nil {
		return err
	}
	ix, err := newIndex()
	if err != nil {
		return err
	}
	if err := indexDocuments(ctx, e.store, ix, auth, nil); err != nil {
		ix.fwd.close()
		return err
	}
	ix.dict.sortAll() // now, rather than in the first prefix query
	ix.compact()
	e.logger.Info("search index built", "documents", ix.liveCount, "terms", len(ix.terms),
		"postings_mib", size(ix.terms)>>20, "took", time.Since(start).Round(time.Millisecond))
	e.mu.Lock()
	old := e.ix
	e.ix, e.auth, e.seq = ix, auth, seq
	e.mu.Unlock()
	if old != nil {
		return old.fwd.close()
	}
	return nil
}

// indexDocuments reads the listed documents (all when ids is nil) and adds
// the published ones to ix, dropping the others. Analysis runs on every core;
// one goroutine adds to the index.
func indexDocuments(ctx context.Context, store recto.Store, ix *Index, auth *authorities, ids []int64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	docs := make(chan *recto.Document, 512)
	ready := make(chan *analyzedDoc, 512)
	var scanErr error
	go func() {
		defer close(docs)
		scanErr = store.ScanDocuments(ctx, ids, func(d *recto.Document) error {
			select {
			case docs <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var workers sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		workers.Go(func() {
			da := newDocAnalyzer(ix)
			for d := range docs {
				a := &analyzedDoc{id: d.ID, drop: true}
				if d.Status == recto.StatusPublished {
					a = da.analyze(d, auth)
				}
				ready <- a
			}
		})
	}
	go func() {
		workers.Wait()
		close(ready)
	}()
	seen := map[int64]bool{}
	for a := range ready {
		seen[a.id] = true
		if a.drop {
			ix.remove(a.id)
			continue
		}
		ix.add(a)
	}
	if scanErr != nil {
		return fmt.Errorf("search: read documents: %w", scanErr)
	}
	for _, id := range ids {
		if !seen[id] {
			ix.remove(id)
		}
	}
	return ix.fwd.flush()
}

// catchUp applies the changes the store logged since the index was built or
// last caught up. It costs one query when nothing changed.
// Ready reports whether the index has been built, so that Search answers.
func (e *Engine) Ready() bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix != nil
}

func (e *Engine) catchUp(ctx context.Context) error {
	latest, err := e.store.LatestChange(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	e.mu.RLock()
	current, built := e.seq, e.ix != nil
	e.mu.RUnlock()
	if !built {
		return errors.New("search: the index is not built")
	}
	if latest <= current {
		return nil
	}
	e.syncing.Lock()
	defer e.syncing.Unlock()
	e.mu.RLock()
	current = e.seq
	e.mu.RUnlock()
	docs, kinds, err := e.changesSince(ctx, current, latest)
	if err != nil {
		return err
	}
	if len(kinds) > rebuildAbove {
		return e.Build(ctx)
	}
	return e.apply(ctx, latest, docs, kinds)
}

// changesSince lists the documents and the authorities changed after seq up
// to latest.
func (e *Engine) changesSince(ctx context.Context, seq, latest int64) (docs map[int64]bool, authorities []recto.Change, err error) {
	docs = map[int64]bool{}
	for seq < latest {
		changes, err := e.store.FindChanges(ctx, seq, 10_000)
		if err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		if len(changes) == 0 {
			break
		}
		for _, c := range changes {
			if c.Kind == recto.DocumentChange {
				docs[c.ID] = true
			} else {
				authorities = append(authorities, c)
			}
			seq = c.Seq
		}
	}
	return docs, authorities, nil
}

// apply re-indexes the changed documents and, when authorities changed,
// reloads them and re-indexes their documents, whose facet values and
// hierarchies may have moved.
func (e *Engine) apply(ctx context.Context, latest int64, docs map[int64]bool, changed []recto.Change) error {
	e.mu.RLock()
	auth := e.auth
	e.mu.RUnlock()
	if len(changed) > 0 {
		var err error
		if auth, err = loadAuthorities(ctx, e.store); err != nil {
			return err
		}
		for _, c := range changed {
			if err := e.documentsOf(ctx, auth, c, docs); err != nil {
				return err
			}
		}
	}
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := indexDocuments(ctx, e.store, e.ix, auth, ids); err != nil {
		return err
	}
	e.auth, e.seq = auth, latest
	return nil
}

// documentsOf adds to docs the documents linked to a changed authority;
// for a collection, also those of the collections within it, which count
// under it.
func (e *Engine) documentsOf(ctx context.Context, auth *authorities, c recto.Change, docs map[int64]bool) error {
	f := recto.DocumentFilter{Status: recto.Public}
	switch c.Kind {
	case recto.AgentChange:
		f.AgentID = c.ID
	case recto.PlaceChange:
		f.PlaceID = c.ID
	case recto.SubjectChange:
		f.SubjectID = c.ID
	case recto.CollectionChange:
		f.CollectionID = c.ID
	case recto.RepositoryChange:
		f.RepositoryID = c.ID
	default:
		return nil
	}
	found, _, err := e.store.FindDocuments(ctx, f)
	if err != nil {
		return fmt.Errorf("search: documents of %s %d: %w", c.Kind, c.ID, err)
	}
	for _, d := range found {
		docs[d.ID] = true
	}
	if c.Kind == recto.CollectionChange {
		for _, child := range auth.collections {
			if child.ParentID == c.ID {
				if err := e.documentsOf(ctx, auth, recto.Change{Kind: recto.CollectionChange, ID: child.ID}, docs); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Search runs a request against the published documents.
func (e *Engine) Search(ctx context.Context, req recto.SearchRequest) (*recto.SearchResult, error) {
	if !e.Ready() {
		return nil, recto.Errorf(recto.EUNAVAILABLE, "Search is starting: its index is being built. Please try again in a minute.")
	}
	if !req.Sort.Valid() {
		return nil, recto.Errorf(recto.EINVALID, "Unknown sort order %q.", req.Sort)
	}
	filters := [numDims]map[string]bool{}
	for name, keys := range req.Filters {
		d, ok := dimByName(name)
		if !ok {
			return nil, recto.Errorf(recto.EINVALID, "Unknown facet %q.", name)
		}
		filters[d] = map[string]bool{}
		for _, k := range keys {
			filters[d][k] = true
		}
	}
	if err := e.catchUp(ctx); err != nil {
		e.logger.Warn("search index could not catch up; answering from the index as it is", "error", err)
	}
	tree, problems := query.Parse(req.Query)
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ix == nil {
		return nil, errors.New("search: the index is not built")
	}
	an := e.analyzer()
	defer e.release(an)
	ex := &executor{ix: e.ix, auth: e.auth, an: an, scoring: map[uint32]float64{}, matched: map[string]bool{}}
	for _, p := range problems {
		ex.problems = append(ex.problems, p.Message)
	}
	base := ex.eval(tree, true)
	if ex.err != nil {
		return nil, ex.err
	}
	res := &recto.SearchResult{Problems: ex.problems}
	res.Problems = append(res.Problems, ex.notes...)
	match := e.ix.filter(base, filters, -1)
	res.Total = match.count()
	res.Facets, res.Years = e.ix.facetCounts(base, match, filters, e.auth)
	sort := req.Sort
	if sort == "" || sort == recto.SortRelevance && len(ex.scoring) == 0 {
		sort = recto.SortRelevance
		if len(ex.scoring) == 0 {
			sort = recto.SortDateAsc
		}
	}
	var scores []float32
	if sort == recto.SortRelevance {
		pooled, _ := e.scores.Get().(*[]float32)
		if pooled == nil {
			pooled = new([]float32)
		}
		scores = e.ix.scores(match, ex.scoring, *pooled)
		defer func() {
			match.each(func(n uint32) { scores[n] = 0 })
			*pooled = scores
			e.scores.Put(pooled)
		}()
	}
	page := top(match, req.Offset+req.Limit, e.ix.order(sort, scores))
	if req.Offset < len(page) {
		page = page[req.Offset:]
	} else {
		page = nil
	}
	var err error
	if res.Hits, err = e.hits(ctx, an, page, ex.matched); err != nil {
		return nil, err
	}
	res.Highlight = highlightWords(tree)
	return res, nil
}

// filter applies the facet selections to base, except those of dimension
// skip (-1 for none): values of one facet combine with OR, facets with AND.
func (ix *Index) filter(base bitset, filters [numDims]map[string]bool, skip int) bitset {
	b := newBitset(len(ix.ids))
	b.copyFrom(base)
	for d, keys := range filters {
		if keys == nil || d == skip {
			continue
		}
		any := newBitset(len(ix.ids))
		dm := ix.facets[d]
		for k := range keys {
			if v, ok := dm.ids[k]; ok {
				dm.postings[v].into(any)
			}
		}
		b.and(any)
	}
	return b
}

// facetCounts counts every facet over the results. A facet with selected
// values is counted over the results of the other facets' selections only,
// so its other values show how many results choosing them too would add.
func (ix *Index) facetCounts(base, match bitset, filters [numDims]map[string]bool, auth *authorities) ([]recto.Facet, []recto.YearCount) {
	var global []int32
	if noFilters(filters) && ix.everything(base) {
		global = ix.valueLive // nothing narrows the archive: the live counts are the answer
	} else {
		global = ix.countAll(match)
	}
	facets := make([]recto.Facet, numDims)
	for d := range numDims {
		c := ix.localCounts(d, global)
		if filters[d] != nil {
			c = ix.countDim(d, ix.filter(base, filters, int(d)))
		}
		facets[d] = ix.facet(d, c, filters[d], auth)
	}
	return facets, ix.yearCounts(ix.localCounts(dimYear, global))
}

func noFilters(filters [numDims]map[string]bool) bool {
	for _, f := range filters {
		if f != nil {
			return false
		}
	}
	return true
}

// everything reports whether set holds every live document.
func (ix *Index) everything(set bitset) bool {
	for i, w := range set {
		if w != ix.live[i] {
			return false
		}
	}
	return true
}

func (ix *Index) yearCounts(c []int32) []recto.YearCount {
	var out []recto.YearCount
	for v, n := range c {
		if n == 0 {
			continue
		}
		var y int
		fmt.Sscan(ix.facets[dimYear].keys[v], &y)
		out = append(out, recto.YearCount{Year: y, Count: int(n)})
	}
	slices.SortFunc(out, func(a, b recto.YearCount) int { return a.Year - b.Year })
	return out
}

// hits reads the page's documents and cuts their snippets. A document that
// is no longer published by the time it is read is left out.
func (e *Engine) hits(ctx context.Context, an *analysis.Analyzer, page []uint32, matched map[string]bool) ([]recto.SearchHit, error) {
	ids := make([]int64, len(page))
	for i, n := range page {
		ids[i] = e.ix.ids[n]
	}
	docs, err := e.store.FindDocumentTexts(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("search: read results: %w", err)
	}
	var hits []recto.SearchHit
	for _, d := range docs {
		if d.Status != recto.StatusPublished {
			continue
		}
		h := recto.SearchHit{Document: d.Summarize()}
		h.Snippet, h.SnippetLang = snippet(an, d, matched)
		hits = append(hits, h)
	}
	return hits, nil
}

// highlightWords returns the words and phrases of a query that are not
// excluded, for highlighting on a document page.
func highlightWords(tree *query.And) []string {
	var words []string
	query.Walk(tree, func(n query.Node, negated bool) {
		if negated {
			return
		}
		switch n := n.(type) {
		case *query.Term:
			words = append(words, strings.TrimSuffix(n.Text, "*"))
		case *query.Phrase:
			words = append(words, n.Text)
		case *query.Field:
			if n.Name == "title" {
				words = append(words, n.Value)
			}
		}
	})
	return words
}
