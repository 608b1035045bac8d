package http_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/htmlcheck"
)

// TestPages checks every page handler: status, key content and structure,
// and that the draft appears on none of them.
func TestPages(t *testing.T) {
	s := mustSite(t)
	ref := s.ref
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{"<h1>Primary sources in translation</h1>", "<strong>3</strong> documents",
			"<strong>5</strong> people", "<strong>2</strong> organisations", "Newest additions",
			ref.Document.Title, ref.Collection.Title}},
		{"/documents", []string{"<h1>All documents</h1>", "3 documents", ref.Enclosure.Title, ref.Document.Title, ref.Related.Title}},
		{"/collections", []string{"<h1>Collections</h1>", ref.Collection.Title, "3 documents", ref.Child.Title, "2 documents"}},
		{fmt.Sprintf("/collections/%d", ref.Collection.ID), []string{ref.Collection.Title, "Letters and <em>telegrams</em>.",
			"Sub-collections", ref.Child.Title, "<h2 id=\"docs-heading\">Documents</h2>", ref.Enclosure.Title, ref.Document.Title}},
		{fmt.Sprintf("/collections/%d?sort=curated", ref.Collection.ID), []string{"as arranged by the editors</strong>", ref.Enclosure.Title, ref.Document.Title}},
		{fmt.Sprintf("/collections/%d", ref.Child.ID), []string{`<a href="/collections">Collections</a>`, ref.Collection.Title, ref.Child.Title, ref.Related.Title}},
		{"/people", []string{"People and organisations", "Alihan Tore", `<li lang="ru" dir="ltr">Алихан Тура</li>`, "MacArthur Foundation"}},
		{"/people?kind=organisation", []string{"<h1>Organisations</h1>", "MacArthur Foundation"}},
		{fmt.Sprintf("/people/%d", ref.Author.ID), []string{"<h1>Alihan Tore</h1>", "1885–1976", "wikidata: Q-fixture",
			"Shakirjan", "Head of the East Turkestan Government.", ref.Document.Title}},
		{fmt.Sprintf("/people/%d", ref.Translator.ID), []string{"Gary Goldberg", ref.Document.Title}},
		{"/places", []string{"<h1>Places</h1>", "China", "Xinjiang", "Ghulja", "Moscow"}},
		{fmt.Sprintf("/places/%d", ref.Yining.ID), []string{`<a href="/places">Places</a>`, ">China</a>", ">Xinjiang</a>", "<h1>Ghulja</h1>",
			"43.9000, 81.3000", "Kulja", `<li lang="ug-Arab" dir="rtl">غۇلجا</li>`, ref.Document.Title}},
		{fmt.Sprintf("/places/%d", ref.China.ID), []string{"<h1>China</h1>", "Places within", "Xinjiang", ref.Document.Title}},
		{"/subjects", []string{"<h1>Subjects</h1>", ">China</a>"}},
		{fmt.Sprintf("/subjects/%d", ref.Subject.ParentID), []string{"<h1>China--Foreign relations</h1>", "Narrower headings",
			">Soviet Union</a>", ref.Document.Title}},
		{"/repositories", []string{"<h1>Repositories</h1>", ">GARF</a>: State Archive of the Russian Federation, Moscow"}},
		{fmt.Sprintf("/repositories/%d", ref.GARF.ID), []string{"State Archive of the Russian Federation (GARF)",
			"Cited by fond, opis, delo and folios.", ref.Document.Title}},
		{"/dates", []string{"<h1>Dates</h1>", `<a href="/dates/1940s">1940s</a>`, "3 documents"}},
		{"/dates/1940s", []string{"<h1>1940s</h1>", `<a href="/dates/1945">1945</a>`, ref.Document.Title}},
		{"/dates/1945", []string{`<a href="/dates/1940s">1940s</a>`, `<a href="/dates/1945-04">April 1945</a>`,
			`<a href="/dates/1945-05">May 1945</a>`}},
		{"/dates/1945-04", []string{"<h1>April 1945</h1>", ref.Enclosure.Title, ref.Document.Title}},
		{"/dates/undated", []string{"<h1>Undated</h1>", "No published documents."}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			body := mustPage(t, s.handler, tt.path, http.StatusOK)
			wantInOrder(t, body, tt.want...)
			wantAbsent(t, body, ref.Draft.Title)
		})
	}
}

