package http_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/htmlcheck"
)

// exportCase is one download of a document's record.
type exportCase struct {
	path, mediaType, filename string
	check                     func(t *testing.T, body string)
}

func exportCases(s *site) []exportCase {
	id := fmt.Sprint(s.ref.Document.ID)
	return []exportCase{
		{"citation.ris", "application/x-research-info-systems", "recto-" + id + ".ris", func(t *testing.T, body string) {
			wantInOrder(t, body, "TY  - MANSCPT\r\n", "TI  - Letter from Alihan Tore", "A4  - Goldberg, Gary\r\n",
				"DA  - 1945/04/22/\r\n", "AN  - Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359\r\n", "DB  - GARF\r\n", "ER  - \r\n")
		}},
		{"citation.bib", "application/x-bibtex", "recto-" + id + ".bib", func(t *testing.T, body string) {
			wantInOrder(t, body, "@misc{recto"+id+",", "title", "{{Letter from Alihan Tore", "month        = apr,", "url")
		}},
		{"citation-biblatex.bib", "application/x-bibtex", "recto-" + id + "-biblatex.bib", func(t *testing.T, body string) {
			wantInOrder(t, body, "@letter{recto"+id+",", "date         = {1945-04-22}", "translator   = {Goldberg, Gary}",
				"library      = {GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352--359}", "urldate")
		}},
		{"citation.json", "application/vnd.citationstyles.csl+json", "recto-" + id + ".json", func(t *testing.T, body string) {
			var items []map[string]any
			if err := json.Unmarshal([]byte(body), &items); err != nil || len(items) != 1 {
				t.Fatalf("CSL-JSON: %v, %d items", err, len(items))
			}
			if it := items[0]; it["type"] != "manuscript" || it["archive"] != "GARF" ||
				it["URL"] != "https://archive.example.org/documents/"+id {
				t.Errorf("CSL-JSON item: %v", it)
			}
		}},
		{"tei.xml", "application/tei+xml", "recto-" + id + "-tei.xml", func(t *testing.T, body string) {
			d := xml.NewDecoder(strings.NewReader(body))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("TEI is not well-formed: %v", err)
				}
			}
			wantInOrder(t, body, "<TEI", "Letter from Alihan Tore", "<publisher>Recto</publisher>",
				"https://archive.example.org/documents/"+id)
		}},
	}
}

// TestCitationDownloads gets every download of the reference letter: its
// media type, its file name, and what it says.
func TestCitationDownloads(t *testing.T) {
	s := mustSite(t)
	for _, c := range exportCases(s) {
		t.Run(c.path, func(t *testing.T) {
			path := fmt.Sprintf("/documents/%d/%s", s.ref.Document.ID, c.path)
			rec := get(t, s.handler, path)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body.String())
			}
			if mt, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type")); err != nil || mt != c.mediaType {
				t.Errorf("Content-Type %q, want %s", rec.Header().Get("Content-Type"), c.mediaType)
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="`+c.filename+`"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			c.check(t, rec.Body.String())
			// The draft the letter links to is never named.
			wantAbsent(t, rec.Body.String(), s.ref.Draft.Title)
			etag := rec.Header().Get("ETag")
			if again := get(t, s.handler, path, "If-None-Match", etag); etag == "" || again.Code != http.StatusNotModified {
				t.Errorf("If-None-Match %q: %d, want 304", etag, again.Code)
			}
		})
	}
}

// TestCitationDownloads_Visibility: the downloads of a draft, of a document
// in review and of a missing document answer exactly as their pages do, and
// those of a withdrawn document answer 410 with the page's notice.
func TestCitationDownloads_Visibility(t *testing.T) {
	s := mustSite(t)
	ctx := context.Background()
	review := &recto.Document{Title: "Memorandum Under Review", Status: recto.StatusInReview}
	must(t, s.db.CreateDocument(ctx, review))
	main := func(page string) string {
		if i, j := strings.Index(page, "<main"), strings.Index(page, "</main>"); i >= 0 && j > i {
			return page[i:j]
		}
		return page
	}
	for _, id := range []int64{s.ref.Draft.ID, review.ID, 987654} {
		page := get(t, s.handler, fmt.Sprintf("/documents/%d", id))
		for _, c := range exportCases(s) {
			path := fmt.Sprintf("/documents/%d/%s", id, c.path)
			body := mustPage(t, s.handler, path, http.StatusNotFound)
			if main(body) != main(page.Body.String()) {
				t.Errorf("GET %s answers unlike its page:\n%s\n%s", path, main(body), main(page.Body.String()))
			}
			wantAbsent(t, body, s.ref.Draft.Title, review.Title)
		}
	}
	for _, path := range []string{"/documents/abc/citation.ris", "/documents/0/tei.xml"} {
		mustPage(t, s.handler, path, http.StatusNotFound)
	}

	d := s.ref.Document
	d.Status, d.WithdrawnNote = recto.StatusWithdrawn, "Withdrawn while its attribution is re-examined."
	must(t, s.db.UpdateDocument(ctx, d))
	page := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusGone)
	for _, c := range exportCases(s) {
		body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d/%s", d.ID, c.path), http.StatusGone)
		if main(body) != main(page) {
			t.Errorf("%s of a withdrawn document answers unlike its page", c.path)
		}
		wantInOrder(t, body, "This document has been withdrawn", d.WithdrawnNote)
	}
}

