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

// calendarYear reports whether p has a year that CSL date-parts and the RIS
// year slot can hold: from 1 to 9999, its unspecified digits read as 0.
func (p datePoint) calendarYear() bool {
	return !p.open && !p.unknown && !p.long && p.year >= 1 && p.year <= 9999
}

// span returns the date-parts p covers: one for a year, month or day
// ([1945 4]), two for unspecified year digits, the years they stand for
// ([1940] to [1949] for 194X).
func (p datePoint) span() [][]int64 {
	if !p.yearX {
		return [][]int64{p.parts()}
	}
	last := strings.ReplaceAll(strings.TrimLeft(strings.TrimRight(p.edtf, "?~%"), "-"), "X", "9")
	end, _ := strconv.ParseInt(strings.SplitN(last, "-", 2)[0], 10, 64)
	return [][]int64{{p.year}, {end}}
}

// known returns the point of the value whose parts are known: the start,
// else the end of an interval that is open or unknown at its start.
func (v dateValue) known() (datePoint, bool) {
	for _, p := range []datePoint{v.start, v.end} {
		if p.calendarYear() {
			return p, true
		}
		if !v.interval {
			break
		}
	}
	return datePoint{}, false
}

// csl maps the value to a CSL date that keeps its year wherever it has one,
// since Zotero and citation-js sort and print by the date-parts: exact
// years, months and days as date-parts, two for an interval; seasons with
// season; circa for a date the archive does not state as certain,
// approximate ("1950~") or uncertain ("1944?"), CSL's one flag for both;
// unspecified year digits as the years they span (194X is 1940 to 1949);
// an interval open or unknown at one end as its known end, with the display
// form as the literal that processors print ("until 1930"). Only years
// before 1 or beyond 9999 are a literal alone.
func (v dateValue) csl() *cslDate {
	if v.zero {
		return nil
	}
	literal := &cslDate{Literal: v.display}
	a, b := v.start, v.end
	if !v.interval {
		switch {
		case !a.calendarYear():
			return literal
		case a.month >= 21:
			return &cslDate{DateParts: [][]int64{{a.year}}, Season: a.month - 20, Circa: a.qual != 0}
		}
		return &cslDate{DateParts: a.span(), Circa: a.qual != 0}
	}
	if !a.calendarYear() || !b.calendarYear() {
		p, ok := v.known()
		if !ok {
			return literal
		}
		return &cslDate{DateParts: [][]int64{p.parts()}, Literal: v.display}
	}
	first, last := a.span()[0], b.span()
	return &cslDate{DateParts: [][]int64{first, last[len(last)-1]}, Circa: a.qual != 0 || b.qual != 0}
}

// ris returns the RIS DA value, "YYYY/MM/DD/other" as the RIS specification
// writes it and Zotero's RIS import reads it, slot by slot: "1945/04/22/",
// "1934/06//" and "1936///" for exact values; for any other, the parts
// known of its start (of its end when the start is open) and the display
// form as the other information, "1940///1940s", "1945/04//April–June
// 1945", "1930///until 1930", so that the year is read and the rest kept.
// A year before 1 or beyond 9999 is given in its display form alone.
func (v dateValue) ris() string {
	if v.zero {
		return ""
	}
	p, ok := v.known()
	if !ok {
		return v.display
	}
	slots := [3]string{fmt.Sprintf("%04d", p.year)}
	for i, n := range p.parts()[1:] {
		slots[i+1] = fmt.Sprintf("%02d", n)
	}
	other := ""
	if !v.exact() {
		other = v.display
	}
	return slots[0] + "/" + slots[1] + "/" + slots[2] + "/" + other
}

// ISO8601 returns the date in ISO 8601 (its 2004 edition, no EDTF
// extension), for metadata that takes no other form: a year, month or day
// as it is ("1945-04-22"); a qualified date as the date stated ("1945-04?"
// is "1945-04", "1950~" is "1950"); a season as its year; unspecified
// digits as the span they stand for ("194X" is "1940/1949", "1944-11-XX"
// "1944-11"); an interval as its two ends ("1945-04/1945-06"). An open or
// unknown end, a year beyond 9999 or a zero date give "": ISO 8601 has no
// such interval, and a lone end would misdate the document.
func ISO8601(d edtf.Date) string {
	v := splitDate(d)
	if v.zero {
		return ""
	}
	if !v.interval {
		return isoSpan(v.start)
	}
	a, b := isoSpan(v.start), isoSpan(v.end)
	if a == "" || b == "" {
		return ""
	}
	start, _, _ := strings.Cut(a, "/")
	_, end, found := strings.Cut(b, "/")
	if !found {
		end = b
	}
	return start + "/" + end
}

// isoSpan returns one point in ISO 8601: "1945-04", "1940/1949" for 194X.
func isoSpan(p datePoint) string {
	if p.open || p.unknown || p.long || p.year > 9999 {
		return ""
	}
	if p.month >= 21 {
		p.month = 0
	}
	span := p.span()
	out := make([]string, len(span))
	for i, parts := range span {
		out[i] = isoYear(parts[0])
		for _, n := range parts[1:] {
			out[i] += fmt.Sprintf("-%02d", n)
		}
	}
	return strings.Join(out, "/")
}

// isoYear writes a year in four digits, with a minus sign before 1 ("-0044"
// is 45 BCE, as in ISO 8601 and EDTF).
func isoYear(y int64) string {
	if y < 0 {
		return fmt.Sprintf("-%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
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
