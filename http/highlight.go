package http

import (
	"html"
	"html/template"
	"strings"

	nethtml "golang.org/x/net/html"

	"github.com/recto-archive/recto/analysis"
)

// highlighter marks, in rendered HTML, the words that match the words of a
// search, as search matches them: across case, diacritics, word forms and
// scripts.
type highlighter struct {
	an    *analysis.Analyzer
	terms map[string]bool
}

// newHighlighter returns a highlighter for the query words, or nil for none.
func newHighlighter(words string) *highlighter {
	h := &highlighter{an: analysis.NewAnalyzer(), terms: map[string]bool{}}
	for _, forms := range h.an.QueryTerms(words) {
		for _, f := range forms {
			h.terms[f] = true
		}
	}
	if len(h.terms) == 0 {
		return nil
	}
	return h
}

// mark returns fragment with every matching word in its text wrapped in
// <mark>; tags and attributes pass unchanged. The fragment comes from the
// sanitiser, so it is well formed.
func (h *highlighter) mark(fragment template.HTML) template.HTML {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(string(fragment)))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return template.HTML(b.String())
		case nethtml.TextToken:
			h.markText(&b, string(z.Text()))
		default:
			b.Write(z.Raw())
		}
	}
}

// markText writes text escaped, with matching words marked.
func (h *highlighter) markText(b *strings.Builder, text string) {
	at := 0
	h.an.Analyze(text, 0, func(t analysis.Token) {
		if t.Start < at || !h.terms[string(t.Term)] {
			return
		}
		b.WriteString(html.EscapeString(text[at:t.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[t.Start:t.End]))
		b.WriteString("</mark>")
		at = t.End
	})
	b.WriteString(html.EscapeString(text[at:]))
}
