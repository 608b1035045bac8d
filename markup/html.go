package markup

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPolicy is what an HTML text keeps, on the way in and on the way out:
// paragraphs, line breaks, lists, tables, footnotes (links to anchors in the
// text, sup), emphasis and letter-spacing (as the class letter-spaced).
// Styling, fonts, scripts, event handlers, comments and every class but
// those Recto itself writes (recto classes) are dropped.
var htmlPolicy = policy()

// letterSpaced is the class that takes the place of a letter-spacing style:
// spaced-out letters are emphasis in many typewritten originals.
const letterSpaced = "letter-spaced"

// rectoClasses are the classes Recto writes in a rendered text, which an
// HTML text keeps so that a text page Recto wrote reads back as it was: the
// goldmark footnotes' and letter-spacing. (The page-marker span becomes a
// page marker again; see clean.) The policy allows each on its element only.
var rectoClasses = map[string]bool{letterSpaced: true, footnotesClass: true, "footnote-ref": true, "footnote-backref": true}

// footnotesClass marks the footnotes of a rendered text, after its blocks.
const footnotesClass = "footnotes"

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
// an id already used (Word's footnote div and its anchor) is dropped; a page
// marker as Recto renders it becomes the page marker it was.
func clean(n *html.Node, ids map[string]bool) {
	if label, ok := renderedPageMarker(n); ok {
		*n = html.Node{Type: html.TextNode, Data: PageMarkerText(label), Parent: n.Parent,
			PrevSibling: n.PrevSibling, NextSibling: n.NextSibling}
		return
	}
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
				if rectoClasses[a.Val] {
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

// renderedPageMarker reads a page marker as pageMarkerHTML writes it, a
// span of the class page-marker holding "[LABEL]" alone.
func renderedPageMarker(n *html.Node) (label string, ok bool) {
	if n.DataAtom != atom.Span || len(n.Attr) != 1 || n.Attr[0] != (html.Attribute{Key: "class", Val: "page-marker"}) ||
		n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode {
		return "", false
	}
	inner, ok := strings.CutPrefix(n.FirstChild.Data, "[")
	if label, ok2 := strings.CutSuffix(inner, "]"); ok && ok2 && strings.TrimSpace(label) != "" {
		return label, true
	}
	return "", false
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
// sit below the page's, a footnotes div (goldmark's) is the text's footnotes,
// and page markers in the words are shown as page markers. A text Recto
// rendered in any format and read back without its block anchors (a /srv/
// text page) renders to the same blocks and footnotes.
func (r *Renderer) htmlText(src, prefix string) Text {
	var t Text
	var run []*html.Node
	nodes := topBlocks(parseHTML(CleanText(recto.HTML, src)))
	ids := textIDs{prefix: prefix, headingShift: headingsDown(nodes), used: map[string]bool{}}
	add := func(n *html.Node) {
		ids.prepare(n)
		if isFootnotes(n) {
			t.Footnotes += endBlock(r.sanitizeNode(n))
			return
		}
		id := fmt.Sprintf("%sp%d", prefix, len(t.Blocks)+1)
		if hasAttr(n, "id") { // the text's own anchor: the number goes on a wrapper
			div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			div.AppendChild(n)
			n = div
		}
		n.Attr = append(n.Attr, html.Attribute{Key: "id", Val: id})
		t.Blocks = append(t.Blocks, Block{N: len(t.Blocks) + 1, ID: id, HTML: endBlock(r.sanitizeNode(n))})
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
	for _, n := range nodes {
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

// sanitizeNode renders n and sanitises it. Void elements end in ">" as
// goldmark and HTML5 write them, not in "/>" as x/net/html does; in
// sanitised HTML every ">" ends a tag (text and attributes have theirs
// escaped), so the replacement touches tags only.
func (r *Renderer) sanitizeNode(n *html.Node) string {
	var b bytes.Buffer
	_ = html.Render(&b, n)
	return strings.ReplaceAll(r.policy.Sanitize(b.String()), "/>", ">")
}

// isFootnotes reports whether n is the footnotes of a rendered text.
func isFootnotes(n *html.Node) bool {
	return n.DataAtom == atom.Div && slices.Contains(n.Attr, html.Attribute{Key: "class", Val: footnotesClass})
}

// topBlocks opens the divs at the top of a text that hold blocks, but not
// the footnotes, nor the div a rendered code block's number stands on.
func topBlocks(nodes []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range nodes {
		if n.DataAtom == atom.Div && !hasAttr(n, "id") && holdsBlocks(n) && !isFootnotes(n) && !wrapsCode(n) {
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

// wrapsCode reports whether a div holds a pre and nothing else but space,
// as Recto wraps a code block to number it.
func wrapsCode(n *html.Node) bool {
	pres := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.Pre:
			pres++
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return false
		}
	}
	return pres == 1
}

func hasElement(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// textIDs is how the blocks of one HTML text are prepared for its page.
type textIDs struct {
	prefix       string
	headingShift int
	used         map[string]bool // the ids given so far
}

// prepare gives a block's ids and in-text links the text's prefix, shifts
// its headings below the page's, and turns page markers in its words into
// page-marker spans.
func (p textIDs) prepare(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		pageSpans(n)
		return
	case html.ElementNode:
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "id" && p.used[p.anchor(a.Val)] })
		for i, a := range n.Attr {
			switch {
			case a.Key == "id":
				n.Attr[i].Val = p.anchor(a.Val)
				p.used[n.Attr[i].Val] = true
			case a.Key == "href" && strings.HasPrefix(a.Val, "#"):
				n.Attr[i].Val = "#" + p.anchor(a.Val[1:])
			}
		}
		if n.DataAtom == atom.A {
			hrefFirst(n)
		}
		if lvl := headingLevel(n.DataAtom); lvl > 0 {
			n.Data = fmt.Sprintf("h%d", min(lvl+p.headingShift, 6))
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		p.prepare(c)
		c = next
	}
}

// anchor is the id an anchor of the text has on its page, and the fragment
// of a link to it. An id that already carries the text's prefix is the
// text's own, as Recto rendered it (its footnotes, "t3-fn:1", or a foreign
// id it guarded, "t3-x-ftn1"), and stays; any other takes the prefix after
// "x-", so it can clash neither with the block numbers nor with another
// text's ids. A block number ("t3-p2") is never the text's own (the
// importer strips those), so it is guarded too. Two ids that come to the
// same ("a" and "t3-x-a") keep the first (see prepare), as CleanText does.
func (p textIDs) anchor(id string) string {
	if rest, ok := strings.CutPrefix(id, p.prefix); ok && p.prefix != "" && !blockNumber.MatchString(rest) {
		return id
	}
	return p.prefix + "x-" + id
}

// hrefFirst moves a link's href before its other attributes, where goldmark
// writes it: x/net/html's parser sorts the attributes of a link (of every
// formatting element), which would put a footnote reference's
// class="footnote-ref" before its href.
func hrefFirst(n *html.Node) {
	if i := slices.IndexFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "href" }); i > 0 {
		href := n.Attr[i]
		copy(n.Attr[1:i+1], n.Attr[:i])
		n.Attr[0] = href
	}
}

// blockNumber is the tail of a block's id after the prefix.
var blockNumber = regexp.MustCompile(`^p[0-9]+$`)

// headingsDown is how many levels a text's headings go down so that its
// highest sits below the page's h1 and the text's h2, at h3; a text whose
// headings already do (Recto's own rendering) keeps them.
func headingsDown(nodes []*html.Node) int {
	top := 7
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if lvl := headingLevel(n.DataAtom); lvl > 0 {
			top = min(top, lvl)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return max(0, 3-top)
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
