package markup

import (
	"fmt"
	"html"
	"strings"
)

// plainParagraphs splits a plain text at blank lines into paragraphs of
// lines, each line as typed (a carriage return before a line feed dropped).
func plainParagraphs(src string) [][]string {
	var paras [][]string
	var cur []string
	for line := range strings.Lines(src) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	return paras
}

// plainText renders a plain text exactly as typed: each paragraph (lines
// between blank lines) is a numbered p, its lines kept apart by br, every
// character escaped; nothing is interpreted but page markers.
func (r *Renderer) plainText(src, prefix string) Text {
	var t Text
	var b strings.Builder
	for i, lines := range plainParagraphs(src) {
		b.Reset()
		id := fmt.Sprintf("%sp%d", prefix, i+1)
		fmt.Fprintf(&b, `<p id="%s">`, id)
		for j, line := range lines {
			if j > 0 {
				b.WriteString("<br>\n")
			}
			eachPage(line, func(s string) { b.WriteString(html.EscapeString(s)) },
				func(label string) { b.WriteString(pageMarkerHTML(label)) })
		}
		b.WriteString("</p>")
		t.Blocks = append(t.Blocks, Block{N: i + 1, ID: id, HTML: endBlock(b.String())})
	}
	return t
}

// plainWords returns a plain text's words: page markers left out, lines
// and paragraphs joined by single spaces.
func plainWords(src string) string {
	var b strings.Builder
	for _, lines := range plainParagraphs(src) {
		for _, line := range lines {
			eachPage(line, func(s string) {
				if s = strings.TrimSpace(s); s != "" {
					if b.Len() > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(s)
				}
			}, func(string) {})
		}
	}
	return b.String()
}
