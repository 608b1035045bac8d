package edtf_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto/edtf"
)

// validCases lists accepted inputs with their canonical form, range (as ISO
// days, "" for none) and English display.
var validCases = []struct {
	in, str, earliest, latest, display string
}{
	// Level 0 dates.
	{"1945-04-22", "1945-04-22", "1945-04-22", "1945-04-22", "April 22, 1945"},
	{"1934-06", "1934-06", "1934-06-01", "1934-06-30", "June 1934"},
	{"1936", "1936", "1936-01-01", "1936-12-31", "1936"},
	{"2000-02-29", "2000-02-29", "2000-02-29", "2000-02-29", "February 29, 2000"},
	{"1600-02-29", "1600-02-29", "1600-02-29", "1600-02-29", "February 29, 1600"},
	{"0000-02-29", "0000-02-29", "0000-02-29", "0000-02-29", "February 29, 1 BCE"},
	{"2024-02", "2024-02", "2024-02-01", "2024-02-29", "February 2024"},
	{"1900-02", "1900-02", "1900-02-01", "1900-02-28", "February 1900"},
	{"9999-12-31", "9999-12-31", "9999-12-31", "9999-12-31", "December 31, 9999"},

	// Level 0 dates and times.
	{"1985-04-12T23:20:30", "1985-04-12T23:20:30", "1985-04-12", "1985-04-12", "April 12, 1985, 23:20:30"},
	{"1985-04-12T23:20:30Z", "1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12", "April 12, 1985, 23:20:30 UTC"},
	{"1985-04-12T23:20:30+05:00", "1985-04-12T23:20:30+05:00", "1985-04-12", "1985-04-12", "April 12, 1985, 23:20:30 UTC+05:00"},
	{"1985-04-12T23:20:30+04:30", "1985-04-12T23:20:30+04:30", "1985-04-12", "1985-04-12", "April 12, 1985, 23:20:30 UTC+04:30"},
	{"1985-04-12T23:20:30-04", "1985-04-12T23:20:30-04:00", "1985-04-12", "1985-04-12", "April 12, 1985, 23:20:30 UTC-04:00"},
	{"1985-04-12T00:00:00-00:00", "1985-04-12T00:00:00+00:00", "1985-04-12", "1985-04-12", "April 12, 1985, 00:00:00 UTC+00:00"},
	{"-0044-03-15T12:00:00", "-0044-03-15T12:00:00", "-0044-03-15", "-0044-03-15", "March 15, 45 BCE, 12:00:00"},

	// Level 0 intervals.
	{"1964/2008", "1964/2008", "1964-01-01", "2008-12-31", "1964–2008"},
	{"2004-06/2006-08", "2004-06/2006-08", "2004-06-01", "2006-08-31", "June 2004–August 2006"},
	{"2004-02-01/2005-02-08", "2004-02-01/2005-02-08", "2004-02-01", "2005-02-08", "February 1, 2004–February 8, 2005"},
	{"2004-02-01/2005-02", "2004-02-01/2005-02", "2004-02-01", "2005-02-28", "February 1, 2004–February 2005"},
	{"2004-02-01/2005", "2004-02-01/2005", "2004-02-01", "2005-12-31", "February 1, 2004–2005"},
	{"2005/2006-02", "2005/2006-02", "2005-01-01", "2006-02-28", "2005–February 2006"},
	{"1945-04/1945-06", "1945-04/1945-06", "1945-04-01", "1945-06-30", "April–June 1945"},
	{"1944/1949", "1944/1949", "1944-01-01", "1949-12-31", "1944–1949"},
	{"1944-12/1945-02", "1944-12/1945-02", "1944-12-01", "1945-02-28", "December 1944–February 1945"},
	{"1945-04-22/1945-04-25", "1945-04-22/1945-04-25", "1945-04-22", "1945-04-25", "April 22–25, 1945"},
	{"1945-04-22/1945-05-03", "1945-04-22/1945-05-03", "1945-04-22", "1945-05-03", "April 22–May 3, 1945"},
	{"1944-04-22/1945-05-03", "1944-04-22/1945-05-03", "1944-04-22", "1945-05-03", "April 22, 1944–May 3, 1945"},
	{"1944/1945-06", "1944/1945-06", "1944-01-01", "1945-06-30", "1944–June 1945"},
	{"1945-04/1945-04-10", "1945-04/1945-04-10", "1945-04-01", "1945-04-10", "April 1945–April 10, 1945"},
	{"1945-04/1945", "1945-04/1945", "1945-04-01", "1945-12-31", "April 1945–1945"},
	{"1945/1945", "1945/1945", "1945-01-01", "1945-12-31", "1945"},
	{"-0044-03/-0044-05", "-0044-03/-0044-05", "-0044-03-01", "-0044-05-31", "March–May 45 BCE"},

	// Level 1: long and negative years.
	{"Y170000002", "Y170000002", "170000002-01-01", "170000002-12-31", "170000002"},
	{"Y-170000002", "Y-170000002", "-170000002-01-01", "-170000002-12-31", "170000003 BCE"},
	{"Y12345", "Y12345", "12345-01-01", "12345-12-31", "12345"},
	{"Y999999999", "Y999999999", "999999999-01-01", "999999999-12-31", "999999999"},
	{"Y-999999999", "Y-999999999", "-999999999-01-01", "-999999999-12-31", "1000000000 BCE"},
	{"Y170000002?", "Y170000002?", "170000002-01-01", "170000002-12-31", "170000002?"},
	{"0000", "0000", "0000-01-01", "0000-12-31", "1 BCE"},
	{"-0044", "-0044", "-0044-01-01", "-0044-12-31", "45 BCE"},
	{"-1985", "-1985", "-1985-01-01", "-1985-12-31", "1986 BCE"},
	{"-0001-12-31", "-0001-12-31", "-0001-12-31", "-0001-12-31", "December 31, 2 BCE"},
	{"-9999", "-9999", "-9999-01-01", "-9999-12-31", "10000 BCE"},

	// Level 1: seasons.
	{"2001-21", "2001-21", "2001-03-01", "2001-05-31", "Spring 2001"},
	{"2001-22", "2001-22", "2001-06-01", "2001-08-31", "Summer 2001"},
	{"2001-23", "2001-23", "2001-09-01", "2001-11-30", "Autumn 2001"},
	{"2001-24", "2001-24", "2001-12-01", "2002-02-28", "Winter 2001"},
	{"2003-24", "2003-24", "2003-12-01", "2004-02-29", "Winter 2003"},
	{"1945-21", "1945-21", "1945-03-01", "1945-05-31", "Spring 1945"},
	{"2001-21~", "2001-21~", "2001-03-01", "2001-05-31", "c. Spring 2001"},

	// Level 1: qualification.
	{"1984?", "1984?", "1984-01-01", "1984-12-31", "1984?"},
	{"2004-06~", "2004-06~", "2004-06-01", "2004-06-30", "c. June 2004"},
	{"2004-06-11%", "2004-06-11%", "2004-06-11", "2004-06-11", "c. June 11, 2004?"},
	{"1950~", "1950~", "1950-01-01", "1950-12-31", "c. 1950"},
	{"1945-04?", "1945-04?", "1945-04-01", "1945-04-30", "April 1945?"},
	{"1945%", "1945%", "1945-01-01", "1945-12-31", "c. 1945?"},
	{"1945-04-22~", "1945-04-22~", "1945-04-22", "1945-04-22", "c. April 22, 1945"},
	{"-0044~", "-0044~", "-0044-01-01", "-0044-12-31", "c. 45 BCE"},

	// Level 1: unspecified digits.
	{"201X", "201X", "2010-01-01", "2019-12-31", "2010s"},
	{"20XX", "20XX", "2000-01-01", "2099-12-31", "2000s"},
	{"194X", "194X", "1940-01-01", "1949-12-31", "1940s"},
	{"19XX", "19XX", "1900-01-01", "1999-12-31", "1900s"},
	{"194X?", "194X?", "1940-01-01", "1949-12-31", "1940s?"},
	{"000X", "000X", "0000-01-01", "0009-12-31", "1 BCE–9"},
	{"00XX~", "00XX~", "0000-01-01", "0099-12-31", "c. 1 BCE–99"},
	{"2004-XX", "2004-XX", "2004-01-01", "2004-12-31", "2004"},
	{"1945-XX", "1945-XX", "1945-01-01", "1945-12-31", "1945"},
	{"1985-04-XX", "1985-04-XX", "1985-04-01", "1985-04-30", "April 1985"},
	{"1945-04-XX", "1945-04-XX", "1945-04-01", "1945-04-30", "April 1945"},
	{"1985-XX-XX", "1985-XX-XX", "1985-01-01", "1985-12-31", "1985"},
	{"1945-XX-XX", "1945-XX-XX", "1945-01-01", "1945-12-31", "1945"},
	{"1985-02-XX%", "1985-02-XX%", "1985-02-01", "1985-02-28", "c. February 1985?"},

	// Level 1: extended intervals.
	{"../1985-04-12", "../1985-04-12", "", "1985-04-12", "until April 12, 1985"},
	{"1985-04-12/..", "1985-04-12/..", "1985-04-12", "", "April 12, 1985 onwards"},
	{"/1985-04-12", "/1985-04-12", "", "1985-04-12", "unknown–April 12, 1985"},
	{"1985-04-12/", "1985-04-12/", "1985-04-12", "", "April 12, 1985–unknown"},
	{"../1945", "../1945", "", "1945-12-31", "until 1945"},
	{"1945/..", "1945/..", "1945-01-01", "", "1945 onwards"},
	{"/1945", "/1945", "", "1945-12-31", "unknown–1945"},
	{"1945/", "1945/", "1945-01-01", "", "1945–unknown"},
	{"../1945~", "../1945~", "", "1945-12-31", "until c. 1945"},
	{"1984-06-02?/..", "1984-06-02?/..", "1984-06-02", "", "June 2, 1984? onwards"},
	{"1984~/2004-06", "1984~/2004-06", "1984-01-01", "2004-06-30", "c. 1984–June 2004"},
	{"1984/2004-06~", "1984/2004-06~", "1984-01-01", "2004-06-30", "1984–c. June 2004"},
	{"1984?/2004%", "1984?/2004%", "1984-01-01", "2004-12-31", "1984?–c. 2004?"},
	{"2004-06~/2004-08%", "2004-06~/2004-08%", "2004-06-01", "2004-08-31", "c. June 2004–c. August 2004?"},
	{"1944~/1946", "1944~/1946", "1944-01-01", "1946-12-31", "c. 1944–1946"},
	{"1944/1946?", "1944/1946?", "1944-01-01", "1946-12-31", "1944–1946?"},
	{"1945-04~/1945-06", "1945-04~/1945-06", "1945-04-01", "1945-06-30", "c. April 1945–June 1945"},
	{"1945~/1945~", "1945~/1945~", "1945-01-01", "1945-12-31", "c. 1945"},
	{"201X/2020", "201X/2020", "2010-01-01", "2020-12-31", "2010s–2020"},
	{"1985-04-XX/1985-05", "1985-04-XX/1985-05", "1985-04-01", "1985-05-31", "April 1985–May 1985"},
	{"2001-21/2001-23", "2001-21/2001-23", "2001-03-01", "2001-11-30", "Spring 2001–Autumn 2001"},
	{"2001-24/2002", "2001-24/2002", "2001-12-01", "2002-12-31", "Winter 2001–2002"},
	{"Y-170000002/1985", "Y-170000002/1985", "-170000002-01-01", "1985-12-31", "170000003 BCE–1985"},

	// The zero Date.
	{"", "", "", "", ""},
}

