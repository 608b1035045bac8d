package sitemap

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
)

const base = "https://recto.example.org"

// archive is a test archive: the reference fixture, the sample collection
// and a few documents made for these tests.
type archive struct {
	db        storetest.Store
	ref       *fixture.Reference
	tricky    *recto.Document
	withdrawn *recto.Document // published once, then withdrawn
	hidden    []int64         // documents that must never be listed
}

// newArchive fills db, a new archive.
func newArchive(t testing.TB, db storetest.Store) *archive {
	t.Helper()
	ctx := context.Background()
	a := &archive{db: db}
	var err error
	if a.ref, err = fixture.LoadReference(ctx, a.db); err != nil {
		t.Fatal(err)
	}
	if err := sample.Load(ctx, a.db); err != nil {
		t.Fatal(err)
	}
	a.tricky = &recto.Document{Title: `Tom & Jerry's <b>"Report"</b> ]]>`, Status: recto.StatusPublished}
	a.withdrawn = &recto.Document{Title: "Withdrawn Telegram", Status: recto.StatusPublished}
	review := &recto.Document{Title: "Memorandum In Review", Status: recto.StatusInReview}
	for _, d := range []*recto.Document{a.tricky, a.withdrawn, review} {
		if err := a.db.CreateDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	a.withdrawn.Status = recto.StatusWithdrawn
	if err := a.db.UpdateDocument(ctx, a.withdrawn); err != nil {
		t.Fatal(err)
	}
	all, _, err := a.db.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range all {
		if d.Status != recto.StatusPublished {
			a.hidden = append(a.hidden, d.ID)
		}
	}
	if len(a.hidden) < 5 {
		t.Fatalf("only %d unpublished documents in the test archive", len(a.hidden))
	}
	return a
}

func mount(s *Sitemaps) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sitemap.xml", s.Index)
	mux.HandleFunc("GET /sitemaps/{name}", s.Sitemap)
	mux.HandleFunc("GET /robots.txt", s.Robots)
	return mux
}

func get(t testing.TB, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

type xIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

type xURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func decodeXML(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if err := xml.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, w.Body)
	}
}

func parseTime(t testing.TB, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{} // left out: the archive never changed
	}
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("lastmod %q: %v", s, err)
	}
	return tm
}

// crawl reads the index and every sitemap it lists: the sitemaps' bodies
// by name, and every URL's lastmod by URL.
type crawl struct {
	index    xIndex
	bodies   map[string][]byte
	lastmods map[string]time.Time // by sitemap name
	urls     map[string]time.Time // every URL listed, with its lastmod
	order    []string             // URLs in sitemap order
}

func crawlSite(t testing.TB, h http.Handler, per int) crawl {
	t.Helper()
	c := crawl{bodies: map[string][]byte{}, lastmods: map[string]time.Time{}, urls: map[string]time.Time{}}
	decodeXML(t, get(t, h, "/sitemap.xml"), &c.index)
	for _, sm := range c.index.Sitemaps {
		name, ok := strings.CutPrefix(sm.Loc, base+"/sitemaps/")
		if !ok {
			t.Fatalf("sitemap at %q", sm.Loc)
		}
		c.lastmods[name] = parseTime(t, sm.Lastmod)
		w := get(t, h, "/sitemaps/"+name)
		var u xURLSet
		decodeXML(t, w, &u)
		c.bodies[name] = w.Body.Bytes()
		if len(u.URLs) == 0 || len(u.URLs) > per {
			t.Errorf("%s lists %d URLs; want 1 to %d", name, len(u.URLs), per)
		}
		var newest time.Time
		for _, x := range u.URLs {
			if _, dup := c.urls[x.Loc]; dup {
				t.Errorf("%s lists %s again", name, x.Loc)
			}
			m := parseTime(t, x.Lastmod)
			c.urls[x.Loc] = m
			c.order = append(c.order, x.Loc)
			newest = later(newest, m)
		}
		if !newest.Equal(c.lastmods[name]) {
			t.Errorf("%s: the index says lastmod %s, its newest URL %s", name, c.lastmods[name], newest)
		}
	}
	return c
}

