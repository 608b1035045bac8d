package feed_test

import (
	"context"
	"encoding/xml"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/feed"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
)

const base = "https://recto.example.org"

// trickyTitle needs escaping everywhere it appears.
const trickyTitle = `Tom & Jerry's <b>"Report"</b> ]]> & Co. <!-- not a comment -->`

// archive is a test archive: the reference fixture, the sample collection
// and a few documents made for these tests, with a built search engine.
type archive struct {
	db        storetest.Store
	ref       *fixture.Reference
	eng       *search.Engine
	tricky    *recto.Document // published, with a title that needs escaping
	withdrawn *recto.Document // published once, then withdrawn
	hidden    []string        // titles that must never appear
	mux       *http.ServeMux
}

func newArchive(t testing.TB, opts feed.Options) *archive {
	t.Helper()
	return fillArchive(t, storetest.OpenSQLite(t), opts)
}

// fillArchive fills db, a new archive.
func fillArchive(t testing.TB, db storetest.Store, opts feed.Options) *archive {
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
	a.tricky = &recto.Document{Title: trickyTitle, Type: "memorandum", Date: edtf.MustParse("1946-03-01"),
		Summary: "A *summary* with <script>alert(1)</script> & an [internal link](/documents/1) & \"quotes\".",
		Status:  recto.StatusPublished, Collections: []*recto.Collection{a.ref.Child}, Subjects: []*recto.Subject{a.ref.Subject}}
	a.withdrawn = &recto.Document{Title: "Withdrawn Telegram Never To Be Listed", Status: recto.StatusPublished,
		Collections: []*recto.Collection{a.ref.Collection}}
	inReview := &recto.Document{Title: "Memorandum Still In Review", Status: recto.StatusInReview,
		Collections: []*recto.Collection{a.ref.Collection}}
	for _, d := range []*recto.Document{a.tricky, a.withdrawn, inReview} {
		if err := a.db.CreateDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	a.withdrawn.Status, a.withdrawn.WithdrawnNote = recto.StatusWithdrawn, "Withdrawn for the tests."
	if err := a.db.UpdateDocument(ctx, a.withdrawn); err != nil {
		t.Fatal(err)
	}
	a.hidden = []string{a.ref.Draft.Title, a.withdrawn.Title, inReview.Title,
		"Annual report of the Ili Wool and Hides Cooperative",                       // the sample's draft
		"Letter from Nurmuhammad Sabiri to Du Wenbin proposing a second market day"} // the sample's withdrawn one
	a.eng = search.New(a.db, slog.New(slog.DiscardHandler))
	if err := a.eng.Build(ctx); err != nil {
		t.Fatal(err)
	}
	a.mux = mount(feed.New(recto.NewCatalogue(a.db, recto.PublicAudience), a.eng, opts))
	return a
}

// mount mounts the feeds as the site does.
func mount(f *feed.Feeds) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed.atom", f.Archive)
	mux.HandleFunc("GET /collections/{id}/feed.atom", f.Collection)
	mux.HandleFunc("GET /search.atom", f.Search)
	return mux
}

func (a *archive) get(t testing.TB, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return serve(t, a.mux, target, header...)
}

func serve(t testing.TB, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// The decoded form of a feed, for checking.
type xFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []xLink  `xml:"link"`
	Author  string   `xml:"author>name"`
	Entries []xEntry `xml:"entry"`
}

type xLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type xEntry struct {
	ID         string  `xml:"id"`
	Title      string  `xml:"title"`
	Links      []xLink `xml:"link"`
	Published  string  `xml:"published"`
	Updated    string  `xml:"updated"`
	Summary    string  `xml:"summary"`
	Categories []struct {
		Term   string `xml:"term,attr"`
		Scheme string `xml:"scheme,attr"`
	} `xml:"category"`
	Content struct {
		Type string `xml:"type,attr"`
		Base string `xml:"http://www.w3.org/XML/1998/namespace base,attr"`
		Body string `xml:",chardata"`
	} `xml:"content"`
}

func (f xFeed) link(rel string) string {
	for _, l := range f.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func (f xFeed) titles() []string {
	var out []string
	for _, e := range f.Entries {
		out = append(out, e.Title)
	}
	return out
}

// decode checks a 200 Atom response and decodes it.
func decode(t testing.TB, w *httptest.ResponseRecorder) xFeed {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var f xFeed
	if err := xml.Unmarshal(w.Body.Bytes(), &f); err != nil {
		t.Fatalf("feed is not well-formed Atom: %v\n%s", err, w.Body)
	}
	return f
}

func parseTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad date-time %q: %v", s, err)
	}
	return tm
}

