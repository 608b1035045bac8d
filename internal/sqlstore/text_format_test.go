package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestText_Formats(t *testing.T) { storetest.Run(t, testText_Formats) }

// Each text keeps its format; HTML is stored sanitised; a text without a
// format is stored as Markdown; an unknown format is refused, naming the
// field, and nothing is stored.
func testText_Formats(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	d := &recto.Document{Title: "Formats", Status: recto.StatusPublished, Texts: []recto.Text{
		{Kind: recto.Transcript, Lang: "ru", Format: recto.PlainText, Body: "227.\n1) *as typed*"},
		{Kind: recto.Translation, Lang: "en", Format: recto.HTML,
			Body: `<p class="MsoNormal" style="color:red" onclick="x()">Hello<script>alert(1)</script></p>`},
		{Kind: recto.Translation, Lang: "fr", Body: "Bonjour \\*"},
	}}
	must(t, db.CreateDocument(ctx, d))
	got, err := db.FindDocumentByID(ctx, d.ID)
	must(t, err)
	want := []struct {
		format recto.TextFormat
		body   string
	}{{recto.PlainText, "227.\n1) *as typed*"}, {recto.HTML, "<p>Hello</p>"}, {recto.Markdown, "Bonjour \\*"}}
	for i, w := range want {
		if tx := got.Texts[i]; tx.Format != w.format || tx.Body != w.body {
			t.Errorf("text %d = %q %q, want %q %q", i, tx.Format, tx.Body, w.format, w.body)
		}
	}

	bad := &recto.Document{Title: "Bad format", Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Format: "rtf", Body: "x"}}}
	err = db.CreateDocument(ctx, bad)
	wantCode(t, err, recto.EINVALID, "texts[0].format")
	if err != nil && !strings.Contains(err.Error(), `"rtf"`) {
		t.Errorf("error %v does not name the format", err)
	}
}
