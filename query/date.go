package query

import (
	"errors"
	"fmt"
	"strings"

	"github.com/recto-archive/recto/edtf"
)

// date turns the value of a date filter into a DateRange, or reports why it
// cannot and returns nil.
func (p *parser) date(value string, off int) Node {
	d, err := parseDate(value)
	if err != nil {
		reason := err.Error()
		var pe *edtf.ParseError
		if errors.As(err, &pe) {
			reason = pe.Reason
		}
		p.report(off, fmt.Sprintf(`Invalid date "%s": %s. Dates look like 1945, 1945-04, 1945-04-22 or 1944..1949; the filter was ignored.`, value, reason))
		return nil
	}
	r := &DateRange{Text: value}
	if day, ok := d.Earliest(); ok {
		r.From = day
	} else {
		r.Open[0] = true
	}
	if day, ok := d.Latest(); ok {
		r.To = day
	} else {
		r.Open[1] = true
	}
	return r
}

// parseDate reads a date filter's value as an EDTF date. A range "a..b" is
// rewritten as the EDTF interval "a/b", with ".." for an open side, so that
// package edtf checks its sides, their order and that one of them is given.
// A value with a "/" is already EDTF and is left alone. Letters are made upper
// case because EDTF refuses lower case and people type 194x.
func parseDate(value string) (edtf.Date, error) {
	s := strings.Map(asciiUpper, value)
	if from, to, ok := strings.Cut(s, ".."); ok && !strings.Contains(s, "/") {
		s = openEnd(from) + "/" + openEnd(to)
	}
	return edtf.Parse(s)
}

func openEnd(side string) string {
	if side == "" {
		return ".."
	}
	return side
}

func asciiUpper(r rune) rune {
	if 'a' <= r && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}
