package http_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/internal/web"
)

// request sends method to target with Host host from the client at
// remote, with optional header pairs.
func request(h http.Handler, method, host, remote, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.Host, req.RemoteAddr = host, remote
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var canonical = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)

// TestHosts: without a base URL, links follow the Host of the request, so
// only loopback names and the allowed hosts are answered; any other host
// gets 421 naming the settings that would serve it, except /healthz,
// which load balancers probe by address. With a base URL every host is
// answered, with the base URL's links.
func TestHosts(t *testing.T) {
	s := mustSite(t)
	allowed, err := web.ParseHosts("archive.example.org")
	must(t, err)
	h := handlerWith(t, s.db, func(srv *rectohttp.Server) { srv.AllowedHosts = allowed })
	for host, want := range map[string]string{
		"localhost:8080": "http://localhost:8080/", "127.0.0.1": "http://127.0.0.1/", "[::1]:9000": "http://[::1]:9000/",
		"archive.example.org": "http://archive.example.org/", "Archive.Example.org:8443": "http://Archive.Example.org:8443/",
	} {
		rec := request(h, "GET", host, "192.0.2.1:1234", "/")
		if m := canonical.FindStringSubmatch(rec.Body.String()); rec.Code != http.StatusOK || m == nil || m[1] != want {
			t.Errorf("Host %s: %d, canonical %q, want %s", host, rec.Code, m, want)
		}
	}
	for _, host := range []string{"evil.example", "archive.example.org.evil.example", "192.0.2.99:8080", "[2001:db8::1]"} {
		for _, path := range []string{"/", "/robots.txt", "/sitemap.xml", "/feed.atom", "/oai?verb=Identify", "/nowhere"} {
			rec := request(h, "GET", host, "192.0.2.1:1234", path)
			body := rec.Body.String()
			if rec.Code != http.StatusMisdirectedRequest || !strings.Contains(body, "--base-url") ||
				!strings.Contains(body, "--allowed-hosts") || strings.Contains(body, "<") {
				t.Errorf("Host %s, %s: %d %.200s", host, path, rec.Code, body)
			}
		}
		if rec := request(h, "GET", host, "192.0.2.1:1234", "/healthz"); rec.Code != http.StatusOK {
			t.Errorf("Host %s, /healthz: %d", host, rec.Code)
		}
	}
	based := handlerWith(t, s.db, func(srv *rectohttp.Server) { srv.BaseURL = "https://archive.example.org" })
	rec := request(based, "GET", "evil.example", "192.0.2.1:1234", "/")
	if m := canonical.FindStringSubmatch(rec.Body.String()); rec.Code != http.StatusOK || m == nil || m[1] != "https://archive.example.org/" {
		t.Errorf("with a base URL, Host evil.example: %d, canonical %q", rec.Code, m)
	}
}

// TestMethods: a page answers HEAD as GET and any other method with 405
// and Allow: GET, HEAD; a path that is no page is 404 whatever the
// method; a mounted handler that takes other methods gets them.
func TestMethods(t *testing.T) {
	s := mustSite(t)
	h := handlerWith(t, s.db, func(srv *rectohttp.Server) {
		srv.BaseURL = "https://archive.example.org"
		srv.Mount("/oai", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.Method) }))
		srv.Mount("GET /feed.atom", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	})
	doc := fmt.Sprintf("/documents/%d", s.ref.Document.ID)
	pages := []string{"/", doc, doc + "/citation.ris", "/search?q=x", "/documents", "/people", "/static/recto.css",
		"/favicon.ico", "/healthz", "/feed.atom", "/dates/1945"}
	for _, path := range pages {
		get := request(h, "GET", "", "", path)
		head := request(h, "HEAD", "", "", path) // net/http drops the body
		if head.Code != get.Code || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s: %d %v, GET %d %v", path, head.Code, head.Header(), get.Code, get.Header())
		}
		for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "FROB"} {
			rec := request(h, method, "", "", path)
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405, GET, HEAD", method, path, rec.Code, rec.Header().Get("Allow"))
			}
		}
	}
	for _, path := range []string{"/nowhere", "/documents/1/2/3", "/static", "/oai/elsewhere"} {
		for _, method := range []string{"GET", "HEAD", "POST", "DELETE"} {
			if rec := request(h, method, "", "", path); rec.Code != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", method, path, rec.Code)
			}
		}
	}
	if rec := request(h, "POST", "", "", "/oai"); rec.Code != http.StatusOK || rec.Body.String() != "POST" {
		t.Errorf("POST /oai: %d %q", rec.Code, rec.Body)
	}
}

