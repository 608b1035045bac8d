// Package markup owns what a text's format means (recto.Markdown,
// recto.PlainText, recto.HTML): rendering a text to sanitised HTML with its
// top-level blocks numbered, so that paragraphs can be addressed (#p3), cited
// and set side by side with the paragraphs of another text; the plain words
// of a text for search, snippets and citations; cleaning HTML on the way in;
// and the page marker [[page LABEL]], which every format recognises. Short
// Markdown (summaries, descriptions) renders through Fragment.
package markup

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/recto-archive/recto"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Block is one numbered top-level block of a text: a paragraph, a heading,
// a list, a table.
type Block struct {
	N    int    // 1-based
	ID   string // the id attribute it carries: prefix + "p" + N
	HTML template.HTML
}

// Text is a rendered text: its numbered blocks and its footnotes.
type Text struct {
	Blocks    []Block
	Footnotes template.HTML // the list of footnotes, or ""
}

// HTML returns the whole text: every block, then the footnotes.
func (t Text) HTML() template.HTML {
	var b bytes.Buffer
	for _, bl := range t.Blocks {
		b.WriteString(string(bl.HTML))
		b.WriteByte('\n')
	}
	b.WriteString(string(t.Footnotes))
	return template.HTML(b.String())
}

// Renderer turns texts into sanitised HTML. It is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// metaPrefix is the document metadata key that carries the id prefix of one
// render, so one configured goldmark instance serves texts with different prefixes.
const metaPrefix = "recto-id-prefix"

// New returns a Renderer for GitHub-flavoured tables, footnotes and
// strikethrough. Raw HTML in the source is dropped, and every output is
// sanitised again, so nothing an editor types can run in a reader's browser.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
				if doc := n.OwnerDocument(); doc != nil {
					if p, ok := doc.Meta()[metaPrefix].(string); ok {
						return []byte(p)
					}
				}
				return nil
			}))),
		// Headings in a text sit below the page's h1 and the text's h2.
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingShift{2}, 500)),
			parser.WithInlineParsers(util.Prioritized(pageMarkerParser{}, 99))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(pageMarkerRenderer{}, 500))),
	)
	return &Renderer{md: md, policy: policy()}
}

// idPattern is what the sanitiser lets through as an id: Recto's own ids.
var idPattern = regexp.MustCompile(`^[a-z0-9:-]+$`)

