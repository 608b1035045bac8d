package main

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/corpora"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

// runCmd runs the command line and returns its standard output.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), args, func(string) string { return "" }, &out, &errOut)
	return out.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("recto %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func TestImport_TEI(t *testing.T) {
	sinkiang := filepath.Join(corpora.Dir(t, "frus"), "frus1945v07-sinkiang")
	db := filepath.Join(t.TempDir(), "recto.db")

	out := mustRun(t, "import", "tei", "--db", db, "--dry-run", sinkiang)
	if !strings.Contains(out, "would create document frus1945v07/d721") || !strings.Contains(out, "17 files: 17 documents created") {
		t.Fatalf("dry run printed:\n%s", out)
	}
	if got := mustRun(t, "export", "jsonl", "--db", db, "--out", "-"); got != "" {
		t.Fatalf("a dry run wrote to the archive: %s", got)
	}

	out = mustRun(t, "import", "tei", "--db", db, "--status", "published", sinkiang)
	if !strings.Contains(out, "17 files: 17 documents created, 0 updated, 0 unchanged") {
		t.Fatalf("import printed:\n%s", out)
	}
	out = mustRun(t, "import", "tei", "--db", db, sinkiang)
	if !strings.Contains(out, "17 files: 0 documents created, 0 updated, 17 unchanged") {
		t.Fatalf("second import printed:\n%s", out)
	}
	dump := mustRun(t, "export", "jsonl", "--db", db, "--out", "-")
	if n := strings.Count(dump, `"source_id":"frus1945v07/d7`); n != 17 || strings.Contains(dump, `"status":"draft"`) {
		t.Fatalf("export holds %d Sinkiang documents (or drafts): a re-import must keep their status", n)
	}
}

// A bad file is refused whole, named with its line, and the others go in.
func TestImport_BadFileChangesNothing(t *testing.T) {
	dir := t.TempDir()
	good := `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frusX">
<text><body><div type="chapter" xml:id="ch1"><head>One</head>
<div type="document" xml:id="d1" n="1"><head>A good document</head><p>Text.</p></div>
</div></body></text></TEI>`
	badDate := strings.Replace(good, `<p>Text.</p>`, `<dateline><date when="1945-13-01">Thirteenth month</date></dateline><p>Text.</p>`, 1)
	badDate = strings.Replace(badDate, "frusX", "frusY", 1)
	broken := strings.Replace(good, "</div></body>", "</body>", 1)
	for name, body := range map[string]string{"a-bad-date.xml": badDate, "b-broken.xml": broken, "c-good.xml": good} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "recto.db")
	out, err := runCmd(t, "import", "tei", "--db", db, dir)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("import of bad files: %v (exit %d), want exit 1", err, exitCode(err))
	}
	for _, want := range []string{"a-bad-date.xml:3:", "1945-13-01", "b-broken.xml:", "c-good.xml: 1 document created"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	dump := mustRun(t, "export", "jsonl", "--db", db, "--out", "-")
	if strings.Count(dump, `{"document":`) != 1 || strings.Contains(dump, "frusY") {
		t.Fatalf("archive after the import:\n%s", dump)
	}
}

