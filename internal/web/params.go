package web

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/recto-archive/recto"
)

// MaxParamBytes bounds the value of every query parameter of the machine
// interfaces (the JSON API, /srv/): a search is read to 1,000 characters,
// and no other parameter needs more.
const MaxParamBytes = 2000

// Query parses a query string for the machine interfaces and checks every
// parameter with CheckParam. A malformed query string (a bad %-escape) is
// an EINVALID error too, since no parameter of it can be trusted.
func Query(rawQuery string) (url.Values, error) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, recto.Errorf(recto.EINVALID, "The query string is malformed: %s.", err)
	}
	// In name order, so that the same request is always refused alike.
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}) {
		if p := problem(name); p != "" {
			return nil, recto.Errorf(recto.EINVALID, "A parameter name %s.", p)
		}
		for _, v := range q[name] {
			if err := CheckParam(name, v); err != nil {
				return nil, err
			}
		}
	}
	return q, nil
}

// CheckParam refuses a parameter value that is not text: not UTF-8, or
// holding NUL or another control character (tab, line feed and carriage
// return aside), or longer than MaxParamBytes. Such a value means nothing
// to a search or a filter, and would otherwise be dropped and widen the
// answer to everything. The EINVALID error names the parameter.
func CheckParam(name, value string) error {
	if p := problem(value); p != "" {
		return recto.Errorf(recto.EINVALID, "The value of %s %s.", name, p)
	}
	return nil
}

// problem says what makes s unfit for a parameter, or "".
func problem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "is not UTF-8 text"
	case strings.ContainsFunc(s, isControl):
		return "holds a control character"
	case len(s) > MaxParamBytes:
		return fmt.Sprintf("is longer than %d bytes", MaxParamBytes)
	}
	return ""
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (0x7f <= r && r < 0xa0)
}
