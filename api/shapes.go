package api

import (
	"cmp"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// The JSON shapes of the API. Each has a schema of the same name in
// openapi.json; the tests check every response against it, property by
// property, so a field added here must be described there too.

// Date is a date of the catalogue: its EDTF form, how the site shows it,
// and the first and last days it can be (null for an open side).
type Date struct {
	EDTF     string  `json:"edtf"`
	Display  string  `json:"display"`
	Earliest *string `json:"earliest"`
	Latest   *string `json:"latest"`
}

func dateOf(d edtf.Date) *Date {
	if d.IsZero() {
		return nil
	}
	out := &Date{EDTF: d.String(), Display: d.Display()}
	if day, ok := d.Earliest(); ok {
		s := day.String()
		out.Earliest = &s
	}
	if day, ok := d.Latest(); ok {
		s := day.String()
		out.Latest = &s
	}
	return out
}

// stamp formats a time as RFC 3339 in UTC; nil for the zero time.
func stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339Nano)
	return &s
}

// DocumentLinks are a document's addresses.
type DocumentLinks struct {
	Self string `json:"self"`
	HTML string `json:"html"`
}

// AuthorityLinks are an authority's addresses, with its documents list.
type AuthorityLinks struct {
	Self      string `json:"self"`
	HTML      string `json:"html"`
	Documents string `json:"documents"`
}

// linker makes the absolute links of one response.
type linker struct{ base string }

func (l linker) document(id int64) DocumentLinks {
	s := strconv.FormatInt(id, 10)
	return DocumentLinks{Self: link(l.base, "/documents/"+s), HTML: l.base + "/documents/" + s}
}

// authority links an authority: its API path segment, the site's path
// segment and the documents filter that selects its documents.
func (l linker) authority(apiPath, sitePath, filter string, id int64) AuthorityLinks {
	s := strconv.FormatInt(id, 10)
	return AuthorityLinks{Self: link(l.base, "/"+apiPath+"/"+s), HTML: l.base + "/" + sitePath + "/" + s,
		Documents: link(l.base, "/documents", filter, s)}
}

func (l linker) agent(id int64) AuthorityLinks { return l.authority("people", "people", "person", id) }
func (l linker) place(id int64) AuthorityLinks { return l.authority("places", "places", "place", id) }
func (l linker) subject(id int64) AuthorityLinks {
	return l.authority("subjects", "subjects", "subject", id)
}
func (l linker) collection(id int64) AuthorityLinks {
	return l.authority("collections", "collections", "collection", id)
}
func (l linker) repository(id int64) AuthorityLinks {
	return l.authority("repositories", "repositories", "repository", id)
}

// absolute resolves a site path (a media file, an image) against the base.
func (l linker) absolute(ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
		return l.base + ref
	}
	b, err := url.Parse(l.base + "/")
	if err != nil {
		return ref
	}
	return b.ResolveReference(u).String()
}

// DocumentSummary is a document as lists show it.
type DocumentSummary struct {
	ID          int64         `json:"id"`
	Title       string        `json:"title"`
	Summary     *string       `json:"summary"`
	Type        *string       `json:"type"`
	Date        *Date         `json:"date"`
	PublishedAt *string       `json:"published_at"`
	UpdatedAt   *string       `json:"updated_at"`
	Links       DocumentLinks `json:"links"`
}

func (l linker) summary(s *recto.DocumentSummary) DocumentSummary {
	return DocumentSummary{ID: s.ID, Title: s.Title, Summary: optional(s.Summary), Type: optional(s.Type),
		Date: dateOf(s.Date), PublishedAt: stamp(s.PublishedAt), UpdatedAt: stamp(s.UpdatedAt), Links: l.document(s.ID)}
}

