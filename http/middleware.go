package http

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// middleware wraps the routes in what every response needs, outermost first:
// the access log, panic recovery, security headers, the host check, the
// per-client rate limit, compression and the request deadline.
func (s *Server) middleware(h http.Handler) http.Handler {
	h = withTimeout(h)
	h = withGzip(h)
	h = s.withRateLimit(h)
	h = s.withHosts(h)
	h = withSecurityHeaders(h)
	h = s.withRecovery(h)
	return s.withLogging(h)
}

// statusWriter remembers the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withLogging writes one log line per request: server errors at Error, client
// errors at Warn, the rest at Info. A request whose client went away before
// it was answered is logged at Info with client_gone=true whatever it was
// answered: its 503 says nothing about the server (this middleware is the
// outermost, so only the connection's end cancels r's context here).
func (s *Server) withLogging(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		gone := r.Context().Err() != nil
		level := slog.LevelInfo
		switch {
		case gone:
		case sw.status >= 500:
			level = slog.LevelError
		case sw.status >= 400:
			level = slog.LevelWarn
		}
		attrs := []slog.Attr{slog.String("client_ip", s.clientIP(r)),
			slog.Group("request", slog.String("method", r.Method), slog.String("uri", r.RequestURI),
				slog.String("user_agent", r.UserAgent())),
			slog.Group("response", slog.Int("status", sw.status), slog.Int("bytes", sw.bytes),
				slog.Duration("duration", time.Since(start)))}
		if gone {
			attrs = append(attrs, slog.Bool("client_gone", true))
		}
		s.Logger.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// clientIP is the client's address for the log: the one X-Forwarded-For
// gives when the connection is from a trusted proxy, RemoteAddr as it is
// when that is no address.
func (s *Server) clientIP(r *http.Request) string {
	if a := s.TrustedProxies.ClientAddr(r); a.IsValid() {
		return a.String()
	}
	return r.RemoteAddr
}

// withHosts answers 421 Misdirected Request, with a message naming the
// settings that would serve it, to a request for a host the site does not
// answer: without a BaseURL, links are made from each request's Host, so
// only loopback names and AllowedHosts are answered (web.Hosts); with
// one, every host is, since none reaches a link. /healthz answers
// whatever the host, for load balancers that probe by address.
func (s *Server) withHosts(h http.Handler) http.Handler {
	if s.BaseURL != "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || s.AllowedHosts.Allows(r.Host) {
			h.ServeHTTP(w, r)
			return
		}
		host := r.Host
		if len(host) > 100 {
			host = host[:100] + "…"
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, fmt.Sprintf("This archive does not answer for the host %q. Without --base-url it answers "+
			"only localhost and the names given with --allowed-hosts, because its links are made from the host "+
			"each request names. Start recto serve with --base-url set to its public address "+
			"(RECTO_BASE_URL, e.g. https://archive.example.org), or add this name to --allowed-hosts "+
			"(RECTO_ALLOWED_HOSTS).", host), http.StatusMisdirectedRequest)
	})
}

// limitedPath reports whether the per-client rate limit applies to a
// path: search and the machine interfaces, whose requests cost the most
// and are the ones scripts repeat. Pages, static files, feeds other than
// search, sitemaps and /healthz are never limited.
func limitedPath(path string) bool {
	return path == "/search" || path == "/search.atom" || path == "/oai" ||
		strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/srv/")
}

// withRateLimit answers 429 Too Many Requests, with Retry-After, to a
// client past its allowance (Server.RateLimit) on a limited path.
func (s *Server) withRateLimit(h http.Handler) http.Handler {
	if s.RateLimit == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !limitedPath(r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		if ok, wait := s.RateLimit.Allow(s.TrustedProxies.ClientAddr(r)); !ok {
			seconds := int(wait / time.Second)
			w.Header().Set("Retry-After", strconv.Itoa(seconds))
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, fmt.Sprintf("Too many requests from your address to search and the archive's APIs. "+
				"Please wait %d s before the next one.", seconds), http.StatusTooManyRequests)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// withRecovery turns a panic in a handler into a logged 500 page, so one bad
// request never takes the server down.
func (s *Server) withRecovery(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic", "error", fmt.Sprint(v), "uri", r.RequestURI, "stack", string(debug.Stack()))
				s.renderError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func withSecurityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// withTimeout gives every request a deadline that the store's queries obey.
func withTimeout(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

// gzipWriter compresses a response once its headers show it is text worth
// compressing; it decides at the first WriteHeader or Write.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (w *gzipWriter) WriteHeader(status int) {
	if !w.decided {
		w.decided = true
		h := w.Header()
		if compressible(h.Get("Content-Type")) && h.Get("Content-Encoding") == "" &&
			status != http.StatusNoContent && status != http.StatusNotModified {
			h.Set("Content-Encoding", "gzip")
			h.Del("Content-Length")
			w.gz = gzipWriters.Get().(*gzip.Writer)
			w.gz.Reset(w.ResponseWriter)
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	if !w.decided {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	if w.gz != nil {
		return w.gz.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

func (w *gzipWriter) close() {
	if w.gz != nil {
		w.gz.Close()
		gzipWriters.Put(w.gz)
	}
}

func (w *gzipWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func compressible(contentType string) bool {
	for _, prefix := range []string{"text/", "application/json", "application/xml", "application/atom+xml",
		"application/vnd.citationstyles.csl+json", "application/tei+xml", "application/x-research-info-systems",
		"application/x-bibtex", "image/svg+xml"} {
		if strings.HasPrefix(contentType, prefix) {
			return true
		}
	}
	return false
}

func withGzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip
// (and does not refuse it with q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
