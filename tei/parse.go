package tei

import (
	"encoding/xml"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/input"
)

// Limits of what Decode holds at once, so that no file can exhaust the
// stack or the memory. A FRUS document division is read whole, one at a
// time, as is the part of a file before its first one; a letter's file is
// read whole. The largest FRUS document of the test volumes is 207 KB with
// 1,626 elements, the deepest nesting 15.
const (
	// MaxDepth is how deeply elements may nest (libxml2's default too).
	MaxDepth = 256
	// MaxDocumentSize is the most XML of one document held at once.
	MaxDocumentSize = 16 << 20
	// MaxDocumentNodes is the most elements and runs of text of one
	// document held at once (a tree of nodes takes about 150 bytes each).
	MaxDocumentNodes = 250_000
)

// Decode reads one TEI file and gives its records to emit as it reads
// them; name is used in error messages (usually the path). Every error of
// the file is an *Error naming its line and column; errors of emit are
// returned as they are.
//
// The root element must be TEI (in the TEI namespace, or in none), with
// nothing but comments and processing instructions after it. A file in the
// FRUS namespace, or with div[@type='document'], is read as a FRUS volume
// (or part of one), each document division as it ends; the volume's
// persons glossary must come before the documents that name its persons,
// as in FRUS. Any other file is read as one letter.
//
// The file is UTF-8 or UTF-16 (with a byte order mark, or recognised by
// its XML declaration's first bytes), or in the encoding its XML
// declaration names from the IANA registry (ISO-8859-1, windows-1252,
// KOI8-R…). Each xml:id names one element. Elements nest at most MaxDepth
// deep, and one document takes at most MaxDocumentSize bytes and
// MaxDocumentNodes elements and runs of text.
func Decode(r io.Reader, name string, emit corpus.Emit) error {
	p, err := newTreeReader(r, name, emit)
	if err != nil {
		return err
	}
	return p.run()
}

func newTreeReader(r io.Reader, name string, emit corpus.Emit) (*treeReader, error) {
	win := &input.Window{R: r, Limit: MaxDocumentSize}
	text, enc, err := xmlText(win)
	if err != nil {
		return nil, &Error{File: name, Line: 1, Column: 1, Err: err}
	}
	dec := xml.NewDecoder(text)
	dec.CharsetReader = charsetReader(enc)
	return &treeReader{file: name, dec: dec, win: win, emit: emit, ids: map[uint64]int{}, seed: maphash.MakeSeed(),
		stack: []*node{{}}}, nil
}

// treeReader builds the tree of a file as it reads it. Until it meets the
// first document division it holds everything; once the file is FRUS it
// holds, besides the elements it is in, only what it reads whole: a
// document division, the persons glossary, a division's head.
type treeReader struct {
	file  string
	dec   *xml.Decoder
	win   *input.Window
	emit  corpus.Emit
	stack []*node // open elements; stack[0] is the document node
	// ids gives the line of each xml:id's element, by a hash of the id:
	// a file's ids are kept to the end, and a hash is smaller.
	ids   map[uint64]int
	seed  maphash.Seed
	root  *node
	ended bool // the root element has ended
	// frus reads the file once it shows itself FRUS.
	frus *frusReader
	// whole is the index in stack of the element being read whole, 0 for
	// none; held counts the nodes held since it began (or since the start
	// of the file, before frus is set).
	whole  int
	held   int
	header int // how many teiHeader elements the parser is in
}

func (p *treeReader) run() error {
	for {
		line, col := p.dec.InputPos()
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.tokenError(err, line, col)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			err = p.start(t, line, col)
		case xml.EndElement:
			err = p.end()
		case xml.CharData:
			err = p.text(t, line, col)
		case xml.Directive:
			if p.root != nil {
				err = p.errorAt(line, col, "a declaration (<!…>) inside or after the root element")
			}
		}
		if err != nil {
			return err
		}
		if p.frus != nil && p.whole == 0 {
			p.win.Mark() // nothing is held from one token to the next
		}
	}
	if p.root == nil {
		line, col := p.dec.InputPos()
		return p.errorAt(line, col, "no root element")
	}
	if p.frus != nil {
		return nil
	}
	if declaresFRUS(p.root) {
		return p.beginFRUS()
	}
	return readGeneric(p.root, p.file, p.emit)
}

