package corpus_test

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
)

// doc is a document line with the given extra fields.
func doc(key, extra string) string {
	return `{"document":{"key":"` + key + `","title":"T","status":"draft"` + extra + "}}\n"
}

func TestImportLines_Errors(t *testing.T) { storetest.Run(t, testImportLines_Errors) }

// Every problem of a JSON Lines file is named by file, line (and column
// or record and field) in Recto's words, and changes nothing.
func testImportLines_Errors(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	for _, c := range []struct{ name, input, want string }{
		{"second value", doc("a", "") + `{"document":{"key":"b","title":"T","status":"draft"}} {"x":1}` + "\n",
			`dump.jsonl:2:55: more after the record: a line holds one JSON value`},
		{"duplicate Record ID", doc("a", `,"id":5`) + doc("b", `,"id":5`),
			`dump.jsonl:2: document "b": id: Record ID 5 is also that of the document at dump.jsonl:1`},
		{"duplicate authority Record ID", `{"place":{"key":"p","id":3,"name":"P"}}` + "\n" + `{"place":{"key":"q","id":3,"name":"Q"}}` + "\n",
			`dump.jsonl:2: place "q": id: Record ID 3 is also that of the place at dump.jsonl:1`},
		{"self-relation", doc("a", `,"relations":[{"kind":"related","document":"a"}]`),
			`dump.jsonl:1: document "a": relations[0]: "a" is this document: a document cannot relate to itself`},
		{"bad status", `{"document":{"key":"a","title":"T","status":"drafty"}}` + "\n",
			`dump.jsonl:1: document "a": invalid document: status: must be one of draft, in-review, published, withdrawn`},
		{"bad language", doc("a", `,"languages":["english language"]`),
			`dump.jsonl:1: document "a": languages[0]: "english language" is neither a BCP 47 language tag`},
		{"missing #id", doc("a", `,"relations":[{"kind":"related","document":"#999"}]`),
			`dump.jsonl:1: document "a": relations: related document "#999": the archive has no document 999`},
		{"unknown related document", doc("a", `,"relations":[{"kind":"related","document":"zz"}]`),
			`dump.jsonl:1: document "a": relations: unknown related document "zz"`},
		{"mutual enclosure", doc("a", `,"relations":[{"kind":"enclosure","document":"b"}]`) + doc("b", `,"relations":[{"kind":"enclosure","document":"a"}]`),
			`dump.jsonl:1: document "a": relations: document 1 encloses 2, which encloses 1: a document cannot enclose one that encloses it`},
		{"not UTF-8", doc("a", `,"summary":"caf`+"\xe9"+`"`),
			`dump.jsonl:1:67: byte 0xe9 is not UTF-8: the file must be UTF-8`},
		{"wrong type", doc("a", `,"languages":"en"`),
			`dump.jsonl:1:68: field document.languages: a string where an array belongs`},
		{"syntax", `{"document":{"key":"a",}}` + "\n",
			`dump.jsonl:1:24: invalid character '}' looking for beginning of object key string`},
		{"unfinished", `{"document":{"key":"a"` + "\n",
			`dump.jsonl:1: the line ends inside the JSON value`},
		{"media URL", doc("a", `,"media":[{"url":"javascript:alert(1)","media_type":"text/html"}]`),
			`dump.jsonl:1: document "a": invalid document: media[0].url: "javascript:alert(1)" must be an absolute http or https URL or a path on the site`},
		{"UTF-32", "\x00\x00\xFE\xFF\x00\x00\x00{", `dump.jsonl:1: the file is UTF-32`},
		{"text format", doc("a", `,"texts":[{"kind":"translation","lang":"en","format":"rtf","body":"x"}]`),
			`dump.jsonl:1: document "a": invalid document: texts[0].format: "rtf" is not a text format: must be markdown, plain or html`},
	} {
		_, err := corpus.ImportLines(ctx, db, strings.NewReader(c.input), "dump.jsonl", corpus.ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error\n\t%v\nwant\n\t%s", c.name, err, c.want)
		}
		assertEmpty(t, db)
	}
}

// A line longer than the limit is refused by number before it is held.
func TestImportLines_LongLine(t *testing.T) {
	db := storetest.OpenSQLite(t)
	long := doc("a", `,"summary":"`+strings.Repeat("x", corpus.MaxLine)+`"`)
	_, err := corpus.ImportLines(context.Background(), db, strings.NewReader(doc("z", "")+long), "dump.jsonl", corpus.ImportOptions{})
	if err == nil || err.Error() != "dump.jsonl:2: the line is longer than 64 MiB, the most one record may take" {
		t.Fatalf("error %v", err)
	}
	assertEmpty(t, db)
}

