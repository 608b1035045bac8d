// Package api is Recto's public, read-only JSON API: the published archive
// for programs, under /api/v1/. Every response is JSON (application/json,
// UTF-8) described by the OpenAPI 3.1 document the API itself serves at
// /api/v1/openapi.json, which the tests hold the handlers to.
//
// # Endpoints
//
//	GET /api/v1/                      an index of the endpoints
//	GET /api/v1/openapi.json          the OpenAPI description
//	GET /api/v1/documents             published documents, by last change
//	GET /api/v1/documents/{id}        one document in full
//	GET /api/v1/search                the site's search: query, facets, snippets
//	GET /api/v1/people[/{id}]         people and organisations
//	GET /api/v1/places[/{id}]         places, with parent and children
//	GET /api/v1/subjects[/{id}]       subject headings, with broader and narrower
//	GET /api/v1/collections[/{id}]    collections, with children
//	GET /api/v1/repositories[/{id}]   archives holding the originals
//
// # Shapes
//
// Records are named by their Record IDs, and every reference to another
// record embeds its label (a person's name, a place's name, a heading, a
// collection's title, a repository's short and full name) and its links, so
// that a client needs no second request to show it. Property names are
// snake_case. Every property is always present: an absent text or date is
// null, an empty list is []. Dates are objects with the EDTF string, the
// display form and the earliest and latest possible days (ISO 8601; null
// when open). Stamps are RFC 3339 in UTC. Texts carry their source in its
// format ("format": "markdown", "plain" or "html"), never rendered HTML. Links are absolute URLs:
// "self" (the API), "html" (the site's page) and, on authorities,
// "documents" (the documents list filtered on it).
//
// Lists answer {"data": [...], "next": URL or null, "total": N}. Their
// cursors are opaque: follow "next" until it is null. The documents list is
// ordered by last change, oldest first, then by Record ID, and its cursor is
// the place of the last document served, so it is stable under inserts and
// edits: a document added or changed while a client pages comes at the end
// (a changed one may thus be seen twice, never missed), which also makes it
// the way to harvest changes (from and until bound the time of change).
// Authority lists keep the site's order (people and places by name, subjects
// by heading, repositories by short name, collections in curated order);
// their cursor resumes after the last record served, wherever an insert or
// removal has moved it, or at its position if that record has gone. Search
// pages by offset (limit and offset), as its engine does. Page sizes: lists
// 50 by default, at most 500; search 20, at most 100, offset at most 10,000.
//
// # Publication
//
// The API reads through the public's catalogue (recto.Catalogue), so only
// published documents exist for it: drafts and documents in review answer
// 404 exactly as a Record ID never used, and never appear in lists, search,
// counts or as related documents of a published one. A withdrawn document
// answers 410 with its withdrawal note. Authorities are listed only when a
// published document names them (collections when one is in them or below
// them), and their counts are of published documents.
//
// # Conventions
//
// Errors are {"error": {"code": ..., "message": ..., "parameter": ...}} with
// the status the code implies: invalid (400, naming the bad parameter:
// unknown parameters, malformed limits, cursors or filters are refused, not
// ignored), not_found (404), gone (410), method_not_allowed (405, with
// Allow), unavailable (503, with Retry-After: search while its index is
// built) and internal (500, details logged only). Successful responses carry
// a weak ETag of their content and Last-Modified (the archive's last change),
// and answer If-None-Match and If-Modified-Since with 304. HEAD works as
// GET. Every response allows any origin (CORS); OPTIONS answers preflight
// requests for GET.
//
// The routes table in this file lists every endpoint with the query
// parameters it takes; openapi.json describes the same, and the tests hold
// the two together and every response to its schema.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

// Prefix is the path every endpoint of this version lives under.
const Prefix = "/api/v1"

// Options configures the API.
type Options struct {
	// BaseURL is the archive's public URL without a trailing slash,
	// "https://archive.example.org", used for every link; when empty it is
	// taken from each request (its Host, and https when it came over TLS).
	BaseURL string
	// Logger receives internal errors and recovered panics; nil discards them.
	Logger *slog.Logger
}

