package recto

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/recto-archive/recto/edtf"
)

// Audience is who reads the archive through a Catalogue. It decides which
// documents exist for the reader and which are gone, and through them every
// other record: a person, place, subject or repository exists for an
// audience when a document it sees links to it (a place or subject also
// through one below it), a collection when it or a collection below it
// holds such a document.
type Audience struct {
	// Name names the audience: "public".
	Name string
	// Shown lists the statuses of the documents that exist for the
	// audience: it reads them, lists them, counts them and follows links
	// to them.
	Shown []Status
	// Gone lists the statuses of documents that exist for the audience no
	// longer: reading one answers EGONE with its notice. A document with
	// any other status does not exist for the audience at all: it answers
	// ENOTFOUND exactly as a Record ID never used, and nothing links to it.
	Gone []Status
	// Adjective qualifies the audience's documents in messages: "No
	// published document has Record ID 7." Empty for none.
	Adjective string
}

// PublicAudience is everyone who reads the archive on its public site and
// protocols: published documents exist, withdrawn ones are gone, drafts and
// documents in review do not exist.
var PublicAudience = Audience{Name: "public", Shown: Public, Gone: []Status{StatusWithdrawn}, Adjective: "published"}

// Shows reports whether documents with status s exist for the audience.
func (a Audience) Shows(s Status) bool { return slices.Contains(a.Shown, s) }

// statuses are every document status.
var statuses = []Status{StatusDraft, StatusInReview, StatusPublished, StatusWithdrawn}

// Hidden returns the statuses of documents neither shown to the audience
// nor gone for it: it knows nothing of them unless they were once shown.
func (a Audience) Hidden() []Status {
	return slices.DeleteFunc(slices.Clone(statuses), func(s Status) bool {
		return a.Shows(s) || slices.Contains(a.Gone, s)
	})
}

// Standing is what an audience may know of a document.
type Standing int

const (
	// Unknown: the document does not exist for the audience and never
	// did; it is in no listing, count or link.
	Unknown Standing = iota
	// Deleted: the document existed for the audience and exists no
	// longer: its status is one of Gone, or it was shown once (it has a
	// publication time) and is not now. Readers of a document get EGONE
	// only for the statuses of Gone, so that a document taken back to be
	// corrected answers as a missing one; harvesters, which must report
	// what they were once given, know every deleted document as a deleted
	// record.
	Deleted
	// Shown: the document exists for the audience in full.
	Shown
)

// Standing returns what the audience may know of a document with the given
// status and first publication time (zero for never).
func (a Audience) Standing(status Status, publishedAt time.Time) Standing {
	switch {
	case a.Shows(status):
		return Shown
	case slices.Contains(a.Gone, status) || !publishedAt.IsZero():
		return Deleted
	}
	return Unknown
}

// Notice is what may still be said of a document that is gone, on the
// page that answers for it.
type Notice struct {
	ID    int64
	Title string
	Date  edtf.Date
	Note  string // why it was withdrawn; empty when the editors gave no reason
}

// GoneNotice returns the notice an EGONE error carries, nil for any other
// error.
func GoneNotice(err error) *Notice {
	if ErrorCode(err) != EGONE {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Notice
	}
	return nil
}

// Catalogue is the archive as one audience sees it: a read-only view of a
// Store, through which every route that serves that audience reads. It is
// the one place that decides what exists for the audience (see Audience):
// documents it does not see are ENOTFOUND exactly like missing ones, gone
// documents EGONE with their notice, links to documents it does not see are
// left out of the documents it reads, and listings and counts hold only what
// it sees.
type Catalogue struct {
	store    Store
	audience Audience
}

// NewCatalogue returns the catalogue of store for audience.
func NewCatalogue(store Store, audience Audience) *Catalogue {
	return &Catalogue{store: store, audience: audience}
}

// Audience returns the catalogue's audience.
func (c *Catalogue) Audience() Audience { return c.audience }