// Document is a published document in full.
type Document struct {
	ID             int64           `json:"id"`
	SourceID       *string         `json:"source_id"`
	Title          string          `json:"title"`
	Summary        *string         `json:"summary"`
	Type           *string         `json:"type"`
	Date           *Date           `json:"date"`
	DateAsWritten  *string         `json:"date_as_written"`
	Languages      []string        `json:"languages"`
	Texts          []Text          `json:"texts"`
	WrittenAt      *string         `json:"written_at"`
	WrittenOn      *string         `json:"written_on"`
	Signature      *string         `json:"signature"`
	Authentication *string         `json:"authentication"`
	Sources        []Source        `json:"sources"`
	Credits        []Credit        `json:"credits"`
	Places         []PlaceRef      `json:"places"`
	Subjects       []SubjectRef    `json:"subjects"`
	Collections    []CollectionRef `json:"collections"`
	Classification Classification  `json:"classification"`
	Rights         Rights          `json:"rights"`
	Media          []Media         `json:"media"`
	Relations      []Relation      `json:"relations"`
	Status         recto.Status    `json:"status"`
	CreatedAt      *string         `json:"created_at"`
	UpdatedAt      *string         `json:"updated_at"`
	PublishedAt    *string         `json:"published_at"`
	Links          DocumentLinks   `json:"links"`
	// What a former site had of the document: its paths there, each
	// redirected to its page, and the former system's stamps.
	FormerPaths      []string `json:"former_paths"`
	OriginalUploaded *string  `json:"original_uploaded"`
	OriginalCreated  *string  `json:"original_created"`
}

// Text is a translation or a transcript, with its source in its format.
type Text struct {
	Kind           recto.TextKind `json:"kind"`
	Lang           string         `json:"lang"`
	Label          string         `json:"label"`
	TranslatedFrom *string        `json:"translated_from"`
	Method         *string        `json:"method"`
	Date           *Date          `json:"date"`
	Notes          *string        `json:"notes"`
	Credits        []Credit       `json:"credits"`
	Format         string         `json:"format"`
	Body           string         `json:"body"`
}

// Credit is a person or organisation in a role.
type Credit struct {
	Role        recto.Role `json:"role"`
	MARCRelator *string    `json:"marc_relator"`
	Agent       AgentRef   `json:"agent"`
	For         *AgentRef  `json:"for"` // the organisation it was made for; null for none
}

// Source is where the original is held and its archival reference.
type Source struct {
	Repository *RepositoryRef `json:"repository"`
	Parts      []RefPart      `json:"parts"`
	Note       *string        `json:"note"`
	Citation   *string        `json:"citation"`
}

// RefPart is one level of an archival reference.
type RefPart struct {
	Type  *string `json:"type"`
	Label string  `json:"label"`
	Value string  `json:"value"`
}

// Classification is the original's security classification.
type Classification struct {
	Level          *string `json:"level"`
	DeclassifiedOn *Date   `json:"declassified_on"`
	DeclassifiedBy *string `json:"declassified_by"`
}

// Rights is the rights statement.
type Rights struct {
	Statement *string `json:"statement"`
	URI       *string `json:"uri"`
}

// Media is a scan or file of the original.
type Media struct {
	URL       string  `json:"url"`
	MediaType string  `json:"media_type"`
	Label     *string `json:"label"`
}

// Relation links a published document to another published one: related,
// enclosure (the other is enclosed in this one) or enclosed_in.
type Relation struct {
	Kind     string          `json:"kind"`
	Document DocumentSummary `json:"document"`
}

// Relation kinds; enclosed_in is an enclosure seen from the other side.
const (
	relationRelated    = "related"
	relationEnclosure  = "enclosure"
	relationEnclosedIn = "enclosed_in"
)

