package http

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/markdown"
	"github.com/recto-archive/recto/slug"
)

// Views of a document's text, chosen with ?view=.
const viewSideBySide = "side-by-side"

// documentPage is the data of the document template.
type documentPage struct {
	page
	Doc        *recto.Document
	Tabs       []textTab
	Text       *shownText    // the text shown alone; nil in the side-by-side view
	Parallel   *parallelView // nil unless side by side
	SourceNote string
	Funders    []*recto.Agent
	Authors    []*recto.Agent
	Recipients []*recto.Agent
	Others     []recto.Credit // every other document-level credit but funders
	Enclosures []*recto.DocumentSummary
	EnclosedIn []*recto.DocumentSummary
	Related    []*recto.DocumentSummary

	// What the page says about itself for citing and harvesting.
	Citation citationBlock
	// Head is what the page adds to <head>: the citation_* and z.* meta
	// tags, a <link rel="alternate"> to every other format of the record,
	// and the schema.org JSON-LD.
	Head template.HTML
}

// citationBlock is the "Cite this document" section.
type citationBlock struct {
	Note, Bibliography string
	// Pinpoint shows how to cite one paragraph of the text shown, with
	// PinpointParagraph as the example; empty when the text has none.
	Pinpoint          string
	PinpointParagraph int
	Downloads         []alternate
}

// alternate is another format of a page: a <link rel="alternate"> in the
// head, or a download link.
type alternate struct {
	Label, Title, Type, URL string
}

// textTab is one entry of the row of text tabs.
type textTab struct {
	Label   string
	URL     string
	Lang    string
	Current bool
}

// shownText is a text with its rendered body.
type shownText struct {
	*recto.Text
	Body markdown.Text
}

// parallelView sets a translation beside the original, block by block.
type parallelView struct {
	Left, Right *shownText
	Rows        []parallelRow
}

type parallelRow struct {
	Left, Right *markdown.Block
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := s.findShown(r)
	if err != nil {
		return err
	}
	if given := r.PathValue("slug"); given != "" && given != slug.Make(d.Title) {
		http.Redirect(w, r, documentURL(d.ID), http.StatusMovedPermanently)
		return nil
	}
	p, err := s.documentPage(r, d)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "document", p)
	return nil
}

// handleFormerDocument answers the former Digital Archive's path of a
// document, /document/{Record ID} or /document/{slug}, which books and
// links cite, with a permanent redirect to its page; a number is a Record
// ID first, then a former path. It answers a withdrawn document's path
// with its notice and a draft's as missing, as their pages do.
func (s *Server) handleFormerDocument(w http.ResponseWriter, r *http.Request) error {
	if id, err := parseID(r); err == nil {
		d, err := s.Catalogue.FindDocumentByID(r.Context(), id)
		if recto.ErrorCode(err) != recto.ENOTFOUND {
			return s.redirectTo(w, r, d, err)
		}
	}
	d, err := s.Catalogue.FindDocumentByFormerPath(r.Context(), r.URL.EscapedPath())
	return s.redirectTo(w, r, d, err)
}

// redirectTo answers with a permanent redirect to d's page, or err: a
// document not found is "no page" at the path asked for, whatever the
// catalogue's reason.
func (s *Server) redirectTo(w http.ResponseWriter, r *http.Request, d *recto.Document, err error) error {
	switch {
	case recto.ErrorCode(err) == recto.ENOTFOUND:
		return recto.Errorf(recto.ENOTFOUND, "There is no page at %s.", r.URL.Path)
	case err != nil:
		return err
	}
	http.Redirect(w, r, documentURL(d.ID), http.StatusMovedPermanently)
	return nil
}

// findShown reads the document the request's {id} names through the
// catalogue, which answers ENOTFOUND for a draft or a document in review
// exactly as for a missing one, and EGONE for a withdrawn one, which
// renderError answers with its notice. Every route of a document reads
// through it.
func (s *Server) findShown(r *http.Request) (*recto.Document, error) {
	id, err := parseID(r)
	if err != nil {
		return nil, err
	}
	return s.Catalogue.FindDocumentByID(r.Context(), id)
}

// renderGone answers 410 Gone with the notice of a document that is gone.
func (s *Server) renderGone(w http.ResponseWriter, r *http.Request, n *recto.Notice) {
	s.render(w, r, http.StatusGone, "withdrawn", struct {
		page
		Doc *recto.Notice
	}{s.newPage(r, n.Title, "documents", documentURL(n.ID)), n})
}

