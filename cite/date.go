package cite

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/recto-archive/recto/edtf"
)

// The edtf package keeps its parts to itself; the formats here need them
// (CSL date-parts, RIS year/month/day slots), so they read them back from the
// canonical EDTF string, which edtf guarantees to be unique for a value.

// datePoint is one date of an EDTF value: the value itself, or one end of an
// interval.
type datePoint struct {
	open, unknown bool   // ".." and an empty interval end
	year          int64  // astronomical year
	long          bool   // a Y-prefixed year of more than four digits
	yearX         bool   // the year has unspecified digits (194X)
	month         int    // 1–12; 21–24 for a season; 0 when not given or XX
	day           int    // 0 when not given or XX
	qual          byte   // 0, '?', '~' or '%'
	edtf          string // this point as EDTF
}

// exact reports whether p is a plain calendar year, month or day: no
// qualifier, no unspecified year digits, no season, a year from 1 to 9999.
func (p datePoint) exact() bool {
	return !p.open && !p.unknown && p.qual == 0 && !p.yearX && !p.long &&
		p.year >= 1 && p.year <= 9999 && p.month <= 12
}

// parts returns the known year, month and day of p, as CSL date-parts and the
// RIS slots count them: [1945 4 22], [1934 6], [1936].
func (p datePoint) parts() []int64 {
	out := []int64{p.year}
	if p.month >= 1 && p.month <= 12 {
		out = append(out, int64(p.month))
		if p.day > 0 {
			out = append(out, int64(p.day))
		}
	}
	return out
}

// dateValue is an EDTF value split into its points.
type dateValue struct {
	zero     bool
	interval bool
	start    datePoint
	end      datePoint // only for an interval
	display  string    // edtf.Date.Display
	edtf     string
}

func splitDate(d edtf.Date) dateValue {
	v := dateValue{zero: d.IsZero(), display: d.Display(), edtf: d.String()}
	if v.zero {
		return v
	}
	s := v.edtf
	if i := strings.IndexByte(s, '/'); i >= 0 {
		v.interval = true
		v.start, v.end = parsePoint(s[:i]), parsePoint(s[i+1:])
		return v
	}
	v.start = parsePoint(s)
	return v
}

// parsePoint reads one canonical EDTF date; it trusts its input, which
// comes from edtf.Date.String.
func parsePoint(s string) datePoint {
	p := datePoint{edtf: s}
	switch s {
	case "":
		p.unknown = true
		return p
	case "..":
		p.open = true
		return p
	}
	if n := len(s); strings.ContainsRune("?~%", rune(s[n-1])) {
		p.qual, s = s[n-1], s[:n-1]
	}
	if t := strings.IndexByte(s, 'T'); t >= 0 {
		s = s[:t]
	}
	if strings.HasPrefix(s, "Y") {
		p.long = true
		p.year, _ = strconv.ParseInt(s[1:], 10, 64)
		return p
	}
	negative := strings.HasPrefix(s, "-")
	if negative {
		s = s[1:]
	}
	fields := strings.Split(s, "-")
	year := fields[0]
	if strings.Contains(year, "X") {
		p.yearX = true
		year = strings.ReplaceAll(year, "X", "0")
	}
	p.year, _ = strconv.ParseInt(year, 10, 64)
	if negative {
		p.year = -p.year
	}
	if len(fields) > 1 {
		p.month, _ = strconv.Atoi(fields[1]) // XX gives 0
	}
	if len(fields) > 2 {
		p.day, _ = strconv.Atoi(fields[2])
	}
	return p
}

// exact reports whether the value is one exact year, month or day.
func (v dateValue) exact() bool { return !v.zero && !v.interval && v.start.exact() }

// iso returns the value in ISO 8601 form when it is exact ("1945-04-22",
// "1934-06", "1936"), else "".
func (v dateValue) iso() string {
	if !v.exact() {
		return ""
	}
	p := v.start.parts()
	s := fmt.Sprintf("%04d", p[0])
	for _, n := range p[1:] {
		s += fmt.Sprintf("-%02d", n)
	}
	return s
}

