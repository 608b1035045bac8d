package tei_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/tei"
)

// readFile reads one TEI file with tei.Read.
func readFile(t testing.TB, path string) *corpus.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := tei.Read(f, path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// readString reads TEI from a string, failing the test on an error.
func readString(t *testing.T, name, xml string) *corpus.File {
	t.Helper()
	out, err := tei.Read(strings.NewReader(xml), name)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkFile checks what every file must satisfy: records refer only to
// records before them, and every date parses.
func checkFile(t *testing.T, name string, f *corpus.File) {
	t.Helper()
	known := map[string]bool{}
	for _, r := range f.Repositories {
		known["repository "+r.Key] = true
	}
	for _, a := range f.Agents {
		if a.Name == "" || (a.Kind != "person" && a.Kind != "organisation") {
			t.Errorf("%s: agent %+v", name, a)
		}
		known["agent "+a.Key] = true
	}
	for _, c := range f.Collections {
		if c.Title == "" || (c.Parent != "" && !known["collection "+c.Parent]) {
			t.Errorf("%s: collection %+v: no title or its parent comes later", name, c)
		}
		known["collection "+c.Key] = true
	}
	for _, d := range f.Documents {
		if _, err := edtf.Parse(d.Date); err != nil {
			t.Errorf("%s: %s: %v", name, d.Key, err)
		}
		if d.Status != "" || d.ID != 0 {
			t.Errorf("%s: %s: status %q, ID %d set", name, d.Key, d.Status, d.ID)
		}
		var refs []string
		for _, c := range d.Collections {
			refs = append(refs, "collection "+c)
		}
		for _, c := range d.Credits {
			refs = append(refs, "agent "+c.Agent)
		}
		for _, s := range d.Sources {
			if s.Repository != "" {
				refs = append(refs, "repository "+s.Repository)
			}
			if s.Repository == "" && len(s.Parts) == 0 && s.Note == "" {
				t.Errorf("%s: %s: empty source", name, d.Key)
			}
		}
		for _, tx := range d.Texts {
			for _, c := range tx.Credits {
				refs = append(refs, "agent "+c.Agent)
			}
			if tx.Body == "" || (tx.Kind != "transcript" && tx.Kind != "translation") {
				t.Errorf("%s: %s: text %s/%s has no body or a bad kind", name, d.Key, tx.Kind, tx.Lang)
			}
		}
		for _, r := range refs {
			if !known[r] {
				t.Errorf("%s: %s refers to %s, which is not before it", name, d.Key, r)
			}
		}
	}
}

// toJSON shows a record in test failures.
func toJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// equalJSON compares records by their JSON form, as the importer sees them.
func equalJSON(a, b any) bool { return toJSON(a) == toJSON(b) }

// readError returns the *tei.Error reading xml gives.
func readError(t *testing.T, name, xml string) *tei.Error {
	t.Helper()
	_, err := tei.Read(strings.NewReader(xml), name)
	var te *tei.Error
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a *tei.Error", err)
	}
	return te
}

func TestReadSyntaxErrors(t *testing.T) {
	tests := []struct{ name, xml, want string }{
		{"truncated", "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body>\n<p>Truncated",
			"truncated.xml:4:13: unexpected EOF"},
		{"mismatched", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body>\n  <p>Mismatched</div>\n</body></text></TEI>",
			"mismatched.xml:3:22: element <p> closed by </div>"},
		{"empty", "", "empty.xml:1:1: no root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := readError(t, tt.name+".xml", tt.xml); err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestReadBadDates(t *testing.T) {
	frus := func(date string) string {
		return "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"frus1936v03\">\n<text><body>\n" +
			"<div type=\"document\" xml:id=\"d1\" n=\"1\">\n<head>A</head>\n" +
			"  <dateline><placeName>Rome</placeName>, " + date + "</dateline>\n</div></body></text></TEI>"
	}
	letter := "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc><correspDesc>\n" +
		"<correspAction type=\"sent\"><name>A</name>\n <date when=\"1616-02-30\">30 febraio</date></correspAction>\n" +
		"</correspDesc></profileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
	tests := []struct{ name, xml, want string }{
		{"month 13", frus(`<date when="1936-13-01">x</date>`),
			`frus1936v03.xml:5:42: date/@when "1936-13-01": not a valid date: month 13 is out of range (01-12)`},
		{"not ISO", frus(`<date when="March 3, 1936">x</date>`),
			`frus1936v03.xml:5:42: date/@when "March 3, 1936": not a valid date`},
		{"bad time", frus(`<date when="1936-03-03T25:00:00">x</date>`),
			`frus1936v03.xml:5:42: date/@when "1936-03-03T25:00:00": not a valid date`},
		{"range backwards", frus(`<date notBefore="1936-03-03" notAfter="1936-03-01">x</date>`),
			`frus1936v03.xml:5:42: date/@notBefore "1936-03-03" to date/@notAfter "1936-03-01": not a valid date: interval ends before it starts (1936-03-01 is before 1936-03-03)`},
		{"letter", letter, `letter.xml:3:2: date/@when "1616-02-30": not a valid date: day 30 is out of range: February 1616 has 29 days`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "frus1936v03.xml"
			if tt.name == "letter" {
				name = "letter.xml"
			}
			err := readError(t, name, tt.xml)
			if err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err, tt.want)
			}
			if err.Unwrap() == nil {
				t.Error("Unwrap returns nil")
			}
		})
	}
}

