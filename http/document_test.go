package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
)

// TestDocumentPage_BlockOrder checks the blocks of the reference page, in its
// order, on the fixture built from the reference page's data.
func TestDocumentPage_BlockOrder(t *testing.T) {
	s := mustSite(t)
	d := s.ref.Document
	body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusOK)
	wantInOrder(t, body,
		`<a class="skip-link" href="#main">Skip to content</a>`,
		`<p class="document-date">April 22, 1945</p>`,
		`<h1 id="doc-title">Letter from Alihan Tore to Commander-in-Chief Marshal Stalin</h1>`,
		`This document was made possible with support from <a href="/people/`+fmt.Sprint(s.ref.Funder.ID)+`">MacArthur Foundation</a>`,
		`<div class="text-body" lang="en" dir="ltr">`,
		`<p id="p1">`+fixture.TranslationParagraphs[0]+`</p>`,
		`<p id="p3">`+fixture.TranslationParagraphs[2],
		`<li id="fn:1">`,
		`<p class="signature">Head of the East Turkestan Government - ALIHAN TORE [SHAKIRJAN]</p>`,
		`<p class="written-on">22 April 1945</p>`,
		`<p class="written-at">Ghulja [Yining]</p>`,
		`<p class="authentication">Authenticated by: V. Popova</p>`,
		`<h2 id="summary-heading">Summary</h2>`,
		`Fixture summary`,
		`<h2 id="info-heading">Document Information</h2>`,
		`GARF, Fond R-9401ss, Opis&#39; 2, Delo 95, ll. 352-359. Obtained by Jamil Hasanli and translated for NKIDP by Gary Goldberg.`,
		`Fixture rights statement`,
		`<dt>Original Uploaded Date</dt><dd><time datetime="2011-11-02T09:30:00Z">November 2, 2011</time></dd>`,
		`<dt>Record ID</dt><dd class="record-id">`+fmt.Sprint(d.ID)+`</dd>`,
		`<dt>Original Classification</dt><dd class="classification">Top Secret; declassified 1992 by Fixture Commission</dd>`,
		`<h3>Funders</h3>`, `MacArthur Foundation`,
		`<h3>Authors</h3>`, `>Alihan Tore</a>`,
		`<h3>Recipients</h3>`, `>Stalin</a>`,
		`<h3>Other people and organisations</h3>`, `>Jamil Hasanli</a> <span class="role">(Obtained by)</span>`,
		`>Petr Andreyevich</a> <span class="role">(Associated)</span>`,
		`<h3>Places</h3>`, `>Ghulja</a>`, `>Moscow</a>`,
		`<h3>Subjects</h3>`, `>China--Foreign relations--Soviet Union</a>`,
		`<h3>Collections</h3>`, `>Xinjiang in Soviet–Chinese Relations</a>`, `>The Ili Rebellion</a>`,
		`<h3>Related documents</h3>`, `>Telegram on the Ghulja Talks</a>`,
		`<h3>Attachments and enclosures</h3>`, `>List of Requested Supplies</a>`,
		`<h3>Scans of the original</h3>`, `href="/media/fixture-1.jpg"`,
	)
	// The link to a draft is never shown.
	wantAbsent(t, body, s.ref.Draft.Title)
	// Every linked entity links to its page.
	for _, path := range []string{
		fmt.Sprintf("/people/%d", s.ref.Author.ID), fmt.Sprintf("/places/%d", s.ref.Yining.ID),
		fmt.Sprintf("/subjects/%d", s.ref.Subject.ID), fmt.Sprintf("/collections/%d", s.ref.Child.ID),
		fmt.Sprintf("/documents/%d", s.ref.Enclosure.ID),
	} {
		if !strings.Contains(body, `href="`+path+`"`) {
			t.Errorf("no link to %s", path)
		}
	}
}

