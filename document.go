package recto

import (
	"fmt"
	"strings"
	"time"

	"github.com/recto-archive/recto/edtf"
)

// Status is where a document is in its editorial life.
type Status string

// Document statuses. Only published documents are public; a withdrawn document
// keeps its URL and answers with a notice.
const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in-review"
	StatusPublished Status = "published"
	StatusWithdrawn Status = "withdrawn"
)

// Public lists the statuses whose documents the public site lists and counts.
var Public = []Status{StatusPublished}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusInReview, StatusPublished, StatusWithdrawn:
		return true
	}
	return false
}

// Document is one primary source: its texts, provenance, credits, links to
// authorities and lifecycle. Authority references (Agent, Place, Subject,
// Collection, Repository) are read back in full; on write only their IDs count.
type Document struct {
	ID int64 // Record ID: stable, positive, never reused
	// SourceID identifies the document in the source it was imported from
	// ("frus1936v03/d15"): re-importing the source updates the document it
	// names instead of adding another. Unique when set; empty for none.
	SourceID string
	Title    string // "Letter from Alihan Tore to Commander-in-Chief Marshal Stalin"
	Summary  string // short abstract, light Markdown
	Type     string // genre: letter, telegram, minutes, memorandum…

	Date edtf.Date // the document's date
	// DateAsWritten is the date in its original calendar or wording, when it
	// adds something: "9 April 1917 (Old Style)".
	DateAsWritten string

	Languages []string // languages of the original, BCP 47
	Texts     []Text   // translations and transcripts, in editorial order

	WrittenAt      string // place of writing as the document gives it: "Ghulja [Yining]"
	WrittenOn      string // date of writing as the document gives it: "22 April 1945"
	Signature      string // signature block
	Authentication string // "Authenticated by: V. Popova"

	Sources        []Source
	Credits        []Credit // document-level roles; translators sit on their texts
	Places         []*Place
	Subjects       []*Subject
	Collections    []*Collection
	Classification Classification
	Rights         Rights
	Media          []Media    // scans of the original, in page order
	Relations      []Relation // links this document makes to others
	// Inverse holds the links other documents make to this one ("enclosed in"),
	// filled on read and ignored on write.
	Inverse []Relation

	Status Status
	// WithdrawnNote is shown on a withdrawn document's page.
	WithdrawnNote string
	// FormerPaths are the paths the document had on a former site
	// ("/document/119185", "/document/letter-from-alihan-tore", "/node/4521"),
	// each answered with a permanent redirect to its page, so that links
	// already cited in print keep working.
	FormerPaths []string
	// The former system's stamps, kept as it had them; zero when unknown.
	OriginalUploaded time.Time // "Original Uploaded Date": first published there
	OriginalCreated  time.Time // when the record was created there
	// The stamps are set by the store. A new document keeps stamps it is
	// created with, so that restoring an export keeps them.
	CreatedAt   time.Time // when Recto first stored the document
	UpdatedAt   time.Time // on every change
	PublishedAt time.Time // first publication; kept after
}

// TextKind tells a translation from a transcript in the original language.
type TextKind string

// Text kinds.
const (
	Translation TextKind = "translation"
	Transcript  TextKind = "transcript"
)

// TranslationMethod says how a translation was made.
type TranslationMethod string

// Translation methods.
const (
	HumanTranslation   TranslationMethod = "human"
	MachineTranslation TranslationMethod = "machine"
	MachineRevised     TranslationMethod = "machine-revised"
	UnspecifiedMethod  TranslationMethod = ""
)

// TextFormat says how a text's body is written.
type TextFormat string

// Text formats. An empty format reads as Markdown, the format of texts
// written before formats existed.
const (
	// Markdown is CommonMark with page markers ("[[page p. 3]]").
	Markdown TextFormat = "markdown"
	// PlainText is shown exactly as typed: every line break and number kept,
	// nothing interpreted.
	PlainText TextFormat = "plain"
	// HTML comes from a former system or a word processor; it is sanitised
	// on the way in and again on the way out.
	HTML TextFormat = "html"
)