func TestExport_RoundTripsAndFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "recto.db")
	newSampleArchive(t, db)
	jsonl := filepath.Join(dir, "archive.jsonl")
	mustRun(t, "export", "jsonl", "--db", db, "--out", jsonl)
	copyDB := filepath.Join(dir, "copy.db")
	mustRun(t, "import", "jsonl", "--db", copyDB, jsonl)
	again := filepath.Join(dir, "again.jsonl")
	mustRun(t, "export", "jsonl", "--db", copyDB, "--out", again)
	a, _ := os.ReadFile(jsonl)
	b, _ := os.ReadFile(again)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("JSON Lines export → import → export is not byte-identical (%d and %d bytes)", len(a), len(b))
	}

	published := mustRun(t, "export", "csv", "--db", db, "--out", "-", "--status", "published")
	if lines := strings.Count(published, "\n"); lines < 22 {
		t.Fatalf("CSV export of the published sample has %d lines", lines)
	}
	teiDir := filepath.Join(dir, "tei")
	mustRun(t, "export", "tei", "--db", db, "--out", teiDir)
	files, _ := filepath.Glob(filepath.Join(teiDir, "document-*.xml"))
	if len(files) != 23 {
		t.Fatalf("TEI export wrote %d files, want one for each of the 23 documents", len(files))
	}
	// The published part names no unpublished document, not even in links.
	publicDir := filepath.Join(dir, "tei-public")
	mustRun(t, "export", "tei", "--db", db, "--out", publicDir, "--status", "published")
	public, _ := filepath.Glob(filepath.Join(publicDir, "document-*.xml"))
	all := mustRun(t, "export", "jsonl", "--db", db, "--out", "-")
	if len(public) != 21 {
		t.Fatalf("published TEI export wrote %d files, want 21", len(public))
	}
	for _, line := range strings.Split(all, "\n") {
		if !strings.Contains(line, `"status":"draft"`) && !strings.Contains(line, `"status":"withdrawn"`) {
			continue
		}
		title := line[strings.Index(line, `"title":"`)+9:]
		title = title[:strings.Index(title, `"`)]
		for _, f := range public {
			if data, _ := os.ReadFile(f); bytes.Contains(data, []byte(title)) {
				t.Errorf("%s names the unpublished %q", f, title)
			}
		}
	}
	for _, args := range [][]string{{"export"}, {"export", "pdf", "--out", "x"}, {"export", "jsonl"},
		{"export", "jsonl", "--out", "x", "--status", "secret"}, {"import"}, {"import", "docx", "x"},
		{"import", "tei", "--db", db}, {"import", "tei", "--status", "lost", "x"}} {
		if _, err := runCmd(t, args...); exitCode(err) != 2 {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

// newSampleArchive creates the archive at path with the sample collection.
func newSampleArchive(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
}

// Every FRUS document division becomes one stored document, however the
// volume is split into files, and the stored records keep what the TEI says.
func TestImport_FRUSEveryFile(t *testing.T) {
	frus := corpora.Dir(t, "frus")
	want := map[string]int{} // volume → document divisions, counted here
	err := filepath.WalkDir(frus, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".xml") {
			return err
		}
		volume := strings.TrimSuffix(filepath.Base(path), ".xml")
		if dir := filepath.Base(filepath.Dir(path)); dir != "frus" {
			volume, _, _ = strings.Cut(dir, "-") // frus1945v07-sinkiang/d720.xml
		}
		want[volume] += corpora.CountDivs(t, path, "document")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "recto.db")
	mustRun(t, "import", "tei", "--db", db, "--status", "published", frus)

	ctx := context.Background()
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	got := map[string]int{}
	err = store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		volume, _, _ := strings.Cut(d.SourceID, "/")
		got[volume]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 5 || !maps.Equal(got, want) {
		t.Fatalf("documents stored per volume %v, want the document divisions %v", got, want)
	}

	doc := func(sourceID string) *recto.Document {
		ids, err := store.FindDocumentIDsBySource(ctx, []string{sourceID})
		if err != nil || ids[sourceID] == 0 {
			t.Fatalf("%s not stored: %v", sourceID, err)
		}
		d, err := store.FindDocumentByID(ctx, ids[sourceID])
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// The dateline's own day, not the normalised instant a day earlier.
	if d := doc("frus1945v07/d721"); d.Date.String() != "1945-04-06" || d.WrittenAt != "Chungking" || d.Type != "telegram" {
		t.Errorf("d721: date %s, written at %q, type %q", d.Date, d.WrittenAt, d.Type)
	}
	// Glossary persons are authorities, credited in their roles; the
	// glossary's inverted names are filed so and shown in reading order.
	d1 := doc("frus1918Russiav03/d1")
	if len(d1.Credits) != 2 || d1.Credits[0].Role != recto.RoleRecipient || !strings.HasPrefix(d1.Credits[0].Agent.SortName, "Francis, ") ||
		d1.Credits[1].Role != recto.RoleAuthor || !strings.HasPrefix(d1.Credits[1].Agent.SortName, "Lansing, ") ||
		strings.Contains(d1.Credits[0].Agent.Name, ",") ||
		!strings.Contains(d1.Credits[0].Agent.Bio, "Ambassador") {
		t.Errorf("frus1918Russiav03/d1 credits: %+v", d1.Credits)
	}
	// It sits in its subchapter, under its chapter, under the volume (and
	// its part, the compilation).
	c, err := store.FindCollectionAncestors(ctx, d1.Collections[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d1.Collections[0].Title, "Offer of a credit to the Russian Provisional Government, April 3, 1917—") ||
		len(c) != 3 || !strings.HasPrefix(c[2].Title, "Chapter I. Loans to the Provisional Government") ||
		!strings.Contains(c[0].Title, "1918") {
		t.Errorf("d1 is in %q, under %d collections", d1.Collections[0].Title, len(c))
		for _, a := range c {
			t.Logf("under %q", a.Title)
		}
	}
}

// The site serves the machine interfaces too, from the same process.
func TestServe_Protocols(t *testing.T) {
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "recto.db"))
	for path, want := range map[string]string{
		"/api/v1/documents?limit=2":   `"data"`,
		"/api/v1/openapi.json":        `"openapi"`,
		"/srv/record.json?q=Kulja":    `"pagination"`,
		"/srv/record/date_range.json": `"begin"`,
		"/feed.atom":                  `<feed xmlns="http://www.w3.org/2005/Atom"`,
		"/sitemap.xml":                `<sitemapindex`,
		"/robots.txt":                 `Sitemap: `,
		"/oai?verb=Identify":          `<repositoryName>Recto</repositoryName>`,
		"/oai/recto.xsd":              `<xs:schema`,
	} {
		resp, body := getPage(t, base+path)
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %s, want %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
	}
}

// Where standard error is not a terminal (a log, CI), a long import still
// shows it is alive: a progress line every ten seconds.
func TestImport_ProgressWithoutTerminal(t *testing.T) {
	sinkiang := filepath.Join(corpora.Dir(t, "frus"), "frus1945v07-sinkiang")
	defer func(every time.Duration) { progressLogEvery = every }(progressLogEvery)
	progressLogEvery = 0 // every report, rather than waiting ten seconds
	var stdout, stderr bytes.Buffer
	db := filepath.Join(t.TempDir(), "recto.db")
	if err := Run(context.Background(), []string{"import", "tei", "--db", db, sinkiang}, func(string) string { return "" },
		&stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), " documents") || strings.Contains(stderr.String(), "\r") {
		t.Fatalf("progress written to a non-terminal: %q, want plain lines", stderr.String())
	}
}