func TestDocumentPage_Texts(t *testing.T) {
	s := mustSite(t)
	base := fmt.Sprintf("/documents/%d", s.ref.Document.ID)
	body := mustPage(t, s.handler, base, http.StatusOK)
	wantInOrder(t, body, `<nav class="text-tabs"`,
		`<a href="`+base+`" aria-current="page">English translation</a>`,
		`<a href="`+base+`?text=2">Russian original</a>`,
		`<a href="`+base+`?view=side-by-side">Side by side</a>`)
	wantInOrder(t, body, `English translation: translated by <a href="/people/`, `Gary Goldberg</a> (2012).`,
		`Human translation, made from a Russian copy.`)

	ru := mustPage(t, s.handler, base+"?text=2", http.StatusOK)
	wantInOrder(t, ru, `<a href="`+base+`?text=2" aria-current="page">Russian original</a>`,
		`<div class="text-body" lang="ru" dir="ltr">`, `<p id="p2">`+strings.ReplaceAll(fixture.TranscriptParagraphs[1], "*надежде*", "<em>надежде</em>"))

	pair := mustPage(t, s.handler, base+"?view=side-by-side", http.StatusOK)
	wantInOrder(t, pair, `<a href="`+base+`?view=side-by-side" aria-current="page">Side by side</a>`,
		`<table class="parallel">`,
		`<th scope="col">English translation</th><th scope="col">Russian original</th>`,
		`<td lang="en" dir="ltr"><p id="p1">`+fixture.TranslationParagraphs[0],
		`<td lang="ru" dir="ltr"><p id="o-p1">`+fixture.TranscriptParagraphs[0],
		`<td lang="en" dir="ltr"><p id="p2">`, `<td lang="ru" dir="ltr"><p id="o-p2">`,
		`<td lang="en" dir="ltr"><p id="p3">`, `<td lang="ru" dir="ltr"><p id="o-p3">`,
	)
	for _, q := range []string{"?text=0", "?text=3", "?text=x", "?view=columns", "?view=side-by-side&text=2"} {
		mustPage(t, s.handler, base+q, http.StatusNotFound)
	}
}

func TestDocumentPage_Status(t *testing.T) {
	s := mustSite(t)
	d := s.ref.Document

	// A current slug serves the page; a stale one redirects to the canonical URL.
	page := mustPage(t, s.handler, fmt.Sprintf("/documents/%d/letter-from-alihan-tore-to-commander-in-chief-marshal-stalin", d.ID), http.StatusOK)
	if !strings.Contains(page, fmt.Sprintf(`<link rel="canonical" href="https://archive.example.org/documents/%d">`, d.ID)) {
		t.Error("slug form lacks the canonical link")
	}
	rec := get(t, s.handler, fmt.Sprintf("/documents/%d/old-title", d.ID))
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != fmt.Sprintf("/documents/%d", d.ID) {
		t.Fatalf("stale slug: %d to %q", rec.Code, rec.Header().Get("Location"))
	}

	// A draft answers like a missing document, even under a guessed slug.
	draft := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", s.ref.Draft.ID), http.StatusNotFound)
	missing := mustPage(t, s.handler, "/documents/987654", http.StatusNotFound)
	wantAbsent(t, draft, s.ref.Draft.Title)
	main := func(page string) string { return page[strings.Index(page, "<main"):strings.Index(page, "</main>")] }
	if strings.ReplaceAll(main(draft), fmt.Sprint(s.ref.Draft.ID), "N") != strings.ReplaceAll(main(missing), "987654", "N") {
		t.Errorf("a draft's 404 page differs from a missing document's:\n%s\n%s", main(draft), main(missing))
	}
	mustPage(t, s.handler, fmt.Sprintf("/documents/%d/anything", s.ref.Draft.ID), http.StatusNotFound)
	wantInOrder(t, missing, "<h1>Page not found</h1>", "No published document has Record ID 987654", `<a href="/documents">`)
	for _, path := range []string{"/documents/abc", "/documents/-1", "/documents/0", "/nowhere"} {
		mustPage(t, s.handler, path, http.StatusNotFound)
	}

	// A withdrawn document keeps its URL and says why it is gone.
	d.Status, d.WithdrawnNote = "withdrawn", "Withdrawn while its attribution is re-examined."
	if err := s.db.UpdateDocument(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	gone := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusGone)
	wantInOrder(t, gone, d.Title, "This document has been withdrawn", d.WithdrawnNote)
	wantAbsent(t, gone, fixture.TranslationParagraphs[0])
}

func TestDocumentPage_EnclosedIn(t *testing.T) {
	s := mustSite(t)
	body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", s.ref.Enclosure.ID), http.StatusOK)
	wantInOrder(t, body, "<h3>Enclosed in</h3>", s.ref.Document.Title)
}

// "Original Uploaded Date" is the former system's stamp, shown only when
// known: never the time Recto stored the document.
func TestDocumentPage_OriginalUploadedDate(t *testing.T) {
	s := mustSite(t)
	body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", s.ref.Enclosure.ID), http.StatusOK)
	wantAbsent(t, body, "Original Uploaded Date")
	wantAbsent(t, body, s.ref.Enclosure.CreatedAt.UTC().Format(time.RFC3339))
}