// References to authorities, embedded in documents and other authorities.
type (
	AgentRef struct {
		ID    int64           `json:"id"`
		Kind  recto.AgentKind `json:"kind"`
		Name  string          `json:"name"`
		Links AuthorityLinks  `json:"links"`
	}
	PlaceRef struct {
		ID    int64          `json:"id"`
		Name  string         `json:"name"`
		Links AuthorityLinks `json:"links"`
	}
	SubjectRef struct {
		ID      int64          `json:"id"`
		Heading string         `json:"heading"`
		Links   AuthorityLinks `json:"links"`
	}
	CollectionRef struct {
		ID    int64          `json:"id"`
		Title string         `json:"title"`
		Links AuthorityLinks `json:"links"`
	}
	RepositoryRef struct {
		ID        int64          `json:"id"`
		ShortName string         `json:"short_name"`
		Name      string         `json:"name"`
		Links     AuthorityLinks `json:"links"`
	}
	// NamedRef names a record without linking it: a repository's place,
	// which no published document may name.
	NamedRef struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
)

func (l linker) agentRef(a *recto.Agent) AgentRef {
	return AgentRef{ID: a.ID, Kind: a.Kind, Name: a.Name, Links: l.agent(a.ID)}
}

func (l linker) placeRef(p *recto.Place) PlaceRef {
	return PlaceRef{ID: p.ID, Name: p.Name, Links: l.place(p.ID)}
}

func (l linker) subjectRef(s *recto.Subject) SubjectRef {
	return SubjectRef{ID: s.ID, Heading: s.Heading, Links: l.subject(s.ID)}
}

func (l linker) collectionRef(c *recto.Collection) CollectionRef {
	return CollectionRef{ID: c.ID, Title: c.Title, Links: l.collection(c.ID)}
}

func (l linker) repositoryRef(r *recto.Repository) RepositoryRef {
	return RepositoryRef{ID: r.ID, ShortName: r.ShortName, Name: r.Name, Links: l.repository(r.ID)}
}

func (l linker) credits(cs []recto.Credit) []Credit {
	out := make([]Credit, 0, len(cs))
	for _, c := range cs {
		if c.Agent == nil {
			continue
		}
		cr := Credit{Role: c.Role, MARCRelator: optional(c.Role.MARCRelator()), Agent: l.agentRef(c.Agent)}
		if c.For != nil {
			ref := l.agentRef(c.For)
			cr.For = &ref
		}
		out = append(out, cr)
	}
	return out
}