func (c crawl) names() []string {
	var out []string
	for _, sm := range c.index.Sitemaps {
		out = append(out, strings.TrimPrefix(sm.Loc, base+"/sitemaps/"))
	}
	return out
}

func TestSitemaps(t *testing.T) {
	storetest.Run(t, testSitemaps)
}

func testSitemaps(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	a := newArchive(t, db)
	const per = 2
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base + "/", PerSitemap: per}))
	c := crawlSite(t, h, per)

	// Every published document once, in order of first publication, with
	// its last change; nothing else.
	published, total, err := a.db.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public, Sort: recto.SortNewest})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(published)
	var docURLs []string
	for _, u := range c.order {
		if strings.HasPrefix(u, base+"/documents/") {
			docURLs = append(docURLs, u)
		}
	}
	if len(docURLs) != total || total < 20 {
		t.Fatalf("%d document URLs, want the %d published", len(docURLs), total)
	}
	for i, d := range published {
		u := base + "/documents/" + strconv.FormatInt(d.ID, 10)
		if docURLs[i] != u {
			t.Errorf("document URL %d is %s, want %s (%q)", i, docURLs[i], u, d.Title)
		}
		if !c.urls[u].Equal(d.UpdatedAt.Truncate(time.Second)) {
			t.Errorf("%s: lastmod %s, want %s", u, c.urls[u], d.UpdatedAt)
		}
	}
	for _, id := range a.hidden {
		if _, ok := c.urls[base+"/documents/"+strconv.FormatInt(id, 10)]; ok {
			t.Errorf("unpublished document %d is listed", id)
		}
	}
	var wantNames []string
	for n := 1; n <= 5; n++ { // 8 browse pages and 30-odd authorities
		wantNames = append(wantNames, fmt.Sprintf("pages-%d.xml", n))
	}
	for n := 1; n <= (total+per-1)/per; n++ {
		wantNames = append(wantNames, fmt.Sprintf("documents-%d.xml", n))
	}
	if got := c.names(); !slices.Equal(got[:5], wantNames[:5]) || !slices.Equal(got[len(got)-total/per:], wantNames[len(wantNames)-total/per:]) {
		t.Errorf("sitemaps %q, want %q…", got, wantNames)
	}

	// The browse pages and the authority pages with published documents.
	changed, err := a.db.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range browsePages {
		if m, ok := c.urls[base+p]; !ok || !m.Equal(changed.Truncate(time.Second)) {
			t.Errorf("browse page %s: listed %v, lastmod %s", p, ok, m)
		}
	}
	r := a.ref
	for _, p := range []string{
		"/people/" + strconv.FormatInt(r.Author.ID, 10),
		"/people/" + strconv.FormatInt(r.Translator.ID, 10),
		"/places/" + strconv.FormatInt(r.Yining.ID, 10),
		"/places/" + strconv.FormatInt(r.China.ID, 10), // through the places below it
		"/subjects/" + strconv.FormatInt(r.Subject.ID, 10),
		"/collections/" + strconv.FormatInt(r.Collection.ID, 10),
		"/collections/" + strconv.FormatInt(r.Child.ID, 10),
		"/repositories/" + strconv.FormatInt(r.GARF.ID, 10),
	} {
		if _, ok := c.urls[base+p]; !ok {
			t.Errorf("%s is not listed", p)
		}
	}
	// Authorities linked only to unpublished documents are not.
	ctx2 := context.Background()
	lonely := &recto.Agent{Kind: recto.Person, Name: "Known Only From A Draft"}
	if err := a.db.CreateAgent(ctx2, lonely); err != nil {
		t.Fatal(err)
	}
	if err := a.db.CreateDocument(ctx2, &recto.Document{Title: "Another Draft", Status: recto.StatusDraft,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: lonely}}}); err != nil {
		t.Fatal(err)
	}
	empty := &recto.Collection{Title: "An Empty Collection"}
	if err := a.db.CreateCollection(ctx2, empty); err != nil {
		t.Fatal(err)
	}
	c = crawlSite(t, h, per)
	for _, p := range []string{"/people/" + strconv.FormatInt(lonely.ID, 10), "/collections/" + strconv.FormatInt(empty.ID, 10)} {
		if _, ok := c.urls[base+p]; ok {
			t.Errorf("%s is listed", p)
		}
	}
	for u := range c.urls {
		if !strings.HasPrefix(u, base+"/") || strings.Contains(u, "/search") {
			t.Errorf("odd URL %q", u)
		}
	}
}

