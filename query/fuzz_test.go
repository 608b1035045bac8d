package query

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.q)
	}
	for _, q := range limitQueries() {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		tree, problems := Parse(q)
		used, _ := Cut(q)
		if len(used) > maxBytes || !strings.HasPrefix(q, used) {
			t.Fatalf("Cut(%q) = %q", q, used)
		}
		if part, _ := Parse(used); !reflect.DeepEqual(part, tree) {
			t.Fatalf("Parse(Cut(%q)) = %s, want %s", q, String(part), String(tree))
		}
		for _, p := range problems {
			if p.Offset < 0 || p.Offset > len(q) || p.Message == "" {
				t.Fatalf("Parse(%q): bad problem %v", q, p)
			}
		}
		if leaves := checkTree(t, tree); leaves > maxItems {
			t.Fatalf("Parse(%q) has %d items", q, leaves)
		}
		s := String(tree)
		again, problems := Parse(s)
		if len(problems) > 0 {
			t.Fatalf("Parse(%q): canonical form %q has problems %v", q, s, problems)
		}
		if !reflect.DeepEqual(again, tree) {
			t.Fatalf("Parse(%q): canonical form %q parses to %s", q, s, String(again))
		}
	})
}

// checkTree checks the shape Parse promises and returns the number of leaves.
func checkTree(t *testing.T, top *And) int {
	t.Helper()
	leaves := 0
	var check func(n, parent Node)
	check = func(n, parent Node) {
		switch n := n.(type) {
		case *And:
			_, inAnd := parent.(*And)
			if inAnd || (parent != nil && len(n.Nodes) < 2) {
				t.Fatalf("misplaced And %s under %T", String(n), parent)
			}
			for _, c := range n.Nodes {
				check(c, n)
			}
		case *Or:
			if len(n.Nodes) < 2 {
				t.Fatalf("Or %s has fewer than two items", String(n))
			}
			for _, c := range n.Nodes {
				switch c.(type) {
				case *Or, *Not:
					t.Fatalf("%T in Or %s", c, String(n))
				}
				check(c, n)
			}
		case *Not:
			if _, ok := parent.(*And); !ok {
				t.Fatalf("Not %s under %T", String(n), parent)
			}
			if _, ok := n.Node.(*Not); ok {
				t.Fatalf("Not of Not %s", String(n))
			}
			check(n.Node, n)
		case *Term:
			leaves++
			if n.Text == "" || (n.Text == "OR" && !n.Prefix) || strings.Contains(n.Text, "*") {
				t.Fatalf("bad Term %#v", n)
			}
		case *Phrase:
			leaves++
			if n.Text == "" || n.Text != strings.TrimSpace(n.Text) {
				t.Fatalf("bad Phrase %#v", n)
			}
		case *Field:
			leaves++
			if !slices.Contains(Fields, n.Name) || n.Name == "date" || n.Value == "" || (n.Prefix && n.Name != "title") {
				t.Fatalf("bad Field %#v", n)
			}
		case *DateRange:
			leaves++
			if (!n.Open[0] && !n.Open[1] && n.From > n.To) || (n.Open[0] && n.From != 0) || (n.Open[1] && n.To != 0) || n.Text == "" {
				t.Fatalf("bad DateRange %#v", n)
			}
		default:
			t.Fatalf("unexpected node %#v", n)
		}
	}
	check(top, nil)
	return leaves
}
