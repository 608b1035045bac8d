// Package http is Recto's public web site: server-rendered HTML pages for
// reading and browsing the archive, with the middleware every response
// passes through (logging, recovery, security headers, the host check, the
// per-client rate limit, compression, timeouts).
package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/markup"
)

// Timeouts of every phase of a request. A handler's context ends with
// requestTimeout, before the server would cut the connection at WriteTimeout.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 120 * time.Second
	requestTimeout    = 20 * time.Second
)

// DefaultAddr is where a Server listens unless told otherwise: this
// machine only. A public site sets its Addr (or runs behind a proxy).
const DefaultAddr = "localhost:8080"

// Server is the public site. Its fields are read when Handler or Open is
// first called; set them before.
type Server struct {
	// Addr is the TCP address to listen on, DefaultAddr by default.
	Addr string
	// BaseURL is the site's public URL without a trailing slash, used for
	// canonical links; when empty it is taken from each request's Host,
	// and only the hosts AllowedHosts allows are answered.
	BaseURL string
	// AllowedHosts are the host names answered besides loopback ones when
	// BaseURL is empty; others get 421 Misdirected Request (withHosts).
	AllowedHosts web.Hosts
	// TrustedProxies may name the client they forward in X-Forwarded-For,
	// for the rate limit and the access log.
	TrustedProxies web.Proxies
	// RateLimit limits each client's requests to search and the machine
	// interfaces (limitedPath); nil for no limit.
	RateLimit *web.Limiter
	// Catalogue is the archive as the public sees it: every page reads
	// through it, never from the store.
	Catalogue *recto.Catalogue
	Search    recto.SearchService
	Logger    *slog.Logger
	// Downloads offers the published archive in bulk; nil for none.
	Downloads recto.DownloadService
	// Settings name the archive in every page, citation and export: its
	// name, short name and publisher (recto.Settings), read from the
	// store when the server starts.
	Settings recto.Settings

	views       *views
	md          *markup.Renderer
	mux         *routeMux
	handlerOnce sync.Once
	handler     http.Handler
	srv         *http.Server
	ln          net.Listener
}

// NewServer returns a site reading from catalogue and searching with
// search. It parses every template now, so a broken template stops the
// start, not a request.
func NewServer(catalogue *recto.Catalogue, search recto.SearchService, logger *slog.Logger) (*Server, error) {
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: DefaultAddr, Catalogue: catalogue, Search: search, Logger: logger, views: v, md: markup.New()}
	s.mux = s.routes()
	return s, nil
}

// Mount serves pattern with h, inside the site's middleware (access log,
// recovery, security headers, host check, rate limit, gzip, deadline): how
// the protocols that live
// in packages of their own (the JSON APIs, OAI-PMH, feeds, sitemaps) join
// the site. It panics when pattern conflicts with a route, as ServeMux does.
func (s *Server) Mount(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler returns the site with all its middleware, for tests and
// embedding. The middleware reads the Server's settings at the first call.
func (s *Server) Handler() http.Handler {
	s.handlerOnce.Do(func() { s.handler = s.middleware(s.mux) })
	return s.handler
}

// Routes returns the pattern of every route of the site and of what is
// mounted on it, in the order they were added, so that a test can reach
// them all.
func (s *Server) Routes() []string { return slices.Clone(s.mux.patterns) }

// routeMux is a ServeMux that remembers its patterns.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

func (m *routeMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *routeMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}

func (s *Server) routes() *routeMux {
	mux := &routeMux{ServeMux: http.NewServeMux()}
	mux.Handle("GET /{$}", s.handle(s.handleHome))
	mux.Handle("GET /search", s.handle(s.handleSearch))
	mux.Handle("GET /documents", s.handle(s.handleDocumentIndex))
	mux.Handle("GET /documents/{id}", s.handle(s.handleDocument))
	mux.Handle("GET /documents/{id}/{slug}", s.handle(s.handleDocument))
	mux.Handle("GET /document/{id}", s.handle(s.handleFormerDocument))
	// A document's record in other formats: citations to download and TEI
	// (cite.go). They answer like the page for drafts and withdrawn documents.
	mux.Handle("GET /documents/{id}/citation.ris", s.handle(s.handleExport(exportRIS)))
	mux.Handle("GET /documents/{id}/citation.bib", s.handle(s.handleExport(exportBibTeX)))
	mux.Handle("GET /documents/{id}/citation-biblatex.bib", s.handle(s.handleExport(exportBibLaTeX)))
	mux.Handle("GET /documents/{id}/citation.json", s.handle(s.handleExport(exportCSL)))
	mux.Handle("GET /documents/{id}/tei.xml", s.handle(s.handleExport(exportTEI)))
	mux.Handle("GET /collections", s.handle(s.handleCollectionIndex))
	mux.Handle("GET /collections/{id}", s.handle(s.handleCollection))
	mux.Handle("GET /people", s.handle(s.handleAgentIndex))
	mux.Handle("GET /people/{id}", s.handle(s.handleAgent))
	mux.Handle("GET /places", s.handle(s.handlePlaceIndex))
	mux.Handle("GET /places/{id}", s.handle(s.handlePlace))
	mux.Handle("GET /subjects", s.handle(s.handleSubjectIndex))
	mux.Handle("GET /subjects/{id}", s.handle(s.handleSubject))
	mux.Handle("GET /repositories", s.handle(s.handleRepositoryIndex))
	mux.Handle("GET /repositories/{id}", s.handle(s.handleRepository))
	mux.Handle("GET /dates", s.handle(s.handleDateIndex))
	mux.Handle("GET /dates/{period}", s.handle(s.handleDatePeriod))
	mux.Handle("GET /downloads", s.handle(s.handleDownloads))
	mux.Handle("GET /downloads/{name}", s.handle(s.handleDownload))
	mux.HandleFunc("GET /static/{file}", s.handleStatic)
	mux.HandleFunc("GET /favicon.ico", s.handleFavicon)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("/", s.handleNotFound)
	return mux
}

// handlerFunc is a page handler; a returned error becomes the error page.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc, sending its error to the one error exit.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

// Open starts listening on Addr and serves in the background.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("http: listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("http server stopped", "error", err)
		}
	}()
	return nil
}

// URL returns the address the server listens on, as an http URL.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close stops accepting requests and waits for those in flight to finish,
// until ctx ends.
func (s *Server) Close(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.Catalogue.LastChange(r.Context()); err != nil {
		s.Logger.Error("health check failed", "error", err)
		web.SetRetryAfter(w, http.StatusServiceUnavailable)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	if r, ok := s.Search.(interface{ Ready() bool }); ok && !r.Ready() {
		web.SetRetryAfter(w, http.StatusServiceUnavailable)
		http.Error(w, "starting: the search index is being built", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}
