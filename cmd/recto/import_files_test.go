package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files that once crashed the command (2,000,000 nested elements, 50,000
// nested divisions, a 108 MB CSV cell) or were taken for what they are not
// (an RSS file) each fail with their file and line, and the run goes on
// with the next file.
func TestImport_HostileFilesDoNotStopTheRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const teiOpen = `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01"><text><body>`
	const teiClose = `</body></text></TEI>`
	write("a-deep.xml", teiOpen+strings.Repeat("<p>", 2_000_000)+strings.Repeat("</p>", 2_000_000)+teiClose)
	write("b-divisions.xml", teiOpen+strings.Repeat("<div>", 50_000)+`<div type="document" xml:id="d1"><p>x</p></div>`+
		strings.Repeat("</div>", 50_000)+teiClose)
	write("c-feed.xml", `<?xml version="1.0"?>`+"\n"+`<rss version="2.0"><channel><title>News</title></channel></rss>`)
	write("d-good.xml", strings.Replace(teiOpen, "frus1999v01", "frus1999v02", 1)+
		`<div type="document" xml:id="d1"><head>A good document</head><p>Text.</p></div>`+teiClose)
	db := filepath.Join(t.TempDir(), "recto.db")
	out, err := runCmd(t, "import", "tei", "--db", db, dir)
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", exitCode(err), err, out)
	}
	for _, want := range []string{
		"a-deep.xml:1:", "elements nest deeper than 256 levels",
		"b-divisions.xml:1:", "c-feed.xml:2:1: the root element is <rss>, not TEI's <TEI>",
		// Imports make drafts unless told otherwise, and say so.
		"d-good.xml: 1 document created as a draft (not public; use --status published)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	cells := t.TempDir()
	if err := os.WriteFile(filepath.Join(cells, "a-huge.csv"), []byte("source_id,title\na,\""+strings.Repeat("x", 108_000_000)+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cells, "b-good.csv"), []byte("source_id,title,status\nb,B,published\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, "import", "csv", "--db", db, cells)
	if exitCode(err) != 1 || !strings.Contains(out, "a-huge.csv:2: the row is longer than 64 MiB") ||
		!strings.Contains(out, "b-good.csv: 1 document created, 0 updated") {
		t.Fatalf("exit %d (%v):\n%s", exitCode(err), err, out)
	}
}
