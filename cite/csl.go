package cite

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/recto-archive/recto"
)

// CSLName is a CSL-JSON name: family and given for a person's name stored
// "Family, Given", else the name as written in literal.
type CSLName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// CSLItem is one CSL-JSON item (the CSL 1.0.2 input schema). Its fields
// are those this package fills; see the package documentation for the
// mapping.
type CSLItem struct {
	ID              string    `json:"id"`
	CitationKey     string    `json:"citation-key,omitempty"`
	Type            string    `json:"type"`
	Title           string    `json:"title"`
	Genre           string    `json:"genre,omitempty"`
	Author          []CSLName `json:"author,omitempty"`
	Recipient       []CSLName `json:"recipient,omitempty"`
	Editor          []CSLName `json:"editor,omitempty"`
	Translator      []CSLName `json:"translator,omitempty"`
	Issued          *cslDate  `json:"issued,omitempty"`
	PublisherPlace  string    `json:"publisher-place,omitempty"`
	Archive         string    `json:"archive,omitempty"`
	ArchivePlace    string    `json:"archive-place,omitempty"`
	ArchiveLocation string    `json:"archive_location,omitempty"`
	ContainerTitle  string    `json:"container-title,omitempty"`
	Number          string    `json:"number,omitempty"`
	Source          string    `json:"source,omitempty"`
	Language        string    `json:"language,omitempty"`
	Abstract        string    `json:"abstract,omitempty"`
	Keyword         string    `json:"keyword,omitempty"`
	Note            string    `json:"note,omitempty"`
	URL             string    `json:"URL,omitempty"`
	Accessed        *cslDate  `json:"accessed,omitempty"`
}

// CSL returns the document as a CSL-JSON item.
func CSL(d *recto.Document, o Options) CSLItem {
	repo, loc, src := archiveOf(d)
	it := CSLItem{
		ID:              Key(d),
		CitationKey:     Key(d),
		Type:            "manuscript",
		Title:           d.Title,
		Genre:           d.Type,
		Author:          cslNames(d.CreditsIn(recto.RoleAuthor)),
		Recipient:       cslNames(d.CreditsIn(recto.RoleRecipient)),
		Editor:          cslNames(d.CreditsIn(recto.RoleEditor)),
		Translator:      cslNames(d.Translators()),
		Issued:          splitDate(d.Date).csl(),
		PublisherPlace:  strings.TrimSpace(d.WrittenAt),
		Archive:         repo,
		ArchiveLocation: loc,
		Source:          o.archive(),
		Language:        language(d),
		Abstract:        plain(d.Summary),
		URL:             o.URL(d),
	}
	it.ContainerTitle, it.Number = published(src)
	if src != nil && src.Repository != nil && src.Repository.Place != nil && repo != "" {
		it.ArchivePlace = src.Repository.Place.Name
	}
	var keywords []string
	for _, s := range d.Subjects {
		keywords = append(keywords, s.Heading)
	}
	it.Keyword = strings.Join(keywords, ", ")
	// The recipient has its own variable; the note keeps what has none.
	var n []string
	for _, s := range notes(d, src) {
		if !strings.HasPrefix(s, "Recipient: ") {
			n = append(n, s)
		}
	}
	it.Note = strings.Join(n, "\n")
	if !o.Accessed.IsZero() {
		t := o.Accessed.UTC()
		it.Accessed = &cslDate{DateParts: [][]int64{{int64(t.Year()), int64(t.Month()), int64(t.Day())}}}
	}
	return it
}

// CSLJSON returns the document as a CSL-JSON file: an array of one item,
// indented, ending with a newline.
func CSLJSON(d *recto.Document, o Options) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode([]CSLItem{CSL(d, o)}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func cslNames(agents []*recto.Agent) []CSLName {
	var names []CSLName
	for _, a := range agents {
		if family, given, ok := personName(a); ok {
			names = append(names, CSLName{Family: family, Given: given})
		} else {
			names = append(names, CSLName{Literal: a.Name})
		}
	}
	return names
}
