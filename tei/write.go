package tei

// The TEI export: one document as a TEI P5 file. What goes where:
//
//	teiHeader/fileDesc
//	  titleStmt         title; author, editor and funder credits; a respStmt per
//	                    other document role (obtained by, donor, publisher) and
//	                    per role on each text (translation, transcription, editing)
//	  publicationStmt   publisher (WriteOptions.Publisher, else "Recto"); idno
//	                    type="recto" (Record ID), type="source" (SourceID),
//	                    type="URI" (permanent URL, with a BaseURL),
//	                    type="former-path" (each of FormerPaths); availability
//	                    with licence (Rights); date of first publication
//	  seriesStmt        one per collection
//	  notesStmt         note type="classification" (the level the original
//	                    carried), type="declassification", type="signature",
//	                    type="authentication", type="withdrawn"; a relatedItem
//	                    per relation (type related, enclosure, enclosed-in)
//	  sourceDesc        per source held by a known repository an msDesc
//	                    (msIdentifier: settlement, repository, an idno per
//	                    reference part with @type = the part's type); per source
//	                    a bibl type="citation" with the reference as the site
//	                    cites it and the source note
//	teiHeader/encodingDesc  the taxonomies textClass points to
//	teiHeader/profileDesc
//	  abstract          the summary
//	  langUsage         the original's languages, then the texts'
//	  textClass         classCode (document type), keywords/term (subjects)
//	  correspDesc       correspAction sent (authors, place written, date) and
//	                    received (recipients)
//	  particDesc        listPerson/listOrg: every credited agent, @role its roles
//	  settingDesc       listPlace: the document's places
//	teiHeader/revisionDesc  @status, the former system's stamps when known
//	                    (OriginalCreated, OriginalUploaded) and the store's
//	facsimile           the scans, in page order
//	text/body           a div type="translation"|"transcription" per text, in
//	                    editorial order, with @xml:lang, @subtype (translation
//	                    method) and @resp (translators, transcribers)
//
// The security classification goes in notesStmt rather than msDesc/physDesc:
// it is known for documents with no recorded source too, and it is a fact of
// the document's history rather than of its physical form.
//
// Dates: an EDTF day, month or year (or date and time) is @when, with
// cert="medium" when approximate and cert="low" when uncertain; an interval is
// @notBefore/@notAfter; unspecified digits and seasons give the first and last
// day they cover. The element's text is the date as the site displays it.
//
// Markdown: paragraphs are p; emphasis hi rend="italic", strong hi
// rend="bold", code hi rend="code", strikethrough del rend="strikethrough";
// headings open nested divs with a head; hard line breaks are lb; GitHub
// tables are table/row/cell, the header row role="label"; footnotes are
// note place="foot" at the reference (a second reference is a ptr); lists are
// list/item; links ref target; images graphic; block quotes quote; code
// blocks p rend="preformatted"; thematic breaks milestone; raw HTML is
// dropped. The page marker [[page p. 1002]] is pb n="1002".

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recto-archive/recto/markup"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/edtf"
)

// WriteOptions configures WriteDocument.
type WriteOptions struct {
	// BaseURL is the archive's public address ("https://archive.example.org"),
	// from which the document's permanent URL and the authorities' URLs are
	// made. Empty leaves them out.
	BaseURL string
	// Publisher is the archive's name, the TEI file's publisher. Empty writes
	// "Recto".
	Publisher string
}

// TEI namespace and the schema the files declare.
const (
	exportNamespace = "http://www.tei-c.org/ns/1.0"
	exportSchema    = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
)

// WriteDocument writes one document as a TEI P5 file. The document should be
// read from the store in full, its authorities resolved. The output depends on
// the document and the options alone: the same input gives the same bytes.
func WriteDocument(w io.Writer, d *recto.Document, opts WriteOptions) error {
	if d == nil {
		return fmt.Errorf("tei: no document")
	}
	e := &wExporter{d: d, opts: opts, base: strings.TrimRight(opts.BaseURL, "/")}
	e.x.out = &bytes.Buffer{}
	e.x.out.Grow(4096 + exportTextSize(d)*2)
	e.document()
	_, err := w.Write(e.x.out.Bytes())
	if err != nil {
		return fmt.Errorf("tei: %w", err)
	}
	return nil
}

func exportTextSize(d *recto.Document) int {
	n := 0
	for _, t := range d.Texts {
		n += len(t.Body)
	}
	return n
}

// wExporter writes one document.
type wExporter struct {
	d    *recto.Document
	opts WriteOptions
	base string // BaseURL without a trailing slash
	x    wXML
}

func (e *wExporter) url(path string, id int64) string {
	if e.base == "" {
		return ""
	}
	return e.base + "/" + path + "/" + strconv.FormatInt(id, 10)
}

