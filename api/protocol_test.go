package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
)

// TestConditional: ETag and Last-Modified, 304 while nothing changed, 200
// once the document did.
func TestConditional(t *testing.T) {
	e := newEnv(t)
	path := api("/documents/" + id(e.ref.Document.ID))
	first := e.get(path)
	etag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if !strings.HasPrefix(etag, `W/"`) || modified == "" {
		t.Fatalf("ETag %q, Last-Modified %q", etag, modified)
	}
	if again := e.get(path); again.Header().Get("ETag") != etag || again.Body.String() != first.Body.String() {
		t.Fatal("the same document twice differs")
	}
	for _, h := range [][]string{{"If-None-Match", etag}, {"If-None-Match", strings.TrimPrefix(etag, "W/")},
		{"If-None-Match", `"other", ` + etag}, {"If-None-Match", "*"}, {"If-Modified-Since", modified}} {
		rec := e.get(path, h...)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("%s: %d with %d bytes", h, rec.Code, rec.Body.Len())
		}
	}
	if rec := e.get(path, "If-None-Match", `W/"other"`, "If-Modified-Since", modified); rec.Code != http.StatusOK {
		t.Errorf("a different ETag must win over If-Modified-Since: %d", rec.Code)
	}
	if rec := e.get(path, "If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"); rec.Code != http.StatusOK {
		t.Errorf("If-Modified-Since long ago: %d", rec.Code)
	}
	d, err := e.db.FindDocumentByID(context.Background(), e.ref.Document.ID)
	must(t, err)
	d.Title = "Edited title"
	must(t, e.db.UpdateDocument(context.Background(), d))
	if rec := e.get(path, "If-None-Match", etag); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Edited title") {
		t.Errorf("after an edit: %d", rec.Code)
	}
	// Lists and search have validators too; errors have none.
	for _, p := range []string{api("/documents"), api("/search?q=kulja"), api("/people"), api("/openapi.json")} {
		rec := e.get(p)
		if rec.Header().Get("ETag") == "" {
			t.Errorf("%s: no ETag", p)
		}
		if again := e.get(p, "If-None-Match", rec.Header().Get("ETag")); again.Code != http.StatusNotModified {
			t.Errorf("%s: %d for its own ETag", p, again.Code)
		}
	}
	if rec := e.get(api("/documents/999999")); rec.Header().Get("ETag") != "" || rec.Header().Get("Last-Modified") != "" {
		t.Error("a 404 has validators")
	}
}

// TestCORSAndMethods: any origin may read; OPTIONS answers a preflight;
// other methods are refused with Allow.
func TestCORSAndMethods(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{api("/documents"), api("/documents/999999"), api("/nowhere"), api("/documents?limit=x")} {
		if rec := e.get(p, "Origin", "https://elsewhere.example"); rec.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q", p, rec.Header().Get("Access-Control-Allow-Origin"))
		}
	}
	rec := e.do(http.MethodOptions, api("/documents/1"), "Origin", "https://elsewhere.example",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if rec.Code != http.StatusNoContent || !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "GET") ||
		!strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "If-None-Match") ||
		rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
	if rec := e.do(http.MethodHead, api("/documents/"+id(e.ref.Document.ID))); rec.Code != http.StatusOK ||
		rec.Header().Get("ETag") == "" {
		t.Errorf("HEAD: %d", rec.Code)
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "BREW"} {
		rec := e.do(m, api("/documents"))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD, OPTIONS" ||
			!strings.Contains(rec.Body.String(), `"method_not_allowed"`) {
			t.Errorf("%s: %d, Allow %q, %s", m, rec.Code, rec.Header().Get("Allow"), rec.Body)
		}
		e.conforms(t, api("/documents"), rec)
	}
}

// TestBaseURLFromRequest: without a base URL, links use the request's host.
func TestBaseURLFromRequest(t *testing.T) {
	e := newEnv(t)
	e.h = New(recto.NewCatalogue(e.db, recto.PublicAudience), e.eng, Options{})
	req := httptest.NewRequest(http.MethodGet, "https://api.example.net"+api("/documents/"+id(e.ref.Document.ID)), nil)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	var d Document
	must(t, json.Unmarshal(rec.Body.Bytes(), &d))
	if d.Links.Self != "https://api.example.net/api/v1/documents/"+id(d.ID) {
		t.Errorf("self: %s", d.Links.Self)
	}
}

