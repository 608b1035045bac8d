// Package feed serves Atom feeds (RFC 4287) of newly published documents:
// the whole archive's, one collection's (with the collections below it) and a
// search's, each newest publication first.
//
// A feed reads through the public's catalogue (recto.Catalogue), so it
// lists only published documents. Its entries are identified by the
// documents' permanent URLs (BASE/documents/{id}); published is a
// document's first publication, updated its last change. The feed's updated
// time, and its Last-Modified header, are the newest change among its
// entries (the archive's last change when it has none); its ETag is a hash of
// the body, and conditional requests are answered 304 Not Modified.
//
// Mount the handlers on the site's mux:
//
//	feeds := feed.New(catalogue, search, feed.Options{Title: "Recto"})
//	mux.HandleFunc("GET /feed.atom", feeds.Archive)
//	mux.HandleFunc("GET /collections/{id}/feed.atom", feeds.Collection)
//	mux.HandleFunc("GET /search.atom", feeds.Search)
package feed

import (
	"bytes"
	"context"
	"encoding/xml"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/markup"
	"github.com/recto-archive/recto/query"
)

// DefaultEntries is how many entries a feed lists when Options.Entries is 0.
const DefaultEntries = 50

// MaxEntries bounds Options.Entries.
const MaxEntries = 1000

// ContentType is the media type of every feed.
const ContentType = "application/atom+xml; charset=utf-8"

// cacheControl lets shared caches keep a feed a few minutes; readers
// revalidate with the validators after that.
const cacheControl = "public, max-age=300"

// Options configure the feeds.
type Options struct {
	// BaseURL is the site's public URL ("https://recto.example.org"), which
	// entry ids and links start with. Empty: made from each request's scheme
	// and Host, as the site does.
	BaseURL string
	// Title is the archive's name, in feed titles and as the feeds' author:
	// recto.DefaultArchiveName when empty.
	Title string
	// Entries is how many documents a feed lists: DefaultEntries when 0, at
	// most MaxEntries.
	Entries int
	// Logger receives internal errors, which readers see only as a 500;
	// nil discards them.
	Logger *slog.Logger
}

// Feeds serves the Atom feeds. Its methods are http.HandlerFuncs.
type Feeds struct {
	catalogue *recto.Catalogue
	search    recto.SearchService
	opts      Options
	md        *markup.Renderer
}

// New returns the feeds of the archive as catalogue shows it, searching
// with search.
func New(catalogue *recto.Catalogue, search recto.SearchService, opts Options) *Feeds {
	if opts.Title == "" {
		opts.Title = recto.DefaultArchiveName
	}
	if opts.Entries <= 0 {
		opts.Entries = DefaultEntries
	}
	opts.Entries = min(opts.Entries, MaxEntries)
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Feeds{catalogue: catalogue, search: search, opts: opts, md: markup.New()}
}

// feedInfo is what a feed says about itself; base is the site's URL.
type feedInfo struct {
	base      string
	self      string // the feed's own URL, also its id
	alternate string // the HTML page the feed follows
	title     string
	subtitle  string
}

// Archive serves GET /feed.atom: the newest published documents of the
// whole archive.
func (f *Feeds) Archive(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	docs, _, err := f.catalogue.FindDocuments(ctx, recto.DocumentFilter{Sort: recto.SortNewest, Limit: f.opts.Entries})
	if err != nil {
		f.fail(w, r, err)
		return
	}
	base := f.baseURL(r)
	f.serve(w, r, feedInfo{base: base, self: base + "/feed.atom", alternate: base + "/",
		title:    f.opts.Title + ": newly published documents",
		subtitle: "The documents most recently published in " + f.opts.Title + ", newest first."}, docs)
}

