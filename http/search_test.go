package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/htmlcheck"
)

func TestSearchPage(t *testing.T) {
	s := mustSite(t)
	letter := s.ref.Document

	empty := mustPage(t, s.handler, "/search", http.StatusOK)
	wantInOrder(t, empty, `<input type="search" id="site-q" name="q" value=""`, "<h1>Search the archive</h1>",
		"Results 1–3 of 3", `<h2 id="facets-heading">Refine</h2>`)

	// A variant name finds the letter about Ghulja and says why.
	// (The related telegram says Ghulja in its title.)
	body := mustPage(t, s.handler, "/search?q=Kulja", http.StatusOK)
	wantInOrder(t, body, `value="Kulja"`, "<h1>Search: Kulja</h1>", `is a name of Ghulja`, "Results 1–2 of 2")
	for _, d := range []*recto.Document{letter, s.ref.Related} {
		if !strings.Contains(body, fmt.Sprintf(`<a href="/documents/%d?hl=Kulja">%s</a>`, d.ID, d.Title)) {
			t.Errorf("Kulja does not find %q", d.Title)
		}
	}
	wantAbsent(t, body, s.ref.Draft.Title)

	// A word in the text is marked in the snippet and on the document page.
	body = mustPage(t, s.handler, "/search?q=hope", http.StatusOK)
	wantInOrder(t, body, "Results 1–1 of 1", `<p class="snippet" lang="en" dir="ltr">`, "<mark>hope</mark>")
	doc := mustPage(t, s.handler, fmt.Sprintf("/documents/%d?hl=hope", letter.ID), http.StatusOK)
	wantInOrder(t, doc, `<p id="p2">The second paragraph speaks of aid and of <em><mark>hope</mark></em>.</p>`)
	pair := mustPage(t, s.handler, fmt.Sprintf("/documents/%d?view=side-by-side&hl=%s", letter.ID, url.QueryEscape("надежде")), http.StatusOK)
	wantInOrder(t, pair, `<p id="o-p2">Второй абзац говорит о помощи и о <em><mark>надежде</mark></em>.</p>`)

	// A malformed query gets a message and results, never an error page.
	body = mustPage(t, s.handler, "/search?q=hope+%22", http.StatusOK)
	wantInOrder(t, body, `<div class="search-notes" role="status">`, "quote", "Results 1–1 of 1")
	mustPage(t, s.handler, "/search?q=zzzz", http.StatusOK)

	for _, bad := range []string{"/search?sort=random", "/search?per=7", "/search?page=0"} {
		mustPage(t, s.handler, bad, http.StatusBadRequest)
	}
	mustPage(t, s.handler, "/search?q=hope&page=2", http.StatusNotFound)
	// Drafts appear nowhere.
	body = mustPage(t, s.handler, "/search?q=Unpublished+Draft", http.StatusOK)
	wantInOrder(t, body, "No results")
}

func TestSearchPage_Facets(t *testing.T) {
	s := mustSite(t)
	must(t, s.db.CreateDocument(context.Background(), &recto.Document{Title: "A later letter", Status: recto.StatusPublished,
		Date: edtf.MustParse("1950-03-01"), Places: []*recto.Place{s.ref.Moscow}}))
	body := mustPage(t, s.handler, "/search", http.StatusOK)
	// Places nest: Ghulja under Xinjiang under China.
	china := fmt.Sprint(s.ref.China.ID)
	wantInOrder(t, body, `<h3>Place</h3>`, `<li class="depth-0"><a href="/search?place=`+china+`">China</a>`,
		`<li class="depth-1"><a href="/search?place=`+fmt.Sprint(s.ref.Xinjiang.ID)+`">Xinjiang</a>`,
		`<li class="depth-2"><a href="/search?place=`+fmt.Sprint(s.ref.Yining.ID)+`">Ghulja</a>`)
	// A histogram of years links each bar to its year.
	wantInOrder(t, body, `<svg viewBox="0 0 600 80"`, `<a href="/search?year=1945"`, `<a href="/search?year=1950"`)

	// Selecting a value: clean canonical URL, one-click removal, counts.
	selected := mustPage(t, s.handler, "/search?year=1945&q=&place="+china, http.StatusOK)
	wantInOrder(t, selected, `<link rel="canonical" href="https://archive.example.org/search?place=`+china+`&amp;year=1945">`,
		"Results 1–1 of 1", "Filtered by Place: China", `<a href="/search?year=1945"`, "(remove)",
		`<a href="/search">Remove all filters</a>`)
	wantInOrder(t, selected, `<a href="/search?year=1945" aria-current="true">✓ China</a>`)
	// The sort and page-size form keeps the filters.
	wantInOrder(t, selected, `<form class="search-order"`, `<input type="hidden" name="place" value="`+china+`">`,
		`<input type="hidden" name="year" value="1945">`)
	if !strings.Contains(selected, `<option value="relevance" selected>Relevance</option>`) {
		t.Error("relevance is not the selected order")
	}
}

