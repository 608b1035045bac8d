package wilson

import (
	"fmt"
	"time"

	"github.com/recto-archive/recto/edtf"
)

// The JSON shapes of the Wilson Center Digital Archive API. Their keys are
// those its clients know: the "digitalarchive" Python package builds
// dataclasses from them with Class(**json), which fails on any key it does
// not know, so no shape here may carry more keys than the original did.
// List fields are never null (that client takes len() of them).

// recordSummary is a document in search results, attachments and links.
type recordSummary struct {
	ID               string  `json:"id"`
	URI              string  `json:"uri"`
	Model            string  `json:"model"`
	Title            string  `json:"title"`
	Description      string  `json:"description"`
	DocDate          string  `json:"doc_date"`
	FrontendDocDate  string  `json:"frontend_doc_date"`
	DateRangeStart   *string `json:"date_range_start"`
	Slug             string  `json:"slug"`
	SourceCreatedAt  *string `json:"source_created_at"`
	SourceUpdatedAt  *string `json:"source_updated_at"`
	FirstPublishedAt *string `json:"first_published_at"`
}

// record is a document in full.
type record struct {
	ID                string           `json:"id"`
	URI               string           `json:"uri"`
	Model             string           `json:"model"`
	Title             string           `json:"title"`
	Description       string           `json:"description"`
	DocDate           string           `json:"doc_date"`
	FrontendDocDate   string           `json:"frontend_doc_date"`
	DateRangeStart    *string          `json:"date_range_start"`
	Slug              string           `json:"slug"`
	Source            string           `json:"source"`
	Type              []named          `json:"type"`
	Rights            rights           `json:"rights"`
	Classifications   []named          `json:"classifications"`
	Languages         []named          `json:"languages"`
	Creators          []authority      `json:"creators"`
	Contributors      []authority      `json:"contributors"`
	Donors            []named          `json:"donors"`
	OriginalCoverages []coverage       `json:"original_coverages"`
	Subjects          []authority      `json:"subjects"`
	Collections       []collectionRef  `json:"collections"`
	Repositories      []authority      `json:"repositories"`
	Publishers        []publisher      `json:"publishers"`
	Transcripts       []asset          `json:"transcripts"`
	Translations      []asset          `json:"translations"`
	MediaFiles        []mediaFile      `json:"media_files"`
	Attachments       []*recordSummary `json:"attachments"`
	Links             []*recordSummary `json:"links"`
	SourceCreatedAt   *string          `json:"source_created_at"`
	SourceUpdatedAt   *string          `json:"source_updated_at"`
	FirstPublishedAt  *string          `json:"first_published_at"`
}

// named is an id and a name: a language (id ISO 639-2/B), a type, a
// classification, a donor.
type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// authority is a subject, contributor or repository; value repeats name.
type authority struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
	URI   string `json:"uri"`
}

type publisher struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type rights struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Rights string `json:"rights"`
}

// coverage is a place with the chain of places above it. Children are
// listed only by the coverage endpoint, and only when there are some: the
// Python client fails on an empty list there.
type coverage struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Value    string      `json:"value"`
	URI      string      `json:"uri"`
	Parent   *coverage   `json:"parent"`
	Children []authority `json:"children,omitempty"`
}

// collectionRef is a collection a record belongs to.
type collectionRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
	Slug  string `json:"slug"`
	URI   string `json:"uri"`
}

// collection is a collection in full, in search results too.
type collection struct {
	ID               string         `json:"id"`
	URI              string         `json:"uri"`
	Model            string         `json:"model"`
	Name             string         `json:"name"`
	Value            string         `json:"value"`
	Slug             string         `json:"slug"`
	Parent           *collectionRef `json:"parent"`
	Description      string         `json:"description"`
	ShortDescription string         `json:"short_description"`
	MainSrc          string         `json:"main_src"`
	ThumbSrc         string         `json:"thumb_src"`
	NoOfDocuments    string         `json:"no_of_documents"`
	IsInactive       bool           `json:"is_inactive"`
	SourceCreatedAt  *string        `json:"source_created_at"`
	SourceUpdatedAt  *string        `json:"source_updated_at"`
	FirstPublishedAt *string        `json:"first_published_at"`
}

// asset is a transcript or a translation. Language is set on translations
// only: the Python client's Transcript has no such field.
type asset struct {
	ID              string  `json:"id"`
	Filename        string  `json:"filename"`
	ContentType     string  `json:"content_type"`
	Extension       string  `json:"extension"`
	AssetID         string  `json:"asset_id"`
	URL             string  `json:"url"`
	Language        *named  `json:"language,omitempty"`
	HTML            string  `json:"html"`
	SourceCreatedAt *string `json:"source_created_at"`
	SourceUpdatedAt *string `json:"source_updated_at"`
}

// mediaFile is a scan of the original.
type mediaFile struct {
	ID              string  `json:"id"`
	Filename        string  `json:"filename"`
	ContentType     string  `json:"content_type"`
	Extension       string  `json:"extension"`
	AssetID         string  `json:"asset_id"`
	Path            string  `json:"path"`
	SourceCreatedAt *string `json:"source_created_at"`
	SourceUpdatedAt *string `json:"source_updated_at"`
}

// pagination is the paging block of search answers.
type pagination struct {
	Page       int `json:"page"`
	TotalPages int `json:"totalPages"`
	TotalItems int `json:"totalItems"`
}

// listing is a search answer.
type listing struct {
	Pagination pagination `json:"pagination"`
	List       []any      `json:"list"`
}

// dateRange is the answer of record/date_range.json.
type dateRange struct {
	Begin *string `json:"begin"`
	End   *string `json:"end"`
}

// stamp writes a time as the API did, "2017-11-17 17:18:10" (UTC here);
// nil for the zero time.
func stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.DateTime)
	return &s
}

// compactDay writes a day as YYYYMMDD: "19450422".
func compactDay(d edtf.Day) string {
	y, m, day := d.Date()
	if y < 0 {
		return fmt.Sprintf("-%04d%02d%02d", -y, m, day)
	}
	return fmt.Sprintf("%04d%02d%02d", y, m, day)
}

// docDates returns doc_date (the earliest day, else the latest, else ""),
// frontend_doc_date (the display form) and date_range_start (the earliest
// day, else null) of an EDTF date.
func docDates(d edtf.Date) (docDate, frontend string, rangeStart *string) {
	frontend = d.Display()
	if first, ok := d.Earliest(); ok {
		s := compactDay(first)
		return s, frontend, &s
	}
	if last, ok := d.Latest(); ok {
		return compactDay(last), frontend, nil
	}
	return "", frontend, nil
}
