package tei

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/recto-archive/recto/corpus"
)

// frusReader reads one FRUS file, a whole volume or one document split
// out of a volume, and emits its records as the parser gives it the
// document divisions, one at a time.
type frusReader struct {
	file      string
	vol       string // the volume's key, its FRUS id ("frus1936v03")
	rights    corpus.Rights
	persons   map[string]bool // xml:ids of the persons glossary
	glossed   bool            // the glossary has been read
	positions map[string]int  // divisions seen per parent, for divisions without xml:id
	page      string          // printed number of the last page break passed
	emit      corpus.Emit
	// divisions are the collections of the divisions the parser is in
	// that hold documents, emitted when their first document is.
	divisions map[*node]string
	// subjects are the subject headings a split file's header gives its
	// one document.
	subjects []string
	title    string            // the volume's title, as its documents cite it
	editors  []corpus.Credit   // the volume's editors, credited on each document
	surnames map[string]string // persons list keys by surname; "" for a shared one
	agents   map[string]bool   // keys of the agents read from headings, emitted
	places   map[string]bool   // keys of the places of writing, emitted
}

// newFRUSReader starts reading a FRUS file from what the parser holds
// when it meets the first document division (or the end of a file without
// one): the root, its header, and whatever came before. It emits the
// volume and the persons glossary, and follows the page breaks.
func newFRUSReader(root *node, file string, emit corpus.Emit) (*frusReader, error) {
	vol, err := frusVolumeID(root, file)
	if err != nil {
		return nil, err
	}
	f := &frusReader{file: file, vol: vol, persons: map[string]bool{}, positions: map[string]int{}, emit: emit,
		divisions: map[*node]string{}, surnames: map[string]string{}, agents: map[string]bool{}, places: map[string]bool{}}
	if f.title, err = frusVolumeTitle(root, vol, file); err != nil {
		return nil, err
	}
	if err := f.add(corpus.Line{Collection: &corpus.Collection{Key: vol, Title: f.title}}, root); err != nil {
		return nil, err
	}
	if f.editors, err = f.readEditors(root); err != nil {
		return nil, err
	}
	f.rights = frusRights(root)
	if f.subjects, err = f.headerSubjects(root); err != nil {
		return nil, err
	}
	if persons := root.find(f.needsGlossary); persons != nil {
		if err := f.glossary(persons); err != nil {
			return nil, err
		}
	}
	return f, f.walk(root, vol) // no documents yet: the page breaks
}

// add emits a record read at n.
func (f *frusReader) add(rec corpus.Line, n *node) error {
	return f.emit(rec, fmt.Sprintf("%s:%d:%d", f.file, n.line, n.col))
}

// needsGlossary reports whether n is the persons glossary, not read yet.
func (f *frusReader) needsGlossary(n *node) bool {
	return !f.glossed && n.is("div") && n.id() == "persons"
}

// done reads an element the parser has read whole: a document division,
// the persons glossary, or a division's head. stack holds the elements it
// is in.
func (f *frusReader) done(n *node, stack []*node) error {
	if f.needsGlossary(n) {
		if err := f.glossary(n); err != nil {
			return err
		}
	}
	coll := f.vol
	if isDocument(n) || n.find(isDocument) != nil {
		var err error
		if coll, err = f.open(stack); err != nil {
			return err
		}
	}
	return f.walk(&node{kids: []*node{n}}, coll)
}

// open emits the collections of the divisions in stack that are not
// emitted yet, outermost first, and returns the innermost's key (the
// volume's when there is none): a division is a collection once it holds
// a document.
func (f *frusReader) open(stack []*node) (string, error) {
	coll := f.vol
	for _, n := range stack {
		if !n.is("div") {
			continue
		}
		key, ok := f.divisions[n]
		if !ok {
			var err error
			if key, err = f.division(n, coll); err != nil {
				return "", err
			}
			f.divisions[n] = key
		}
		coll = key
	}
	return coll, nil
}

// frusVolumePattern matches a FRUS volume id at the start of a name:
// frus1945v07, frus1969-76v01, frus1918Russiav03, frus1945Malta.
var frusVolumePattern = regexp.MustCompile(`^frus\d{4}(-\d{2,4})?[A-Za-z0-9]*`)