// route is one endpoint: its path under Prefix in OpenAPI form (which is
// also http.ServeMux's pattern form), the query parameters it accepts (any
// other is refused) and its handler. The routes table is the one list of
// what the API serves; the tests hold the OpenAPI document to it.
type route struct {
	path   string
	query  []string
	handle func(h *handler, r *http.Request) (any, error)
}

// Query parameters shared by several routes.
var (
	listParams   = []string{"cursor", "limit"}
	searchParams = append([]string{"q", "sort", "limit", "offset"}, recto.Facets...)
	docFilters   = []string{"collection", "person", "place", "subject", "repository", "date", "from", "until"}
)

var routes = []route{
	{"/", nil, (*handler).index},
	{"/openapi.json", nil, (*handler).openAPI},
	{"/documents", append(append([]string{}, listParams...), docFilters...), (*handler).documents},
	{"/documents/{id}", nil, (*handler).document},
	{"/search", searchParams, (*handler).search},
	{"/people", append(append([]string{}, listParams...), "kind"), (*handler).people},
	{"/people/{id}", nil, (*handler).person},
	{"/places", listParams, (*handler).places},
	{"/places/{id}", nil, (*handler).place},
	{"/subjects", listParams, (*handler).subjects},
	{"/subjects/{id}", nil, (*handler).subject},
	{"/collections", listParams, (*handler).collections},
	{"/collections/{id}", nil, (*handler).collection},
	{"/repositories", listParams, (*handler).repositories},
	{"/repositories/{id}", nil, (*handler).repository},
}

// Routes lists the ServeMux pattern of every endpoint, for tests that must
// reach them all.
func Routes() []string {
	patterns := make([]string, len(routes))
	for i, rt := range routes {
		patterns[i] = Prefix + rt.path
	}
	return patterns
}

// allowed is the Allow header of every endpoint: the API only reads.
const allowed = "GET, HEAD, OPTIONS"

// handler serves the API.
type handler struct {
	catalogue *recto.Catalogue
	engine    recto.SearchService
	baseURL   string
	logger    *slog.Logger
	started   time.Time // responses may change with a new version of the API
	mux       *http.ServeMux
}

// New returns the API reading from catalogue and searching with search.
// It serves every path under /api/v1/; mount it there:
//
//	mux.Handle("/api/v1/", api.New(catalogue, search, api.Options{}))
func New(catalogue *recto.Catalogue, search recto.SearchService, opts Options) http.Handler {
	h := &handler{catalogue: catalogue, engine: search, baseURL: strings.TrimRight(opts.BaseURL, "/"),
		logger: opts.Logger, started: time.Now(), mux: http.NewServeMux()}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	for _, rt := range routes {
		pattern := Prefix + rt.path
		if rt.path == "/" {
			pattern += "{$}"
		}
		h.mux.Handle(pattern, h.endpoint(rt))
	}
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, notFound("There is no API endpoint at %s; see %s%s/openapi.json.", r.URL.Path, h.base(r), Prefix))
	})
	return h
}

// ServeHTTP adds the CORS headers every response carries and turns a panic
// into a logged 500, so no input can take the server down.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Access-Control-Expose-Headers", "ETag, Last-Modified, Retry-After")
	hd.Set("X-Content-Type-Options", "nosniff")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.logger.Error("api: panic", "error", fmt.Sprint(v), "uri", r.RequestURI, "stack", string(debug.Stack()))
			h.fail(w, r, fmt.Errorf("panic: %v", v))
		}
	}()
	switch p := r.URL.Path; {
	case p == Prefix:
		r.URL.Path = Prefix + "/"
	case !isClean(p):
		// ServeMux would redirect to the clean path with an HTML body; an
		// API answers in JSON, and clients build clean paths.
		h.fail(w, r, notFound("There is no API endpoint at %s; see %s%s/openapi.json.", p, h.base(r), Prefix))
		return
	}
	h.mux.ServeHTTP(w, r)
}

// isClean reports whether a path has no empty, "." or ".." segments.
func isClean(p string) bool {
	c := path.Clean(p)
	return c == p || c+"/" == p
}

