package wilson

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

// A text asset shows the text by its format, and markup typed into a plain
// or HTML body is inert there.
func TestTextAsset_Formats(t *testing.T) {
	a := newReference(t)
	d := a.ref.Document
	for i := range d.Texts {
		if d.Texts[i].Kind == recto.Transcript {
			d.Texts[i].Format, d.Texts[i].Body = recto.PlainText, "227.\n1) as typed <script>alert(1)</script>"
		} else {
			d.Texts[i].Format, d.Texts[i].Body = recto.HTML, `<p onclick="alert(2)">One <a href="javascript:alert(3)">x</a><script>alert(4)</script></p>`
		}
	}
	if err := a.db.UpdateDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	rec := a.record(t, fmt.Sprint(d.ID))
	transcript := rec["transcripts"].([]any)[0].(map[string]any)["html"].(string)
	translation := rec["translations"].([]any)[0].(map[string]any)["html"].(string)
	if want := "227.<br>\n1) as typed &lt;script&gt;"; !strings.Contains(transcript, want) {
		t.Errorf("plain text asset lacks %s:\n%s", want, transcript)
	}
	for _, bad := range []string{"<script", "onclick", "javascript:"} {
		if strings.Contains(transcript, bad) || strings.Contains(translation, bad) {
			t.Errorf("text assets keep %q:\n%s\n%s", bad, transcript, translation)
		}
	}
}