// checkEntries checks what every feed promises of its entries: published
// documents only, newest publication first, permanent ids and links.
func (a *archive) checkEntries(t *testing.T, f xFeed, body string) {
	t.Helper()
	ctx := context.Background()
	for _, title := range a.hidden {
		if strings.Contains(body, title) {
			t.Errorf("the feed shows the unpublished document %q", title)
		}
	}
	var newest time.Time
	var prev time.Time
	for i, e := range f.Entries {
		id, err := strconv.ParseInt(strings.TrimPrefix(e.ID, base+"/documents/"), 10, 64)
		if err != nil || e.ID != base+"/documents/"+strconv.FormatInt(id, 10) {
			t.Fatalf("entry %d: id %q is not a permanent document URL", i, e.ID)
		}
		d, err := a.db.FindDocumentByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != recto.StatusPublished {
			t.Errorf("entry %q is %s", d.Title, d.Status)
		}
		if e.Title != d.Title {
			t.Errorf("entry %d: title %q, want %q", i, e.Title, d.Title)
		}
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != e.ID {
			t.Errorf("entry %d: links %+v", i, e.Links)
		}
		published, updated := parseTime(t, e.Published), parseTime(t, e.Updated)
		if !published.Equal(d.PublishedAt.Truncate(time.Second)) || !updated.Equal(d.UpdatedAt.Truncate(time.Second)) {
			t.Errorf("entry %d: published %s updated %s, want %s and %s", i, published, updated, d.PublishedAt, d.UpdatedAt)
		}
		if i > 0 && published.After(prev) {
			t.Errorf("entry %d published %s after the entry before it (%s)", i, published, prev)
		}
		prev = published
		if updated.After(newest) {
			newest = updated
		}
	}
	if len(f.Entries) > 0 && !parseTime(t, f.Updated).Equal(newest) {
		t.Errorf("feed updated %s, want the newest entry change %s", f.Updated, newest)
	}
}

func publishedCount(t testing.TB, db recto.Store, f recto.DocumentFilter) int {
	t.Helper()
	f.Status, f.Limit = recto.Public, 1
	_, n, err := db.FindDocuments(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestArchiveFeed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db storetest.Store) {
		testArchiveFeed(t, fillArchive(t, db, feed.Options{BaseURL: base + "/", Title: "Recto"}))
	})
}

func testArchiveFeed(t *testing.T, a *archive) {
	w := a.get(t, "/feed.atom")
	f := decode(t, w)
	if want := publishedCount(t, a.db, recto.DocumentFilter{}); len(f.Entries) != want || want < 20 {
		t.Errorf("%d entries, want every one of the %d published documents", len(f.Entries), want)
	}
	a.checkEntries(t, f, w.Body.String())
	if f.ID != base+"/feed.atom" || f.link("self") != base+"/feed.atom" || f.link("alternate") != base+"/" {
		t.Errorf("id %q, self %q, alternate %q", f.ID, f.link("self"), f.link("alternate"))
	}
	if f.Author != "Recto" || !strings.HasPrefix(f.Title, "Recto") {
		t.Errorf("author %q, title %q", f.Author, f.Title)
	}
	// The newest publication comes first: the documents made last.
	if f.Entries[0].Title != trickyTitle {
		t.Errorf("first entry %q, want the newest publication %q", f.Entries[0].Title, trickyTitle)
	}
}

func TestEntryContent(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base})
	w := a.get(t, "/feed.atom")
	f := decode(t, w)
	var e *xEntry
	for i := range f.Entries {
		if f.Entries[i].Title == trickyTitle {
			e = &f.Entries[i]
		}
	}
	if e == nil {
		t.Fatalf("no entry titled %q among %q", trickyTitle, f.titles())
	}
	if want := `A summary with alert(1) & an internal link & "quotes".`; e.Summary != want {
		t.Errorf("summary %q, want the plain text %q", e.Summary, want)
	}
	if strings.Contains(w.Body.String(), "<script") || strings.Contains(e.Content.Body, "<script") {
		t.Error("the raw <script> of the summary reached the feed")
	}
	if e.Content.Type != "html" || e.Content.Base != base+"/" ||
		!strings.Contains(e.Content.Body, "<em>summary</em>") || !strings.Contains(e.Content.Body, "Memorandum · March 1, 1946") {
		t.Errorf("content %+v", e.Content)
	}
	if len(e.Categories) != 1 || e.Categories[0].Term != a.ref.Subject.Heading || e.Categories[0].Scheme != base+"/subjects/" {
		t.Errorf("categories %+v", e.Categories)
	}
}