// TestBadParameters: every malformed parameter is a 400 naming it.
func TestBadParameters(t *testing.T) {
	e := newEnv(t)
	otherCursor := encodeCursor("places", "1", "1")
	for _, c := range []struct{ target, param string }{
		{"/documents?limt=5", "limt"},
		{"/documents?limit=0", "limit"},
		{"/documents?limit=501", "limit"},
		{"/documents?limit=abc", "limit"},
		{"/documents?limit=+5", "limit"},
		{"/documents?limit=5&limit=6", "limit"},
		{"/documents?limit=99999999999999999999", "limit"},
		{"/documents?cursor=nonsense", "cursor"},
		{"/documents?cursor=" + otherCursor, "cursor"},
		{"/documents?cursor=" + encodeCursor("documents", "yesterday", "1"), "cursor"},
		{"/documents?cursor=" + encodeCursor("documents", "2026-01-02T03:04:05Z", "-1"), "cursor"},
		{"/documents?person=abc", "person"},
		{"/documents?person=-1", "person"},
		{"/documents?person=0", "person"},
		{"/documents?place=1.5", "place"},
		{"/documents?collection=1&collection=2", "collection"},
		{"/documents?subject=", ""}, // empty: no filter
		{"/documents?date=1945-13", "date"},
		{"/documents?date=1950..1940", "date"},
		{"/documents?from=yesterday", "from"},
		{"/documents?from=2026-02-01&until=2026-01-01", "until"},
		{"/documents?lang=ru", "lang"},
		{"/documents?q=kulja", "q"},
		{"/documents/1?view=full", "view"},
		{"/search?sort=best", "sort"},
		{"/search?limit=101", "limit"},
		{"/search?offset=-1", "offset"},
		{"/search?offset=10001", "offset"},
		{"/search?q=a&q=b", "q"},
		{"/search?page=2", "page"},
		{"/search?q=%zz", "query"},
		{"/search?q=%ff", "q"},
		{"/search?q=%00", "q"},           // not text (web.CheckParam)
		{"/search?q=Mao%1b%5b2J", "q"},   // an escape sequence
		{"/people?cursor=%7f", "cursor"}, // DEL
		{"/search?q=" + strings.Repeat("a", 3000), "q"},
		{"/people?kind=robot", "kind"},
		{"/people?cursor=" + otherCursor, "cursor"},
		{"/people?cursor=" + encodeCursor("people", "0", "1"), "cursor"},
		{"/places?cursor=" + encodeCursor("places", "x", "1"), "cursor"},
		{"/places?kind=person", "kind"},
		{"/openapi.json?v=2", "v"},
	} {
		rec := e.get(api(c.target))
		e.conforms(t, api(c.target), rec)
		if c.param == "" {
			if rec.Code != http.StatusOK {
				t.Errorf("%s: %d %s", c.target, rec.Code, rec.Body)
			}
			continue
		}
		var body errorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusBadRequest ||
			body.Error.Code != "invalid" || body.Error.Parameter == nil || *body.Error.Parameter != c.param ||
			!strings.Contains(body.Error.Message, c.param) && c.param != "query" {
			t.Errorf("%.80s: %d %.300s, want 400 naming %s", c.target, rec.Code, rec.Body, c.param)
		}
	}
}