func TestParseValid(t *testing.T) {
	for _, c := range validCases {
		d, err := edtf.Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := d.String(); got != c.str {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.str)
		}
		if got := dayString(d.Earliest()); got != c.earliest {
			t.Errorf("Parse(%q).Earliest() = %q, want %q", c.in, got, c.earliest)
		}
		if got := dayString(d.Latest()); got != c.latest {
			t.Errorf("Parse(%q).Latest() = %q, want %q", c.in, got, c.latest)
		}
		if got := d.Display(); got != c.display {
			t.Errorf("Parse(%q).Display() = %q, want %q", c.in, got, c.display)
		}
		if again, err := edtf.Parse(d.String()); err != nil || again != d {
			t.Errorf("Parse(%q) does not round-trip through %q: %v", c.in, d.String(), err)
		}
		if d.IsInterval() != strings.Contains(c.in, "/") {
			t.Errorf("Parse(%q).IsInterval() = %v", c.in, d.IsInterval())
		}
		if d.IsZero() != (c.in == "") {
			t.Errorf("Parse(%q).IsZero() = %v", c.in, d.IsZero())
		}
	}
}

func dayString(d edtf.Day, ok bool) string {
	if !ok {
		return ""
	}
	return d.String()
}

// invalidCases lists refused inputs with a part of the expected reason and
// the offset of the problem.
var invalidCases = []struct {
	in     string
	reason string
	offset int
}{
	// Calendar validation.
	{"1945-13", "month 13 is out of range (01-12)", 5},
	{"1945-00", "month 00 is out of range", 5},
	{"2001-42", "month 42 is out of range", 5},
	{"2023-02-29", "day 29 is out of range: February 2023 has 28 days", 8},
	{"1900-02-29", "February 1900 has 28 days", 8},
	{"1945-04-31", "day 31 is out of range: April 1945 has 30 days", 8},
	{"1945-04-00", "day 00 is out of range", 8},
	{"1985-04-12T24:00:00", "hour 24 is out of range (00-23)", 11},
	{"1985-04-12T23:60:00", "minute 60 is out of range", 14},
	{"1985-04-12T23:59:60", "second 60 is out of range", 17},
	{"1985-04-12T10:00:00+25:00", "time shift hour 25 is out of range", 20},
	{"1985-04-12T10:00:00+05:60", "time shift minute 60 is out of range", 23},

	// Shape.
	{"85", "a year has four digits, not 2", 0},
	{"-85", "a year has four digits", 1},
	{".1985", "expected a four-digit year", 0},
	{"19456", "needs the Y prefix (Y19456)", 0},
	{"-19456", "needs the Y prefix (Y-19456)", 0},
	{"1985-4", "month must have two digits", 5},
	{"1985-", "missing month", 5},
	{"1985-04-", "missing day", 8},
	{"2004-06-011", "day must have two digits", 8},
	{"1985-04-12T23:20", "expected ':' before the second", 16},
	{"1985-04-12T1:00:00", "hour must have two digits", 11},
	{"1985-04T10:00:00", "a time needs a complete date", 7},
	{"1985-04-XXT10:00:00", "a time needs a complete date", 10},
	{"1945-04-22abc", "unexpected character 'a'", 10},
	{"1945-04-22-", `unexpected "-" after the date`, 10},
	{"1945-04-XX-01", `unexpected "-01" after the date`, 10},
	{"1985-04-12T10:00:00.5", `unexpected ".5" after the date`, 19},
	{"1945?~", "only one qualifier is allowed", 5},
	{"1945-04-22T10:00:00?", "a date with a time cannot be qualified", 19},
	{"1945–1946", `use "/" between the ends of an interval`, 4},
	{"\xff", "invalid UTF-8", 0},
	{"1945#", "unexpected character '#'", 4},

	// Whitespace.
	{" 1945", "leading whitespace", 0},
	{"1945 ", "trailing whitespace", 4},
	{"1945\n", "trailing whitespace", 4},
	{"1945 /1946", "whitespace is not allowed inside a date", 4},

	// Years.
	{"-0000", "year -0000 is not valid; write 0000", 0},
	{"-198X", "unspecified digits in a negative year are not supported", 0},
	{"Y1985", "the Y prefix is only for years of more than four digits; write 1985", 0},
	{"Y-1985", "write -1985", 0},
	{"Y01985", "cannot start with 0", 1},
	{"Y", "expected digits after Y", 1},
	{"Y17000000X", "unspecified digits (X) are not allowed in a Y-prefixed year", 9},
	{"Y170000002-01", "a Y-prefixed year cannot have a month or day", 10},
	{"Y1000000000", "out of range", 0},
	{"Y-1000000000", "out of range", 0},
	{"1000000000", "out of range", 0},
	{"-99999999999999999999", "out of range", 0},

	// Level 2.
	{"2001-25", "season code 25 is level 2 and not supported", 5},
	{"2001-41", "season code 41 is level 2", 5},
	{"2001-21-05", "a season cannot have a day", 7},
	{"1XXX", "more than two unspecified year digits (1XXX) are level 2 and not supported", 1},
	{"XXXX", "level 2", 0},
	{"19X5", "followed by known digits are level 2", 2},
	{"156X-12-25", "a month after a year with unspecified digits is level 2", 4},
	{"194X-04", "level 2", 4},
	{"1985-XX-12", "a known day in an unspecified month (XX-12) is level 2", 8},
	{"1984-1X", `partly unspecified month "1X" is level 2`, 5},
	{"1985-04-1X", `partly unspecified day "1X" is level 2`, 8},
	{"[1667,1668]", "level 2 sets ([...]) are not supported", 0},
	{"{1667,1668}", "level 2 sets ({...}) are not supported", 0},
	{"[..1760-12-03]", "level 2 sets", 0},
	{"2004?-06", "level 2 qualification of part of a date", 4},
	{"2004-06?-11", "level 2 qualification of part of a date", 7},
	{"?2004-06", "level 2 qualification from the left", 0},
	{"Y17E7", "level 2 exponential years (E) are not supported", 3},
	{"1950S2", "level 2 significant digits (S) are not supported", 4},
	{"2001-21^southernHemisphere", "level 2 qualifiers (^) are not supported", 7},
	{"2004-(06)?", "level 2 grouping", 5},

	// Lower case and the 2012 draft.
	{"201x", "use upper-case X", 3},
	{"1985-04-12t23:20:30", "use upper-case T", 10},
	{"1985-04-12T23:20:30z", "use upper-case Z", 19},
	{"y170000002", "use upper-case Y", 0},
	{"196u", "use X for unspecified digits", 3},
	{"unknown/2009", `not "unknown"`, 0},
	{"1985/open", `not "open"`, 5},

	// Intervals.
	{"..", `an open end ("..") is only valid in an interval`, 0},
	{"../..", "an interval needs a date on at least one side", 0},
	{"/", "an interval needs a date on at least one side", 0},
	{"../", "an interval needs a date on at least one side", 0},
	{"1945/1946/1947", `an interval has only one "/"`, 9},
	{"1985/../", `an interval has only one "/"`, 7},
	{"1950/1945", "interval ends before it starts (1945 is before 1950)", 5},
	{"1945-06/1945-03-05", "interval ends before it starts", 8},
	{"1950/194X", "interval ends before it starts", 5},
	{"2001-24/2001-11", "interval ends before it starts", 8},
	{"1985/...", "expected a four-digit year", 5},
	{"1985-04-12T10:00:00/1986", "a time of day is not allowed in an interval", 10},
	{"1985/1986-04-12T10:00:00", "a time of day is not allowed in an interval", 15},
	{"1985-13/1986", "month 13 is out of range", 5},
	{"1985/1986-13", "month 13 is out of range", 10},
}

