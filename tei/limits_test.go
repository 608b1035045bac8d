package tei_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/tei"
)

const teiOpen = `<TEI xmlns="http://www.tei-c.org/ns/1.0">`

// frusVolume is a FRUS volume with the given body.
func frusVolume(body string) string {
	return `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01"><text><body>` +
		body + `</body></text></TEI>`
}

// wantError reads xml and checks the error's text.
func wantError(t *testing.T, name, xml, want string) {
	t.Helper()
	_, err := tei.Read(strings.NewReader(xml), name)
	var te *tei.Error
	if !errors.As(err, &te) || err.Error() != want {
		t.Errorf("%s:\n got  %v\n want %s", name, err, want)
	}
}

// No nesting, however deep, exhausts the stack: past MaxDepth the file is
// refused where it goes too deep.
func TestReadDepth(t *testing.T) {
	const n = 2_000_000
	deep := teiOpen + "<text><body>" + strings.Repeat("<p>", n) + strings.Repeat("</p>", n) + "</body></text></TEI>"
	wantError(t, "deep.xml", deep, fmt.Sprintf("deep.xml:1:%d: elements nest deeper than 256 levels, the most Recto reads",
		len(teiOpen)+len("<text><body>")+3*(tei.MaxDepth-3)+1))

	const divs = 50_000
	nested := frusVolume(strings.Repeat("<div>", divs) + `<div type="document" xml:id="d1"><p>x</p></div>` + strings.Repeat("</div>", divs))
	_, err := tei.Read(strings.NewReader(nested), "divs.xml")
	if err == nil || !strings.Contains(err.Error(), "elements nest deeper than 256 levels") {
		t.Errorf("50,000 nested divisions: %v", err)
	}

	// Up to the limit, nesting is read.
	ok := frusVolume(strings.Repeat("<div>", tei.MaxDepth-6) + `<div type="document" xml:id="d1"><p>x</p></div>` + strings.Repeat("</div>", tei.MaxDepth-6))
	f, err := tei.Read(strings.NewReader(ok), "frus1999v01.xml")
	if err != nil || len(f.Documents) != 1 || len(f.Collections) != tei.MaxDepth-5 {
		t.Errorf("nesting within the limit: %v", err)
	}
}

// One document, or a letter's file, holds at most MaxDocumentSize bytes
// and MaxDocumentNodes elements and runs of text; a file of many documents
// may be as large as it likes.
func TestReadDocumentLimits(t *testing.T) {
	// Readers buffer a few KiB ahead: the limits hold to within that.
	big := strings.Repeat("x", tei.MaxDocumentSize+64<<10)
	docAt := len(frusVolume("")) - len("</body></text></TEI>") + 1
	wantError(t, "big.xml", frusVolume(`<div type="document" xml:id="d1"><p>`+big+`</p></div>`),
		fmt.Sprintf("big.xml:1:%d: this document division holds more than 16 MiB of XML, the most Recto holds of one document", docAt))
	wantError(t, "letter.xml", teiOpen+"<text><body><p>"+big+"</p></body></text></TEI>",
		"letter.xml:1:1: the file holds more than 16 MiB of XML before its first document division: a letter's file, "+
			"or the part of a FRUS volume before its documents, may hold at most 16 MiB and 250000 elements and runs of text")
	between := frusVolume(`<div type="document" xml:id="d1"><p>x</p></div><div><p>` + big + `</p></div>`)
	_, err := tei.Read(strings.NewReader(between), "between.xml")
	if err == nil || !strings.HasSuffix(err.Error(), ": a tag or run of text with more than 16 MiB of XML") {
		t.Errorf("a run of text between documents: %v", err)
	}
	wantError(t, "nodes.xml", frusVolume(`<div type="document" xml:id="d1"><p>`+strings.Repeat("<lb/>", tei.MaxDocumentNodes)+`</p></div>`),
		fmt.Sprintf("nodes.xml:1:%d: this document division holds more than 250000 elements and runs of text, the most Recto holds of one document", docAt))

	// Many documents together may be larger than one may be.
	var body strings.Builder
	doc := `<div type="document" xml:id="d%d"><head>Document %d</head><p>` + strings.Repeat("word ", 20_000) + `</p></div>`
	for i := range 200 {
		fmt.Fprintf(&body, doc, i, i)
	}
	if body.Len() < tei.MaxDocumentSize {
		t.Fatal("the volume is not larger than one document may be")
	}
	n := 0
	err = tei.Decode(strings.NewReader(frusVolume(body.String())), "frus1999v01.xml", func(rec corpus.Line, at string) error {
		if rec.Document != nil {
			n++
		}
		return nil
	})
	if err != nil || n != 200 {
		t.Errorf("a volume of 200 documents, %d bytes: %d documents, %v", body.Len(), n, err)
	}
}

