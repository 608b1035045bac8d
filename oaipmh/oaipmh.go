package oaipmh

import (
	"bufio"
	"compress/gzip"
	"context"
	_ "embed"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

// Paths the handler answers, relative to the site's root.
const (
	// Path is the protocol's base URL path: GET and POST.
	Path = "/oai"
	// SchemaPath serves the XML Schema of the native format (GET).
	SchemaPath = "/oai/recto.xsd"
)

// Namespace is the XML namespace of the native metadata format "recto".
const Namespace = "https://recto-archive.org/ns/oai/1.0"

// DefaultPageSize is how many records or headers a page of a list holds
// when Options.PageSize is not set. At 250, a page of oai_dc records is
// about 300 KiB and a harvest is bound by writing XML, not by queries
// (see BenchmarkListRecords and recto bench oai).
const DefaultPageSize = 250

// maxPageSize bounds Options.PageSize: a page is read into memory whole.
const maxPageSize = 5000

// Options configure a Handler.
type Options struct {
	// BaseURL is the site's public URL without a trailing slash
	// ("https://archive.example.org"); when empty it is taken from each
	// request's Host. The protocol's base URL is BaseURL + Path, and
	// documents' permanent URLs BaseURL/documents/ID.
	BaseURL string
	// RepositoryID is HOST in the items' identifiers oai:HOST:ID (the
	// oai-identifier scheme's repositoryIdentifier, a domain name, see
	// IsRepositoryID). When empty it is the host name of BaseURL, or
	// DefaultRepositoryID without one. It never comes from a request, so an
	// item keeps its identifier whatever host a harvester asks by; set it to
	// keep identifiers when the archive moves to another domain.
	RepositoryID string
	// RepositoryName names the archive in Identify and is every record's
	// dc:publisher; recto.DefaultArchiveName when empty.
	RepositoryName string
	// AdminEmail is the contact Identify gives. The protocol requires one;
	// when empty, webmaster@HOST is given.
	AdminEmail string
	// PageSize is the number of records or headers per page of a list;
	// DefaultPageSize when 0.
	PageSize int
	// Now is the clock the store stamps changes with, which fixes the upper
	// bound of each harvest and gives responseDate; time.Now when nil.
	// Tests with a store on a fake clock pass that clock.
	Now func() time.Time
	// Logger receives internal errors, which are answered with status 500
	// and no detail; slog.Default() when nil.
	Logger *slog.Logger
	// CommitWait is how long the first page of a list waits for an open
	// write to commit before answering 503 with Retry-After;
	// DefaultCommitWait when 0.
	CommitWait time.Duration
}

// Handler answers OAI-PMH 2.0 requests for the archive as a catalogue
// shows it, and serves the native format's schema. It is safe for
// concurrent use.
type Handler struct {
	catalogue *recto.Catalogue
	opts      Options
	base      string // Options.BaseURL, trimmed
	repoID    string // HOST of identifiers oai:HOST:ID
	pageSize  int
	now       func() time.Time
	log       *slog.Logger
}

// New returns a Handler for the archive as catalogue shows it.
func New(catalogue *recto.Catalogue, opts Options) *Handler {
	h := &Handler{catalogue: catalogue, opts: opts, base: strings.TrimRight(opts.BaseURL, "/"), repoID: repositoryID(opts),
		pageSize: opts.PageSize, now: opts.Now, log: opts.Logger}
	if h.opts.RepositoryName == "" {
		h.opts.RepositoryName = recto.DefaultArchiveName
	}
	if h.pageSize <= 0 {
		h.pageSize = DefaultPageSize
	}
	if h.opts.CommitWait <= 0 {
		h.opts.CommitWait = DefaultCommitWait
	}
	h.pageSize = min(h.pageSize, maxPageSize)
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	return h
}

//go:embed recto.xsd
var schemaXSD []byte

// ServeHTTP answers a protocol request (GET or POST with an
// application/x-www-form-urlencoded body) or, for a path ending in
// /recto.xsd, the native format's schema.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/recto.xsd") {
		h.serveSchema(w, r)
		return
	}
	var values url.Values
	var err error
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		values, err = url.ParseQuery(r.URL.RawQuery)
	case http.MethodPost:
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct != "application/x-www-form-urlencoded" {
			http.Error(w, "OAI-PMH POST requests must be application/x-www-form-urlencoded.", http.StatusUnsupportedMediaType)
			return
		}
		var body []byte
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				http.Error(w, "Request body too large.", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "Could not read the request body.", http.StatusBadRequest)
			return
		}
		values, err = url.ParseQuery(string(body))
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		return
	}
	e := h.exchange(r)
	if err != nil {
		// Malformed escapes or separators: no argument can be trusted.
		h.respond(w, r, e, response{errs: []oaiError{{badArgument, "The request's arguments are not well-formed."}}})
		return
	}
	resp := e.parse(values)
	if len(resp.errs) == 0 {
		resp, err = h.dispatch(e)
		if err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.respond(w, r, e, resp)
}