func TestParseInvalid(t *testing.T) {
	for _, c := range invalidCases {
		d, err := edtf.Parse(c.in)
		var pe *edtf.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %q, %v; want a *ParseError", c.in, d, err)
			continue
		}
		if !strings.Contains(pe.Reason, c.reason) {
			t.Errorf("Parse(%q) reason = %q, want it to contain %q", c.in, pe.Reason, c.reason)
		}
		if pe.Offset != c.offset {
			t.Errorf("Parse(%q) offset = %d, want %d (%s)", c.in, pe.Offset, c.offset, pe.Reason)
		}
		if pe.Input != c.in {
			t.Errorf("Parse(%q) error input = %q", c.in, pe.Input)
		}
		if !d.IsZero() {
			t.Errorf("Parse(%q) returned %q with its error, want the zero Date", c.in, d)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := edtf.Parse("1945-13")
	want := `edtf: "1945-13" at offset 5: month 13 is out of range (01-12)`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(\"1945-13\") error = %v, want %s", err, want)
	}
}

func TestEqualParses(t *testing.T) {
	if edtf.MustParse("1985-04-12T23:20:30-04") != edtf.MustParse("1985-04-12T23:20:30-04:00") {
		t.Error("a time shift in hours differs from the same shift in hours and minutes")
	}
	if edtf.MustParse("1945") == edtf.MustParse("1945-XX") {
		t.Error("1945 and 1945-XX should differ: they have different precisions")
	}
	if edtf.MustParse("") != (edtf.Date{}) {
		t.Error(`Parse("") is not the zero Date`)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse of a malformed date did not panic")
		}
	}()
	edtf.MustParse("1945-13")
}

