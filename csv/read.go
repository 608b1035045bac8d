package csv

import (
	stdcsv "encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/input"
)

// maxErrors is how many problems Read reports before it stops reading:
// as many as any reader of a file.
const maxErrors = corpus.MaxProblems

// Limits of what a reader holds at once, so that no file exhausts the
// memory or the database: a cell, and a row (a record, which may span
// lines). A file may have as many rows as it likes.
const (
	MaxCell = 16 << 20
	MaxRow  = 64 << 20
)

// Read reads a CSV file of documents into a corpus File, as Decode does,
// and returns it when the file has no problem.
func Read(r io.Reader, name string) (*corpus.File, error) {
	f := &corpus.File{}
	if err := Decode(r, name, f.Add); err != nil {
		return nil, err
	}
	return f, nil
}

// Decode reads a CSV file of documents, one a row, and gives emit each
// row's document as it reads it, after each authority its cells name for
// the first time. name (a file name) starts error messages; a record's
// place is "name:line".
//
// Decode checks everything it can without the archive: the header,
// required cells, dates, language tags, kinds, methods, statuses, Record
// IDs, the cell syntax, UTF-8 and the limits MaxCell and MaxRow. A problem
// is an *Error; from the first one on, Decode emits nothing more but goes
// on reading, and returns up to 20 problems joined by errors.Join, in file
// order. An error of emit stops it and is returned as it is.
//
// The file is UTF-8, with or without a byte order mark, or UTF-16 with
// one. A document carries the fields of the file's columns (corpus
// Document.Fields): an import leaves the others alone.
func Decode(r io.Reader, name string, emit corpus.Emit) error {
	win := &input.Window{R: r, Limit: MaxRow}
	text, _, err := input.Open(win)
	if err != nil {
		return &Error{File: name, Line: 1, Err: err}
	}
	cr := stdcsv.NewReader(text)
	cr.ReuseRecord = true
	rd := &reader{name: name, cr: cr, emit: emit, agents: map[string]string{}, emitted: map[string]bool{},
		keys: map[string]int{}, ids: map[int64]int{}}
	rd.cache.agents, rd.cache.places, rd.cache.subjects = map[string]string{}, map[string]string{}, map[string]string{}
	rd.cache.collections, rd.cache.repositories = map[string]string{}, map[string]string{}
	names, err := cr.Read()
	switch {
	case err == io.EOF:
		return &Error{File: name, Line: 1, Err: errNoHeader}
	case err != nil:
		return rd.readError(err, 1)
	}
	names = slices.Clone(names)
	if errs := rd.header(names, cr.FieldPos); len(errs) > 0 {
		return joinErrors(errs)
	}
	next := 2 // the line the next row starts on, or after
	for len(rd.errs) < maxErrors && rd.emitErr == nil {
		win.Mark()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *stdcsv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, stdcsv.ErrFieldCount) {
				rd.errs = append(rd.errs, &Error{File: name, Line: pe.Line, Column: pe.Column,
					Err: fmt.Errorf("the row has %d fields, the header %d", len(rec), len(names))})
				continue
			}
			rd.errs = append(rd.errs, rd.readError(err, next))
			break
		}
		last, _ := cr.FieldPos(len(rec) - 1)
		next = last + strings.Count(rec[len(rec)-1], "\n") + 1
		if blank(rec) || !rd.checkCells(rec) {
			continue
		}
		rd.row(rec)
	}
	if rd.emitErr != nil {
		return rd.emitErr
	}
	if len(rd.errs) > 0 {
		slices.SortStableFunc(rd.errs, func(a, b *Error) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Column - b.Column
		})
		if len(rd.errs) >= maxErrors {
			rd.errs = append(rd.errs[:maxErrors], &Error{File: name, Err: errors.New("too many problems; reading stopped")})
		}
		return joinErrors(rd.errs)
	}
	return nil
}