// endpoint adapts a route: GET and HEAD run it, OPTIONS answers a CORS
// preflight, other methods are refused; the query is checked against the
// parameters the route accepts before the handler runs.
func (h *handler) endpoint(rt route) http.Handler {
	accepted := make(map[string]bool, len(rt.query))
	for _, p := range rt.query {
		accepted[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead:
		case http.MethodOptions:
			hd := w.Header()
			hd.Set("Allow", allowed)
			hd.Set("Access-Control-Allow-Methods", allowed)
			hd.Set("Access-Control-Allow-Headers", "Accept, If-None-Match, If-Modified-Since")
			hd.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		default:
			w.Header().Set("Allow", allowed)
			h.fail(w, r, &apiError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
				message: fmt.Sprintf("The API only reads: %s is not allowed here, only %s.", r.Method, allowed)})
			return
		}
		if err := checkQuery(r, accepted); err != nil {
			h.fail(w, r, err)
			return
		}
		// Read the archive's last change before the response: a change
		// made meanwhile then makes the response older than its stamp, never
		// newer, so If-Modified-Since cannot hide it.
		modified, err := h.lastModified(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v, err := rt.handle(h, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.reply(w, r, v, modified)
	})
}

// lastModified is the later of the archive's last change and the start of
// this process, whose API version may differ from the previous one's.
func (h *handler) lastModified(ctx context.Context) (time.Time, error) {
	changed, err := h.catalogue.LastChange(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if changed.Before(h.started) {
		changed = h.started
	}
	return changed.UTC().Truncate(time.Second), nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// encode writes v as JSON without HTML escaping, which JSON needs none of.
func encode(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// reply writes a 200 response with its validators, or 304 when the client's
// copy is current.
func (h *handler) reply(w http.ResponseWriter, r *http.Request, v any, modified time.Time) {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if raw, ok := v.(json.RawMessage); ok {
		buf.Write(raw)
	} else if err := encode(buf, v); err != nil {
		h.fail(w, r, fmt.Errorf("api: encode %s: %w", r.URL.Path, err))
		return
	}
	if web.WriteValidators(w, r, buf.Bytes(), modified, "no-cache") {
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}

// base returns the archive's public URL for links.
func (h *handler) base(r *http.Request) string { return web.BaseURL(r, h.baseURL) }

// apiError is an error with its HTTP status and JSON error code.
type apiError struct {
	status    int
	code      string
	message   string
	parameter string
}

func (e *apiError) Error() string { return e.message }

// badParam is a 400 naming the parameter at fault.
func badParam(param, format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, code: recto.EINVALID, message: fmt.Sprintf(format, args...), parameter: param}
}

func notFound(format string, args ...any) error {
	return &apiError{status: http.StatusNotFound, code: recto.ENOTFOUND, message: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON of every error.
type errorBody struct {
	Error errorInfo `json:"error"`
}

type errorInfo struct {
	Code      string  `json:"code"`
	Message   string  `json:"message"`
	Parameter *string `json:"parameter"`
}

// fail writes an error: application errors with the status of their code
// (a gone document's with its notice), anything else as a logged 500 whose
// details stay in the log.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{code: recto.ErrorCode(err), message: recto.ErrorMessage(err)}
		if ae.status = web.Status(ae.code); ae.status == http.StatusInternalServerError {
			ae.code = recto.EINTERNAL
			ae.message = "The archive could not answer. The problem has been logged; please try again later."
			h.logger.Error("api: request failed", slog.String("uri", r.RequestURI), slog.Any("error", err))
		}
	}
	var body any = errorBody{errorInfo{Code: ae.code, Message: ae.message, Parameter: optional(ae.parameter)}}
	if n := recto.GoneNotice(err); n != nil {
		body = withdrawn(linker{h.base(r)}, err, n)
	}
	hd := w.Header()
	if ae.status == http.StatusServiceUnavailable {
		hd.Set("Retry-After", "30")
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := encode(buf, body); err != nil {
		h.logger.Error("api: encode error", slog.Any("error", err))
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"Internal error.","parameter":null}}` + "\n")
	}
	hd.Del("ETag")
	hd.Del("Last-Modified")
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(ae.status)
	w.Write(buf.Bytes())
}

// optional returns nil for an empty string, so that JSON shows null.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
