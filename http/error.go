package http

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

// errorPage is the data of the error template.
type errorPage struct {
	page
	Status  int
	Heading string
	Message string
}

// renderError is the one exit for failed requests: it logs internal errors
// with their details and shows users only a safe message (web.Failure).
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	if n := recto.GoneNotice(err); n != nil {
		s.renderGone(w, r, n)
		return
	}
	status, msg, internal := web.Failure(r, err)
	p := errorPage{Status: status, Message: msg}
	switch {
	case internal:
		p.Heading = "Something went wrong"
		p.Message = "The archive could not show this page. The problem has been logged; please try again later."
		s.Logger.Error("request failed", slog.String("uri", r.RequestURI), slog.Any("error", err))
	case status == http.StatusNotFound:
		p.Heading = "Page not found"
	case status == http.StatusBadRequest:
		p.Heading = "Bad request"
	case status == http.StatusServiceUnavailable && msg == web.Busy:
		p.Heading = "The archive is busy"
	case status == http.StatusServiceUnavailable:
		p.Heading = "Not ready yet"
	default:
		p.Heading = http.StatusText(status)
	}
	web.SetRetryAfter(w, status)
	p.page = s.newPage(r, p.Heading, "", r.URL.Path)
	var buf bytes.Buffer
	if err := s.views.pages["error"].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.Logger.Error("error page failed", slog.Any("error", err))
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// handleNotFound answers what no route takes: a page's path asked with a
// method other than GET or HEAD is 405 with Allow, since the page exists;
// any other path is 404, whatever the method.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead && s.routesGET(r) {
		w.Header().Set("Allow", "GET, HEAD")
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, fmt.Sprintf("%s is not allowed here: %s answers only GET and HEAD.", r.Method, r.URL.Path),
			http.StatusMethodNotAllowed)
		return
	}
	// Where no route answers, a path a document had on a former site
	// (/node/4521, or any recorded) redirects to its page.
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		d, err := s.Catalogue.FindDocumentByFormerPath(r.Context(), r.URL.EscapedPath())
		if err = s.redirectTo(w, r, d, err); err != nil {
			s.renderError(w, r, err)
		}
		return
	}
	s.renderError(w, r, recto.Errorf(recto.ENOTFOUND, "There is no page at %s.", r.URL.Path))
}

// routesGET reports whether a GET of r's path reaches a route other than
// the catch-all one. The routes are all GET (HEAD included) or take every
// method themselves, so ServeMux would otherwise send the other methods of
// a page to the catch-all, which answers 404.
func (s *Server) routesGET(r *http.Request) bool {
	get := &http.Request{Method: http.MethodGet, URL: r.URL, Host: r.Host, Header: http.Header{}}
	_, pattern := s.mux.Handler(get)
	return pattern != "" && pattern != "/"
}
