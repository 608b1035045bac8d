package tei

import (
	"bytes"
	"fmt"
	"runtime"
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

// BenchmarkDecodeVolume decodes a FRUS-like volume of 20,000 documents
// (27 MB) in one file and reports the most live heap the reader holds
// besides the file's bytes, measured after a collection every 1,000
// documents: it stays near one document's worth whatever the size of the
// file. Run with -benchtime 1x.
func BenchmarkDecodeVolume(b *testing.B) {
	var body strings.Builder
	for ch := range 20 {
		fmt.Fprintf(&body, `<div type="chapter" xml:id="ch%d"><head>Chapter %d</head>`, ch, ch)
		for d := range 1000 {
			fmt.Fprintf(&body, `<div type="document" xml:id="d%d-%d" n="%d"><head>The Minister to the Secretary of State</head>`+
				`<dateline><placeName>Peking</placeName>, <date when="1901-03-%02d">March %d, 1901</date>.</dateline>`,
				ch, d, d, d%28+1, d%28+1)
			for range 6 {
				body.WriteString(`<p>` + strings.Repeat("Sir: I have the honor to report the conversation held to-day. ", 3) + `</p>`)
			}
			body.WriteString(`<pb n="` + fmt.Sprint(ch*1000+d) + `"/></div>`)
		}
		body.WriteString(`</div>`)
	}
	xml := []byte(`<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01"><text><body>` +
		body.String() + `</body></text></TEI>`)
	b.SetBytes(int64(len(xml)))
	var most uint64
	for b.Loop() {
		var ms runtime.MemStats
		runtime.GC()
		docs := 0
		err := Decode(bytes.NewReader(xml), "frus1999v01.xml", func(rec corpus.Line, at string) error {
			if rec.Document != nil {
				if docs++; docs%1000 == 0 {
					runtime.GC()
					runtime.ReadMemStats(&ms)
					most = max(most, ms.HeapAlloc-uint64(len(xml)))
				}
			}
			return nil
		})
		if err != nil || docs != 20_000 {
			b.Fatalf("%d documents, %v", docs, err)
		}
	}
	b.ReportMetric(float64(most)/(1<<20), "live-MiB")
}

// A division keeps only the head that titles it, however many it has.
func TestDecodeKeepsOneHead(t *testing.T) {
	xml := `<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1999v01"><text><body><div type="document" xml:id="d0"><p>x</p></div>` +
		`<div type="chapter"><head>Chapter</head>` + strings.Repeat(`<head>More</head>`, 10_000) +
		`<div type="document" xml:id="d1"><head>D</head><p>x</p></div></div></body></text></TEI>`
	var p *treeReader
	most := 0
	p, err := newTreeReader(strings.NewReader(xml), "frus1999v01.xml", func(rec corpus.Line, at string) error {
		if rec.Collection != nil && rec.Collection.Title == "Chapter" && rec.Collection.Key == "frus1999v01.1" {
			most = held(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.run(); err != nil {
		t.Fatal(err)
	}
	if most == 0 || most > 20 {
		t.Errorf("the reader held %d nodes when it emitted the chapter", most)
	}
}

// A division's head becomes a collection's title without the punctuation
// that led into its documents in print, keeping an abbreviation's period.
func TestHeadingTitle(t *testing.T) {
	for head, want := range map[string]string{
		"Iran:":                             "Iran",
		"Syria and the Lebanon: ":           "Syria and the Lebanon",
		"Negotiations of the powers, 1900.": "Negotiations of the powers, 1900",
		"Telegraphic correspondence.":       "Telegraphic correspondence",
		"Relations with the U.S.S.R.":       "Relations with the U.S.S.R.",
		"Claims against Smith & Co.":        "Claims against Smith & Co.",
		"Sinkiang":                          "Sinkiang",
		"":                                  "",
	} {
		if got := headingTitle(head); got != want {
			t.Errorf("headingTitle(%q) = %q, want %q", head, got, want)
		}
	}
}