// TestOddInputs sends requests no client should: nothing panics, every
// answer is JSON the OpenAPI document describes, and nothing is a 500.
func TestOddInputs(t *testing.T) {
	e := newEnv(t)
	for _, target := range oddTargets {
		rec := e.get(target)
		if rec.Code >= 500 {
			t.Errorf("%q: %d %s", target, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) && rec.Code != http.StatusMovedPermanently {
			t.Errorf("%q: not JSON: %s", target, rec.Body)
		}
		if u, err := url.Parse(target); err == nil && rec.Code != http.StatusMovedPermanently {
			e.conforms(t, u.Path, rec)
		}
	}
}

var oddTargets = []string{
	api(""), api("/"), api("//"), api("/documents/"), api("/documents//"), api("/documents/0"), api("/documents/-1"),
	api("/documents/1e3"), api("/documents/0x10"), api("/documents/%31"), api("/documents/+1"), api("/documents/01"),
	api("/documents/9223372036854775807"), api("/documents/9223372036854775808"), api("/documents/1/2"),
	api("/documents/%00"), api("/documents/%E2%80%AE"), api("/documents/../people"), api("/DOCUMENTS"),
	api("/documents?"), api("/documents?&&&"), api("/documents?="), api("/documents?=1"), api("/documents?limit"),
	api("/documents?limit=%00"), api("/documents?cursor="), api("/documents?cursor=%FF%FE"),
	api("/documents?cursor=" + strings.Repeat("A", 5000)), api("/documents?date=%E2%80%A61945"),
	api("/documents?date=-9999999999999999"), api("/documents?date=99999999999"), api("/documents?date=Y-170000002"),
	api("/documents?date=1945%2F.."), api("/documents?date=../.."), api("/documents?from=0000-00-00"),
	api("/documents?from=9999-12-31T23:59:59Z"), api("/documents?until=-0001-01-01T00:00:00Z"),
	api("/search?q=%22"), api("/search?q=(((((("), api("/search?q=date:"), api("/search?q=-"), api("/search?q=OR"),
	api("/search?q=person:999999"), api("/search?q=*"), api("/search?q=kul*"), api("/search?person=abc"),
	api("/search?year=-5"), api("/search?decade=" + strings.Repeat("9", 100)), api("/search?collection=&collection="),
	api("/search?sort="), api("/search?limit=0&offset=10000"), api("/search?q=%E4%BC%8A%E5%AE%81"),
	api("/people/abc"), api("/people/0"), api("/places/-3"), api("/subjects/1.0"), api("/collections/%20"),
	api("/repositories/999999999999"), api("/people?limit=1&cursor=" + encodeCursor("people", "999999", "1")),
	api("/places?cursor=" + encodeCursor("places", "2147483648000", "3")), api("/openapi.json/"), api("/search/"),
	"/", "/api", "/api/v2/documents", "/elsewhere",
}

// FuzzTargets fuzzes paths and query strings: the API never panics, never
// fails with a 500, answers only what the OpenAPI document describes for
// the route, always JSON, and within the request's deadline. Seeds are
// oddTargets and testdata/fuzz/FuzzTargets.
func FuzzTargets(f *testing.F) {
	for _, target := range oddTargets {
		f.Add(target)
	}
	e := newEnv(f)
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse(target)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(target, "/") || !strings.HasPrefix(u.RequestURI(), "/") ||
			strings.ContainsAny(target, " \t\r\n#") {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "http://archive.example.org"+u.RequestURI(), nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		e.h.ServeHTTP(rec, req)
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("%q took %v, past its 2 s deadline", target, took)
		}
		if rec.Code >= 500 {
			t.Fatalf("%q: %d %s", target, rec.Code, rec.Body)
		}
		if rec.Code != http.StatusMovedPermanently && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%q: not JSON", target)
		}
		if rec.Code != http.StatusMovedPermanently {
			e.conforms(t, u.Path, rec)
		}
	})
}

// TestOpenAPIMatchesRoutes holds the OpenAPI document to the routes table:
// every route is described with exactly the parameters it takes, and
// every described path is a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	d := loadOpenAPI(t)
	paths, _ := d.at("paths").(map[string]any)
	served := map[string]bool{}
	wildcard := regexp.MustCompile(`\{(\w+)\}`)
	for _, rt := range routes {
		served[rt.path] = true
		item, ok := paths[rt.path].(map[string]any)
		if !ok {
			t.Errorf("route %s is not described", rt.path)
			continue
		}
		for method := range item {
			if method != "get" {
				t.Errorf("%s: %s is described; the API only reads", rt.path, method)
			}
		}
		var query, path []string
		for _, p := range d.parameters(t, rt.path) {
			switch p.in {
			case "query":
				query = append(query, p.name)
			case "path":
				path = append(path, p.name)
			default:
				t.Errorf("%s: parameter %s in %s", rt.path, p.name, p.in)
			}
		}
		var wantPath []string
		for _, m := range wildcard.FindAllStringSubmatch(rt.path, -1) {
			wantPath = append(wantPath, m[1])
		}
		slices.Sort(query)
		if want := slices.Sorted(slices.Values(rt.query)); !slices.Equal(query, want) {
			t.Errorf("%s: described query parameters %v, the handler takes %v", rt.path, query, want)
		}
		if !slices.Equal(path, wantPath) {
			t.Errorf("%s: described path parameters %v, want %v", rt.path, path, wantPath)
		}
		if op, _ := d.at("paths", rt.path, "get", "operationId").(string); op == "" {
			t.Errorf("%s: no operationId", rt.path)
		}
	}
	for p := range paths {
		if !served[p] {
			t.Errorf("%s is described but not served", p)
		}
	}
	// The document served is the document tested.
	e := newEnv(t)
	rec := e.get(api("/openapi.json"))
	if rec.Code != http.StatusOK || rec.Body.String() != string(openAPIJSON) {
		t.Errorf("openapi.json: %d", rec.Code)
	}
}