func TestEntriesOption(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base, Entries: 3})
	f := decode(t, a.get(t, "/feed.atom"))
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(f.Entries))
	}
	all := decode(t, serve(t, mount(feed.New(recto.NewCatalogue(a.db, recto.PublicAudience), a.eng, feed.Options{BaseURL: base})), "/feed.atom"))
	if !slices.Equal(f.titles(), all.titles()[:3]) {
		t.Errorf("entries %q, want the first three of %q", f.titles(), all.titles())
	}
}

func TestBaseURLFromRequest(t *testing.T) {
	a := newArchive(t, feed.Options{})
	r := httptest.NewRequest(http.MethodGet, "/feed.atom", nil)
	r.Host = "archive.example.net:8080"
	w := httptest.NewRecorder()
	a.mux.ServeHTTP(w, r)
	f := decode(t, w)
	if f.ID != "http://archive.example.net:8080/feed.atom" ||
		!strings.HasPrefix(f.Entries[0].ID, "http://archive.example.net:8080/documents/") {
		t.Errorf("id %q, first entry %q", f.ID, f.Entries[0].ID)
	}
	if f.Author != "Recto" {
		t.Errorf("author %q, want the default title Recto", f.Author)
	}
}

func TestCollectionFeed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db storetest.Store) {
		testCollectionFeed(t, fillArchive(t, db, feed.Options{BaseURL: base}))
	})
}

func testCollectionFeed(t *testing.T, a *archive) {
	id := strconv.FormatInt(a.ref.Collection.ID, 10)
	w := a.get(t, "/collections/"+id+"/feed.atom")
	f := decode(t, w)
	a.checkEntries(t, f, w.Body.String())
	want := publishedCount(t, a.db, recto.DocumentFilter{CollectionID: a.ref.Collection.ID, Subtree: true})
	if len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}
	// The child collection's documents are listed too.
	for _, title := range []string{a.ref.Related.Title, trickyTitle, a.ref.Document.Title, a.ref.Enclosure.Title} {
		if !slices.Contains(f.titles(), title) {
			t.Errorf("%q missing from %q", title, f.titles())
		}
	}
	if len(f.Entries) != 4 {
		t.Errorf("entries %q, want the collection's four published documents", f.titles())
	}
	if f.ID != base+"/collections/"+id+"/feed.atom" || f.link("alternate") != base+"/collections/"+id ||
		!strings.Contains(f.Title, a.ref.Collection.Title) {
		t.Errorf("id %q, alternate %q, title %q", f.ID, f.link("alternate"), f.Title)
	}
	// The child's feed has only its own.
	child := decode(t, a.get(t, "/collections/"+strconv.FormatInt(a.ref.Child.ID, 10)+"/feed.atom"))
	if got := child.titles(); !slices.Contains(got, a.ref.Related.Title) || slices.Contains(got, a.ref.Enclosure.Title) {
		t.Errorf("child collection entries %q", got)
	}
}

func TestCollectionNotFound(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base})
	for _, id := range []string{"999999", "0", "-1", "abc", "1e3", "99999999999999999999999", "%00", "1%20"} {
		w := a.get(t, "/collections/"+id+"/feed.atom")
		if w.Code != http.StatusNotFound {
			t.Errorf("/collections/%s/feed.atom: status %d, want 404", id, w.Code)
		}
		if w.Header().Get("ETag") != "" {
			t.Errorf("/collections/%s/feed.atom: an error has an ETag", id)
		}
	}
}

func TestSearchFeed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db storetest.Store) {
		testSearchFeed(t, fillArchive(t, db, feed.Options{BaseURL: base}))
	})
}

