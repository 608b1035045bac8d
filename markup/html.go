package markup

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/recto-archive/recto"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPolicy is what an HTML text keeps, on the way in and on the way out:
// paragraphs, line breaks, lists, tables, footnotes (links to anchors in the
// text, sup), emphasis and letter-spacing (as the class letter-spaced).
// Styling, classes, fonts, scripts, event handlers and comments are dropped.
var htmlPolicy = policy()

// letterSpaced is the class that takes the place of a letter-spacing style:
// spaced-out letters are emphasis in many typewritten originals.
const letterSpaced = "letter-spaced"

// CleanText returns a text's body as it is stored: HTML sanitised (see
// htmlPolicy), letter-spacing styles mapped to a class and ids made safe;
// Markdown and plain text as they are.
func CleanText(f recto.TextFormat, src string) string {
	if f != recto.HTML {
		return src
	}
	nodes := parseHTML(src)
	var b bytes.Buffer
	ids := map[string]bool{}
	for _, n := range nodes {
		clean(n, ids)
		_ = html.Render(&b, n)
	}
	return htmlPolicy.Sanitize(b.String())
}

// parseHTML parses an HTML fragment as the content of a body.
func parseHTML(src string) []*html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil { // only a reader's error, which a string reader never gives
		return nil
	}
	return nodes
}

// clean rewrites what the policy would otherwise lose or keep wrongly:
// a letter-spacing style becomes the class letter-spaced, a Word anchor's
// name becomes its id, and ids keep only the characters Recto's ids have;
// an id already used (Word's footnote div and its anchor) is dropped.
func clean(n *html.Node, ids map[string]bool) {
	if n.Type == html.ElementNode {
		var attrs []html.Attribute
		spaced := false
		for _, a := range n.Attr {
			switch a.Key {
			case "style":
				spaced = spaced || strings.Contains(strings.ToLower(a.Val), "letter-spacing")
			case "name":
				if n.DataAtom == atom.A && !hasAttr(n, "id") {
					attrs = appendID(attrs, a.Val, ids)
				}
			case "id":
				attrs = appendID(attrs, a.Val, ids)
			case "href":
				if frag, ok := strings.CutPrefix(a.Val, "#"); ok {
					a.Val = "#" + safeID(frag)
				}
				attrs = append(attrs, a)
			case "class":
				if a.Val == letterSpaced {
					attrs = append(attrs, a)
				}
			default:
				attrs = append(attrs, a)
			}
		}
		n.Attr = attrs
		if spaced {
			wrapLetterSpaced(n)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		clean(c, ids)
	}
}

// appendID adds id, made safe, unless it is empty or already used.
func appendID(attrs []html.Attribute, id string, ids map[string]bool) []html.Attribute {
	id = safeID(id)
	if id == "" || ids[id] {
		return attrs
	}
	ids[id] = true
	return append(attrs, html.Attribute{Key: "id", Val: id})
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// wrapLetterSpaced marks a span letter-spaced, or wraps another element's
// content in such a span.
func wrapLetterSpaced(n *html.Node) {
	class := html.Attribute{Key: "class", Val: letterSpaced}
	if n.DataAtom == atom.Span {
		n.Attr = append(n.Attr, class)
		return
	}
	span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span, Attr: []html.Attribute{class}}
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		span.AppendChild(c)
	}
	n.AppendChild(span)
}

// safeID makes an id of a former system ("_ftn1") one the sanitiser keeps.
func safeID(id string) string {
	return strings.Trim(unsafeIDChars.ReplaceAllString(strings.ToLower(id), "-"), "-")
}

var unsafeIDChars = regexp.MustCompile(`[^a-z0-9:-]+`)