// documentPage builds the page of a published document for the view the
// request asks for.
func (s *Server) documentPage(r *http.Request, d *recto.Document) (*documentPage, error) {
	p := &documentPage{
		page:       s.newPage(r, d.Title, "documents", documentURL(d.ID)),
		Doc:        d,
		SourceNote: cite.SourceNote(d),
		Funders:    d.CreditsIn(recto.RoleFunder),
		Authors:    d.CreditsIn(recto.RoleAuthor),
		Recipients: d.CreditsIn(recto.RoleRecipient),
	}
	for _, c := range d.Credits {
		switch c.Role {
		case recto.RoleFunder, recto.RoleAuthor, recto.RoleRecipient:
		default:
			p.Others = append(p.Others, c)
		}
	}
	p.sortRelations()
	if err := s.chooseText(r, p); err != nil {
		return nil, err
	}
	if err := s.describe(r, p); err != nil {
		return nil, err
	}
	return p, nil
}

// describe fills what the page says about itself: the citations, the
// metadata of its head, the other formats of the record and its JSON-LD.
// Like the page, it describes the document's own fields and credits only.
func (s *Server) describe(r *http.Request, p *documentPage) (err error) {
	d := p.Doc
	base := s.baseURL(r)
	o := s.citeOptions(base)
	p.Citation = citationBlock{Note: cite.Note(d, o), Bibliography: cite.Bibliography(d, o)}
	if text, blocks := p.shownText(); blocks > 0 {
		p.Citation.PinpointParagraph = min(3, blocks)
		p.Citation.Pinpoint = cite.PinpointNote(d, o, cite.Pinpoint{Text: text, Paragraph: p.Citation.PinpointParagraph})
	}
	p.Citation.Downloads = citationLinks(d.ID)
	alternates := append(append([]alternate(nil), p.Citation.Downloads...), recordLinks(base, d.ID)...)
	p.Head, err = documentHead(cite.MetaTags(d, o), alternates, documentLD(base, d, o.Archive))
	return err
}

// documentHead writes the head elements of a document page. They are
// dozens of attributes on every page, so they are escaped here in one pass
// rather than one by one by html/template.
func documentHead(meta []cite.Meta, alternates []alternate, node ld) (template.HTML, error) {
	var b strings.Builder
	esc := html.EscapeString
	for _, m := range meta {
		fmt.Fprintf(&b, "<meta name=\"%s\" content=\"%s\">\n", esc(m.Name), esc(m.Content))
	}
	for _, a := range alternates {
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"%s\" href=\"%s\" title=\"%s\">\n", esc(a.Type), esc(a.URL), esc(a.Title))
	}
	js, err := jsonLD(node)
	fmt.Fprintf(&b, "<script type=\"application/ld+json\">%s</script>", js)
	return template.HTML(b.String()), err
}

// shownText returns which text the page shows first, as its place in the
// reading order (?text=N), and how many numbered blocks it has.
func (p *documentPage) shownText() (text, blocks int) {
	switch {
	case p.Parallel != nil:
		return 1, len(p.Parallel.Left.Body.Blocks)
	case p.Text != nil:
		for i, t := range p.Tabs {
			if t.Current {
				text = i + 1
			}
		}
		return max(text, 1), len(p.Text.Body.Blocks)
	}
	return 0, 0
}

// recordLinks are the machine-readable records of document id that other
// parts of the archive serve: the JSON API, and OAI-PMH in Dublin Core and
// in Recto's own format, whose identifiers are "oai:", the host of the
// base URL, ":" and the Record ID.
func recordLinks(base string, id int64) []alternate {
	n := strconv.FormatInt(id, 10)
	links := []alternate{{Label: "JSON", Title: "JSON record", Type: "application/json", URL: "/api/v1/documents/" + n}}
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		oai := "/oai?verb=GetRecord&metadataPrefix=%s&identifier=oai:" + strings.ToLower(u.Hostname()) + ":" + n
		links = append(links,
			alternate{Label: "OAI-PMH (Dublin Core)", Title: "OAI-PMH record, Dublin Core", Type: "text/xml",
				URL: strings.Replace(oai, "%s", "oai_dc", 1)},
			alternate{Label: "OAI-PMH (Recto)", Title: "OAI-PMH record, Recto format", Type: "text/xml",
				URL: strings.Replace(oai, "%s", "recto", 1)})
	}
	return links
}

