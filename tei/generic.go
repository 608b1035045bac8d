package tei

import (
	"cmp"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
)

// genericReader reads a TEI file that holds one letter, described in its
// header (correspDesc, msIdentifier) as in the Suriano edition.
type genericReader struct {
	file    string
	root    *node
	prefix  string           // the edition's key prefix: the author's surname ("suriano")
	notes   map[string]*node // notes by xml:id, for ptr/@target
	editors []corpus.Credit  // text credits
	out     *corpus.File
}

// readGeneric reads the letter of a whole file and emits it, after the
// authorities it names, as read at its root element.
func readGeneric(root *node, file string, emit corpus.Emit) error {
	author := plainText(root.path("teiHeader", "fileDesc", "titleStmt", "author"), nil)
	g := &genericReader{file: file, root: root, prefix: slug(lastWord(author)), notes: map[string]*node{}, out: &corpus.File{}}
	for _, n := range root.path("text").findAll(func(n *node) bool { return n.is("note") && n.id() != "" }) {
		g.notes[n.id()] = n
	}
	doc, err := g.document(author)
	if err != nil {
		return err
	}
	g.out.Documents = []corpus.Document{doc}
	at := fmt.Sprintf("%s:%d:%d", file, root.line, root.col)
	return g.out.Each(func(rec corpus.Line, _ string) error { return emit(rec, at) })
}

// document builds the letter and adds the authorities it refers to.
func (g *genericReader) document(author string) (corpus.Document, error) {
	header := g.root.child("teiHeader")
	msID := header.path("fileDesc", "sourceDesc", "msDesc", "msIdentifier")
	group := plainText(msID.childWith("idno", "type", "filza"), nil)
	key := g.key(msID, group)
	doc := corpus.Document{Key: key, SourceID: key}
	if err := g.correspondence(&doc, header.path("profileDesc", "correspDesc")); err != nil {
		return doc, err
	}
	if doc.Title == "" {
		doc.Title = cmp.Or(plainText(header.path("fileDesc", "titleStmt", "title"), nil), key)
	}
	for _, ed := range header.path("fileDesc", "titleStmt").children("editor") {
		if a := g.agent(ed); a != nil {
			g.editors = append(g.editors, corpus.Credit{Role: "editor", Agent: a.Key})
		}
	}
	if coll := g.collection(msID, author, group); coll != "" {
		doc.Collections = []string{coll}
	}
	if src := g.source(msID, group); src.Repository != "" || len(src.Parts) > 0 || src.Note != "" {
		doc.Sources = []corpus.Source{src}
	}
	var err error
	if doc.Texts, err = g.texts(); err != nil {
		return doc, err
	}
	for _, t := range doc.Texts {
		doc.Languages = append(doc.Languages, t.Lang)
	}
	return doc, nil
}

// key returns "<prefix>/<group>/<item>": the item is idno[@type='letterno'],
// else an untyped idno, else the file name without its extension.
func (g *genericReader) key(msID *node, group string) string {
	item := cmp.Or(plainText(msID.childWith("idno", "type", "letterno"), nil),
		plainText(msID.childWith("idno", "type", ""), nil),
		strings.TrimSuffix(filepath.Base(g.file), filepath.Ext(g.file)))
	return joinNonEmpty("/", g.prefix, group, item)
}

// correspondence sets what correspDesc says: the summary, the place and date
// of sending, the sender and recipient, and the title made from them.
func (g *genericReader) correspondence(doc *corpus.Document, corresp *node) error {
	sent := corresp.childWith("correspAction", "type", "sent")
	doc.Summary = mdEscapeText(plainText(corresp.child("note"), nil))
	doc.WrittenAt = plainText(sent.child("settlement"), nil)
	if date := sent.child("date"); date != nil {
		doc.WrittenOn = plainText(date, nil)
		var err error
		if doc.Date, err = teiDate(date); err != nil {
			return errorAt(g.file, date, err)
		}
	}
	sender := g.correspondent(sent)
	recipient := g.correspondent(corresp.childWith("correspAction", "type", "received"))
	doc.Title = letterTitle(sender, recipient, doc.WrittenAt, doc.Date)
	if sender != nil {
		doc.Credits = append(doc.Credits, corpus.Credit{Role: "author", Agent: sender.Key})
	}
	if recipient != nil {
		doc.Credits = append(doc.Credits, corpus.Credit{Role: "recipient", Agent: recipient.Key})
	}
	return nil
}

