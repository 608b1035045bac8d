package csv

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
)

// field is what a column holds.
type field uint8

const (
	fID field = iota
	fSourceID
	fStatus
	fTitle
	fType
	fDate
	fDateAsWritten
	fSummary
	fLanguages
	fWrittenAt
	fWrittenOn
	fSignature
	fAuthentication
	fClassification
	fDeclassifiedOn
	fDeclassifiedBy
	fRightsStatement
	fRightsURI
	fWithdrawnNote
	fCreatedAt
	fPublishedAt
	fOriginalUploaded
	fOriginalCreated
	fFormerPaths
	fCredits // role in colDef.role
	fPlaces
	fSubjects
	fCollections
	fRelated
	fEnclosures
	fMedia

	// a source's columns
	fRepository
	fReference
	fSourceNote
	fSourceCitation

	// a text's columns
	fTextKind
	fTextLang
	fTextTranslatedFrom
	fTextMethod
	fTextDate
	fTextCredits // role in colDef.role
	fTextNotes
	fTextBody
)

type colDef struct {
	name string
	f    field
	role recto.Role
}

// docCols are the document's own columns, in the order Write writes them.
var docCols = []colDef{
	{"id", fID, ""},
	{"source_id", fSourceID, ""},
	{"status", fStatus, ""},
	{"title", fTitle, ""},
	{"type", fType, ""},
	{"date", fDate, ""},
	{"date_as_written", fDateAsWritten, ""},
	{"summary", fSummary, ""},
	{"languages", fLanguages, ""},
	{"written_at", fWrittenAt, ""},
	{"written_on", fWrittenOn, ""},
	{"signature", fSignature, ""},
	{"authentication", fAuthentication, ""},
	{"classification", fClassification, ""},
	{"declassified_on", fDeclassifiedOn, ""},
	{"declassified_by", fDeclassifiedBy, ""},
	{"rights_statement", fRightsStatement, ""},
	{"rights_uri", fRightsURI, ""},
	{"withdrawn_note", fWithdrawnNote, ""},
	{"created_at", fCreatedAt, ""},
	{"published_at", fPublishedAt, ""},
	{"original_uploaded", fOriginalUploaded, ""},
	{"original_created", fOriginalCreated, ""},
	{"former_paths", fFormerPaths, ""},
	{"authors", fCredits, recto.RoleAuthor},
	{"recipients", fCredits, recto.RoleRecipient},
	{"obtained_by", fCredits, recto.RoleObtainedBy},
	{"editors", fCredits, recto.RoleEditor},
	{"translators", fCredits, recto.RoleTranslator},
	{"transcribers", fCredits, recto.RoleTranscriber},
	{"donors", fCredits, recto.RoleDonor},
	{"funders", fCredits, recto.RoleFunder},
	{"publishers", fCredits, recto.RolePublisher},
	{"people", fCredits, recto.RoleAssociated},
	{"places", fPlaces, ""},
	{"subjects", fSubjects, ""},
	{"collections", fCollections, ""},
	{"related", fRelated, ""},
	{"enclosures", fEnclosures, ""},
	{"media", fMedia, ""},
}

// sourceCols are a source's columns, in order. The first source's columns
// are named as in firstSourceNames; the n-th's "source<n>_" + name.
var sourceCols = []colDef{
	{"repository", fRepository, ""},
	{"reference", fReference, ""},
	{"note", fSourceNote, ""},
	{"citation", fSourceCitation, ""},
}

var firstSourceNames = []string{"repository", "reference", "source_note", "source_citation"}

// textCols are a text's columns, in order, each named "text<n>_" + name.
var textCols = []colDef{
	{"kind", fTextKind, ""},
	{"lang", fTextLang, ""},
	{"translated_from", fTextTranslatedFrom, ""},
	{"method", fTextMethod, ""},
	{"date", fTextDate, ""},
	{"translators", fTextCredits, recto.RoleTranslator},
	{"transcribers", fTextCredits, recto.RoleTranscriber},
	{"editors", fTextCredits, recto.RoleEditor},
	{"notes", fTextNotes, ""},
	{"body", fTextBody, ""},
}

// Indexes in textCols of the columns every text group needs.
const (
	textKind = 0
	textLang = 1
	textBody = 9
)

func sourceColName(n, i int) string {
	if n == 1 {
		return firstSourceNames[i]
	}
	return fmt.Sprintf("source%d_%s", n, sourceCols[i].name)
}

func textColName(n, i int) string { return fmt.Sprintf("text%d_%s", n, textCols[i].name) }

// fixedCols maps the names of the document's columns and the first source's
// to their definitions and their index.
var fixedCols = func() map[string]column {
	m := map[string]column{}
	for i, c := range docCols {
		m[c.name] = column{colDef: c, block: blockDoc, index: i}
	}
	for i, c := range sourceCols {
		c.name = firstSourceNames[i]
		m[c.name] = column{colDef: c, block: blockSource, group: 1, index: i}
	}
	return m
}()

// Blocks of columns, in the order rows are read and written.
const (
	blockDoc = iota
	blockSource
	blockText
)

// column is one column of a file being read.
type column struct {
	colDef
	block int
	group int // a source's or text's number, from 1
	index int // in docCols, sourceCols or textCols
	gi    int // index of the group in reader.sources or reader.texts
}

// fieldNames are the names in recto.FieldSet of the document columns not
// named alike; "" for the columns that carry no field an update sets
// (the keys, and the stamps the store keeps).
var fieldNames = map[string]string{
	"id": "", "created_at": "", "published_at": "",
	"classification": "classification.level", "declassified_on": "classification.declassified_on",
	"declassified_by": "classification.declassified_by", "rights_statement": "rights.statement",
	"rights_uri": "rights.uri", "related": "relations.related", "enclosures": "relations.enclosure",
}