func TestDefaultsAndRequestBase(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	s := New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{PerSitemap: 1_000_000})
	if s.opts.PerSitemap != MaxPerSitemap {
		t.Errorf("PerSitemap %d, want the protocol's limit", s.opts.PerSitemap)
	}
	r := httptest.NewRequest(http.MethodGet, "/sitemap.xml", nil)
	r.Host = "archive.example.net"
	w := httptest.NewRecorder()
	mount(s).ServeHTTP(w, r)
	var x xIndex
	decodeXML(t, w, &x)
	if len(x.Sitemaps) != 2 || x.Sitemaps[0].Loc != "http://archive.example.net/sitemaps/pages-1.xml" ||
		x.Sitemaps[1].Loc != "http://archive.example.net/sitemaps/documents-1.xml" {
		t.Errorf("index %+v", x.Sitemaps)
	}
}

func TestEscapedBaseURL(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	odd := `https://example.org/a&b<c>"d'`
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: odd, PerSitemap: 5}))
	var x xIndex
	decodeXML(t, get(t, h, "/sitemap.xml"), &x)
	if x.Sitemaps[0].Loc != odd+"/sitemaps/pages-1.xml" {
		t.Errorf("loc %q", x.Sitemaps[0].Loc)
	}
	var u xURLSet
	decodeXML(t, get(t, h, "/sitemaps/documents-1.xml"), &u)
	if !strings.HasPrefix(u.URLs[0].Loc, odd+"/documents/") {
		t.Errorf("loc %q", u.URLs[0].Loc)
	}
}

func TestBadNames(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 2}))
	for _, name := range []string{"documents-0.xml", "documents-01.xml", "documents-999.xml", "pages-999.xml",
		"pages-0.xml", "documents-1.XML", "documents-1", "documents.xml", "foo-1.xml", "documents--1.xml",
		"documents-+1.xml", "documents-1.xml.gz", "documents-99999999999999999999.xml", "documents-1x.xml",
		"documents-%00.xml", "pages-1.xml%20", "-1.xml", ".xml", "%2e%2e", "sitemap.xml"} {
		w := get(t, h, "/sitemaps/"+name)
		if w.Code != http.StatusNotFound {
			t.Errorf("/sitemaps/%s: status %d, want 404", name, w.Code)
		}
	}
	for _, name := range []string{"documents-1.xml", "pages-1.xml"} {
		if w := get(t, h, "/sitemaps/"+name); w.Code != http.StatusOK {
			t.Errorf("/sitemaps/%s: status %d", name, w.Code)
		}
	}
}

func TestEmptyArchive(t *testing.T) {
	db := storetest.OpenSQLite(t)
	h := mount(New(recto.NewCatalogue(db, recto.PublicAudience), Options{BaseURL: base}))
	c := crawlSite(t, h, MaxPerSitemap)
	if got := c.names(); !slices.Equal(got, []string{"pages-1.xml"}) {
		t.Errorf("sitemaps %q", got)
	}
	if len(c.urls) != len(browsePages) {
		t.Errorf("%d URLs, want the %d browse pages", len(c.urls), len(browsePages))
	}
	if w := get(t, h, "/sitemaps/documents-1.xml"); w.Code != http.StatusNotFound {
		t.Errorf("documents-1.xml of an empty archive: status %d", w.Code)
	}
}

