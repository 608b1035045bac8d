// Package sitemap serves the archive's sitemaps (sitemaps.org protocol
// 0.9) and its robots.txt.
//
// /sitemap.xml is a sitemap index listing every sitemap with its lastmod.
// The sitemaps are named
//
//   - pages-N.xml: the browse pages (home, /documents, /collections,
//     /people, /places, /subjects, /repositories, /dates), then the pages of
//     the collections, people and organisations, places, subjects and
//     repositories that some published document is linked to, each kind in
//     Record ID order. Their lastmod is the archive's last change: the
//     Last-Modified the site itself sends for those pages, and cheap, where
//     the newest change of each authority's documents would cost a query
//     each. Which authorities are listed is read again at most hourly
//     while the archive changes (see pages): a newly linked authority may
//     take up to an hour to appear.
//   - documents-N.xml: the published documents' permanent URLs
//     (BASE/documents/{id}) with their last change as lastmod, in the order
//     of first publication, oldest first: documents-1.xml holds the first
//     PerSitemap published, documents-2.xml the next, and so on. A newly
//     published document joins the last sitemap, so the others keep their
//     URLs; only withdrawing or republishing one shifts those after it.
//
// Each sitemap lists at most Options.PerSitemap URLs (50,000, the
// protocol's limit, by default). Sitemap N is read on its own: one listing
// of the newest-first index of published documents, skipping to its place,
// never the sitemaps before it. A document sitemap's lastmod in the index
// is the newest change among its documents, which Sitemaps keeps in memory
// (a few numbers per sitemap) and brings up to date from the documents
// changed since, reading every document again only when one left the
// published set or joined it other than at the end. Such a full reading
// (seconds at a million documents) runs apart from the requests, which are
// answered from the previous state meanwhile; until the first one is done
// after a start, the index answers 503 Service Unavailable with Retry-After.
//
// Drafts, documents in review and withdrawn documents are never listed.
//
// Mount the handlers on the site's mux:
//
//	maps := sitemap.New(catalogue, sitemap.Options{BaseURL: "https://recto.example.org"})
//	mux.HandleFunc("GET /sitemap.xml", maps.Index)
//	mux.HandleFunc("GET /sitemaps/{name}", maps.Sitemap)
//	mux.HandleFunc("GET /robots.txt", maps.Robots)
package sitemap

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

// MaxPerSitemap is the protocol's limit of URLs in one sitemap, and the default.
const MaxPerSitemap = 50000

// Sitemap kinds, the prefixes of their names.
const (
	pagesKind     = "pages"
	documentsKind = "documents"
)

// cacheControl lets shared caches keep an answer a few minutes.
const cacheControl = "public, max-age=300"

// Options configure the sitemaps.
type Options struct {
	// BaseURL is the site's public URL ("https://recto.example.org"), which
	// every URL starts with. Empty: made from each request's scheme and Host,
	// as the site does.
	BaseURL string
	// PerSitemap is the most URLs one sitemap lists: MaxPerSitemap when 0,
	// and never more.
	PerSitemap int
	// Logger receives internal errors, which crawlers see only as a 500;
	// nil discards them.
	Logger *slog.Logger
}

// Sitemaps serves the sitemap index, the sitemaps and robots.txt. Its
// methods are http.HandlerFuncs, safe for concurrent use.
type Sitemaps struct {
	catalogue *recto.Catalogue
	opts      Options

	state  kept[*docState] // the document sitemaps' lastmods, for a change sequence
	builds atomic.Int32    // full reads of the document sitemaps, for tests
	pages  kept[pageList]  // the paths of pages-N.xml
}

// pageList is the paths of the pages-N.xml sitemaps, all together, as read
// at a change of the archive and a time.
type pageList struct {
	seq   int64
	at    time.Time
	paths []string
}