// fail answers an internal error: 503 when the store says to come back
// later or the request ran out of time, 500 otherwise, never with detail.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(r.Context().Err(), context.Canceled) {
		return // the client is gone
	}
	if recto.ErrorCode(err) == recto.EUNAVAILABLE || errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		w.Header().Set("Retry-After", "10")
		http.Error(w, "The archive is busy; please retry.", http.StatusServiceUnavailable)
		return
	}
	h.log.Error("oai-pmh", "url", r.URL.String(), "err", err)
	http.Error(w, "Internal error.", http.StatusInternalServerError)
}

func (h *Handler) serveSchema(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Header().Set("Content-Length", strconv.Itoa(len(schemaXSD)))
	if r.Method == http.MethodGet {
		w.Write(schemaXSD)
	}
}

// exchange is one request being answered.
type exchange struct {
	h    *Handler
	ctx  context.Context
	base string // site URL, no trailing slash
	host string // HOST in identifiers oai:HOST:ID, from configuration
	now  time.Time

	verb string
	// echo holds the arguments the request element repeats, in the
	// protocol's order; nil after badVerb or badArgument.
	echo [][2]string

	identifier, prefix, set, token string
	// from and until bound last change, both inclusive; zero when absent.
	// until is the last instant of the second or day given.
	from, until time.Time

	collections    map[int64]*recto.Collection // loaded on first use
	collectionList []*recto.Collection         // the same, in the store's order
	specs          map[int64]string            // collection set specs, memoised
}

func (h *Handler) exchange(r *http.Request) *exchange {
	return &exchange{h: h, ctx: r.Context(), base: web.BaseURL(r, h.base), host: h.repoID, now: h.now().UTC()}
}

// DefaultRepositoryID is HOST in identifiers oai:HOST:ID when neither
// Options.RepositoryID nor Options.BaseURL gives one.
const DefaultRepositoryID = "localhost"

// repositoryID is HOST in identifiers: the option, the base URL's host
// name, or the default; lower case, without port.
func repositoryID(opts Options) string {
	if opts.RepositoryID != "" {
		return strings.ToLower(opts.RepositoryID)
	}
	if u, err := url.Parse(opts.BaseURL); err == nil && u.Hostname() != "" {
		return strings.ToLower(u.Hostname())
	}
	return DefaultRepositoryID
}

// IsRepositoryID reports whether s may be Options.RepositoryID: a domain
// name, as the oai-identifier scheme requires ("archive.example.org").
func IsRepositoryID(s string) bool { return repositoryIDPattern.MatchString(s) }

// Error codes of the protocol.
const (
	badArgument             = "badArgument"
	badResumptionToken      = "badResumptionToken"
	badVerb                 = "badVerb"
	cannotDisseminateFormat = "cannotDisseminateFormat"
	idDoesNotExist          = "idDoesNotExist"
	noRecordsMatch          = "noRecordsMatch"
	noMetadataFormats       = "noMetadataFormats"
	noSetHierarchy          = "noSetHierarchy"
)

type oaiError struct{ code, message string }

