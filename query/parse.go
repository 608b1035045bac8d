package query

import (
	"cmp"
	"fmt"
	"slices"
)

// parser holds the state of one Parse: first the lexer's, over the query
// text, then the parser's, over the tokens.
type parser struct {
	s     string  // the query, cut to the character limit
	pos   int     // lexer: byte offset in s
	open  int     // lexer: parentheses opened and not yet closed
	items int     // lexer: items emitted
	full  bool    // lexer: an item beyond maxItems was met
	toks  []token // the lexer's output
	end   int     // lexer: where it stopped reading s
	next  int     // parser: index of the next token

	// cut is set when a limit ended the query early. The end of the query is
	// then not the user's, so an unclosed quote or parenthesis, or an OR or
	// "-" left at the end, is not reported.
	cut bool

	problems []Problem
	seen     map[string]bool // messages in problems
	limits   []Problem       // the problems saying where a limit cut the query
}

// Parse parses q. It never fails: it returns the best tree it can and the
// problems it met, ordered by offset, each message once. A query with no
// usable item returns an empty *And.
func Parse(q string) (*And, []Problem) {
	p := lexed(q)
	tree := &And{Nodes: p.seq()}
	slices.SortStableFunc(p.problems, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return tree, p.problems
}

// Cut returns the part of q that Parse reads: all of it, or q up to where
// a limit (on characters, bytes or items) stopped reading, with the problem
// saying which. Parse(Cut(q)) finds what Parse(q) finds. Whatever shows a
// query back to its reader shows this part, so that a query of a megabyte
// costs a page no more than one of 1,000 characters.
func Cut(q string) (string, []Problem) {
	p := lexed(q)
	return q[:p.end], p.limits
}

// lexed returns a parser that has read q's tokens.
func lexed(q string) *parser {
	p := &parser{seen: map[string]bool{}}
	p.s = p.limit(q)
	p.lex()
	return p
}

// report records a problem. A message is recorded once, so that a query of
// many stray characters yields one problem, not many.
func (p *parser) report(off int, msg string) {
	if !p.seen[msg] {
		p.seen[msg] = true
		p.problems = append(p.problems, Problem{Offset: off, Message: msg})
	}
}

// rollback forgets the problems recorded since there were mark of them.
func (p *parser) rollback(mark int) {
	for _, pr := range p.problems[mark:] {
		delete(p.seen, pr.Message)
	}
	p.problems = p.problems[:mark]
}

func (p *parser) peek() token {
	if p.next == len(p.toks) {
		return token{kind: tEOF}
	}
	return p.toks[p.next]
}

func (p *parser) take() token {
	t := p.peek()
	p.next++
	return t
}

// seq parses items up to the end of the query or of the enclosing group (the
// lexer has dropped unmatched closing parentheses) and returns them, groups of
// several items flattened into the sequence.
func (p *parser) seq() []Node {
	var nodes []Node
	for {
		switch p.peek().kind {
		case tEOF, tClose:
			return nodes
		case tOR:
			p.report(p.take().off, orAlone)
		default:
			for _, n := range p.or() {
				if a, ok := n.(*And); ok {
					nodes = append(nodes, a.Nodes...)
				} else {
					nodes = append(nodes, n)
				}
			}
		}
	}
}

const orAlone = "OR needs an item on each side: it was ignored."

// or parses items joined by OR and returns what they amount to: nothing, one
// item, an *Or, or, when OR joins an exclusion, the items themselves.
func (p *parser) or() []Node {
	ops, orOff := []Node{p.unary()}, -1
	for p.peek().kind == tOR {
		t := p.take()
		if orOff < 0 {
			orOff = t.off
		}
		switch p.peek().kind {
		case tEOF:
			if !p.cut {
				p.report(t.off, orAlone)
			}
		case tOR, tClose:
			p.report(t.off, orAlone)
		default:
			ops = append(ops, p.unary())
		}
	}
	return p.joinOr(ops, orOff)
}

// joinOr makes an Or of ops, flattening Ors and dropping nil items; orOff is
// where the first OR was.
func (p *parser) joinOr(ops []Node, orOff int) []Node {
	var kept []Node
	for _, n := range ops {
		switch n := n.(type) {
		case nil:
		case *Or:
			kept = append(kept, n.Nodes...)
		default:
			kept = append(kept, n)
		}
	}
	if len(kept) < 2 {
		return kept
	}
	for _, n := range kept {
		if _, ok := n.(*Not); ok {
			// "Anything without a, or b" matches nearly everything, which
			// nobody means; reading it as "-a b" is the likelier intent.
			p.report(orOff, fmt.Sprintf(`OR cannot join an exclusion (%s): the OR was ignored.`, String(n)))
			return kept
		}
	}
	return []Node{&Or{Nodes: kept}}
}

// unary parses an item with any "-" before it.
func (p *parser) unary() Node {
	if p.peek().kind != tMinus {
		return p.primary()
	}
	t := p.take()
	switch p.peek().kind {
	case tEOF: // only when the item limit cut the query right after the "-"
		return nil
	case tOR: // "-OR": OR is never a word
		p.report(t.off, loneMinus)
		return nil
	}
	switch n := p.unary().(type) {
	case nil:
		return nil
	case *Not: // --a and -(-a) mean a
		return n.Node
	default:
		return &Not{Node: n}
	}
}

// primary parses a leaf or a group.
func (p *parser) primary() Node {
	t := p.take()
	if t.kind != tOpen {
		return t.node
	}
	if p.peek().kind == tClose {
		p.take()
		p.report(t.off, `Empty parentheses "()" were ignored.`)
		return nil
	}
	nodes := p.seq()
	if p.peek().kind == tClose {
		p.take()
	} else if !p.cut {
		p.report(t.off, "Missing closing parenthesis: the group was closed at the end of the query.")
	}
	switch len(nodes) {
	case 0:
		return nil
	case 1:
		return nodes[0]
	}
	return &And{Nodes: nodes}
}