func joinErrors(errs []*Error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	all := make([]error, len(errs))
	for i, e := range errs {
		all[i] = e
	}
	return errors.Join(all...)
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkCells refuses cells that are too long, not UTF-8, or hold a NUL
// byte: none of it would be stored as written.
func (r *reader) checkCells(rec []string) bool {
	ok := true
	for i, c := range rec {
		switch {
		case len(c) > MaxCell:
			r.fail(i, "the cell is longer than %s, the most one cell may hold", input.Size(MaxCell))
		case !utf8.ValidString(c):
			bad := strings.IndexFunc(c, func(r rune) bool { return r == utf8.RuneError })
			r.fail(i, "byte %#x is not UTF-8: save the file as UTF-8 (in a spreadsheet, \"CSV UTF-8\")", c[bad])
		case strings.IndexByte(c, 0) >= 0:
			r.fail(i, "the cell holds a NUL byte, which text cannot: is the file UTF-16 without a byte order mark?")
		default:
			continue
		}
		ok = false
	}
	return ok
}

// reader is the state of one Decode.
type reader struct {
	name    string
	cr      *stdcsv.Reader
	cols    []column // by header index
	order   []int    // header indexes in the order cells are read
	sources []group
	texts   []group
	fields  recto.FieldSet // the fields the columns carry

	emit    corpus.Emit
	emitErr error             // the first error of emit: reading stops
	agents  map[string]string // agents emitted, by key: their kind
	emitted map[string]bool   // other authorities emitted, by key
	keys    map[string]int    // documents' keys → line
	ids     map[int64]int     // documents' Record IDs → line
	// cache maps the values of cells already read to their keys, by kind.
	cache struct{ agents, places, subjects, collections, repositories map[string]string }
	errs  []*Error
}

// add emits a record of the row being read, unless the file has a
// problem already: it will not be imported.
func (r *reader) add(rec corpus.Line) {
	if len(r.errs) > 0 || r.emitErr != nil {
		return
	}
	line, _ := r.cr.FieldPos(0)
	r.emitErr = r.emit(rec, fmt.Sprintf("%s:%d", r.name, line))
}

// readError places an error of reading the file; a row too long for the
// window is said to be, at the line it starts on or after.
func (r *reader) readError(err error, line int) *Error {
	if _, ok := errors.AsType[*input.TooLongError](err); ok {
		return &Error{File: r.name, Line: line, Err: fmt.Errorf("the row is longer than %s, the most one row may take", input.Size(MaxRow))}
	}
	return r.syntaxError(err)
}

func (r *reader) syntaxError(err error) *Error {
	var pe *stdcsv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: r.name, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return &Error{File: r.name, Err: err}
}

// fail records a problem with the cell in header column i of the current row.
func (r *reader) fail(i int, format string, args ...any) {
	r.failErr(i, fmt.Errorf(format, args...))
}

func (r *reader) failErr(i int, err error) {
	line, col := r.cr.FieldPos(i)
	r.errs = append(r.errs, &Error{File: r.name, Line: line, Column: col, Field: r.colName(i), Err: err})
}

// colName is the canonical name of header column i.
func (r *reader) colName(i int) string {
	c := &r.cols[i]
	switch c.block {
	case blockSource:
		return sourceColName(c.group, c.index)
	case blockText:
		return textColName(c.group, c.index)
	}
	return c.name
}

// row reads one document.
func (r *reader) row(rec []string) {
	before := len(r.errs)
	d := corpus.Document{Fields: r.fields}
	texts := make([]corpus.Text, len(r.texts))
	textSet := make([]bool, len(r.texts))
	sources := make([]corpus.Source, len(r.sources))
	sourceSet := make([]bool, len(r.sources))
	idCol, sourceIDCol := -1, -1
	for _, i := range r.order {
		c := &r.cols[i]
		v := unguard(strings.TrimSpace(rec[i]))
		if v == "" {
			switch c.f {
			case fTitle:
				r.fail(i, "empty: every document needs a title")
			case fSourceID:
				sourceIDCol = i
			}
			continue
		}
		switch c.block {
		case blockSource:
			sourceSet[c.gi] = true
		case blockText:
			textSet[c.gi] = true
		}
		switch c.f {
		case fID:
			idCol = i
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				r.fail(i, "%q is not a Record ID (a positive integer)", v)
				continue
			}
			d.ID = id
		case fSourceID:
			sourceIDCol = i
			if strings.HasPrefix(v, "#") {
				r.fail(i, "%q: a source identifier cannot start with #", v)
				continue
			}
			// A copy: the importer keeps the key of every document, and
			// the cell shares the memory of its whole row.
			d.SourceID = strings.Clone(v)
		case fStatus:
			if !recto.Status(v).Valid() {
				r.fail(i, "%q is not a status (draft, in-review, published or withdrawn)", v)
				continue
			}
			d.Status = v
		case fTitle:
			d.Title = v
		case fType:
			d.Type = v
		case fDate:
			d.Date = r.date(i, v)
		case fDateAsWritten:
			d.DateAsWritten = v
		case fSummary:
			d.Summary = v
		case fLanguages:
			for _, l := range splitList(v) {
				if r.lang(i, l) {
					d.Languages = append(d.Languages, l)
				}
			}
		case fWrittenAt:
			d.WrittenAt = v
		case fWrittenOn:
			d.WrittenOn = v
		case fSignature:
			d.Signature = v
		case fAuthentication:
			d.Authentication = v
		case fClassification:
			d.Classification.Level = v
		case fDeclassifiedOn:
			d.Classification.DeclassifiedOn = r.date(i, v)
		case fDeclassifiedBy:
			d.Classification.DeclassifiedBy = v
		case fRightsStatement:
			d.Rights.Statement = v
		case fRightsURI:
			if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				r.fail(i, "%q is not an absolute http or https URL", v)
				continue
			}
			d.Rights.URI = v
		case fWithdrawnNote:
			d.WithdrawnNote = v
		case fCreatedAt:
			d.CreatedAt = r.time(i, v)
		case fPublishedAt:
			d.PublishedAt = r.time(i, v)
		case fOriginalUploaded:
			d.OriginalUploaded = r.time(i, v)
		case fOriginalCreated:
			d.OriginalCreated = r.time(i, v)
		case fFormerPaths:
			for _, p := range splitList(v) {
				if _, err := recto.NormalFormerPath(p); err != nil {
					r.failErr(i, err)
					continue
				}
				d.FormerPaths = append(d.FormerPaths, p)
			}
		case fCredits:
			d.Credits = r.credits(i, v, c.role, d.Credits)
		case fPlaces:
			d.Places = r.refs(i, v, r.cache.places, r.place)
		case fSubjects:
			d.Subjects = r.refs(i, v, r.cache.subjects, r.subject)
		case fCollections:
			d.Collections = r.refs(i, v, r.cache.collections, r.collection)
		case fRelated, fEnclosures:
			kind := recto.Related
			if c.f == fEnclosures {
				kind = recto.Enclosure
			}
			for _, t := range splitList(v) {
				if rest, ok := strings.CutPrefix(t, "#"); ok {
					if id, err := strconv.ParseInt(rest, 10, 64); err != nil || id <= 0 {
						r.fail(i, "%q is not a Record ID (a positive integer after #)", t)
						continue
					}
				}
				d.Relations = append(d.Relations, corpus.Relation{Kind: string(kind), Document: t})
			}
		case fMedia:
			for _, item := range splitList(v) {
				p, err := parsePart(item)
				if err != nil {
					r.failErr(i, err)
					continue
				}
				if !strings.Contains(p.typ, "/") {
					r.fail(i, "%q: %q is not a media type such as image/jpeg", item, p.typ)
					continue
				}
				d.Media = append(d.Media, corpus.Media{URL: p.value, MediaType: p.typ, Label: p.label})
			}
		case fRepository:
			if key, ok := r.cache.repositories[v]; ok {
				sources[c.gi].Repository = key
			} else if key, err := r.repository(v); err != nil {
				r.failErr(i, err)
			} else {
				r.cache.repositories[v] = key
				sources[c.gi].Repository = key
			}
		case fReference:
			sources[c.gi].Parts = r.parts(i, v)
		case fSourceNote:
			sources[c.gi].Note = v
		case fSourceCitation:
			sources[c.gi].Citation = v
		case fTextKind:
			if v != string(recto.Translation) && v != string(recto.Transcript) {
				r.fail(i, "%q is not a kind of text (translation or transcript)", v)
				continue
			}
			texts[c.gi].Kind = v
		case fTextLang:
			if r.lang(i, v) {
				texts[c.gi].Lang = v
			}
		case fTextTranslatedFrom:
			if r.lang(i, v) {
				texts[c.gi].TranslatedFrom = v
			}
		case fTextMethod:
			switch recto.TranslationMethod(v) {
			case recto.HumanTranslation, recto.MachineTranslation, recto.MachineRevised:
				texts[c.gi].Method = v
			default:
				r.fail(i, "%q is not a translation method (human, machine or machine-revised)", v)
			}
		case fTextDate:
			texts[c.gi].Date = r.date(i, v)
		case fTextCredits:
			texts[c.gi].Credits = r.credits(i, v, c.role, texts[c.gi].Credits)
		case fTextNotes:
			texts[c.gi].Notes = v
		case fTextFormat:
			if f := recto.TextFormat(v); f.Valid() {
				texts[c.gi].Format = v
			} else {
				r.fail(i, "%q is not a text format (markdown, plain or html)", v)
			}
		case fTextBody:
			texts[c.gi].Body = v
		}
	}
	for gi, g := range r.texts {
		if !textSet[gi] {
			continue
		}
		t := &texts[gi]
		for _, k := range []int{textKind, textLang, textBody} {
			if i := g.cols[k]; strings.TrimSpace(rec[i]) == "" {
				r.fail(i, "empty: text %d needs a kind, a language and a body", g.n)
			}
		}
		if t.Kind == string(recto.Transcript) {
			for _, k := range []int{2, 3} { // translated_from, method
				if i := g.cols[k]; i >= 0 && strings.TrimSpace(rec[i]) != "" {
					r.fail(i, "a transcript has no translation method or source language")
				}
			}
		}
		d.Texts = append(d.Texts, *t)
	}
	for gi := range r.sources {
		if sourceSet[gi] {
			d.Sources = append(d.Sources, sources[gi])
		}
	}
	switch {
	case d.SourceID != "":
		d.Key = d.SourceID
	case d.ID > 0:
		d.Key = "#" + strconv.FormatInt(d.ID, 10)
	case sourceIDCol >= 0 && idCol < 0:
		r.fail(sourceIDCol, "empty: every row needs a source_id (or, for a document in the archive, an id)")
	}
	line, _ := r.cr.FieldPos(0)
	if first, dup := r.keys[d.Key]; dup && d.SourceID != "" {
		r.fail(sourceIDCol, "%q is also the source_id of the row on line %d", d.SourceID, first)
	}
	if first, dup := r.ids[d.ID]; dup && d.ID > 0 {
		r.fail(idCol, "Record ID %d is also the id of the row on line %d", d.ID, first)
	}
	self := d.Key
	if d.ID > 0 {
		self = "#" + strconv.FormatInt(d.ID, 10)
	}
	for _, rel := range d.Relations {
		if rel.Document == d.Key || rel.Document == self {
			r.fail(r.relationCol(rel.Kind), "%q is this document: a document cannot relate to itself", rel.Document)
		}
	}
	if len(r.errs) > before || d.Key == "" {
		return
	}
	r.keys[d.Key] = line
	if d.ID > 0 {
		r.ids[d.ID] = line
	}
	r.add(corpus.Line{Document: &d})
}