func (e *wExporter) document() {
	x := &e.x
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<?xml-model href="` + exportSchema + `" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>` + "\n")
	x.start("TEI", "xmlns", exportNamespace, "xml:id", "recto-"+strconv.FormatInt(e.d.ID, 10), "xml:lang", "en")
	x.start("teiHeader")
	e.fileDesc()
	e.encodingDesc()
	e.profileDesc()
	e.revisionDesc()
	x.end("teiHeader")
	e.facsimile()
	x.start("text")
	x.start("body")
	e.body()
	x.end("body")
	x.end("text")
	x.end("TEI")
}

// wAgentElement is the name element for an agent: persName or orgName.
func wAgentElement(a *recto.Agent) string {
	if a.Kind == recto.Organisation {
		return "orgName"
	}
	return "persName"
}

func wAgentRef(a *recto.Agent) string { return "#agent" + strconv.FormatInt(a.ID, 10) }

func (e *wExporter) fileDesc() {
	x := &e.x
	d := e.d
	x.start("fileDesc")

	x.start("titleStmt")
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled document " + strconv.FormatInt(d.ID, 10)
	}
	x.leaf("title", title)
	for _, c := range d.Credits {
		if c.Agent == nil {
			continue
		}
		switch c.Role {
		case recto.RoleAuthor:
			x.leaf("author", c.Agent.Name, "ref", wAgentRef(c.Agent))
		case recto.RoleEditor:
			x.leaf("editor", c.Agent.Name, "ref", wAgentRef(c.Agent))
		case recto.RoleFunder:
			x.leaf("funder", c.Agent.Name, "ref", wAgentRef(c.Agent))
		}
	}
	for _, role := range []recto.Role{recto.RoleObtainedBy, recto.RoleDonor, recto.RolePublisher, recto.RoleTranslator} {
		e.respStmt(exportRoleText[role], d.CreditsWithRole(role))
	}
	for _, t := range d.Texts {
		for _, role := range []recto.Role{recto.RoleTranslator, recto.RoleTranscriber, recto.RoleEditor} {
			var credits []recto.Credit
			for _, c := range t.Credits {
				if c.Role == role {
					credits = append(credits, c)
				}
			}
			e.respStmt(exportTextResp(&t, role), credits)
		}
	}
	x.end("titleStmt")

	x.start("publicationStmt")
	publisher := e.opts.Publisher
	if strings.TrimSpace(publisher) == "" {
		publisher = recto.DefaultArchiveName
	}
	x.leaf("publisher", publisher)
	x.leaf("idno", strconv.FormatInt(d.ID, 10), "type", "recto")
	if d.SourceID != "" {
		x.leaf("idno", d.SourceID, "type", "source")
	}
	if u := e.url("documents", d.ID); u != "" {
		x.leaf("idno", u, "type", "URI")
	}
	for _, p := range d.FormerPaths {
		x.leaf("idno", p, "type", "former-path")
	}
	if d.Rights.Statement != "" || d.Rights.URI != "" {
		x.start("availability")
		if d.Rights.URI != "" {
			x.mixedStart("licence", "target", d.Rights.URI)
		} else {
			x.mixedStart("licence")
		}
		if d.Rights.Statement != "" {
			e.flow(d.Rights.Statement, "rights-")
		} else {
			x.text(d.Rights.URI)
		}
		x.mixedEnd("licence")
		x.end("availability")
	}
	if !d.PublishedAt.IsZero() {
		day := d.PublishedAt.UTC().Format(time.DateOnly)
		x.leaf("date", day, "when", day)
	}
	x.end("publicationStmt")

	for _, c := range d.Collections {
		if c == nil {
			continue
		}
		x.start("seriesStmt")
		x.leaf("title", c.Title)
		if u := e.url("collections", c.ID); u != "" {
			x.leaf("idno", u, "type", "URI")
		}
		x.end("seriesStmt")
	}

	e.notesStmt()
	e.sourceDesc()
	x.end("fileDesc")
}

var exportRoleText = map[recto.Role]string{
	recto.RoleObtainedBy: "Obtained by",
	recto.RoleDonor:      "Donated by",
	recto.RolePublisher:  "Published by",
	recto.RoleTranslator: "Translated by", // credited on the document, not on a text
}

// exportTextResp says what a role did for a text: "Translation into English
// from Russian".
func exportTextResp(t *recto.Text, role recto.Role) string {
	lang := recto.LanguageName(t.Lang)
	switch role {
	case recto.RoleTranslator:
		s := "Translation into " + lang
		if t.TranslatedFrom != "" {
			s += " from " + recto.LanguageName(t.TranslatedFrom)
		}
		return s
	case recto.RoleTranscriber:
		return "Transcription of the " + lang + " original"
	}
	return "Editing of the " + t.Label()
}

// exportCredited returns the agents credited in role on the document.
func exportCredited(d *recto.Document, role recto.Role) []*recto.Agent {
	var agents []*recto.Agent
	for _, a := range d.CreditsIn(role) {
		if a != nil {
			agents = append(agents, a)
		}
	}
	return agents
}

// respStmt writes the credits of one responsibility, a respStmt for each
// organisation they were made for, which it names with role="for":
// "translated for NKIDP by …".
func (e *wExporter) respStmt(resp string, credits []recto.Credit) {
	var fors []*recto.Agent
	byFor := map[int64][]*recto.Agent{}
	for _, c := range credits {
		if c.Agent == nil {
			continue
		}
		var id int64
		if c.For != nil {
			id = c.For.ID
		}
		if _, ok := byFor[id]; !ok {
			fors = append(fors, c.For)
		}
		byFor[id] = append(byFor[id], c.Agent)
	}
	x := &e.x
	for _, org := range fors {
		var id int64
		if org != nil {
			id = org.ID
		}
		x.start("respStmt")
		x.leaf("resp", resp)
		for _, a := range byFor[id] {
			x.leaf(wAgentElement(a), a.Name, "ref", wAgentRef(a))
		}
		if org != nil {
			x.leaf(wAgentElement(org), org.Name, "ref", wAgentRef(org), "role", "for")
		}
		x.end("respStmt")
	}
}

func (e *wExporter) notesStmt() {
	d := e.d
	x := &e.x
	cl := d.Classification
	hasNotes := cl.Level != "" || !cl.DeclassifiedOn.IsZero() || cl.DeclassifiedBy != "" ||
		d.Signature != "" || d.Authentication != "" || (d.Status == recto.StatusWithdrawn && d.WithdrawnNote != "") ||
		len(d.Relations) > 0 || len(d.Inverse) > 0
	if !hasNotes {
		return
	}
	x.start("notesStmt")
	if cl.Level != "" {
		x.leaf("note", cl.Level, "type", "classification")
	}
	if !cl.DeclassifiedOn.IsZero() || cl.DeclassifiedBy != "" {
		x.mixedStart("note", "type", "declassification")
		x.text("Declassified")
		if !cl.DeclassifiedOn.IsZero() {
			x.text(" on ")
			e.inlineDate(cl.DeclassifiedOn, "")
		}
		if cl.DeclassifiedBy != "" {
			x.text(" by " + cl.DeclassifiedBy)
		}
		x.text(".")
		x.mixedEnd("note")
	}
	if d.Signature != "" {
		x.leaf("note", d.Signature, "type", "signature")
	}
	if d.Authentication != "" {
		x.leaf("note", d.Authentication, "type", "authentication")
	}
	if d.Status == recto.StatusWithdrawn && d.WithdrawnNote != "" {
		x.leaf("note", d.WithdrawnNote, "type", "withdrawn")
	}
	for _, r := range d.Relations {
		e.relatedItem(string(r.Kind), r.Document)
	}
	for _, r := range d.Inverse {
		kind := string(r.Kind)
		if r.Kind == recto.Enclosure {
			kind = "enclosed-in"
		}
		e.relatedItem(kind, r.Document)
	}
	x.end("notesStmt")
}

func (e *wExporter) relatedItem(kind string, s *recto.DocumentSummary) {
	if s == nil {
		return
	}
	x := &e.x
	// A relatedItem has either a target or content; the bibl carries the URL.
	x.start("relatedItem", "type", kind)
	x.start("bibl")
	if s.Title != "" {
		x.leaf("title", s.Title)
	}
	x.leaf("idno", strconv.FormatInt(s.ID, 10), "type", "recto")
	x.leaf("idno", e.url("documents", s.ID), "type", "URI")
	x.end("bibl")
	x.end("relatedItem")
}

func (e *wExporter) sourceDesc() {
	x := &e.x
	x.start("sourceDesc")
	wrote := false
	for i, s := range e.d.Sources {
		id := ""
		// TEI wants a repository or a place in an msIdentifier; a source
		// with parts but no known holder is left to its bibl.
		if s.Repository != nil {
			id = "source" + strconv.Itoa(i+1)
			x.start("msDesc", "xml:id", id)
			x.start("msIdentifier")
			r := s.Repository
			if r.Place != nil && r.Place.Name != "" {
				x.leaf("settlement", r.Place.Name)
			}
			name := r.Name
			if name == "" {
				name = r.ShortName
			}
			x.leaf("repository", name)
			for _, p := range s.Parts {
				x.leaf("idno", p.Value, "type", wToken(p.Type))
			}
			x.end("msIdentifier")
			x.end("msDesc")
			wrote = true
		}
		ref := cite.Reference(s)
		if ref == "" && s.Note == "" {
			continue
		}
		if id != "" {
			x.mixedStart("bibl", "type", "citation", "corresp", "#"+id)
		} else {
			x.mixedStart("bibl", "type", "citation")
		}
		x.text(ref)
		if s.Note != "" {
			x.leafInline("note", s.Note)
		}
		x.mixedEnd("bibl")
		wrote = true
	}
	if !wrote {
		x.leaf("p", "No source of the original is recorded.")
	}
	x.end("sourceDesc")
}

// The taxonomies textClass refers to.
const (
	exportGenres   = "recto-genres"
	exportSubjects = "recto-subjects"
)

func (e *wExporter) encodingDesc() {
	d := e.d
	if d.Type == "" && len(d.Subjects) == 0 {
		return
	}
	x := &e.x
	x.start("encodingDesc")
	x.start("classDecl")
	if d.Type != "" {
		x.start("taxonomy", "xml:id", exportGenres)
		x.leaf("desc", "Document types (genres) of the archive")
		x.end("taxonomy")
	}
	if len(d.Subjects) > 0 {
		x.start("taxonomy", "xml:id", exportSubjects)
		x.leaf("desc", "Subject headings of the archive, levels joined by --")
		x.end("taxonomy")
	}
	x.end("classDecl")
	x.end("encodingDesc")
}

func (e *wExporter) profileDesc() {
	d := e.d
	x := &e.x
	x.start("profileDesc")

	if strings.TrimSpace(d.Summary) != "" {
		x.start("abstract")
		e.blocks(d.Summary, wAbstractPrefix, false)
		x.end("abstract")
	}

	var langs []string
	for _, l := range d.Languages {
		langs = wAppendNew(langs, wLang(l))
	}
	for _, t := range d.Texts {
		langs = wAppendNew(langs, wLang(t.Lang))
	}
	if len(langs) > 0 {
		x.start("langUsage")
		for _, l := range langs {
			x.leaf("language", recto.LanguageName(l), "ident", l)
		}
		x.end("langUsage")
	}

	if d.Type != "" || len(d.Subjects) > 0 {
		x.start("textClass")
		if d.Type != "" {
			x.leaf("classCode", d.Type, "scheme", "#"+exportGenres)
		}
		if len(d.Subjects) > 0 {
			x.start("keywords", "scheme", "#"+exportSubjects)
			for _, s := range d.Subjects {
				if s != nil {
					x.leaf("term", s.Heading, "ref", e.url("subjects", s.ID))
				}
			}
			x.end("keywords")
		}
		x.end("textClass")
	}

	e.correspDesc()
	e.particDesc()
	e.settingDesc()
	x.end("profileDesc")
}

func (e *wExporter) correspDesc() {
	d := e.d
	x := &e.x
	authors, recipients := exportCredited(d, recto.RoleAuthor), exportCredited(d, recto.RoleRecipient)
	sent := len(authors) > 0 || d.WrittenAt != "" || !d.Date.IsZero() || d.DateAsWritten != "" || d.WrittenOn != ""
	if !sent && len(recipients) == 0 {
		return
	}
	x.start("correspDesc")
	if sent {
		x.start("correspAction", "type", "sent")
		for _, a := range authors {
			x.leaf(wAgentElement(a), a.Name, "ref", wAgentRef(a))
		}
		if d.WrittenAt != "" {
			x.leaf("placeName", d.WrittenAt)
		}
		if !d.Date.IsZero() {
			x.indent()
			e.inlineDate(d.Date, "")
			x.newline()
		}
		if d.WrittenOn != "" {
			x.leaf("date", d.WrittenOn, "type", "dateline")
		}
		if d.DateAsWritten != "" {
			x.leaf("date", d.DateAsWritten, "type", "as-written")
		}
		x.end("correspAction")
	}
	if len(recipients) > 0 {
		x.start("correspAction", "type", "received")
		for _, a := range recipients {
			x.leaf(wAgentElement(a), a.Name, "ref", wAgentRef(a))
		}
		x.end("correspAction")
	}
	x.end("correspDesc")
}

// exportAgent is an agent with the roles it has in the document.
type exportAgent struct {
	a     *recto.Agent
	roles []string
}

func (e *wExporter) agents() []exportAgent {
	var list []exportAgent
	index := map[int64]int{}
	addAgent := func(a *recto.Agent, role string) {
		i, ok := index[a.ID]
		if !ok {
			i = len(list)
			index[a.ID] = i
			list = append(list, exportAgent{a: a})
		}
		list[i].roles = wAppendNew(list[i].roles, role)
	}
	add := func(c recto.Credit) {
		if c.Agent == nil {
			return
		}
		addAgent(c.Agent, string(c.Role))
		if c.For != nil {
			addAgent(c.For, "for") // an organisation a credit was made for
		}
	}
	for _, c := range e.d.Credits {
		add(c)
	}
	for _, t := range e.d.Texts {
		for _, c := range t.Credits {
			add(c)
		}
	}
	return list
}

func (e *wExporter) particDesc() {
	agents := e.agents()
	if len(agents) == 0 {
		return
	}
	x := &e.x
	x.start("particDesc")
	for _, kind := range []recto.AgentKind{recto.Person, recto.Organisation} {
		list, item := "listPerson", "person"
		if kind == recto.Organisation {
			list, item = "listOrg", "org"
		}
		opened := false
		for _, ag := range agents {
			a := ag.a
			if (a.Kind == recto.Organisation) != (kind == recto.Organisation) {
				continue
			}
			if !opened {
				x.start(list)
				opened = true
			}
			x.start(item, "xml:id", "agent"+strconv.FormatInt(a.ID, 10), "role", strings.Join(ag.roles, " "),
				"sortKey", a.SortName)
			name := wAgentElement(a)
			x.leaf(name, a.Name)
			for _, v := range a.Variants {
				x.leaf(name, v.Name, "type", "variant", "xml:lang", wLang(v.Lang))
			}
			if kind == recto.Person {
				e.lifeDates(a.Dates)
			}
			// An org takes its idnos before its notes.
			e.identifiers(a.Identifiers, e.url("people", a.ID))
			if kind != recto.Person && !a.Dates.IsZero() {
				x.mixedStart("note", "type", "dates")
				e.inlineDate(a.Dates, "existence")
				x.mixedEnd("note")
			}
			if strings.TrimSpace(a.Bio) != "" {
				x.mixedStart("note")
				e.flow(a.Bio, "agent"+strconv.FormatInt(a.ID, 10)+"-")
				x.mixedEnd("note")
			}
			x.end(item)
		}
		if opened {
			x.end(list)
		}
	}
	x.end("particDesc")
}

func (e *wExporter) identifiers(ids []recto.Identifier, uri string) {
	x := &e.x
	if uri != "" {
		x.leaf("idno", uri, "type", "URI")
	}
	for _, id := range ids {
		x.leaf("idno", id.Value, "type", wToken(id.Scheme))
	}
}

func (e *wExporter) settingDesc() {
	d := e.d
	if len(d.Places) == 0 {
		return
	}
	x := &e.x
	x.start("settingDesc")
	x.start("listPlace")
	for _, p := range d.Places {
		if p == nil {
			continue
		}
		x.start("place", "xml:id", "place"+strconv.FormatInt(p.ID, 10))
		x.leaf("placeName", p.Name)
		for _, v := range p.Variants {
			x.leaf("placeName", v.Name, "type", "variant", "xml:lang", wLang(v.Lang))
		}
		if c := p.Coordinates; c != nil {
			x.start("location")
			x.leaf("geo", strconv.FormatFloat(c.Latitude, 'f', -1, 64)+" "+strconv.FormatFloat(c.Longitude, 'f', -1, 64))
			x.end("location")
		}
		e.identifiers(p.Identifiers, e.url("places", p.ID))
		x.end("place")
	}
	x.end("listPlace")
	x.end("settingDesc")
}

func (e *wExporter) revisionDesc() {
	d := e.d
	x := &e.x
	type change struct {
		t    time.Time
		what string
	}
	var changes []change
	for _, c := range []change{{d.OriginalCreated, "Created in the former system"},
		{d.OriginalUploaded, "Original Uploaded Date: first published by the former system"},
		{d.CreatedAt, "Created"}, {d.PublishedAt, "First published"}, {d.UpdatedAt, "Last changed"}} {
		if !c.t.IsZero() {
			changes = append(changes, c)
		}
	}
	if len(changes) == 0 && d.Status == "" {
		return
	}
	if len(changes) == 0 {
		// revisionDesc needs a change; say what the status is.
		changes = append(changes, change{what: "Status: " + string(d.Status)})
	}
	x.start("revisionDesc", "status", string(d.Status))
	for _, c := range changes {
		when := ""
		if !c.t.IsZero() {
			when = c.t.UTC().Format(time.RFC3339)
		}
		x.leaf("change", c.what, "when", when)
	}
	x.end("revisionDesc")
}

func (e *wExporter) facsimile() {
	if len(e.d.Media) == 0 {
		return
	}
	x := &e.x
	x.start("facsimile")
	for _, m := range e.d.Media {
		u := m.URL
		if strings.HasPrefix(u, "/") && e.base != "" {
			u = e.base + u
		}
		if m.Label == "" {
			x.empty("graphic", "url", u, "mimeType", m.MediaType)
			continue
		}
		x.start("graphic", "url", u, "mimeType", m.MediaType)
		x.leaf("desc", m.Label)
		x.end("graphic")
	}
	x.end("facsimile")
}

func (e *wExporter) body() {
	x := &e.x
	if len(e.d.Texts) == 0 {
		x.start("div", "type", "notice")
		x.leaf("p", "No text of this document has been published.")
		x.end("div")
		return
	}
	for i := range e.d.Texts {
		t := &e.d.Texts[i]
		typ := "translation"
		if t.Kind == recto.Transcript {
			typ = "transcription"
		}
		var resp []string
		for _, c := range t.Credits {
			if c.Agent != nil && (c.Role == recto.RoleTranslator || c.Role == recto.RoleTranscriber) {
				resp = wAppendNew(resp, wAgentRef(c.Agent))
			}
		}
		id := "text" + strconv.Itoa(i+1)
		x.start("div", "type", typ, "xml:id", id, "xml:lang", wLang(t.Lang), "subtype", string(t.Method), "resp", strings.Join(resp, " "))
		if strings.TrimSpace(t.Notes) != "" {
			x.mixedStart("note", "type", "editorial")
			e.flow(t.Notes, id+"-note-")
			x.mixedEnd("note")
		}
		if !t.Date.IsZero() { // when the translation or transcript was made
			x.leaf("docDate", t.Date.Display(), wDateAttrs(t.Date)...)
		}
		e.blocks(markup.AsMarkdown(t.Format, t.Body), id+"-", true)
		x.end("div")
	}
}

// lifeDates writes a person's dates: an interval as birth and death, a
// single date, which does not say which it is, as the time they flourished.
func (e *wExporter) lifeDates(d edtf.Date) {
	switch {
	case d.IsZero():
	case d.IsInterval():
		from, to := wIntervalEnds(d)
		if len(from) > 0 {
			e.x.empty("birth", from...)
		}
		if len(to) > 0 {
			e.x.empty("death", to...)
		}
	default:
		e.x.leaf("floruit", d.Display(), wDateAttrs(d)...)
	}
}

// inlineDate writes a date element for an EDTF date, with its display text.
func (e *wExporter) inlineDate(d edtf.Date, typ string) {
	attrs := append([]string{"type", typ}, wDateAttrs(d)...)
	e.x.inlineLeaf("date", d.Display(), attrs...)
}

var (
	// wPlainDate matches an EDTF value that is also a W3C date or dateTime
	// TEI's @when takes as it is: a year, a month, a day, a day and time.
	wPlainDate = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$`)
)