// none starts a not-found message: "No published document".
func (c *Catalogue) none() string {
	if c.audience.Adjective == "" {
		return "No document"
	}
	return "No " + c.audience.Adjective + " document"
}

// notFound is the answer for every document the audience may not know of,
// and for every Record ID never used: one message, so that none can tell
// them apart.
func (c *Catalogue) notFound(id int64) error {
	return Errorf(ENOTFOUND, "%s has Record ID %d.", c.none(), id)
}

// gone is the answer for a document that is gone for the audience.
func gone(d *Document) error {
	return &Error{Code: EGONE, Message: fmt.Sprintf("Document %d has been withdrawn.", d.ID),
		Notice: &Notice{ID: d.ID, Title: d.Title, Date: d.Date, Note: d.WithdrawnNote}}
}

// FindDocumentByID returns document id with only the links to and from
// documents the audience sees. ENOTFOUND when the document does not exist
// for the audience; EGONE, with its notice, when it is gone.
func (c *Catalogue) FindDocumentByID(ctx context.Context, id int64) (*Document, error) {
	d, err := c.store.FindDocumentByID(ctx, id)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return nil, c.notFound(id)
	case err != nil:
		return nil, err
	case c.audience.Shows(d.Status):
		return c.trimLinks(d), nil
	case slices.Contains(c.audience.Gone, d.Status):
		return nil, gone(d)
	}
	return nil, c.notFound(id)
}

// FindDocumentByFormerPath returns the document that had path on a former
// site (in any form NormalFormerPath reads), as FindDocumentByID does. It
// answers ENOTFOUND with one message whether no document had the path or
// the audience does not see the one that had it, so a path never reveals
// an unpublished document; EGONE, with its notice, when it is gone. The
// look-up is one read of an index, and a path longer than any former path
// is not looked up at all.
func (c *Catalogue) FindDocumentByFormerPath(ctx context.Context, path string) (*Document, error) {
	notFound := Errorf(ENOTFOUND, "%s had the path %q.", c.none(), path)
	if len(path) > 3*MaxFormerPathLength { // each byte may be percent-encoded
		return nil, notFound
	}
	p, err := NormalFormerPath(path)
	if err != nil {
		return nil, notFound
	}
	id, err := c.store.FindDocumentIDByFormerPath(ctx, p)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return nil, notFound
		}
		return nil, err
	}
	d, err := c.FindDocumentByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, notFound
	}
	return d, err
}

// trimLinks leaves out of d the links its readers must not follow: to and
// from documents the audience does not see, which would name them, and
// media that are not web addresses or paths on the site (javascript:,
// data:), which writes refuse but an archive may hold from before.
func (c *Catalogue) trimLinks(d *Document) *Document {
	unseen := func(rel Relation) bool { return rel.Document == nil || !c.audience.Shows(rel.Document.Status) }
	d.Relations = slices.DeleteFunc(d.Relations, unseen)
	d.Inverse = slices.DeleteFunc(d.Inverse, unseen)
	d.Media = slices.DeleteFunc(d.Media, func(m Media) bool { return !isLinkURL(m.URL) })
	return d
}

// shownOnly keeps the documents the audience sees, with their links
// trimmed, in the order given.
func (c *Catalogue) shownOnly(docs []*Document) []*Document {
	out := docs[:0]
	for _, d := range docs {
		if c.audience.Shows(d.Status) {
			out = append(out, c.trimLinks(d))
		}
	}
	return out
}

// FindDocumentsByIDs returns the listed documents the audience sees, in
// full as FindDocumentByID returns them, in the order given; the others are
// left out.
func (c *Catalogue) FindDocumentsByIDs(ctx context.Context, ids []int64) ([]*Document, error) {
	docs, err := c.store.FindDocumentsByIDs(ctx, ids)
	return c.shownOnly(docs), err
}