func testSearchFeed(t *testing.T, a *archive) {
	// Everything when nothing narrows the search, as on /search.
	w := a.get(t, "/search.atom")
	f := decode(t, w)
	a.checkEntries(t, f, w.Body.String())
	if want := publishedCount(t, a.db, recto.DocumentFilter{}); len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}

	w = a.get(t, "/search.atom?q=wool&sort=title&per=25&page=3&unknown=x")
	f = decode(t, w)
	a.checkEntries(t, f, w.Body.String())
	res, err := a.eng.Search(context.Background(), recto.SearchRequest{Query: "wool", Sort: recto.SortAdded, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range res.Hits {
		want = append(want, h.Document.Title)
	}
	if len(want) < 2 || !slices.Equal(f.titles(), want) {
		t.Errorf("entries %q, want the search's results newest first %q", f.titles(), want)
	}
	if f.link("self") != base+"/search.atom?q=wool" || f.link("alternate") != base+"/search?q=wool&sort=added" {
		t.Errorf("self %q, alternate %q", f.link("self"), f.link("alternate"))
	}
	if !strings.Contains(f.Title, "“wool”") {
		t.Errorf("title %q", f.Title)
	}

	// An enormous query is shown back only as far as it is searched.
	w = a.get(t, "/search.atom?q=wool"+strings.Repeat("+wool", 100_000))
	if w.Code != http.StatusOK || w.Body.Len() > 64<<10 {
		t.Errorf("a 500 KB query: status %d, %d bytes, want 200 and the feed of the searched part only", w.Code, w.Body.Len())
	}

	// Facets: repeated values, in any order, combine as on /search.
	coll := strconv.FormatInt(a.ref.Child.ID, 10)
	w = a.get(t, "/search.atom?collection="+coll+"&collection="+coll+"&collection=")
	f = decode(t, w)
	if got := f.titles(); len(got) != 3 || !slices.Contains(got, trickyTitle) || !slices.Contains(got, a.ref.Related.Title) {
		t.Errorf("collection filter: entries %q", got)
	}
	if f.link("self") != base+"/search.atom?collection="+coll {
		t.Errorf("self %q", f.link("self"))
	}

	// A malformed query is no error: the search says what is wrong.
	if w := a.get(t, `/search.atom?q=%22unclosed+(+AND`); w.Code != http.StatusOK {
		t.Errorf("malformed query: status %d", w.Code)
	} else {
		decode(t, w)
	}
}

func TestSearchFeedErrors(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base})
	if w := a.get(t, "/search.atom?q=wool&sort=sideways"); w.Code != http.StatusBadRequest {
		t.Errorf("bad sort: status %d, want 400", w.Code)
	}
	// A search engine whose index is not built yet.
	idle := search.New(a.db, slog.New(slog.DiscardHandler))
	w := serve(t, mount(feed.New(recto.NewCatalogue(a.db, recto.PublicAudience), idle, feed.Options{BaseURL: base})), "/search.atom?q=wool")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("unbuilt index: status %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	// The other feeds do not need the search engine.
	if w := serve(t, mount(feed.New(recto.NewCatalogue(a.db, recto.PublicAudience), idle, feed.Options{BaseURL: base})), "/feed.atom"); w.Code != http.StatusOK {
		t.Errorf("archive feed without a search index: status %d", w.Code)
	}
}

func TestEmptyArchive(t *testing.T) {
	db := storetest.OpenSQLite(t)
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	mux := mount(feed.New(recto.NewCatalogue(db, recto.PublicAudience), eng, feed.Options{BaseURL: base}))
	for _, target := range []string{"/feed.atom", "/search.atom?q=anything"} {
		f := decode(t, serve(t, mux, target))
		if len(f.Entries) != 0 || f.Updated == "" {
			t.Errorf("%s: %d entries, updated %q", target, len(f.Entries), f.Updated)
		}
	}
}