// relationCol returns the header index of the column of relations of kind.
func (r *reader) relationCol(kind string) int {
	f := fRelated
	if kind == string(recto.Enclosure) {
		f = fEnclosures
	}
	for i, c := range r.cols {
		if c.block == blockDoc && c.f == f {
			return i
		}
	}
	return 0
}

// date checks a date, EDTF or as people write it (edtf.ParseLenient),
// and keeps it as written: the import reads it and reports the reading.
func (r *reader) date(i int, v string) string {
	if _, _, err := edtf.ParseLenient(v); err != nil {
		msg := fmt.Sprintf("%q is not an EDTF date", v)
		var pe *edtf.ParseError
		if errors.As(err, &pe) {
			msg += ": " + pe.Reason
		}
		r.failErr(i, &valueError{msg: msg, err: err})
		return ""
	}
	return v
}

// time checks an RFC 3339 time.
func (r *reader) time(i int, v string) string {
	if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
		r.fail(i, "%q is not an RFC 3339 time such as 2024-05-01T09:30:00Z", v)
		return ""
	}
	return v
}

// lang checks a language tag or name (recto.ReadLanguage), kept as
// written: the import reads it and reports the reading.
func (r *reader) lang(i int, v string) bool {
	if _, _, err := recto.ReadLanguage(v); err != nil {
		r.failErr(i, err)
		return false
	}
	return true
}