func TestRobots(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base}))
	w := get(t, h, "/robots.txt")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, line := range []string{"User-agent: *", "Disallow: /search", "Disallow: /search.atom",
		"Sitemap: " + base + "/sitemap.xml"} {
		if !slices.Contains(strings.Split(body, "\n"), line) {
			t.Errorf("robots.txt lacks %q:\n%s", line, body)
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, "Disallow:"); ok && !strings.HasPrefix(strings.TrimSpace(v), "/search") {
			t.Errorf("robots.txt disallows more than search: %q", line)
		}
	}
}

func TestConditionalRequests(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 10}))
	for _, target := range []string{"/sitemap.xml", "/sitemaps/pages-1.xml", "/sitemaps/documents-1.xml", "/robots.txt"} {
		w := get(t, h, target)
		etag, modified := w.Header().Get("ETag"), w.Header().Get("Last-Modified")
		if w.Code != http.StatusOK || etag == "" {
			t.Fatalf("%s: status %d, ETag %q", target, w.Code, etag)
		}
		if w := get(t, h, target, "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("%s: If-None-Match: status %d", target, w.Code)
		}
		if modified == "" {
			continue
		}
		if w := get(t, h, target, "If-Modified-Since", modified); w.Code != http.StatusNotModified {
			t.Errorf("%s: If-Modified-Since: status %d", target, w.Code)
		}
		if w := get(t, h, target, "If-None-Match", `"other"`, "If-Modified-Since", modified); w.Code != http.StatusOK {
			t.Errorf("%s: If-None-Match decides: status %d", target, w.Code)
		}
	}
}

// TestStableOrder checks that publishing a document changes only the last
// document sitemap, and editing one only its own sitemap and the index.
func TestStableOrder(t *testing.T) {
	ctx := context.Background()
	a := newArchive(t, storetest.OpenSQLite(t))
	const per = 3
	s := New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: per})
	h := mount(s)
	before := crawlSite(t, h, per)

	// Editing a document in documents-2.xml changes that sitemap alone.
	var u xURLSet
	decodeXML(t, get(t, h, "/sitemaps/documents-2.xml"), &u)
	id, _ := strconv.ParseInt(strings.TrimPrefix(u.URLs[1].Loc, base+"/documents/"), 10, 64)
	d, err := a.db.FindDocumentByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	d.Title += " (revised)"
	if err := a.db.UpdateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	after := crawlSite(t, h, per)
	for name, body := range before.bodies {
		if !strings.HasPrefix(name, "documents-") {
			continue
		}
		same := string(after.bodies[name]) == string(body)
		if same == (name == "documents-2.xml") {
			t.Errorf("%s changed: %v", name, !same)
		}
	}
	if !after.lastmods["documents-2.xml"].Equal(d.UpdatedAt.Truncate(time.Second)) {
		t.Errorf("documents-2.xml lastmod %s, want the edit's %s", after.lastmods["documents-2.xml"], d.UpdatedAt)
	}

	// A new publication joins the last sitemap.
	before = after
	docs := before.names()
	last := docs[len(docs)-1]
	n := &recto.Document{Title: "Newly Published", Status: recto.StatusPublished}
	if err := a.db.CreateDocument(ctx, n); err != nil {
		t.Fatal(err)
	}
	after = crawlSite(t, h, per)
	for name, body := range before.bodies {
		if strings.HasPrefix(name, "documents-") && name != last && string(after.bodies[name]) != string(body) {
			t.Errorf("%s changed after a publication", name)
		}
	}
	if _, ok := after.urls[base+"/documents/"+strconv.FormatInt(n.ID, 10)]; !ok {
		t.Error("the new document is not listed")
	}
	if s.builds.Load() != 1 {
		t.Errorf("%d full reads; want 1, then updates from the changes", s.builds.Load())
	}
}

// TestIncrementalState checks the kept lastmods against a fresh read after
// every kind of change.
func TestIncrementalState(t *testing.T) {
	storetest.Run(t, testIncrementalState)
}

