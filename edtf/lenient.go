package edtf

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxLenient is the longest input ParseLenient reads: far more than any
// date written in words, little enough that no cell costs much to refuse.
const maxLenient = 200

// ParseLenient reads a date as an EDTF value when it is one (Parse), and
// otherwise as people write dates, by the closed grammar of the package
// documentation ("June 1934", "c. 1950", "22 April 1945", "April–June
// 1945"). lenient reports whether the second, lenient reading was the one
// used, so that callers can report it. Every error is a *ParseError whose
// Reason suggests the EDTF form where one can be worked out.
func ParseLenient(s string) (d Date, lenient bool, err error) {
	d, strictErr := Parse(s)
	if strictErr == nil {
		return d, false, nil
	}
	if len(s) > maxLenient {
		return Date{}, false, errorAt(s, 0, "too long for a date (%d bytes; at most %d)", len(s), maxLenient)
	}
	text := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if undated[text] {
		return Date{}, true, nil
	}
	edtf, reason := readLenient(text)
	if reason != "" {
		if reason == outsideGrammar && looksStrict(s) {
			return Date{}, false, strictErr // a slip in EDTF is best told in EDTF's terms
		}
		return Date{}, false, errorAt(s, 0, "%s", reason)
	}
	if d, err = Parse(edtf); err != nil {
		if edtf == s {
			return Date{}, false, strictErr // "1945-13" is a slip in EDTF
		}
		pe := err.(*ParseError)
		return Date{}, false, errorAt(s, 0, "read as %s, which is not a date: %s", edtf, pe.Reason)
	}
	return d, true, nil
}

// undated are the ways of writing that a document has no date.
var undated = map[string]bool{"undated": true, "n.d.": true, "n. d.": true, "nd": true, "no date": true, "s.d.": true}

// looksStrict reports whether s is written in EDTF's characters only, so
// that its problem is one of EDTF ("month 13 is out of range").
func looksStrict(s string) bool {
	return strings.Trim(s, "0123456789-/.:+TZXY?~%") == ""
}

// readLenient reads text (lower case, single spaces) as one date or a
// range of two, returning its EDTF form, or why it cannot.
func readLenient(text string) (edtf, reason string) {
	if reason := refuse(text); reason != "" {
		return "", reason
	}
	if e, ok := readEnd(text); ok && e.complete() {
		return e.String(), ""
	}
	var found []string
	for _, sep := range rangeSeparators.FindAllStringIndex(text, -1) {
		from, fromOK := readEnd(strings.TrimSpace(text[:sep[0]]))
		to, toOK := readEnd(strings.TrimSpace(text[sep[1]:]))
		if !fromOK || !toOK {
			continue
		}
		from.inherit(to)
		to.inherit(from)
		if r := from.String() + "/" + to.String(); from.complete() && to.complete() && !slices.Contains(found, r) {
			found = append(found, r)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], ""
	case len(found) > 1:
		return "", "ambiguous: could be " + strings.Join(found, " or ") + "; write the EDTF form"
	}
	if word := unknownWord(text); word != "" {
		return "", fmt.Sprintf("%q is not a word of dates Recto reads: months are written in English "+
			"(June, Jun, Sept.), seasons spring, summer, autumn, fall or winter; or write EDTF (1945-04-22)", word)
	}
	return "", outsideGrammar
}

// dateWords are the words of the grammar, month names aside: seasons,
// "circa" and its abbreviations, "to", and the letters after numbers
// ("22nd", "1940s").
var dateWords = map[string]bool{"c": true, "ca": true, "circa": true, "to": true,
	"st": true, "nd": true, "rd": true, "th": true, "s": true}

var letters = regexp.MustCompile(`\pL+`)

// unknownWord returns the first word of text that no form of the grammar
// has, or "".
func unknownWord(text string) string {
	for _, w := range letters.FindAllString(text, -1) {
		if !dateWords[w] && seasonWords[w] == 0 && monthNumber(w) == 0 {
			return w
		}
	}
	return ""
}

// rangeSeparators join the two ends of a range: a dash of any kind, or "to".
var rangeSeparators = regexp.MustCompile(`\s*[-–—]\s*|\s+to\s+`)

// end is one date as written: a year (4 digits, or 3 and a decade), and
// optionally a month (1–12, or 21–24 for a season) and a day. year is ""
// when not written, as in the first end of "April–June 1945".
type end struct {
	year       string
	month, day int
	qual       qualifier
}

func (e end) complete() bool { return e.year != "" && (e.day == 0 || e.month != 0) }

// inherit takes the parts e leaves out from the other end of a range, as
// the first end of "April 22–25, 1945" takes its year and the second its
// month: a year, and the month of a day.
func (e *end) inherit(other end) {
	if e.year == "" {
		e.year = other.year
	}
	if e.month == 0 && e.day != 0 {
		e.month = other.month
	}
}