func TestSearchHTMLValidates(t *testing.T) {
	s := mustSite(t)
	pages := map[string][]byte{}
	for _, path := range []string{"/search", "/search?q=Kulja", "/search?q=%22unclosed", "/search?q=hope&place=" + fmt.Sprint(s.ref.China.ID),
		fmt.Sprintf("/documents/%d?hl=hope", s.ref.Document.ID), "/search?q=" + strings.Repeat("hope+", 100), "/search?page=1001"} {
		pages[path] = get(t, s.handler, path).Body.Bytes()
	}
	htmlcheck.Validate(t, pages)
}

// A page number past the results a search reaches is refused at once with
// a message, however large; page 10⁹ once exited the process.
func TestSearchPage_DeepPages(t *testing.T) {
	s := mustSite(t)
	for _, path := range []string{"/search?page=1001", "/search?q=hope&per=50&page=201", "/search?page=1000000",
		"/search?page=1000000000", "/search?page=99999999999999999999999"} {
		body := mustPage(t, s.handler, path, http.StatusBadRequest)
		wantInOrder(t, body, "Search results can be paged through as far as result 10,000", "narrow the search")
	}
	body := mustPage(t, s.handler, "/search?per=50&page=201", http.StatusBadRequest)
	wantInOrder(t, body, "(page 200 at 50 a page); this page is past it")
	body = mustPage(t, s.handler, "/search?page="+strings.Repeat("x", 100_000), http.StatusBadRequest)
	wantInOrder(t, body, `The page number &#34;xxxxxxxxxxxxxxxxxxxx&#34; is not a positive whole number.`)
	// The last reachable page is a page like any other: here, past the results.
	mustPage(t, s.handler, "/search?page=1000", http.StatusNotFound)
}

// A page selects at most 20 facet values: each of its links carries every
// selection, so thousands of them would make a page of their square.
func TestSearchPage_ManySelections(t *testing.T) {
	s := mustSite(t)
	years := func(n int) string {
		var q []string
		for y := range n {
			q = append(q, fmt.Sprintf("year=%d", 1900+y))
		}
		return "/search?" + strings.Join(q, "&")
	}
	mustPage(t, s.handler, years(20), http.StatusOK)
	body := mustPage(t, s.handler, years(21), http.StatusBadRequest)
	wantInOrder(t, body, "A search can select up to 20 facet values at once; this one selects 21.")
}

// Only the part of a query that is searched is shown again, once cut, with
// a note saying so: a 900 KB query once came back six times over.
func TestSearchPage_LongQuery(t *testing.T) {
	s := mustSite(t)
	for _, tt := range []struct {
		q, shown, note string
	}{
		{strings.Repeat("x", 900_000), strings.Repeat("x", 1000), "The query is too long: only its first 1,000 characters were used."},
		{strings.Repeat("hope ", 180_000), strings.TrimSpace(strings.Repeat("hope ", 64)), "The query has too many items: only the first 64 were used."},
		{"hope" + strings.Repeat(" ", 900_000) + "aid", "hope", "The query is too long: only its first 8,000 bytes were used."},
	} {
		rec := get(t, s.handler, "/search?q="+url.QueryEscape(tt.q))
		body := rec.Body.String()
		if rec.Code != http.StatusOK || len(body) > 64<<10 {
			t.Errorf("%.20q…: status %d, %d bytes", tt.q, rec.Code, len(body))
			continue
		}
		feed := "/search.atom?q=" + strings.ReplaceAll(url.QueryEscape(tt.shown), "+", "&#43;")
		wantInOrder(t, body, `<link rel="alternate" type="application/atom+xml" href="`+feed+`"`,
			`value="`+tt.shown+`"`, "<h1>Search: "+tt.shown+"</h1>", `value="`+tt.shown+`"`,
			`<div class="search-notes" role="status">`, "<li>"+tt.note+"</li>")
		wantAbsent(t, body, tt.shown+"x", tt.shown+" hope", tt.shown+"+hope", tt.shown+"%20")
	}
}

// People and places that only drafts name leave no trace on the results
// page: no note confirming the name, no field match, no facet label.
func TestSearchPage_DraftNames(t *testing.T) {
	s := mustSite(t)
	ctx := context.Background()
	secret := &recto.Agent{Kind: recto.Person, Name: "Ivan Secretov", Variants: []recto.Name{{Name: "Secretoff"}}}
	atlantis := &recto.Place{Name: "Atlantis", Variants: []recto.Name{{Name: "Atlantida"}}}
	must(t, s.db.CreateAgent(ctx, secret))
	must(t, s.db.CreatePlace(ctx, atlantis))
	draft, err := s.db.FindDocumentByID(ctx, s.ref.Draft.ID)
	must(t, err)
	draft.Credits = append(draft.Credits, recto.Credit{Role: recto.RoleAuthor, Agent: secret})
	draft.Places = append(draft.Places, atlantis)
	must(t, s.db.UpdateDocument(ctx, draft))
	for _, path := range []string{"/search?q=Secretoff", "/search?q=person:secretoff", "/search?q=translator:secretoff",
		"/search?q=Atlantida", "/search?q=place:atlantida", fmt.Sprintf("/search?person=%d", secret.ID),
		fmt.Sprintf("/search?place=%d", atlantis.ID)} {
		body := mustPage(t, s.handler, path, http.StatusOK)
		wantInOrder(t, body, "No results")
		wantAbsent(t, body, "Secretov", "Atlantis", "is a name of")
	}
}
