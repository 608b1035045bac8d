package recto

import (
	"context"
	"time"

	"github.com/recto-archive/recto/edtf"
)

// Store is a complete storage backend: every service of the catalogue.
type Store interface {
	DocumentService
	AgentService
	PlaceService
	SubjectService
	CollectionService
	RepositoryService
	ChangeService
	SettingsService
	UserService
	SessionService
}

// BulkLoader is implemented by stores that write a large load faster when
// told it is coming, as the SQLite store does by leaving some indexes to be
// rebuilt at the end. Reads stay correct in between, if slower. Call EndBulk
// after a successful BeginBulk however the load ends.
type BulkLoader interface {
	BeginBulk(ctx context.Context) error
	EndBulk(ctx context.Context) error
}

// ChangeKind names the kind of record a change touched.
type ChangeKind string

// Change kinds.
const (
	DocumentChange   ChangeKind = "document"
	AgentChange      ChangeKind = "agent"
	PlaceChange      ChangeKind = "place"
	SubjectChange    ChangeKind = "subject"
	CollectionChange ChangeKind = "collection"
	RepositoryChange ChangeKind = "repository"
)

// Change records one committed write, so that derived structures such as the
// search index can follow the archive, also when another process wrote it.
type Change struct {
	Seq  int64 // increases with every change, in commit order
	Kind ChangeKind
	ID   int64
}

// ChangeService reads the change log.
type ChangeService interface {
	// FindChanges returns at most limit changes with Seq greater than after,
	// oldest first.
	FindChanges(ctx context.Context, after int64, limit int) ([]Change, error)
	// LatestChange returns the Seq of the newest change, 0 for none.
	LatestChange(ctx context.Context) (int64, error)
	// Writing reports whether a write transaction is open, in this process
	// or another. What it writes is stamped with times from before it
	// commits, so a harvester that bounds its window by the time must not
	// start one while a write is open, or it could pass over those stamps
	// before they become visible.
	Writing(ctx context.Context) (bool, error)
}

// Transactor is implemented by stores that can commit several writes
// together, as an import of a file must.
type Transactor interface {
	// Atomically calls fn with a context for the store's write methods: the
	// writes fn makes with it commit together when fn returns nil, and none
	// does when it returns an error. FindDocumentByID and
	// FindDocumentIDsBySource called with it see those writes; other reads
	// see only what is committed.
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
}

// DocumentSort orders document listings.
type DocumentSort string

// Document orders.
const (
	// SortByDate orders by earliest possible day, then latest, then Record ID;
	// undated documents come last.
	SortByDate DocumentSort = "date"
	// SortNewest orders by first publication (or creation), newest first.
	SortNewest DocumentSort = "newest"
	// SortCurated orders by the position the editors gave documents within
	// the collection named by DocumentFilter.CollectionID.
	SortCurated DocumentSort = "curated"
	// SortChanged orders by last change, oldest first, then Record ID: the
	// order harvesters page through with DocumentFilter.After.
	SortChanged DocumentSort = "changed"
)

// ChangeCursor is a place in the SortChanged order: the last document of
// a page, after which the next page starts.
type ChangeCursor struct {
	UpdatedAt time.Time
	ID        int64
}

// DocumentFilter selects documents for a listing. Zero fields do not filter.
type DocumentFilter struct {
	Status       []Status // nil for every status
	CollectionID int64    // documents in this collection (not its sub-collections, unless Subtree)
	// Subtree widens CollectionID to the collections below it too.
	Subtree      bool
	AgentID      int64 // documents crediting this agent in any role, on any text
	PlaceID      int64 // documents about this place or any place under it
	SubjectID    int64 // documents with this heading or any narrower one
	RepositoryID int64 // documents held by this repository
	// Dates keeps documents whose date interval overlaps it; undated
	// documents never match. An open side of either interval is unbounded.
	Dates *DayRange
	// Undated keeps only documents with no date.
	Undated bool
	// ChangedFrom and ChangedUntil keep documents last changed within them,
	// both inclusive; a zero time leaves that side open.
	ChangedFrom, ChangedUntil time.Time
	// After, with SortChanged, starts the listing after this place. The
	// total counts the documents of the whole listing, not only those after.
	After  *ChangeCursor
	Sort   DocumentSort // SortByDate when empty
	Offset int
	Limit  int // 0 for no limit
}