// wPlain reports whether s can go in @when as it is. Year 0000 cannot: EDTF
// counts it as 1 BCE, XML Schema 1.0 has no year zero.
func wPlain(s string) bool { return wPlainDate.MatchString(s) && !strings.HasPrefix(s, "0000") }

// wDateAttrs gives the TEI dating attributes of an EDTF date: @when for a
// single day, month or year (with @cert when it is uncertain or approximate),
// @notBefore/@notAfter for intervals and for values that are not a plain
// date (unspecified digits, seasons, long years). Years before 1 CE get none.
func wDateAttrs(d edtf.Date) []string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	var attrs []string
	if !d.IsInterval() {
		base := strings.TrimRight(s, "?~%")
		if wPlain(base) {
			attrs = []string{"when", base}
		} else {
			attrs = wRange(d)
		}
	} else {
		from, to := wIntervalEnds(d)
		if len(from) > 0 {
			attrs = append(attrs, "notBefore", from[1])
		}
		if len(to) > 0 {
			attrs = append(attrs, "notAfter", to[1])
		}
	}
	if len(attrs) == 0 {
		return nil
	}
	switch {
	case strings.ContainsAny(s, "?%"):
		attrs = append(attrs, "cert", "low")
	case strings.Contains(s, "~"):
		attrs = append(attrs, "cert", "medium")
	}
	return attrs
}