// Collection serves GET /collections/{id}/feed.atom: the newest published
// documents of the collection and of the collections below it. A
// collection with none is 404 Not Found, as an unknown one is.
func (f *Feeds) Collection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		f.fail(w, r, recto.Errorf(recto.ENOTFOUND, "There is no collection %q.", r.PathValue("id")))
		return
	}
	found, err := f.catalogue.FindCollectionByID(ctx, id)
	if err != nil {
		f.fail(w, r, err)
		return
	}
	c := found.Item
	docs, _, err := f.catalogue.FindDocuments(ctx, recto.DocumentFilter{CollectionID: id,
		Subtree: true, Sort: recto.SortNewest, Limit: f.opts.Entries})
	if err != nil {
		f.fail(w, r, err)
		return
	}
	base := f.baseURL(r)
	page := base + "/collections/" + strconv.FormatInt(id, 10)
	f.serve(w, r, feedInfo{base: base, self: page + "/feed.atom", alternate: page,
		title: c.Title + " · " + f.opts.Title,
		subtitle: "The documents most recently published in the collection " + c.Title +
			" and the collections below it, newest first."}, docs)
}

// Search serves GET /search.atom with the query string of /search (q,
// the facet parameters and sort; others are ignored): the search's results,
// newest publication first whatever sort asks. A bad sort is 400 Bad Request;
// while the search index is being built the answer is 503 with Retry-After.
func (f *Feeds) Search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if f.search == nil {
		f.fail(w, r, recto.Errorf(recto.ENOTFOUND, "This archive has no search."))
		return
	}
	q, err := recto.SearchFromParams(r.URL.Query())
	if err != nil {
		f.fail(w, r, err)
		return
	}
	// Only the part of the query that is searched is shown again, in the
	// feed's title and links, however long the one sent.
	q.Query, _ = query.Cut(q.Query)
	res, err := f.search.Search(ctx, recto.SearchRequest{Query: q.Query, Filters: q.Filters,
		Sort: recto.SortAdded, Limit: f.opts.Entries})
	if err != nil {
		f.fail(w, r, err)
		return
	}
	docs := make([]*recto.DocumentSummary, 0, len(res.Hits))
	for _, h := range res.Hits {
		if h.Document != nil {
			docs = append(docs, h.Document)
		}
	}
	base := f.baseURL(r)
	title := f.opts.Title + ": search"
	if q.Query != "" {
		title = f.opts.Title + ": search for “" + q.Query + "”"
	}
	if labels := selectedLabels(res.Facets); len(labels) > 0 {
		title += " (" + strings.Join(labels, ", ") + ")"
	}
	f.serve(w, r, feedInfo{base: base, self: base + "/search.atom" + searchURL(q, ""),
		alternate: base + "/search" + searchURL(q, recto.SortAdded), title: title,
		subtitle: "Documents matching the search, most recently published first."}, docs)
}

// serve writes the feed of the listed documents, or 304 Not Modified.
func (f *Feeds) serve(w http.ResponseWriter, r *http.Request, info feedInfo, listed []*recto.DocumentSummary) {
	ctx := r.Context()
	docs, err := f.documents(ctx, listed)
	if err != nil {
		f.fail(w, r, err)
		return
	}
	var updated time.Time
	for _, d := range docs {
		if d.UpdatedAt.After(updated) {
			updated = d.UpdatedAt
		}
	}
	if len(docs) == 0 {
		if updated, err = f.catalogue.LastChange(ctx); err != nil {
			f.fail(w, r, err)
			return
		}
	}
	updated = updated.UTC().Truncate(time.Second)
	body, err := f.render(info, docs, updated)
	if err != nil {
		f.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ContentType)
	if web.WriteValidators(w, r, body, updated, cacheControl) {
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// documents reads the listed documents in full, in order, for their
// subjects; the catalogue leaves out any that is no longer published.
func (f *Feeds) documents(ctx context.Context, listed []*recto.DocumentSummary) ([]*recto.Document, error) {
	if len(listed) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(listed))
	for i, d := range listed {
		ids[i] = d.ID
	}
	return f.catalogue.FindDocumentsByIDs(ctx, ids)
}

// baseURL returns the configured public URL, or one made from the request
// as the site makes it.
func (f *Feeds) baseURL(r *http.Request) string { return web.BaseURL(r, f.opts.BaseURL) }

// fail answers an error as plain text.
func (f *Feeds) fail(w http.ResponseWriter, r *http.Request, err error) {
	web.PlainError(w, r, err, f.opts.Logger, "The feed could not be made.")
}

// marshal writes v as an XML document.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
