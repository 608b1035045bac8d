package tei

import (
	"fmt"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
)

// held counts the nodes a reader holds: those it can reach from the
// elements it is in.
func held(p *treeReader) int {
	seen := map[*node]bool{}
	var walk func(*node)
	walk = func(n *node) {
		if !seen[n] {
			seen[n] = true
			for _, k := range n.kids {
				walk(k)
			}
		}
	}
	for _, n := range p.stack {
		walk(n)
	}
	return len(seen)
}

// A FRUS volume is read one document at a time: when a document is
// emitted, the reader holds only the elements it is in and their heads,
// however many documents came before, and it has not read much past it.
func TestDecodeHoldsOneDocument(t *testing.T) {
	var body strings.Builder
	body.WriteString(`<div type="compilation" xml:id="comp"><head>Compilation</head>`)
	for ch := range 10 {
		fmt.Fprintf(&body, `<div type="chapter" xml:id="ch%d"><head>Chapter %d</head><pb n="%d"/>`, ch, ch, ch)
		for d := range 100 {
			fmt.Fprintf(&body, `<div type="document" xml:id="d%d-%d" n="%d"><head>Document</head>`+
				`<p>Paragraph one of the document, <hi rend="italic">with</hi> markup.</p><p>Two.</p></div>`, ch, d, d)
		}
		body.WriteString(`</div>`)
	}
	body.WriteString(`</div>`)
	xml := `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01">` +
		`<teiHeader><fileDesc><titleStmt><title type="complete">A volume</title></titleStmt></fileDesc></teiHeader>` +
		`<text><front><div xml:id="persons"><list><item><persName xml:id="p1">Doe, J.</persName>, a person</item></list></div></front>` +
		`<body>` + body.String() + `</body></text></TEI>`
	r := strings.NewReader(xml)
	var p *treeReader
	most, docs := 0, 0
	p, err := newTreeReader(r, "frus1999v01.xml", func(rec corpus.Line, at string) error {
		if rec.Document == nil {
			return nil
		}
		docs++
		most = max(most, held(p))
		if read := len(xml) - r.Len(); docs == 1 && read > 16<<10 {
			t.Errorf("the first document was emitted after %d bytes of %d were read", read, len(xml))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.run(); err != nil {
		t.Fatal(err)
	}
	if docs != 1000 {
		t.Fatalf("%d documents", docs)
	}
	// The elements the reader is in and the divisions' heads: 10 nodes;
	// the document being emitted is let go of as it is emitted.
	if most > 20 {
		t.Errorf("the reader held %d nodes at most while it emitted documents, want at most 20", most)
	}
}
