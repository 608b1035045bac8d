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
	"maps"
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

	// Catching up with the change log runs in the background, one run at
	// a time, detached from the requests that start it.
	background context.Context
	stop       context.CancelFunc
	runs       sync.WaitGroup
	runMu      sync.Mutex // guards run and closed
	run        *catchUpRun
	closed     bool

	budget    int                     // units of work a search may do: searchBudget
	scores    sync.Pool               // []float32 score arrays
	analyzers chan *analysis.Analyzer // idle analyzers, whose stem caches are worth keeping warm
}

// catchUpRun is a catch-up under way; done closes when it ends.
type catchUpRun struct {
	started time.Time
	done    chan struct{}
	err     error // set before done closes
}

// catchUpWait is how long after a catch-up starts searches wait for it: a
// few changed documents take milliseconds and show in the very search that
// noticed them; a large import's do not hold anyone up.
const catchUpWait = time.Second

// catchingUp is the note of a search answered from an index that is behind.
const catchingUp = "The search index is catching up with recent changes to the archive: documents changed in the " +
	"last moments may be missing from these results or not yet up to date."

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
	e := &Engine{store: store, logger: logger, auth: newAuthorities(), budget: searchBudget,
		analyzers: make(chan *analysis.Analyzer, 2*runtime.GOMAXPROCS(0))}
	e.background, e.stop = context.WithCancel(context.Background())
	return e
}