// Byte order marks are dropped and UTF-16 is converted.
func TestImportLines_Encodings(t *testing.T) {
	input := doc("a", `,"summary":"café"`)
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(input)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	for name, data := range map[string][]byte{
		"UTF-8 with a byte order mark": append([]byte("\xEF\xBB\xBF"), input...),
		"UTF-16LE":                     utf16le,
	} {
		db := storetest.OpenSQLite(t)
		report, err := corpus.ImportLines(context.Background(), db, bytes.NewReader(data), "dump.jsonl", corpus.ImportOptions{})
		if err != nil || len(report.Documents[corpus.Created]) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		docs, _, err := db.FindDocuments(context.Background(), recto.DocumentFilter{})
		must(t, err)
		if len(docs) != 1 || docs[0].Summary != "café" {
			t.Errorf("%s: %+v", name, docs)
		}
	}
}

func TestImportLines_Partial(t *testing.T) { storetest.Run(t, testImportLines_Partial) }

// A line carries the fields it has: the others are left as they are; an
// empty value clears its field; a list comes whole.
func testImportLines_Partial(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	must(t, sample.Load(ctx, db))
	docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Limit: 50})
	must(t, err)
	var before *recto.Document
	for _, d := range docs {
		full, err := db.FindDocumentByID(ctx, d.ID)
		must(t, err)
		if len(full.Texts) > 1 && len(full.Credits) > 0 && full.Summary != "" && len(full.Collections) > 0 {
			before = full
			break
		}
	}
	if before == nil {
		t.Fatal("the sample has no document with texts, credits, summary and collections")
	}
	id := strconv.FormatInt(before.ID, 10)
	line := `{"document":{"key":"d","id":` + id + `,"title":"A new title","summary":"","languages":["de"]}}` + "\n"
	report, err := corpus.ImportLines(ctx, db, strings.NewReader(line), "edit.jsonl", corpus.ImportOptions{})
	must(t, err)
	if len(report.Documents[corpus.Updated]) != 1 {
		t.Fatalf("report %s", report.Summary())
	}
	after, err := db.FindDocumentByID(ctx, before.ID)
	must(t, err)
	if after.Title != "A new title" || after.Summary != "" || len(after.Languages) != 1 || after.Languages[0] != "de" {
		t.Errorf("carried fields: title %q, summary %q, languages %v", after.Title, after.Summary, after.Languages)
	}
	if after.Status != before.Status || len(after.Texts) != len(before.Texts) || after.Texts[0].Body != before.Texts[0].Body ||
		len(after.Credits) != len(before.Credits) || len(after.Collections) != len(before.Collections) ||
		after.SourceID != before.SourceID || after.Date != before.Date {
		t.Errorf("fields the line does not have changed:\nbefore %+v\nafter  %+v", before, after)
	}
	// Importing the same line again changes nothing.
	report, err = corpus.ImportLines(ctx, db, strings.NewReader(line), "edit.jsonl", corpus.ImportOptions{})
	must(t, err)
	if len(report.Documents[corpus.Unchanged]) != 1 {
		t.Errorf("second import: %s", report.Summary())
	}
}

// The summary says when documents were created as drafts by default.
func TestReport_Drafts(t *testing.T) {
	ctx := context.Background()
	input := doc("a", "") + `{"document":{"key":"b","title":"T"}}` + "\n" + `{"document":{"key":"c","title":"T"}}` + "\n"
	report, err := corpus.ImportLines(ctx, storetest.OpenSQLite(t), strings.NewReader(input), "d.jsonl", corpus.ImportOptions{})
	must(t, err)
	if got, want := report.Summary(), "3 documents created, 2 of them as drafts (not public; use --status published), 0 updated, 0 unchanged; 0 authorities created, 0 updated"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	input = `{"document":{"key":"b","title":"T"}}` + "\n"
	report, err = corpus.ImportLines(ctx, storetest.OpenSQLite(t), strings.NewReader(input), "d.jsonl", corpus.ImportOptions{})
	must(t, err)
	if got, want := report.Summary(), "1 document created as a draft (not public; use --status published), 0 updated, 0 unchanged; 0 authorities created, 0 updated"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	report, err = corpus.ImportLines(ctx, storetest.OpenSQLite(t), strings.NewReader(input), "d.jsonl", corpus.ImportOptions{Status: recto.StatusPublished})
	must(t, err)
	if got := report.Summary(); strings.Contains(got, "draft") {
		t.Errorf("summary of a published import %q", got)
	}
}

func TestImport_EnclosureCycleWithArchive(t *testing.T) {
	storetest.Run(t, testImport_EnclosureCycleWithArchive)
}