// response is what a verb answers: errors, or a body written inside the
// element named after the verb.
type response struct {
	errs []oaiError
	body func(w xw)
}

func errorResponse(code, message string) response {
	return response{errs: []oaiError{{code, message}}}
}

// Arguments.
const (
	argVerb            = "verb"
	argIdentifier      = "identifier"
	argMetadataPrefix  = "metadataPrefix"
	argFrom            = "from"
	argUntil           = "until"
	argSet             = "set"
	argResumptionToken = "resumptionToken"
)

// argOrder is the order the request element lists arguments in.
var argOrder = []string{argIdentifier, argMetadataPrefix, argFrom, argUntil, argSet, argResumptionToken}

// verbs says which arguments each verb requires and allows. A
// resumptionToken, where allowed, is exclusive.
var verbs = map[string]struct{ required, optional []string }{
	"Identify":            {},
	"ListMetadataFormats": {optional: []string{argIdentifier}},
	"ListSets":            {optional: []string{argResumptionToken}},
	"GetRecord":           {required: []string{argIdentifier, argMetadataPrefix}},
	"ListIdentifiers":     {required: []string{argMetadataPrefix}, optional: []string{argFrom, argUntil, argSet, argResumptionToken}},
	"ListRecords":         {required: []string{argMetadataPrefix}, optional: []string{argFrom, argUntil, argSet, argResumptionToken}},
}

var (
	prefixPattern  = regexp.MustCompile(`^[A-Za-z0-9\-_.!~*'()]+$`)
	setSpecPattern = regexp.MustCompile(`^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$`)
)

// Granularities of from and until.
const (
	granularityLayout = "2006-01-02T15:04:05Z"
	dayLayout         = "2006-01-02"
)

// parse checks the request's arguments and fills e, or answers badVerb or
// badArgument.
func (e *exchange) parse(values url.Values) response {
	verbValues := values[argVerb]
	if len(verbValues) != 1 {
		if len(verbValues) == 0 {
			return errorResponse(badVerb, "The verb argument is missing.")
		}
		return errorResponse(badVerb, "The verb argument is repeated.")
	}
	spec, ok := verbs[verbValues[0]]
	if !ok {
		return errorResponse(badVerb, "Unknown verb "+strconv.Quote(verbValues[0])+".")
	}
	e.verb = verbValues[0]
	allowed := map[string]bool{}
	for _, a := range spec.required {
		allowed[a] = true
	}
	for _, a := range spec.optional {
		allowed[a] = true
	}
	var errs []oaiError
	bad := func(msg string) { errs = append(errs, oaiError{badArgument, msg}) }
	for name, vs := range values {
		switch {
		case name == argVerb:
		case !allowed[name]:
			bad("Argument " + strconv.Quote(name) + " is not allowed with verb " + e.verb + ".")
		case len(vs) > 1:
			bad("Argument " + name + " is repeated.")
		case vs[0] == "":
			bad("Argument " + name + " is empty.")
		}
	}
	if len(errs) > 0 {
		return response{errs: errs}
	}
	get := func(name string) string { return values.Get(name) }
	if tok := get(argResumptionToken); tok != "" {
		if len(values) > 2 {
			return errorResponse(badArgument, "resumptionToken is an exclusive argument: only verb may go with it.")
		}
		e.token = tok
		e.echo = [][2]string{{argResumptionToken, tok}}
		return response{}
	}
	for _, a := range spec.required {
		if get(a) == "" {
			bad("Argument " + a + " is required with verb " + e.verb + ".")
		}
	}
	e.identifier, e.prefix, e.set = get(argIdentifier), get(argMetadataPrefix), get(argSet)
	if e.identifier != "" && !isURI(e.identifier) {
		bad("The identifier is not a URI.")
	}
	if e.prefix != "" && !prefixPattern.MatchString(e.prefix) {
		bad("The metadataPrefix is not well-formed.")
	}
	if e.set != "" && !setSpecPattern.MatchString(e.set) {
		bad("The set is not a well-formed setSpec.")
	}
	var fromDay, untilDay bool
	var err error
	if s := get(argFrom); s != "" {
		if e.from, fromDay, err = parseUTC(s, false); err != nil {
			bad("from must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")
		}
	}
	if s := get(argUntil); s != "" {
		if e.until, untilDay, err = parseUTC(s, true); err != nil {
			bad("until must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")
		}
	}
	if len(errs) == 0 && !e.from.IsZero() && !e.until.IsZero() {
		if fromDay != untilDay {
			bad("from and until must have the same granularity.")
		} else if e.from.After(e.until) {
			bad("from is later than until.")
		}
	}
	if len(errs) > 0 {
		return response{errs: errs}
	}
	for _, a := range argOrder {
		if v := get(a); v != "" {
			e.echo = append(e.echo, [2]string{a, v})
		}
	}
	return response{}
}

