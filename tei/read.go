package tei

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/recto-archive/recto/corpus"
)

// Namespaces the readers look for.
const (
	nsTEI  = "http://www.tei-c.org/ns/1.0"
	nsFRUS = "http://history.state.gov/frus/ns/1.0"
	nsXML  = "http://www.w3.org/XML/1998/namespace"
)

// Error is a problem in a TEI file, at a line and column (both 1-based; the
// column counts bytes, as encoding/xml does).
type Error struct {
	File         string
	Line, Column int
	Err          error
}

// Error returns "file:line:column: problem".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

// Unwrap returns the underlying problem.
func (e *Error) Unwrap() error { return e.Err }

// Read reads one TEI file into a corpus File, as Decode does.
func Read(r io.Reader, name string) (*corpus.File, error) {
	f := &corpus.File{}
	if err := Decode(r, name, f.Add); err != nil {
		return nil, err
	}
	return f, nil
}

// node is an element, or a run of character data when name.Local is "".
// A reader holds a document's elements as a tree because it looks ahead (a
// document's date, its signatures) before writing anything.
type node struct {
	name      xml.Name
	attr      []xml.Attr
	kids      []*node
	text      string
	line, col int // where the start tag begins
}

// declaresFRUS reports whether the root declares the FRUS namespace.
func declaresFRUS(root *node) bool {
	for _, a := range root.attr {
		if a.Value == nsFRUS {
			return true
		}
	}
	return false
}

// errorf returns an *Error placed at n.
func errorf(file string, n *node, format string, args ...any) error {
	return errorAt(file, n, fmt.Errorf(format, args...))
}

// errorAt places err at n.
func errorAt(file string, n *node, err error) error {
	return &Error{File: file, Line: n.line, Column: n.col, Err: err}
}

func (n *node) isElement() bool { return n.name.Local != "" }

// is reports whether n is the element local in the TEI namespace (or in none,
// so that TEI written without a namespace reads the same).
func (n *node) is(local string) bool {
	return n.name.Local == local && (n.name.Space == nsTEI || n.name.Space == "")
}

// get returns the attribute local without a namespace, or "".
func (n *node) get(local string) string {
	for _, a := range n.attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// getNS returns the attribute local in namespace space, or "".
func (n *node) getNS(space, local string) string {
	for _, a := range n.attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

func (n *node) id() string { return n.getNS(nsXML, "id") }

// child returns the first child element local, or nil (also when n is nil).
func (n *node) child(local string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.is(local) {
			return k
		}
	}
	return nil
}

// children returns the child elements local (none when n is nil).
func (n *node) children(local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.is(local) {
			out = append(out, k)
		}
	}
	return out
}

// find returns the first descendant (in document order) for which match is
// true, or nil.
func (n *node) find(match func(*node) bool) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if !k.isElement() {
			continue
		}
		if match(k) {
			return k
		}
		if f := k.find(match); f != nil {
			return f
		}
	}
	return nil
}

// findAll returns the descendants for which match is true, in document
// order, without looking inside those it returns.
func (n *node) findAll(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(n *node) {
		for _, k := range n.kids {
			switch {
			case !k.isElement():
			case match(k):
				out = append(out, k)
			default:
				walk(k)
			}
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// elem returns a matcher for the TEI element local.
func elem(local string) func(*node) bool {
	return func(n *node) bool { return n.is(local) }
}

// path follows child elements by local name: n.path("teiHeader", "fileDesc").
func (n *node) path(locals ...string) *node {
	for _, l := range locals {
		if n = n.child(l); n == nil {
			return nil
		}
	}
	return n
}

// childWith returns the first child element local whose attribute attr is
// value, or nil (also when n is nil).
func (n *node) childWith(local, attr, value string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.is(local) && k.get(attr) == value {
			return k
		}
	}
	return nil
}

// rawText returns all character data under n, as written.
func (n *node) rawText() string {
	if !n.isElement() {
		return n.text
	}
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		for _, k := range n.kids {
			if k.isElement() {
				walk(k)
			} else {
				b.WriteString(k.text)
			}
		}
	}
	walk(n)
	return b.String()
}