// refs reads a list of authority references with add, which returns each
// one's key; an authority named twice is an error.
func (r *reader) refs(i int, v string, cache map[string]string, add func(string) (string, error)) []string {
	var keys []string
	for _, item := range splitList(v) {
		key, ok := r.ref(i, item, cache, add)
		if !ok {
			continue
		}
		if slices.Contains(keys, key) {
			r.fail(i, "%q is listed twice", item)
			continue
		}
		keys = append(keys, key)
	}
	return keys
}

// ref returns the key of the record one item names; ok is false, and the
// row has failed, when it names none.
func (r *reader) ref(i int, item string, cache map[string]string, add func(string) (string, error)) (string, bool) {
	key, ok := cache[item]
	if !ok {
		var err error
		if key, err = add(item); err != nil {
			r.failErr(i, err)
			return "", false
		}
		cache[strings.Clone(item)] = key // kept for the file: not its row
	}
	return key, true
}

// credits reads a list of agents in role, appending to cs. An item may
// end with the organisation the credit was made for, named as any agent
// is: "Gary Goldberg (for NKIDP)" (see cutFor).
func (r *reader) credits(i int, v string, role recto.Role, cs []corpus.Credit) []corpus.Credit {
	var keys []string
	for _, item := range splitList(v) {
		name, org, hasFor := cutFor(item)
		key, ok := r.ref(i, name, r.cache.agents, r.agent)
		if !ok {
			continue
		}
		if slices.Contains(keys, key) {
			r.fail(i, "%q is listed twice", item)
			continue
		}
		keys = append(keys, key)
		c := corpus.Credit{Role: string(role), Agent: key}
		if hasFor {
			if c.For, ok = r.ref(i, org, r.cache.agents, r.organisation); !ok {
				continue
			}
		}
		cs = append(cs, c)
	}
	return cs
}

