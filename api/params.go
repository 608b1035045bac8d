package api

import (
	"encoding/base64"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/web"
)

// Page sizes of lists and of search.
const (
	defaultLimit       = 50
	maxLimit           = 500
	defaultSearchLimit = 20
	maxSearchLimit     = 100
	// maxSearchOffset bounds how deep search pages go: the engine ranks
	// offset+limit results to serve a page.
	maxSearchOffset = 10_000
)

// checkQuery refuses a query string that does not parse, a parameter the
// route does not take and values that are not text (web.CheckParam).
func checkQuery(r *http.Request, accepted map[string]bool) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return badParam("query", "The query string is malformed: %s.", err)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range names {
		if !accepted[k] {
			shown := k
			if !utf8.ValidString(shown) || len(shown) > 100 {
				shown = "(unreadable)"
			}
			takes := "no parameters"
			if len(accepted) > 0 {
				takes = "only " + strings.Join(slices.Sorted(func(yield func(string) bool) {
					for p := range accepted {
						if !yield(p) {
							return
						}
					}
				}), ", ")
			}
			return badParam(shown, "Unknown parameter %q: this endpoint takes %s.", shown, takes)
		}
		for _, v := range q[k] {
			if err := web.CheckParam(k, v); err != nil {
				return badParam(k, "%s", recto.ErrorMessage(err))
			}
		}
	}
	return nil
}

// params reads a query string that checkQuery accepted.
type params url.Values

func queryOf(r *http.Request) params {
	q, _ := url.ParseQuery(r.URL.RawQuery)
	return params(q)
}

// single returns the one value of a parameter, "" when absent; a parameter
// given twice is refused, since it would be unclear which counts.
func (p params) single(name string) (string, error) {
	switch vs := p[name]; len(vs) {
	case 0:
		return "", nil
	case 1:
		return vs[0], nil
	default:
		return "", badParam(name, "The parameter %s is given %d times; give it once.", name, len(vs))
	}
}

// number reads a whole number between lo and hi, def when absent.
func (p params) number(name string, def, lo, hi int) (int, error) {
	v, err := p.single(name)
	if err != nil || v == "" {
		return def, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || !isDigits(v) || n < lo || n > hi {
		return 0, badParam(name, "The %s must be a whole number from %d to %d, not %q.", name, lo, hi, v)
	}
	return n, nil
}

// limit reads the page size of a list.
func (p params) limit() (int, error) { return p.number("limit", defaultLimit, 1, maxLimit) }

// id reads a Record ID filter: a positive whole number, 0 when absent.
func (p params) id(name string) (int64, error) {
	v, err := p.single(name)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || !isDigits(v) || n <= 0 {
		return 0, badParam(name, "The %s filter takes a Record ID (a positive whole number), not %q.", name, v)
	}
	return n, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// pathID reads the {id} of a path: anything but a positive whole number
// names nothing, as on the site.
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || !isDigits(s) || id <= 0 {
		return 0, notFound("There is nothing at %s: IDs are positive whole numbers.", r.URL.Path)
	}
	return id, nil
}

// dateRange reads a date filter as the site's query language writes one
// (date:1944..1949): a year, month or day, or a range of them joined by
// "..", either side open; or any EDTF date or interval. It keeps documents
// whose date overlaps it.
func (p params) dateRange(name string) (*recto.DayRange, error) {
	v, err := p.single(name)
	if err != nil || v == "" {
		return nil, err
	}
	s := strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, v)
	if from, to, ok := strings.Cut(s, ".."); ok && !strings.Contains(s, "/") {
		s = openSide(from) + "/" + openSide(to)
	}
	d, err := edtf.Parse(s)
	if err != nil || d.IsZero() {
		return nil, badParam(name, "The %s filter %q is not a date: dates look like 1945, 1945-04, 1945-04-22 or 1944..1949.", name, v)
	}
	r := &recto.DayRange{From: edtf.Day(math.MinInt64), To: edtf.Day(math.MaxInt64)}
	if day, ok := d.Earliest(); ok {
		r.From = day
	}
	if day, ok := d.Latest(); ok {
		r.To = day
	}
	return r, nil
}

func openSide(s string) string {
	if s == "" {
		return ".."
	}
	return s
}

// changeTime reads a bound on the time of last change: an RFC 3339 time, or
// a day (YYYY-MM-DD), which as an upper bound means its end.
func (p params) changeTime(name string, end bool) (time.Time, error) {
	v, err := p.single(name)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if end {
			t = t.Add(24*time.Hour - time.Microsecond)
		}
		return t, nil
	}
	return time.Time{}, badParam(name, "The %s parameter takes a time (2024-05-01T12:00:00Z) or a day (2024-05-01), not %q.", name, v)
}

// Cursors are opaque to clients: a kind, to refuse one list's cursor in
// another, and the place to resume, base64url-encoded.

// docCursor encodes a place in the documents list's order.
func docCursor(c recto.ChangeCursor) string {
	return encodeCursor("documents", c.UpdatedAt.UTC().Format(time.RFC3339Nano), strconv.FormatInt(c.ID, 10))
}

func parseDocCursor(s string) (*recto.ChangeCursor, error) {
	parts, ok := decodeCursor(s, "documents", 2)
	if !ok {
		return nil, badCursor(s)
	}
	t, err := time.Parse(time.RFC3339Nano, parts[0])
	id, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || err2 != nil || id <= 0 {
		return nil, badCursor(s)
	}
	return &recto.ChangeCursor{UpdatedAt: t, ID: id}, nil
}

// listCursor is a place in an authority list: the position after the last
// record served and that record's ID.
type listCursor struct {
	offset int
	lastID int64
}

func (c listCursor) encode(kind string) string {
	return encodeCursor(kind, strconv.Itoa(c.offset), strconv.FormatInt(c.lastID, 10))
}

func parseListCursor(s, kind string) (listCursor, error) {
	parts, ok := decodeCursor(s, kind, 2)
	if !ok {
		return listCursor{}, badCursor(s)
	}
	off, err := strconv.Atoi(parts[0])
	id, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || err2 != nil || off <= 0 || id <= 0 {
		return listCursor{}, badCursor(s)
	}
	return listCursor{offset: off, lastID: id}, nil
}

func encodeCursor(kind string, parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + "|" + strings.Join(parts, "|")))
}

func decodeCursor(s, kind string, n int) ([]string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != n+1 || parts[0] != kind {
		return nil, false
	}
	return parts[1:], true
}

func badCursor(s string) error {
	if !utf8.ValidString(s) || len(s) > 100 {
		s = s[:min(len(s), 100)]
		s = strings.ToValidUTF8(s, "?")
	}
	return badParam("cursor", "The cursor %q is not one this list gave: start again without a cursor, and follow next.", s)
}

// cursorParam reads the cursor parameter.
func (p params) cursor() (string, error) { return p.single("cursor") }

// link builds an absolute API URL with query parameters in the order given,
// empty values left out.
func link(base, path string, kv ...string) string {
	var b strings.Builder
	b.WriteString(base)
	b.WriteString(Prefix)
	b.WriteString(path)
	sep := "?"
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		b.WriteString(sep)
		b.WriteString(url.QueryEscape(kv[i]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(kv[i+1]))
		sep = "&"
	}
	return b.String()
}
