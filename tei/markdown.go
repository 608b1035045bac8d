package tei

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recto-archive/recto/markup"
)

// This file turns TEI content into Recto's Markdown (goldmark with GFM
// tables and footnotes) and into plain one-line text for titles and fields.
//
// TEI files are pretty-printed, so whitespace is collapsed. Whitespace at the
// edge of a text node (next to markup) is "soft": it is dropped after an
// opening bracket and before closing punctuation, so "(<persName>
// Atcheson </persName>)" reads "(Atcheson)". Whitespace inside a text node is
// the author's and is kept ("predominating . . . .").

// mdSpace is the whitespace pending before the next word.
type mdSpace int

const (
	noSpace mdSpace = iota
	softSpace
	hardSpace
)

// mdInline builds one line-oriented block (a paragraph, a heading, a table
// cell) or, with plain set, one line of unescaped text.
type mdInline struct {
	b         strings.Builder
	plain     bool // text only: no escaping, no emphasis
	flat      bool // a line break is a space (titles, headings, cells)
	noEm      bool // no emphasis (headings, which FRUS prints in italics throughout)
	space     mdSpace
	lineBreak bool // a hard line break is pending
	last      rune // last character written; 0 at the start of a line
	em        int  // depth of requested emphasis
	emOpen    bool // an opening "*" is written and not yet closed
}

// text adds character data.
func (in *mdInline) text(s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) {
					break
				}
				j += size
			}
			kind := hardSpace
			if i == 0 || j == len(s) {
				kind = softSpace
			}
			in.space = max(in.space, kind)
			i = j
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		in.word(s[i:j])
		i = j
	}
}

// word writes a run of non-space characters, after any pending break or space.
func (in *mdInline) word(w string) {
	first, _ := utf8.DecodeRuneInString(w)
	in.separate(first)
	if in.em > 0 && !in.emOpen && !in.plain && !in.noEm {
		in.b.WriteByte('*')
		in.emOpen = true
	}
	if in.plain {
		in.b.WriteString(w)
	} else {
		in.b.WriteString(mdEscape(w, in.last == 0))
	}
	in.last, _ = utf8.DecodeLastRuneInString(w)
}

// separate writes the pending hard break or space before content starting with first.
func (in *mdInline) separate(first rune) {
	switch {
	case in.lineBreak:
		in.closeEm()
		in.b.WriteString("\\\n")
		in.lineBreak, in.last = false, 0
	case in.space == noSpace || in.last == 0:
	case in.space == softSpace && (strings.ContainsRune("([{‘“", in.last) || strings.ContainsRune(")]},.;:!?’”", first)):
	default:
		in.b.WriteByte(' ')
	}
	in.space = noSpace
}

// raw writes Markdown that must not be escaped (a page marker); it is kept
// out of emphasis so that the delimiters stay valid.
func (in *mdInline) raw(md string) {
	if in.plain {
		return
	}
	in.separate('[')
	in.closeEm()
	in.b.WriteString(md)
	in.last = ']'
}

// noteRef writes a footnote reference, hugging the preceding word.
func (in *mdInline) noteRef(label string) {
	if in.plain {
		return
	}
	in.space = noSpace
	in.raw("[^" + label + "]")
}

// lb is a TEI line break: a hard line break in running text, a space elsewhere.
func (in *mdInline) lb() {
	if in.flat || in.plain {
		in.space = hardSpace
		return
	}
	if in.last != 0 {
		in.lineBreak, in.space = true, noSpace
	}
}

// gap separates block-level content inside a one-line context.
func (in *mdInline) gap() { in.space = max(in.space, softSpace) }

func (in *mdInline) openEm() { in.em++ }

func (in *mdInline) endEm() {
	if in.em--; in.em == 0 {
		in.closeEm()
	}
}

// closeEm writes the closing "*" right after the last word, before any
// pending space, so that the delimiter is right-flanking.
func (in *mdInline) closeEm() {
	if in.emOpen {
		in.b.WriteByte('*')
		in.emOpen = false
	}
}

