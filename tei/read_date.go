package tei

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/recto-archive/recto/edtf"
)

// errNotDate is the problem with a date attribute that is not an ISO 8601
// date, or not a real day.
var errNotDate = errors.New("not a valid date")

var (
	isoDate = regexp.MustCompile(`^-?\d{4}(-\d{2}(-\d{2})?)?$`)
	isoTime = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$`)
)

// teiDate returns the EDTF date of a TEI date element: the calendar date of
// @when, else the interval @notBefore/@notAfter; "" when it has none.
func teiDate(n *node) (string, error) {
	el := n.name.Local
	if v := n.get("when"); v != "" {
		d, err := isoDay(v)
		if err != nil {
			return "", fmt.Errorf("%s/@when %q: %w", el, v, err)
		}
		return d, nil
	}
	return isoRange(el+"/@notBefore", n.get("notBefore"), el+"/@notAfter", n.get("notAfter"))
}

// isoRange returns the EDTF interval between the calendar dates of two ISO
// 8601 values (names are the attributes, for errors), a single day when
// both give the same day, or an open interval when one is missing.
func isoRange(loName, lo, hiName, hi string) (string, error) {
	var ends [2]string
	for i, end := range [2]struct{ name, value string }{{loName, lo}, {hiName, hi}} {
		if end.value == "" {
			continue
		}
		d, err := isoDay(end.value)
		if err != nil {
			return "", fmt.Errorf("%s %q: %w", end.name, end.value, err)
		}
		ends[i] = d
	}
	var s string
	switch {
	case ends[0] == ends[1]:
		s = ends[0]
	case ends[0] == "":
		s = "../" + ends[1]
	case ends[1] == "":
		s = ends[0] + "/.."
	default:
		s = ends[0] + "/" + ends[1]
	}
	if _, err := edtf.Parse(s); err != nil {
		return "", fmt.Errorf("%s %q to %s %q: %w: %s", loName, lo, hiName, hi, errNotDate, reason(err))
	}
	return s, nil
}

// isoDay returns the calendar date of an ISO 8601 date, or date and time, as
// written. A time's offset is not applied: "1945-04-06T10:00:00+07:00" is
// 1945-04-06, the day of the dateline, although it is April 5 in Washington.
func isoDay(v string) (string, error) {
	date, clock, timed := strings.Cut(v, "T")
	if !isoDate.MatchString(date) || timed && (len(strings.TrimPrefix(date, "-")) != len("2006-01-02") || !isoTime.MatchString(clock)) {
		return "", errNotDate
	}
	if _, err := edtf.Parse(date); err != nil {
		return "", fmt.Errorf("%w: %s", errNotDate, reason(err))
	}
	return date, nil
}

// reason returns what an edtf error says is wrong, without the input it repeats.
func reason(err error) string {
	if pe, ok := errors.AsType[*edtf.ParseError](err); ok {
		return pe.Reason
	}
	return err.Error()
}