// A document may not enclose one that encloses it, in the file or in the
// archive, however long the chain.
func testImport_EnclosureCycleWithArchive(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	first := `{"document":{"key":"a","source_id":"s/a","title":"A","status":"draft","relations":[{"kind":"enclosure","document":"b"}]}}` + "\n" +
		`{"document":{"key":"b","source_id":"s/b","title":"B","status":"draft","relations":[{"kind":"enclosure","document":"c"}]}}` + "\n" +
		`{"document":{"key":"c","source_id":"s/c","title":"C","status":"draft"}}` + "\n"
	_, err := corpus.ImportLines(ctx, db, strings.NewReader(first), "first.jsonl", corpus.ImportOptions{})
	must(t, err)
	seq, err := db.LatestChange(ctx)
	must(t, err)
	second := `{"document":{"key":"c","source_id":"s/c","relations":[{"kind":"enclosure","document":"s/a"}]}}` + "\n"
	_, err = corpus.ImportLines(ctx, db, strings.NewReader(second), "second.jsonl", corpus.ImportOptions{})
	ids, ferr := db.FindDocumentIDsBySource(ctx, []string{"s/a", "s/b", "s/c"})
	must(t, ferr)
	want := fmt.Sprintf(`second.jsonl:1: document "c": relations: document %d encloses %d, which encloses %d, which encloses %d: `+
		"a document cannot enclose one that encloses it", ids["s/c"], ids["s/a"], ids["s/b"], ids["s/c"])
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
	if after, _ := db.LatestChange(ctx); after != seq {
		t.Fatal("a refused import changed the archive")
	}
	// Relating, not enclosing, is no cycle.
	second = strings.Replace(second, "enclosure", "related", 1)
	_, err = corpus.ImportLines(ctx, db, strings.NewReader(second), "second.jsonl", corpus.ImportOptions{})
	must(t, err)
}

// Every problem of a JSON Lines file that needs no archive to be found is
// reported at once, each with its line, in file order; nothing is stored.
func TestImportLines_EveryProblem(t *testing.T) {
	db := storetest.OpenSQLite(t)
	input := "\ufeff" + doc("a", "") + "\r\n" +
		`{"document":{"key":"b",}}` + "\r\n" +
		doc("c", `,"date":"04/05/1945"`) +
		doc("d", `,"languages":["ru","Rusian"]`) +
		doc("e", `,"texts":[{"kind":"translation","lang":"en","body":"x","date":"1945-13"}]`) +
		`{"agent":{"key":"m","kind":"person","name":"M","dates":"someday"}}` + "\n" +
		doc("f", `,"created_at":"yesterday"`)
	_, err := corpus.ImportLines(context.Background(), db, strings.NewReader(input), "dump.jsonl", corpus.ImportOptions{})
	if err == nil {
		t.Fatal("a file with six bad lines was imported")
	}
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		lines = append(lines, strings.SplitN(l, ": ", 3)[0]+": "+strings.SplitN(l, ": ", 3)[1])
	}
	want := []string{`dump.jsonl:3:24: invalid character '}' looking for beginning of object key string`,
		`dump.jsonl:4: document "c"`, `dump.jsonl:5: document "d"`, `dump.jsonl:6: document "e"`,
		`dump.jsonl:7: agent "m"`, `dump.jsonl:8: document "f"`}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("error:\n%v\nwant one problem a line:\n%s", err, strings.Join(want, "\n"))
	}
	for _, part := range []string{"the order of day and month is ambiguous", `languages[1]: "Rusian"`, "texts[0].date:",
		"month 13 is out of range", `dates: edtf: "someday"`, `created_at: "yesterday" is not an RFC 3339 time`} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error lacks %q:\n%v", part, err)
		}
	}
	assertEmpty(t, db)
}

// Reading stops after MaxProblems problems, and says so.
func TestImportLines_TooManyProblems(t *testing.T) {
	input := strings.Repeat(doc("a", `,"date":"someday"`), corpus.MaxProblems+5)
	_, err := corpus.ImportLines(context.Background(), storetest.OpenSQLite(t), strings.NewReader(input), "dump.jsonl", corpus.ImportOptions{})
	msg := fmt.Sprint(err)
	if n := strings.Count(msg, "\n") + 1; n != corpus.MaxProblems+1 || !strings.HasSuffix(msg, "dump.jsonl: too many problems; reading stopped") {
		t.Fatalf("error of %d lines:\n%s", n, msg)
	}
}

// A file saved by Windows tools (a byte order mark, CRLF line ends, blank
// lines) reads as the same file without them.
func TestImportLines_WindowsFile(t *testing.T) {
	plain := doc("a", `,"date":"1945"`) + doc("b", "")
	windows := "\ufeff\r\n" + strings.ReplaceAll(plain, "\n", "\r\n\r\n") + "   \r\n"
	r, err := corpus.ImportLines(context.Background(), storetest.OpenSQLite(t), strings.NewReader(windows), "dump.jsonl", corpus.ImportOptions{})
	if err != nil || len(r.Documents[corpus.Created]) != 2 {
		t.Fatalf("import: %v", err)
	}
}