// Valid reports whether f is a known format or empty.
func (f TextFormat) Valid() bool {
	switch f {
	case Markdown, PlainText, HTML, "":
		return true
	}
	return false
}

// Text is one text of a document: a translation, or a transcript of the
// original. Paragraphs are numbered in order so that a translation and its
// original can be read side by side and cited (#p3).
type Text struct {
	ID     int64
	Kind   TextKind
	Lang   string     // BCP 47
	Format TextFormat // how Body is written
	Body   string
	// TranslatedFrom is the language the translation was made from, when it is
	// not the original's (a pivot translation from a copy in a third language).
	TranslatedFrom string
	Method         TranslationMethod
	Date           edtf.Date // when the translation or transcript was made
	Notes          string
	Credits        []Credit // translators, transcribers, revisers
}

// Label names the text for a tab: "English translation", "Russian original".
func (t *Text) Label() string {
	name := LanguageName(t.Lang)
	if t.Kind == Transcript {
		return name + " original"
	}
	return name + " translation"
}

// Source is one place where the original is held, with its archival reference
// as ordered parts. Citations are generated from the parts.
type Source struct {
	Repository *Repository // nil when the holder is unknown
	Parts      []RefPart
	Note       string // free-text source note
	// Citation is a hand-written citation kept only for imported legacy data
	// whose reference cannot be split into parts.
	Citation string
}

// RefPart is one level of an archival reference: fond R-9401ss, opis 2,
// delo 95, folios 352-359; or record group, entry, box, folder.
type RefPart struct {
	Type  string // machine name: fond, opis, delo, folios, record-group, box, folder, file…
	Label string // as cited: "Fond", "Opis'", "Delo", "ll."
	Value string
}

// Role is what an agent did for a document or a text. Its MARC relator code,
// where one fits, is given by MARCRelator.
type Role string

// Roles.
const (
	RoleAuthor      Role = "author"
	RoleRecipient   Role = "recipient"
	RoleObtainedBy  Role = "obtained-by"
	RoleTranslator  Role = "translator"
	RoleTranscriber Role = "transcriber"
	RoleEditor      Role = "editor"
	RoleDonor       Role = "donor"
	RoleFunder      Role = "funder"
	RolePublisher   Role = "publisher"
	RoleAssociated  Role = "associated" // mentioned in or associated with the document
)

var marcRelators = map[Role]string{
	RoleAuthor: "aut", RoleRecipient: "rcp", RoleTranslator: "trl", RoleTranscriber: "trc",
	RoleEditor: "edt", RoleDonor: "dnr", RoleFunder: "fnd", RolePublisher: "pbl",
	RoleAssociated: "asn", RoleObtainedBy: "",
}

// MARCRelator returns the MARC relator code of the role, or "" when no term
// fits ("obtained by" has none).
func (r Role) MARCRelator() string { return marcRelators[r] }

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	_, ok := marcRelators[r]
	return ok
}

// textRoles are the roles a credit on a text may have.
var textRoles = map[Role]bool{RoleTranslator: true, RoleTranscriber: true, RoleEditor: true}

// Credit is an agent in a role, made on behalf of an organisation when For
// is set: "translated for NKIDP by Gary Goldberg".
type Credit struct {
	Role  Role
	Agent *Agent
	For   *Agent // nil when the credit names no one it was made for
}

// Classification is the security classification the original carried.
type Classification struct {
	Level          string    // "Top Secret", "Strictly Secret", "Confidential"; empty if none
	DeclassifiedOn edtf.Date // optional
	DeclassifiedBy string    // authority that declassified it; optional
}

// Rights is a document's rights statement.
type Rights struct {
	Statement string // shown on the page; light Markdown
	URI       string // a rightsstatements.org or Creative Commons URI, when known
}

// Media is a file of the original: a scan or a PDF.
type Media struct {
	URL       string // site path or absolute URL
	MediaType string // IANA media type: image/jpeg, application/pdf
	Label     string // "Page 1"
}

// RelationKind says how two documents belong together.
type RelationKind string