// FindDocumentTexts returns the listed documents the audience sees with
// only their own fields and texts, in the order given.
func (c *Catalogue) FindDocumentTexts(ctx context.Context, ids []int64) ([]*Document, error) {
	docs, err := c.store.FindDocumentTexts(ctx, ids)
	return c.shownOnly(docs), err
}

// ScanDocuments calls fn with each listed document the audience sees, as
// Store.ScanDocuments reads them (authorities by ID only), with their links
// trimmed.
func (c *Catalogue) ScanDocuments(ctx context.Context, ids []int64, fn func(*Document) error) error {
	return c.store.ScanDocuments(ctx, ids, func(d *Document) error {
		if !c.audience.Shows(d.Status) {
			return nil
		}
		return fn(c.trimLinks(d))
	})
}

// FindDocuments lists the documents f selects among those the audience
// sees, and how many there are; f.Status is the audience's.
func (c *Catalogue) FindDocuments(ctx context.Context, f DocumentFilter) ([]*DocumentSummary, int, error) {
	f.Status = c.audience.Shown
	return c.store.FindDocuments(ctx, f)
}

// CountDocuments counts the documents f selects among those the audience
// sees, whatever f's order and page. It reads one document in the order of
// publication, which the store gives from an index, and the total, which
// the store keeps until the archive changes.
func (c *Catalogue) CountDocuments(ctx context.Context, f DocumentFilter) (int, error) {
	f.Sort, f.After, f.Offset, f.Limit = SortNewest, nil, 0, 1
	_, n, err := c.FindDocuments(ctx, f)
	return n, err
}

// FindDocumentTraces lists every document f selects, whatever its status
// (f.Status may narrow them), for harvesters that keep their place in the
// order of change and report deletions (OAI-PMH, sitemaps): a document the
// audience sees comes as its summary, any other as its trace, which holds
// only its Record ID, status and stamps, from which Audience.Standing tells
// what the harvester may say of it. Nothing else of a document the
// audience does not see leaves the catalogue.
func (c *Catalogue) FindDocumentTraces(ctx context.Context, f DocumentFilter) ([]*DocumentSummary, int, error) {
	list, n, err := c.store.FindDocuments(ctx, f)
	return c.traces(list), n, err
}

// FindHarvested returns what a harvester may know of document id: its
// summary when the audience sees it, with the document as FindDocumentByID
// returns it, or else its trace, with no document. ENOTFOUND when the
// document is Unknown to the audience, exactly as for a Record ID never
// used.
func (c *Catalogue) FindHarvested(ctx context.Context, id int64) (*DocumentSummary, *Document, error) {
	d, err := c.store.FindDocumentByID(ctx, id)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return nil, nil, c.notFound(id)
	case err != nil:
		return nil, nil, err
	}
	s := c.traces([]*DocumentSummary{d.Summarize()})[0]
	switch c.audience.Standing(d.Status, d.PublishedAt) {
	case Shown:
		return s, c.trimLinks(d), nil
	case Deleted:
		return s, nil, nil
	}
	return nil, nil, c.notFound(id)
}

// FindTracesByIDs returns the listed documents as FindDocumentTraces lists
// them, in the order given; missing ids are skipped.
func (c *Catalogue) FindTracesByIDs(ctx context.Context, ids []int64) ([]*DocumentSummary, error) {
	docs, err := c.store.FindDocumentTexts(ctx, ids)
	if err != nil {
		return nil, err
	}
	list := make([]*DocumentSummary, len(docs))
	for i, d := range docs {
		list[i] = d.Summarize()
	}
	return c.traces(list), nil
}

// traces replaces the summaries of the documents the audience does not see
// with their traces.
func (c *Catalogue) traces(list []*DocumentSummary) []*DocumentSummary {
	for i, s := range list {
		if !c.audience.Shows(s.Status) {
			list[i] = &DocumentSummary{ID: s.ID, Status: s.Status, PublishedAt: s.PublishedAt, UpdatedAt: s.UpdatedAt}
		}
	}
	return list
}