// blockElements start a numbered block when they stand at the top of a text.
var blockElements = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// htmlText renders an HTML text, sanitised again, with its top-level blocks
// numbered like a Markdown text's: a run of text and inline elements between
// blocks is a paragraph of its own, a div that only groups blocks (Word's
// WordSection1) is opened, ids in the text take the text's prefix, headings
// sit below the page's, and page markers in the words are shown as page
// markers.
func (r *Renderer) htmlText(src, prefix string) Text {
	var t Text
	var run []*html.Node
	add := func(n *html.Node) {
		prepare(n, prefix)
		id := fmt.Sprintf("%sp%d", prefix, len(t.Blocks)+1)
		if hasAttr(n, "id") { // the text's own anchor: the number goes on a wrapper
			div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			div.AppendChild(n)
			n = div
		}
		n.Attr = append(n.Attr, html.Attribute{Key: "id", Val: id})
		var b bytes.Buffer
		_ = html.Render(&b, n)
		t.Blocks = append(t.Blocks, Block{N: len(t.Blocks) + 1, ID: id, HTML: template.HTML(r.policy.Sanitize(b.String()))})
	}
	flush := func() {
		if len(run) == 0 {
			return
		}
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		for _, n := range run {
			p.AppendChild(n)
		}
		run = nil
		if strings.TrimSpace(textOf(p)) != "" || hasElement(p) {
			add(p)
		}
	}
	for _, n := range topBlocks(parseHTML(CleanText(recto.HTML, src))) {
		if n.Type == html.ElementNode && blockElements[n.DataAtom] {
			flush()
			add(n)
			continue
		}
		run = append(run, n)
	}
	flush()
	return t
}

// topBlocks opens the divs at the top of a text that hold blocks.
func topBlocks(nodes []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range nodes {
		if n.DataAtom == atom.Div && !hasAttr(n, "id") && holdsBlocks(n) {
			var kids []*html.Node
			for c := n.FirstChild; c != nil; c = n.FirstChild {
				n.RemoveChild(c)
				kids = append(kids, c)
			}
			out = append(out, topBlocks(kids)...)
			continue
		}
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		out = append(out, n)
	}
	return out
}

func holdsBlocks(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockElements[c.DataAtom] {
			return true
		}
	}
	return false
}

func hasElement(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// prepare gives a block's ids and in-text links the text's prefix (after
// "x-", apart from Recto's own block ids), shifts its headings below the
// page's, and turns page markers in its words into page-marker spans.
func prepare(n *html.Node, prefix string) {
	switch n.Type {
	case html.TextNode:
		pageSpans(n)
		return
	case html.ElementNode:
		for i, a := range n.Attr {
			switch {
			case a.Key == "id":
				n.Attr[i].Val = prefix + "x-" + a.Val
			case a.Key == "href" && strings.HasPrefix(a.Val, "#"):
				n.Attr[i].Val = "#" + prefix + "x-" + a.Val[1:]
			}
		}
		if lvl := headingLevel(n.DataAtom); lvl > 0 {
			n.Data = fmt.Sprintf("h%d", min(lvl+2, 6))
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		prepare(c, prefix)
		c = next
	}
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// pageSpans replaces a text node holding page markers by its words and a
// page-marker span for each marker.
func pageSpans(n *html.Node) {
	if !strings.Contains(n.Data, pageMarkerOpen) || n.Parent == nil {
		return
	}
	parent, at := n.Parent, n.NextSibling
	parent.RemoveChild(n)
	eachPage(n.Data, func(s string) {
		parent.InsertBefore(&html.Node{Type: html.TextNode, Data: s}, at)
	}, func(label string) {
		span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span,
			Attr: []html.Attribute{{Key: "class", Val: "page-marker"}}}
		span.AppendChild(&html.Node{Type: html.TextNode, Data: "[" + label + "]"})
		parent.InsertBefore(span, at)
	})
}

// textOf returns the text of a node and its descendants.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// htmlWords returns the words of an HTML text as a reader sees them: no
// tags, entities resolved, no page markers; blocks, cells and line breaks
// are spaces.
func htmlWords(src string) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			eachPage(n.Data, func(s string) { b.WriteString(s) }, func(string) { b.WriteByte(' ') })
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.Data == "xml"):
			return
		case n.Type == html.ElementNode && n.DataAtom != atom.Span && n.DataAtom != atom.A && !inline[n.DataAtom]:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range parseHTML(src) {
		walk(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// inline elements run on in a text's words without a space.
var inline = map[atom.Atom]bool{atom.Em: true, atom.I: true, atom.Strong: true, atom.B: true, atom.U: true,
	atom.Sup: true, atom.Sub: true, atom.Font: true, atom.Small: true, atom.S: true, atom.Del: true, atom.Ins: true}
