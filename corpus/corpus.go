// Package corpus reads and writes Recto's keyed corpus format: authorities and
// documents that refer to each other by keys of the file's own choosing
// rather than by Record IDs. The built-in sample collection is one such file;
// the synthetic benchmark corpus is another, as JSON Lines.
//
// A whole-file corpus is one JSON object with the arrays "repositories",
// "places", "agents", "subjects", "collections" and "documents". A JSON Lines
// corpus has one object per line with exactly one of the keys "repository",
// "place", "agent", "subject", "collection" or "document". Either way a record
// may refer only to records before it, except that relations between
// documents may also point forward, and a subject, being its heading, need
// not be listed before a document names it. Unknown fields are errors.
//
// Dates may be EDTF or written as people write them ("June 1934",
// edtf.ParseLenient), languages BCP 47 tags or names ("Russian",
// recto.ReadLanguage); an import reports each such reading (Report.Readings).
// A repository needs only a short name, which is its name until a record
// gives one.
//
// The format holds the complete model. Optional "id" fields carry Record
// IDs (a text's too, and a subject line's "subject_id"; a text or a new
// subject keeps its ID where no other has it), documents' "created_at",
// "updated_at" and "published_at" their
// stamps (RFC 3339), and "source_id" the identifier a document has in the
// source it was imported from; "former_paths", "original_uploaded" and
// "original_created" what a former site had of it. WriteLines exports an archive in it, with
// keys made from Record IDs ("agent/12").
//
// LoadFile and LoadLines create every record, for a new archive. Import,
// ImportLines and ImportRecords instead match records with the archive, in
// one transaction, so that importing a file twice changes nothing. The
// readers of other formats (packages tei and csv) and ReadLines give their
// records to an Emit one at a time as they read them, so that an import
// holds a batch of documents, not the file; an error names the file, line
// and record. A document record may carry only some of its fields
// (Document.Fields): an import changes only those, by the rule of
// recto.FieldSet.
package corpus

import "github.com/recto-archive/recto"

// Name is a variant name in a language or script.
type Name struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
}

// Identifier is an authority's identifier in an external system.
type Identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

// Repository is a holding archive; Place is a place key.
type Repository struct {
	Key          string `json:"key"`
	ID           int64  `json:"id,omitempty"`
	ShortName    string `json:"short_name"`
	Name         string `json:"name"`
	Place        string `json:"place,omitempty"`
	Website      string `json:"website,omitempty"`
	CitationNote string `json:"citation_note,omitempty"`
}

// Place is a place; Parent is the key of the place it lies in.
type Place struct {
	Key         string       `json:"key"`
	ID          int64        `json:"id,omitempty"`
	Name        string       `json:"name"`
	Variants    []Name       `json:"variants,omitempty"`
	Parent      string       `json:"parent,omitempty"`
	Latitude    *float64     `json:"lat,omitempty"`
	Longitude   *float64     `json:"lon,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
}

// Agent is a person or an organisation; Dates is EDTF.
type Agent struct {
	Key         string       `json:"key"`
	ID          int64        `json:"id,omitempty"`
	Kind        string       `json:"kind"`
	Name        string       `json:"name"`
	SortName    string       `json:"sort_name,omitempty"` // inferred for a new agent when empty
	Variants    []Name       `json:"variants,omitempty"`
	Dates       string       `json:"dates,omitempty"`
	Bio         string       `json:"bio,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
}

