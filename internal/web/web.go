// Package web holds what the site and the protocols it serves (the JSON
// APIs, OAI-PMH, feeds, sitemaps) answer HTTP requests with alike: the
// public base URL, and validators for conditional requests.
package web

import (
	"hash/fnv"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
)

// BaseURL returns configured, the archive's public URL, or when it is empty
// the URL the request came to: its scheme and Host.
func BaseURL(r *http.Request, configured string) string {
	if configured != "" {
		return configured
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// ETag returns a weak entity tag of body.
func ETag(body []byte) string {
	h := fnv.New64a()
	h.Write(body)
	return `W/"` + strconv.FormatUint(h.Sum64(), 36) + `"`
}

// WriteValidators sets ETag (of body), Last-Modified (unless modified is
// zero) and Cache-Control, and answers 304 Not Modified when the client's
// copy is current; it reports whether it did, in which case the caller
// writes nothing more.
func WriteValidators(w http.ResponseWriter, r *http.Request, body []byte, modified time.Time, cacheControl string) bool {
	etag := ETag(body)
	h := w.Header()
	h.Set("ETag", etag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	h.Set("Cache-Control", cacheControl)
	if NotModified(r, etag, modified) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// NotModified applies RFC 9110: If-None-Match decides when present (weak
// comparison), otherwise If-Modified-Since, when modified is known.
func NotModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for tag := range strings.SplitSeq(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	if modified.IsZero() {
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !modified.After(ims)
	}
	return false
}

// Status is the HTTP status of an application error code: EINVALID 400,
// ENOTFOUND 404, EGONE 410, EUNAVAILABLE 503, anything else 500.
func Status(code string) int {
	switch code {
	case recto.ENOTFOUND:
		return http.StatusNotFound
	case recto.EINVALID:
		return http.StatusBadRequest
	case recto.EGONE:
		return http.StatusGone
	case recto.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// PlainError answers err as plain text, for machine-read resources such as
// feeds and sitemaps: an application error with the status of its code and
// its message; a request out of time, or EUNAVAILABLE, with 503 and
// Retry-After; anything else as a 500 whose details go only to logger, with
// failure ("The feed could not be made.") as the message.
func PlainError(w http.ResponseWriter, r *http.Request, err error, logger *slog.Logger, failure string) {
	status, msg := Status(recto.ErrorCode(err)), recto.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		msg = failure + " The problem has been logged; please try again later."
		if r.Context().Err() != nil {
			// The request ran out of time: the archive is busy.
			status, msg = http.StatusServiceUnavailable, "The archive is busy. Please try again in a minute."
		} else {
			logger.Error(failure, slog.String("uri", r.RequestURI), slog.Any("error", err))
		}
	}
	h := w.Header()
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "30")
	}
	h.Del("ETag")
	h.Del("Last-Modified")
	h.Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}