// correspondent adds the agent named in a correspAction and returns it.
func (g *genericReader) correspondent(action *node) *corpus.Agent {
	return g.agent(action.find(func(n *node) bool { return n.is("name") || n.is("persName") || n.is("orgName") }))
}

// organisationName tells bodies ("Doge and Senate of Venice", "Consiglio
// dei Dieci", "States General") from persons, which have no such words.
var organisationName = regexp.MustCompile(`\b(Senate|Senato|Council|Consiglio|Collegio|Signoria|States General|Staten-Generaal|Estates)\b`)

// agent adds the agent a name element names, keyed by its @ref ("bio.xml#cs")
// or else by the name, once per file; nil when there is no name.
func (g *genericReader) agent(n *node) *corpus.Agent {
	name := plainText(n, nil)
	if name == "" {
		return nil
	}
	ref := n.get("ref")
	a := corpus.Agent{Key: ref, Kind: "person", Name: name}
	if ref == "" {
		a.Key = name
	} else {
		a.Identifiers = []corpus.Identifier{{Scheme: g.scheme(), Value: ref}}
	}
	if n.is("orgName") || organisationName.MatchString(name) {
		a.Kind = "organisation"
	}
	for _, known := range g.out.Agents {
		if known.Key == a.Key {
			return &known
		}
	}
	g.out.Agents = append(g.out.Agents, a)
	return &a
}

// scheme names the edition's identifiers: its prefix, or "tei".
func (g *genericReader) scheme() string {
	if g.prefix == "" {
		return "tei"
	}
	return g.prefix
}

