package markup

import (
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// AsMarkdown returns a text written in format f as Markdown that reads the
// same, for exporters that read Markdown (TEI): a plain text's paragraphs
// stay paragraphs and its lines hard line breaks, with every mark escaped; an
// HTML text's paragraphs, line breaks, headings, lists, tables, emphasis and
// links become their Markdown; page markers stay page markers.
func AsMarkdown(f recto.TextFormat, src string) string {
	switch f {
	case recto.PlainText:
		return plainAsMarkdown(src)
	case recto.HTML:
		return htmlAsMarkdown(src)
	}
	return src
}

func plainAsMarkdown(src string) string {
	var paras []string
	for _, lines := range plainParagraphs(src) {
		md := make([]string, len(lines))
		for i, line := range lines {
			md[i] = escapeMarkdown(strings.TrimSpace(line))
		}
		paras = append(paras, strings.Join(md, "\\\n"))
	}
	return strings.Join(paras, "\n\n")
}

// escapeMarkdown escapes every ASCII punctuation mark of words, so that
// Markdown reads them as typed, and keeps page markers.
func escapeMarkdown(s string) string {
	var b strings.Builder
	eachPage(s, func(t string) {
		for _, r := range t {
			if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}, func(label string) { b.WriteString(PageMarkerText(label)) })
	return b.String()
}

// htmlAsMarkdown writes cleaned HTML as Markdown, block by block.
func htmlAsMarkdown(src string) string {
	m := &mdWriter{}
	for _, n := range topBlocks(parseHTML(CleanText(recto.HTML, src))) {
		m.block(n, "")
	}
	m.endPara()
	return strings.TrimSpace(m.out.String())
}

// mdWriter gathers Markdown: finished blocks in out, the open paragraph's
// inline Markdown in para.
type mdWriter struct {
	out  strings.Builder
	para strings.Builder
}

func (m *mdWriter) endPara() {
	if p := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m.para.String()), "\\")); p != "" {
		m.out.WriteString(p)
		m.out.WriteString("\n\n")
	}
	m.para.Reset()
}

// block writes n; indent prefixes the lines of a nested list's items.
func (m *mdWriter) block(n *html.Node, indent string) {
	if n.Type != html.ElementNode || !blockElements[n.DataAtom] && n.DataAtom != atom.Li {
		m.inline(n)
		return
	}
	m.endPara()
	switch {
	case n.DataAtom == atom.Ul || n.DataAtom == atom.Ol:
		m.list(n, indent)
	case n.DataAtom == atom.Table:
		m.table(n)
	case headingLevel(n.DataAtom) > 0:
		m.out.WriteString(strings.Repeat("#", headingLevel(n.DataAtom)) + " " + m.inlineOf(n) + "\n\n")
	case n.DataAtom == atom.Hr:
		m.out.WriteString("---\n\n")
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			m.block(c, indent)
		}
		m.endPara()
	}
}

func (m *mdWriter) list(n *html.Node, indent string) {
	i := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		i++
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(i) + ". "
		}
		item := &mdWriter{}
		var nested []*html.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
				nested = append(nested, c)
				continue
			}
			item.inline(c)
		}
		m.out.WriteString(indent + marker + strings.TrimSpace(item.para.String()) + "\n")
		for _, c := range nested {
			m.list(c, indent+strings.Repeat(" ", len(marker)))
		}
	}
	if indent == "" {
		m.out.WriteString("\n")
	}
}

func (m *mdWriter) table(n *html.Node) {
	var rows [][]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.Tr {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
					row = append(row, strings.Join(strings.Fields(strings.ReplaceAll(m.inlineOf(c), "\\\n", " ")), " "))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	for i, r := range rows {
		r = append(r, make([]string, cols-len(r))...)
		m.out.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			m.out.WriteString(strings.Repeat("|---", cols) + "|\n")
		}
	}
	m.out.WriteString("\n")
}

// inlineOf returns the inline Markdown of n's content.
func (m *mdWriter) inlineOf(n *html.Node) string {
	sub := &mdWriter{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sub.inline(c)
	}
	return strings.TrimSpace(sub.para.String())
}

// inline writes n into the open paragraph.
func (m *mdWriter) inline(n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		m.para.WriteString(escapeMarkdown(collapse(n.Data)))
	case n.Type != html.ElementNode:
	case n.DataAtom == atom.Br:
		m.para.WriteString("\\\n")
	case n.DataAtom == atom.Em || n.DataAtom == atom.I:
		m.delimited(n, "*")
	case n.DataAtom == atom.Strong || n.DataAtom == atom.B:
		m.delimited(n, "**")
	case n.DataAtom == atom.A && attr(n, "href") != "":
		m.para.WriteString("[" + m.inlineOf(n) + "](" + strings.NewReplacer(")", "%29", " ", "%20").Replace(attr(n, "href")) + ")")
	case blockElements[n.DataAtom]:
		m.block(n, "")
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			m.inline(c)
		}
	}
}

// delimited writes emphasis with its spaces outside the delimiters, which
// Markdown needs.
func (m *mdWriter) delimited(n *html.Node, delim string) {
	inner := m.inlineOf(n)
	if inner == "" {
		return
	}
	m.para.WriteString(delim + inner + delim)
}

// collapse turns runs of white space into single spaces, as HTML shows them.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