func policy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Matching(idPattern).OnElements("p", "h3", "h4", "h5", "h6", "ul", "ol", "li",
		"blockquote", "table", "hr", "div", "sup")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^(footnotes|footnote-ref|footnote-backref)$`)).OnElements("div", "a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^(page-marker|letter-spaced)$`)).OnElements("span")
	p.AllowElements("u")
	p.SkipElementsContent("xml")
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(noteref|endnotes|backlink)$`)).OnElements("a", "div")
	return p
}

// headingShift moves every heading down by a number of levels, at most to h6.
type headingShift struct{ by int }

func (h headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if hd, ok := n.(*ast.Heading); ok && entering {
			hd.Level = min(hd.Level+h.by, 6)
		}
		return ast.WalkContinue, nil
	})
}

// Text renders a text written in format f (empty reads as Markdown) with its
// top-level blocks numbered; each block and footnote id starts with prefix,
// so several texts can share a page.
func (r *Renderer) Text(f recto.TextFormat, src, prefix string) (Text, error) {
	switch f {
	case recto.PlainText:
		return r.plainText(src, prefix), nil
	case recto.HTML:
		return r.htmlText(src, prefix), nil
	}
	return r.markdownText(src, prefix)
}

// markdownText renders Markdown with its top-level blocks numbered.
func (r *Renderer) markdownText(src, prefix string) (Text, error) {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	doc.OwnerDocument().AddMeta(metaPrefix, prefix)
	var t Text
	var buf bytes.Buffer
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		buf.Reset()
		if _, ok := n.(*extast.FootnoteList); ok {
			if err := r.md.Renderer().Render(&buf, source, n); err != nil {
				return Text{}, fmt.Errorf("markdown: render footnotes: %w", err)
			}
			t.Footnotes = r.sanitize(buf.Bytes())
			continue
		}
		id := fmt.Sprintf("%sp%d", prefix, len(t.Blocks)+1)
		n.SetAttributeString("id", []byte(id))
		if err := r.md.Renderer().Render(&buf, source, n); err != nil {
			return Text{}, fmt.Errorf("markdown: render block: %w", err)
		}
		html := string(r.sanitize(buf.Bytes()))
		if strings.TrimSpace(html) == "" { // a paragraph of link definitions only: nothing to show or number
			continue
		}
		if !rendersAttributes(n) {
			html = `<div id="` + id + `">` + html + `</div>`
		}
		t.Blocks = append(t.Blocks, Block{N: len(t.Blocks) + 1, ID: id, HTML: endBlock(html)})
	}
	return t, nil
}

// rendersAttributes reports whether goldmark writes a node's attributes, and
// so its id; code and raw HTML blocks need a wrapper to carry one.
func rendersAttributes(n ast.Node) bool {
	switch n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		return false
	}
	return true
}

// Fragment renders short Markdown (a summary, a description, a rights
// statement) without numbering.
func (r *Renderer) Fragment(src string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	return r.sanitize(buf.Bytes()), nil
}

func (r *Renderer) sanitize(html []byte) template.HTML {
	return template.HTML(r.policy.SanitizeBytes(html))
}

// endBlock ends a block of a text with one line break, as goldmark ends the
// blocks it writes, so that Text.HTML sets a blank line between blocks
// whichever format a text came in: a text page Recto wrote, read back as an
// HTML text, renders to the same page.
func endBlock(html string) template.HTML {
	return template.HTML(strings.TrimRight(html, "\n") + "\n")
}

// A page marker, [[page LABEL]], marks where a page or folio of the
// original begins inside a text: "[[page p. 1002]]", "[[page f. 71r]]".
// Importers keep page breaks so; the page shows LABEL in brackets, set off
// from the text, and search leaves it out.
var kindPageMarker = ast.NewNodeKind("PageMarker")

type pageMarker struct {
	ast.BaseInline
	label []byte
}

func (n *pageMarker) Kind() ast.NodeKind { return kindPageMarker }

func (n *pageMarker) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": string(n.label)}, nil)
}

// pageMarkerParser reads page markers; it runs before the link parser,
// which would otherwise take the brackets, or with a "!" before them an
// image's ("Hurrah![[page 3]]"): that "!" it gives back as text, and the
// marker is read at the next "[".
type pageMarkerParser struct{}

func (pageMarkerParser) Trigger() []byte { return []byte{'[', '!'} }

func (pageMarkerParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == '!' {
		if _, _, ok := PageMarker(line[1:]); !ok {
			return nil
		}
		block.Advance(1)
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
	}
	label, n, ok := PageMarker(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &pageMarker{label: []byte(label)}
}

// pageMarkerRenderer writes a page marker as a span.
type pageMarkerRenderer struct{}

func (pageMarkerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPageMarker, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(pageMarkerHTML(string(n.(*pageMarker).label)))
		}
		return ast.WalkContinue, nil
	})
}

// reader serves PlainText; a Renderer is safe for concurrent use.
var reader = New()

// PlainText returns the words of a text written in format f as a reader sees
// them, for search, snippets, citations and other places that show text
// without markup: no tags, no Markdown marks or escapes, no page markers.
// Blocks and line breaks become single spaces.
func PlainText(f recto.TextFormat, src string) string {
	switch f {
	case recto.PlainText:
		return plainWords(src)
	case recto.HTML:
		return htmlWords(src)
	}
	return reader.markdownWords(src)
}

// markdownWords returns the words of a Markdown text as a reader sees them, for
// search snippets and other places that show text without markup: emphasis
// marks, link targets, page markers and footnote references are left out,
// backslash escapes and entities are resolved ("137\." reads "137."), and
// brackets that are not links stay ("[Kumul Hami]"). Blocks, list items,
// table cells and line breaks become single spaces; footnotes follow the
// text. Raw HTML, which pages drop, is dropped.
func (r *Renderer) markdownWords(src string) string {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	var b bytes.Buffer
	space := func() {
		if b.Len() > 0 && b.Bytes()[b.Len()-1] != ' ' {
			b.WriteByte(' ')
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *pageMarker, *extast.FootnoteLink, *extast.FootnoteBacklink, *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.Write(readable(n.Segment.Value(source)))
				if n.SoftLineBreak() || n.HardLineBreak() {
					space()
				}
			}
		case *ast.String:
			if entering {
				b.Write(readable(n.Value))
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(source))
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					b.Write(seg.Value(source))
					space()
				}
			}
		default:
			if n.Type() == ast.TypeBlock || n.Kind() == extast.KindTableCell {
				space()
			}
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

// readable resolves what the renderer would in a run of text: backslash
// escapes and character references.
func readable(s []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(s)))
}