// Collection is a collection; Parent is the key of its parent collection.
type Collection struct {
	Key         string `json:"key"`
	ID          int64  `json:"id,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Image       string `json:"image,omitempty"`
	Parent      string `json:"parent,omitempty"`
}

// Credit is an agent (by key) in a role, made for an organisation (by
// key) when For is set.
type Credit struct {
	Role  string `json:"role"`
	Agent string `json:"agent"`
	For   string `json:"for,omitempty"`
}

// Text is a translation or transcript; Date is EDTF. Format is markdown
// (when absent), plain or html. ID, when given, is kept if no other text
// has it, so that a restored archive answers at the same text URLs.
type Text struct {
	ID             int64    `json:"id,omitempty"`
	Kind           string   `json:"kind"`
	Lang           string   `json:"lang"`
	TranslatedFrom string   `json:"translated_from,omitempty"`
	Method         string   `json:"method,omitempty"`
	Date           string   `json:"date,omitempty"`
	Notes          string   `json:"notes,omitempty"`
	Credits        []Credit `json:"credits,omitempty"`
	Format         string   `json:"format,omitempty"`
	Body           string   `json:"body"`
}

// RefPart is one part of an archival reference.
type RefPart struct {
	Type  string `json:"type,omitempty"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// Source is where a document is held; Repository is a repository key.
type Source struct {
	Repository string    `json:"repository,omitempty"`
	Parts      []RefPart `json:"parts,omitempty"`
	Note       string    `json:"note,omitempty"`
	Citation   string    `json:"citation,omitempty"`
}

// Classification is the original's security classification.
type Classification struct {
	Level          string `json:"level,omitempty"`
	DeclassifiedOn string `json:"declassified_on,omitempty"`
	DeclassifiedBy string `json:"declassified_by,omitempty"`
}

// Rights is a rights statement.
type Rights struct {
	Statement string `json:"statement,omitempty"`
	URI       string `json:"uri,omitempty"`
}

// Media is a scan or other file of the original.
type Media struct {
	URL       string `json:"url"`
	MediaType string `json:"media_type"`
	Label     string `json:"label,omitempty"`
}

// Relation links to another document by key.
type Relation struct {
	Kind     string `json:"kind"`
	Document string `json:"document"`
}

// Document is a document; Places, Subjects (headings) and Collections refer
// to records by key.
type Document struct {
	Key            string         `json:"key"`
	ID             int64          `json:"id,omitempty"`
	SourceID       string         `json:"source_id,omitempty"`
	Title          string         `json:"title"`
	Summary        string         `json:"summary,omitempty"`
	Type           string         `json:"type,omitempty"`
	Date           string         `json:"date,omitempty"`
	DateAsWritten  string         `json:"date_as_written,omitempty"`
	Languages      []string       `json:"languages,omitempty"`
	WrittenAt      string         `json:"written_at,omitempty"`
	WrittenOn      string         `json:"written_on,omitempty"`
	Signature      string         `json:"signature,omitempty"`
	Authentication string         `json:"authentication,omitempty"`
	Classification Classification `json:"classification,omitzero"`
	Rights         Rights         `json:"rights,omitzero"`
	Status         string         `json:"status"`
	WithdrawnNote  string         `json:"withdrawn_note,omitempty"`
	Texts          []Text         `json:"texts,omitempty"`
	Sources        []Source       `json:"sources,omitempty"`
	Credits        []Credit       `json:"credits,omitempty"`
	Places         []string       `json:"places,omitempty"`
	Subjects       []string       `json:"subjects,omitempty"`
	Collections    []string       `json:"collections,omitempty"`
	Media          []Media        `json:"media,omitempty"`
	Relations      []Relation     `json:"relations,omitempty"`
	CreatedAt      string         `json:"created_at,omitempty"`
	UpdatedAt      string         `json:"updated_at,omitempty"`
	PublishedAt    string         `json:"published_at,omitempty"`
	// The paths the document had on a former site, in any form
	// recto.NormalFormerPath reads, and the former system's stamps (RFC 3339).
	FormerPaths      []string `json:"former_paths,omitempty"`
	OriginalUploaded string   `json:"original_uploaded,omitempty"`
	OriginalCreated  string   `json:"original_created,omitempty"`
	// Fields, when not nil, are the fields the record carries: an import
	// leaves the others of a document in the archive as they are
	// (recto.FieldSet). A record read from a CSV file carries its columns,
	// one from a JSON Lines file the keys its line has.
	Fields recto.FieldSet `json:"-"`
}

// File is a whole-file corpus.
type File struct {
	Repositories []Repository `json:"repositories"`
	Places       []Place      `json:"places"`
	Agents       []Agent      `json:"agents"`
	Subjects     []string     `json:"subjects"`
	Collections  []Collection `json:"collections"`
	Documents    []Document   `json:"documents"`
}

// Line is one line of a JSON Lines corpus: exactly one field is set.
type Line struct {
	Repository *Repository `json:"repository,omitempty"`
	Place      *Place      `json:"place,omitempty"`
	Agent      *Agent      `json:"agent,omitempty"`
	Subject    *string     `json:"subject,omitempty"`
	// SubjectID is the Record ID of a subject line's heading, kept when the
	// heading is new to the archive and no subject has the ID.
	SubjectID  int64       `json:"subject_id,omitempty"`
	Collection *Collection `json:"collection,omitempty"`
	Document   *Document   `json:"document,omitempty"`
}
