package http

import (
	"bytes"
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
// with their details and shows users only a safe message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	if n := recto.GoneNotice(err); n != nil {
		s.renderGone(w, r, n)
		return
	}
	code := recto.ErrorCode(err)
	status := web.Status(code)
	p := errorPage{Status: status, Message: recto.ErrorMessage(err)}
	switch status {
	case http.StatusNotFound:
		p.Heading = "Page not found"
	case http.StatusBadRequest:
		p.Heading = "Bad request"
	case http.StatusServiceUnavailable:
		p.Heading = "Not ready yet"
		w.Header().Set("Retry-After", "30")
	default:
		p.Heading = "Something went wrong"
		p.Message = "The archive could not show this page. The problem has been logged; please try again later."
		s.Logger.Error("request failed", slog.String("uri", r.RequestURI), slog.Any("error", err))
	}
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

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, recto.Errorf(recto.ENOTFOUND, "There is no page at %s.", r.URL.Path))
}