func (p *treeReader) errorAt(line, col int, format string, args ...any) error {
	return &Error{File: p.file, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
}

// start reads a start tag.
func (p *treeReader) start(t xml.StartElement, line, col int) error {
	n := &node{name: t.Name, attr: t.Attr, line: line, col: col}
	switch {
	case len(p.stack) > MaxDepth:
		return p.errorAt(line, col, "elements nest deeper than %d levels, the most Recto reads", MaxDepth)
	case p.ended:
		return p.errorAt(line, col, "content after the root element: <%s>", t.Name.Local)
	case p.root == nil && !n.is("TEI"):
		return p.errorAt(line, col, "the root element is <%s>, not TEI's <TEI>: this is not a TEI file", t.Name.Local)
	case p.root == nil:
		p.root = n
	}
	if id := n.id(); id != "" {
		h := maphash.String(p.seed, id)
		if first, dup := p.ids[h]; dup {
			return p.errorAt(line, col, "xml:id %q is also that of the element on line %d: an xml:id names one element", id, first)
		}
		p.ids[h] = line
	}
	parent := p.stack[len(p.stack)-1]
	p.stack = append(p.stack, n)
	if n.is("teiHeader") {
		p.header++
	}
	switch {
	case p.whole > 0:
	case p.frus == nil && p.header == 0 && isDocument(n):
		if err := p.beginFRUS(); err != nil {
			return err
		}
		p.readWhole()
	case p.frus == nil:
	case p.header == 0 && (isDocument(n) || p.frus.needsGlossary(n) || isFirstHead(n, parent)):
		p.readWhole()
	default:
		if n.is("pb") && p.header == 0 && n.get("n") != "" {
			p.frus.page = n.get("n")
		}
		return nil // the element is only a place in the tree: not held
	}
	parent.kids = append(parent.kids, n)
	return p.hold(1)
}

// isFirstHead reports whether n is the head of the division parent, which
// gives the division's title: the only head a FRUS reader keeps of the
// divisions it is in.
func isFirstHead(n, parent *node) bool {
	return n.is("head") && parent.is("div") && parent.child("head") == nil
}

// readWhole starts holding the element just started, and all in it.
func (p *treeReader) readWhole() {
	p.whole = len(p.stack) - 1
	p.held = 0
	p.win.Mark()
}

// hold counts nodes held, up to the limit.
func (p *treeReader) hold(n int) error {
	if p.held += n; p.held > MaxDocumentNodes {
		return p.limitError(fmt.Sprintf("more than %d elements and runs of text", MaxDocumentNodes))
	}
	return nil
}

// end reads an end tag: an element read whole is done with.
func (p *treeReader) end() error {
	n := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if n.is("teiHeader") {
		p.header--
	}
	if len(p.stack) == 1 {
		p.ended = true
	}
	if p.frus == nil {
		return nil
	}
	delete(p.frus.divisions, n)
	if p.whole != len(p.stack) {
		return nil
	}
	p.whole = 0
	if !n.is("head") {
		// Read, it is done with: nothing keeps it. A division's head
		// stays for its title.
		parent := p.stack[len(p.stack)-1]
		parent.kids = parent.kids[:len(parent.kids)-1]
	}
	return p.frus.done(n, p.stack)
}

// text reads character data: text outside the root element must be white
// space; between documents of a FRUS file it is not held.
func (p *treeReader) text(t xml.CharData, line, col int) error {
	if p.root == nil || p.ended {
		if strings.TrimSpace(string(t)) != "" {
			where := "before"
			if p.ended {
				where = "after"
			}
			return p.errorAt(line, col, "text %s the root element", where)
		}
		return nil
	}
	if p.frus != nil && p.whole == 0 {
		return nil
	}
	top := p.stack[len(p.stack)-1]
	top.kids = append(top.kids, &node{text: string(t), line: line, col: col})
	return p.hold(1)
}

// beginFRUS starts reading the file as FRUS from what has been read so
// far (the header, the glossary, the page breaks, the divisions the parser
// is in), then lets go of all of it but the divisions' heads.
func (p *treeReader) beginFRUS() error {
	f, err := newFRUSReader(p.root, p.file, p.emit)
	if err != nil {
		return err
	}
	p.frus = f
	for _, n := range p.stack[1:] {
		var heads []*node
		if n.is("div") {
			heads = n.children("head")
		}
		n.kids = heads
	}
	p.held = 0
	p.win.Mark()
	return nil
}

// tokenError places an error of the XML decoder, in Recto's words.
func (p *treeReader) tokenError(err error, line, col int) error {
	if _, ok := errors.AsType[*input.TooLongError](err); ok {
		return p.limitError(fmt.Sprintf("more than %s of XML", input.Size(MaxDocumentSize)))
	}
	if ee, ok := errors.AsType[*encodingError](err); ok {
		return p.errorAt(line, col, "%s", ee.Error())
	}
	return syntaxError(p.dec, p.file, err)
}

// limitError says what went past a limit: the document division being
// read, the part of the file before the first one, or one tag or run of
// text between documents.
func (p *treeReader) limitError(what string) error {
	switch {
	case p.whole > 0:
		n := p.stack[p.whole]
		thing := "this <" + n.name.Local + ">"
		if isDocument(n) {
			thing = "this document division"
		}
		return p.errorAt(n.line, n.col, "%s holds %s, the most Recto holds of one document", thing, what)
	case p.frus == nil:
		return p.errorAt(1, 1, "the file holds %s before its first document division: a letter's file, "+
			"or the part of a FRUS volume before its documents, may hold at most %s and %d elements and runs of text",
			what, input.Size(MaxDocumentSize), MaxDocumentNodes)
	}
	line, col := p.dec.InputPos()
	return p.errorAt(line, col, "a tag or run of text with %s", what)
}