func TestConditionalRequests(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base})
	for _, target := range []string{"/feed.atom", "/collections/" + strconv.FormatInt(a.ref.Collection.ID, 10) + "/feed.atom", "/search.atom?q=wool"} {
		w := a.get(t, target)
		f := decode(t, w)
		etag, modified := w.Header().Get("ETag"), w.Header().Get("Last-Modified")
		if etag == "" || modified == "" {
			t.Fatalf("%s: ETag %q, Last-Modified %q", target, etag, modified)
		}
		if lm, err := http.ParseTime(modified); err != nil || !lm.Equal(parseTime(t, f.Updated)) {
			t.Errorf("%s: Last-Modified %q, feed updated %q", target, modified, f.Updated)
		}
		if w := a.get(t, target, "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("%s: If-None-Match: status %d", target, w.Code)
		}
		if w := a.get(t, target, "If-None-Match", `W/"other"`, "If-Modified-Since", modified); w.Code != http.StatusOK {
			t.Errorf("%s: another ETag: status %d, want 200 (If-None-Match decides)", target, w.Code)
		}
		if w := a.get(t, target, "If-Modified-Since", modified); w.Code != http.StatusNotModified {
			t.Errorf("%s: If-Modified-Since: status %d", target, w.Code)
		}
		lm, _ := http.ParseTime(modified)
		if w := a.get(t, target, "If-Modified-Since", lm.Add(-time.Second).Format(http.TimeFormat)); w.Code != http.StatusOK {
			t.Errorf("%s: an older copy: status %d", target, w.Code)
		}
	}

	// A change to a listed document changes the feed and its validators.
	w := a.get(t, "/feed.atom")
	etag := w.Header().Get("ETag")
	d := a.tricky
	d.Title = "Retitled & Republished"
	if err := a.db.UpdateDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	w2 := a.get(t, "/feed.atom", "If-None-Match", etag)
	if w2.Code != http.StatusOK || !strings.Contains(w2.Body.String(), "Retitled &amp; Republished") {
		t.Errorf("after an edit: status %d", w2.Code)
	}
	if w2.Header().Get("Last-Modified") == w.Header().Get("Last-Modified") {
		t.Error("after an edit: Last-Modified unchanged")
	}
}

// TestValidAtom validates every kind of feed with jing against the RELAX NG
// grammar of RFC 4287.
func TestValidAtom(t *testing.T) {
	schema := filepath.Join("..", "..", "shared", "schemas", "atom", "atom.rnc")
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("Atom schema not found at %s: %v", schema, err)
	}
	jing, err := exec.LookPath("jing")
	if err != nil {
		t.Skip("jing is not installed, so the feeds are not validated against atom.rnc (apt-get install -y jing)")
	}
	a := newArchive(t, feed.Options{BaseURL: base})
	coll := strconv.FormatInt(a.ref.Collection.ID, 10)
	empty := mount(feed.New(recto.NewCatalogue(storetest.OpenSQLite(t), recto.PublicAudience), a.eng, feed.Options{}))
	dir := t.TempDir()
	var files []string
	for i, target := range []string{"/feed.atom", "/collections/" + coll + "/feed.atom",
		"/search.atom?q=wool&collection=" + coll, "/search.atom?q=" + url.QueryEscape("no such words at all")} {
		w := a.get(t, target)
		decode(t, w)
		files = append(files, filepath.Join(dir, strconv.Itoa(i)+".atom"))
		if err := os.WriteFile(files[i], w.Body.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := serve(t, empty, "/feed.atom")
	decode(t, w)
	files = append(files, filepath.Join(dir, "empty.atom"))
	if err := os.WriteFile(files[len(files)-1], w.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(jing, append([]string{"-c", schema}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("jing: %v\n%s", err, out)
	}
}

func TestNoPanicOnOddRequests(t *testing.T) {
	a := newArchive(t, feed.Options{BaseURL: base})
	for _, target := range []string{
		"/search.atom?q=%ff%fe", "/search.atom?q=" + strings.Repeat("a+OR+", 500) + "b",
		"/search.atom?person=%00&place=-1&year=abc&decade=99999999999999999999",
		"/search.atom?q=*&sort=", "/search.atom?q=\"\"", "/search.atom?lang=&translation=zz-ZZ-x-y",
	} {
		w := a.get(t, target)
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d", target, w.Code)
			continue
		}
		if w.Code == http.StatusOK {
			decode(t, w)
		}
	}
}

// BenchmarkArchiveFeed measures /feed.atom on the sample archive and, when
// the file exists, on the 100,000-document benchmark archive (RECTO_BENCH_DB,
// /tmp/bench100k.db by default), opened read-only in spirit: nothing is written.
func BenchmarkArchiveFeed(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		a := newArchive(b, feed.Options{BaseURL: base})
		benchFeed(b, a.mux, "/feed.atom")
	})
	b.Run("large", func(b *testing.B) {
		db := storetest.OpenBenchArchive(b)
		benchFeed(b, mount(feed.New(recto.NewCatalogue(db, recto.PublicAudience), nil, feed.Options{BaseURL: base})), "/feed.atom")
	})
}

func benchFeed(b *testing.B, h http.Handler, target string) {
	w := serve(b, h, target)
	if w.Code != http.StatusOK {
		b.Fatalf("status %d: %s", w.Code, w.Body)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if w := serve(b, h, target); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.ReportMetric(float64(w.Body.Len()), "bytes/feed")
}