// utf16LE encodes s as UTF-16LE, with a byte order mark when bom is set.
func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// UTF-16 and declared legacy encodings are read; what is not read is
// refused by name.
func TestReadEncodings(t *testing.T) {
	letter := func(decl, text string) string {
		return decl + teiOpen + "<text><body><p>" + text + "</p></body></text></TEI>"
	}
	for name, c := range map[string]struct{ xml, want string }{
		"UTF-8":              {letter(`<?xml version="1.0" encoding="UTF-8"?>`, "Café"), "Café"},
		"UTF-8 BOM":          {"\xEF\xBB\xBF" + letter(`<?xml version="1.0"?>`, "Café"), "Café"},
		"UTF-16LE BOM":       {utf16LE(letter(`<?xml version="1.0" encoding="UTF-16"?>`, "Café 伊宁"), true), "Café 伊宁"},
		"UTF-16BE BOM":       {utf16BE(letter(`<?xml version="1.0" encoding="UTF-16"?>`, "Café")), "Café"},
		"UTF-16LE, no BOM":   {utf16LE(letter(`<?xml version="1.0" encoding="UTF-16LE"?>`, "Café"), false), "Café"},
		"UTF-16, undeclared": {utf16LE(letter("", "Café"), true), "Café"},
		"ISO-8859-1":         {letter(`<?xml version="1.0" encoding="ISO-8859-1"?>`, "Caf\xe9"), "Café"},
		"latin1 alias":       {letter(`<?xml version="1.0" encoding="latin1"?>`, "Caf\xe9"), "Café"},
		"windows-1252":       {letter(`<?xml version='1.0' encoding='windows-1252'?>`, "\x93Caf\xe9\x94"), "“Café”"},
		"KOI8-R":             {letter(`<?xml version="1.0" encoding="KOI8-R"?>`, "\xf0\xd2\xc9\xd7\xc5\xd4"), "Привет"},
	} {
		f, err := tei.Read(strings.NewReader(c.xml), "letter.xml")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := f.Documents[0].Texts[0].Body; got != c.want {
			t.Errorf("%s: body %q, want %q", name, got, c.want)
		}
	}
	for name, c := range map[string]struct{ xml, want string }{
		"unknown": {letter(`<?xml version="1.0" encoding="x-mac-klingon"?>`, "x"),
			`letter.xml:1:1: the XML declaration says encoding "x-mac-klingon", which Recto does not read: use UTF-8, UTF-16 or an encoding of the IANA registry such as ISO-8859-1, windows-1252 or KOI8-R`},
		"declared UTF-16, is not": {letter(`<?xml version="1.0" encoding="UTF-16"?>`, "x"),
			`letter.xml:1:1: the XML declaration says encoding "UTF-16", but the file is not UTF-16 (it has no byte order mark, and its declaration is in single bytes)`},
		"UTF-16, declared Latin-1": {utf16LE(letter(`<?xml version="1.0" encoding="ISO-8859-1"?>`, "x"), true),
			`letter.xml:1:1: the XML declaration says encoding "ISO-8859-1", but the file is UTF-16LE`},
		"UTF-32": {"\x00\x00\xFE\xFF\x00\x00\x00<",
			`letter.xml:1:1: the file is UTF-32 (it starts with a UTF-32 byte order mark), which Recto does not read: save it as UTF-8`},
		"Latin-1, undeclared": {letter(`<?xml version="1.0"?>`, "Caf\xe9"),
			`letter.xml:1:82: invalid UTF-8: the file is not UTF-8; if it is in another encoding, its XML declaration must name it (<?xml version="1.0" encoding="windows-1252"?>)`},
	} {
		wantError(t, "letter.xml", c.xml, c.want)
		_ = name
	}
}

// A file must be TEI and nothing else; an xml:id names one element.
func TestReadNotTEI(t *testing.T) {
	for _, c := range []struct{ name, xml, want string }{
		{"rss.xml", `<?xml version="1.0"?>` + "\n" + `<rss version="2.0"><channel><title>News</title></channel></rss>`,
			"rss.xml:2:1: the root element is <rss>, not TEI's <TEI>: this is not a TEI file"},
		{"after.xml", teiOpen + "<text><body><p>x</p></body></text></TEI>\n<TEI/>",
			"after.xml:2:1: content after the root element: <TEI>"},
		{"text-after.xml", teiOpen + "<text><body><p>x</p></body></text></TEI>\njunk",
			"text-after.xml:1:82: text after the root element"},
		{"text-before.xml", "junk" + teiOpen + "<text><body><p>x</p></body></text></TEI>",
			"text-before.xml:1:1: text before the root element"},
		{"ids.xml", teiOpen + "<text><body>\n<p xml:id=\"a\">x</p>\n<p xml:id=\"a\">y</p></body></text></TEI>",
			`ids.xml:3:1: xml:id "a" is also that of the element on line 2: an xml:id names one element`},
		{"frus-ids.xml", frusVolume(`<div type="document" xml:id="d1"><p>x</p></div>` + "\n" + `<div type="document" xml:id="d1"><p>y</p></div>`),
			`frus-ids.xml:2:1: xml:id "d1" is also that of the element on line 1: an xml:id names one element`},
	} {
		wantError(t, c.name, c.xml, c.want)
	}
	// Comments and processing instructions may follow the root.
	if _, err := tei.Read(strings.NewReader(teiOpen+"<text><body><p>x</p></body></text></TEI>\n<!-- end --><?pi x?>\n"), "ok.xml"); err != nil {
		t.Errorf("comment after the root: %v", err)
	}
}