// CountByDates counts, for each range, the documents the audience sees
// whose date overlaps it.
func (c *Catalogue) CountByDates(ctx context.Context, ranges []DayRange) ([]int, error) {
	return c.store.CountByDates(ctx, c.audience.Shown, ranges)
}

// DateBounds returns the earliest and latest known days of the documents
// the audience sees; ok is false when none is dated.
func (c *Catalogue) DateBounds(ctx context.Context) (DayRange, bool, error) {
	return c.store.DateBounds(ctx, c.audience.Shown)
}

// Stats counts the documents the audience sees and the authorities it sees.
func (c *Catalogue) Stats(ctx context.Context) (Stats, error) {
	return c.store.Stats(ctx, c.audience.Shown)
}

// LastChange returns when anything in the archive last changed, for HTTP
// caching.
func (c *Catalogue) LastChange(ctx context.Context) (time.Time, error) {
	return c.store.LastChange(ctx)
}

// LatestChange returns the sequence number of the archive's latest change,
// which moves with every write.
func (c *Catalogue) LatestChange(ctx context.Context) (int64, error) {
	return c.store.LatestChange(ctx)
}

// FindChanges reads the change log: which records changed, never how.
func (c *Catalogue) FindChanges(ctx context.Context, after int64, limit int) ([]Change, error) {
	return c.store.FindChanges(ctx, after, limit)
}

// Writing reports whether a write is open (see ChangeService).
func (c *Catalogue) Writing(ctx context.Context) (bool, error) { return c.store.Writing(ctx) }

// Authorities. Lists hold only what the audience sees, with counts of the
// documents it sees; a lookup of anything else is ENOTFOUND.

// counted returns item with the number of documents f selects, ENOTFOUND
// with msg when the audience sees none.
func counted[T any](ctx context.Context, c *Catalogue, item T, err error, f DocumentFilter, msg string) (Counted[T], error) {
	if ErrorCode(err) == ENOTFOUND {
		return Counted[T]{}, Errorf(ENOTFOUND, "%s", msg)
	} else if err != nil {
		return Counted[T]{}, err
	}
	n, err := c.CountDocuments(ctx, f)
	if err != nil {
		return Counted[T]{}, err
	} else if n == 0 {
		return Counted[T]{}, Errorf(ENOTFOUND, "%s", msg)
	}
	return Counted[T]{Item: item, Documents: n}, nil
}

// FindAgents lists the people and organisations the audience sees, with
// the number of its documents crediting each.
func (c *Catalogue) FindAgents(ctx context.Context, f AgentFilter) ([]Counted[*Agent], int, error) {
	f.Visible, f.NoCounts = c.audience.Shown, false
	return c.store.FindAgents(ctx, f)
}

// FindAgentByID returns a person or organisation the audience sees, with
// the number of its documents crediting it.
func (c *Catalogue) FindAgentByID(ctx context.Context, id int64) (Counted[*Agent], error) {
	a, err := c.store.FindAgentByID(ctx, id)
	return counted(ctx, c, a, err, DocumentFilter{AgentID: id},
		fmt.Sprintf("%s names person or organisation %d.", c.none(), id))
}

// FindPlaces lists the places the audience sees, with the number of its
// documents about each place or one within it.
func (c *Catalogue) FindPlaces(ctx context.Context, f TreeFilter) ([]Counted[*Place], error) {
	f.Visible, f.NoCounts = c.audience.Shown, false
	return c.store.FindPlaces(ctx, f)
}

// FindPlaceByID returns a place the audience sees, with its count.
func (c *Catalogue) FindPlaceByID(ctx context.Context, id int64) (Counted[*Place], error) {
	p, err := c.store.FindPlaceByID(ctx, id)
	return counted(ctx, c, p, err, DocumentFilter{PlaceID: id}, fmt.Sprintf("%s is about place %d.", c.none(), id))
}