// TestDocumentPage_CiteBlock checks the "Cite this document" section, the
// page's metadata for reference managers and its links to other formats.
func TestDocumentPage_CiteBlock(t *testing.T) {
	s := mustSite(t)
	id := fmt.Sprint(s.ref.Document.ID)
	base := "/documents/" + id
	body := mustPage(t, s.handler, base, http.StatusOK)
	head := body[:strings.Index(body, "</head>")]
	wantInOrder(t, head,
		`<meta name="citation_title" content="Letter from Alihan Tore to Commander-in-Chief Marshal Stalin">`,
		`<meta name="citation_author" content="Alihan Tore">`,
		`<meta name="citation_date" content="1945-04-22">`,
		`<meta name="citation_public_url" content="https://archive.example.org/documents/`+id+`">`,
		`<meta name="citation_language" content="ru">`,
		`<meta name="z.itemType" content="manuscript">`,
		`<meta name="z.archive" content="GARF">`,
		`<meta name="z.archiveLocation" content="Fond R-9401ss, Opis&#39; 2, Delo 95, ll. 352–359">`,
		`<link rel="alternate" type="application/x-research-info-systems" href="`+base+`/citation.ris"`,
		`<link rel="alternate" type="application/x-bibtex" href="`+base+`/citation.bib"`,
		`<link rel="alternate" type="application/x-bibtex" href="`+base+`/citation-biblatex.bib"`,
		`<link rel="alternate" type="application/vnd.citationstyles.csl+json" href="`+base+`/citation.json"`,
		`<link rel="alternate" type="application/tei+xml" href="`+base+`/tei.xml"`,
		`<link rel="alternate" type="application/json" href="/api/v1/documents/`+id+`"`,
		`<link rel="alternate" type="text/xml" href="/oai?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier=oai:archive.example.org:`+id+`"`,
		`<link rel="alternate" type="text/xml" href="/oai?verb=GetRecord&amp;metadataPrefix=recto&amp;identifier=oai:archive.example.org:`+id+`"`,
		`<script type="application/ld+json">`,
	)
	wantInOrder(t, body,
		`<h2 id="info-heading">Document Information</h2>`,
		`<section class="document-citation" aria-labelledby="cite-heading">`,
		`<h2 id="cite-heading">Cite this document</h2>`,
		`<h3>Note</h3>`,
		`<p class="citation">“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin,” April 22, 1945, GARF, Fond R-9401ss, Opis&#39; 2, Delo 95, ll. 352–359, obtained by Jamil Hasanli, translated for NKIDP by Gary Goldberg, Recto, https://archive.example.org/documents/`+id+`.</p>`,
		`<h3>Bibliography</h3>`,
		`<p class="citation">“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin.” April 22, 1945. GARF, Fond R-9401ss, Opis&#39; 2, Delo 95, ll. 352–359. Obtained by Jamil Hasanli. Translated for NKIDP by Gary Goldberg. Recto. https://archive.example.org/documents/`+id+`.</p>`,
		`April 22, 1945, para. 3, GARF`, `https://archive.example.org/documents/`+id+`#p3.</p>`,
		`<a href="`+base+`/citation.ris" type="application/x-research-info-systems">RIS</a>`,
		`<a href="`+base+`/citation.bib" type="application/x-bibtex">BibTeX</a>`,
		`<a href="`+base+`/citation-biblatex.bib" type="application/x-bibtex">biblatex</a>`,
		`<a href="`+base+`/citation.json" type="application/vnd.citationstyles.csl&#43;json">CSL-JSON</a>`,
		`<a href="`+base+`/tei.xml" type="application/tei&#43;xml">TEI XML (the full record)</a>`,
		`</section>`,
		`<h2 id="links-heading">People, places, subjects and collections</h2>`,
	)
	// No COinS span: Zotero's connector would save the page from it, without the archive.
	wantAbsent(t, body, "Z3988")
	// The link to the draft is not among the page's links or metadata.
	wantAbsent(t, body, s.ref.Draft.Title, fmt.Sprintf("/documents/%d", s.ref.Draft.ID))

	// The pinpoint of another text names the text and links to it.
	ru := mustPage(t, s.handler, base+"?text=2", http.StatusOK)
	wantInOrder(t, ru, `<h2 id="cite-heading">`, `April 22, 1945, Russian original, para. 3,`,
		`https://archive.example.org/documents/`+id+`?text=2#p3.</p>`)
	// A document without a text has no pinpoint example.
	if bare := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", s.ref.Enclosure.ID), http.StatusOK); strings.Contains(bare, "para. ") {
		t.Error("a document without text offers to cite a paragraph")
	}
}