func TestText(t *testing.T) {
	for _, c := range validCases {
		d := edtf.MustParse(c.in)
		text, err := d.MarshalText()
		if err != nil || string(text) != c.str {
			t.Errorf("MarshalText(%q) = %q, %v; want %q", c.in, text, err, c.str)
		}
		var back edtf.Date
		if err := back.UnmarshalText(text); err != nil || back != d {
			t.Errorf("UnmarshalText(%q) = %q, %v", text, back, err)
		}
	}
	d := edtf.MustParse("1945")
	if err := d.UnmarshalText([]byte("1945-13")); err == nil || d != edtf.MustParse("1945") {
		t.Errorf("UnmarshalText of a malformed date gave %q, %v; want an error and no change", d, err)
	}
}

func TestDayAnchors(t *testing.T) {
	anchors := []struct {
		year       int64
		month, day int
		want       edtf.Day
		wantISO    string
	}{
		{1970, 1, 1, 0, "1970-01-01"},
		{2000, 3, 1, 11017, "2000-03-01"},
		{0, 3, 1, -719468, "0000-03-01"},
		{0, 1, 1, -719528, "0000-01-01"},
		{-1, 12, 31, -719529, "-0001-12-31"},
		{1969, 12, 31, -1, "1969-12-31"},
	}
	for _, a := range anchors {
		d := edtf.DayOf(a.year, a.month, a.day)
		if d != a.want || d.String() != a.wantISO {
			t.Errorf("DayOf(%d, %d, %d) = %d (%s), want %d (%s)", a.year, a.month, a.day, d, d, a.want, a.wantISO)
		}
	}
	strs := map[edtf.Day]string{
		edtf.DayOf(-44, 3, 15):              "-0044-03-15",
		edtf.DayOf(12345, 1, 1):             "12345-01-01",
		edtf.DayOf(-12345, 1, 1):            "-12345-01-01",
		edtf.DayOf(999999999, 12, 31):       "999999999-12-31",
		edtf.DayOf(-999999999, 1, 1):        "-999999999-01-01",
		edtf.DayOf(1945, 4, 22):             "1945-04-22",
		edtf.DayOf(1000000000000000, 6, 30): "1000000000000000-06-30",
	}
	for d, want := range strs {
		if d.String() != want {
			t.Errorf("Day(%d).String() = %q, want %q", int64(d), d.String(), want)
		}
	}
}

