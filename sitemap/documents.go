package sitemap

import (
	"context"
	"log/slog"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// The document sitemaps hold the published documents in the order of first
// publication, oldest first, then Record ID: documents-N.xml has the
// documents at positions (N-1)·P to N·P-1 of that order. The store lists
// them newest first with an index (DocumentFilter.Sort SortNewest), so
// documents-N.xml is one listing that skips to its place from the newest end.
//
// The index's lastmod of a document sitemap is the newest change among its
// documents. Sitemaps keeps, per sitemap, the key of its first document and
// that time, for one change sequence of the archive (recto.ChangeService),
// and brings them up to date from the documents the change log names since:
//
//   - a changed document that is still published and was already listed
//     stays where it was (its first publication does not change), and its
//     sitemap's lastmod becomes its change if later;
//   - a document published after the last listed one joins the last
//     sitemap, or a new one;
//   - anything else (a published document withdrawn or back in draft, one
//     republished, one restored with old stamps) moves documents between
//     sitemaps, and every sitemap is read again, as it is when more than
//     maxChanges documents changed.
//
// That the published count is the old one plus the joiners, and that no
// changed document that was ever published is now unpublished, proves the
// first two cases are all there is: a document that left would show as
// such, and one that came back would make the count disagree. It relies
// on what the store promises: every write of a document is in the change
// log and sets its UpdatedAt, PublishedAt is kept once set, and documents
// are never deleted.

// key places a document in the order of the document sitemaps.
type key struct {
	at time.Time // first publication
	id int64
}

func keyOf(d *recto.DocumentSummary) key { return key{d.PublishedAt, d.ID} }

// block is what the index needs of one document sitemap.
type block struct {
	first   key       // its first document
	lastmod time.Time // the newest change among its documents
}

// docState describes the document sitemaps for one change sequence.
type docState struct {
	seq    int64 // the archive's change sequence the state is for
	total  int   // published documents
	last   key   // the last published document's key
	blocks []block
	// stale says that the archive changed while the state was read, which
	// may have shifted the sitemaps read: update must read them all again.
	stale bool
}

const (
	// maxChanges bounds the changed documents an update reads; past it,
	// reading every sitemap again is about as cheap.
	maxChanges = 2000
	// maxLog bounds the change log entries an update reads.
	maxLog = 100000
	// logPage is how many change log entries are read at a time.
	logPage = 1000
	// buildWorkers read the sitemaps of a full build side by side.
	buildWorkers = 4
	// refreshTimeout bounds one refresh of what Sitemaps keeps.
	refreshTimeout = 5 * time.Minute
	// staleWait is how long a request waits for a refresh when it can be
	// answered from what was kept before.
	staleWait = time.Second
)

// documentState returns the state for the archive as it is now, kept
// between requests and refreshed as kept values are: at a million documents
// reading every sitemap takes seconds.
func (s *Sitemaps) documentState(ctx context.Context) (*docState, error) {
	seq, err := s.catalogue.LatestChange(ctx)
	if err != nil {
		return nil, err
	}
	return s.state.get(ctx, func(st *docState) bool { return st.seq == seq && !st.stale },
		func(ctx context.Context, prev *docState, _ bool) (*docState, error) { return s.refresh(ctx, prev) },
		func(err error) {
			s.opts.Logger.Error("sitemap: reading the document sitemaps failed", slog.Any("error", err))
		},
		"The sitemap index is being prepared. Please try again in a minute.")
}

// refresh returns old brought up to date, or a new state.
func (s *Sitemaps) refresh(ctx context.Context, old *docState) (*docState, error) {
	seq, err := s.catalogue.LatestChange(ctx)
	if err != nil {
		return nil, err
	}
	if old != nil && !old.stale {
		if old.seq == seq {
			return old, nil
		}
		st, ok, err := s.update(ctx, old, seq)
		if err != nil || ok {
			return st, err
		}
	}
	return s.build(ctx, seq)
}

// build reads every document sitemap.
func (s *Sitemaps) build(ctx context.Context, seq int64) (*docState, error) {
	s.builds.Add(1)
	total, err := s.publishedCount(ctx)
	if err != nil {
		return nil, err
	}
	st := &docState{seq: seq, total: total, blocks: make([]block, count(total, s.opts.PerSitemap))}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := make(chan int)
	for range min(buildWorkers, len(st.blocks)) {
		wg.Go(func() {
			for k := range next {
				docs, err := s.block(ctx, total, k)
				mu.Lock()
				switch {
				case err != nil:
					firstErr = cmpErr(firstErr, err)
					cancel()
				case len(docs) > 0:
					st.blocks[k].first = keyOf(docs[0])
					for _, d := range docs {
						st.blocks[k].lastmod = later(st.blocks[k].lastmod, d.UpdatedAt)
					}
					if k == len(st.blocks)-1 {
						st.last = keyOf(docs[len(docs)-1])
					}
				}
				mu.Unlock()
			}
		})
	}
	for k := range st.blocks {
		next <- k
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	now, err := s.catalogue.LatestChange(ctx)
	if err != nil {
		return nil, err
	}
	st.stale = now != seq
	return st, nil
}

// update brings old up to date for seq from the documents changed since
// it; ok is false when only a full build will do.
func (s *Sitemaps) update(ctx context.Context, old *docState, seq int64) (st *docState, ok bool, err error) {
	ids, upTo, ok, err := s.changedDocuments(ctx, old.seq)
	if err != nil || !ok {
		return nil, false, err
	}
	// The documents and the count are read after the change log: they show
	// at least the changes up to upTo. The catalogue gives those the public
	// does not see as traces, which say whether they may have been listed.
	docs, err := s.catalogue.FindTracesByIDs(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	if len(docs) != len(ids) {
		return nil, false, nil // gone: documents are not deleted, but be safe
	}
	total, err := s.publishedCount(ctx)
	if err != nil {
		return nil, false, err
	}
	st = &docState{seq: max(seq, upTo), total: total, last: old.last, blocks: slices.Clone(old.blocks)}
	var joined []*recto.DocumentSummary
	audience := s.catalogue.Audience()
	for _, d := range docs {
		switch audience.Standing(d.Status, d.PublishedAt) {
		case recto.Deleted:
			return nil, false, nil // it may have been listed
		case recto.Unknown:
			continue // never listed
		}
		switch {
		case old.total == 0 || compareKeys(keyOf(d), old.last) > 0:
			joined = append(joined, d)
		default:
			i := blockOf(st.blocks, keyOf(d))
			if i < 0 {
				return nil, false, nil
			}
			st.blocks[i].lastmod = later(st.blocks[i].lastmod, d.UpdatedAt)
		}
	}
	if total != old.total+len(joined) {
		return nil, false, nil
	}
	slices.SortFunc(joined, func(a, b *recto.DocumentSummary) int { return compareKeys(keyOf(a), keyOf(b)) })
	for j, d := range joined {
		k := (old.total + j) / s.opts.PerSitemap
		if k == len(st.blocks) {
			st.blocks = append(st.blocks, block{first: keyOf(d)})
		}
		st.blocks[k].lastmod = later(st.blocks[k].lastmod, d.UpdatedAt)
		st.last = keyOf(d)
	}
	return st, true, nil
}

// changedDocuments returns the documents the change log names after seq,
// each once, and the last sequence number read; ok is false when there are
// too many to be worth it.
func (s *Sitemaps) changedDocuments(ctx context.Context, seq int64) (ids []int64, upTo int64, ok bool, err error) {
	seen := map[int64]bool{}
	upTo = seq
	for read := 0; ; {
		changes, err := s.catalogue.FindChanges(ctx, upTo, logPage)
		if err != nil {
			return nil, 0, false, err
		}
		for _, c := range changes {
			upTo = c.Seq
			if c.Kind == recto.DocumentChange && !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
		read += len(changes)
		if len(ids) > maxChanges || read > maxLog {
			return nil, 0, false, nil
		}
		if len(changes) < logPage {
			return ids, upTo, true, nil
		}
	}
}

// blockOf returns the index of the sitemap whose documents' keys range
// over k, or -1 when k comes before the first.
func blockOf(blocks []block, k key) int {
	return sort.Search(len(blocks), func(i int) bool { return compareKeys(blocks[i].first, k) > 0 }) - 1
}

// publishedCount returns the number of published documents.
func (s *Sitemaps) publishedCount(ctx context.Context) (int, error) {
	return s.catalogue.CountDocuments(ctx, recto.DocumentFilter{})
}

// block returns the published documents of document sitemap k (from 0),
// oldest publication first, given the number of published documents.
func (s *Sitemaps) block(ctx context.Context, total, k int) ([]*recto.DocumentSummary, error) {
	per := s.opts.PerSitemap
	end := total - k*per // from the newest end: the sitemap ends before this position
	offset := max(0, total-(k+1)*per)
	if end <= offset {
		return nil, nil
	}
	docs, _, err := s.catalogue.FindDocuments(ctx, recto.DocumentFilter{Sort: recto.SortNewest,
		Offset: offset, Limit: end - offset})
	if err != nil {
		return nil, err
	}
	slices.Reverse(docs)
	return docs, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// cmpErr keeps the first error.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