// document returns the JSON form of a published document. Links to
// documents that are not published are left out.
func (l linker) full(d *recto.Document) Document {
	out := Document{ID: d.ID, SourceID: optional(d.SourceID), Title: d.Title, Summary: optional(d.Summary), Type: optional(d.Type),
		Date: dateOf(d.Date), DateAsWritten: optional(d.DateAsWritten), Languages: make([]string, 0, len(d.Languages)),
		Texts: make([]Text, 0, len(d.Texts)), WrittenAt: optional(d.WrittenAt), WrittenOn: optional(d.WrittenOn),
		Signature: optional(d.Signature), Authentication: optional(d.Authentication),
		Sources: make([]Source, 0, len(d.Sources)), Credits: l.credits(d.Credits),
		Places: make([]PlaceRef, 0, len(d.Places)), Subjects: make([]SubjectRef, 0, len(d.Subjects)),
		Collections: make([]CollectionRef, 0, len(d.Collections)),
		Classification: Classification{Level: optional(d.Classification.Level),
			DeclassifiedOn: dateOf(d.Classification.DeclassifiedOn), DeclassifiedBy: optional(d.Classification.DeclassifiedBy)},
		Rights: Rights{Statement: optional(d.Rights.Statement), URI: optional(d.Rights.URI)},
		Media:  make([]Media, 0, len(d.Media)), Relations: []Relation{}, Status: d.Status,
		CreatedAt: stamp(d.CreatedAt), UpdatedAt: stamp(d.UpdatedAt), PublishedAt: stamp(d.PublishedAt),
		Links: l.document(d.ID)}
	out.FormerPaths = append(make([]string, 0, len(d.FormerPaths)), d.FormerPaths...)
	out.OriginalUploaded, out.OriginalCreated = stamp(d.OriginalUploaded), stamp(d.OriginalCreated)
	out.Languages = append(out.Languages, d.Languages...)
	for i := range d.Texts {
		t := &d.Texts[i]
		out.Texts = append(out.Texts, Text{Kind: t.Kind, Lang: t.Lang, Label: t.Label(),
			TranslatedFrom: optional(t.TranslatedFrom), Method: optional(string(t.Method)), Date: dateOf(t.Date),
			Notes: optional(t.Notes), Credits: l.credits(t.Credits), Format: string(cmp.Or(t.Format, recto.Markdown)), Body: t.Body})
	}
	for _, s := range d.Sources {
		src := Source{Parts: make([]RefPart, 0, len(s.Parts)), Note: optional(s.Note), Citation: optional(s.Citation)}
		if s.Repository != nil {
			ref := l.repositoryRef(s.Repository)
			src.Repository = &ref
		}
		for _, p := range s.Parts {
			src.Parts = append(src.Parts, RefPart{Type: optional(p.Type), Label: p.Label, Value: p.Value})
		}
		out.Sources = append(out.Sources, src)
	}
	for _, p := range d.Places {
		out.Places = append(out.Places, l.placeRef(p))
	}
	for _, s := range d.Subjects {
		out.Subjects = append(out.Subjects, l.subjectRef(s))
	}
	for _, c := range d.Collections {
		out.Collections = append(out.Collections, l.collectionRef(c))
	}
	for _, m := range d.Media {
		out.Media = append(out.Media, Media{URL: l.absolute(m.URL), MediaType: m.MediaType, Label: optional(m.Label)})
	}
	// The catalogue has left only the links to published documents.
	relate := func(rel recto.Relation, inverse bool) {
		kind := relationRelated
		if rel.Kind == recto.Enclosure {
			kind = relationEnclosure
			if inverse {
				kind = relationEnclosedIn
			}
		}
		out.Relations = append(out.Relations, Relation{Kind: kind, Document: l.summary(rel.Document)})
	}
	for _, rel := range d.Relations {
		relate(rel, false)
	}
	for _, rel := range d.Inverse {
		relate(rel, true)
	}
	return out
}

// Name is a variant name.
type Name struct {
	Name string  `json:"name"`
	Lang *string `json:"lang"`
}

func names(ns []recto.Name) []Name {
	out := make([]Name, 0, len(ns))
	for _, n := range ns {
		out = append(out, Name{Name: n.Name, Lang: optional(n.Lang)})
	}
	return out
}

// Identifier is an authority's identifier in another system.
type Identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

func identifiers(ids []recto.Identifier) []Identifier {
	out := make([]Identifier, 0, len(ids))
	for _, id := range ids {
		out = append(out, Identifier{Scheme: id.Scheme, Value: id.Value})
	}
	return out
}

// Person is a person or organisation, with its count of published documents.
type Person struct {
	ID          int64           `json:"id"`
	Kind        recto.AgentKind `json:"kind"`
	Name        string          `json:"name"`
	SortName    string          `json:"sort_name"`
	Variants    []Name          `json:"variants"`
	Dates       *Date           `json:"dates"`
	Bio         *string         `json:"bio"`
	Identifiers []Identifier    `json:"identifiers"`
	Documents   int             `json:"documents"`
	Links       AuthorityLinks  `json:"links"`
}

func (l linker) person(a *recto.Agent, count int) Person {
	return Person{ID: a.ID, Kind: a.Kind, Name: a.Name, SortName: a.SortName, Variants: names(a.Variants), Dates: dateOf(a.Dates),
		Bio: optional(a.Bio), Identifiers: identifiers(a.Identifiers), Documents: count, Links: l.agent(a.ID)}
}

// Coordinates are WGS 84 decimal degrees.
type Coordinates struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// Place is a place, with its parent and its count of published documents
// at or below it.
type Place struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Variants    []Name         `json:"variants"`
	Parent      *PlaceRef      `json:"parent"`
	Coordinates *Coordinates   `json:"coordinates"`
	Identifiers []Identifier   `json:"identifiers"`
	Documents   int            `json:"documents"`
	Links       AuthorityLinks `json:"links"`
}

