package edtf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError is returned by Parse for every malformed input.
type ParseError struct {
	Input  string // the string given to Parse
	Offset int    // byte offset of the problem in Input, 0-based
	Reason string // what is wrong, in English
}

// Error returns the error as `edtf: "1945-13" at offset 5: month 13 is out of range (01-12)`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("edtf: %q at offset %d: %s", e.Input, e.Offset, e.Reason)
}

// maxYearDigits caps years at ±999,999,999, far enough from int64 limits
// that no day arithmetic on a parsed value can overflow.
const maxYearDigits = 9

// Parse parses an EDTF level 0 or level 1 string. The empty string gives the
// zero Date and no error. Surrounding whitespace is an error rather than
// being trimmed, so that stored values are always canonical. Every error is a
// *ParseError.
func Parse(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	if err := checkChars(s); err != nil {
		return Date{}, err
	}
	slash := strings.IndexByte(s, '/')
	if slash >= 0 {
		return parseInterval(s, slash)
	}
	if s == ".." {
		return Date{}, errorAt(s, 0, `an open end ("..") is only valid in an interval`)
	}
	p, err := parsePoint(s, 0, len(s), true)
	if err != nil {
		return Date{}, err
	}
	return Date{start: p}, nil
}

func errorAt(s string, offset int, format string, args ...any) error {
	return &ParseError{Input: s, Offset: offset, Reason: fmt.Sprintf(format, args...)}
}

func parseInterval(s string, slash int) (Date, error) {
	if i := strings.IndexByte(s[slash+1:], '/'); i >= 0 {
		return Date{}, errorAt(s, slash+1+i, `an interval has only one "/"`)
	}
	start, err := parseEnd(s, 0, slash)
	if err != nil {
		return Date{}, err
	}
	end, err := parseEnd(s, slash+1, len(s))
	if err != nil {
		return Date{}, err
	}
	if start.kind != endDate && end.kind != endDate {
		return Date{}, errorAt(s, 0, "an interval needs a date on at least one side")
	}
	if start.kind == endDate && end.kind == endDate {
		first, _ := start.span()
		_, last := end.span()
		if first > last {
			return Date{}, errorAt(s, slash+1, "interval ends before it starts (%s is before %s)", s[slash+1:], s[:slash])
		}
	}
	return Date{start: start, end: end}, nil
}

func parseEnd(s string, lo, hi int) (point, error) {
	switch s[lo:hi] {
	case "":
		return point{kind: endUnknown}, nil
	case "..":
		return point{kind: endOpen}, nil
	}
	return parsePoint(s, lo, hi, false)
}

// checkChars refuses characters that can never be part of a level 1 value,
// so that level 2 syntax, old draft syntax and typing slips get a message
// about what they are rather than a generic one.
func checkChars(s string) error {
	for i, r := range s {
		if reason := charProblem(s, i, r); reason != "" {
			return &ParseError{Input: s, Offset: i, Reason: reason}
		}
	}
	return nil
}

var level2Chars = map[rune]string{
	'[': "sets ([...])", ']': "sets ([...])",
	'{': "sets ({...})", '}': "sets ({...})",
	',': "sets (,)",
	'E': "exponential years (E)",
	'S': "significant digits (S)",
	'^': "qualifiers (^)",
	'(': "grouping ((...))", ')': "grouping ((...))",
}

func charProblem(s string, i int, r rune) string {
	switch {
	case strings.ContainsRune("0123456789-/.:+TZXY?~%", r):
		return ""
	case unicode.IsSpace(r):
		return whitespaceProblem(s, i)
	case level2Chars[r] != "":
		return fmt.Sprintf("level 2 %s are not supported", level2Chars[r])
	case r == 'x' || r == 't' || r == 'z' || r == 'y':
		return fmt.Sprintf("use upper-case %c", unicode.ToUpper(r))
	case strings.HasPrefix(s[i:], "unknown"):
		return `write an unknown interval end as nothing ("/1985"), not "unknown"`
	case strings.HasPrefix(s[i:], "open"):
		return `write an open interval end as "..", not "open"`
	case r == 'u':
		return `use X for unspecified digits ("u" is from the 2012 draft)`
	case r == '–' || r == '—':
		return `use "/" between the ends of an interval`
	case r == utf8.RuneError:
		return "invalid UTF-8"
	}
	return fmt.Sprintf("unexpected character %q", r)
}

func whitespaceProblem(s string, i int) string {
	switch {
	case i == 0:
		return "leading whitespace is not allowed"
	case strings.TrimSpace(s[i:]) == "":
		return "trailing whitespace is not allowed"
	}
	return "whitespace is not allowed inside a date"
}

// scanner reads one date, s[i:hi], of the input s.
type scanner struct {
	s         string
	i, hi     int
	allowTime bool
}

