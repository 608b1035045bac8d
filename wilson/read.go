package wilson

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/input"
)

// MaxRecordFile is the largest record file (or text page) read: a record
// holds its texts' HTML; it is the most a JSON Lines record may take too.
const MaxRecordFile = 64 << 20

// Reader reads the record files of the API: the JSON of /srv/record/{id}.json
// as the former Digital Archive and Recto serve it, into corpus records that
// corpus.ImportRecords brings into an archive. /srv/ gives less than the
// model holds, so a record is read back as docs/api.md ("Importing records")
// says: a record keeps its Record ID and stamps; its places, collections,
// repositories and people keep theirs; subjects and texts are numbered by
// the archive.
//
// An authority the archive holds already is only referred to, never
// changed: a record carries too little of it (a place's variants, a
// collection's parent) to update it without losing the rest. One Reader
// reads every file of an import (Note each, then Authorities, then
// Document each), so that it gives each authority once, before any
// document.
type Reader struct {
	ctx   context.Context
	store recto.Store
	// attached holds, for each record of the run, the records it lists as
	// attachments, and linked those it lists as links: a relation shows on
	// both records, and is made by one of them only (ownsLink).
	attached, linked map[int64]map[int64]bool
	// withID and byName are the authorities noted (Note), each once, and
	// subjects the subject headings.
	withID, byName, subjects []noted
	noted                    map[string]bool // their keys
	// people are the keys of the people of the records noted, by name: a
	// translator the source sentence names is the person of that name.
	people map[string]string
	// slugs are the former paths the records' slugs gave, each to the first
	// record that has it: two records of one title share a slug made from
	// it, and a path answers for one document.
	slugs map[string]bool
	// leftOut notes, by Record ID, the links left out for want of the
	// record they point to.
	leftOut map[int64][]string
}

// NewReader returns a reader that refers to the authorities store holds.
func NewReader(ctx context.Context, store recto.Store) *Reader {
	return &Reader{ctx: ctx, store: store,
		attached: map[int64]map[int64]bool{}, linked: map[int64]map[int64]bool{}, people: map[string]string{}, noted: map[string]bool{},
		slugs: map[string]bool{}, leftOut: map[int64][]string{}}
}

// Record is a record file as read, before it is given to an import.
type Record struct {
	Name string // the file, for errors
	rec  record
}

// ID is the record's Record ID.
func (r *Record) ID() string { return r.rec.ID }

