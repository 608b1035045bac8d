// Package web holds what the site and the protocols it serves (the JSON
// APIs, OAI-PMH, feeds, sitemaps) answer HTTP requests with alike: the
// public base URL and the hosts answered without one (Hosts), the
// client's address behind trusted proxies (Proxies), the per-client rate
// limit (Limiter), the check of query parameters (Query), validators for
// conditional requests, and how failures are answered (Failure).
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
// the URL the request came to: its scheme and Host. The site answers only
// the hosts Hosts allows then, so that no client chooses its links.
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

// Busy is the message of a request that ran out of time.
const Busy = "The archive is busy. Please try again in a minute."

// Failure says how a failed request is answered: with the status of
// err's code and its message; a request that ran out of time (or whose
// client left) with 503 and Busy, the archive being too busy to answer in
// time; anything else with 500 and internal set, for the caller to log err
// and show a message of its own. Every 503 carries Retry-After
// (SetRetryAfter).
func Failure(r *http.Request, err error) (status int, message string, internal bool) {
	status, message = Status(recto.ErrorCode(err)), recto.ErrorMessage(err)
	if status != http.StatusInternalServerError {
		return status, message, false
	}
	if r.Context().Err() != nil {
		return http.StatusServiceUnavailable, Busy, false
	}
	return status, "", true
}

// SetRetryAfter tells the client of a 503 when to ask again.
func SetRetryAfter(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "30")
	}
}

// PlainError answers err as plain text, for machine-read resources such as
// feeds and sitemaps, as Failure says; an internal error's details go only
// to logger, and failure ("The feed could not be made.") is its message.
func PlainError(w http.ResponseWriter, r *http.Request, err error, logger *slog.Logger, failure string) {
	status, msg, internal := Failure(r, err)
	if internal {
		msg = failure + " The problem has been logged; please try again later."
		logger.Error(failure, slog.String("uri", r.RequestURI), slog.Any("error", err))
	}
	SetRetryAfter(w, status)
	h := w.Header()
	h.Del("ETag")
	h.Del("Last-Modified")
	h.Set("Cache-Control", "no-store")
	http.Error(w, msg, status)
}
