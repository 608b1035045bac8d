package wilson

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestParamsNotText: a parameter that is not text (bytes that are not
// UTF-8, NUL, other control characters) or is too long is refused with a
// 400 naming it, on every endpoint, rather than dropped, which widened a
// term search to every record.
func TestParamsNotText(t *testing.T) {
	a := newReference(t)
	for _, c := range []struct{ target, param string }{
		{"/srv/contributor.json?term=%ff%00", "term"},
		{"/srv/contributor.json?term=%00", "term"},
		{"/srv/contributor.json?term=Mao%01", "term"},
		{"/srv/subject.json?term=%c3", "term"},
		{"/srv/coverage.json?term=%7f", "term"},
		{"/srv/repository.json?term=" + strings.Repeat("a", 2001), "term"},
		{"/srv/collection.json?term=%ff", "term"},
		{"/srv/record.json?q=%ff", "q"},
		{"/srv/record.json?q=kulja&language=%00", "language"},
		{"/srv/record/1.json?x=%ff", "x"},
	} {
		code, body := a.get(t, c.target)
		var e apiError
		if code != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Error.Code != "invalid" ||
			!strings.Contains(e.Error.Message, "of "+c.param+" ") {
			t.Errorf("%.60s: %d %s, want a 400 JSON error naming %s", c.target, code, body, c.param)
		}
	}
	// Text is still searched: tabs and new lines are spaces.
	var r struct{ List []any }
	a.getJSON(t, "/srv/contributor.json?term=%09", &r)
	if code, body := a.get(t, "/srv/contributor.json?term=%25%zz"); code != http.StatusBadRequest {
		t.Errorf("malformed query: %d %s", code, body)
	}
}

// wilsonStatuses are the statuses docs/api.md gives the /srv/ endpoints.
// and the redirect to a clean path ("/srv//record.json") that ServeMux
// makes.
var wilsonStatuses = []int{http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusGone,
	http.StatusServiceUnavailable, http.StatusMovedPermanently, http.StatusTemporaryRedirect}

// FuzzRequests sends any path and query under /srv/ to an archive: the API
// never panics, answers only its documented statuses, always in JSON, and
// within the request's deadline.
func FuzzRequests(f *testing.F) {
	a := newReference(f)
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.Parse(target)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.ContainsAny(target, " \t\r\n#") {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "http://archive.example.org/srv/"+strings.TrimPrefix(u.RequestURI(), "/"), nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		a.h.ServeHTTP(rec, req)
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("%q took %v, past its 2 s deadline", target, took)
		}
		if !slices.Contains(wilsonStatuses, rec.Code) {
			t.Fatalf("%q: status %d: %s", target, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%q: not JSON: %s", target, rec.Body)
		}
	})
}
