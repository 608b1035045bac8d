package query

import "github.com/recto-archive/recto/edtf"

// Node is a node of the query tree: *And, *Or, *Not, *Term, *Phrase, *Field
// or *DateRange.
type Node interface{ node() }

// And matches the documents that match all of its Nodes. The top level of a
// query is always an And. In a tree from Parse an And has no And among its
// Nodes, and an And below the top level has at least two Nodes.
type And struct{ Nodes []Node }

// Or matches the documents that match any of its Nodes. In a tree from Parse
// an Or has at least two Nodes, none of them an Or or a Not.
type Or struct{ Nodes []Node }

// Not excludes the documents that match its Node. It is only ever one of the
// Nodes of an And, and its Node is never a Not.
type Not struct{ Node Node }

// Term is a word as typed. It is not normalised: the search engine analyses it.
type Term struct {
	Text   string
	Prefix bool // typed with a trailing "*": matches words beginning with Text
}

// Phrase is an exact phrase: the words between the quotes, as typed, without
// the spaces at either end.
type Phrase struct{ Text string }

// Field restricts a word or phrase to one field of the documents. Date filters
// are DateRanges, not Fields.
type Field struct {
	Name   string // lower-case field name, one of Fields
	Value  string // as typed, without quotes
	Phrase bool   // the value was quoted
	Prefix bool   // title:word*; only title accepts a prefix
}

// DateRange is a date filter: it matches documents dated within From and To,
// both inclusive.
type DateRange struct {
	From, To edtf.Day
	// Open is true for the left (From) and right (To) side when that side is
	// open; its Day is then the zero value.
	Open [2]bool
	Text string // the value as typed, without quotes, for display
}

func (*And) node()       {}
func (*Or) node()        {}
func (*Not) node()       {}
func (*Term) node()      {}
func (*Phrase) node()    {}
func (*Field) node()     {}
func (*DateRange) node() {}

// Fields lists the known field names, in the order they are documented.
var Fields = []string{"title", "person", "place", "subject", "collection", "repository", "lang", "translator", "classification", "type", "date"}

// Problem is something wrong in a query, with a message fit to show to the
// user.
type Problem struct {
	Offset  int // byte offset in the query where it was noticed
	Message string
}

// IsEmpty reports whether a has nothing to search for, as for an empty query
// or one whose every item was dropped.
func (a *And) IsEmpty() bool { return a == nil || len(a.Nodes) == 0 }

// Walk calls fn for n and every node below it, parents before children and in
// order, with negated true for the nodes that sit under a Not. The Not itself
// is visited with its parent's flag.
func Walk(n Node, fn func(n Node, negated bool)) { walk(n, false, fn) }

func walk(n Node, negated bool, fn func(Node, bool)) {
	if n == nil {
		return
	}
	fn(n, negated)
	switch n := n.(type) {
	case *And:
		for _, c := range n.Nodes {
			walk(c, negated, fn)
		}
	case *Or:
		for _, c := range n.Nodes {
			walk(c, negated, fn)
		}
	case *Not:
		walk(n.Node, true, fn)
	}
}