// TestDayAgainstTime checks every day from 1000 BCE to 2500 CE against the
// standard library, which also uses the proleptic Gregorian calendar.
func TestDayAgainstTime(t *testing.T) {
	start := time.Date(-999, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2500, 12, 31, 0, 0, 0, 0, time.UTC)
	want := edtf.Day(start.Unix() / 86400)
	for tm := start; !tm.After(end); tm = tm.AddDate(0, 0, 1) {
		year, month, day := int64(tm.Year()), int(tm.Month()), tm.Day()
		d := edtf.DayOf(year, month, day)
		if d != want {
			t.Fatalf("DayOf(%d, %d, %d) = %d, want %d", year, month, day, d, want)
		}
		if y, m, dd := d.Date(); y != year || m != month || dd != day {
			t.Fatalf("Day(%d).Date() = %d-%d-%d, want %d-%d-%d", d, y, m, dd, year, month, day)
		}
		want++
	}
}

func TestDayWideRange(t *testing.T) {
	years := []int64{-1000000000000000, -999999999, -170000002, -400, -101, -100, -5, -4, -1, 0, 1, 4, 100, 1900, 2000, 170000002, 999999999, 1000000000000000}
	for _, y := range years {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {3, 1}, {12, 31}} {
			d := edtf.DayOf(y, md[0], md[1])
			if gy, gm, gd := d.Date(); gy != y || gm != md[0] || gd != md[1] {
				t.Errorf("DayOf(%d, %d, %d).Date() = %d, %d, %d", y, md[0], md[1], gy, gm, gd)
			}
		}
		if got := edtf.DayOf(y+400, 1, 1) - edtf.DayOf(y, 1, 1); got != 146097 {
			t.Errorf("400 years from %d last %d days, want 146097", y, got)
		}
		first, last := edtf.YearSpan(y)
		want := edtf.Day(337 + edtf.DaysIn(y, 2))
		if last-first+1 != want {
			t.Errorf("YearSpan(%d) covers %d days, want %d", y, last-first+1, want)
		}
	}
}