// wRange gives @notBefore and @notAfter from a date's first and last day.
func wRange(d edtf.Date) []string {
	var attrs []string
	if first, ok := d.Earliest(); ok && wPlain(first.String()) {
		attrs = append(attrs, "notBefore", first.String())
	}
	if last, ok := d.Latest(); ok && wPlain(last.String()) {
		attrs = append(attrs, "notAfter", last.String())
	}
	return attrs
}

// wIntervalEnds gives each end of an interval as a "when" attribute pair:
// the end as written when it is a plain date, else its first (start) or last
// (end) day; nil for an open or unknown end.
func wIntervalEnds(d edtf.Date) (from, to []string) {
	start, end, _ := strings.Cut(d.String(), "/")
	if wPlain(start) {
		from = []string{"when", start}
	} else if first, ok := d.Earliest(); ok && wPlain(first.String()) {
		from = []string{"when", first.String()}
	}
	if wPlain(end) {
		to = []string{"when", end}
	} else if last, ok := d.Latest(); ok && wPlain(last.String()) {
		to = []string{"when", last.String()}
	}
	return from, to
}

// wLang returns tag when it is a BCP 47 language tag, else "" (no attribute).
func wLang(tag string) string {
	if recto.ValidLanguageTag(tag) {
		return tag
	}
	return ""
}

