package wilson

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

func TestISO6392BCodes(t *testing.T) {
	tests := map[string]string{
		"ru": "rus", "zh": "chi", "zh-Hant": "chi", "zh-Hans": "chi", "de": "ger", "en": "eng", "ug": "uig",
		"ug-Arab": "uig", "kk": "kaz", "fr": "fre", "it": "ita", "la": "lat", "cs": "cze", "el": "gre",
		"fa": "per", "hy": "arm", "ka": "geo", "mn": "mon", "my": "bur", "nl": "dut", "ro": "rum",
		"sk": "slo", "sq": "alb", "bo": "tib", "cy": "wel", "eu": "baq", "is": "ice", "mk": "mac", "ms": "may",
		"RU": "rus", "yue": "chi", "cmn": "chi", "chg": "chg", "ota": "ota", "deu": "ger", "fra": "fre",
		"zho": "chi", "uzb": "uzb", "xx": "und", "x-private": "und", "": "und",
	}
	for tag, want := range tests {
		if got := iso6392(tag); got != want {
			t.Errorf("iso6392(%q) = %q, want %q", tag, got, want)
		}
	}
	// Every language Recto names has a code.
	for _, tag := range []string{"af", "am", "ar", "az", "be", "bg", "bn", "bo", "bs", "ca", "cs", "cy", "da", "de", "el",
		"en", "eo", "es", "et", "eu", "fa", "fi", "fr", "ga", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka",
		"kk", "km", "ko", "ku", "ky", "la", "lo", "lt", "lv", "mk", "mn", "ms", "my", "ne", "nl", "no", "pl", "ps", "pt",
		"ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "tg", "th", "tk", "tl", "tr", "tt", "ug", "uk", "ur", "uz",
		"vi", "yi", "zh", "chg", "ota", "yue", "cmn"} {
		if recto.LanguageName(tag) == tag {
			t.Errorf("recto.LanguageName does not name %q: update this list", tag)
		}
		if iso6392(tag) == undetermined {
			t.Errorf("no ISO 639-2/B code for %q", tag)
		}
	}
	if got := languagesOf([]string{"zh-Hant", "cmn", "ru"}); !slices.Equal(got, []named{{"chi", "Chinese"}, {"rus", "Russian"}}) {
		t.Errorf("languagesOf: %v", got)
	}
	keys := map[string][]string{"chi": {"zh", "cmn", "yue"}, "zho": {"zh", "cmn", "yue"}, "ger": {"de"}, "deu": {"de"},
		"rus": {"ru"}, "RUS": {"ru"}, "ru": {"ru"}, "uig": {"ug"}, "chg": {"chg"}, "xyz": {"xyz"}, "xx": {"xx"}}
	for code, want := range keys {
		if got, ok := languageKeys(code); !ok || !slices.Equal(got, want) {
			t.Errorf("languageKeys(%q) = %v, %v; want %v", code, got, ok, want)
		}
	}
	for _, bad := range []string{"", "r", "russ", "r1", "ру", "e n"} {
		if got, ok := languageKeys(bad); ok {
			t.Errorf("languageKeys(%q) = %v, want refused", bad, got)
		}
	}
}