func testIncrementalState(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	a := newArchive(t, db)
	for _, per := range []int{1, 2, 3, 7, 50} {
		t.Run(strconv.Itoa(per), func(t *testing.T) {
			kept := New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: per})
			check := func(step string, wantBuild bool) {
				t.Helper()
				builds := kept.builds.Load()
				got, err := kept.documentState(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if rebuilt := kept.builds.Load() > builds; rebuilt != wantBuild {
					t.Errorf("%s: full read %v, want %v", step, rebuilt, wantBuild)
				}
				want, err := New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{PerSitemap: per}).documentState(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got.total != want.total || got.last != want.last || !slices.Equal(got.blocks, want.blocks) {
					t.Fatalf("%s: kept state\n%+v\nfresh state\n%+v", step, got, want)
				}
			}
			check("first", true)
			check("unchanged", false)
			edit := func(id int64, fn func(d *recto.Document)) {
				t.Helper()
				d, err := a.db.FindDocumentByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				fn(d)
				if err := a.db.UpdateDocument(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			create := func(title string, status recto.Status) *recto.Document {
				t.Helper()
				d := &recto.Document{Title: title, Status: status}
				if err := a.db.CreateDocument(ctx, d); err != nil {
					t.Fatal(err)
				}
				return d
			}
			edit(a.ref.Document.ID, func(d *recto.Document) { d.Summary += " Edited." })
			check("edit the oldest", false)
			edit(a.tricky.ID, func(d *recto.Document) { d.Summary += " Edited." })
			edit(a.ref.Enclosure.ID, func(d *recto.Document) { d.Summary += " Edited." })
			check("two edits", false)
			draft := create("A Draft "+strconv.Itoa(per), recto.StatusDraft)
			check("a new draft", false)
			edit(draft.ID, func(d *recto.Document) { d.Summary = "Still a draft." })
			check("a draft edited", false)
			create("Published At Once "+strconv.Itoa(per), recto.StatusPublished)
			create("Published Too "+strconv.Itoa(per), recto.StatusPublished)
			check("two publications", false)
			edit(draft.ID, func(d *recto.Document) { d.Status = recto.StatusPublished })
			check("a draft published", false)
			edit(a.ref.Related.ID, func(d *recto.Document) { d.Status = recto.StatusWithdrawn })
			check("a withdrawal", true)
			edit(a.ref.Related.ID, func(d *recto.Document) { d.Status = recto.StatusPublished })
			check("a republication", true)
			edit(draft.ID, func(d *recto.Document) { d.Status = recto.StatusWithdrawn })
			edit(a.withdrawn.ID, func(d *recto.Document) { d.Status = recto.StatusPublished })
			check("one out, one back", true)
		})
	}
}

// TestValidSitemaps validates the index and every sitemap with xmllint
// against the sitemaps.org schemas.
func TestValidSitemaps(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "schemas", "sitemap")
	index, urlset := filepath.Join(dir, "siteindex.xsd"), filepath.Join(dir, "sitemap.xsd")
	for _, f := range []string{index, urlset} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("sitemap schema not found: %v", err)
		}
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed, so sitemaps are not validated against the XSDs (apt-get install -y libxml2-utils)")
	}
	a := newArchive(t, storetest.OpenSQLite(t))
	for _, per := range []int{2, MaxPerSitemap} {
		h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: per}))
		c := crawlSite(t, h, per)
		tmp := t.TempDir()
		file := filepath.Join(tmp, "sitemap.xml")
		if err := os.WriteFile(file, get(t, h, "/sitemap.xml").Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", index, file).CombinedOutput(); err != nil {
			t.Errorf("sitemap index (PerSitemap %d): %v\n%s", per, err, out)
		}
		var files []string
		for name, body := range c.bodies {
			f := filepath.Join(tmp, name)
			files = append(files, f)
			if err := os.WriteFile(f, body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if len(files) < 2 || per == 2 && len(files) < 10 {
			t.Fatalf("only %d sitemaps", len(files))
		}
		args := append([]string{"--noout", "--nonet", "--schema", urlset}, files...)
		if out, err := exec.Command(xmllint, args...).CombinedOutput(); err != nil {
			t.Errorf("sitemaps (PerSitemap %d): %v\n%s", per, err, out)
		}
	}
}

