package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

// A text's page shows it by its format: a plain telegram exactly as typed,
// an HTML translation sanitised, with its paragraphs numbered alike so the
// two read side by side.
func TestDocumentPage_TextFormats(t *testing.T) {
	s := mustSite(t)
	d := s.ref.Document
	for i := range d.Texts {
		if d.Texts[i].Kind == recto.Transcript {
			d.Texts[i].Format, d.Texts[i].Body = recto.PlainText, "227. Secret\n\n1. First\n2. Second\n1) as typed\n- no bullet <script>alert(1)</script>"
		} else {
			d.Texts[i].Format, d.Texts[i].Body = recto.HTML, `<p class="MsoNormal">One <i>em</i></p><p onclick="alert(2)">Two<script>alert(3)</script></p>`
		}
	}
	if err := s.db.UpdateDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/documents/%d", d.ID)
	pair := mustPage(t, s.handler, base+"?view=side-by-side", http.StatusOK)
	wantInOrder(t, pair, `<td lang="en" dir="ltr"><p id="p1">One <i>em</i></p>`, `<td lang="ru" dir="ltr"><p id="o-p1">227. Secret</p>`,
		`<td lang="en" dir="ltr"><p id="p2">Two</p>`,
		`<p id="o-p2">1. First<br>`+"\n"+`2. Second<br>`+"\n"+`1) as typed<br>`+"\n"+`- no bullet &lt;script&gt;alert(1)&lt;/script&gt;</p>`)
	for _, bad := range []string{"alert(2)", "alert(3)", "<script>alert", "MsoNormal"} {
		if strings.Contains(pair, bad) {
			t.Errorf("page keeps %q", bad)
		}
	}
}