func TestDateFormats(t *testing.T) {
	tests := []struct {
		edtf, docDate, frontend, rangeStart string
	}{
		{"1945-04-22", "19450422", "April 22, 1945", "19450422"},
		{"1934-06", "19340601", "June 1934", "19340601"},
		{"1936", "19360101", "1936", "19360101"},
		{"1950~", "19500101", "c. 1950", "19500101"},
		{"1944?", "19440101", "1944?", "19440101"},
		{"194X", "19400101", "1940s", "19400101"},
		{"1945-04/1945-06", "19450401", "April–June 1945", "19450401"},
		{"1944-11-XX", "19441101", "November 1944", "19441101"},
		{"../1945", "19451231", "until 1945", ""},
		{"1945/..", "19450101", "1945 onwards", "19450101"},
		{"-0044-03-15", "-00440315", "March 15, 45 BC", "-00440315"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		d := edtf.MustParse(tt.edtf)
		docDate, frontend, start := docDates(d)
		got := ""
		if start != nil {
			got = *start
		}
		if docDate != tt.docDate || got != tt.rangeStart {
			t.Errorf("%q: doc_date %q, date_range_start %q; want %q, %q", tt.edtf, docDate, got, tt.docDate, tt.rangeStart)
		}
		if frontend != d.Display() || (tt.frontend != "" && !strings.HasPrefix(frontend, strings.Split(tt.frontend, " ")[0])) {
			t.Errorf("%q: frontend_doc_date %q, want the display form %q", tt.edtf, frontend, d.Display())
		}
	}
	if got := *stamp(time.Date(2017, 11, 17, 12, 18, 10, 999, time.FixedZone("EST", -5*3600))); got != "2017-11-17 17:18:10" {
		t.Errorf("stamp = %q, want UTC as YYYY-MM-DD HH:MM:SS", got)
	}
	if stamp(time.Time{}) != nil {
		t.Errorf("the zero time is not null")
	}
}

func TestDateRange(t *testing.T) {
	for _, tt := range []struct {
		sampled    bool
		begin, end string
	}{
		{false, "19450401", "19450531"}, // the enclosure (April 1945) to the related telegram (c. May 1945)
		{true, "19170422", "19571021"},  // the sample's first and last published documents
	} {
		a := newArchive(t, tt.sampled)
		var got map[string]any
		a.getJSON(t, "/srv/record/date_range.json", &got)
		if got["begin"] != tt.begin || got["end"] != tt.end || len(got) != 2 {
			t.Errorf("sample %v: date_range.json = %v, want begin %s, end %s", tt.sampled, got, tt.begin, tt.end)
		}
	}
}

func TestHTTPBehaviour(t *testing.T) {
	a := newReference(t)
	letter := fmt.Sprintf("/srv/record/%d.json", a.ref.Document.ID)
	do := func(method, path string, h http.Handler) *httptest.ResponseRecorder {
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, httptest.NewRequest(method, path, nil))
		return rr
	}
	for _, path := range []string{letter, "/srv/record.json", "/srv/record/999.json", "/srv/record.json?page=0", "/srv/x"} {
		if rr := do(http.MethodGet, path, a.h); rr.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s (%d): no Access-Control-Allow-Origin: *", path, rr.Code)
		}
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		rr := do(m, letter, a.h)
		if rr.Code != http.StatusMethodNotAllowed || !strings.Contains(rr.Body.String(), `"status":405`) ||
			rr.Header().Get("Allow") == "" || rr.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: %d %v %s", m, rr.Code, rr.Header(), rr.Body)
		}
	}
	if rr := do(http.MethodOptions, "/srv/record.json", a.h); rr.Code != http.StatusNoContent ||
		!strings.Contains(rr.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("OPTIONS: %d %v", rr.Code, rr.Header())
	}
	if rr := do(http.MethodHead, letter, a.h); rr.Code != http.StatusOK || rr.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("HEAD: %d %v", rr.Code, rr.Header())
	}
	rr := do(http.MethodGet, letter, a.h)
	if want := fmt.Sprintf(`<https://archive.example.org/documents/%d>; rel="alternate"; type="text/html"`, a.ref.Document.ID); rr.Header().Get("Link") != want {
		t.Errorf("Link = %q, want %q", rr.Header().Get("Link"), want)
	}
	if strings.Contains(rr.Body.String(), `\u003c`) {
		t.Errorf("HTML in values is escaped")
	}
	// Without a BaseURL the link is the request's host.
	h := New(recto.NewCatalogue(a.db, recto.PublicAudience), nil, Options{})
	req := httptest.NewRequest(http.MethodGet, "http://recto.test"+letter, nil)
	rr = httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	if want := fmt.Sprintf("<http://recto.test/documents/%d>", a.ref.Document.ID); !strings.HasPrefix(rr.Header().Get("Link"), want) {
		t.Errorf("Link = %q, want %s…", rr.Header().Get("Link"), want)
	}
}

// failingSearch is a search service that answers with err.
type failingSearch struct{ err error }

func (f failingSearch) Search(context.Context, recto.SearchRequest) (*recto.SearchResult, error) {
	return nil, f.err
}

// TestSearchErrors: a search index still building answers 503 with
// Retry-After; any other failure 500 without its details.
func TestSearchErrors(t *testing.T) {
	a := newReference(t)
	for _, tt := range []struct {
		err     error
		status  int
		message string
	}{
		{recto.Errorf(recto.EUNAVAILABLE, "Search is starting."), http.StatusServiceUnavailable, "Search is starting."},
		{errors.New("disk on fire"), http.StatusInternalServerError, "Internal error."},
		{recto.Errorf(recto.EINVALID, "Unknown facet."), http.StatusInternalServerError, "Internal error."},
	} {
		h := New(recto.NewCatalogue(a.db, recto.PublicAudience), failingSearch{tt.err}, Options{Logger: slog.New(slog.DiscardHandler)})
		for _, path := range []string{"/srv/record.json", fmt.Sprintf("/srv/contributor/%d.json", a.ref.Author.ID), "/srv/contributor.json"} {
			rr := httptest.NewRecorder()
			h.ServeHTTP(rr, httptest.NewRequest(http.MethodGet, path, nil))
			if rr.Code != tt.status || !strings.Contains(rr.Body.String(), tt.message) || strings.Contains(rr.Body.String(), "fire") {
				t.Errorf("%v: GET %s: %d %s", tt.err, path, rr.Code, rr.Body)
			}
			if tt.status == http.StatusServiceUnavailable && rr.Header().Get("Retry-After") == "" {
				t.Errorf("GET %s: 503 without Retry-After", path)
			}
		}
		// Records and the other authorities do not need the search engine.
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, httptest.NewRequest(http.MethodGet, fmt.Sprintf("/srv/record/%d.json", a.ref.Document.ID), nil))
		if rr.Code != http.StatusOK {
			t.Errorf("%v: a record answers %d", tt.err, rr.Code)
		}
	}
}