// Relation kinds.
const (
	Related   RelationKind = "related"
	Enclosure RelationKind = "enclosure" // the other document is an attachment or enclosure of this one
)

// Relation links a document to another one.
type Relation struct {
	Kind     RelationKind
	Document *DocumentSummary // on write only the ID counts
}

// DocumentSummary is what listings show of a document.
type DocumentSummary struct {
	ID          int64
	Title       string
	Summary     string
	Type        string
	Date        edtf.Date
	Status      Status
	PublishedAt time.Time
	UpdatedAt   time.Time
}

// Revision is one recorded change of a document, with the document as it was
// after the change.
type Revision struct {
	ID         int64
	DocumentID int64
	CreatedAt  time.Time
	Status     Status
	Document   *Document // the snapshot; nil in listings
}

// Validate returns an EINVALID error naming every bad field.
func (d *Document) Validate() error {
	v := newValidator()
	v.required("title", d.Title)
	if !d.Status.Valid() {
		v.fail("status", "must be one of draft, in-review, published, withdrawn")
	}
	for i, lang := range d.Languages {
		if !ValidLanguageTag(lang) {
			v.fail(fmt.Sprintf("languages[%d]", i), "%q is not a BCP 47 language tag", lang)
		}
	}
	for i := range d.Texts {
		d.Texts[i].validate(v.index("texts", i))
	}
	for i, s := range d.Sources {
		s.validate(v.index("sources", i))
	}
	validateCredits(v, d.Credits, nil)
	validateRefs(v, "places", d.Places, func(p *Place) int64 { return p.ID })
	validateRefs(v, "subjects", d.Subjects, func(s *Subject) int64 { return s.ID })
	validateRefs(v, "collections", d.Collections, func(c *Collection) int64 { return c.ID })
	d.validateRelations(v)
	validateFormerPaths(v, d.FormerPaths)
	for i, m := range d.Media {
		e := v.index("media", i)
		if strings.TrimSpace(m.URL) == "" {
			e.fail("url", "required")
		} else if !isLinkURL(m.URL) {
			e.fail("url", "%q %s", m.URL, linkURLRule)
		}
		e.required("media_type", m.MediaType)
	}
	if d.Rights.URI != "" && !isWebURL(d.Rights.URI) {
		v.fail("rights.uri", "must be an absolute http or https URL")
	}
	return v.err("document")
}

func (t *Text) validate(v validator) {
	if t.Kind != Translation && t.Kind != Transcript {
		v.fail("kind", "must be %q or %q", Translation, Transcript)
	}
	if !ValidLanguageTag(t.Lang) {
		v.fail("lang", "%q is not a BCP 47 language tag", t.Lang)
	}
	v.required("body", t.Body)
	if t.TranslatedFrom != "" && !ValidLanguageTag(t.TranslatedFrom) {
		v.fail("translated_from", "%q is not a BCP 47 language tag", t.TranslatedFrom)
	}
	switch t.Method {
	case HumanTranslation, MachineTranslation, MachineRevised, UnspecifiedMethod:
	default:
		v.fail("method", "must be human, machine or machine-revised")
	}
	if !t.Format.Valid() {
		v.fail("format", "%q is not a text format: must be markdown, plain or html", t.Format)
	}
	if t.Kind == Transcript && (t.TranslatedFrom != "" || t.Method != "") {
		v.fail("kind", "a transcript has no translation method or source language")
	}
	validateCredits(v, t.Credits, textRoles)
}

func (s *Source) validate(v validator) {
	if s.Repository != nil && s.Repository.ID <= 0 {
		v.fail("repository", "unknown repository")
	}
	if s.Repository == nil && len(s.Parts) == 0 && strings.TrimSpace(s.Note) == "" && strings.TrimSpace(s.Citation) == "" {
		v.fail("repository", "a source needs a repository, reference parts, a note or a citation")
	}
	for i, p := range s.Parts {
		e := v.index("parts", i)
		e.required("label", p.Label)
		e.required("value", p.Value)
	}
}