// wToken makes s a TEI enumerated value: no spaces.
func wToken(s string) string { return strings.Join(strings.Fields(s), "-") }

func wAppendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// --- Markdown to TEI ---

// exportMarkdown parses the Markdown editors write, as package markup does
// (GitHub tables, strikethrough, footnotes), plus the page marker
// [[page LABEL]]. A goldmark parser is safe for concurrent use.
var exportMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote),
	goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(wPageParser{}, 99))),
)

// wKindPageBreak is the AST kind of a page marker.
var wKindPageBreak = ast.NewNodeKind("ReciteTEIExportPageBreak")

// wPageBreak is a page marker, [[page p. 1002]].
type wPageBreak struct {
	ast.BaseInline
	Label string
}

func (n *wPageBreak) Kind() ast.NodeKind { return wKindPageBreak }

func (n *wPageBreak) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// wPageParser reads [[page LABEL]] as package markup reads it: a page break,
// labelled as the edition or archive numbers its pages ("p. 1002", "f. 71r").
type wPageParser struct{}

func (wPageParser) Trigger() []byte { return []byte{'['} }

func (wPageParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	label, n, ok := markup.PageMarker(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &wPageBreak{Label: label}
}

// wPageNumber is a page label without its "p. " or "f. ": the pb's @n.
func wPageNumber(label string) string {
	for _, p := range []string{"p. ", "f. ", "p.", "f."} {
		if rest, ok := strings.CutPrefix(label, p); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	return label
}

// wAbstractPrefix is the id prefix of the summary, which goes in abstract.
const wAbstractPrefix = "summary-"

// wConv converts one parsed Markdown source.
type wConv struct {
	x         *wXML
	src       []byte
	prefix    string // of xml:ids
	sections  bool   // headings open divs (a text body); else they are paragraphs
	abstract  bool   // in an abstract, which holds only paragraphs, lists and tables
	footnotes map[int]*extast.Footnote
	written   map[int]bool // footnotes already written at a reference
	scratch   bytes.Buffer
	bw        *bufio.Writer
}

func (e *wExporter) newConv(src, prefix string, sections bool) (*wConv, ast.Node) {
	source := []byte(src)
	doc := exportMarkdown.Parser().Parse(text.NewReader(source))
	c := &wConv{x: &e.x, src: source, prefix: prefix, sections: sections, abstract: prefix == wAbstractPrefix}
	for n := doc.LastChild(); n != nil; n = n.PreviousSibling() {
		if list, ok := n.(*extast.FootnoteList); ok {
			c.footnotes = map[int]*extast.Footnote{}
			for f := list.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*extast.Footnote); ok {
					c.footnotes[fn.Index] = fn
				}
			}
			break
		}
	}
	return c, doc
}