// DayRange is an inclusive range of days.
type DayRange struct {
	From, To edtf.Day
}

// Stats are the counts a home page shows.
type Stats struct {
	Documents     int
	People        int
	Organisations int
	Places        int
	Collections   int
	Languages     int // distinct languages of the originals
}

// DocumentService reads and writes documents.
type DocumentService interface {
	// FindDocumentByID returns the document in full, whatever its status;
	// callers decide what to show. ENOTFOUND when no document has the id.
	FindDocumentByID(ctx context.Context, id int64) (*Document, error)
	// FindDocuments lists the documents that match, and how many match in all.
	FindDocuments(ctx context.Context, filter DocumentFilter) ([]*DocumentSummary, int, error)
	// CreateDocument validates d, stores it with a new Record ID and its stamps,
	// records a revision and sets d.ID and the stamps. A positive d.ID is
	// kept, as restoring an export needs, if no document has it. EINVALID,
	// also when a referenced authority or document does not exist, or the
	// SourceID or Record ID is taken.
	CreateDocument(ctx context.Context, d *Document) error
	// CreateDocuments creates many documents in one transaction, as
	// CreateDocument does each: all are stored or, on any error, none. Field
	// paths in errors start with the document's index: "documents[3].title".
	CreateDocuments(ctx context.Context, docs []*Document) error
	// UpdateDocument replaces the stored document with d, records a revision
	// and updates the stamps. EINVALID, ENOTFOUND.
	UpdateDocument(ctx context.Context, d *Document) error
	// UpdateDocuments updates many documents in one transaction, as
	// UpdateDocument does each: all are stored or, on any error, none.
	// Field paths in errors start with the document's index:
	// "documents[3].title".
	UpdateDocuments(ctx context.Context, docs []*Document) error
	// ScanDocuments calls fn with each listed document, in the order given,
	// or with every document in Record ID order when ids is nil. Documents
	// are complete but for their authorities, which carry only their ID (read
	// them once with the authority services). It reads in chunks, for
	// indexing and exports; missing ids are skipped.
	ScanDocuments(ctx context.Context, ids []int64, fn func(*Document) error) error
	// FindDocumentIDsBySource returns the Record IDs of the documents with
	// the given source identifiers; identifiers no document has are absent.
	FindDocumentIDsBySource(ctx context.Context, sourceIDs []string) (map[string]int64, error)
	// FindDocumentIDByFormerPath returns the Record ID of the document that
	// holds path, in normal form (NormalFormerPath), among its FormerPaths,
	// whatever its status. ENOTFOUND when none does.
	FindDocumentIDByFormerPath(ctx context.Context, path string) (int64, error)
	// FindDocumentsByIDs returns the listed documents in full, as
	// FindDocumentByID does, in the order given; missing ids are skipped.
	FindDocumentsByIDs(ctx context.Context, ids []int64) ([]*Document, error)
	// FindDocumentTexts returns the listed documents with only their own
	// fields, former paths and texts, in the order given: what a page of search results
	// shows and cuts snippets from. Missing ids are skipped.
	FindDocumentTexts(ctx context.Context, ids []int64) ([]*Document, error)
	// FindRevisions lists a document's revisions, newest first, without snapshots.
	FindRevisions(ctx context.Context, documentID int64) ([]*Revision, error)
	// FindRevisionByID returns a revision with its snapshot. ENOTFOUND.
	FindRevisionByID(ctx context.Context, id int64) (*Revision, error)
	// CountByDates counts, for each range, the documents with the given
	// statuses whose date overlaps it (a document may count in several).
	CountByDates(ctx context.Context, status []Status, ranges []DayRange) ([]int, error)
	// DateBounds returns the earliest and latest known days of the documents
	// with the given statuses; ok is false when none is dated.
	DateBounds(ctx context.Context, status []Status) (r DayRange, ok bool, err error)
	// Stats counts documents with the given statuses and the authorities
	// linked to them.
	Stats(ctx context.Context, status []Status) (Stats, error)
	// LastChange returns when anything in the archive last changed, for
	// HTTP caching.
	LastChange(ctx context.Context) (time.Time, error)
}
