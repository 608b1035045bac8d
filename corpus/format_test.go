package corpus_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestJSONLines_TextFormats(t *testing.T) { storetest.Run(t, testJSONLines_TextFormats) }

// Each text's format goes out in JSON Lines and comes back, and an export
// imported into an empty archive exports again byte for byte.
func testJSONLines_TextFormats(t *testing.T, src storetest.Store) {
	ctx := context.Background()
	must(t, src.CreateDocument(ctx, &recto.Document{Title: "Formats", Status: recto.StatusPublished, Texts: []recto.Text{
		{Kind: recto.Transcript, Lang: "ru", Format: recto.PlainText, Body: "227.\n1) *as typed*"},
		{Kind: recto.Translation, Lang: "en", Format: recto.HTML, Body: `<p>One<br/><em>two</em></p><ul><li>three</li></ul>`},
		{Kind: recto.Translation, Lang: "fr", Body: "Trois \\*"},
	}}))
	first := export(t, src, nil)
	for _, want := range []string{`"format":"plain","body":"227.\n1) *as typed*"`, `"format":"html","body":"<p>One<br/><em>two</em>`, `"lang":"fr","body":"Trois \\*"`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("export lacks %s:\n%s", want, first)
		}
	}
	dst := storetest.OpenSQLite(t)
	importLines(t, dst, first, corpus.ImportOptions{})
	if second := export(t, dst, nil); !bytes.Equal(first, second) {
		t.Fatalf("re-export differs from the export:\n%s", firstDifference(first, second))
	}

	// HTML with a word processor's noise is stored sanitised, and importing
	// it again changes nothing.
	noisy := []byte(`{"document":{"key":"n","id":50,"title":"Noisy","status":"published","texts":[{"kind":"translation","lang":"en","format":"html","body":"<p class=\"MsoNormal\" style=\"margin:0\">Hi<o:p></o:p></p>"}]}}` + "\n")
	importLines(t, dst, noisy, corpus.ImportOptions{})
	if report := importLines(t, dst, noisy, corpus.ImportOptions{}); len(report.Documents[corpus.Unchanged]) != 1 {
		t.Errorf("importing the same HTML again: %s", report.Summary())
	}
}
