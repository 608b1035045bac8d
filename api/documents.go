package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/recto-archive/recto"
)

// Index is what /api/v1/ answers: where everything is.
type Index struct {
	Name  string            `json:"name"`
	Links map[string]string `json:"links"`
}

func (h *handler) index(r *http.Request) (any, error) {
	base := h.base(r)
	links := map[string]string{"self": link(base, "/"), "openapi": link(base, "/openapi.json"), "html": base + "/"}
	for _, p := range []string{"documents", "search", "people", "places", "subjects", "collections", "repositories"} {
		links[p] = link(base, "/"+p)
	}
	return Index{Name: "Recto API, version 1", Links: links}, nil
}

func (h *handler) openAPI(r *http.Request) (any, error) {
	return json.RawMessage(openAPIJSON), nil
}

// documents lists published documents by last change, oldest first, then
// by Record ID: the order the store pages through with a cursor, which new
// and edited documents join at the end.
func (h *handler) documents(r *http.Request) (any, error) {
	q := queryOf(r)
	limit, err := q.limit()
	if err != nil {
		return nil, err
	}
	f := recto.DocumentFilter{Sort: recto.SortChanged, Subtree: true}
	ids := []struct {
		name string
		dst  *int64
	}{{"collection", &f.CollectionID}, {"person", &f.AgentID}, {"place", &f.PlaceID}, {"subject", &f.SubjectID},
		{"repository", &f.RepositoryID}}
	for _, p := range ids {
		if *p.dst, err = q.id(p.name); err != nil {
			return nil, err
		}
	}
	if f.Dates, err = q.dateRange("date"); err != nil {
		return nil, err
	}
	if f.ChangedFrom, err = q.changeTime("from", false); err != nil {
		return nil, err
	}
	if f.ChangedUntil, err = q.changeTime("until", true); err != nil {
		return nil, err
	}
	if !f.ChangedFrom.IsZero() && !f.ChangedUntil.IsZero() && f.ChangedUntil.Before(f.ChangedFrom) {
		return nil, badParam("until", "The until time is before the from time.")
	}
	c, err := q.cursor()
	if err != nil {
		return nil, err
	}
	if c != "" {
		if f.After, err = parseDocCursor(c); err != nil {
			return nil, err
		}
	}
	found, err := h.publishedAfter(r.Context(), f, limit+1)
	if err != nil {
		return nil, err
	}
	total, err := h.catalogue.CountDocuments(r.Context(), f)
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	out := List[DocumentSummary]{Data: make([]DocumentSummary, 0, min(len(found), limit)), Total: total}
	for i, d := range found {
		if i == limit {
			last := found[limit-1]
			next := link(l.base, "/documents", "collection", param(q, "collection"), "person", param(q, "person"),
				"place", param(q, "place"), "subject", param(q, "subject"), "repository", param(q, "repository"),
				"date", param(q, "date"), "from", param(q, "from"), "until", param(q, "until"),
				"limit", limitParam(limit, defaultLimit),
				"cursor", docCursor(recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}))
			out.Next = &next
			break
		}
		out.Data = append(out.Data, l.summary(d))
	}
	return out, nil
}

// maxScan is how many documents publishedAfter reads past in the store's
// order before it leaves the rest of the page to the store.
var maxScan = 2000

// publishedAfter returns the first n published documents f selects after
// f.After in the order of last change. It reads that order's traces, every
// status's, and keeps the published documents itself: the store answers the
// unfiltered order from its (updated_at, id) index, page by page, where a
// status filter makes it sort every published document first (at 5,000
// documents, 15 ms a page instead of 0.5). After a long run of unpublished
// documents it asks the catalogue for published documents only, so that a
// cursor never names a document that is not published.
func (h *handler) publishedAfter(ctx context.Context, f recto.DocumentFilter, n int) ([]*recto.DocumentSummary, error) {
	out := make([]*recto.DocumentSummary, 0, n)
	scan := f
	scan.Status, scan.Limit = nil, n+n/4+8
	audience := h.catalogue.Audience()
	for scanned := 0; scanned < maxScan; {
		found, _, err := h.catalogue.FindDocumentTraces(ctx, scan)
		if err != nil {
			return nil, err
		}
		for _, d := range found {
			if audience.Shows(d.Status) {
				if out = append(out, d); len(out) == n {
					return out, nil
				}
			}
		}
		if len(found) < scan.Limit {
			return out, nil // the end of the list
		}
		scanned += len(found)
		last := found[len(found)-1]
		scan.After = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
	}
	rest := f
	rest.Limit = n - len(out)
	if len(out) > 0 {
		last := out[len(out)-1]
		rest.After = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
	}
	more, _, err := h.catalogue.FindDocuments(ctx, rest)
	return append(out, more...), err
}

// param returns a parameter's one value, as checked before.
func param(q params, name string) string {
	v, _ := q.single(name)
	return v
}

// limitParam returns the limit for a next link, "" for the default.
func limitParam(limit, def int) string {
	if limit == def {
		return ""
	}
	return strconv.Itoa(limit)
}

// Withdrawn is the body of a withdrawn document's 410.
type Withdrawn struct {
	Error         errorInfo     `json:"error"`
	ID            int64         `json:"id"`
	Title         string        `json:"title"`
	WithdrawnNote *string       `json:"withdrawn_note"`
	Links         DocumentLinks `json:"links"`
}

// withdrawn is the body of the 410 a gone document answers, from the
// notice its EGONE error carries.
func withdrawn(l linker, err error, n *recto.Notice) Withdrawn {
	return Withdrawn{Error: errorInfo{Code: recto.EGONE, Message: recto.ErrorMessage(err)}, ID: n.ID, Title: n.Title,
		WithdrawnNote: optional(n.Note), Links: l.document(n.ID)}
}

// document answers one published document in full. The catalogue answers
// drafts and documents in review exactly as a Record ID no document has,
// and a withdrawn one with EGONE, which fail answers 410 with its note.
func (h *handler) document(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	d, err := h.catalogue.FindDocumentByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return linker{h.base(r)}.full(d), nil
}