// validateCredits checks credits; allowed, when not nil, limits the roles.
func validateCredits(v validator, credits []Credit, allowed map[Role]bool) {
	for i, c := range credits {
		e := v.index("credits", i)
		if !c.Role.Valid() || (allowed != nil && !allowed[c.Role]) {
			e.fail("role", "%q is not a role allowed here", c.Role)
		}
		if c.Agent == nil || c.Agent.ID <= 0 {
			e.fail("agent", "unknown person or organisation")
		}
		if c.For != nil && c.For.ID <= 0 {
			e.fail("for", "unknown organisation")
		}
	}
}

// validateRefs checks that every referenced authority has an ID and appears once.
func validateRefs[T any](v validator, field string, refs []T, id func(T) int64) {
	seen := make(map[int64]bool, len(refs))
	for i, r := range refs {
		switch n := id(r); {
		case n <= 0:
			v.fail(fmt.Sprintf("%s[%d]", field, i), "unknown %s", strings.TrimSuffix(field, "s"))
		case seen[n]:
			v.fail(fmt.Sprintf("%s[%d]", field, i), "listed twice")
		default:
			seen[n] = true
		}
	}
}

func (d *Document) validateRelations(v validator) {
	for i, r := range d.Relations {
		e := v.index("relations", i)
		if r.Kind != Related && r.Kind != Enclosure {
			e.fail("kind", "must be %q or %q", Related, Enclosure)
		}
		switch {
		case r.Document == nil || r.Document.ID <= 0:
			e.fail("document", "unknown document")
		case r.Document.ID == d.ID:
			e.fail("document", "a document cannot relate to itself")
		}
	}
}

// CreditsIn returns the agents credited in the given role, in order.
func (d *Document) CreditsIn(role Role) []*Agent {
	var agents []*Agent
	for _, c := range d.Credits {
		if c.Role == role {
			agents = append(agents, c.Agent)
		}
	}
	return agents
}

// Translators returns the agents credited as translators of any text, each
// once, in text order.
func (d *Document) Translators() []*Agent {
	var agents []*Agent
	for _, c := range d.TranslatorCredits() {
		agents = append(agents, c.Agent)
	}
	return agents
}

// TranslatorCredits returns the translator credits of the document and of
// its texts, each agent once (its first credit, with the organisation it
// was made for): the document's first, then the texts' in text order. A
// translator credited on the document, as a former system or a CSV row
// may give one, is a translator of the document all the same.
func (d *Document) TranslatorCredits() []Credit {
	var credits []Credit
	seen := map[int64]bool{}
	add := func(cs []Credit) {
		for _, c := range cs {
			if c.Role == RoleTranslator && c.Agent != nil && !seen[c.Agent.ID] {
				seen[c.Agent.ID] = true
				credits = append(credits, c)
			}
		}
	}
	add(d.Credits)
	for _, t := range d.Texts {
		add(t.Credits)
	}
	return credits
}

// CreditsWithRole returns the document's credits in the given role, in
// order, with the organisations they were made for.
func (d *Document) CreditsWithRole(role Role) []Credit {
	var credits []Credit
	for _, c := range d.Credits {
		if c.Role == role {
			credits = append(credits, c)
		}
	}
	return credits
}

// ReadingOrder returns the indexes of d.Texts in the order a reader should see
// them: English translations first, then other translations, then transcripts
// of the original; editorial order within each group.
func (d *Document) ReadingOrder() []int {
	rank := func(t *Text) int {
		switch {
		case t.Kind == Translation && PrimaryLanguage(t.Lang) == "en":
			return 0
		case t.Kind == Translation:
			return 1
		}
		return 2
	}
	order := make([]int, 0, len(d.Texts))
	for r := 0; r <= 2; r++ {
		for i := range d.Texts {
			if rank(&d.Texts[i]) == r {
				order = append(order, i)
			}
		}
	}
	return order
}

// Summarize returns the listing form of the document.
func (d *Document) Summarize() *DocumentSummary {
	return &DocumentSummary{ID: d.ID, Title: d.Title, Summary: d.Summary, Type: d.Type,
		Date: d.Date, Status: d.Status, PublishedAt: d.PublishedAt, UpdatedAt: d.UpdatedAt}
}