// blocks writes Markdown as block elements: paragraphs, lists, tables and,
// with sections, nested divs opened by headings.
func (e *wExporter) blocks(src, prefix string, sections bool) {
	c, doc := e.newConv(src, prefix, sections)
	var open []int // heading levels of the open divs
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && c.sections {
			for len(open) > 0 && open[len(open)-1] >= h.Level {
				c.x.end("div")
				open = open[:len(open)-1]
			}
			c.x.start("div")
			open = append(open, h.Level)
			c.x.mixedStart("head")
			c.inlines(h)
			c.x.mixedEnd("head")
			continue
		}
		c.block(n)
	}
	for range open {
		c.x.end("div")
	}
}

// flow writes short Markdown (a note, a rights statement) inside an element
// already open in mixed content: one paragraph as phrases, several as p.
func (e *wExporter) flow(src, prefix string) {
	if wPlainText(src) {
		e.x.text(src)
		return
	}
	c, doc := e.newConv(src, prefix, false)
	var blocks []ast.Node
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*extast.FootnoteList); !ok {
			blocks = append(blocks, n)
		}
	}
	if len(blocks) == 1 {
		if p, ok := blocks[0].(*ast.Paragraph); ok {
			c.inlines(p)
			return
		}
	}
	for _, n := range blocks {
		c.block(n)
	}
}

// wPlainText reports whether Markdown source is one paragraph of plain text
// that Markdown leaves as it is, so that it need not be parsed.
func wPlainText(src string) bool {
	if src == "" || src != strings.TrimSpace(src) || strings.ContainsAny(src, "*_`[]\\<>&!#|~\n\r\t") {
		return false
	}
	switch c := src[0]; {
	case c == '-' || c == '+' || c == '=' || (c >= '0' && c <= '9'):
		return false
	}
	return true
}

