package edtf_test

import (
	"testing"

	"github.com/recto-archive/recto/edtf"
)

func FuzzParse(f *testing.F) {
	for _, c := range validCases {
		f.Add(c.in)
	}
	for _, c := range invalidCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := edtf.Parse(s)
		if err != nil {
			if _, ok := err.(*edtf.ParseError); !ok {
				t.Fatalf("Parse(%q) error %T is not a *ParseError", s, err)
			}
			return
		}
		again, err := edtf.Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("Parse(%q).String() = %q does not re-parse to the same value: %v", s, d.String(), err)
		}
		_ = d.Display()
		first, okFirst := d.Earliest()
		last, okLast := d.Latest()
		if okFirst && okLast && first > last {
			t.Fatalf("Parse(%q): Earliest %s is after Latest %s", s, first, last)
		}
	})
}

// FuzzParseLenient checks that the lenient reader never panics, fails only
// with a *ParseError, and returns only values that are valid EDTF.
func FuzzParseLenient(f *testing.F) {
	for _, c := range lenientCases {
		f.Add(c.in)
	}
	for _, c := range validCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := edtf.ParseLenient(s)
		if err != nil {
			if _, ok := err.(*edtf.ParseError); !ok {
				t.Fatalf("ParseLenient(%q) error %T is not a *ParseError", s, err)
			}
			return
		}
		again, err := edtf.Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseLenient(%q) = %q, which does not parse back to the same value: %v", s, d.String(), err)
		}
		_ = d.Display()
	})
}