// parseUTC parses a from or until argument. An until is the last instant of
// the second or day it names, so that it is inclusive.
func parseUTC(s string, until bool) (t time.Time, day bool, err error) {
	day = len(s) == len(dayLayout)
	layout := granularityLayout
	if day {
		layout = dayLayout
	}
	t, err = time.Parse(layout, s)
	if err != nil || t.Format(layout) != s {
		return time.Time{}, false, errors.New("bad datestamp")
	}
	if until {
		if day {
			t = t.AddDate(0, 0, 1)
		} else {
			t = t.Add(time.Second)
		}
		t = t.Add(-time.Nanosecond)
	}
	return t, day, nil
}

// isURI reports whether s can be an item's identifier: an absolute URI
// without spaces or control characters.
func isURI(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

func (h *Handler) dispatch(e *exchange) (response, error) {
	switch e.verb {
	case "Identify":
		return h.identify(e)
	case "ListMetadataFormats":
		return h.listMetadataFormats(e)
	case "ListSets":
		return h.listSets(e)
	case "GetRecord":
		return h.getRecord(e)
	case "ListIdentifiers":
		return h.list(e, false)
	default:
		return h.list(e, true)
	}
}

var gzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return w }}

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(io.Discard, 32<<10) }}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">` + "\n"
)

// respond writes the response envelope around resp, compressed with gzip
// when the client accepts it.
func (h *Handler) respond(w http.ResponseWriter, r *http.Request, e *exchange, resp response) {
	hd := w.Header()
	hd.Set("Content-Type", "text/xml; charset=utf-8")
	if !slices.Contains(hd.Values("Vary"), "Accept-Encoding") {
		hd.Add("Vary", "Accept-Encoding")
	}
	var out io.Writer = w
	if r.Method != http.MethodHead && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		hd.Set("Content-Encoding", "gzip")
		gz := gzipWriters.Get().(*gzip.Writer)
		gz.Reset(w)
		defer func() {
			gz.Close()
			gzipWriters.Put(gz)
		}()
		out = gz
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	bw := bufWriters.Get().(*bufio.Writer)
	bw.Reset(out)
	defer func() {
		bw.Reset(io.Discard)
		bufWriters.Put(bw)
	}()
	x := xw{bw}
	x.WriteString(xmlHeader)
	x.WriteString("<responseDate>")
	x.datestamp(e.now)
	x.WriteString("</responseDate>\n<request")
	if len(resp.errs) == 0 || (resp.errs[0].code != badVerb && resp.errs[0].code != badArgument) {
		if e.verb != "" {
			x.attr(argVerb, e.verb)
		}
		for _, a := range e.echo {
			x.attr(a[0], a[1])
		}
	}
	x.WriteByte('>')
	x.text(e.base + Path)
	x.WriteString("</request>\n")
	if len(resp.errs) > 0 {
		for _, err := range resp.errs {
			x.WriteString("<error")
			x.attr("code", err.code)
			x.WriteByte('>')
			x.text(err.message)
			x.WriteString("</error>\n")
		}
	} else {
		x.WriteString("<" + e.verb + ">\n")
		resp.body(x)
		x.WriteString("</" + e.verb + ">\n")
	}
	x.WriteString("</OAI-PMH>\n")
	bw.Flush()
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip (and
// does not refuse it with q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if qv, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(qv, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
}