// FindPlaceAncestors returns the places above a place the audience sees,
// outermost first (the audience sees them all). ENOTFOUND for a place it
// does not see.
func (c *Catalogue) FindPlaceAncestors(ctx context.Context, id int64) ([]*Place, error) {
	if _, err := c.FindPlaceByID(ctx, id); err != nil {
		return nil, err
	}
	return c.store.FindPlaceAncestors(ctx, id)
}

// FindSubjects lists the subject headings the audience sees, with the
// number of its documents having each or a narrower one.
func (c *Catalogue) FindSubjects(ctx context.Context, f TreeFilter) ([]Counted[*Subject], error) {
	f.Visible, f.NoCounts = c.audience.Shown, false
	return c.store.FindSubjects(ctx, f)
}

// FindSubjectByID returns a subject heading the audience sees, with its
// count.
func (c *Catalogue) FindSubjectByID(ctx context.Context, id int64) (Counted[*Subject], error) {
	s, err := c.store.FindSubjectByID(ctx, id)
	return counted(ctx, c, s, err, DocumentFilter{SubjectID: id}, fmt.Sprintf("%s has subject %d.", c.none(), id))
}

// FindSubjectAncestors returns the broader headings above a heading the
// audience sees, top level first. ENOTFOUND for one it does not see.
func (c *Catalogue) FindSubjectAncestors(ctx context.Context, id int64) ([]*Subject, error) {
	if _, err := c.FindSubjectByID(ctx, id); err != nil {
		return nil, err
	}
	return c.store.FindSubjectAncestors(ctx, id)
}

// FindCollections lists the collections the audience sees, with the
// number of its documents in each and the collections below it.
func (c *Catalogue) FindCollections(ctx context.Context, f TreeFilter) ([]Counted[*Collection], error) {
	f.Visible, f.NoCounts = c.audience.Shown, false
	list, err := c.store.FindCollections(ctx, f)
	for _, col := range list {
		safeImage(col.Item)
	}
	return list, err
}

// safeImage clears a collection's image when it is not a web address or a
// path on the site, as trimLinks leaves out such media.
func safeImage(col *Collection) {
	if col != nil && col.Image != "" && !isLinkURL(col.Image) {
		col.Image = ""
	}
}

// FindCollectionByID returns a collection the audience sees, with its
// count.
func (c *Catalogue) FindCollectionByID(ctx context.Context, id int64) (Counted[*Collection], error) {
	col, err := c.store.FindCollectionByID(ctx, id)
	safeImage(col)
	return counted(ctx, c, col, err, DocumentFilter{CollectionID: id, Subtree: true},
		fmt.Sprintf("%s is in collection %d.", c.none(), id))
}

// FindCollectionAncestors returns the collections above a collection the
// audience sees, outermost first. ENOTFOUND for one it does not see.
func (c *Catalogue) FindCollectionAncestors(ctx context.Context, id int64) ([]*Collection, error) {
	if _, err := c.FindCollectionByID(ctx, id); err != nil {
		return nil, err
	}
	return c.store.FindCollectionAncestors(ctx, id)
}

// FindRepositories lists the repositories the audience sees, with the
// number of its documents each holds.
func (c *Catalogue) FindRepositories(ctx context.Context) ([]Counted[*Repository], error) {
	return c.store.FindRepositories(ctx, RepositoryFilter{Visible: c.audience.Shown})
}

// FindRepositoryByID returns a repository the audience sees, with its
// count.
func (c *Catalogue) FindRepositoryByID(ctx context.Context, id int64) (Counted[*Repository], error) {
	r, err := c.store.FindRepositoryByID(ctx, id)
	return counted(ctx, c, r, err, DocumentFilter{RepositoryID: id},
		fmt.Sprintf("%s is held by repository %d.", c.none(), id))
}