// Parse reads a record file and checks it: its JSON and every field the
// import reads. Every problem is reported at once, each naming the file and
// the field (up to corpus.MaxProblems).
func Parse(r io.Reader, name string) (*Record, error) {
	text, _, err := input.Open(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := io.ReadAll(io.LimitReader(text, MaxRecordFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxRecordFile {
		return nil, fmt.Errorf("%s: the file is larger than %s, the most a record may take", name, input.Size(MaxRecordFile))
	}
	rec := &Record{Name: name}
	if err := json.Unmarshal(data, &rec.rec); err != nil {
		return nil, fmt.Errorf("%s: %w", jsonPlace(name, data, err), err)
	}
	if err := rec.readPages(); err != nil {
		return nil, err
	}
	if _, err := rec.document(); err != nil {
		return nil, err
	}
	return rec, nil
}

// readPages reads the page of each text whose html the record lacks (the
// former site gave only its URL) from the file an export writes beside
// the record: {dir}/{id}/text/{textid}.html for {dir}/{id}.json.
func (r *Record) readPages() error {
	if _, ok := parseID(r.rec.ID); !ok {
		return nil // no page file to name; document reports the id
	}
	p := &problems{name: r.Name}
	for _, list := range []struct {
		name   string
		assets []asset
	}{{"transcripts", r.rec.Transcripts}, {"translations", r.rec.Translations}} {
		for i := range list.assets {
			a := &list.assets[i]
			if a.HTML != "" {
				continue
			}
			field := fmt.Sprintf("%s[%d].html", list.name, i)
			if _, ok := parseID(a.ID); !ok {
				p.add(field, "empty, and the text's id %q names no page file", a.ID)
				continue
			}
			file := filepath.Join(filepath.Dir(r.Name), r.rec.ID, "text", a.ID+".html")
			page, err := readPage(file)
			if err != nil {
				p.add(field, "empty, and its page %s cannot be read: %v", file, err)
				continue
			}
			a.HTML = page
		}
	}
	return p.err()
}

// readPage reads a text's page, UTF-8 or UTF-16 with a byte order mark.
func readPage(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	text, _, err := input.Open(f)
	if err != nil {
		return "", err
	}
	data, err := io.ReadAll(io.LimitReader(text, MaxRecordFile+1))
	if err != nil {
		return "", err
	}
	if len(data) > MaxRecordFile {
		return "", fmt.Errorf("larger than %s", input.Size(MaxRecordFile))
	}
	return string(data), nil
}

// jsonPlace names where in the file a JSON error is: "name:line:column".
func jsonPlace(name string, data []byte, err error) string {
	var offset int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	default:
		return name
	}
	before := data[:min(int(offset), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%s:%d:%d", name, line, col)
}

// Note tells the reader of a record an import brings, before it gives any
// record: its authorities, which the reader gives first, those with Record
// IDs before those without (translators known by name), so that an ID the
// archive gives one never takes another's; and its links, so that a
// relation shown on both of its records is made once.
func (rd *Reader) Note(r *Record) {
	id, _ := parseID(r.rec.ID)
	rd.attached[id], rd.linked[id] = map[int64]bool{}, map[int64]bool{}
	for _, s := range r.rec.Attachments {
		if other, ok := parseID(s.ID); ok {
			rd.attached[id][other] = true
		}
	}
	for _, s := range r.rec.Links {
		if other, ok := parseID(s.ID); ok {
			rd.linked[id][other] = true
		}
	}
	for _, a := range r.rec.Contributors {
		if _, ok := rd.people[a.Name]; !ok {
			rd.people[a.Name] = authorityKey("agent", a.ID)
		}
	}
	for _, sub := range r.rec.Subjects {
		if key := "subject/" + sub.Name; !rd.noted[key] {
			rd.noted[key] = true
			id, _ := parseID(sub.ID)
			rd.subjects = append(rd.subjects, noted{corpus.Line{Subject: &sub.Name, SubjectID: id}, r.Name})
		}
	}
	for _, ln := range authorities(&r.rec) {
		key, id, _ := rd.identify(ln)
		if rd.noted[key] {
			continue // the first record that names an authority gives it
		}
		rd.noted[key] = true
		if id > 0 {
			rd.withID = append(rd.withID, noted{ln, r.Name})
		} else {
			rd.byName = append(rd.byName, noted{ln, r.Name})
		}
	}
}

// noted is an authority and the file that names it.
type noted struct {
	line corpus.Line
	at   string
}

// Authorities gives the authorities of every record noted.
func (rd *Reader) Authorities(emit corpus.Emit) error {
	// A subject is found by its heading, and a new one keeps its ID. In the
	// order of their IDs, broader headings come before narrower ones, as an
	// archive numbers them, and those no record names are numbered between
	// as they were.
	slices.SortStableFunc(rd.subjects, func(a, b noted) int { return cmp.Compare(a.line.SubjectID, b.line.SubjectID) })
	for _, n := range rd.subjects {
		if err := emit(n.line, n.at); err != nil {
			return err
		}
	}
	for _, n := range slices.Concat(rd.withID, rd.byName) {
		if a := n.line.Agent; a != nil && a.ID == 0 && rd.people[a.Name] != "" {
			continue // a translator who is a person of the import
		}
		ln, err := rd.refer(n.line)
		if err != nil {
			return fmt.Errorf("%s: %w", n.at, err)
		}
		if err := emit(ln, n.at); err != nil {
			return err
		}
	}
	return nil
}

// Document gives the record's document, after Authorities.
func (rd *Reader) Document(r *Record, emit corpus.Emit) error {
	doc, err := r.document()
	if err != nil {
		return err
	}
	rd.relations(r, doc)
	// The slug was the record's page on the former site (/document/{slug}).
	if path, err := recto.NormalFormerPath(r.rec.Slug); err == nil && !rd.slugs[path] {
		rd.slugs[path] = true
		doc.FormerPaths = []string{path}
	}
	for i := range doc.Texts {
		for j, c := range doc.Texts[i].Credits {
			if name, ok := strings.CutPrefix(c.Agent, "translator/"); ok && rd.people[name] != "" {
				doc.Texts[i].Credits[j].Agent = rd.people[name]
			}
		}
	}
	return emit(corpus.Line{Document: doc}, r.Name)
}

// problems collects a record's problems, each naming its field.
type problems struct {
	name string
	errs []error
}

func (p *problems) add(field string, format string, args ...any) {
	if len(p.errs) < corpus.MaxProblems {
		p.errs = append(p.errs, fmt.Errorf("%s: %s: %s", p.name, field, fmt.Sprintf(format, args...)))
	}
}

func (p *problems) err() error { return errors.Join(p.errs...) }

func authorityKey(kind, id string) string { return kind + "/" + id }

// document reads the record's document.
func (r *Record) document() (*corpus.Document, error) {
	rec := &r.rec
	p := &problems{name: r.Name}
	id, ok := parseID(rec.ID)
	if !ok {
		p.add("id", "%q is not a Record ID (a whole number above 0)", rec.ID)
	}
	if strings.TrimSpace(rec.Title) == "" {
		p.add("title", "a record needs a title")
	}
	d := &corpus.Document{Key: authorityKey("record", rec.ID), ID: id, Title: rec.Title, Summary: rec.Description,
		Rights: corpus.Rights{URI: rec.Rights.ID, Statement: rec.Rights.Rights}}
	d.Date = readDate(rec, p)
	if len(rec.Type) > 0 {
		d.Type = rec.Type[0].Name
	}
	if len(rec.Classifications) > 0 {
		d.Classification.Level = rec.Classifications[0].Name
	}
	for i, l := range rec.Languages {
		tag, ok := languageTag(l.ID)
		if !ok {
			p.add(fmt.Sprintf("languages[%d].id", i), "%q is not an ISO 639-2 code", l.ID)
		}
		d.Languages = append(d.Languages, tag)
	}
	stamps := []struct {
		field string
		value *string
		to    *string
	}{
		{"source_created_at", rec.SourceCreatedAt, &d.CreatedAt},
		{"source_updated_at", rec.SourceUpdatedAt, &d.UpdatedAt},
		{"first_published_at", rec.FirstPublishedAt, &d.PublishedAt},
	}
	for _, s := range stamps {
		*s.to = readStamp(s.field, s.value, p)
	}
	// The former system's stamps are its own: /srv/ gives them where they
	// are known, and Recto's creation and first publication only without.
	d.OriginalCreated, d.OriginalUploaded = d.CreatedAt, d.PublishedAt
	texts(rec, d, p)
	credits(rec, d)
	for _, c := range rec.OriginalCoverages {
		d.Places = append(d.Places, authorityKey("place", c.ID))
	}
	for _, s := range rec.Subjects {
		d.Subjects = append(d.Subjects, s.Name)
	}
	for _, c := range rec.Collections {
		d.Collections = append(d.Collections, authorityKey("collection", c.ID))
	}
	for i, m := range rec.MediaFiles {
		if m.Path == "" {
			p.add(fmt.Sprintf("media_files[%d].path", i), "a scan needs its path")
		}
		d.Media = append(d.Media, corpus.Media{URL: m.Path, MediaType: m.ContentType})
	}
	checkIDs(rec, p)
	return d, p.err()
}

// checkIDs checks the ID of every record and authority the record names
// by ID.
func checkIDs(rec *record, p *problems) {
	check := func(field, id string) {
		if _, ok := parseID(id); !ok {
			p.add(field+".id", "%q is not an ID (a whole number above 0)", id)
		}
	}
	for i, c := range rec.OriginalCoverages {
		field := fmt.Sprintf("original_coverages[%d]", i)
		for at := &c; at != nil; at, field = at.Parent, field+".parent" {
			check(field, at.ID)
		}
	}
	for _, list := range []struct {
		name  string
		items []authority
	}{{"creators", rec.Creators}, {"contributors", rec.Contributors}, {"repositories", rec.Repositories}} {
		for i, a := range list.items {
			check(fmt.Sprintf("%s[%d]", list.name, i), a.ID)
		}
	}
	for i, a := range rec.Donors {
		check(fmt.Sprintf("donors[%d]", i), a.ID)
	}
	for i, c := range rec.Collections {
		check(fmt.Sprintf("collections[%d]", i), c.ID)
	}
	for _, list := range []struct {
		name  string
		items []*recordSummary
	}{{"attachments", rec.Attachments}, {"links", rec.Links}} {
		for i, s := range list.items {
			if s == nil {
				p.add(fmt.Sprintf("%s[%d]", list.name, i), "null is not a record")
				continue
			}
			check(fmt.Sprintf("%s[%d]", list.name, i), s.ID)
		}
	}
}

// readDate reads the document's date from frontend_doc_date, the date as
// Recto displays it ("April 22, 1945", "c. 1950", "1940s"), which says more
// than doc_date; the reading must give back the same doc_date. A record
// without frontend_doc_date is dated by doc_date's day.
func readDate(rec *record, p *problems) string {
	if rec.FrontendDocDate == "" && rec.DocDate == "" {
		return ""
	}
	if rec.FrontendDocDate != "" {
		d, _, err := edtf.ParseLenient(rec.FrontendDocDate)
		if m := centuryDisplay.FindStringSubmatch(rec.FrontendDocDate); err != nil && m != nil {
			// Display writes 190X and 19XX alike, "1900s", and a record
			// gives no end to tell them apart: the century claims no
			// more than the record says.
			d, err = edtf.Parse(m[1] + "XX")
		}
		if err != nil {
			p.add("frontend_doc_date", "%v", err)
			return ""
		}
		if docDate, _, _ := docDates(d); rec.DocDate != "" && docDate != rec.DocDate {
			p.add("doc_date", "%q does not agree with frontend_doc_date %q, read as %s", rec.DocDate, rec.FrontendDocDate, d)
		}
		return d.String()
	}
	day, err := time.Parse("20060102", rec.DocDate)
	if err != nil {
		p.add("doc_date", "%q is not a day written YYYYMMDD", rec.DocDate)
		return ""
	}
	return day.Format(time.DateOnly)
}

// centuryDisplay is how edtf.Date.Display writes a decade that starts a
// century, and the century itself: "1900s".
var centuryDisplay = regexp.MustCompile(`^([0-9]{2})00s$`)

// readStamp reads a stamp as the API writes it, "2017-11-17 17:18:10" in
// UTC, into RFC 3339; "" for null.
func readStamp(field string, s *string, p *problems) string {
	if s == nil || *s == "" {
		return ""
	}
	t, err := time.Parse(time.DateTime, *s)
	if err != nil {
		p.add(field, "%q is not a time written YYYY-MM-DD hh:mm:ss", *s)
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// htmlLang finds the language of a text page: <html lang="ru">, or
// <html xml:lang="ru"> as the former site's XHTML pages have it.
var htmlLang = regexp.MustCompile(`(?i)<html[^>]*\s(?:xml:)?lang="([^"]*)"`)

// texts reads the transcripts and translations, each HTML: the body of the
// page the asset holds. A translation's language is its page's, else its
// language's code; a transcript's is its page's, else the original's.
func texts(rec *record, d *corpus.Document, p *problems) {
	add := func(list string, kind recto.TextKind, assets []asset) {
		for i, a := range assets {
			field := fmt.Sprintf("%s[%d]", list, i)
			lang := ""
			if m := htmlLang.FindStringSubmatch(a.HTML); m != nil {
				lang = m[1]
			} else if a.Language != nil {
				lang, _ = languageTag(a.Language.ID)
			} else if len(d.Languages) > 0 {
				lang = d.Languages[0]
			}
			if lang == "" {
				p.add(field+".html", "the page names no language (<html lang=…>)")
			}
			if strings.TrimSpace(a.HTML) == "" {
				p.add(field+".html", "the text is empty")
			}
			// The asset's ID is the text's, kept where the importing
			// archive has no text of that ID, so its page keeps its URL.
			id, _ := parseID(a.ID)
			d.Texts = append(d.Texts, corpus.Text{ID: id, Kind: string(kind), Lang: lang, Format: string(recto.HTML), Body: pageBody(a.HTML)})
		}
	}
	add("transcripts", recto.Transcript, rec.Transcripts)
	add("translations", recto.Translation, rec.Translations)
}

// blockAnchor is the id Recto gives a text's numbered block when it renders
// it, "t56-p3": the archive that imports the text numbers it again.
var blockAnchor = regexp.MustCompile(` id="t[0-9]+-p[0-9]+"`)

// pageBody is what a text page holds between <body> and </body> (a page
// without them is its body), without the anchors of its numbered blocks.
func pageBody(page string) string {
	lower := strings.ToLower(page)
	start := strings.Index(lower, "<body")
	end := strings.LastIndex(lower, "</body>")
	body := page
	if start >= 0 && end > start {
		start += strings.IndexByte(lower[start:], '>') + 1
		body = strings.TrimPrefix(page[start:end], "\n")
	}
	return blockAnchor.ReplaceAllString(body, "")
}

// credits maps the merged lists back to roles: creators are authors,
// donors funders, publishers other than the archive publishers; a
// contributor named in the source sentence's "Obtained by …" obtained the
// document, and the translators it names translated its first
// translation. Any other contributor is associated with the document:
// /srv/ does not say how (a recipient, an editor). The rest of the sentence
// is the reference of the record's first repository, as free text.
func credits(rec *record, d *corpus.Document) {
	isIn := func(list []authority) map[string]bool {
		m := map[string]bool{}
		for _, a := range list {
			m[a.ID] = true
		}
		return m
	}
	creators := isIn(rec.Creators)
	publishers := map[string]bool{}
	for _, p := range rec.Publishers {
		if p.ID != archivePublisherID {
			publishers[p.ID] = true
		}
	}
	note := readSourceNote(rec)
	obtained := map[string]bool{}
	for _, a := range note.obtained {
		obtained[a.ID] = true
	}
	for _, a := range rec.Contributors {
		key := authorityKey("agent", a.ID)
		n := len(d.Credits)
		for _, role := range []struct {
			is   bool
			role recto.Role
		}{{creators[a.ID], recto.RoleAuthor}, {obtained[a.ID], recto.RoleObtainedBy}, {publishers[a.ID], recto.RolePublisher}} {
			if role.is {
				c := corpus.Credit{Role: string(role.role), Agent: key}
				if role.role == recto.RoleObtainedBy {
					c.For = forKey(note.obtainedFor)
				}
				d.Credits = append(d.Credits, c)
			}
		}
		if len(d.Credits) == n {
			d.Credits = append(d.Credits, corpus.Credit{Role: string(recto.RoleAssociated), Agent: key})
		}
	}
	for _, a := range rec.Donors {
		d.Credits = append(d.Credits, corpus.Credit{Role: string(recto.RoleFunder), Agent: authorityKey("agent", a.ID)})
	}
	if len(note.translators) > 0 {
		i := firstTranslation(d)
		if i < 0 {
			// No translation to credit: the sentence stays as it was written.
			note.reference, note.translators = rec.Source, nil
		}
		for _, name := range note.translators {
			d.Texts[i].Credits = append(d.Texts[i].Credits, corpus.Credit{Role: string(recto.RoleTranslator),
				Agent: translatorKey(rec, name), For: forKey(note.translatedFor)})
		}
	}
	refs := splitReference(note.reference, len(rec.Repositories))
	for i, a := range rec.Repositories {
		src := corpus.Source{Repository: authorityKey("repository", a.ID)}
		if i < len(refs) {
			src.Citation = refs[i]
		}
		d.Sources = append(d.Sources, src)
	}
	if len(rec.Repositories) == 0 && note.reference != "" {
		d.Sources = append(d.Sources, corpus.Source{Citation: note.reference})
	}
}

// splitReference divides the reference part of the source sentence among n
// sources, one sentence each, as cite.SourceNote joins them: it is cut
// before each sentence that starts with a word and a comma, a repository's
// short name ("… ll. 3-7. SFAA, Fond 8, …"). When the sentence does not
// divide so, the first source takes it whole and the others none: the
// sentence then reads as before, but names no repository of its own for
// those.
func splitReference(ref string, n int) []string {
	if n <= 1 || ref == "" {
		return []string{ref}
	}
	var cuts []int
	for i := 0; i+2 < len(ref); i++ {
		if ref[i] != '.' || ref[i+1] != ' ' {
			continue
		}
		word, _, ok := strings.Cut(ref[i+2:], ",")
		if ok && word != "" && !strings.ContainsAny(word, " .") {
			cuts = append(cuts, i+1)
		}
	}
	if len(cuts) != n-1 {
		return []string{ref}
	}
	var out []string
	start := 0
	for _, c := range cuts {
		out = append(out, ref[start:c])
		start = c + 1
	}
	return append(out, ref[start:])
}

func firstTranslation(d *corpus.Document) int {
	for i, t := range d.Texts {
		if t.Kind == string(recto.Translation) {
			return i
		}
	}
	return -1
}

// translatorKey is the key of a translator named in the source sentence:
// the contributor of that name, else a person found or made by the name.
func translatorKey(rec *record, name string) string {
	for _, a := range rec.Contributors {
		if a.Name == name {
			return authorityKey("agent", a.ID)
		}
	}
	return "translator/" + name
}

// forKey is the key of the organisation a credit was made for, named in
// the source sentence ("translated for NKIDP by …"); "" for none.
func forKey(name string) string {
	if name == "" {
		return ""
	}
	return "for/" + name
}

// sourceNote is the source sentence taken apart.
type sourceNote struct {
	reference   string      // the archival reference, as written
	obtained    []authority // the contributors who obtained the document
	translators []string    // the names of the translators
	// The organisations the credits were made for, "" for none: one for
	// all obtainers, one for all translators.
	obtainedFor, translatedFor string
}

// readSourceNote takes apart the sentence cite.SourceNote writes: the
// reference, then "Obtained [for O ]by A and translated [for O ]by B." or
// "Obtained and translated [for O ]by A." Only a reading that writes the
// same sentence again is taken; any other sentence (one naming several
// organisations, say) is kept whole as the reference.
func readSourceNote(rec *record) sourceNote {
	whole := sourceNote{reference: rec.Source}
	s := rec.Source
	var ref, clause string
	for _, start := range []string{"Obtained ", "Translated "} {
		if i := strings.LastIndex(s, start); i == 0 || (i > 0 && s[i-1] == ' ') {
			ref, clause = strings.TrimSuffix(s[:max(i-1, 0)], " "), s[i:]
			break
		}
	}
	if clause == "" || !strings.HasSuffix(clause, ".") {
		return whole
	}
	clause = strings.TrimSuffix(clause, ".")
	var note sourceNote
	note.reference = ref
	obtainedPart, translatedPart := "", ""
	if rest, ok := strings.CutPrefix(clause, "Obtained and translated "); ok {
		note.obtainedFor, obtainedPart = cutFor(rest)
		note.translatedFor, translatedPart = note.obtainedFor, obtainedPart
	} else if rest, ok := strings.CutPrefix(clause, "Obtained "); ok {
		obtainedPart, translatedPart, _ = strings.Cut(rest, " and translated ")
		note.obtainedFor, obtainedPart = cutFor(obtainedPart)
		note.translatedFor, translatedPart = cutFor(translatedPart)
	} else {
		note.translatedFor, translatedPart = cutFor(strings.TrimPrefix(clause, "Translated "))
	}
	if obtainedPart != "" {
		for _, a := range rec.Contributors {
			if strings.Contains(obtainedPart, a.Name) {
				note.obtained = append(note.obtained, a)
			}
		}
	}
	if translatedPart != "" {
		note.translators = splitList(translatedPart)
	}
	if rebuilt(note) != rec.Source {
		return whole
	}
	return note
}

// cutFor takes apart "for O by A and B" or "by A and B"; a part that is
// neither reads as no names, and the sentence is then kept whole.
func cutFor(s string) (org, names string) {
	if rest, ok := strings.CutPrefix(s, "for "); ok {
		org, names, _ = strings.Cut(rest, " by ")
		return org, names
	}
	return "", strings.TrimPrefix(s, "by ")
}

// splitList takes apart cite.List: "A", "A and B", "A, B and C".
func splitList(s string) []string {
	head, last, ok := cutLast(s, " and ")
	if !ok {
		return []string{s}
	}
	return append(strings.Split(head, ", "), last)
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// rebuilt writes the sentence of a reading as cite.SourceNote would. Each
// agent gets an ID of its own, since SourceNote names an agent once.
func rebuilt(n sourceNote) string {
	d := &recto.Document{}
	if n.reference != "" {
		d.Sources = []recto.Source{{Citation: n.reference}}
	}
	var id int64
	agent := func(name string) *recto.Agent { id++; return &recto.Agent{ID: id, Name: name} }
	org := func(name string) *recto.Agent {
		if name == "" {
			return nil
		}
		return agent(name)
	}
	obtainedFor, translatedFor := org(n.obtainedFor), org(n.translatedFor)
	for _, a := range n.obtained {
		d.Credits = append(d.Credits, recto.Credit{Role: recto.RoleObtainedBy, Agent: agent(a.Name), For: obtainedFor})
	}
	if len(n.translators) > 0 {
		t := recto.Text{Kind: recto.Translation}
		for _, name := range n.translators {
			t.Credits = append(t.Credits, recto.Credit{Role: recto.RoleTranslator, Agent: agent(name), For: translatedFor})
		}
		d.Texts = []recto.Text{t}
	}
	return cite.SourceNote(d)
}

// relations makes the record's relations: an attachment is an enclosure;
// a link is a related document, unless the other record makes the
// relation (relationOwner).
func (rd *Reader) relations(r *Record, d *corpus.Document) {
	for _, s := range r.rec.Attachments {
		if rd.held(d.ID, s.ID) {
			d.Relations = append(d.Relations, corpus.Relation{Kind: string(recto.Enclosure), Document: "#" + s.ID})
		}
	}
	for _, s := range r.rec.Links {
		other, _ := parseID(s.ID)
		if rd.ownsLink(d.ID, other) && rd.held(d.ID, s.ID) {
			d.Relations = append(d.Relations, corpus.Relation{Kind: string(recto.Related), Document: "#" + s.ID})
		}
	}
}

// held reports whether the record other, which record id links, is in this
// import or in the archive. A link to one that is in neither is left out and
// noted, so that a migration may come in batches in any order: the link
// comes back when the other record is imported (a related link, which shows
// on both records, from its side) or this one is imported again.
func (rd *Reader) held(id int64, other string) bool {
	n, _ := parseID(other)
	if _, ok := rd.attached[n]; ok {
		return true
	}
	if _, err := rd.store.FindDocumentByID(rd.ctx, n); recto.ErrorCode(err) != recto.ENOTFOUND {
		return true // held, or an error the import reports
	}
	rd.leftOut[id] = append(rd.leftOut[id], fmt.Sprintf("link to record %s left out: it is neither in this import nor in the archive; "+
		"import this record again once it is", other))
	return false
}

// ownsLink reports whether the record id makes its link to other: /srv/
// lists a relation on both records, as a link on the one it points to.
// When the other record is in the import and attaches this one, or links
// it and has the lower Record ID, the relation is the other's.
func (rd *Reader) ownsLink(id, other int64) bool {
	if rd.attached[other][id] {
		return false
	}
	return !(rd.linked[other][id] && other < id)
}

// authorities lists the record's places (each after the places above it),
// repositories, people and collections as corpus records with their IDs.
func authorities(rec *record) []corpus.Line {
	var lines []corpus.Line
	for _, c := range rec.OriginalCoverages {
		var chain []*coverage
		for at := &c; at != nil; at = at.Parent {
			chain = append(chain, at)
		}
		for i := len(chain) - 1; i >= 0; i-- {
			pl := &corpus.Place{Key: authorityKey("place", chain[i].ID), Name: chain[i].Name}
			pl.ID, _ = parseID(chain[i].ID)
			if i+1 < len(chain) {
				pl.Parent = authorityKey("place", chain[i+1].ID)
			}
			lines = append(lines, corpus.Line{Place: pl})
		}
	}
	for _, a := range rec.Repositories {
		id, _ := parseID(a.ID)
		lines = append(lines, corpus.Line{Repository: &corpus.Repository{Key: authorityKey("repository", a.ID), ID: id,
			ShortName: a.Name, Name: a.Name}})
	}
	agent := func(id, name string, kind recto.AgentKind) {
		n, _ := parseID(id)
		lines = append(lines, corpus.Line{Agent: &corpus.Agent{Key: authorityKey("agent", id), ID: n, Kind: string(kind), Name: name}})
	}
	for _, a := range rec.Contributors {
		// /srv/ does not say whether a contributor is a person: an agent
		// the archive has keeps its kind, a new one is of unknown kind.
		agent(a.ID, a.Name, recto.UnknownKind)
	}
	for _, a := range rec.Donors {
		agent(a.ID, a.Name, recto.Organisation)
	}
	note := readSourceNote(rec)
	for _, name := range note.translators {
		if key := translatorKey(rec, name); !strings.HasPrefix(key, "agent/") {
			lines = append(lines, corpus.Line{Agent: &corpus.Agent{Key: key, Kind: string(recto.Person), Name: name}})
		}
	}
	for _, name := range []string{note.obtainedFor, note.translatedFor} {
		if name != "" {
			lines = append(lines, corpus.Line{Agent: &corpus.Agent{Key: forKey(name), Kind: string(recto.Organisation), Name: name}})
		}
	}
	for _, c := range rec.Collections {
		id, _ := parseID(c.ID)
		lines = append(lines, corpus.Line{Collection: &corpus.Collection{Key: authorityKey("collection", c.ID), ID: id, Title: c.Name}})
	}
	return lines
}

// refer gives an authority the archive holds as a reference by Record ID
// alone, which the import uses as it is, and any other with its name,
// which the import creates with its ID.
func (rd *Reader) refer(ln corpus.Line) (corpus.Line, error) {
	key, id, find := rd.identify(ln)
	if id == 0 {
		return ln, nil // a translator known by name only, matched by it
	}
	switch err := find(); {
	case recto.ErrorCode(err) == recto.ENOTFOUND:
		return ln, nil
	case err != nil:
		return ln, err
	}
	switch {
	case ln.Place != nil:
		return corpus.Line{Place: &corpus.Place{Key: key, ID: id}}, nil
	case ln.Repository != nil:
		return corpus.Line{Repository: &corpus.Repository{Key: key, ID: id}}, nil
	case ln.Agent != nil:
		return corpus.Line{Agent: &corpus.Agent{Key: key, ID: id, Kind: ln.Agent.Kind}}, nil
	}
	return corpus.Line{Collection: &corpus.Collection{Key: key, ID: id}}, nil
}

// identify gives an authority's key, its Record ID and how to look it up.
func (rd *Reader) identify(ln corpus.Line) (key string, id int64, find func() error) {
	switch {
	case ln.Place != nil:
		key, id = ln.Place.Key, ln.Place.ID
		find = func() error { _, err := rd.store.FindPlaceByID(rd.ctx, id); return err }
	case ln.Repository != nil:
		key, id = ln.Repository.Key, ln.Repository.ID
		find = func() error { _, err := rd.store.FindRepositoryByID(rd.ctx, id); return err }
	case ln.Agent != nil:
		key, id = ln.Agent.Key, ln.Agent.ID
		find = func() error { _, err := rd.store.FindAgentByID(rd.ctx, id); return err }
	default:
		key, id = ln.Collection.Key, ln.Collection.ID
		find = func() error { _, err := rd.store.FindCollectionByID(rd.ctx, id); return err }
	}
	return key, id, find
}

// bTags maps an ISO 639-2/B code back to the BCP 47 tag Recto files under
// it: the two-letter code where there is one ("chi" is zh, of zh, yue and
// cmn).
var bTags = func() map[string]string {
	m := map[string]string{}
	for tag, b := range iso6392B {
		if old, ok := m[b]; !ok || len(tag) < len(old) || (len(tag) == len(old) && tag < old) {
			m[b] = tag
		}
	}
	return m
}()

// languageTag reads an ISO 639-2 code (bibliographic or terminology) as a
// BCP 47 tag: "rus" is ru; a code the table lacks is its own tag.
func languageTag(code string) (string, bool) {
	c := strings.ToLower(strings.TrimSpace(code))
	if b, ok := terminologyToB[c]; ok {
		c = b
	}
	if tag, ok := bTags[c]; ok {
		return tag, true
	}
	if len(c) == 3 && isLower(c) && c != undetermined {
		return c, true
	}
	return "", false
}
