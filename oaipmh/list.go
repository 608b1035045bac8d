package oaipmh

import (
	"runtime"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// item is one entry of a list: a document's summary as listed and, for a
// record (not a deleted one), the document read in full.
type item struct {
	summary *recto.DocumentSummary
	doc     *recto.Document // nil for a deleted record
}

// harvestBound returns the upper bound of a harvest that starts now: the
// end of the second before now, or the until argument if that is earlier.
// This response's responseDate is now to the second, so a harvester that
// starts its next harvest from it gets exactly what this one leaves out:
// everything changed from that second on, during this harvest included.
func harvestBound(now, until time.Time) time.Time {
	b := now.Truncate(time.Second).Add(-time.Nanosecond)
	if !until.IsZero() && until.Before(b) {
		return until
	}
	return b
}

// DefaultCommitWait is how long a harvest's first page waits for an open
// write to commit: long enough for an edit, not for a large import.
const DefaultCommitWait = 2 * time.Second

// awaitCommits waits until no write is open before a harvest fixes its
// window. A write stamps its documents with the time it began, before it
// commits; a harvest whose window ended after that time but that ran while
// the write was open would pass over those documents unseen, and the next
// harvest, starting from this one's responseDate, would too. Writes that
// begin later stamp later times than the window's end.
func (h *Handler) awaitCommits(e *exchange) error {
	deadline := time.Now().Add(h.opts.CommitWait)
	for {
		busy, err := h.catalogue.Writing(e.ctx)
		if err != nil || !busy {
			return err
		}
		if time.Now().After(deadline) {
			return recto.Errorf(recto.EUNAVAILABLE, "The archive is being written to; please retry.")
		}
		select {
		case <-e.ctx.Done():
			return e.ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// list answers ListIdentifiers and ListRecords.
func (h *Handler) list(e *exchange, records bool) (response, error) {
	var t token
	first := e.token == ""
	if first {
		if formatByPrefix(e.prefix) == nil {
			return errorResponse(cannotDisseminateFormat, "The metadata format "+e.prefix+" is not supported."), nil
		}
		if err := h.awaitCommits(e); err != nil {
			return response{}, err
		}
		t = token{records: records, prefix: e.prefix, from: e.from, until: harvestBound(e.now, e.until)}
		if e.set != "" {
			kind, id, resp, err := h.resolveSet(e, e.set)
			if err != nil || resp != nil {
				return deref(resp), err
			}
			t.setKind, t.setID = kind, id
		}
		if !t.from.IsZero() && t.from.After(t.until) {
			return errorResponse(noRecordsMatch, "No item changed in that period."), nil
		}
	} else {
		var err error
		t, err = decodeToken(e.token)
		if err != nil || t.records != records {
			return errorResponse(badResumptionToken, "The resumptionToken is not one this repository issued for "+e.verb+"."), nil
		}
	}
	f := formatByPrefix(t.prefix)
	items, next, total, err := h.page(e, &t, first)
	if err != nil {
		return response{}, err
	}
	if len(items) == 0 {
		if first {
			return errorResponse(noRecordsMatch, "No item matches the request."), nil
		}
		// Every record left was changed during the harvest; the next
		// harvest has them.
		return errorResponse(noRecordsMatch, "No item is left in this harvest: the rest changed since it started."), nil
	}
	if first {
		t.total = total
	}
	for _, it := range items {
		if it.doc != nil {
			if err := e.loadCollections(); err != nil {
				return response{}, err
			}
			break
		}
	}
	return response{body: func(w xw) {
		for _, it := range items {
			if records {
				e.writeRecord(w, f, it)
			} else {
				e.writeHeader(w, it)
				w.WriteByte('\n')
			}
		}
		if first && next == nil {
			return // the complete list in one response
		}
		size := max(t.total, t.cursor+len(items))
		w.WriteString("<resumptionToken")
		w.WriteString(` completeListSize="`)
		w.int(int64(size))
		w.WriteString(`" cursor="`)
		w.int(int64(t.cursor))
		w.WriteString(`">`)
		if next != nil {
			n := t
			n.after = *next
			n.cursor = t.cursor + len(items)
			w.WriteString(n.encode())
		}
		w.WriteString("</resumptionToken>\n")
	}}, nil
}

func deref(r *response) response {
	if r == nil {
		return response{}
	}
	return *r
}

// page returns the items of the page t asks for, the place the next page
// starts after (nil when this is the last), and, for the first page, the
// number of items in the whole list. It updates t.span.
func (h *Handler) page(e *exchange, t *token, first bool) (items []item, next *recto.ChangeCursor, total int, err error) {
	f := recto.DocumentFilter{Sort: recto.SortChanged}
	switch t.setKind {
	case setCollection:
		f.CollectionID, f.Subtree = t.setID, true
	case setRepository:
		f.RepositoryID = t.setID
	}
	var hiddenCount int
	if first {
		if hiddenCount, err = h.countHidden(e, f, t); err != nil {
			return nil, nil, 0, err
		}
	}
	var after *recto.ChangeCursor
	if !first {
		a := t.after
		after = &a
	}
	for counted := false; ; counted = true {
		sums, more, n, err := h.scan(e, f, t, after, h.pageSize)
		if err != nil {
			return nil, nil, 0, err
		}
		if first && !counted {
			total = n - hiddenCount
		}
		next = nil
		if more {
			last := sums[len(sums)-1]
			next = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
		}
		items, err = h.read(e, sums, t.records)
		if err != nil || len(items) > 0 || next == nil {
			return items, next, total, err
		}
		// Every record of the page changed since it was listed: go on.
		after = next
	}
}

// Bounds of token.span.
const (
	minSpan     = time.Microsecond // the stores' precision
	maxSpan     = 100 * 365 * 24 * time.Hour
	defaultSpan = time.Second
)

// scan lists up to n summaries of documents the protocol shows, after the
// cursor (from the start of t's window when it is nil), and says whether
// more follow. On a first page (after nil) total is the size of the whole
// window, never-published documents included.
//
// After the first query of a harvest it reads in windows of last-change
// times t.span long, from the cursor's time, with the cursor: each query
// then walks the store's (updated_at, id) index from the cursor, and the
// count the store makes of each listing covers the window only, where
// one window over the rest of the harvest would count the rest on every
// page. t.span grows over sparse stretches and shrinks over dense ones so
// that a window holds about two pages. Sets are the exception: the store
// reads a set's listing from the set's own list of documents, whatever the
// window, so a set is read in one window from the cursor to the bound.
func (h *Handler) scan(e *exchange, f recto.DocumentFilter, t *token, after *recto.ChangeCursor, n int) (sums []*recto.DocumentSummary, more bool, total int, err error) {
	want := n + 1 // one more than the page, to know whether another follows
	slack := want/16 + 4
	add := func(list []*recto.DocumentSummary) bool {
		for _, s := range list {
			if h.standing(s) != recto.Unknown {
				sums = append(sums, s)
				if len(sums) == want {
					return true
				}
			}
		}
		return false
	}
	lo := t.from
	if after == nil {
		// The first page: one query over the whole window, whose count
		// is the complete list's size.
		q := f
		q.ChangedFrom, q.ChangedUntil, q.Limit = t.from, t.until, want+slack
		list, count, err := h.catalogue.FindDocumentTraces(e.ctx, q)
		if err != nil {
			return nil, false, 0, err
		}
		total = count
		if add(list) {
			t.span = firstSpan(sums)
			return sums[:n], true, total, nil
		}
		if len(list) < q.Limit {
			return sums, false, total, nil
		}
		last := list[len(list)-1]
		after = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
		t.span = firstSpan(list)
	}
	if after != nil {
		lo = after.UpdatedAt
	}
	span := min(max(t.span, minSpan), maxSpan)
	if t.span == 0 {
		span = defaultSpan
	}
	// A set's listing is read from the set's list of documents whatever
	// the window, so one window to the bound costs least.
	whole := f.CollectionID != 0 || f.RepositoryID != 0
	if whole {
		span = maxSpan
	}
	for {
		hi := lo.Add(span).Truncate(time.Microsecond)
		if hi.After(t.until) || hi.Before(lo) {
			hi = t.until
		}
		q := f
		q.ChangedFrom, q.ChangedUntil, q.After, q.Limit = lo, hi, after, want-len(sums)+slack
		list, count, err := h.catalogue.FindDocumentTraces(e.ctx, q)
		if err != nil {
			return nil, false, 0, err
		}
		if add(list) {
			// Dense: aim the next window at two pages.
			if count > 4*want && !whole {
				span = max(time.Duration(float64(span)*float64(2*want)/float64(count)), minSpan).Truncate(time.Microsecond)
			}
			t.span = max(span, minSpan)
			return sums[:n], true, total, nil
		}
		if len(list) == q.Limit {
			// More in this window than asked for, but hidden ones were
			// among them: go on from the last one read.
			last := list[len(list)-1]
			after = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
			lo = last.UpdatedAt
			continue
		}
		if !hi.Before(t.until) {
			t.span = span
			return sums, false, total, nil
		}
		// The window is done; the next starts a microsecond after it
		// (stamps have microseconds), and is longer if this one was sparse.
		lo, after = hi.Add(time.Microsecond), nil
		if count < want/2 {
			grow := min(16, float64(2*want)/float64(max(count, 1)))
			span = min(time.Duration(float64(span)*grow), maxSpan).Truncate(time.Microsecond)
		}
	}
}

// firstSpan estimates the span of a page from the first one read: twice
// the time its documents' last changes cover.
func firstSpan(list []*recto.DocumentSummary) time.Duration {
	if len(list) < 2 {
		return defaultSpan
	}
	d := list[len(list)-1].UpdatedAt.Sub(list[0].UpdatedAt)
	return min(max(2*d, minSpan), maxSpan).Truncate(time.Microsecond)
}

// countHidden counts the never-published documents of a listing, which
// the listing's total includes and the protocol does not show.
func (h *Handler) countHidden(e *exchange, f recto.DocumentFilter, t *token) (int, error) {
	f.Status = h.catalogue.Audience().Hidden()
	f.ChangedFrom, f.ChangedUntil = t.from, t.until
	list, _, err := h.catalogue.FindDocumentTraces(e.ctx, f)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range list {
		if h.standing(s) == recto.Unknown {
			n++
		}
	}
	return n, nil
}

// read reads the published documents of a page: in full for ListRecords,
// without their authorities' names for ListIdentifiers, whose headers need
// only the IDs of collections and repositories. A document that changed
// since it was listed is left out (the catalogue leaves it out if it is no
// longer published): it moved past the harvest's bound, and the next
// harvest has it.
func (h *Handler) read(e *exchange, sums []*recto.DocumentSummary, full bool) ([]item, error) {
	ids := make([]int64, 0, len(sums))
	for _, s := range sums {
		if h.standing(s) == recto.Shown {
			ids = append(ids, s.ID)
		}
	}
	byID, err := h.readDocuments(e, ids, full)
	if err != nil {
		return nil, err
	}
	items := make([]item, 0, len(sums))
	for _, s := range sums {
		if h.standing(s) != recto.Shown {
			items = append(items, item{summary: s})
			continue
		}
		d := byID[s.ID]
		if d == nil || !d.UpdatedAt.Equal(s.UpdatedAt) {
			continue
		}
		items = append(items, item{summary: s, doc: d})
	}
	return items, nil
}

// minPart is the fewest documents worth a read of their own.
const minPart = 32

// readDocuments reads the listed documents, in full or without their
// authorities' names, in up to GOMAXPROCS (at most 4) parts at once: reading
// is most of what a page of records costs, and the stores read in parallel.
func (h *Handler) readDocuments(e *exchange, ids []int64, full bool) (map[int64]*recto.Document, error) {
	byID := make(map[int64]*recto.Document, len(ids))
	if len(ids) == 0 {
		return byID, nil
	}
	parts := max(1, min(runtime.GOMAXPROCS(0), 4, len(ids)/minPart))
	results := make([][]*recto.Document, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	size := (len(ids) + parts - 1) / parts
	for i := range parts {
		chunk := ids[min(i*size, len(ids)):min((i+1)*size, len(ids))]
		read := func() {
			if full {
				results[i], errs[i] = h.catalogue.FindDocumentsByIDs(e.ctx, chunk)
				return
			}
			errs[i] = h.catalogue.ScanDocuments(e.ctx, chunk, func(d *recto.Document) error {
				results[i] = append(results[i], d)
				return nil
			})
		}
		if i == parts-1 {
			read()
		} else {
			wg.Go(read)
		}
	}
	wg.Wait()
	for i := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		for _, d := range results[i] {
			byID[d.ID] = d
		}
	}
	return byID, nil
}

// writeHeader writes a record's header: a deleted record's carries no set.
func (e *exchange) writeHeader(w xw, it item) {
	if it.doc == nil {
		w.WriteString(`<header status="deleted"><identifier>`)
	} else {
		w.WriteString(`<header><identifier>`)
	}
	w.text(e.identifierOf(it.summary.ID))
	w.WriteString("</identifier><datestamp>")
	w.datestamp(it.summary.UpdatedAt)
	w.WriteString("</datestamp>")
	if it.doc != nil {
		for _, s := range e.setSpecs(it.doc) {
			w.elem("setSpec", s)
		}
	}
	w.WriteString("</header>")
}

// writeRecord writes a record: the header and, unless deleted, the
// metadata in format f.
func (e *exchange) writeRecord(w xw, f *format, it item) {
	w.WriteString("<record>")
	e.writeHeader(w, it)
	if it.doc != nil {
		w.WriteString("\n<metadata>")
		f.write(w, e, it.doc)
		w.WriteString("</metadata>")
	}
	w.WriteString("</record>\n")
}