// sortRelations sorts the links, which the catalogue has left to documents
// the public sees, by kind; links other documents make to this one are
// inverse.
func (p *documentPage) sortRelations() {
	add := func(rel recto.Relation, inverse bool) {
		switch {
		case rel.Kind != recto.Enclosure:
			p.Related = append(p.Related, rel.Document)
		case inverse:
			p.EnclosedIn = append(p.EnclosedIn, rel.Document)
		default:
			p.Enclosures = append(p.Enclosures, rel.Document)
		}
	}
	for _, rel := range p.Doc.Relations {
		add(rel, false)
	}
	for _, rel := range p.Doc.Inverse {
		add(rel, true)
	}
}

// chooseText fills the tabs and the text shown: ?text=N picks the Nth text in
// reading order (English translation first), ?view=side-by-side sets the first
// translation beside the first transcript. ENOTFOUND for a view that does not exist.
func (s *Server) chooseText(r *http.Request, p *documentPage) error {
	d := p.Doc
	order := d.ReadingOrder()
	if len(order) == 0 {
		return nil
	}
	q := r.URL.Query()
	view := q.Get("view")
	chosen := 1
	if t := q.Get("text"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > len(order) || view != "" {
			return recto.Errorf(recto.ENOTFOUND, "This document has no text %q.", t)
		}
		chosen = n
	}
	base := documentURL(d.ID)
	for i, idx := range order {
		t := &d.Texts[idx]
		url := base
		if i > 0 {
			url += "?text=" + strconv.Itoa(i+1)
		}
		p.Tabs = append(p.Tabs, textTab{Label: t.Label(), URL: url, Lang: t.Lang, Current: view == "" && i+1 == chosen})
	}
	left, right := d.Texts[order[0]], firstTranscript(d)
	canPair := left.Kind == recto.Translation && right != nil
	if canPair {
		p.Tabs = append(p.Tabs, textTab{Label: "Side by side", URL: base + "?view=" + viewSideBySide,
			Current: view == viewSideBySide})
	}
	switch {
	case view == viewSideBySide && canPair:
		return s.pair(r, p, &left, right)
	case view != "":
		return recto.Errorf(recto.ENOTFOUND, "This document has no %q view.", view)
	}
	shown, err := s.renderText(&d.Texts[order[chosen-1]], "")
	p.Text = shown
	if err == nil {
		highlightText(r, shown)
	}
	return err
}

// highlightText marks the words of ?hl=, which search results link with,
// in a rendered text.
func highlightText(r *http.Request, texts ...*shownText) {
	h := newHighlighter(r.URL.Query().Get("hl"))
	if h == nil {
		return
	}
	for _, t := range texts {
		for i := range t.Body.Blocks {
			t.Body.Blocks[i].HTML = h.mark(t.Body.Blocks[i].HTML)
		}
	}
}

func firstTranscript(d *recto.Document) *recto.Text {
	for i := range d.Texts {
		if d.Texts[i].Kind == recto.Transcript {
			return &d.Texts[i]
		}
	}
	return nil
}

func (s *Server) renderText(t *recto.Text, prefix string) (*shownText, error) {
	body, err := s.md.Text(t.Body, prefix)
	return &shownText{Text: t, Body: body}, err
}

// pair renders two texts and lines their blocks up: block n of the
// translation beside block n of the original.
func (s *Server) pair(r *http.Request, p *documentPage, left, right *recto.Text) error {
	l, err := s.renderText(left, "")
	if err != nil {
		return err
	}
	rt, err := s.renderText(right, "o-")
	if err != nil {
		return err
	}
	highlightText(r, l, rt)
	pv := &parallelView{Left: l, Right: rt}
	for i := range max(len(l.Body.Blocks), len(rt.Body.Blocks)) {
		var row parallelRow
		if i < len(l.Body.Blocks) {
			row.Left = &l.Body.Blocks[i]
		}
		if i < len(rt.Body.Blocks) {
			row.Right = &rt.Body.Blocks[i]
		}
		pv.Rows = append(pv.Rows, row)
	}
	p.Parallel = pv
	return nil
}