// New returns the sitemaps of the archive as catalogue shows it.
func New(catalogue *recto.Catalogue, opts Options) *Sitemaps {
	if opts.PerSitemap <= 0 || opts.PerSitemap > MaxPerSitemap {
		opts.PerSitemap = MaxPerSitemap
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Sitemaps{catalogue: catalogue, opts: opts}
}

// pagesMaxAge is how long the list of authority pages is kept while the
// archive changes (a variable for tests).
var pagesMaxAge = time.Hour

// agentPage is how many agents are listed at a time (a variable for tests).
var agentPage = 30000

// browsePages are the site's listing pages, always listed first.
var browsePages = []string{"/", "/documents", "/collections", "/people", "/places", "/subjects",
	"/repositories", "/dates"}

// Index serves GET /sitemap.xml: the sitemap index.
func (s *Sitemaps) Index(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	changed, err := s.lastChange(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pages, err := s.pageList(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.documentState(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.baseURL(r)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	modified := changed
	entry := func(name string, lastmod time.Time) {
		buf.WriteString("  <sitemap>\n    <loc>")
		escape(&buf, base+"/sitemaps/"+name)
		buf.WriteString("</loc>\n")
		if !lastmod.IsZero() {
			buf.WriteString("    <lastmod>" + w3cTime(lastmod) + "</lastmod>\n")
			if lastmod.After(modified) {
				modified = lastmod
			}
		}
		buf.WriteString("  </sitemap>\n")
	}
	for n := 1; n <= count(len(pages), s.opts.PerSitemap); n++ {
		entry(name(pagesKind, n), changed)
	}
	for i, b := range st.blocks {
		entry(name(documentsKind, i+1), b.lastmod)
	}
	buf.WriteString("</sitemapindex>\n")
	s.write(w, r, "application/xml; charset=utf-8", buf.Bytes(), modified)
}

// Sitemap serves GET /sitemaps/{name}: pages-N.xml or documents-N.xml. Any
// other name, or a number past the last sitemap, is 404 Not Found.
func (s *Sitemaps) Sitemap(w http.ResponseWriter, r *http.Request) {
	kind, n, ok := parseName(r.PathValue("name"))
	if !ok {
		s.fail(w, r, recto.Errorf(recto.ENOTFOUND, "There is no sitemap %q.", r.PathValue("name")))
		return
	}
	var body []byte
	var modified time.Time
	var err error
	if kind == pagesKind {
		body, modified, err = s.pagesSitemap(r, n)
	} else {
		body, modified, err = s.documentsSitemap(r, n)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.write(w, r, "application/xml; charset=utf-8", body, modified)
}

// pagesSitemap writes pages-N.xml.
func (s *Sitemaps) pagesSitemap(r *http.Request, n int) ([]byte, time.Time, error) {
	ctx := r.Context()
	changed, err := s.lastChange(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	pages, err := s.pageList(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	start := (n - 1) * s.opts.PerSitemap
	if n < 1 || start >= len(pages) {
		return nil, time.Time{}, recto.Errorf(recto.ENOTFOUND, "There is no sitemap %s.", name(pagesKind, n))
	}
	pages = pages[start:min(len(pages), start+s.opts.PerSitemap)]
	u := newURLSet(s.baseURL(r))
	for _, p := range pages {
		u.add(p, changed)
	}
	return u.close(), changed, nil
}

// documentsSitemap writes documents-N.xml.
func (s *Sitemaps) documentsSitemap(r *http.Request, n int) ([]byte, time.Time, error) {
	ctx := r.Context()
	total, err := s.publishedCount(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	if n < 1 || n > count(total, s.opts.PerSitemap) {
		return nil, time.Time{}, recto.Errorf(recto.ENOTFOUND, "There is no sitemap %s.", name(documentsKind, n))
	}
	docs, err := s.block(ctx, total, n-1)
	if err != nil {
		return nil, time.Time{}, err
	}
	u := newURLSet(s.baseURL(r))
	var modified time.Time
	for _, d := range docs {
		u.add("/documents/"+strconv.FormatInt(d.ID, 10), d.UpdatedAt)
		if d.UpdatedAt.After(modified) {
			modified = d.UpdatedAt
		}
	}
	if u.n == 0 {
		// Documents were withdrawn between the count and the listing.
		return nil, time.Time{}, recto.Errorf(recto.ENOTFOUND, "There is no sitemap %s.", name(documentsKind, n))
	}
	return u.close(), modified, nil
}

// Robots serves GET /robots.txt. Crawlers are welcome everywhere but in
// search results: every combination of words, filters, orders and pages
// is a page of its own, endlessly, and each document is reachable through
// the sitemaps and the browse pages anyway. /search also covers
// /search.atom; it is listed for the reader.
func (s *Sitemaps) Robots(w http.ResponseWriter, r *http.Request) {
	body := "# Search results are endless combinations of queries and filters; every\n" +
		"# document is listed in the sitemaps and reachable from the browse pages.\n" +
		"User-agent: *\n" +
		"Disallow: /search\n" +
		"Disallow: /search.atom\n" +
		"Allow: /\n" +
		"\n" +
		"Sitemap: " + s.baseURL(r) + "/sitemap.xml\n"
	s.write(w, r, "text/plain; charset=utf-8", []byte(body), time.Time{})
}

// pageList lists the paths of pages-N.xml, all sitemaps together: the browse
// pages, then the authority pages with published documents.
//
// Listing every authority with published documents takes the store about a
// minute at a million documents after each change (its counts are memoised
// until the archive changes), and authorities come and go far more rarely
// than documents change. So the list is kept for pagesMaxAge even when the
// archive changes; then it is read again by one refresh at a time, detached
// from the requests, which wait for it up to staleWait and are then
// answered from the list kept before. Without a list yet, they wait until
// their deadline.
func (s *Sitemaps) pageList(ctx context.Context) ([]string, error) {
	seq, err := s.catalogue.LatestChange(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.pages.get(ctx, func(l pageList) bool { return l.seq == seq || time.Since(l.at) < pagesMaxAge },
		func(ctx context.Context, _ pageList, _ bool) (pageList, error) {
			paths, err := s.readPages(ctx)
			return pageList{seq: seq, at: time.Now(), paths: paths}, err
		},
		func(err error) {
			s.opts.Logger.Error("sitemap: listing the authority pages failed", slog.Any("error", err))
		},
		"The sitemaps are being prepared. Please try again in a minute.")
	return list.paths, err
}

func (s *Sitemaps) readPages(ctx context.Context) ([]string, error) {
	paths := slices.Clone(browsePages)
	add := func(prefix string, ids []int64) {
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			paths = append(paths, prefix+strconv.FormatInt(id, 10))
		}
	}
	collections, err := s.catalogue.FindCollections(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	add("/collections/", idsOf(collections, func(c *recto.Collection) int64 { return c.ID }))
	// In pages: the store counts a page's agents with one IN list, which
	// SQLite caps at 32,766 values.
	var agentIDs []int64
	for offset := 0; ; offset += agentPage {
		agents, total, err := s.catalogue.FindAgents(ctx, recto.AgentFilter{Offset: offset, Limit: agentPage})
		if err != nil {
			return nil, err
		}
		agentIDs = append(agentIDs, idsOf(agents, func(a *recto.Agent) int64 { return a.ID })...)
		if len(agents) < agentPage || offset+agentPage >= total {
			break
		}
	}
	add("/people/", agentIDs)
	places, err := s.catalogue.FindPlaces(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	add("/places/", idsOf(places, func(p *recto.Place) int64 { return p.ID }))
	subjects, err := s.catalogue.FindSubjects(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	add("/subjects/", idsOf(subjects, func(p *recto.Subject) int64 { return p.ID }))
	repos, err := s.catalogue.FindRepositories(ctx)
	if err != nil {
		return nil, err
	}
	add("/repositories/", idsOf(repos, func(p *recto.Repository) int64 { return p.ID }))
	return paths, nil
}

// idsOf returns the IDs of the items, which the catalogue lists only when
// a published document is linked to them.
func idsOf[T any](items []recto.Counted[T], id func(T) int64) []int64 {
	ids := make([]int64, len(items))
	for i, c := range items {
		ids[i] = id(c.Item)
	}
	return ids
}

// lastChange returns when the archive last changed, to the second.
func (s *Sitemaps) lastChange(ctx context.Context) (time.Time, error) {
	t, err := s.catalogue.LastChange(ctx)
	return t.UTC().Truncate(time.Second), err
}

// count returns how many sitemaps n URLs fill, per to a sitemap.
func count(n, per int) int { return (n + per - 1) / per }

// name returns the file name of sitemap n of a kind.
func name(kind string, n int) string { return kind + "-" + strconv.Itoa(n) + ".xml" }

// parseName reads "documents-3.xml" as the kind and the number; only the
// canonical spelling (no sign, no leading zero) counts.
func parseName(s string) (kind string, n int, ok bool) {
	rest, found := strings.CutSuffix(s, ".xml")
	if !found {
		return "", 0, false
	}
	kind, num, found := strings.Cut(rest, "-")
	if !found || kind != pagesKind && kind != documentsKind || len(num) == 0 || len(num) > 9 || num[0] == '0' {
		return "", 0, false
	}
	for _, c := range []byte(num) {
		if c < '0' || c > '9' {
			return "", 0, false
		}
	}
	n, err := strconv.Atoi(num)
	return kind, n, err == nil
}

// baseURL returns the configured public URL, or one made from the request
// as the site makes it.
func (s *Sitemaps) baseURL(r *http.Request) string { return web.BaseURL(r, s.opts.BaseURL) }

// w3cTime formats a time in the W3C Datetime profile, in UTC, to the second.
func w3cTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// escape writes s as XML character data.
func escape(w io.Writer, s string) {
	xml.EscapeText(w, []byte(s))
}

// urlSet writes a sitemap of URLs that start with one base URL.
type urlSet struct {
	buf  bytes.Buffer
	w    *bufio.Writer
	base []byte // the base URL, escaped once
	tmp  []byte
	n    int
}

func newURLSet(base string) *urlSet {
	u := &urlSet{}
	u.w = bufio.NewWriterSize(&u.buf, 64<<10)
	var esc bytes.Buffer
	escape(&esc, base)
	u.base = esc.Bytes()
	u.w.WriteString(xml.Header)
	u.w.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	return u
}

// add lists the page at path, which must need no escaping (the site's
// own paths: fixed words, slashes and Record IDs).
func (u *urlSet) add(path string, lastmod time.Time) {
	u.n++
	u.w.WriteString("  <url><loc>")
	u.w.Write(u.base)
	u.w.WriteString(path)
	u.w.WriteString("</loc>")
	if !lastmod.IsZero() {
		u.w.WriteString("<lastmod>")
		u.tmp = lastmod.UTC().Truncate(time.Second).AppendFormat(u.tmp[:0], time.RFC3339)
		u.w.Write(u.tmp)
		u.w.WriteString("</lastmod>")
	}
	u.w.WriteString("</url>\n")
}

func (u *urlSet) close() []byte {
	u.w.WriteString("</urlset>\n")
	u.w.Flush()
	return u.buf.Bytes()
}

// write answers with body, or 304 Not Modified when the client's copy is
// current (RFC 9110: If-None-Match decides when present, otherwise
// If-Modified-Since), as the site does.
func (s *Sitemaps) write(w http.ResponseWriter, r *http.Request, ctype string, body []byte, modified time.Time) {
	if web.WriteValidators(w, r, body, modified.UTC().Truncate(time.Second), cacheControl) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// fail answers an error as plain text.
func (s *Sitemaps) fail(w http.ResponseWriter, r *http.Request, err error) {
	web.PlainError(w, r, err, s.opts.Logger, "The sitemap could not be made.")
}

// compareKeys orders documents by first publication, then Record ID: the
// order of the document sitemaps.
func compareKeys(a, b key) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}