// TestDocumentPage_ApproximateDateMetadata: an approximate date stays
// approximate in the citation tag and the citations; JSON-LD, which takes
// ISO 8601 only, gives the year stated.
func TestDocumentPage_ApproximateDateMetadata(t *testing.T) {
	s := mustSite(t)
	ctx := context.Background()
	d := &recto.Document{Title: "Undated Note on Caravans", Date: edtf.MustParse("1950~"), Status: recto.StatusPublished}
	must(t, s.db.CreateDocument(ctx, d))
	body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusOK)
	wantInOrder(t, body, `<meta name="citation_date" content="c. 1950">`, `"dateCreated":"1950"`,
		`<p class="citation">“Undated Note on Caravans,” c. 1950, Recto, https://archive.example.org/documents/`)
}

// TestDocumentPage_CitationMetadata: the page has no COinS span, which
// Zotero's connector would prefer to the meta tags although it has no
// archive field; the meta tags give the repository a legacy reference
// links, the original's language or none, and a date Zotero reads; the
// JSON-LD dates are ISO 8601.
func TestDocumentPage_CitationMetadata(t *testing.T) {
	s := mustSite(t)
	ctx := context.Background()
	tests := []struct {
		date, citationDate, dateCreated string // dateCreated "" for none
	}{
		{"194X", "1940–1949", "1940/1949"},
		{"1945-04?", "April 1945?", "1945-04"},
		{"1950~", "c. 1950", "1950"},
		{"1945-04/1945-06", "April–June 1945", "1945-04/1945-06"},
		{"../1930", "until 1930", ""},
		{"1944-11-XX", "1944-11", "1944-11"},
	}
	for _, tt := range tests {
		d := &recto.Document{Title: "Telegram on Caravans", Date: edtf.MustParse(tt.date), Status: recto.StatusPublished,
			Sources: []recto.Source{{Repository: s.ref.GARF, Citation: "GARF, f. 5446, op. 1, d. 7"}},
			Texts:   []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Text."}}}
		must(t, s.db.CreateDocument(ctx, d))
		body := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusOK)
		head := body[:strings.Index(body, "</head>")]
		wantInOrder(t, head,
			`<meta name="citation_date" content="`+tt.citationDate+`">`,
			`<meta name="z.archive" content="GARF">`,
			`<meta name="z.archiveLocation" content="f. 5446, op. 1, d. 7">`)
		wantAbsent(t, body, "Z3988", "ctx_ver", "citation_language")
		blocks := jsonLD(t, tt.date, body)
		if len(blocks) != 1 {
			t.Fatalf("%s: %d JSON-LD blocks", tt.date, len(blocks))
		}
		if lang, ok := blocks[0]["inLanguage"]; ok {
			t.Errorf("%s: the document's inLanguage is %v, though its original's is unknown", tt.date, lang)
		}
		got, _ := blocks[0]["dateCreated"].(string)
		if got != tt.dateCreated {
			t.Errorf("%s: dateCreated %q, want %q", tt.date, got, tt.dateCreated)
		}
	}
}

// TestFeedAlternates checks the Atom links of the home, collection and
// search pages.
func TestFeedAlternates(t *testing.T) {
	s := mustSite(t)
	home := mustPage(t, s.handler, "/", http.StatusOK)
	wantInOrder(t, home, `<link rel="alternate" type="application/atom+xml" href="/feed.atom" title="Atom feed of new documents">`, "</head>")
	col := mustPage(t, s.handler, fmt.Sprintf("/collections/%d", s.ref.Collection.ID), http.StatusOK)
	wantInOrder(t, col, fmt.Sprintf(`<link rel="alternate" type="application/atom+xml" href="/collections/%d/feed.atom" title="Atom feed of this collection">`, s.ref.Collection.ID), "</head>")
	search := mustPage(t, s.handler, "/search?q=greetings&lang=ru", http.StatusOK)
	wantInOrder(t, search, `<link rel="alternate" type="application/atom+xml" href="/search.atom?q=greetings&amp;lang=ru" title="Atom feed of this search">`, "</head>")
	if empty := mustPage(t, s.handler, "/search", http.StatusOK); strings.Contains(empty, "search.atom") {
		t.Error("the empty search page links to a feed of nothing searched")
	}
}

// TestCitePagesValidate runs the Nu Html Checker over the pages this
// change touched, with a title that tries to close the JSON-LD script.
func TestCitePagesValidate(t *testing.T) {
	s := mustSite(t)
	hostile := &recto.Document{Title: `Report </script><script>alert("x")</script> & "more"`, Date: edtf.MustParse("1945-04/1945-06"),
		Status: recto.StatusPublished}
	must(t, s.db.CreateDocument(context.Background(), hostile))
	pages := map[string][]byte{}
	for _, path := range []string{
		fmt.Sprintf("/documents/%d", s.ref.Document.ID), fmt.Sprintf("/documents/%d?text=2", s.ref.Document.ID),
		fmt.Sprintf("/documents/%d", hostile.ID), "/search?q=greetings", fmt.Sprintf("/collections/%d", s.ref.Child.ID),
		fmt.Sprintf("/people/%d", s.ref.Funder.ID), fmt.Sprintf("/subjects/%d", s.ref.Subject.ID),
	} {
		body := mustPage(t, s.handler, path, http.StatusOK)
		pages[path] = []byte(body)
	}
	htmlcheck.Validate(t, pages)
}