// The former Digital Archive's path of a document, /document/{Record ID},
// which books and links cite, redirects permanently to its page; a
// withdrawn document's answers 410 with its notice, a draft's and a missing
// document's 404, as their pages do.
func TestFormerDocumentPath(t *testing.T) {
	ctx := context.Background()
	s := mustSite(t)
	redirects := func(from, to string) {
		t.Helper()
		rec := get(t, s.handler, from)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != to {
			t.Errorf("GET %s: %d to %q, want 301 to %s", from, rec.Code, rec.Header().Get("Location"), to)
		}
	}
	d := s.ref.Document
	redirects(fmt.Sprintf("/document/%d", d.ID), fmt.Sprintf("/documents/%d", d.ID))
	draft := mustPage(t, s.handler, fmt.Sprintf("/document/%d", s.ref.Draft.ID), http.StatusNotFound)
	wantAbsent(t, draft, s.ref.Draft.Title)
	mustPage(t, s.handler, "/document/99999", http.StatusNotFound)
	mustPage(t, s.handler, "/document/letter-to-stalin", http.StatusNotFound)
	d.Status, d.WithdrawnNote = recto.StatusWithdrawn, "Withdrawn while its attribution is re-examined."
	must(t, s.db.UpdateDocument(ctx, d))
	wantInOrder(t, mustPage(t, s.handler, fmt.Sprintf("/document/%d", d.ID), http.StatusGone),
		"This document has been withdrawn", d.WithdrawnNote)
}

// Every path a document had on a former site redirects permanently to its
// page: /document/{slug}, /document/{number that is no Record ID},
// /node/{nid} and any other recorded path, in any form an old link wrote
// it. A number is a Record ID first. A draft's former path answers as a
// path no document had; a withdrawn document's, its notice.
func TestFormerPaths_Redirect(t *testing.T) {
	ctx := context.Background()
	s := mustSite(t)
	redirects := func(from string, to int64) {
		t.Helper()
		rec := get(t, s.handler, from)
		if want := fmt.Sprintf("/documents/%d", to); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %s", from, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	d := s.ref.Document
	for _, p := range []string{"/document/letter-from-alihan-tore-to-stalin", "/document/119185",
		"/node/4521", "/node/4521/", "/node/4521?page=2", "/document/letter-from-alihan-tore-to-stalin?utm_source=x"} {
		redirects(p, d.ID)
	}
	// A number is a Record ID before it is another document's former path.
	other := &recto.Document{Title: "Other", Status: recto.StatusPublished,
		FormerPaths: []string{fmt.Sprintf("/document/%d", s.ref.Enclosure.ID), "/old/site/caf\u00e9"}}
	must(t, s.db.CreateDocument(ctx, other))
	redirects(fmt.Sprintf("/document/%d", s.ref.Enclosure.ID), s.ref.Enclosure.ID)
	redirects("/old/site/caf%C3%A9", other.ID)

	draft := &recto.Document{Title: "Secret Zyxq Draft", Status: recto.StatusDraft, FormerPaths: []string{"/node/77", "/document/zyxq-draft"}}
	must(t, s.db.CreateDocument(ctx, draft))
	for _, p := range []string{"/node/77", "/document/zyxq-draft", "/node/78", "/document/no-such-slug", "/node/" + strings.Repeat("9", 3000)} {
		rec := get(t, s.handler, p)
		if rec.Code != http.StatusNotFound || rec.Header().Get("Location") != "" {
			t.Errorf("GET %s: %d to %q, want 404", p, rec.Code, rec.Header().Get("Location"))
		}
		wantAbsent(t, rec.Body.String(), draft.Title)
	}
	// The draft's path and a path no document had answer alike.
	if a, b := get(t, s.handler, "/node/77").Body.String(), get(t, s.handler, "/node/78").Body.String(); strings.ReplaceAll(a, "/node/77", "") != strings.ReplaceAll(b, "/node/78", "") {
		t.Errorf("a draft's former path answers unlike a path no document had:\n%s\n%s", a, b)
	}
	d.Status, d.WithdrawnNote = recto.StatusWithdrawn, "Withdrawn while its attribution is re-examined."
	must(t, s.db.UpdateDocument(ctx, d))
	wantInOrder(t, mustPage(t, s.handler, "/node/4521", http.StatusGone), "This document has been withdrawn", d.WithdrawnNote)
}