// frusVolumeID returns the volume's id: TEI/@xml:id, the header's
// idno[@type='frus'], or the split files' bibl[@type='frus-volume-id']. A
// split file without a header names its volume nowhere inside it, so the id
// comes from the nearest directory (or the file name) that starts with one:
// the splitting project keeps each volume's files in a directory named after
// it (frus1945v07/d730.xml; here frus1945v07-sinkiang/d730.xml).
func frusVolumeID(root *node, file string) (string, error) {
	fileDesc := root.path("teiHeader", "fileDesc")
	for _, id := range []string{
		root.id(),
		plainText(fileDesc.path("publicationStmt").childWith("idno", "type", "frus"), nil),
		plainText(fileDesc.path("sourceDesc").childWith("bibl", "type", "frus-volume-id"), nil),
	} {
		if id != "" {
			return id, nil
		}
	}
	parts := strings.Split(filepath.ToSlash(filepath.Clean(file)), "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if id := frusVolumePattern.FindString(parts[i]); id != "" {
			return id, nil
		}
	}
	return "", errorf(file, root, "cannot tell which FRUS volume this is: no TEI/@xml:id, no volume id in a teiHeader, and no directory or file name starting with one (frus1945v07/d730.xml)")
}

// VolumeTitleFile is the name of the file that gives the title of a FRUS
// volume split into one file per document, whose headers lack it: its first
// line, in the directory of the split files.
const VolumeTitleFile = "volume-title.txt"

// frusVolumeTitle returns the header's complete title, or one built from the
// series, sub-series and volume titles, or for a file without them (a split
// file) the first line of VolumeTitleFile beside it, else "Foreign
// Relations of the United States, <id>", the same for every split file of
// a volume.
func frusVolumeTitle(root *node, vol, file string) (string, error) {
	titles := root.path("teiHeader", "fileDesc", "titleStmt")
	if t := plainText(titles.childWith("title", "type", "complete"), nil); t != "" {
		return t, nil
	}
	var parts []string
	for _, types := range [][]string{{"series"}, {"subseries", "sub-series"}, {"volume"}, {"volumenumber", "volume-number"}} {
		for _, typ := range types {
			if t := plainText(titles.childWith("title", "type", typ), nil); t != "" {
				parts = append(parts, t)
				break
			}
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, ", "), nil
	}
	if t, err := sidecarTitle(file); t != "" || err != nil {
		return t, err
	}
	return "Foreign Relations of the United States, " + vol, nil
}