// fieldName is the field of a document the column carries (a text's or
// source's column carries the whole list: texts and sources are all or
// nothing).
func (c column) fieldName() string {
	switch {
	case c.block == blockText:
		return "texts"
	case c.block == blockSource:
		return "sources"
	case c.f == fCredits:
		return "credits." + string(c.role)
	}
	if f, ok := fieldNames[c.name]; ok {
		return f
	}
	return c.name
}

// parseColumn interprets a header cell.
func parseColumn(name string) (column, bool) {
	if c, ok := fixedCols[name]; ok {
		return c, true
	}
	for _, g := range []struct {
		prefix string
		block  int
		cols   []colDef
		min    int
	}{{"text", blockText, textCols, 1}, {"source", blockSource, sourceCols, 2}} {
		rest, ok := strings.CutPrefix(name, g.prefix)
		if !ok {
			continue
		}
		num, suffix, ok := strings.Cut(rest, "_")
		if !ok || num == "" || num[0] == '0' || len(num) > 4 {
			return column{}, false
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < g.min {
			return column{}, false
		}
		for i, c := range g.cols {
			if c.name == suffix {
				return column{colDef: c, block: g.block, group: n, index: i}, true
			}
		}
		return column{}, false
	}
	return column{}, false
}

// group is a source's or text's columns in a file being read: header
// indexes by the group's column index, -1 for absent columns.
type group struct {
	n    int
	cols []int
}

// header interprets the header row: every column must be known and given
// once, and title, source_id and each text group's kind, lang and body must
// be there.
func (r *reader) header(names []string, pos func(i int) (int, int)) []*Error {
	var errs []*Error
	fail := func(i int, name string, format string, args ...any) {
		e := &Error{File: r.name, Field: name, Err: fmt.Errorf(format, args...)}
		if i >= 0 {
			e.Line, e.Column = pos(i)
		} else {
			e.Line, _ = pos(0)
		}
		errs = append(errs, e)
	}
	seen := map[string]int{}
	r.cols = make([]column, len(names))
	for i, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte order mark, as spreadsheets write
		}
		if name == "" {
			fail(i, "", "column %d has no name", i+1)
			continue
		}
		if j, dup := seen[name]; dup {
			fail(i, name, "the column is given twice (also column %d)", j+1)
			continue
		}
		seen[name] = i
		c, ok := parseColumn(name)
		if !ok {
			fail(i, name, "unknown column")
			continue
		}
		r.cols[i] = c
	}
	_, bySource := seen["source_id"]
	if _, byID := seen["id"]; !bySource && !byID {
		fail(-1, "source_id", "required column is missing (or id, for documents in the archive)")
	}
	if len(errs) > 0 {
		return errs
	}
	r.fields = recto.FieldSet{}
	for _, c := range r.cols {
		if f := c.fieldName(); f != "" {
			r.fields[f] = true
		}
	}
	// Groups, in order of their number.
	groups := func(block, width int) []group {
		var gs []group
		at := map[int]int{}
		for i := range r.cols {
			c := &r.cols[i]
			if c.block != block {
				continue
			}
			gi, ok := at[c.group]
			if !ok {
				gi = len(gs)
				at[c.group] = gi
				cols := make([]int, width)
				for k := range cols {
					cols[k] = -1
				}
				gs = append(gs, group{n: c.group, cols: cols})
			}
			gs[gi].cols[c.index] = i
		}
		slices.SortFunc(gs, func(a, b group) int { return cmp.Compare(a.n, b.n) })
		for gi, g := range gs {
			for _, i := range g.cols {
				if i >= 0 {
					r.cols[i].gi = gi
				}
			}
		}
		return gs
	}
	r.sources = groups(blockSource, len(sourceCols))
	r.texts = groups(blockText, len(textCols))
	for _, g := range r.texts {
		for _, k := range []int{textKind, textLang, textBody} {
			if g.cols[k] < 0 {
				fail(-1, textColName(g.n, k), "required column is missing (the header has other text%d_ columns)", g.n)
			}
		}
	}
	// Cells are read in the order Write writes them, whatever the file's
	// order, so that the order of credits and of authorities in the corpus
	// does not depend on the order of the columns.
	r.order = make([]int, len(r.cols))
	for i := range r.order {
		r.order[i] = i
	}
	slices.SortFunc(r.order, func(a, b int) int {
		ca, cb := &r.cols[a], &r.cols[b]
		return cmp.Or(cmp.Compare(ca.block, cb.block), cmp.Compare(ca.group, cb.group), cmp.Compare(ca.index, cb.index))
	})
	return errs
}

// exportHeader returns the column names Write writes for at most texts texts and
// sources sources (at least one).
func exportHeader(texts, sources int) []string {
	var h []string
	for _, c := range docCols {
		h = append(h, c.name)
	}
	for n := 1; n <= max(sources, 1); n++ {
		for i := range sourceCols {
			h = append(h, sourceColName(n, i))
		}
	}
	for n := 1; n <= texts; n++ {
		for i := range textCols {
			h = append(h, textColName(n, i))
		}
	}
	return h
}

// standardLabels are the labels reference parts of these types get when
// the cell gives none: the labels as cited.
var standardLabels = map[string]string{
	"fond": "Fond", "opis": "Opis'", "delo": "Delo", "folios": "ll.",
	"record-group": "RG", "entry": "Entry", "series": "Series", "box": "Box", "folder": "Folder",
	"file": "File No.", "item": "Item", "volume": "Vol.", "pages": "pp.",
	"bestand": "Bestand", "band": "Bd.", "blatt": "Bl.",
}

var errNoHeader = errors.New("no header row")
