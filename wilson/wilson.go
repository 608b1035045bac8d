// Package wilson serves the JSON shapes of the Wilson Center Digital
// Archive's public API (digitalarchive.wilsoncenter.org/srv/…) from Recto's
// catalogue, so that scripts and clients written for that API, such as the
// "digitalarchive" Python package, keep working against a Recto archive.
//
// Every path lives under /srv/:
//
//	/srv/record.json                      search documents (and collections)
//	/srv/record/{id}.json                 one document in full
//	/srv/record/date_range.json           the earliest and latest document dates
//	/srv/record/{id}/text/{textid}.html   a transcript or translation as HTML
//	/srv/collection.json?term=…           search collections; /srv/collection/{id}.json
//	/srv/subject.json?term=…              the same for subjects,
//	/srv/coverage.json?term=…             places (with parent and children),
//	/srv/contributor.json?term=…          people and organisations,
//	/srv/repository.json?term=…           and repositories
//
// docs/api.md gives the parameters and the mapping of every field. The API
// reads through the public's catalogue (recto.Catalogue), so only published
// material appears: drafts answer 404 as if missing, withdrawn documents
// 410.
package wilson

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/markup"
)

// Options configure the API.
type Options struct {
	// BaseURL is the public site's address ("https://archive.example.org"),
	// used for the link from a record to its page on the site. Empty: taken
	// from each request.
	BaseURL string
	// Publisher is the archive's name, listed among every record's
	// publishers. Empty lists only agents credited as publishers.
	Publisher string
	// Logger receives internal errors, whose details never reach a client.
	// Nil: slog.Default().
	Logger *slog.Logger
}

// handler serves the API.
type handler struct {
	catalogue *recto.Catalogue
	search    recto.SearchService
	opts      Options
	md        *markup.Renderer
	logger    *slog.Logger
	mux       *http.ServeMux
}

// route is one endpoint: its ServeMux pattern and its handler.
type route struct {
	pattern string
	handle  func(h *handler, w http.ResponseWriter, r *http.Request) error
}

// routes are every endpoint the API serves.
var routes = []route{
	{"/srv/record.json", (*handler).handleRecordSearch},
	{"/srv/record/date_range.json", (*handler).handleDateRange},
	{"/srv/record/{file}", (*handler).handleRecord},
	{"/srv/record/{id}/text/{file}", (*handler).handleText},
	{"/srv/collection.json", (*handler).handleCollectionSearch},
	{"/srv/collection/{file}", (*handler).handleCollection},
	{"/srv/subject.json", (*handler).handleSubjectSearch},
	{"/srv/subject/{file}", (*handler).handleSubject},
	{"/srv/coverage.json", (*handler).handleCoverageSearch},
	{"/srv/coverage/{file}", (*handler).handleCoverage},
	{"/srv/contributor.json", (*handler).handleContributorSearch},
	{"/srv/contributor/{file}", (*handler).handleContributor},
	{"/srv/repository.json", (*handler).handleRepositorySearch},
	{"/srv/repository/{file}", (*handler).handleRepository},
}

// Routes lists the patterns of every endpoint, for tests that must reach
// them all.
func Routes() []string {
	patterns := make([]string, len(routes))
	for i, rt := range routes {
		patterns[i] = rt.pattern
	}
	return patterns
}

// New returns a handler for every path under /srv/, reading from
// catalogue. Mount it at "/srv/".
func New(catalogue *recto.Catalogue, search recto.SearchService, opts Options) http.Handler {
	h := &handler{catalogue: catalogue, search: search, opts: opts, md: markup.New(), logger: opts.Logger}
	h.opts.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	if h.logger == nil {
		h.logger = slog.Default()
	}
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.pattern, h.wrap(func(w http.ResponseWriter, r *http.Request) error { return rt.handle(h, w, r) }))
	}
	mux.Handle("/", h.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return recto.Errorf(recto.ENOTFOUND, "No API endpoint at %s.", r.URL.Path)
	}))
	h.mux = mux
	return h
}

// ServeHTTP answers GET and HEAD with CORS open to every origin, OPTIONS
// with the allowed methods, and anything else with 405. A query string
// that is malformed or holds a value that is not text (web.Query) is
// refused with 400 before any endpoint reads it.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Access-Control-Allow-Origin", "*")
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if _, err := web.Query(r.URL.RawQuery); err != nil {
			h.fail(w, r, err)
			return
		}
		h.mux.ServeHTTP(w, r)
	case http.MethodOptions:
		hdr.Set("Allow", "GET, HEAD, OPTIONS")
		hdr.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		hdr.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
	default:
		hdr.Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "Only GET, HEAD and OPTIONS are allowed.")
	}
}

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// wrap turns a returned error into the JSON error answer.
func (h *handler) wrap(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			h.fail(w, r, err)
		}
	})
}

// fail writes err as JSON with its status: EINVALID 400, ENOTFOUND 404,
// EGONE 410 (with the withdrawal note), EUNAVAILABLE 503, anything else 500
// with the details logged.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := recto.ErrorCode(err)
	if status := web.Status(code); status != http.StatusInternalServerError {
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "60")
		}
		msg := recto.ErrorMessage(err)
		if n := recto.GoneNotice(err); n != nil && n.Note != "" {
			msg += " " + n.Note
		}
		writeError(w, status, code, msg)
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		h.logger.Warn("wilson: request ended early", "path", r.URL.Path, "error", err)
	} else {
		h.logger.Error("wilson: internal error", "path", r.URL.Path, "error", err)
	}
	writeError(w, http.StatusInternalServerError, recto.EINTERNAL, "Internal error.")
}

// apiError is the body of every error answer.
type apiError struct {
	Error struct {
		Status  int    `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	var e apiError
	e.Error.Status, e.Error.Code, e.Error.Message = status, code, message
	writeJSON(w, status, e)
}

// writeJSON writes v as compact JSON; HTML in values is left unescaped, as
// the media type says what the body is.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only unsupported values fail, and the API has none.
		status = http.StatusInternalServerError
		b.Reset()
		b.WriteString(`{"error":{"status":500,"code":"internal","message":"Internal error."}}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// fileID reads the Record ID of "{id}.json": a positive decimal integer
// without sign or leading zeros. Anything else is no such record.
func fileID(file, what string) (int64, error) {
	s, ok := strings.CutSuffix(file, ".json")
	id, ok2 := parseID(s)
	if !ok || !ok2 {
		return 0, recto.Errorf(recto.ENOTFOUND, "No %s at %q.", what, file)
	}
	return id, nil
}

// parseID reads a positive decimal ID in canonical form.
func parseID(s string) (int64, bool) {
	if s == "" || s[0] == '0' || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// siteBase is the public site's address: the option, or the request's.
func (h *handler) siteBase(r *http.Request) string { return web.BaseURL(r, h.opts.BaseURL) }