// sidecarTitle returns the first line of the VolumeTitleFile beside file,
// or "" when there is none.
func sidecarTitle(file string) (string, error) {
	path := filepath.Join(filepath.Dir(file), VolumeTitleFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\ufeff"), "\n")
	if line = strings.TrimSpace(line); line == "" {
		return "", fmt.Errorf("%s:1: the first line should be the volume's title, and is empty", path)
	}
	return line, nil
}

// headerSubjects emits the subject headings of a split file's header, the
// terms of the Office of the Historian's subject taxonomy
// (textClass/keywords[@scheme='frus-subject-taxonomy']/term: "Propaganda",
// "Lend-Lease"), and returns them for its document. A whole volume's header
// describes the volume, not each document, and gives none.
func (f *frusReader) headerSubjects(root *node) ([]string, error) {
	header := root.child("teiHeader")
	if header.path("fileDesc", "sourceDesc").childWith("bibl", "type", "frus-document-id") == nil {
		return nil, nil
	}
	var headings []string
	for _, kw := range header.path("profileDesc", "textClass").children("keywords") {
		if kw.get("scheme") != "frus-subject-taxonomy" {
			continue
		}
		for _, term := range kw.children("term") {
			heading := plainText(term, nil)
			if heading == "" || slices.Contains(headings, heading) {
				continue
			}
			if err := f.add(corpus.Line{Subject: &heading}, term); err != nil {
				return nil, err
			}
			headings = append(headings, heading)
		}
	}
	return headings, nil
}

// frusRights returns the header's availability statement, as Markdown, and
// its licence URL when there is one.
func frusRights(root *node) corpus.Rights {
	avail := root.path("teiHeader", "fileDesc", "publicationStmt", "availability")
	if avail == nil {
		return corpus.Rights{}
	}
	w := newMDWriter(nil)
	_ = w.walk(avail) // without a hook nothing can fail
	r := corpus.Rights{Statement: w.markdown()}
	if lic := avail.find(elem("licence")); lic != nil && strings.HasPrefix(lic.get("target"), "http") {
		r.URI = lic.get("target")
	}
	return r
}

// glossary turns the persons glossary into agents: the name as printed
// ("Baker, Newton D."), and the identification after it as the biography.
func (f *frusReader) glossary(persons *node) error {
	f.glossed = true
	for _, item := range persons.findAll(elem("item")) {
		name := item.find(func(n *node) bool { return n.is("persName") && n.id() != "" })
		if name == nil {
			continue
		}
		key := f.vol + "#" + name.id()
		bio := plainText(item, func(n *node) bool { return n == name })
		agent := corpus.Agent{
			Key: key, Kind: "person", Name: plainText(name, nil),
			Bio:         strings.TrimLeftFunc(bio, func(r rune) bool { return r == ',' || r == ';' || r == ':' || unicode.IsSpace(r) }),
			Identifiers: []corpus.Identifier{{Scheme: "frus", Value: key}},
		}
		if err := f.add(corpus.Line{Agent: &agent}, item); err != nil {
			return err
		}
		f.persons[name.id()] = true
		f.noteSurname(agent.Name, key)
	}
	return nil
}

// walk visits n's elements in document order, keeping track of page breaks
// and turning divisions into collections and document divisions into
// documents of the collection coll.
func (f *frusReader) walk(n *node, coll string) error {
	for _, k := range n.kids {
		var err error
		switch {
		case !k.isElement() || k.is("teiHeader"):
		case k.is("pb"):
			if p := k.get("n"); p != "" {
				f.page = p
			}
		case isDocument(k):
			if err = f.document(k, coll); err == nil {
				err = f.walk(k, coll) // for its page breaks
			}
		case k.is("div") && k.find(isDocument) != nil:
			var key string
			if key, err = f.division(k, coll); err == nil {
				err = f.walk(k, key)
			}
		default:
			err = f.walk(k, coll)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func isDocument(n *node) bool { return n.is("div") && n.get("type") == "document" }

// division emits a collection for a division that holds documents and
// returns its key.
func (f *frusReader) division(div *node, parent string) (string, error) {
	f.positions[parent]++
	key := f.vol + "#" + div.id()
	if div.id() == "" {
		key = parent + "." + strconv.Itoa(f.positions[parent])
	}
	head := div.child("head")
	title := cmp.Or(headingTitle(plainText(head, nil)), strings.TrimSpace(capitalize(div.get("type"))+" "+div.get("n")), "Untitled division")
	coll := corpus.Collection{Key: key, Title: title, Parent: parent,
		Description: mdEscapeText(joinPlain(head.findAll(elem("note")), " "))}
	return key, f.add(corpus.Line{Collection: &coll}, div)
}

// headingTitle returns a division's head as a collection's title: without
// the colon, semicolon or comma that leads into the documents under it in
// print ("Iran:"), nor a sentence's closing period ("Negotiations of the
// powers with China."), which would show in every citation and OAI-PMH set
// name. A period that ends an abbreviation ("U.S.S.R.", "Co.") stays.
func headingTitle(s string) string {
	s = strings.TrimRight(s, " :;,")
	if !strings.HasSuffix(s, ".") {
		return s
	}
	last := s[strings.LastIndexAny(s, " \u00a0")+1:]
	if len(last) <= 3 || strings.Contains(strings.TrimSuffix(last, "."), ".") {
		return s
	}
	return strings.TrimSuffix(s, ".")
}

func capitalize(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var (
	frusTelegram    = regexp.MustCompile(`(?i)\b(tele|cable)gram\b`)
	frusTranslation = regexp.MustCompile(`(?i)\btranslation\b`)
)

// document adds the document of a document division.
func (f *frusReader) document(div *node, coll string) error {
	id := div.id()
	if id == "" {
		return errorf(f.file, div, "div[@type='document'] has no xml:id")
	}
	key := f.vol + "/" + id
	head := div.child("head")
	note := joinPlain(frusSourceNotes(div), "\n")
	doc := corpus.Document{Key: key, SourceID: key, Title: frusTitle(head, div), Collections: []string{coll},
		Rights: f.rights, Subjects: f.subjects}
	doc.Type = frusType(div, doc.Title, note)
	doc.Classification.Level = classification(note + "\n" + doc.Title)
	if err := f.date(&doc, div); err != nil {
		return err
	}
	doc.Signature = joinPlain(frusSigned(div), "\n")
	var err error
	if doc.Credits, err = f.credits(div); err != nil {
		return err
	}
	if doc.Credits, err = f.headCredits(div, doc.Title, doc.Credits); err != nil {
		return err
	}
	doc.Credits = append(doc.Credits, f.editors...)
	text := corpus.Text{Kind: "transcript", Lang: "en", Notes: joinPlain(head.findAll(isFootnote), " ")}
	if text.Body, err = f.body(div); err != nil {
		return err
	}
	if frusTranslation.MatchString(note) {
		text.Kind = "translation" // from a language FRUS does not name
	} else {
		doc.Languages = []string{"en"}
	}
	if text.Body != "" {
		doc.Texts = []corpus.Text{text}
	}
	if src := f.source(div, note); len(src.Parts) > 0 || src.Note != "" {
		doc.Sources = []corpus.Source{src}
	}
	return f.add(corpus.Line{Document: &doc}, div)
}

func isSourceNote(n *node) bool { return n.is("note") && n.get("type") == "source" }

func isFootnote(n *node) bool { return n.is("note") && n.get("type") != "source" }

// frusSourceNotes returns a division's source notes: its own inline ones
// (old volumes, 1945) and those in its head (modern volumes).
func frusSourceNotes(div *node) []*node {
	var notes []*node
	for _, k := range div.kids {
		if isSourceNote(k) {
			notes = append(notes, k)
		}
	}
	return append(notes, div.child("head").findAll(isSourceNote)...)
}

// joinPlain joins the plain texts of nodes.
func joinPlain(nodes []*node, sep string) string {
	var texts []string
	for _, n := range nodes {
		if t := plainText(n, nil); t != "" {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, sep)
}

// frusTitle is the head without its notes, or "Document <n>" for an empty head.
func frusTitle(head, div *node) string {
	if t := plainText(head, nil); t != "" {
		return t
	}
	n := div.get("n")
	if n == "" {
		n = div.id()
	}
	return "Document " + n
}

// frusType tells editorial notes, telegrams and memoranda; other genres are
// not marked in FRUS and stay unknown.
func frusType(div *node, title, sourceNote string) string {
	switch {
	case div.get("subtype") == "editorial-note":
		return "editorial note"
	case frusTelegram.MatchString(sourceNote):
		return "telegram"
	case strings.HasPrefix(title, "Memorandum"):
		return "memorandum"
	}
	return ""
}

// classificationPattern finds a classification as whole words, the most
// restrictive first; "Secretary" is not "Secret".
var classificationPattern = []struct {
	re    *regexp.Regexp
	level string
}{
	{regexp.MustCompile(`(?i)\bstrictly\s+confidential\b`), "Strictly Confidential"},
	{regexp.MustCompile(`(?i)\btop\s+secret\b`), "Top Secret"},
	{regexp.MustCompile(`(?i)\bsecret\b`), "Secret"},
	{regexp.MustCompile(`(?i)\bconfidential\b`), "Confidential"},
}

// classification returns the security classification written in s, or "".
func classification(s string) string {
	for _, c := range classificationPattern {
		if c.re.MatchString(s) {
			return c.level
		}
	}
	return ""
}

// ownChildren returns the elements local that belong to the document itself:
// its children and its opener's and closer's, not its attachments'.
func ownChildren(div *node, local string) []*node {
	var out []*node
	for _, k := range div.kids {
		switch {
		case k.is(local):
			out = append(out, k)
		case k.is("opener") || k.is("closer"):
			out = append(out, k.children(local)...)
		}
	}
	return out
}

// date sets the document's date, place and date as written from its own
// first dateline with a date (or its first dateline), else from the
// editors' frus:doc-dateTime-min/max. A dateline inside an attachment dates
// the attachment, not the document.
func (f *frusReader) date(doc *corpus.Document, div *node) error {
	datelines := ownChildren(div, "dateline")
	var dateline, date *node
	for _, dl := range datelines {
		if date = dl.find(elem("date")); date != nil {
			dateline = dl
			break
		}
	}
	if dateline == nil && len(datelines) > 0 {
		dateline = datelines[0]
	}
	placeName := dateline.find(elem("placeName"))
	doc.WrittenAt = plainText(placeName, nil)
	if key, err := f.place(placeName); err != nil {
		return err
	} else if key != "" {
		doc.Places = []string{key}
	}
	if date != nil {
		doc.WrittenOn = plainText(date, nil)
		var err error
		if doc.Date, err = teiDate(date); err != nil {
			return errorAt(f.file, date, err)
		}
		if cal := strings.TrimPrefix(date.get("calendar"), "#"); cal != "" && cal != "gregorian" && doc.WrittenOn != "" {
			// @when is always Gregorian; the text is in the other calendar.
			doc.DateAsWritten = doc.WrittenOn + " (" + cal + " calendar)"
		}
	}
	if doc.Date != "" {
		return nil
	}
	lo, hi := div.getNS(nsFRUS, "doc-dateTime-min"), div.getNS(nsFRUS, "doc-dateTime-max")
	if lo == "" && hi == "" {
		return nil
	}
	var err error
	if doc.Date, err = isoRange("div/@frus:doc-dateTime-min", lo, "div/@frus:doc-dateTime-max", hi); err != nil {
		return errorAt(f.file, div, err)
	}
	return nil
}

// frusSigned returns the document's own signatures, not its attachments' or
// postscript's.
func frusSigned(div *node) []*node {
	var signed []*node
	for _, closer := range div.children("closer") {
		signed = append(signed, closer.children("signed")...)
	}
	return signed
}

// credits links the persons named with persName/@corresp to the document:
// the sender and recipient marked in the head (@type from/to) as author and
// recipient, the signer of the document's own closer as author, everyone
// else (in the text, in attachments) as associated. Each agent appears once
// per role, in the order first met.
func (f *frusReader) credits(div *node) ([]corpus.Credit, error) {
	var credits []corpus.Credit
	seen := map[corpus.Credit]bool{}
	var visit func(n *node, role func(*node) string) error
	visit = func(n *node, role func(*node) string) error {
		if n.is("persName") && n.get("corresp") != "" {
			for _, ref := range strings.Fields(n.get("corresp")) {
				id, local := strings.CutPrefix(ref, "#")
				if !local || !f.persons[id] {
					return errorf(f.file, n, "persName/@corresp %q: no such person in the volume's persons list", ref)
				}
				if c := (corpus.Credit{Role: role(n), Agent: f.vol + "#" + id}); !seen[c] {
					seen[c] = true
					credits = append(credits, c)
				}
			}
		}
		for _, k := range n.kids {
			if k.isElement() {
				if err := visit(k, role); err != nil {
					return err
				}
			}
		}
		return nil
	}
	associated := func(*node) string { return "associated" }
	for _, k := range div.kids {
		if !k.isElement() {
			continue
		}
		role := associated
		switch {
		case k.is("head"):
			role = headRole
		case k.is("closer"):
			role = signerRole(k)
		}
		if err := visit(k, role); err != nil {
			return nil, err
		}
	}
	return credits, nil
}

// headRole is the role of a person named in the document's head.
func headRole(p *node) string {
	switch p.get("type") {
	case "from":
		return "author"
	case "to":
		return "recipient"
	}
	return "associated"
}

// signerRole returns the role of persons in a closer: the signer is the author.
func signerRole(closer *node) func(*node) string {
	signers := map[*node]bool{}
	for _, s := range closer.children("signed") {
		for _, p := range s.findAll(elem("persName")) {
			signers[p] = true
		}
	}
	return func(p *node) string {
		if signers[p] {
			return "author"
		}
		return "associated"
	}
}

// source returns the document's source: its source notes, document number
// and the page it starts on (the last page break before it, or one at its
// very start).
func (f *frusReader) source(div *node, note string) corpus.Source {
	// The volume is the first part, so that every format that carries a
	// source's parts names it: "Foreign Relations of the United States,
	// 1945, The Far East, China, Volume VII, Document 732".
	src := corpus.Source{Note: note, Parts: []corpus.RefPart{volumePart(f.title)}}
	if n := div.get("n"); n != "" {
		src.Parts = append(src.Parts, corpus.RefPart{Type: "document", Label: "Document", Value: n})
	}
	page := f.page
	for _, k := range div.kids {
		if k.isElement() {
			if k.is("pb") && k.get("n") != "" {
				page = k.get("n")
			}
			break
		}
		if strings.TrimSpace(k.text) != "" {
			break
		}
	}
	if page = strings.Trim(page, "[] "); page != "" {
		src.Parts = append(src.Parts, corpus.RefPart{Type: "page", Label: "p.", Value: page})
	}
	return src
}

// volumePart returns the reference part that names the volume: the series
// as its label and the rest of the title as its value ("Foreign Relations of
// the United States," and "1945, The Far East, China, Volume VII"), which
// cite as the title; a title without a comma is cited "in" it.
func volumePart(title string) corpus.RefPart {
	series, rest, ok := strings.Cut(title, ", ")
	if !ok || rest == "" {
		return corpus.RefPart{Type: "volume", Label: "in", Value: title}
	}
	return corpus.RefPart{Type: "volume", Label: series + ",", Value: rest}
}

// body renders the document's text: everything but its head (the title) and
// its signatures (the Signature field); attachments become sections.
func (f *frusReader) body(div *node) (string, error) {
	w := newMDWriter(f.hook)
	for _, k := range div.kids {
		var err error
		switch {
		case k.is("head"):
		case k.is("closer"):
			err = closerWithoutSignatures(w, k)
		default:
			err = w.node(k)
		}
		if err != nil {
			return "", err
		}
	}
	return w.markdown(), nil
}

// hook renders FRUS attachments as sections and leaves source notes to the
// section that owns them.
func (f *frusReader) hook(w *mdWriter, n *node) (bool, error) {
	switch {
	case n.name.Space == nsFRUS && n.name.Local == "attachment":
		return true, attachment(w, n)
	case isSourceNote(n):
		return true, nil
	}
	return false, nil
}

// attachment renders an enclosure as a section: a heading from its head
// (# for the document's attachments, ## for theirs), its source notes in
// italics, then its content with its own closer and signatures.
func attachment(w *mdWriter, n *node) error {
	w.section++
	defer func() { w.section-- }()
	head := n.child("head")
	if err := w.heading(w.section, head, "Enclosure"); err != nil {
		return err
	}
	for _, src := range frusSourceNotes(n) {
		if err := w.emphasised(src); err != nil {
			return err
		}
		w.cur.gap()
	}
	w.flush()
	for _, k := range n.kids {
		if k != head {
			if err := w.node(k); err != nil {
				return err
			}
		}
	}
	w.flush()
	return nil
}

// closerWithoutSignatures keeps what a closer holds besides the signatures
// (a salute, "(and fifty citizens of the United States).") as paragraphs,
// without the punctuation that joined it to the signature.
func closerWithoutSignatures(w *mdWriter, closer *node) error {
	s := w.sub(false)
	for _, k := range closer.kids {
		if !k.is("signed") {
			if err := s.node(k); err != nil {
				return err
			}
		}
	}
	s.flush()
	for _, b := range s.blocks {
		if b = trimJoiners(b); strings.IndexFunc(b, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			w.block(b)
		}
	}
	return nil
}

// trimJoiners removes leading commas, stops, spaces and line breaks.
func trimJoiners(b string) string {
	for {
		switch {
		case strings.HasPrefix(b, "\\\n"):
			b = b[2:]
		case b != "" && strings.ContainsRune(",;:. \n", rune(b[0])):
			b = b[1:]
		default:
			return b
		}
	}
}