// Close stops any catch-up, waits for it, and releases the index's file.
func (e *Engine) Close() error {
	e.runMu.Lock()
	e.closed = true
	e.runMu.Unlock()
	e.stop()
	e.runs.Wait()
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

// applyBatch is how many documents a catch-up adds to the index at a time,
// holding its write lock only while it does.
const applyBatch = 256

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
	err = indexDocuments(ctx, e.store, ix, auth, nil, func(batch []*analyzedDoc) error {
		ix.apply(batch)
		return nil
	})
	if err == nil {
		err = ix.fwd.flush()
	}
	if err != nil {
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

// apply adds the analysed documents to the index, or drops them.
func (ix *Index) apply(batch []*analyzedDoc) {
	for _, a := range batch {
		if a.drop {
			ix.remove(a.id)
		} else {
			ix.add(a)
		}
	}
}

// indexDocuments reads the listed documents (all when ids is nil) and hands
// them to add, analysed, applyBatch at a time; a listed document that is
// no longer in the store comes as one to drop, as does one that is not
// published. Analysis runs on every core; add is called from one
// goroutine, which must flush the forward file before the documents it
// added are searched.
func indexDocuments(ctx context.Context, store recto.Store, ix *Index, auth *authorities, ids []int64, add func([]*analyzedDoc) error) error {
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
	batch := make([]*analyzedDoc, 0, applyBatch)
	var addErr error
	flush := func() {
		if addErr == nil && len(batch) > 0 {
			if addErr = add(batch); addErr != nil {
				cancel()
			}
		}
		batch = batch[:0]
	}
	for a := range ready {
		seen[a.id] = true
		if batch = append(batch, a); len(batch) == applyBatch {
			flush()
		}
	}
	switch {
	case addErr != nil: // the scan stopped because of it
		return addErr
	case scanErr != nil:
		return fmt.Errorf("search: read documents: %w", scanErr)
	}
	for _, id := range ids {
		if !seen[id] {
			batch = append(batch, &analyzedDoc{id: id, drop: true})
		}
	}
	flush()
	return addErr
}

// Ready reports whether the index has been built, so that Search answers.
func (e *Engine) Ready() bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix != nil
}

// current returns the last change the index reflects.
func (e *Engine) current() int64 {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.seq
}

// follow brings the index up to the store's latest change when that takes
// a moment: it starts a catch-up in the background (or joins the one under
// way) and waits for it until catchUpWait after it started, so that a
// search never waits long, and one that arrives while a large catch-up
// runs does not wait at all. It reports whether the index is still behind.
// A store it cannot ask is not waited for: the search answers from the
// index as it stands.
func (e *Engine) follow(ctx context.Context) (behind bool) {
	latest, err := e.store.LatestChange(ctx)
	if err != nil {
		if ctx.Err() == nil { // a request that has ended is not the store's fault
			e.logger.Warn("search could not ask the store for its latest change; answering from the index as it is", "error", err)
		}
		return false
	}
	deadline := time.Now().Add(catchUpWait)
	for e.current() < latest {
		run := e.startCatchUp()
		until := run.started.Add(catchUpWait)
		if deadline.Before(until) {
			until = deadline
		}
		wait := time.Until(until)
		if wait <= 0 {
			return true
		}
		timer := time.NewTimer(wait)
		select {
		case <-run.done:
			timer.Stop()
			if run.err != nil {
				return e.current() < latest
			}
			// It may have started before latest was written: look again.
		case <-timer.C:
			return true
		case <-ctx.Done():
			timer.Stop()
			return true
		}
	}
	return false
}

// startCatchUp returns the catch-up under way, or starts one.
func (e *Engine) startCatchUp() *catchUpRun {
	e.runMu.Lock()
	defer e.runMu.Unlock()
	if e.run != nil {
		return e.run
	}
	run := &catchUpRun{started: time.Now(), done: make(chan struct{})}
	if e.closed {
		run.err = errors.New("search: the engine is closed")
		close(run.done)
		return run
	}
	e.run = run
	e.runs.Go(func() {
		run.err = e.catchUp(e.background)
		if run.err != nil && e.background.Err() == nil {
			e.logger.Warn("search index could not catch up; answering from the index as it is", "error", run.err)
		}
		e.runMu.Lock()
		e.run = nil
		e.runMu.Unlock()
		close(run.done)
	})
	return run
}

// catchUp applies the changes the store logged since the index was built or
// last caught up: it re-indexes the changed documents, or rebuilds the whole
// index when many authorities changed. It reads the store without holding
// the index's lock, which it takes only to add each batch of documents, so
// searches go on meanwhile.
func (e *Engine) catchUp(ctx context.Context) error {
	latest, err := e.store.LatestChange(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	current := e.current()
	if latest <= current {
		return nil
	}
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
// hierarchies may have moved. Searches between two batches see some of the
// changes, and are told the index is catching up until the last.
func (e *Engine) apply(ctx context.Context, latest int64, docs map[int64]bool, changed []recto.Change) error {
	e.mu.RLock()
	auth, ix := e.auth, e.ix
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
	ids := slices.Sorted(maps.Keys(docs))
	err := indexDocuments(ctx, e.store, ix, auth, ids, func(batch []*analyzedDoc) error {
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.ix != ix {
			return errors.New("search: the index was replaced while it caught up")
		}
		e.auth = auth // the batch's facet values are the new authorities'
		ix.apply(batch)
		return ix.fwd.flush()
	})
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ix == ix {
		e.auth, e.seq = auth, latest
	}
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

// Search runs a request against the published documents. It answers from
// the index as it stands, saying so when the index is catching up with
// changes, and within its budget of work (searchBudget), saying so when a
// query asked for more; it stops when ctx ends.
func (e *Engine) Search(ctx context.Context, req recto.SearchRequest) (*recto.SearchResult, error) {
	if !e.Ready() {
		return nil, recto.Errorf(recto.EUNAVAILABLE, "Search is starting: its index is being built. Please try again in a minute.")
	}
	filters, err := checkRequest(req)
	if err != nil {
		return nil, err
	}
	behind := e.follow(ctx)
	tree, problems := query.Parse(req.Query)
	an := e.analyzer()
	defer e.release(an)
	res, page, matched, err := e.evaluate(ctx, req, tree, problems, filters, an)
	if err != nil {
		return nil, err
	}
	if behind {
		res.Problems = append(res.Problems, catchingUp)
	}
	if res.Hits, err = e.hits(ctx, an, page, matched); err != nil {
		return nil, err
	}
	res.Highlight = highlightWords(tree)
	return res, nil
}

// checkRequest refuses an unknown sort or facet, and a page that is
// negative, starts past recto.MaxSearchOffset or holds more than
// recto.MaxSearchLimit results: ranking a page keeps Offset+Limit results,
// and the page's documents are read from the store. It returns the
// selections by dimension.
func checkRequest(req recto.SearchRequest) ([numDims]map[string]bool, error) {
	filters := [numDims]map[string]bool{}
	if !req.Sort.Valid() {
		return filters, recto.Errorf(recto.EINVALID, "Unknown sort order %q.", req.Sort)
	}
	if req.Offset < 0 || req.Offset > recto.MaxSearchOffset {
		return filters, recto.Errorf(recto.EINVALID, "Search results can be paged through as far as offset %s; offset %d is past it.",
			recto.Thousands(recto.MaxSearchOffset), req.Offset)
	}
	if req.Limit < 0 || req.Limit > recto.MaxSearchLimit {
		return filters, recto.Errorf(recto.EINVALID, "A page of search results holds at most %s results, not %d.",
			recto.Thousands(recto.MaxSearchLimit), req.Limit)
	}
	for name, keys := range req.Filters {
		d, ok := dimByName(name)
		if !ok {
			return filters, recto.Errorf(recto.EINVALID, "Unknown facet %q.", name)
		}
		filters[d] = map[string]bool{}
		for _, k := range keys {
			filters[d][k] = true
		}
	}
	for _, sel := range req.Require {
		if _, ok := dimByName(sel.Facet); !ok {
			return filters, recto.Errorf(recto.EINVALID, "Unknown facet %q.", sel.Facet)
		}
	}
	return filters, nil
}

// evaluate runs the query against the index, under its read lock: the
// counts, facets and problems of the result, the Record IDs of its page in
// order, and the terms to mark in snippets.
func (e *Engine) evaluate(ctx context.Context, req recto.SearchRequest, tree *query.And, problems []query.Problem,
	filters [numDims]map[string]bool, an *analysis.Analyzer) (*recto.SearchResult, []int64, map[string]bool, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ix == nil {
		return nil, nil, nil, recto.Errorf(recto.EUNAVAILABLE, "Search is closed.")
	}
	var notes []string
	b := newBudget(ctx, e.budget, &notes)
	ex := newExecutor(e.ix, e.auth, an, b)
	for _, p := range problems {
		ex.problems = append(ex.problems, p.Message)
	}
	base := ex.eval(tree, true)
	if ex.err != nil {
		return nil, nil, nil, ex.err
	}
	for _, sel := range req.Require {
		d, _ := dimByName(sel.Facet) // known: checkRequest
		base.and(e.ix.anyOf(d, sel.Keys))
	}
	if b.stopped() {
		return nil, nil, nil, b.err
	}
	res := &recto.SearchResult{Problems: slices.Concat(ex.problems, ex.notes, notes)}
	match := e.ix.filter(base, filters, -1)
	res.Total = match.count()
	res.Facets, res.Years = e.ix.facetCounts(ctx, base, match, filters, e.auth)
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
		scores = e.ix.scores(ctx, match, ex.scoring, *pooled)
		defer func() {
			match.each(func(n uint32) { scores[n] = 0 })
			*pooled = scores
			e.scores.Put(pooled)
		}()
	}
	if b.stopped() {
		return nil, nil, nil, b.err
	}
	best := top(match, req.Offset+req.Limit, e.ix.order(sort, scores))
	var page []int64
	for _, n := range best[min(req.Offset, len(best)):] {
		page = append(page, e.ix.ids[n])
	}
	return res, page, ex.matched, nil
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
		b.and(ix.anyOf(dim(d), slices.Collect(maps.Keys(keys))))
	}
	return b
}

// anyOf returns the documents that have at least one of the keys of
// dimension d.
func (ix *Index) anyOf(d dim, keys []string) bitset {
	any := newBitset(len(ix.ids))
	dm := ix.facets[d]
	for _, k := range keys {
		if v, ok := dm.ids[k]; ok {
			dm.postings[v].into(any)
		}
	}
	return any
}

// facetCounts counts every facet over the results. A facet with selected
// values is counted over the results of the other facets' selections only,
// so its other values show how many results choosing them too would add.
func (ix *Index) facetCounts(ctx context.Context, base, match bitset, filters [numDims]map[string]bool, auth *authorities) ([]recto.Facet, []recto.YearCount) {
	var global []int32
	if noFilters(filters) && ix.everything(base) {
		global = ix.valueLive // nothing narrows the archive: the live counts are the answer
	} else {
		global = ix.countAll(ctx, match)
	}
	facets := make([]recto.Facet, numDims)
	for d := range numDims {
		c := ix.localCounts(d, global)
		if filters[d] != nil {
			c = ix.countDim(ctx, d, ix.filter(base, filters, int(d)))
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
func (e *Engine) hits(ctx context.Context, an *analysis.Analyzer, ids []int64, matched map[string]bool) ([]recto.SearchHit, error) {
	if len(ids) == 0 {
		return nil, nil
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