// TestRateLimit: past its allowance, a client gets 429 with Retry-After on
// search and the APIs, while another client, and its own page requests,
// are answered; X-Forwarded-For counts only from a trusted proxy.
func TestRateLimit(t *testing.T) {
	s := mustSite(t)
	proxies, err := web.ParseProxies("127.0.0.1")
	must(t, err)
	h := handlerWith(t, s.db, func(srv *rectohttp.Server) {
		srv.BaseURL = "https://archive.example.org"
		srv.RateLimit, srv.TrustedProxies = web.NewLimiter(0.01, 2), proxies
		srv.Mount("/api/v1/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	})
	const a, b = "192.0.2.1:1234", "192.0.2.2:1234"
	for i, path := range []string{"/search?q=greetings", "/api/v1/documents"} {
		if rec := request(h, "GET", "", a, path); rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, rec.Code)
		}
	}
	for _, path := range []string{"/search?q=greetings", "/search.atom?q=x", "/api/v1/documents", "/srv/record.json", "/oai?verb=Identify"} {
		rec := request(h, "GET", "", a, path, "X-Forwarded-For", "198.51.100.7")
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "100" {
			t.Errorf("%s past the burst: %d, Retry-After %q; want 429, 100", path, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	for _, path := range []string{"/", fmt.Sprintf("/documents/%d", s.ref.Document.ID), "/static/recto.css", "/healthz"} {
		if rec := request(h, "GET", "", a, path); rec.Code != http.StatusOK {
			t.Errorf("page %s of a limited client: %d", path, rec.Code)
		}
	}
	if rec := request(h, "GET", "", b, "/search?q=greetings"); rec.Code != http.StatusOK {
		t.Errorf("another client: %d", rec.Code)
	}
	// Behind the trusted proxy, each forwarded client has its own allowance.
	for i := range 3 {
		rec := request(h, "GET", "", "127.0.0.1:5000", "/search?q=x", "X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i))
		if rec.Code != http.StatusOK {
			t.Errorf("forwarded client %d: %d", i, rec.Code)
		}
	}
	for range 2 {
		request(h, "GET", "", "127.0.0.1:5000", "/search?q=x", "X-Forwarded-For", "203.0.113.50")
	}
	if rec := request(h, "GET", "", "127.0.0.1:5000", "/search?q=x", "X-Forwarded-For", "203.0.113.50"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("a forwarded client past its burst: %d", rec.Code)
	}
}

var metaDescription = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)

// TestMetaDescription: every page says what it is in a meta description
// of at most 160 characters (and an ellipsis), escaped; a document's is
// its summary read as its page reads it (raw HTML dropped, Markdown
// escapes resolved), an authority's names it.
func TestMetaDescription(t *testing.T) {
	s := mustSite(t)
	d := s.ref.Document
	d.Summary = `Alihan Tore writes to "Moscow" <script>alert(1)</script> that 2 < 3 \& asks for *aid*. ` + strings.Repeat("More words follow here. ", 20)
	must(t, s.db.UpdateDocument(context.Background(), d))
	h := mustHandler(t, s.db)
	descriptions := map[string]string{}
	for path, want := range map[string]string{
		"/":                                "primary sources in translation",
		fmt.Sprintf("/documents/%d", d.ID): `Alihan Tore writes to &#34;Moscow&#34; alert(1) that 2 &lt; 3 &amp; asks for aid.`,
		fmt.Sprintf("/people/%d", s.ref.Author.ID):          s.ref.Author.Name,
		fmt.Sprintf("/places/%d", s.ref.Yining.ID):          s.ref.Yining.Name,
		fmt.Sprintf("/subjects/%d", s.ref.Subject.ID):       " on " + s.ref.Subject.Heading,
		fmt.Sprintf("/collections/%d", s.ref.Collection.ID): html.EscapeString(s.ref.Collection.Title),
		fmt.Sprintf("/repositories/%d", s.ref.GARF.ID):      "held by",
		"/documents": "Every published document", "/people": "People and organisations", "/search?q=aid": "Search",
		"/dates": "by decade", "/collections": "collections", "/nowhere": "Recto",
	} {
		body := get(t, h, path).Body.String()
		all := metaDescription.FindAllStringSubmatch(body, -1)
		if len(all) != 1 {
			t.Errorf("%s: %d meta descriptions", path, len(all))
			continue
		}
		got := all[0][1]
		text := html.UnescapeString(got)
		if !strings.Contains(got, want) || utf8.RuneCountInString(text) > 161 || strings.ContainsAny(text, "\n*") {
			t.Errorf("%s: description %q, want %q in at most 160 characters on one line", path, got, want)
		}
		if other, ok := descriptions[got]; ok {
			t.Errorf("%s and %s have the same description %q", path, other, got)
		}
		descriptions[got] = path
	}
}

// TestFavicon: /favicon.ico is an icon made for Recto, cached; pages link
// to it and to the SVG icon, served with the other static files.
func TestFavicon(t *testing.T) {
	s := mustSite(t)
	rec := get(t, s.handler, "/favicon.ico")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/vnd.microsoft.icon" ||
		!strings.Contains(rec.Header().Get("Cache-Control"), "max-age=86400") || !bytes.HasPrefix(rec.Body.Bytes(), []byte{0, 0, 1, 0, 1, 0}) {
		t.Fatalf("/favicon.ico: %d %v % x", rec.Code, rec.Header(), rec.Body.Bytes()[:min(8, rec.Body.Len())])
	}
	page := get(t, s.handler, "/").Body.String()
	if !strings.Contains(page, `<link rel="icon" href="/favicon.ico" sizes="32x32">`) {
		t.Error("no link to /favicon.ico")
	}
	m := regexp.MustCompile(`<link rel="icon" href="(/static/favicon\.svg\?v=\w+)" type="image/svg\+xml">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no link to the SVG icon")
	}
	svg := get(t, s.handler, m[1])
	if svg.Code != http.StatusOK || svg.Header().Get("Content-Type") != "image/svg+xml" ||
		!strings.Contains(svg.Header().Get("Cache-Control"), "immutable") || !strings.HasPrefix(svg.Body.String(), "<svg") {
		t.Errorf("%s: %d %v", m[1], svg.Code, svg.Header())
	}
}

// slowStore answers document reads only when the request's context ends,
// as a database too busy to answer in time does.
type slowStore struct{ recto.Store }

func (slowStore) FindDocumentByID(ctx context.Context, id int64) (*recto.Document, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// unavailableStore cannot be reached, and says so (EUNAVAILABLE).
type unavailableStore struct{ recto.Store }

func (unavailableStore) LastChange(ctx context.Context) (time.Time, error) {
	return time.Time{}, recto.Errorf(recto.EUNAVAILABLE, "The database cannot be reached; please try again shortly.")
}

// TestErrors_Unavailable: a page whose request ran out of time answers 503
// with Retry-After (the archive is busy), not a 500 logged as a fault; a
// store that says it is unavailable makes pages and /healthz answer 503
// with Retry-After.
func TestErrors_Unavailable(t *testing.T) {
	s := mustSite(t)
	var log strings.Builder
	h := handlerWith(t, slowStore{s.db}, func(srv *rectohttp.Server) {
		srv.BaseURL, srv.Logger = "https://archive.example.org", slog.New(slog.NewTextHandler(&log, nil))
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", fmt.Sprintf("/documents/%d", s.ref.Document.ID), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "busy") {
		t.Errorf("out of time: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if strings.Contains(log.String(), `msg="request failed"`) {
		t.Errorf("a request out of time was logged as a fault: %s", log.String())
	}
	down := handlerWith(t, unavailableStore{s.db}, func(srv *rectohttp.Server) { srv.BaseURL = "https://archive.example.org" })
	for _, path := range []string{"/", "/healthz", fmt.Sprintf("/documents/%d", s.ref.Document.ID)} {
		rec := get(t, down, path)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s with the database down: %d, Retry-After %q", path, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
}