func TestReadDateForms(t *testing.T) {
	tests := []struct{ attrs, divAttrs, want string }{
		{`when="1900-08-25"`, "", "1900-08-25"},
		{`when="1917-04-20T14:00:00"`, "", "1917-04-20"},
		{`when="1945-04-06T10:00:00+07:00"`, `frus:doc-dateTime-min="1945-04-05T22:00:00-05:00"`, "1945-04-06"},
		{`when="1967-10"`, "", "1967-10"},
		{`notBefore="1967-10-01" notAfter="1967-10-31"`, "", "1967-10-01/1967-10-31"},
		{`notAfter="1967-10-31"`, "", "../1967-10-31"},
		{``, `frus:doc-dateTime-min="1945-07-03T00:00:00-05:00" frus:doc-dateTime-max="1945-07-03T23:59:59-05:00"`, "1945-07-03"},
		{``, `frus:doc-dateTime-min="1945-07-03T00:00:00-05:00" frus:doc-dateTime-max="1945-07-05T23:59:59-05:00"`, "1945-07-03/1945-07-05"},
		{``, "", ""},
	}
	for _, tt := range tests {
		xml := `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01">
			<text><body><div type="document" xml:id="d1" n="1" ` + tt.divAttrs + `><head>A</head>
			<dateline><placeName>Rome</placeName>, <date ` + tt.attrs + `>some day</date></dateline><p>Text.</p></div></body></text></TEI>`
		f := readString(t, "dates.xml", xml)
		if got := f.Documents[0].Date; got != tt.want {
			t.Errorf("%s %s: got %q, want %q", tt.attrs, tt.divAttrs, got, tt.want)
		}
	}
}

func TestReadMarkdownEscaping(t *testing.T) {
	const letter = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
	<p>- not a list<lb/>+ nor this<lb/>1) nor this<lb/>= nor a heading</p>
	<p># hash, ` + "`code`" + `, a|b, ~tilde~, AT&amp;T &amp;c, &amp;amp; and \back\slash</p>
	<p><hi rend="italic">whole line</hi><lb/><hi rend="italic">split <lb/>by a break</hi> and <hi rend="bold">bold</hi></p>
	<p>  <lb/>  leading break and trailing  <lb/>  </p>
	</body></text></TEI>`
	want := "\\- not a list\\\n\\+ nor this\\\n1\\) nor this\\\n\\= nor a heading\n\n" +
		"\\# hash, \\`code\\`, a\\|b, \\~tilde\\~, AT\\&T \\&c, \\&amp; and \\\\back\\\\slash\n\n" +
		"*whole line*\\\n*split*\\\n*by a break* and bold\n\n" +
		"leading break and trailing"
	d := readString(t, "escaping.xml", letter).Documents[0]
	if got := d.Texts[0].Body; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