// cutFor splits a credit "Gary Goldberg (for NKIDP)" into the agent and the
// organisation it was made for. An agent whose own name ends so is named by
// its #id.
func cutFor(item string) (agent, org string, ok bool) {
	before, after, found := strings.Cut(item, " (for ")
	if !found || !strings.HasSuffix(after, ")") {
		return item, "", false
	}
	return strings.TrimSpace(before), strings.TrimSpace(strings.TrimSuffix(after, ")")), true
}

// organisation returns the key of the agent a credit was made for: an
// organisation when named by name, "org:" or not.
func (r *reader) organisation(item string) (string, error) {
	if ref, err := parseRef(item, withIdentifiers|withOrg); err == nil && ref.name != "" && !ref.org {
		item = "org:" + item
	}
	return r.agent(item)
}

// agent returns the key of the agent an item names, adding it to the file
// the first time.
func (r *reader) agent(item string) (string, error) {
	ref, err := parseRef(item, withIdentifiers|withOrg)
	if err != nil {
		return "", err
	}
	a := corpus.Agent{ID: ref.id}
	switch {
	case ref.id > 0:
		a.Key = "agent:#" + strconv.FormatInt(ref.id, 10)
	case ref.scheme != "":
		a.Key = "agent:" + ref.scheme + ":" + ref.value
		a.Identifiers = []corpus.Identifier{{Scheme: ref.scheme, Value: ref.value}}
	default:
		a.Key, a.Name, a.Kind = "agent:name:"+ref.name, ref.name, string(recto.Person)
		if ref.org {
			a.Kind = string(recto.Organisation)
		}
	}
	if kind, ok := r.agents[a.Key]; ok {
		if ref.org && kind != string(recto.Organisation) {
			// "org:" once is enough: the agent named before is
			// emitted again, as the organisation it is.
			r.agents[a.Key] = a.Kind
			r.add(corpus.Line{Agent: &a})
		}
		return a.Key, nil
	}
	r.agents[a.Key] = a.Kind
	r.add(corpus.Line{Agent: &a})
	return a.Key, nil
}