// onlyPageBreaks reports whether a paragraph holds nothing but page markers.
func (c *wConv) onlyPageBreaks(p ast.Node) bool {
	found := false
	for n := p.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *wPageBreak:
			found = true
		case *ast.Text:
			if len(bytes.TrimSpace(n.Segment.Value(c.src))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return found
}

func (c *wConv) block(n ast.Node) {
	x := c.x
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if c.onlyPageBreaks(n) {
			if c.abstract {
				return
			}
			for k := n.FirstChild(); k != nil; k = k.NextSibling() {
				if pb, ok := k.(*wPageBreak); ok {
					x.empty("pb", "n", wPageNumber(pb.Label))
				}
			}
			return
		}
		x.mixedStart("p")
		c.inlines(n)
		x.mixedEnd("p")
	case *ast.Heading:
		x.mixedStart("p", "rend", "heading")
		c.inlines(n)
		x.mixedEnd("p")
	case *ast.ThematicBreak:
		if !c.abstract {
			x.empty("milestone", "unit", "section", "rend", "line")
		}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		x.mixedStart("p", "rend", "preformatted", "xml:space", "preserve")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v := seg.Value(c.src)
			if i == lines.Len()-1 {
				v = bytes.TrimRight(v, "\n")
			}
			c.raw(v)
		}
		x.mixedEnd("p")
	case *ast.Blockquote:
		if c.abstract { // an abstract holds no quote: keep its paragraphs
			for k := n.FirstChild(); k != nil; k = k.NextSibling() {
				c.block(k)
			}
			return
		}
		x.start("quote")
		for k := n.FirstChild(); k != nil; k = k.NextSibling() {
			c.block(k)
		}
		x.end("quote")
	case *ast.List:
		rend := "bulleted"
		if n.IsOrdered() {
			rend = "numbered"
		}
		x.start("list", "rend", rend)
		number := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			num := ""
			if n.IsOrdered() && n.Start != 1 {
				num = strconv.Itoa(number)
			}
			number++
			x.mixedStart("item", "n", num)
			c.item(item)
			x.mixedEnd("item")
		}
		x.end("list")
	case *extast.Table:
		c.table(n)
	case *ast.HTMLBlock, *extast.FootnoteList:
		// Raw HTML is dropped, as the site drops it; footnotes were written
		// where they are referenced.
	default:
		for k := n.FirstChild(); k != nil; k = k.NextSibling() {
			c.block(k)
		}
	}
}

// item writes a list item's content: a lone paragraph as phrases, several
// blocks as they are.
func (c *wConv) item(item ast.Node) {
	only := item.FirstChild() != nil && item.FirstChild() == item.LastChild()
	for k := item.FirstChild(); k != nil; k = k.NextSibling() {
		switch k := k.(type) {
		case *ast.TextBlock:
			c.inlines(k)
		case *ast.Paragraph:
			if only {
				c.inlines(k)
			} else {
				c.block(k)
			}
		default:
			c.block(k)
		}
	}
}

func (c *wConv) table(t *extast.Table) {
	x := c.x
	rows, cols := 0, 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		rows++
		cols = max(cols, r.ChildCount())
	}
	x.start("table", "rows", strconv.Itoa(rows), "cols", strconv.Itoa(cols))
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		role := ""
		if _, ok := r.(*extast.TableHeader); ok {
			role = "label"
		}
		x.start("row", "role", role)
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			x.mixedStart("cell")
			c.inlines(cell)
			x.mixedEnd("cell")
		}
		x.end("row")
	}
	x.end("table")
}

// inlines writes the phrase-level children of n.
func (c *wConv) inlines(n ast.Node) {
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		c.inline(k)
	}
}

func (c *wConv) inline(n ast.Node) {
	x := c.x
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(c.src)
		if n.IsRaw() {
			c.raw(v)
		} else {
			c.markdownText(v)
		}
		switch {
		case n.HardLineBreak():
			x.raw("<lb/>\n")
		case n.SoftLineBreak():
			x.raw("\n")
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			c.raw(n.Value)
		} else {
			c.markdownText(n.Value)
		}
	case *ast.Emphasis:
		rend := "italic"
		if n.Level >= 2 {
			rend = "bold"
		}
		x.inlineStart("hi", "rend", rend)
		c.inlines(n)
		x.inlineEnd("hi")
	case *ast.CodeSpan:
		x.inlineStart("hi", "rend", "code")
		for k := n.FirstChild(); k != nil; k = k.NextSibling() {
			if t, ok := k.(*ast.Text); ok {
				v := t.Segment.Value(c.src)
				if bytes.HasSuffix(v, []byte("\n")) {
					c.raw(v[:len(v)-1])
					c.raw([]byte(" "))
				} else {
					c.raw(v)
				}
			}
		}
		x.inlineEnd("hi")
	case *ast.Link:
		x.inlineStart("ref", "target", string(n.Destination))
		c.inlines(n)
		x.inlineEnd("ref")
	case *ast.AutoLink:
		u := string(n.URL(c.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
			u = "mailto:" + u
		}
		x.inlineStart("ref", "target", u)
		c.raw(n.Label(c.src))
		x.inlineEnd("ref")
	case *ast.Image:
		var alt bytes.Buffer
		c.plain(&alt, n)
		if alt.Len() == 0 {
			x.inlineEmpty("graphic", "url", string(n.Destination))
			return
		}
		x.inlineStart("graphic", "url", string(n.Destination))
		x.inlineLeaf("desc", alt.String())
		x.inlineEnd("graphic")
	case *extast.Strikethrough:
		x.inlineStart("del", "rend", "strikethrough")
		c.inlines(n)
		x.inlineEnd("del")
	case *extast.FootnoteLink:
		c.footnote(n.Index)
	case *wPageBreak:
		x.inlineEmpty("pb", "n", wPageNumber(n.Label))
	case *ast.RawHTML, *extast.FootnoteBacklink:
	default:
		c.inlines(n)
	}
}

// footnote writes the footnote at its reference: the note itself the first
// time, a pointer to it after.
func (c *wConv) footnote(index int) {
	x := c.x
	fn := c.footnotes[index]
	if fn == nil {
		return
	}
	n := strconv.Itoa(index)
	id := c.prefix + "fn" + n
	if c.written[index] {
		x.inlineEmpty("ptr", "target", "#"+id)
		return
	}
	if c.written == nil {
		c.written = map[int]bool{}
	}
	c.written[index] = true
	x.inlineStart("note", "place", "foot", "n", n, "xml:id", id)
	var blocks []ast.Node
	for k := fn.FirstChild(); k != nil; k = k.NextSibling() {
		blocks = append(blocks, k)
	}
	if len(blocks) == 1 {
		if p, ok := blocks[0].(*ast.Paragraph); ok {
			c.inlines(p)
			x.inlineEnd("note")
			return
		}
	}
	x.inline++
	for _, b := range blocks {
		c.block(b)
	}
	x.inline--
	x.inlineEnd("note")
}

