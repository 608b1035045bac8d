package web_test

import (
	"crypto/tls"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

func TestBaseURL(t *testing.T) {
	r := httptest.NewRequest("GET", "http://archive.example.org:8080/x", nil)
	if got := web.BaseURL(r, ""); got != "http://archive.example.org:8080" {
		t.Errorf("from the request: %q", got)
	}
	r.TLS = &tls.ConnectionState{}
	if got := web.BaseURL(r, ""); got != "https://archive.example.org:8080" {
		t.Errorf("over TLS: %q", got)
	}
	if got := web.BaseURL(r, "https://recto.example"); got != "https://recto.example" {
		t.Errorf("configured: %q", got)
	}
}

func TestWriteValidators(t *testing.T) {
	body := []byte("<feed/>")
	modified := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	first := httptest.NewRecorder()
	if web.WriteValidators(first, httptest.NewRequest("GET", "/", nil), body, modified, "no-cache") {
		t.Fatal("a request without validators was answered 304")
	}
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Last-Modified") != "Wed, 25 Nov 2026 10:00:00 GMT" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("headers %v", first.Header())
	}
	for _, c := range []struct {
		header, value string
		want          bool
	}{
		{"If-None-Match", etag, true},
		{"If-None-Match", `"other", ` + etag[2:], true}, // weak comparison
		{"If-None-Match", `"other"`, false},
		{"If-None-Match", "*", true},
		{"If-Modified-Since", "Wed, 25 Nov 2026 10:00:00 GMT", true},
		{"If-Modified-Since", "Wed, 25 Nov 2026 09:59:59 GMT", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(c.header, c.value)
		w := httptest.NewRecorder()
		if got := web.WriteValidators(w, r, body, modified, "no-cache"); got != c.want || got && w.Code != http.StatusNotModified {
			t.Errorf("%s: %s: 304 = %v (status %d), want %v", c.header, c.value, got, w.Code, c.want)
		}
	}
	// Without a modification time only the entity tag counts.
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("If-Modified-Since", "Wed, 25 Nov 2026 10:00:00 GMT")
	w := httptest.NewRecorder()
	if web.WriteValidators(w, r, body, time.Time{}, "no-cache") || w.Header().Get("Last-Modified") != "" {
		t.Errorf("zero time: 304 or Last-Modified %q", w.Header().Get("Last-Modified"))
	}
}

func TestPlainError(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	for _, c := range []struct {
		err   error
		code  int
		retry bool
		body  string
	}{
		{recto.Errorf(recto.ENOTFOUND, "No such feed."), http.StatusNotFound, false, "No such feed."},
		{recto.Errorf(recto.EINVALID, "Bad sort."), http.StatusBadRequest, false, "Bad sort."},
		{recto.Errorf(recto.EUNAVAILABLE, "Not yet."), http.StatusServiceUnavailable, true, "Not yet."},
		{recto.Errorf(recto.EGONE, "Document 7 has been withdrawn."), http.StatusGone, false, "Document 7 has been withdrawn."},
		{errors.New("disk on fire"), http.StatusInternalServerError, false, "The feed could not be made. The problem has been logged"},
	} {
		w := httptest.NewRecorder()
		w.Header().Set("ETag", `W/"x"`)
		web.PlainError(w, httptest.NewRequest("GET", "/feed.atom", nil), c.err, logger, "The feed could not be made.")
		if w.Code != c.code || (w.Header().Get("Retry-After") != "") != c.retry || w.Header().Get("ETag") != "" ||
			!strings.Contains(w.Body.String(), c.body) || strings.Contains(w.Body.String(), "fire") {
			t.Errorf("%v: %d %v %q", c.err, w.Code, w.Header(), w.Body)
		}
	}
}