func TestPages_NotFound(t *testing.T) {
	s := mustSite(t)
	for _, path := range []string{
		"/people/9999", "/places/9999", "/subjects/9999", "/collections/9999", "/repositories/9999",
		"/dates/1945-13", "/dates/19", "/dates/1941s", "/static/none.css", "/people/x",
		"/documents?page=2",
	} {
		mustPage(t, s.handler, path, http.StatusNotFound)
	}
	for _, path := range []string{"/documents?page=0", "/documents?page=abc", "/people?kind=robot"} {
		mustPage(t, s.handler, path, http.StatusBadRequest)
	}
	// An authority known only from drafts is not published either.
	ctx := context.Background()
	secret := &recto.Agent{Kind: recto.Person, Name: "Secret Source"}
	must(t, s.db.CreateAgent(ctx, secret))
	must(t, s.db.CreateDocument(ctx, &recto.Document{Title: "Draft naming a source", Status: recto.StatusDraft,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: secret}}}))
	body := mustPage(t, s.handler, fmt.Sprintf("/people/%d", secret.ID), http.StatusNotFound)
	wantAbsent(t, body, "Secret Source")
	wantAbsent(t, mustPage(t, s.handler, "/people", http.StatusOK), "Secret Source")
}

func TestPagination(t *testing.T) {
	s := mustSite(t)
	ctx := context.Background()
	for i := range 30 {
		must(t, s.db.CreateDocument(ctx, &recto.Document{Title: fmt.Sprintf("Telegram %02d", i),
			Date: edtf.MustParse(fmt.Sprintf("1950-01-%02d", i+1)), Status: recto.StatusPublished,
			Collections: []*recto.Collection{s.ref.Child}}))
	}
	path := fmt.Sprintf("/collections/%d", s.ref.Child.ID)
	first := mustPage(t, s.handler, path, http.StatusOK)
	// The letter and the related telegram (1945) come before the 30 of 1950.
	wantInOrder(t, first, "Documents 1–25 of 32", s.ref.Document.Title, s.ref.Related.Title, "Telegram 00", "Telegram 22",
		"Page 1 of 2", `<a href="`+path+`?page=2" rel="next">Next</a>`)
	wantAbsent(t, first, "Telegram 23")
	second := mustPage(t, s.handler, path+"?page=2", http.StatusOK)
	wantInOrder(t, second, "Documents 26–32 of 32", `<ol class="doc-list" start="26">`, "Telegram 23", "Telegram 29",
		`<a href="`+path+`" rel="prev">Previous</a>`)
	mustPage(t, s.handler, path+"?page=3", http.StatusNotFound)
}

func TestHTMLValidates(t *testing.T) {
	s := mustSite(t)
	ref := s.ref
	pages := map[string][]byte{}
	for _, path := range []string{
		"/", "/documents", fmt.Sprintf("/documents/%d", ref.Document.ID),
		fmt.Sprintf("/documents/%d?text=2", ref.Document.ID), fmt.Sprintf("/documents/%d?view=side-by-side", ref.Document.ID),
		fmt.Sprintf("/documents/%d", ref.Enclosure.ID), "/collections", fmt.Sprintf("/collections/%d", ref.Collection.ID),
		"/people", fmt.Sprintf("/people/%d", ref.Author.ID), "/places", fmt.Sprintf("/places/%d", ref.Yining.ID),
		"/subjects", fmt.Sprintf("/subjects/%d", ref.Subject.ID), "/repositories", fmt.Sprintf("/repositories/%d", ref.GARF.ID),
		"/dates", "/dates/1940s", "/dates/1945", "/dates/1945-04", "/nowhere",
	} {
		pages[path] = get(t, s.handler, path).Body.Bytes()
	}
	htmlcheck.Validate(t, pages)
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
