package query

import "strings"

// String renders a tree back in the query language, in canonical form:
// lower-case field names, one space between items, phrases in straight
// quotes, OR in upper case and parentheses only where they are needed. For
// every tree Parse returns, Parse(String(n)) returns an equal tree and no
// problems. A DateRange without Text is written from its days.
func String(n Node) string {
	var b strings.Builder
	writeSeq(&b, n)
	return b.String()
}

// writeSeq writes n as a sequence of items, as at the top of a query or
// inside parentheses.
func writeSeq(b *strings.Builder, n Node) {
	a, ok := n.(*And)
	if !ok {
		writeItem(b, n)
		return
	}
	for i, c := range a.Nodes {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeItem(b, c)
	}
}

// writeItem writes n as one item of a sequence. OR needs no parentheses there
// because it binds more tightly than the implicit AND.
func writeItem(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Or:
		for i, c := range n.Nodes {
			if i > 0 {
				b.WriteString(" OR ")
			}
			writeOperand(b, c)
		}
	case *Not:
		b.WriteByte('-')
		writeOperand(b, n.Node)
	default:
		writeOperand(b, n)
	}
}

// writeOperand writes n as the operand of OR or "-": a leaf as it is,
// anything else in parentheses.
func writeOperand(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Term:
		b.WriteString(n.Text)
		if n.Prefix {
			b.WriteByte('*')
		}
	case *Phrase:
		writeQuoted(b, n.Text)
	case *Field:
		b.WriteString(strings.ToLower(n.Name))
		b.WriteByte(':')
		if n.Phrase {
			writeQuoted(b, n.Value)
		} else {
			b.WriteString(n.Value)
		}
		if n.Prefix {
			b.WriteByte('*')
		}
	case *DateRange:
		b.WriteString("date:")
		b.WriteString(dateText(n))
	case nil:
	default:
		b.WriteByte('(')
		writeSeq(b, n)
		b.WriteByte(')')
	}
}

func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// dateText is the range as typed or, for a range built by a program, its days
// in ISO form.
func dateText(r *DateRange) string {
	if r.Text != "" {
		return r.Text
	}
	var from, to string
	if !r.Open[0] {
		from = r.From.String()
	}
	if !r.Open[1] {
		to = r.To.String()
	}
	return from + ".." + to
}