// gatedStore holds back the reading of document sitemaps until open is closed.
type gatedStore struct {
	recto.Store
	open chan struct{}
}

func (g gatedStore) FindDocuments(ctx context.Context, f recto.DocumentFilter) ([]*recto.DocumentSummary, int, error) {
	if f.Limit > 1 {
		<-g.open
	}
	return g.Store.FindDocuments(ctx, f)
}

// TestIndexWhileReading checks that a slow first reading of the document
// sitemaps answers 503 with Retry-After when the request's time is up, goes
// on, and serves the requests after it.
func TestIndexWhileReading(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	g := gatedStore{Store: a.db, open: make(chan struct{})}
	s := New(recto.NewCatalogue(g, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 5})
	h := mount(s)
	if w := get(t, h, "/sitemaps/pages-1.xml"); w.Code != http.StatusOK { // the authority pages, kept
		t.Fatalf("pages-1.xml: status %d", w.Code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r := httptest.NewRequest(http.MethodGet, "/sitemap.xml", nil).WithContext(ctx)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
		!strings.Contains(w.Body.String(), "being prepared") {
		t.Fatalf("status %d, Retry-After %q, %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	close(g.open)
	results := make(chan int)
	for range 8 {
		go func() { results <- get(t, h, "/sitemap.xml").Code }()
	}
	for range 8 {
		if code := <-results; code != http.StatusOK {
			t.Errorf("status %d", code)
		}
	}
	if s.builds.Load() != 1 {
		t.Errorf("%d full readings, want 1", s.builds.Load())
	}
}

// TestAgentsInPages checks that listing agents a page at a time lists
// them all.
func TestAgentsInPages(t *testing.T) {
	a := newArchive(t, storetest.OpenSQLite(t))
	people := func() []string {
		c := crawlSite(t, mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 7})), 7)
		var out []string
		for _, u := range c.order {
			if strings.HasPrefix(u, base+"/people/") {
				out = append(out, u)
			}
		}
		return out
	}
	all := people()
	defer func(n int) { agentPage = n }(agentPage)
	agentPage = 2
	if paged := people(); len(all) < 10 || !slices.Equal(paged, all) {
		t.Errorf("listed two at a time: %q\nat once: %q", paged, all)
	}
}

// TestPagesKept checks that the list of authority pages is kept for
// pagesMaxAge while the archive changes, and read again after it.
func TestPagesKept(t *testing.T) {
	ctx := context.Background()
	a := newArchive(t, storetest.OpenSQLite(t))
	h := mount(New(recto.NewCatalogue(a.db, recto.PublicAudience), Options{BaseURL: base, PerSitemap: 4}))
	crawlSite(t, h, 4)
	newcomer := &recto.Agent{Kind: recto.Organisation, Name: "A Newly Credited Bureau"}
	if err := a.db.CreateAgent(ctx, newcomer); err != nil {
		t.Fatal(err)
	}
	if err := a.db.CreateDocument(ctx, &recto.Document{Title: "Circular of the Bureau", Status: recto.StatusPublished,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: newcomer}}}); err != nil {
		t.Fatal(err)
	}
	u := base + "/people/" + strconv.FormatInt(newcomer.ID, 10)
	if _, ok := crawlSite(t, h, 4).urls[u]; ok {
		t.Errorf("%s listed at once; want the kept list", u)
	}
	defer func(d time.Duration) { pagesMaxAge = d }(pagesMaxAge)
	pagesMaxAge = 0
	if _, ok := crawlSite(t, h, 4).urls[u]; !ok {
		t.Errorf("%s not listed once the kept list is too old", u)
	}
}