func TestDayNormalisation(t *testing.T) {
	cases := []struct {
		got, want edtf.Day
	}{
		{edtf.DayOf(1999, 13, 1), edtf.DayOf(2000, 1, 1)},
		{edtf.DayOf(2000, 3, 0), edtf.DayOf(2000, 2, 29)},
		{edtf.DayOf(2000, 0, 1), edtf.DayOf(1999, 12, 1)},
		{edtf.DayOf(2000, -11, 1), edtf.DayOf(1999, 1, 1)},
		{edtf.DayOf(2000, 1, 366), edtf.DayOf(2000, 12, 31)},
		{edtf.DayOf(0, -1, 1), edtf.DayOf(-1, 11, 1)},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %s, want %s", i, c.got, c.want)
		}
	}
}

func TestDaysIn(t *testing.T) {
	cases := []struct {
		year        int64
		month, want int
	}{
		{2000, 2, 29}, {1900, 2, 28}, {2024, 2, 29}, {2023, 2, 28}, {0, 2, 29},
		{-4, 2, 29}, {-100, 2, 28}, {-400, 2, 29}, {-1, 2, 28},
		{2023, 4, 30}, {2023, 1, 31}, {2023, 12, 31}, {2023, 13, 31}, {2023, 14, 29},
	}
	for _, c := range cases {
		if got := edtf.DaysIn(c.year, c.month); got != c.want {
			t.Errorf("DaysIn(%d, %d) = %d, want %d", c.year, c.month, got, c.want)
		}
	}
}

func TestSpans(t *testing.T) {
	first, last := edtf.MonthSpan(1900, 2)
	if first.String() != "1900-02-01" || last.String() != "1900-02-28" {
		t.Errorf("MonthSpan(1900, 2) = %s, %s", first, last)
	}
	first, last = edtf.YearSpan(-44)
	if first.String() != "-0044-01-01" || last.String() != "-0044-12-31" {
		t.Errorf("YearSpan(-44) = %s, %s", first, last)
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"1945-04-22", "1950~", "194X", "1944-12/1945-02", "../1985-04-12", "1985-04-12T23:20:30+05:00"}
	for b.Loop() {
		for _, s := range inputs {
			if _, err := edtf.Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
