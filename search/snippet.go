package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
)

// snippetWords is the length of a snippet in words.
const snippetWords = 32

// snippetBytes bounds how much of a text is read for its snippet: a long
// report's best passage is almost always found in its first pages.
const snippetBytes = 16 << 10

// spot is a word of a text: its bytes, and the matched term it carries, if any.
type spot struct {
	start, end int
	term       string // "" when the word matched nothing
}

// passage is a run of words of one text chosen for a snippet.
type passage struct {
	text     string
	lang     string
	words    []spot
	from, to int // words[from:to]
	score    int
}

// snippet returns the passage of a document's texts with the most distinct
// matched terms, as fragments with the matching words marked, and the
// language of its text. Without any match it returns the opening words of
// the first text in reading order.
func snippet(an *analysis.Analyzer, d *recto.Document, matched map[string]bool) ([]recto.Fragment, string) {
	var best *passage
	// A passage with every matched term cannot be beaten: stop there.
	complete := len(matched) * 1000
	try := func(text, lang string) {
		if text == "" || best != nil && best.score >= complete {
			return
		}
		if len(text) > snippetBytes {
			text = text[:snippetBytes]
		}
		p := bestPassage(an, text, matched)
		p.lang = lang
		if best == nil || p.score > best.score {
			best = p
		}
	}
	for _, i := range d.ReadingOrder() {
		try(readerText(d.Texts[i].Format, d.Texts[i].Body), d.Texts[i].Lang)
	}
	try(readerText(recto.Markdown, d.Summary), "")
	if best == nil {
		return nil, ""
	}
	return best.fragments(), best.lang
}

// readerText returns the words of the opening of a text in format f as a
// reader sees them, so that a snippet shows "137." and "[Kumul Hami]", not
// "137\." and "Kumul Hami]". Only the source a snippet can reach is parsed:
// twice snippetBytes, cut at a line's end.
func readerText(f recto.TextFormat, src string) string {
	if len(src) > 2*snippetBytes {
		src = src[:2*snippetBytes]
		if i := strings.LastIndexByte(src, '\n'); i > 0 {
			src = src[:i]
		}
	}
	return plainText(f, src)
}

// bestPassage finds the window of snippetWords words with the most distinct
// matched terms, then the most matches.
func bestPassage(an *analysis.Analyzer, text string, matched map[string]bool) *passage {
	p := &passage{text: text}
	an.Analyze(text, 0, func(t analysis.Token) {
		// Colocated terms share a word, and overlapping CJK bigrams merge
		// into one run.
		if n := len(p.words); n == 0 || t.Start >= p.words[n-1].end {
			p.words = append(p.words, spot{start: t.Start, end: t.End})
		}
		w := &p.words[len(p.words)-1]
		w.end = max(w.end, t.End)
		if w.term == "" && matched[string(t.Term)] {
			w.term = string(t.Term)
		}
	})
	p.to = min(len(p.words), snippetWords)
	for from := range p.words {
		if p.words[from].term == "" {
			continue // a best window starts at a match
		}
		to := min(len(p.words), from+snippetWords)
		if s := windowScore(p.words[from:to]); s > p.score {
			p.from, p.to, p.score = max(0, from-4), to, s // a little context before the first match
		}
	}
	p.from = p.bracketStart(p.from)
	return p
}

// bracketStart moves a passage's first word back, a few words at most, to
// the start of a bracket or parenthesis that the passage would otherwise
// enter halfway ("Hami] replied" becomes "[Kumul Hami] replied"). What
// stands against the first word before it, an opening bracket included, is
// the passage's (openingAt).
func (p *passage) bracketStart(from int) int {
	if from >= len(p.words) {
		return from
	}
	for back := 0; back < 6 && from > 0; back++ {
		depth := 0
		for _, c := range p.text[p.words[from-1].end:p.words[min(from+6, len(p.words)-1)].start] {
			switch c {
			case '[', '(':
				depth++
			case ']', ')':
				depth--
			}
			if depth < 0 {
				break
			}
		}
		if depth >= 0 {
			return from
		}
		from--
	}
	return from
}

func windowScore(words []spot) int {
	distinct := map[string]bool{}
	hits := 0
	for _, w := range words {
		if w.term != "" {
			distinct[w.term] = true
			hits++
		}
	}
	return len(distinct)*1000 + hits
}

// fragments cuts the passage out of its text with the matching words apart,
// adding ellipses where it does not reach the text's ends.
func (p *passage) fragments() []recto.Fragment {
	if p.from >= p.to {
		return nil
	}
	var out []recto.Fragment
	add := func(text string, match bool) {
		if !match {
			text = collapseSpace(text)
		}
		if text == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].Match && !match {
			out[n-1].Text += text
			return
		}
		out = append(out, recto.Fragment{Text: text, Match: match})
	}
	if p.from > 0 {
		add("… ", false)
	}
	at := p.openingAt()
	for _, w := range p.words[p.from:p.to] {
		add(p.text[at:w.start], false)
		add(p.text[w.start:w.end], w.term != "")
		at = w.end
	}
	add(p.text[at:p.closingAt()], false)
	if p.to < len(p.words) {
		add(" …", false)
	}
	return out
}

// openingAt is where the passage starts: its first word with what is
// written against it before, such as an editorial bracket or a quotation
// mark ("[Kumul Hami]", not "Kumul Hami]").
func (p *passage) openingAt() int {
	at, floor := p.words[p.from].start, 0
	if p.from > 0 {
		floor = p.words[p.from-1].end
	}
	for at > floor {
		r, n := utf8.DecodeLastRuneInString(p.text[floor:at])
		if unicode.IsSpace(r) {
			break
		}
		at -= n
	}
	return at
}

// closingAt is where the passage ends: its last word with what is written
// against it after, such as a full stop or a closing bracket.
func (p *passage) closingAt() int {
	at, ceil := p.words[p.to-1].end, len(p.text)
	if p.to < len(p.words) {
		ceil = p.words[p.to].start
	}
	for at < ceil {
		r, n := utf8.DecodeRuneInString(p.text[at:ceil])
		if unicode.IsSpace(r) {
			break
		}
		at += n
	}
	return at
}

// collapseSpace turns every run of white space into one space, so paragraph
// breaks do not show in a one-line snippet.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
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