// finish returns the content and resets the builder, keeping its mode.
func (in *mdInline) finish() string {
	in.closeEm()
	s := in.b.String()
	*in = mdInline{plain: in.plain, flat: in.flat, noEm: in.noEm, em: in.em}
	return s
}

// mdEscape escapes the characters of a word that Markdown would read as
// syntax, so that "[Received April 1.]" stays literal. At the start of a
// line it also escapes what would begin a list, heading or thematic break.
func mdEscape(w string, lineStart bool) string {
	if !lineStart && !strings.ContainsAny(w, "\\*_[]`<>#|~&") {
		return w
	}
	var b strings.Builder
	if lineStart {
		if n := leadingDigits(w); n > 0 && n <= 9 && n < len(w) && (w[n] == '.' || w[n] == ')') {
			b.WriteString(w[:n])
			b.WriteByte('\\')
			w = w[n:]
		} else if w[0] == '-' || w[0] == '+' || w[0] == '=' {
			b.WriteByte('\\')
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case '\\', '*', '_', '[', ']', '`', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		case '&':
			if i+1 < len(w) && (isASCIILetter(w[i+1]) || w[i+1] == '#') {
				b.WriteByte('\\') // would start an entity
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mdEscapeText escapes running text, collapsing its whitespace.
func mdEscapeText(s string) string {
	var in mdInline
	in.text(s)
	return in.finish()
}

// plainText returns the text under n on one line, loosely normalised, for
// titles and fields. Notes are left out; so are the elements skip matches.
// A nil n has no text.
func plainText(n *node, skip func(*node) bool) string {
	if n == nil {
		return ""
	}
	in := mdInline{plain: true}
	var walk func(*node)
	walk = func(n *node) {
		for _, k := range n.kids {
			switch {
			case !k.isElement():
				in.text(k.text)
			case k.is("note") || k.is("pb") || (skip != nil && skip(k)):
			case k.is("lb"):
				in.lb()
			case blockElements[k.name.Local]:
				in.gap()
				walk(k)
				in.gap()
			default:
				walk(k)
			}
		}
	}
	walk(n)
	return in.finish()
}

// blockElements are TEI elements that start a new block; anything else is
// read as inline markup around its text.
var blockElements = map[string]bool{
	"p": true, "ab": true, "div": true, "list": true, "item": true, "table": true, "row": true, "cell": true,
	"dateline": true, "opener": true, "closer": true, "salute": true, "signed": true, "postscript": true,
	"head": true, "lg": true, "l": true, "byline": true, "epigraph": true, "trailer": true, "argument": true,
	"address": true, "addrLine": true, "figure": true, "attachment": true, "label": true,
}

// pageMarker is Recto's Markdown for a page break: "[[page p. 1002]]", or
// for a folio side "[[page f. 71r]]". Brackets around an unprinted page
// number ("[VI]") are dropped because the marker is itself bracketed.
func pageMarker(n string) string {
	n = strings.Trim(strings.TrimSpace(n), "[]")
	if d := leadingDigits(n); d > 0 && d == len(n)-1 && (n[d] == 'r' || n[d] == 'v') {
		return markup.PageMarkerText("f. " + trimZeros(n[:d]) + n[d:])
	}
	return markup.PageMarkerText("p. " + n)
}

// mdWriter renders TEI block content as Markdown blocks, with footnotes.
type mdWriter struct {
	blocks []string
	cur    mdInline
	notes  *mdNotes
	// section is the depth of the enclosing section: 0 in the document
	// itself, 1 in an attachment (whose heading is ##).
	section int
	// hook lets a reader render an element itself (a FRUS attachment, a
	// Suriano ptr); it reports whether it did.
	hook func(w *mdWriter, n *node) (bool, error)
}

// mdNotes collects footnote definitions in the order of first reference.
type mdNotes struct {
	defs    []string
	defined map[string]bool // label → has a (non-empty) definition
}

func newMDWriter(hook func(*mdWriter, *node) (bool, error)) *mdWriter {
	return &mdWriter{notes: &mdNotes{defined: map[string]bool{}}, hook: hook}
}

// sub returns a writer for nested content that shares the footnotes.
func (w *mdWriter) sub(flat bool) *mdWriter {
	s := &mdWriter{notes: w.notes, hook: w.hook, section: w.section}
	s.cur.flat = flat
	return s
}

// flush ends the current paragraph.
func (w *mdWriter) flush() {
	if s := w.cur.finish(); s != "" {
		w.blocks = append(w.blocks, s)
	}
}

// block adds a finished block.
func (w *mdWriter) block(md string) {
	w.flush()
	w.blocks = append(w.blocks, md)
}

// walk renders the children of n.
func (w *mdWriter) walk(n *node) error {
	for _, k := range n.kids {
		if err := w.node(k); err != nil {
			return err
		}
	}
	return nil
}

// node renders one element or run of text.
func (w *mdWriter) node(n *node) error {
	if !n.isElement() {
		w.cur.text(n.text)
		return nil
	}
	if w.hook != nil {
		if done, err := w.hook(w, n); done || err != nil {
			return err
		}
	}
	switch local := n.name.Local; {
	case local == "lb":
		w.cur.lb()
	case local == "pb":
		if p := n.get("n"); p != "" {
			w.cur.raw(pageMarker(p))
		}
	case local == "hi":
		return w.hi(n)
	case local == "note":
		return w.footnote(n.id(), n)
	case local == "gap":
		w.cur.text("[…]")
	case local == "figure" || local == "graphic":
	case w.cur.flat && blockElements[local]:
		w.cur.gap()
		err := w.walk(n)
		w.cur.gap()
		return err
	case local == "list":
		return w.list(n)
	case local == "table":
		return w.table(n)
	case (local == "quote" || local == "q") && hasBlocks(n):
		return w.quote(n)
	case blockElements[local]:
		w.flush()
		err := w.walk(n)
		w.flush()
		return err
	default:
		return w.walk(n)
	}
	return nil
}

// italicRends are the hi/@rend values shown in italics; other renditions
// (small capitals, superscript, bold) are shown plain.
var italicRends = map[string]bool{"italic": true, "italics": true, "i": true, "decoded": true}

func (w *mdWriter) hi(n *node) error {
	if !italicRends[n.get("rend")] {
		return w.walk(n)
	}
	return w.emphasised(n)
}

// emphasised renders n's content in italics.
func (w *mdWriter) emphasised(n *node) error {
	w.cur.openEm()
	err := w.walk(n)
	w.cur.endEm()
	return err
}

func hasBlocks(n *node) bool {
	for _, k := range n.kids {
		if k.is("p") || k.is("list") || k.is("table") || k.is("lg") {
			return true
		}
	}
	return false
}

// footnote writes a reference to a note labelled label, with content's
// children as its text, defining it the first time. A note without an
// xml:id gets a label from its position; an empty note gets no reference.
func (w *mdWriter) footnote(label string, content *node) error {
	if label == "" {
		label = "note-" + strconv.Itoa(len(w.notes.defined)+1)
	}
	defined, seen := w.notes.defined[label]
	if !seen {
		w.notes.defined[label] = false // a note that refers to itself stops here
		def := w.sub(false)
		if err := def.walk(content); err != nil {
			return err
		}
		def.flush()
		text := strings.Join(def.blocks, "\n\n")
		if defined = text != ""; defined {
			w.notes.defined[label] = true
			w.notes.defs = append(w.notes.defs, "[^"+label+"]: "+indentRest(text))
		}
	}
	if defined {
		w.cur.noteRef(label)
	}
	return nil
}

// indentRest indents every line after the first by four spaces, so that a
// footnote's later lines and paragraphs stay inside it.
func indentRest(s string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = "    " + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// list renders each item as a paragraph starting with its label ("1.",
// "(a)"): FRUS prints lists as numbered paragraphs, and paragraphs keep
// their numbers (#p3) for citation.
func (w *mdWriter) list(n *node) error {
	w.flush()
	labelled := false
	for _, k := range n.kids {
		var err error
		switch {
		case k.is("label"):
			w.flush()
			err = w.walk(k)
			w.cur.gap()
			labelled = true
		case k.is("item"):
			if !labelled {
				w.flush()
			}
			err = w.walk(k)
			w.flush()
			labelled = false
		case k.is("head"):
			w.flush()
			err = w.walk(k)
			w.flush()
		default:
			err = w.node(k)
		}
		if err != nil {
			return err
		}
	}
	w.flush()
	return nil
}

// table renders a GFM pipe table. Spanned cells are followed by empty ones;
// the first row is the header when all its cells are labels, else the
// header is empty.
func (w *mdWriter) table(n *node) error {
	w.flush()
	var rows [][]string
	header := false
	width := 0
	for _, k := range n.kids {
		switch {
		case k.is("head"):
			if err := w.node(k); err != nil {
				return err
			}
		case k.is("row"):
			row, labels, err := w.row(k)
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				header = labels
			}
			rows = append(rows, row)
			width = max(width, len(row))
		}
	}
	if width == 0 {
		return nil
	}
	if !header {
		rows = append([][]string{nil}, rows...)
	}
	var b strings.Builder
	for i, row := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		for c := range width {
			cell := ""
			if c < len(row) {
				cell = row[c]
			}
			b.WriteString("| " + cell + " ")
		}
		b.WriteString("|")
		if i == 0 {
			b.WriteString("\n" + strings.Repeat("| --- ", width) + "|")
		}
	}
	w.block(b.String())
	return nil
}

// row returns the cells of a table row and whether all are labels.
func (w *mdWriter) row(n *node) (cells []string, labels bool, err error) {
	labels = n.get("role") == "label"
	allLabels := true
	for _, c := range n.children("cell") {
		s := w.sub(true)
		if err := s.walk(c); err != nil {
			return nil, false, err
		}
		cells = append(cells, s.cur.finish())
		span, _ := strconv.Atoi(c.get("cols"))
		for range span - 1 {
			cells = append(cells, "")
		}
		allLabels = allLabels && c.get("role") == "label"
	}
	return cells, labels || (allLabels && len(cells) > 0), nil
}

// quote renders a block quotation.
func (w *mdWriter) quote(n *node) error {
	s := w.sub(false)
	if err := s.walk(n); err != nil {
		return err
	}
	s.flush()
	if len(s.blocks) == 0 {
		return nil
	}
	lines := strings.Split(strings.Join(s.blocks, "\n\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	w.block(strings.Join(lines, "\n"))
	return nil
}

// heading adds a heading of the given level with n's text, or fallback when
// n is nil or empty.
func (w *mdWriter) heading(level int, n *node, fallback string) error {
	text := ""
	if n != nil {
		s := w.sub(true)
		s.cur.noEm = true
		if err := s.walk(n); err != nil {
			return err
		}
		text = s.cur.finish()
	}
	if text == "" {
		text = mdEscapeText(fallback)
	}
	w.block(strings.Repeat("#", level) + " " + text)
	return nil
}

// markdown returns the blocks and footnote definitions. Page markers left
// at the end are dropped: the page they open belongs to what follows.
func (w *mdWriter) markdown() string {
	w.flush()
	blocks := w.blocks
	for len(blocks) > 0 && markup.OnlyPageMarkers(blocks[len(blocks)-1]) {
		blocks = blocks[:len(blocks)-1]
	}
	if len(blocks) == 0 {
		return ""
	}
	return strings.Join(append(blocks, w.notes.defs...), "\n\n")
}