func (e end) String() string {
	s := e.year
	if e.month != 0 {
		s += fmt.Sprintf("-%02d", e.month)
	}
	if e.day != 0 {
		s += fmt.Sprintf("-%02d", e.day)
	}
	return s + qualifierMarks[e.qual]
}

// endForms are the forms of one date, tried in order; their groups are
// named for the parts they hold.
var endForms = func() []*regexp.Regexp {
	month := `(?P<month>` + monthPattern() + `)\.?`
	day := `(?P<day>\d{1,2})(?:st|nd|rd|th)?`
	year := `(?P<year>\d{4})`
	season := `(?P<season>spring|summer|autumn|fall|winter)` // seasonWords
	forms := []string{
		year,
		`(?P<decade>\d{3})0'?s`,
		`(?P<year>\d{4})-(?P<nmonth>\d{1,2})(?:-(?P<day>\d{1,2}))?`,
		`(?P<day>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<year>\d{4})`,
		month + `,? ` + year,
		day + ` ` + month + `,? ` + year,
		month + ` ` + day + `,? ` + year,
		season + `,? ` + year,
		// First ends of a range, which take what they leave out from the
		// second: "April–June 1945", "22–25 April 1945", "April 22–25, 1945".
		month, day + ` ` + month, month + ` ` + day, day,
		season,
		day + `,? ` + year,
	}
	var out []*regexp.Regexp
	for _, f := range forms {
		out = append(out, regexp.MustCompile(`^(?P<approx>c\.?|ca\.?|circa)? ?(?P<q1>\?)?`+f+`(?P<q2>\?)?$`))
	}
	return out
}()

// monthAbbrevs are the usual short forms beyond a name's first three letters.
var monthAbbrevs = map[string]int{"sept": 9}

// seasonWords are the seasons' names (Display's, in lower case) and "fall".
var seasonWords = func() map[string]int {
	m := map[string]int{"fall": 23}
	for i, name := range seasonNames {
		m[strings.ToLower(name)] = 21 + i
	}
	return m
}()

// monthPattern matches the months' names (Display's, in lower case) and
// their abbreviations.
func monthPattern() string {
	var alts []string
	for _, m := range monthNames {
		m = strings.ToLower(m)
		alts = append(alts, m)
		if len(m) > 3 {
			alts = append(alts, m[:3])
		}
	}
	for a := range monthAbbrevs {
		alts = append(alts, a)
	}
	return strings.Join(alts, "|")
}

func monthNumber(name string) int {
	for i, m := range monthNames {
		if m = strings.ToLower(m); name == m || name == m[:3] {
			return i + 1
		}
	}
	return monthAbbrevs[name]
}

// readEnd reads one date; ok is false when it has none of the forms.
func readEnd(text string) (e end, ok bool) {
	for _, re := range endForms {
		m := re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		for i, name := range re.SubexpNames() {
			if m[i] != "" {
				e.set(name, m[i])
			}
		}
		return e, true
	}
	return end{}, false
}

func (e *end) set(part, v string) {
	n, _ := strconv.Atoi(v)
	switch part {
	case "year":
		e.year = v
	case "decade":
		e.year = v + "X"
	case "month":
		e.month = monthNumber(v)
	case "nmonth", "day":
		if n > 99 {
			n = 99 // out of range, and told so by Parse
		}
		if part == "day" {
			e.day = n
		} else {
			e.month = n
		}
	case "season":
		e.month = seasonWords[v]
	case "approx":
		e.qual |= qualApproximate
	case "q1", "q2":
		e.qual |= qualUncertain
	}
}

var (
	slashDate    = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	twoDigitEnd  = regexp.MustCompile(`^(\d{2})(\d{2}) ?[-–—] ?(\d{2})$`)
	centuryWords = regexp.MustCompile(`^(\d{2})00'?s$`)
)

// refuse says why text, which looks like a date, is not read: the writer's
// meaning is ambiguous, and the reason names the EDTF forms it may have.
func refuse(text string) string {
	if m := slashDate.FindStringSubmatch(text); m != nil {
		a, b := m[1], m[2]
		return fmt.Sprintf("the order of day and month is ambiguous: write %s-%02s-%02s if %s is the month, %s-%02s-%02s if %s is",
			m[3], a, b, a, m[3], b, a, b)
	}
	if m := twoDigitEnd.FindStringSubmatch(text); m != nil && m[3] > m[2] { // "1945-13" is a bad month
		return fmt.Sprintf("write the range as %s%s/%s%s", m[1], m[2], m[1], m[3])
	}
	if m := centuryWords.FindStringSubmatch(text); m != nil {
		return fmt.Sprintf("%s is ambiguous: write %s0X for the decade or %sXX for the century", text, m[1], m[1])
	}
	return ""
}

// outsideGrammar is the reason given for text that has none of the forms.
const outsideGrammar = `not a date in EDTF (1945-04-22, 1945-04, 1945) or in words Recto reads ("22 April 1945", ` +
	`"April 22, 1945", "June 1934", "spring 1945", "1940s", "c. 1950", "1945?", "April–June 1945", "undated")`