// PlaceDetail is a place with the places above and below it.
type PlaceDetail struct {
	Place
	Ancestors []PlaceRef `json:"ancestors"`
	Children  []Place    `json:"children"`
}

func (l linker) placeOf(p *recto.Place, parent *recto.Place, count int) Place {
	out := Place{ID: p.ID, Name: p.Name, Variants: names(p.Variants), Identifiers: identifiers(p.Identifiers),
		Documents: count, Links: l.place(p.ID)}
	if parent != nil {
		ref := l.placeRef(parent)
		out.Parent = &ref
	}
	if c := p.Coordinates; c != nil {
		out.Coordinates = &Coordinates{Latitude: c.Latitude, Longitude: c.Longitude}
	}
	return out
}

// Subject is a subject heading, with its broader heading and its count of
// published documents with it or a narrower one.
type Subject struct {
	ID        int64          `json:"id"`
	Heading   string         `json:"heading"`
	Term      string         `json:"term"`
	Terms     []string       `json:"terms"`
	Parent    *SubjectRef    `json:"parent"`
	Documents int            `json:"documents"`
	Links     AuthorityLinks `json:"links"`
}

// SubjectDetail is a heading with its broader and narrower headings.
type SubjectDetail struct {
	Subject
	Ancestors []SubjectRef `json:"ancestors"`
	Children  []Subject    `json:"children"`
}

func (l linker) subjectOf(s *recto.Subject, parent *recto.Subject, count int) Subject {
	out := Subject{ID: s.ID, Heading: s.Heading, Term: s.Term(), Terms: s.Terms(), Documents: count, Links: l.subject(s.ID)}
	if parent != nil {
		ref := l.subjectRef(parent)
		out.Parent = &ref
	}
	return out
}

// Collection is a collection, with its parent and its count of published
// documents in it and the collections below it.
type Collection struct {
	ID          int64          `json:"id"`
	Title       string         `json:"title"`
	Description *string        `json:"description"`
	Image       *string        `json:"image"`
	Parent      *CollectionRef `json:"parent"`
	Position    int            `json:"position"`
	Documents   int            `json:"documents"`
	Links       AuthorityLinks `json:"links"`
}

// CollectionDetail is a collection with the collections above and in it.
type CollectionDetail struct {
	Collection
	Ancestors []CollectionRef `json:"ancestors"`
	Children  []Collection    `json:"children"`
}

func (l linker) collectionOf(c *recto.Collection, parent *recto.Collection, count int) Collection {
	out := Collection{ID: c.ID, Title: c.Title, Description: optional(c.Description), Position: c.Position,
		Documents: count, Links: l.collection(c.ID)}
	if c.Image != "" {
		img := l.absolute(c.Image)
		out.Image = &img
	}
	if parent != nil {
		ref := l.collectionRef(parent)
		out.Parent = &ref
	}
	return out
}

// Repository is an archive or library holding originals, with its count of
// published documents.
type Repository struct {
	ID           int64          `json:"id"`
	ShortName    string         `json:"short_name"`
	Name         string         `json:"name"`
	Place        *NamedRef      `json:"place"`
	Website      *string        `json:"website"`
	CitationNote *string        `json:"citation_note"`
	Documents    int            `json:"documents"`
	Links        AuthorityLinks `json:"links"`
}

func (l linker) repositoryOf(r *recto.Repository, count int) Repository {
	out := Repository{ID: r.ID, ShortName: r.ShortName, Name: r.Name, Website: optional(r.Website),
		CitationNote: optional(r.CitationNote), Documents: count, Links: l.repository(r.ID)}
	if r.Place != nil && r.Place.ID > 0 {
		out.Place = &NamedRef{ID: r.Place.ID, Name: r.Place.Name}
	}
	return out
}

// List is a page of a list.
type List[T any] struct {
	Data  []T     `json:"data"`
	Next  *string `json:"next"`
	Total int     `json:"total"`
}