func parsePoint(s string, lo, hi int, allowTime bool) (point, error) {
	sc := &scanner{s: s, i: lo, hi: hi, allowTime: allowTime}
	p := point{kind: endDate}
	steps := [...]func(*scanner, *point) error{
		(*scanner).year, (*scanner).month, (*scanner).day,
		(*scanner).time, (*scanner).qualifier, (*scanner).finish,
	}
	for _, step := range steps {
		if err := step(sc, &p); err != nil {
			return point{}, err
		}
	}
	return p, nil
}

func (sc *scanner) errorf(offset int, format string, args ...any) error {
	return errorAt(sc.s, offset, format, args...)
}

func (sc *scanner) peek() byte {
	if sc.i < sc.hi {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *scanner) skip(c byte) bool {
	if sc.peek() == c {
		sc.i++
		return true
	}
	return false
}

// run reads digits and X, the characters of any date component.
func (sc *scanner) run() string {
	start := sc.i
	for sc.i < sc.hi && (isDigit(sc.s[sc.i]) || sc.s[sc.i] == 'X') {
		sc.i++
	}
	return sc.s[start:sc.i]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isQualifier(c byte) bool { return c == '?' || c == '~' || c == '%' }

func (sc *scanner) year(p *point) error {
	start := sc.i
	switch c := sc.peek(); {
	case c == 'Y':
		return sc.longYear(p)
	case isQualifier(c):
		return sc.errorf(start, "level 2 qualification from the left (%c before a date) is not supported", c)
	}
	negative := sc.skip('-')
	at := sc.i
	digits := sc.run()
	switch {
	case digits == "":
		return sc.errorf(at, "expected a four-digit year")
	case len(digits) > maxYearDigits:
		return sc.errorf(start, "year %s is out of range (at most 999999999)", sc.s[start:sc.i])
	case len(digits) > 4 && !strings.Contains(digits, "X"):
		return sc.errorf(start, "a year of more than four digits needs the Y prefix (Y%s)", sc.s[start:sc.i])
	case len(digits) != 4:
		return sc.errorf(at, "a year has four digits, not %d", len(digits))
	}
	x := strings.IndexByte(digits, 'X')
	if x < 0 {
		x = 4
	}
	if err := sc.checkYearX(digits, x, negative, start, at); err != nil {
		return err
	}
	year, _ := strconv.ParseInt(digits[:x]+"0000"[x:], 10, 64)
	if negative && year == 0 {
		return sc.errorf(start, "year -0000 is not valid; write 0000")
	}
	if negative {
		year = -year
	}
	p.year, p.yearX = year, uint8(4-x)
	return nil
}

// checkYearX accepts only the level 1 forms 201X and 20XX.
func (sc *scanner) checkYearX(digits string, x int, negative bool, start, at int) error {
	switch {
	case x == 4:
		return nil
	case strings.ContainsAny(digits[x:], "0123456789"):
		return sc.errorf(at+x, "unspecified digits (X) followed by known digits are level 2 and not supported")
	case x < 2:
		return sc.errorf(at+x, "more than two unspecified year digits (%s) are level 2 and not supported", digits)
	case negative:
		return sc.errorf(start, "unspecified digits in a negative year are not supported")
	}
	return nil
}

// longYear reads a Y-prefixed year, which stands alone: no month, no day.
func (sc *scanner) longYear(p *point) error {
	start := sc.i
	sc.i++
	negative := sc.skip('-')
	at := sc.i
	digits := sc.run()
	switch {
	case digits == "":
		return sc.errorf(at, "expected digits after Y")
	case strings.Contains(digits, "X"):
		return sc.errorf(at+strings.IndexByte(digits, 'X'), "unspecified digits (X) are not allowed in a Y-prefixed year")
	case digits[0] == '0':
		return sc.errorf(at, "a Y-prefixed year cannot start with 0")
	case len(digits) <= 4:
		return sc.errorf(start, "the Y prefix is only for years of more than four digits; write %s", sc.s[start+1:sc.i])
	case len(digits) > maxYearDigits:
		return sc.errorf(start, "year %s is out of range (at most Y999999999)", sc.s[start:sc.i])
	case sc.peek() == '-':
		return sc.errorf(sc.i, "a Y-prefixed year cannot have a month or day")
	}
	year, _ := strconv.ParseInt(digits, 10, 64)
	if negative {
		year = -year
	}
	p.year = year
	return nil
}

// twoChars reads a two-character month or day.
func (sc *scanner) twoChars(name string) (string, int, error) {
	at := sc.i
	r := sc.run()
	switch {
	case r == "":
		return "", at, sc.errorf(at, "missing %s", name)
	case len(r) != 2:
		return "", at, sc.errorf(at, "%s must have two digits, not %q", name, r)
	}
	return r, at, nil
}

func (sc *scanner) month(p *point) error {
	if sc.peek() != '-' {
		return nil
	}
	if p.yearX > 0 {
		return sc.errorf(sc.i, "a month after a year with unspecified digits is level 2 and not supported")
	}
	sc.i++
	r, at, err := sc.twoChars("month")
	if err != nil {
		return err
	}
	if r == "XX" {
		p.prec = precMonth
		return nil
	}
	if strings.Contains(r, "X") {
		return sc.errorf(at, "partly unspecified month %q is level 2 and not supported", r)
	}
	m, _ := strconv.Atoi(r)
	switch {
	case 1 <= m && m <= 12:
		p.prec = precMonth
	case 21 <= m && m <= 24:
		p.prec = precSeason
	case 25 <= m && m <= 41:
		return sc.errorf(at, "season code %d is level 2 and not supported (level 1 seasons are 21-24)", m)
	default:
		return sc.errorf(at, "month %s is out of range (01-12)", r)
	}
	p.month = uint8(m)
	return nil
}

func (sc *scanner) day(p *point) error {
	if sc.peek() != '-' {
		return nil
	}
	if p.prec == precSeason {
		return sc.errorf(sc.i, "a season cannot have a day")
	}
	sc.i++
	r, at, err := sc.twoChars("day")
	if err != nil {
		return err
	}
	p.prec = precDay
	switch {
	case r == "XX":
		return nil
	case strings.Contains(r, "X"):
		return sc.errorf(at, "partly unspecified day %q is level 2 and not supported", r)
	case p.month == 0:
		return sc.errorf(at, "a known day in an unspecified month (XX-%s) is level 2 and not supported", r)
	}
	d, _ := strconv.Atoi(r)
	if n := DaysIn(p.year, int(p.month)); d < 1 || d > n {
		return sc.errorf(at, "day %s is out of range: %s %s has %d days", r, monthNames[p.month-1], p.yearString(), n)
	}
	p.day = uint8(d)
	return nil
}

func (sc *scanner) time(p *point) error {
	if sc.peek() != 'T' {
		return nil
	}
	switch {
	case !sc.allowTime:
		return sc.errorf(sc.i, "a time of day is not allowed in an interval, whose ends are dates")
	case p.prec != precDay || p.month == 0 || p.day == 0:
		return sc.errorf(sc.i, "a time needs a complete date (YYYY-MM-DD) before T")
	}
	sc.i++
	fields := [...]struct {
		name string
		max  int
		dst  *uint8
	}{{"hour", 23, &p.hour}, {"minute", 59, &p.minute}, {"second", 59, &p.second}}
	for i, f := range fields {
		if i > 0 && !sc.skip(':') {
			return sc.errorf(sc.i, "expected ':' before the %s", f.name)
		}
		v, err := sc.number(f.name, f.max)
		if err != nil {
			return err
		}
		*f.dst = uint8(v)
	}
	p.prec = precSecond
	return sc.zone(p)
}

// number reads a two-digit clock field.
func (sc *scanner) number(name string, max int) (int, error) {
	at := sc.i
	r := sc.run()
	if len(r) != 2 || strings.Contains(r, "X") {
		return 0, sc.errorf(at, "%s must have two digits", name)
	}
	v, _ := strconv.Atoi(r)
	if v > max {
		return 0, sc.errorf(at, "%s %s is out of range (00-%02d)", name, r, max)
	}
	return v, nil
}

func (sc *scanner) zone(p *point) error {
	sign := 1
	switch sc.peek() {
	case 'Z':
		sc.i++
		p.zone = zoneUTC
		return nil
	case '-':
		sign = -1
	case '+':
	default:
		return nil
	}
	sc.i++
	hours, err := sc.number("time shift hour", 23)
	if err != nil {
		return err
	}
	minutes := 0
	if sc.skip(':') {
		if minutes, err = sc.number("time shift minute", 59); err != nil {
			return err
		}
	}
	p.zone, p.offset = zoneOffset, int16(sign*(hours*60+minutes))
	return nil
}

func (sc *scanner) qualifier(p *point) error {
	c := sc.peek()
	if !isQualifier(c) {
		return nil
	}
	if p.prec == precSecond {
		return sc.errorf(sc.i, "a date with a time cannot be qualified")
	}
	p.qual = qualifier(strings.IndexByte("_?~%", c)) // in the order of the constants
	sc.i++
	return nil
}

func (sc *scanner) finish(p *point) error {
	c := sc.peek()
	switch {
	case sc.i == sc.hi:
		return nil
	case p.qual != qualNone && isQualifier(c):
		return sc.errorf(sc.i, "only one qualifier is allowed (%% means uncertain and approximate)")
	case p.qual != qualNone && c == '-':
		return sc.errorf(sc.i-1, "level 2 qualification of part of a date (as in 2004?-06) is not supported")
	}
	return sc.errorf(sc.i, "unexpected %q after the date", sc.s[sc.i:sc.hi])
}