// year returns the one year the value falls in, if it is certain: exact
// values, approximate ones ("c. 1950" is 1950 as stated) and intervals
// within a year. Uncertain values, decades and open ends give false.
func (v dateValue) year() (int64, bool) {
	if v.zero {
		return 0, false
	}
	ok := func(p datePoint) bool {
		return !p.open && !p.unknown && !p.yearX && !p.long && p.qual != '?' && p.qual != '%' && p.year >= 1
	}
	if !ok(v.start) || (v.interval && (!ok(v.end) || v.end.year != v.start.year)) {
		return 0, false
	}
	return v.start.year, true
}

// chicago returns the date as a Chicago citation gives it: the display
// form, "n.d." for an undated document.
func (v dateValue) chicago() string {
	if v.zero {
		return "n.d."
	}
	return v.display
}

// cslDate is a CSL-JSON date variable.
type cslDate struct {
	DateParts [][]int64 `json:"date-parts,omitempty"`
	Season    int       `json:"season,omitempty"`
	Circa     bool      `json:"circa,omitempty"`
	Literal   string    `json:"literal,omitempty"`
}

// csl maps the value to a CSL date: date-parts for exact years, months and
// days (two for an interval), circa for approximate ones ("1950~"), season
// for seasons; everything CSL cannot structure (uncertain "1944?", decades
// "194X", open or unknown ends, years before 1 or beyond 9999, an interval
// with one approximate end) is a literal in the archive's display form, so
// that a processor prints it as the page does.
func (v dateValue) csl() *cslDate {
	if v.zero {
		return nil
	}
	literal := &cslDate{Literal: v.display}
	structured := func(p datePoint) bool {
		q := p
		q.qual = 0
		return (p.qual == 0 || p.qual == '~') && (q.exact() || (q.month >= 21 && q.month <= 24 && q.year >= 1 && q.year <= 9999 && !q.yearX && !q.long && !q.open && !q.unknown))
	}
	if !v.interval {
		p := v.start
		if !structured(p) {
			return literal
		}
		if p.month >= 21 {
			return &cslDate{DateParts: [][]int64{{p.year}}, Season: p.month - 20, Circa: p.qual == '~'}
		}
		return &cslDate{DateParts: [][]int64{p.parts()}, Circa: p.qual == '~'}
	}
	a, b := v.start, v.end
	if !structured(a) || !structured(b) || a.month >= 21 || b.month >= 21 || a.qual != b.qual {
		return literal
	}
	return &cslDate{DateParts: [][]int64{a.parts(), b.parts()}, Circa: a.qual == '~'}
}

// ris returns the RIS DA value: "1945/04/22/", "1934/06//", "1936///" for
// exact values, which Zotero's RIS import reads slot by slot; any other
// value in its display form ("c. 1950", "April–June 1945"), which has no
// "/" and so is kept as written.
func (v dateValue) ris() string {
	if v.zero {
		return ""
	}
	if !v.exact() {
		return v.display
	}
	p := v.start.parts()
	slots := [3]string{}
	slots[0] = fmt.Sprintf("%04d", p[0])
	for i, n := range p[1:] {
		slots[i+1] = fmt.Sprintf("%02d", n)
	}
	return slots[0] + "/" + slots[1] + "/" + slots[2] + "/"
}

// biblatex returns the value in the EDTF form biblatex's date fields accept
// (ISO 8601-2 level 1: "1945-04-22", "1950~", "1934-06", "1945-04/1945-06",
// "194X", "1945-21", "1944?"), or "" when biblatex cannot read it: Y-prefixed
// years, and intervals whose start is open or unknown. An open or unknown
// end is written "1945/", biblatex's open-ended range.
func (v dateValue) biblatex() string {
	if v.zero || v.start.long || (v.interval && v.end.long) {
		return ""
	}
	if !v.interval {
		return v.edtf
	}
	if v.start.open || v.start.unknown {
		return ""
	}
	if v.end.open || v.end.unknown {
		return v.start.edtf + "/"
	}
	return v.edtf
}

// bibtexMonths are BibTeX's month macros.
var bibtexMonths = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
