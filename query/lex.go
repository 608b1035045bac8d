package query

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that protect the search engine from runaway queries. maxBytes
// bounds what is read at all, spaces and dropped characters included, so
// that no query costs more than a few kilobytes to read or to show again;
// the canonical form of a query within the other limits is well within it
// (at most 4 bytes for each of maxChars characters, and a few hundred
// spaces, quotes and parentheses).
const (
	maxItems = 64
	maxChars = 1000
	maxBytes = 8000
)

// The problems that say a limit cut the query.
const (
	tooLong      = "The query is too long: only its first 1,000 characters were used."
	tooManyBytes = "The query is too long: only its first 8,000 bytes were used."
	tooManyItems = "The query has too many items: only the first 64 were used."
)

// quotes are the characters that open and close a phrase. Any of them closes
// a phrase opened by any other, since keyboards and word processors mix them.
const quotes = "\"“”"

type kind int

const (
	tEOF  kind = iota // past the last token
	tLeaf             // a word, phrase or filter; its node is nil when it was dropped
	tOR
	tMinus // a "-" directly before an item
	tOpen
	tClose
)

// A token is a unit of the query. Dropped items stay in the stream as leaves
// without a node so that a "-" or OR next to them does not reach past them to
// another item.
type token struct {
	kind kind
	off  int
	node Node
}

func isQuote(r rune) bool { return strings.ContainsRune(quotes, r) }

// endsWord reports whether r ends a word. Colons are handled apart because
// only some of them end a word.
func endsWord(r rune) bool { return unicode.IsSpace(r) || isQuote(r) || r == '(' || r == ')' }

// limit cuts q after maxChars counted characters, or maxBytes bytes. Spaces
// outside phrases, closing quotes and closing parentheses are not counted,
// because String adds them (a space between "a" and "(b)", the quote an
// unclosed phrase lacks) and the canonical form of a query within the limit
// must be within it too. Every other character of the canonical form comes
// from one of the query.
func (p *parser) limit(q string) string {
	n, inPhrase := 0, false
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		if i+size > maxBytes {
			p.cutAt(i, tooManyBytes)
			return q[:i]
		}
		switch {
		case isQuote(r):
			if !inPhrase {
				n++
			}
			inPhrase = !inPhrase
		case inPhrase || !(unicode.IsSpace(r) || r == ')'):
			n++
		}
		if n > maxChars {
			p.cutAt(i, tooLong)
			return q[:i]
		}
		i += size
	}
	return q
}

// cutAt records that a limit ended the query at byte off.
func (p *parser) cutAt(off int, msg string) {
	p.report(off, msg)
	p.limits = append(p.limits, Problem{Offset: off, Message: msg})
	p.cut = true
}

// lex splits p.s into p.toks, stopping at the item beyond maxItems, and
// sets p.end to where it stopped.
func (p *parser) lex() {
	p.end = len(p.s)
	for p.pos < len(p.s) && !p.full {
		start, mark := p.pos, len(p.problems)
		p.lexToken()
		if p.full {
			// The item beyond the limit is not used, so neither are
			// its problems.
			p.rollback(mark)
			p.cutAt(start, tooManyItems)
			p.end = start
		}
	}
}

func (p *parser) lexToken() {
	r, size := utf8.DecodeRuneInString(p.s[p.pos:])
	switch {
	case unicode.IsSpace(r):
		p.pos += size
	case isQuote(r):
		p.lexPhrase()
	case r == '(':
		p.open++
		p.emit(tOpen, p.pos, nil)
		p.pos++
	case r == ')':
		p.lexClose()
	case r == '-':
		p.lexMinus()
	default:
		p.lexWord()
	}
}

// lexClose drops unmatched closing parentheses here, so that the parser only
// ever sees balanced ones and a query of a million ")" costs no memory.
func (p *parser) lexClose() {
	if p.open == 0 {
		p.report(p.pos, `Unmatched closing parenthesis ")" was ignored.`)
	} else {
		p.open--
		p.emit(tClose, p.pos, nil)
	}
	p.pos++
}

func (p *parser) lexMinus() {
	next, _ := utf8.DecodeRuneInString(p.s[p.pos+1:])
	switch {
	case p.pos+1 == len(p.s):
		if !p.cut {
			p.report(p.pos, loneMinus)
		}
		p.emit(tLeaf, p.pos, nil)
	case unicode.IsSpace(next) || next == ')':
		p.report(p.pos, loneMinus)
		p.emit(tLeaf, p.pos, nil)
	default:
		p.emit(tMinus, p.pos, nil)
	}
	p.pos++
}

const loneMinus = `A "-" with nothing right after it was ignored: write it just before what to exclude, as in -molotov.`

func (p *parser) lexPhrase() {
	start := p.pos
	text, closed := p.scanPhrase()
	switch {
	case text != "":
		p.emit(tLeaf, start, &Phrase{Text: text})
	case closed:
		p.report(start, `Empty quotes "" were ignored.`)
		p.emit(tLeaf, start, nil)
	default:
		if !p.cut {
			p.report(start, "A quote mark with nothing after it was ignored.")
		}
		p.emit(tLeaf, start, nil)
	}
}

