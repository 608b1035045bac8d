package csv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// readErr reads text and returns the error, which must be an *Error.
func readErr(t *testing.T, text string) string {
	t.Helper()
	_, err := Read(strings.NewReader(text), "docs.csv")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want an *Error", err)
	}
	return err.Error()
}

// A cell or a row past its limit is refused by line, before it is held
// whole, and the reading goes no further: no panic, however long.
func TestReadLimits(t *testing.T) {
	cell := strings.Repeat("x", MaxCell+1)
	if got, want := readErr(t, "source_id,title\na,A\nb,"+cell+"\n"),
		`docs.csv:3: column "title": the cell is longer than 16 MiB, the most one cell may hold`; got != want {
		t.Errorf("long cell: %s", got)
	}
	// The 108 MB cell: past the row limit, it is never held whole.
	huge := strings.Repeat("x", MaxRow+1<<20)
	if got, want := readErr(t, "source_id,title,summary\na,A,\"x\ny\"\nb,B,\""+huge+"\"\n"),
		`docs.csv:4: the row is longer than 64 MiB, the most one row may take`; got != want {
		t.Errorf("huge cell: %s", got)
	}
	row := "c," + strings.Repeat(strings.Repeat("y", 15<<20)+",", 5) + "z\n"
	if got, want := readErr(t, "source_id,title,summary,type,signature,withdrawn_note,authentication\n"+row),
		`docs.csv:2: the row is longer than 64 MiB, the most one row may take`; got != want {
		t.Errorf("long row: %s", got)
	}
}

// UTF-16 with a byte order mark is read; bytes that are not UTF-8, and NUL
// bytes, are refused, naming the cell.
func TestReadEncodings(t *testing.T) {
	text := "source_id,title\na,Café\n"
	le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		le = append(le, byte(u), byte(u>>8))
	}
	for name, data := range map[string][]byte{"UTF-16LE": le, "UTF-8 BOM": append([]byte("\xEF\xBB\xBF"), text...)} {
		f, err := Read(bytes.NewReader(data), "docs.csv")
		if err != nil || len(f.Documents) != 1 || f.Documents[0].Title != "Café" {
			t.Errorf("%s: %v %+v", name, err, f)
		}
	}
	if got, want := readErr(t, "source_id,title\na,Caf\xe9\n"),
		`docs.csv:2: column "title": byte 0xe9 is not UTF-8: save the file as UTF-8 (in a spreadsheet, "CSV UTF-8")`; got != want {
		t.Errorf("Latin-1: %s", got)
	}
	if got, want := readErr(t, "source_id,title\na,b\x00c\n"),
		`docs.csv:2: column "title": the cell holds a NUL byte, which text cannot: is the file UTF-16 without a byte order mark?`; got != want {
		t.Errorf("NUL: %s", got)
	}
}

// Rows are read and emitted one by one: the first document is emitted
// long before the end of a large file.
func TestDecodeStreams(t *testing.T) {
	var b strings.Builder
	b.WriteString("source_id,title,authors,text1_kind,text1_lang,text1_body\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "d%d,Document %d,Author %d,transcript,en,%s\n", i, i, i%50, strings.Repeat("word ", 50))
	}
	text := b.String()
	r := strings.NewReader(text)
	docs := 0
	err := Decode(r, "docs.csv", func(rec corpus.Line, at string) error {
		if rec.Document == nil {
			return nil
		}
		if docs++; docs == 1 {
			if read := len(text) - r.Len(); read > 64<<10 {
				t.Errorf("the first document was emitted after %d of %d bytes were read", read, len(text))
			}
			if at != "docs.csv:2" {
				t.Errorf("first document at %q", at)
			}
		}
		return nil
	})
	if err != nil || docs != 20_000 {
		t.Fatalf("%d documents, %v", docs, err)
	}
}

// Cells a spreadsheet would run are guarded in exports, and read back as
// they were.
func TestFormulaGuard(t *testing.T) {
	for v, want := range map[string]string{
		`=HYPERLINK("http://evil.example","x")`: `'=HYPERLINK("http://evil.example","x")`,
		"+1":                                    "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"'=x": "''=x", "'x": "'x", "x=1": "x=1", "": "", "- item\n- item": "'- item\n- item",
	} {
		if got := guard(v); got != want {
			t.Errorf("guard(%q) = %q, want %q", v, got, want)
		}
		if got := unguard(guard(v)); got != v {
			t.Errorf("unguard(guard(%q)) = %q", v, got)
		}
	}

	ctx := context.Background()
	db := openStore(t)
	d := &recto.Document{Title: `=HYPERLINK("http://evil.example","Click")`, SourceID: "@s1", Status: recto.StatusDraft,
		Summary: "+ not a sum", Type: "-", Signature: "'=already quoted",
		Texts: []recto.Text{{Kind: recto.Transcript, Lang: "en", Body: "- a list item\n- another"}}}
	if err := db.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	out := export(t, db, nil)
	r := rows(t, out)[0]
	for col, want := range map[string]string{
		"title": `'=HYPERLINK("http://evil.example","Click")`, "source_id": "'@s1", "summary": "'+ not a sum",
		"type": "'-", "signature": "''=already quoted", "text1_body": "'- a list item\n- another",
	} {
		if r[col] != want {
			t.Errorf("column %s: %q, want %q", col, r[col], want)
		}
	}
	f, err := Read(bytes.NewReader(out), "export.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := f.Documents[0]
	if got.Title != d.Title || got.SourceID != d.SourceID || got.Summary != d.Summary || got.Type != d.Type ||
		got.Signature != d.Signature || got.Texts[0].Body != d.Texts[0].Body {
		t.Errorf("read back %+v", got)
	}
}