// TestEveryRouteConforms requests every route, in success and failure,
// and checks each response against the schema the document gives for its
// status.
func TestEveryRouteConforms(t *testing.T) {
	e := newEnv(t)
	ref := e.ref
	cases := map[string][]struct {
		target string
		status int
	}{
		"/":             {{"/", 200}},
		"/openapi.json": {{"/openapi.json", 200}},
		"/documents":    {{"/documents", 200}, {"/documents?limit=1&person=" + id(ref.Author.ID), 200}, {"/documents?limit=x", 400}},
		"/documents/{id}": {{"/documents/" + id(ref.Document.ID), 200}, {"/documents/" + id(ref.Draft.ID), 404},
			{"/documents/" + id(e.withdrawn.ID), 410}, {"/documents/x", 404}},
		"/search":            {{"/search?q=kulja", 200}, {"/search", 200}, {"/search?sort=x", 400}},
		"/people":            {{"/people", 200}, {"/people?kind=person&limit=2", 200}, {"/people?kind=x", 400}},
		"/people/{id}":       {{"/people/" + id(ref.Author.ID), 200}, {"/people/" + id(e.secretAgent.ID), 404}},
		"/places":            {{"/places", 200}, {"/places?limit=1", 200}},
		"/places/{id}":       {{"/places/" + id(ref.Yining.ID), 200}, {"/places/" + id(ref.China.ID), 200}, {"/places/999", 404}},
		"/subjects":          {{"/subjects", 200}},
		"/subjects/{id}":     {{"/subjects/" + id(ref.Subject.ID), 200}, {"/subjects/999", 404}},
		"/collections":       {{"/collections", 200}},
		"/collections/{id}":  {{"/collections/" + id(ref.Collection.ID), 200}, {"/collections/" + id(ref.Child.ID), 200}, {"/collections/999", 404}},
		"/repositories":      {{"/repositories", 200}},
		"/repositories/{id}": {{"/repositories/" + id(ref.GARF.ID), 200}, {"/repositories/999", 404}},
	}
	for _, rt := range routes {
		list, ok := cases[rt.path]
		if !ok {
			t.Errorf("route %s has no case", rt.path)
		}
		for _, c := range list {
			e.getJSON(t, api(c.target), c.status, nil)
		}
	}
}

// TestNothingUnpublishedLeaks crawls the whole API from its index,
// following every link, and checks that every link works, every response
// conforms, and no response names an unpublished document or anything
// only unpublished documents name.
func TestNothingUnpublishedLeaks(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	hidden, _, err := e.db.FindDocuments(ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusDraft,
		recto.StatusInReview, recto.StatusWithdrawn}})
	must(t, err)
	var bad []string
	for _, d := range hidden {
		bad = append(bad, d.Title, "/documents/"+id(d.ID)+`"`, "/documents/"+id(d.ID)+"?")
	}
	bad = append(bad, secrets...)
	bad = append(bad, "/people/"+id(e.secretAgent.ID)+`"`, "/places/"+id(e.secretPlace.ID)+`"`,
		"/subjects/"+id(e.secretSubject.ID)+`"`)
	linkRE := regexp.MustCompile(`"(` + regexp.QuoteMeta(testBase+Prefix) + `[^"]*)"`)
	queue := []string{api("/")}
	seen := map[string]bool{queue[0]: true}
	for len(queue) > 0 {
		target := queue[0]
		queue = queue[1:]
		rec := e.get(target)
		if rec.Code != http.StatusOK {
			t.Errorf("dead link %s: %d %s", target, rec.Code, rec.Body)
			continue
		}
		e.conforms(t, target, rec)
		body := rec.Body.String()
		for _, b := range bad {
			if strings.Contains(body, b) {
				t.Errorf("%s shows %q", target, b)
			}
		}
		if target == api("/openapi.json") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
			next := strings.TrimPrefix(m[1], testBase)
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
		if len(seen) > 5000 {
			t.Fatal("the crawl does not end")
		}
	}
	if len(seen) < 100 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
	t.Logf("crawled %d URLs", len(seen))
	// Counts count published documents only: the reference collection holds
	// three published documents and the one in review.
	var c CollectionDetail
	e.getJSON(t, api("/collections/"+id(e.ref.Collection.ID)), http.StatusOK, &c)
	if c.Documents != 3 {
		t.Errorf("collection counts %d documents, want 3", c.Documents)
	}
	var r SearchResult
	e.getJSON(t, api("/search?limit=0"), http.StatusOK, &r)
	for _, f := range r.Facets {
		for _, v := range f.Values {
			if (f.Name == "person" && v.Key == id(e.secretAgent.ID)) || (f.Name == "place" && v.Key == id(e.secretPlace.ID)) ||
				(f.Name == "subject" && v.Key == id(e.secretSubject.ID)) {
				t.Errorf("facet %s shows %s", f.Name, v.Label)
			}
		}
	}
}