// place returns the key of the place an item names, adding it to the file
// the first time.
func (r *reader) place(item string) (string, error) {
	ref, err := parseRef(item, withIdentifiers)
	if err != nil {
		return "", err
	}
	p := corpus.Place{ID: ref.id}
	switch {
	case ref.id > 0:
		p.Key = "place:#" + strconv.FormatInt(ref.id, 10)
	case ref.scheme != "":
		p.Key = "place:" + ref.scheme + ":" + ref.value
		p.Identifiers = []corpus.Identifier{{Scheme: ref.scheme, Value: ref.value}}
	default:
		p.Key, p.Name = "place:name:"+ref.name, ref.name
	}
	if !r.emitted[p.Key] {
		r.emitted[p.Key] = true
		r.add(corpus.Line{Place: &p})
	}
	return p.Key, nil
}

// repository returns the key of the repository a cell names by short name
// or #id, adding it to the file the first time. A repository named by
// short name has that as its full name too, in case it must be created.
func (r *reader) repository(item string) (string, error) {
	ref, err := parseRef(item, 0)
	if err != nil {
		return "", err
	}
	rp := corpus.Repository{ID: ref.id}
	if ref.id > 0 {
		rp.Key = "repository:#" + strconv.FormatInt(ref.id, 10)
	} else {
		rp.Key, rp.ShortName, rp.Name = "repository:name:"+ref.name, ref.name, ref.name
	}
	if !r.emitted[rp.Key] {
		r.emitted[rp.Key] = true
		r.add(corpus.Line{Repository: &rp})
	}
	return rp.Key, nil
}

// subject returns the normalised heading of an item, adding it to the file
// the first time.
func (r *reader) subject(item string) (string, error) {
	h := recto.NormalizeHeading(item)
	for _, t := range strings.Split(h, recto.HeadingSeparator) {
		if t == "" {
			return "", fmt.Errorf("%q: a heading's levels, separated by --, cannot be empty", item)
		}
	}
	if key := "subject:" + h; !r.emitted[key] {
		r.emitted[key] = true
		r.add(corpus.Line{Subject: &h})
	}
	return h, nil
}

// collection returns the key of the collection an item names, by #id or by
// its path of titles from the top ("Parent > Child"), adding it and the
// collections above it to the file the first time.
func (r *reader) collection(item string) (string, error) {
	ref, err := parseRef(item, 0)
	if err != nil {
		return "", err
	}
	if ref.id > 0 {
		key := "collection:#" + strconv.FormatInt(ref.id, 10)
		if !r.emitted[key] {
			r.emitted[key] = true
			r.add(corpus.Line{Collection: &corpus.Collection{Key: key, ID: ref.id}})
		}
		return key, nil
	}
	path, err := corpus.CollectionPath(item)
	if err != nil {
		return "", err
	}
	for _, c := range path {
		if !r.emitted[c.Key] {
			r.emitted[c.Key] = true
			r.add(corpus.Line{Collection: &c})
		}
	}
	return path[len(path)-1].Key, nil
}

// parts reads an archival reference.
func (r *reader) parts(i int, v string) []corpus.RefPart {
	var parts []corpus.RefPart
	for _, item := range splitList(v) {
		p, err := parsePart(item)
		if err != nil {
			r.failErr(i, err)
			continue
		}
		if !p.labelled {
			std, ok := standardLabels[p.typ]
			if !ok {
				r.fail(i, "%q: %q has no standard label; give one as %s(Label)=%s", item, p.typ, p.typ, p.value)
				continue
			}
			p.label = std
		}
		parts = append(parts, corpus.RefPart{Type: p.typ, Label: p.label, Value: p.value})
	}
	return parts
}