// scanPhrase reads the phrase whose opening quote is at p.pos and returns its
// text without surrounding spaces, and whether it had a closing quote.
func (p *parser) scanPhrase() (text string, closed bool) {
	start := p.pos
	_, size := utf8.DecodeRuneInString(p.s[start:])
	inner := p.s[start+size:]
	end := strings.IndexAny(inner, quotes)
	if end < 0 {
		p.pos = len(p.s)
		text = strings.TrimSpace(inner)
		if text != "" && !p.cut {
			p.report(start, "Missing closing quote: treated the rest as a phrase.")
		}
		return text, false
	}
	_, qsize := utf8.DecodeRuneInString(inner[end:])
	p.pos = start + size + end + qsize
	return strings.TrimSpace(inner[:end]), true
}

// lexWord reads a word, a field filter or an unknown field's name.
func (p *parser) lexWord() {
	start := p.pos
	end := strings.IndexFunc(p.s[start:], endsWord)
	if end < 0 {
		end = len(p.s)
	} else {
		end += start
	}
	raw := p.s[start:end]
	p.pos = end
	// Every decision is taken on the text as it will be written back, without
	// misplaced "*"s, so that the canonical form reads the same. A "-" that
	// dropping a "*" brings to the front is dropped too: it was not typed as
	// an exclusion.
	text, prefix := p.stars(raw, start)
	text = strings.TrimLeft(text, "-")
	// Only a colon after letters can be a field's: 10:30 and R-9401ss:2 are
	// words.
	if i := strings.IndexByte(text, ':'); i >= 0 && isFieldName(text[:i]) {
		name := strings.ToLower(text[:i])
		if slices.Contains(Fields, name) {
			p.lexField(name, text[i+1:], prefix, strings.HasSuffix(raw, ":"), start)
			return
		}
		p.report(start, fmt.Sprintf(`Unknown field "%s:" — known fields are %s. Searched it as ordinary words.`, text[:i], strings.Join(Fields, ", ")))
		text, prefix = text[:i], false
		p.pos = start + strings.IndexByte(raw, ':') + 1
	}
	switch {
	case text == "":
		p.emit(tLeaf, start, nil)
	case text == "OR" && !prefix:
		p.emit(tOR, start, nil)
	default:
		p.emit(tLeaf, start, &Term{Text: text, Prefix: prefix})
	}
}

func isFieldName(s string) bool {
	for _, c := range []byte(s) {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return s != ""
}

const badStar = `A "*" only works at the end of a word, as in stal*: it was ignored.`

// stars removes the "*"s from raw, reporting the misplaced ones, and tells
// whether a "*" ended it.
func (p *parser) stars(raw string, off int) (text string, prefix bool) {
	n := strings.Count(raw, "*")
	if n == 0 {
		return raw, false
	}
	// Bytes that are not UTF-8 become U+FFFD first, or removing a "*"
	// could join two of them into a character, even a space, and the word
	// would not read back the same.
	text, prefix = strings.ReplaceAll(strings.ToValidUTF8(raw, "\uFFFD"), "*", ""), strings.HasSuffix(raw, "*")
	if n > 1 || !prefix || text == "" {
		p.report(off, badStar)
	}
	return text, prefix && text != ""
}

// lexField reads the value of a known field. The value is what followed the
// colon in the word, unless the word ended with the colon and a quote follows:
// then the value is the quoted phrase.
func (p *parser) lexField(name, value string, prefix, colonLast bool, start int) {
	if r, _ := utf8.DecodeRuneInString(p.s[p.pos:]); colonLast && isQuote(r) {
		text, _ := p.scanPhrase()
		p.field(name, text, true, false, start)
		return
	}
	p.field(name, value, false, prefix, start)
}

func (p *parser) field(name, value string, phrase, prefix bool, off int) {
	if prefix && name != "title" {
		p.report(off, fmt.Sprintf(`A "*" only works with title:, not with %s: — it was ignored.`, name))
		prefix = false
	}
	switch {
	case value == "":
		p.report(off, fmt.Sprintf(`"%s:" needs a word or a "quoted phrase" right after the colon: the filter was ignored.`, name))
		p.emit(tLeaf, off, nil)
	case name == "date":
		p.emit(tLeaf, off, p.date(value, off))
	default:
		p.emit(tLeaf, off, &Field{Name: name, Value: value, Phrase: phrase, Prefix: prefix})
	}
}

// emit appends a token, unless it is an item beyond maxItems, in which case it
// sets p.full.
func (p *parser) emit(k kind, off int, n Node) {
	if k == tLeaf && n != nil {
		if p.items == maxItems {
			p.full = true
			return
		}
		p.items++
	}
	p.toks = append(p.toks, token{kind: k, off: off, node: n})
}