// plain collects the text of n's descendants, for an image description.
func (c *wConv) plain(b *bytes.Buffer, n ast.Node) {
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		switch k := k.(type) {
		case *ast.Text:
			b.Write(k.Segment.Value(c.src))
		case *ast.String:
			b.Write(k.Value)
		default:
			c.plain(b, k)
		}
	}
}

// markdownText writes Markdown text with its backslash escapes and entity
// references resolved, as goldmark's HTML writer resolves them. That writer
// escapes &, <, > and " as XML does too; what is left is to drop characters
// XML cannot hold.
func (c *wConv) markdownText(v []byte) {
	c.through(func(w util.BufWriter) { html.DefaultWriter.Write(w, v) })
}

// raw writes text as it is (code), escaped.
func (c *wConv) raw(v []byte) {
	c.through(func(w util.BufWriter) { html.DefaultWriter.RawWrite(w, v) })
}

func (c *wConv) through(write func(util.BufWriter)) {
	if c.bw == nil {
		c.bw = bufio.NewWriterSize(&c.scratch, 512)
	}
	c.scratch.Reset()
	write(c.bw)
	_ = c.bw.Flush()
	wXMLChars(c.x.out, c.scratch.Bytes())
}

// --- XML writing ---

// wXML writes indented XML. Elements opened with start hold only elements
// and are indented; elements opened with mixedStart hold text, and nothing
// inside them is indented or broken into lines.
type wXML struct {
	out    *bytes.Buffer
	depth  int
	inline int // > 0 inside mixed content
}

func (x *wXML) raw(s string) { x.out.WriteString(s) }

const wSpaces = "                                                                "

func (x *wXML) indent() {
	if x.inline == 0 {
		for n := 2 * x.depth; n > 0; n -= len(wSpaces) {
			x.out.WriteString(wSpaces[:min(n, len(wSpaces))])
		}
	}
}

func (x *wXML) endTag(name string) {
	x.out.WriteString("</")
	x.out.WriteString(name)
	x.out.WriteByte('>')
}

func (x *wXML) newline() {
	if x.inline == 0 {
		x.out.WriteByte('\n')
	}
}

// tag writes <name a="v"…> (or />), leaving out attributes with no value.
func (x *wXML) tag(name string, attrs []string, empty bool) {
	x.out.WriteByte('<')
	x.out.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		x.out.WriteByte(' ')
		x.out.WriteString(attrs[i])
		x.out.WriteString(`="`)
		wEscape(x.out, attrs[i+1], true)
		x.out.WriteByte('"')
	}
	if empty {
		x.out.WriteString("/>")
	} else {
		x.out.WriteByte('>')
	}
}

func (x *wXML) start(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs, false)
	x.newline()
	x.depth++
}

func (x *wXML) end(name string) {
	x.depth--
	x.indent()
	x.endTag(name)
	x.newline()
}

func (x *wXML) empty(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs, true)
	x.newline()
}

// leaf writes an element holding text on a line of its own; nothing when
// the text is empty.
func (x *wXML) leaf(name, text string, attrs ...string) {
	if text == "" {
		return
	}
	x.indent()
	x.inlineLeaf(name, text, attrs...)
	x.newline()
}

// leafInline writes an element holding text inside mixed content.
func (x *wXML) leafInline(name, text string, attrs ...string) {
	x.inline++
	x.inlineLeaf(name, text, attrs...)
	x.inline--
}

func (x *wXML) inlineLeaf(name, text string, attrs ...string) {
	x.tag(name, attrs, false)
	wEscape(x.out, text, false)
	x.endTag(name)
}

func (x *wXML) mixedStart(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs, false)
	x.inline++
	x.depth++
}

func (x *wXML) mixedEnd(name string) {
	x.depth--
	x.inline--
	x.endTag(name)
	x.newline()
}

func (x *wXML) inlineStart(name string, attrs ...string) { x.tag(name, attrs, false) }
func (x *wXML) inlineEnd(name string)                    { x.endTag(name) }
func (x *wXML) inlineEmpty(name string, attrs ...string) { x.tag(name, attrs, true) }

// text writes escaped text.
func (x *wXML) text(s string) { wEscape(x.out, s, false) }

// wEscape writes s escaped for XML text or, with attr, for an attribute value
// in double quotes. Characters XML 1.0 cannot hold become U+FFFD.
func wEscape(b *bytes.Buffer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"' && attr:
			esc = "&quot;"
		case r == '\r':
			esc = "&#xD;"
		case r == '\n' && attr:
			esc = "&#xA;"
		case r == '\t' && attr:
			esc = "&#x9;"
		case !wXMLChar(r) || (r == utf8.RuneError && size == 1):
			esc = "\uFFFD"
		}
		if esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + size
		}
		i += size
	}
	b.WriteString(s[last:])
}

// wXMLChars copies already escaped text, replacing characters XML 1.0
// cannot hold with U+FFFD and keeping carriage returns as references.
func wXMLChars(b *bytes.Buffer, v []byte) {
	last := 0
	for i := 0; i < len(v); {
		if c := v[i]; c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(v[i:])
		esc := ""
		switch {
		case r == '\r':
			esc = "&#xD;"
		case !wXMLChar(r) || (r == utf8.RuneError && size == 1):
			esc = "\uFFFD"
		}
		if esc != "" {
			b.Write(v[last:i])
			b.WriteString(esc)
			last = i + size
		}
		i += size
	}
	b.Write(v[last:])
}

// wXMLChar reports whether XML 1.0 allows r in a document.
func wXMLChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
