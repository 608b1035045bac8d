package edtf

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a parsed EDTF value: a single date or an interval. It is a
// comparable value type, so two parses of the same string are ==. The zero
// Date means "no date" (an undated record) and is what Parse returns for "".
type Date struct {
	start point
	end   point // endNone unless the Date is an interval
}

// MustParse is like Parse but panics on malformed input. It is meant for
// tests and literals only.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date, that is, no date at all.
func (d Date) IsZero() bool { return d == Date{} }

// Equal reports whether d and o are the same EDTF value. It is d == o, given
// as a method so that comparison libraries such as go-cmp can compare Dates.
func (d Date) Equal(o Date) bool { return d == o }

// IsInterval reports whether d is an interval (it contains a "/").
func (d Date) IsInterval() bool { return d.end.kind != endNone }

// String returns d in canonical EDTF form, "" for the zero Date. Parsing the
// result gives back d. Equal values have equal strings: a time shift "-04"
// is written "-04:00".
func (d Date) String() string {
	if !d.IsInterval() {
		return d.start.String()
	}
	return d.start.String() + "/" + d.end.String()
}

// Earliest returns the first day d can be. It returns false for the zero
// Date and for intervals whose start is open or unknown.
func (d Date) Earliest() (Day, bool) {
	if d.start.kind != endDate {
		return 0, false
	}
	first, _ := d.start.span()
	return first, true
}

// Latest returns the last day d can be. It returns false for the zero Date
// and for intervals whose end is open or unknown.
func (d Date) Latest() (Day, bool) {
	p := d.start
	if d.IsInterval() {
		p = d.end
	}
	if p.kind != endDate {
		return 0, false
	}
	_, last := p.span()
	return last, true
}

// MarshalText returns the canonical EDTF form of d.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText parses an EDTF string into d, leaving d unchanged on error.
func (d *Date) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// endKind says what an interval end, or the single value of a Date, holds.
type endKind uint8

const (
	endNone    endKind = iota // the zero Date, or the end of a non-interval
	endDate                   // a date
	endOpen                   // ".."
	endUnknown                // nothing written
)

// precision is the finest component written, X digits included: 2004-XX
// has month precision.
type precision uint8

const (
	precYear precision = iota
	precMonth
	precSeason
	precDay
	precSecond
)

type qualifier uint8

const (
	qualNone        qualifier = iota
	qualUncertain             // ?
	qualApproximate           // ~
	qualBoth                  // %
)

var qualifierMarks = [...]string{qualNone: "", qualUncertain: "?", qualApproximate: "~", qualBoth: "%"}

type zone uint8

const (
	zoneLocal  zone = iota // no zone written
	zoneUTC                // Z
	zoneOffset             // ±hh:mm
)

// point is one date: the value of a single Date or one end of an interval.
// Unspecified parts are stored as zeros so that each EDTF string has exactly
// one representation: 194X is year 1940 with yearX 1, and a month or day of
// 0 at month or day precision stands for XX.
type point struct {
	kind                 endKind
	prec                 precision
	qual                 qualifier
	year                 int64
	yearX                uint8 // trailing unspecified year digits, 0–2
	month                uint8 // 1–12, or 21–24 for a season
	day                  uint8
	hour, minute, second uint8
	zone                 zone
	offset               int16 // minutes east of UTC when zone is zoneOffset
}

// String returns p in canonical EDTF form.
func (p point) String() string {
	switch p.kind {
	case endDate:
		return p.dateString()
	case endOpen:
		return ".."
	}
	return ""
}

func (p point) dateString() string {
	var b strings.Builder
	b.WriteString(p.yearString())
	if p.prec >= precMonth {
		b.WriteString("-" + twoDigitsOrX(p.month))
	}
	if p.prec >= precDay {
		b.WriteString("-" + twoDigitsOrX(p.day))
	}
	if p.prec == precSecond {
		fmt.Fprintf(&b, "T%02d:%02d:%02d%s", p.hour, p.minute, p.second, p.zoneString())
	}
	b.WriteString(qualifierMarks[p.qual])
	return b.String()
}

func (p point) yearString() string {
	if p.year > 9999 || p.year < -9999 {
		return "Y" + strconv.FormatInt(p.year, 10)
	}
	sign, year := "", p.year
	if year < 0 {
		sign, year = "-", -year
	}
	digits := fmt.Sprintf("%04d", year)
	return sign + digits[:4-p.yearX] + strings.Repeat("X", int(p.yearX))
}

func twoDigitsOrX(n uint8) string {
	if n == 0 {
		return "XX"
	}
	return fmt.Sprintf("%02d", n)
}

func (p point) zoneString() string {
	switch p.zone {
	case zoneUTC:
		return "Z"
	case zoneOffset:
		sign, minutes := "+", int(p.offset)
		if minutes < 0 {
			sign, minutes = "-", -minutes
		}
		return fmt.Sprintf("%s%02d:%02d", sign, minutes/60, minutes%60)
	}
	return ""
}

// span returns the first and last day of a date point.
func (p point) span() (first, last Day) {
	switch {
	case p.yearX > 0:
		years := int64(1)
		for range p.yearX {
			years *= 10
		}
		return DayOf(p.year, 1, 1), DayOf(p.year+years-1, 12, 31)
	case p.prec == precYear || p.month == 0:
		return YearSpan(p.year)
	case p.prec == precSeason:
		firstMonth := 3*int(p.month-21) + 3
		// DayOf normalises month 15 into the next year's March for Winter.
		return DayOf(p.year, firstMonth, 1), DayOf(p.year, firstMonth+3, 1) - 1
	case p.prec == precMonth || p.day == 0:
		return MonthSpan(p.year, int(p.month))
	}
	day := DayOf(p.year, int(p.month), int(p.day))
	return day, day
}