// Dates and languages written in words are imported from CSV, and every
// reading is printed by file and line, in a dry run too; strict EDTF and
// tags print nothing.
func TestImport_CSVLenientReadings(t *testing.T) {
	name := filepath.Join(t.TempDir(), "docs.csv")
	csv := "source_id,title,date,languages,text1_kind,text1_lang,text1_body\n" +
		"a,A telegram,June 1934,Russian,translation,English,Text.\n" +
		"b,A letter,1945-04-22,ru,translation,en,Text.\n" +
		"c,A note,April–June 1945,русский|Kazakh,,,\n"
	if err := os.WriteFile(name, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "recto.db")
	want := []string{
		name + `:2: date "June 1934" read as 1934-06`,
		name + `:2: languages[0] "Russian" read as ru`,
		name + `:2: texts[0].lang "English" read as en`,
		name + `:4: date "April–June 1945" read as 1945-04/1945-06`,
		name + `:4: languages[0] "русский" read as ru`,
		name + `:4: languages[1] "Kazakh" read as kk`,
	}
	for _, args := range [][]string{{"--dry-run"}, {}} {
		out := mustRun(t, append([]string{"import", "csv", "--db", db}, append(args, name)...)...)
		var got []string
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, " read as ") {
				got = append(got, line)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") || !strings.Contains(out, "updated; 6 values read leniently\n") {
			t.Errorf("recto import csv %v printed:\n%s\nwant the readings:\n%s", args, out, strings.Join(want, "\n"))
		}
	}
	dump := mustRun(t, "export", "jsonl", "--db", db, "--out", "-")
	for _, stored := range []string{`"date":"1934-06","languages":["ru"]`, `"lang":"en"`, `"date":"1945-04/1945-06","languages":["ru","kk"]`} {
		if !strings.Contains(dump, stored) {
			t.Errorf("export lacks %s:\n%s", stored, dump)
		}
	}
}
