package edtf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/recto-archive/recto/edtf"
)

// lenientCases are dates as archives write them and the EDTF each is read as.
var lenientCases = []struct{ in, want string }{
	{"June 1934", "1934-06"},
	{"june, 1934", "1934-06"},
	{"Sept. 1934", "1934-09"},
	{"Apr 1945", "1945-04"},
	{"c. 1950", "1950~"},
	{"ca. 1950", "1950~"},
	{"ca 1950", "1950~"},
	{"circa 1950", "1950~"},
	{"c1950", "1950~"},
	{"1940s", "194X"},
	{"1940's", "194X"},
	{"22 April 1945", "1945-04-22"},
	{"22nd April 1945", "1945-04-22"},
	{"April 22, 1945", "1945-04-22"},
	{"Apr. 22 1945", "1945-04-22"},
	{"spring 1945", "1945-21"},
	{"Autumn 1945", "1945-23"},
	{"fall 1945", "1945-23"},
	{"winter, 1944", "1944-24"},
	{"April–June 1945", "1945-04/1945-06"},
	{"April-June 1945", "1945-04/1945-06"},
	{"April — June 1945", "1945-04/1945-06"},
	{"1944–1949", "1944/1949"},
	{"1944-1949", "1944/1949"},
	{"1944 to 1949", "1944/1949"},
	{"December 1944–February 1945", "1944-12/1945-02"},
	{"22–25 April 1945", "1945-04-22/1945-04-25"},
	{"April 22–25, 1945", "1945-04-22/1945-04-25"},
	{"April 22–May 3, 1945", "1945-04-22/1945-05-03"},
	{"22 April–3 May 1945", "1945-04-22/1945-05-03"},
	{"1945-04-22 – 1945-05-01", "1945-04-22/1945-05-01"},
	{"spring–summer 1945", "1945-21/1945-22"},
	{"c. 1944–1949", "1944~/1949"},
	{"?1945", "1945?"},
	{"c. 1945?", "1945%"},
	{"June 1934?", "1934-06?"},
	{"22.04.1945", "1945-04-22"},
	{"1.4.1945", "1945-04-01"},
	{"1945-4-2", "1945-04-02"},
	{" 1945 ", "1945"},
	{"undated", ""},
	{"Undated", ""},
	{"n.d.", ""},
	{"N.D.", ""},
	{"no date", ""},
	{"nd", ""},
	{"s.d.", ""},
	{"1945-4", "1945-04"},
}

func TestParseLenient(t *testing.T) {
	for _, c := range lenientCases {
		d, lenient, err := edtf.ParseLenient(c.in)
		if err != nil || !lenient || d.String() != c.want {
			t.Errorf("ParseLenient(%q) = %q, %v, %v; want %q, true, nil", c.in, d.String(), lenient, err, c.want)
		}
	}
}

func TestParseLenientStrictFirst(t *testing.T) {
	for _, c := range validCases {
		d, lenient, err := edtf.ParseLenient(c.in)
		want, _ := edtf.Parse(c.in)
		if err != nil || lenient || d != want {
			t.Errorf("ParseLenient(%q) = %q, %v, %v; want the strict reading %q, false, nil", c.in, d, lenient, err, want)
		}
	}
}

func TestParseLenientDisplay(t *testing.T) {
	for in, want := range map[string]string{"spring 1945": "Spring 1945", "April–June 1945": "April–June 1945",
		"c. 1950": "c. 1950", "1940s": "1940s", "22 April 1945": "April 22, 1945"} {
		d, _, err := edtf.ParseLenient(in)
		if err != nil || d.Display() != want {
			t.Errorf("ParseLenient(%q).Display() = %q, %v; want %q", in, d.Display(), err, want)
		}
	}
}

// TestParseLenientRefuses checks that what the grammar does not cover, or
// covers ambiguously, is refused with a reason that names the EDTF form.
func TestParseLenientRefuses(t *testing.T) {
	for _, c := range []struct{ in, reason string }{
		{"04/22/1945", "write 1945-04-22 if 04 is the month, 1945-22-04 if 22 is"},
		{"3/4/1945", "ambiguous"},
		{"1944–49", "write the range as 1944/1949"},
		{"1900s", "write 190X for the decade or 19XX for the century"},
		{"Jnue 1934", `"jnue" is not a word of dates Recto reads: months are written in English`},
		{"22 апреля 1945", `"апреля" is not a word`},
		{"June 22 1945 1946", "not a date in EDTF"},
		{"31 April 1945", "read as 1945-04-31, which is not a date: day 31 is out of range"},
		{"June 1945–April 1945", "ends before it starts"},
		{"1945-13", "month 13 is out of range"},
		{"yesterday", `"yesterday" is not a word`},
		{"22 34 1945", `"June 1934"`},
		{"April", "not a date"},
		{"22", "a year has four digits"},
		{strings.Repeat("1", 300), "too long"},
	} {
		_, _, err := edtf.ParseLenient(c.in)
		var pe *edtf.ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Reason, c.reason) {
			t.Errorf("ParseLenient(%q) error = %v; want a *ParseError saying %q", c.in, err, c.reason)
		}
	}
}

// BenchmarkParseLenient reads six dates written in words, a file's worth of
// cells being a few thousand of them.
func BenchmarkParseLenient(b *testing.B) {
	inputs := []string{"June 1934", "c. 1950", "1940s", "22 April 1945", "April 22–May 3, 1945", "spring 1945"}
	for b.Loop() {
		for _, s := range inputs {
			if _, _, err := edtf.ParseLenient(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