// letterTitle builds "Letter from A to B, Place, 16 July 1616" from what
// is known; "" when neither correspondent is.
func letterTitle(sender, recipient *corpus.Agent, place, date string) string {
	if sender == nil && recipient == nil {
		return ""
	}
	title := "Letter"
	if sender != nil {
		title += " from " + sender.Name
	}
	if recipient != nil {
		title += " to " + recipient.Name
	}
	return joinNonEmpty(", ", title, place, dayMonthYear(date))
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// dayMonthYear writes an EDTF date the European way, "16 July 1616", "July
// 1616"; other forms as edtf displays them.
func dayMonthYear(date string) string {
	var y, m, d int
	switch {
	case date == "":
		return ""
	case len(date) == len("1616-07-16"):
		if _, err := fmt.Sscanf(date, "%4d-%2d-%2d", &y, &m, &d); err == nil {
			return fmt.Sprintf("%d %s %d", d, monthNames[m-1], y)
		}
	case len(date) == len("1616-07"):
		if _, err := fmt.Sscanf(date, "%4d-%2d", &y, &m); err == nil {
			return fmt.Sprintf("%s %d", monthNames[m-1], y)
		}
	}
	return edtf.MustParse(date).Display()
}

// collection adds the collection of the file's group (a filza) and returns
// its key: "suriano/02", "Dispatches of Christofforo Suriano, filza 2".
func (g *genericReader) collection(msID *node, author, group string) string {
	if group == "" {
		return ""
	}
	title := "filza " + trimZeros(group)
	switch coll := plainText(msID.child("collection"), nil); {
	case author != "":
		title = "Dispatches of " + author + ", " + title
	case coll != "":
		title = coll + ", " + title
	}
	key := joinNonEmpty("/", g.prefix, group)
	g.out.Collections = append(g.out.Collections, corpus.Collection{Key: key, Title: title})
	return key
}

// folioPattern finds where the folios start in a shelf mark
// ("…, Filza 2, fol 98r-99v, 102r-103v").
var folioPattern = regexp.MustCompile(`(?i)^(?:(?:fol|ff?|cc?)\.?\s*)?(\d+[rv].*)$`)

// source adds the holding repository and returns the letter's archival
// reference: the institution (short name from the shelf mark's first part,
// "ASVe"), the series, the filza and the folios.
func (g *genericReader) source(msID *node, group string) corpus.Source {
	shelf := plainText(msID.childWith("idno", "type", "shelf"), nil)
	src := corpus.Source{Note: shelf}
	if inst := plainText(msID.child("institution"), nil); inst != "" {
		short := inst
		if first, _, ok := strings.Cut(shelf, ","); ok && !strings.Contains(first, " ") {
			short = first
		}
		repo := corpus.Repository{Key: slug(short), ShortName: short, Name: inst}
		g.out.Repositories = append(g.out.Repositories, repo)
		src.Repository = repo.Key
	}
	if coll := plainText(msID.child("collection"), nil); coll != "" {
		src.Parts = append(src.Parts, corpus.RefPart{Type: "series", Label: "series", Value: coll})
	}
	if group != "" {
		src.Parts = append(src.Parts, corpus.RefPart{Type: "filza", Label: "filza", Value: trimZeros(group)})
	}
	if folios := shelfFolios(shelf); folios != "" {
		src.Parts = append(src.Parts, corpus.RefPart{Type: "folios", Label: "cc.", Value: folios})
	}
	return src
}

// shelfFolios returns the folios a shelf mark ends with, without "fol":
// "98r-99v, 102r-103v" from "ASVe, …, Filza 2, fol 98r-99v, 102r-103v".
func shelfFolios(shelf string) string {
	parts := strings.Split(shelf, ",")
	for i, p := range parts {
		if m := folioPattern.FindStringSubmatch(strings.TrimSpace(p)); m != nil {
			return strings.TrimSpace(strings.Join(append([]string{m[1]}, parts[i+1:]...), ","))
		}
	}
	return ""
}

// texts renders one text per language: the letter's language first, with
// the letter, its secretarial notes and the attachments in that language;
// then one for each other language its attachments are in. All are
// transcripts: each is the text as the manuscript has it.
func (g *genericReader) texts() ([]corpus.Text, error) {
	letters, attachments := letterDivisions(g.root.path("text", "body"))
	letter := cmp.Or(g.language(letters...), "und")
	order, byLang := []string{letter}, map[string][]*node{}
	for _, a := range attachments {
		lang := cmp.Or(g.language(a), letter)
		if byLang[lang] == nil && lang != letter {
			order = append(order, lang)
		}
		byLang[lang] = append(byLang[lang], a)
	}
	var texts []corpus.Text
	for _, lang := range order {
		var own []*node
		if lang == letter {
			own = letters
		}
		body, err := g.text(own, byLang[lang])
		if err != nil {
			return nil, err
		}
		if body != "" {
			texts = append(texts, corpus.Text{Kind: "transcript", Lang: lang, Body: body, Credits: g.editors})
		}
	}
	return texts, nil
}

// letterDivisions returns the body's letter and attachment divisions; a body
// without them is the letter itself.
func letterDivisions(body *node) (letters, attachments []*node) {
	for _, k := range body.children("div") {
		switch k.get("type") {
		case "letter":
			letters = append(letters, k)
		case "attachment":
			attachments = append(attachments, k)
		}
	}
	if body != nil && len(letters) == 0 && len(attachments) == 0 {
		letters = []*node{body}
	}
	return letters, attachments
}

// text renders letters, then attachments, each under a heading
// ("# Attachment I").
func (g *genericReader) text(letters, attachments []*node) (string, error) {
	w := newMDWriter(g.hook)
	for _, l := range letters {
		if err := g.section(w, l); err != nil {
			return "", err
		}
	}
	for _, a := range attachments {
		if err := w.heading(1, nil, "Attachment "+cmp.Or(a.get("facs"), a.get("n"))); err != nil {
			return "", err
		}
		w.section++
		err := g.section(w, a)
		w.section--
		if err != nil {
			return "", err
		}
	}
	return w.markdown(), nil
}

// section renders a letter or attachment division: its main text, then its
// secretarial notes (chancery endorsements) under a heading. The heads of
// these divisions are generic labels ("main text of letter") and are left out.
func (g *genericReader) section(w *mdWriter, div *node) error {
	for _, k := range div.kids {
		var err error
		switch {
		case k.is("head") || k.is("div") && k.get("type") == "notes":
		case k.is("div") && k.get("type") == "secretarial":
			if err = w.heading(w.section+1, nil, "Secretarial notes"); err == nil {
				err = g.section(w, k)
			}
		case k.is("div"):
			err = g.section(w, k)
		default:
			err = w.node(k)
		}
		if err != nil {
			return err
		}
	}
	w.flush()
	return nil
}

// hook renders pointers to the notes as footnotes, metamarks as editorial
// remarks in italics ("*[Trace of a seal]*"), and drops the note number
// each note repeats at its start. In a line-by-line transcription a new page
// starts a new line, so a page break inside a paragraph breaks the line.
func (g *genericReader) hook(w *mdWriter, n *node) (bool, error) {
	switch {
	case n.is("pb"):
		w.cur.lb()
		return false, nil
	case n.is("ptr"):
		id, local := strings.CutPrefix(n.get("target"), "#")
		if !local {
			return true, nil // a link to another file
		}
		note := g.notes[id]
		if note == nil {
			return true, errorf(g.file, n, "ptr/@target %q: no note with that xml:id", n.get("target"))
		}
		return true, w.footnote(id, note)
	case n.is("metamark"):
		if remark := joinNonEmpty(" ", n.get("facs"), n.get("function"), plainText(n, nil)); remark != "" {
			w.cur.openEm()
			w.cur.text("[" + remark + "]")
			w.cur.endEm()
		}
		return true, nil
	case n.is("hi") && n.get("rend") == "footnote":
		return true, nil
	}
	return false, nil
}

// language returns the language of the divisions: an xml:lang on them or
// on what encloses them, else a guess from their words; "" when unknown.
func (g *genericReader) language(divs ...*node) string {
	var text strings.Builder
	for _, d := range divs {
		if lang := g.xmlLang(d); lang != "" {
			return lang
		}
		text.WriteString(d.rawText())
		text.WriteByte(' ')
	}
	return guessLanguage(text.String())
}

// xmlLang returns the xml:lang in force at n.
func (g *genericReader) xmlLang(n *node) string {
	var lang string
	var walk func(*node) bool
	walk = func(at *node) bool {
		if l := at.getNS(nsXML, "lang"); l != "" {
			lang = l
		}
		if at == n {
			return true
		}
		saved := lang
		for _, k := range at.kids {
			if k.isElement() && walk(k) {
				return true
			}
			lang = saved
		}
		return false
	}
	walk(g.root)
	return lang
}

// stopWords are frequent words of each language the guess knows. Words
// that several of these languages share ("la", "de", "et", "in", "non",
// "per", "le") are left out, so each hit counts for one language.
var stopWords = map[string][]string{
	"it": {"il", "che", "di", "della", "delle", "dello", "del", "gli", "nel", "nella", "alla", "alle", "sono",
		"questo", "questa", "quello", "quella", "essere", "anco", "anche", "ma", "come", "ha", "haveva", "suo", "sua", "lei", "io", "mi"},
	"fr": {"les", "des", "du", "une", "pour", "dans", "avec", "ce", "pas", "sont", "au", "aux", "luy", "elle", "nous",
		"vous", "vostre", "mon", "ie", "leurs", "mais", "ceste", "cest"},
	"la": {"ad", "quod", "cum", "ut", "sed", "enim", "atque", "vel", "ac", "eius", "quae", "nobis", "vobis", "esse",
		"sunt", "autem", "nos", "hoc", "ab"},
	"de": {"und", "der", "die", "das", "nicht", "mit", "zu", "den", "ist", "von", "auf", "sich", "dem", "ein", "eine", "ich", "wir"},
	"es": {"el", "los", "las", "y", "por", "su", "sus", "es", "para", "pero", "muy", "este", "esta", "como"},
	"en": {"the", "and", "of", "to", "that", "is", "with", "for", "this", "be", "by", "which", "from", "have", "are", "not"},
}

// stopWordLanguage maps each stop word to its language.
var stopWordLanguage = func() map[string]string {
	m := map[string]string{}
	for lang, words := range stopWords {
		for _, w := range words {
			m[w] = lang
		}
	}
	return m
}()

// guessOrder breaks ties between languages the same way every time.
var guessOrder = []string{"it", "fr", "la", "de", "es", "en"}

// guessLanguage guesses the language of a text by counting stop words: the
// language with the most, if it has at least three and more than any other.
func guessLanguage(text string) string {
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lang, ok := stopWordLanguage[w]; ok {
			counts[lang]++
		}
	}
	best, most, tied := "", 0, false
	for _, lang := range guessOrder {
		switch c := counts[lang]; {
		case c > most:
			best, most, tied = lang, c, false
		case c == most:
			tied = true
		}
	}
	if tied || most < 3 {
		return ""
	}
	return best
}

// slug lower-cases s and keeps its letters and digits: "ASVe" → "asve".
func slug(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// trimZeros drops leading zeros from a number: "02" → "2".
func trimZeros(s string) string {
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
