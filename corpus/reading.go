package corpus

import (
	"fmt"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// Reading is a value read leniently: a date or a language written as
// people write them ("June 1934", "Russian"), and what it was read as.
// Imports report every one, so that nothing is changed without a word.
type Reading struct {
	At      string // where the record was read ("docs.csv:7"); "" when unknown
	Field   string // the record's field: "date", "languages", "texts[0].lang"
	Written string // the value as written
	Read    string // what it was read as: EDTF or a language tag; "" for no date
}

// String returns the reading as `docs.csv:7: date "June 1934" read as 1934-06`.
func (r Reading) String() string {
	read := r.Read
	if read == "" {
		read = "no date"
	}
	s := fmt.Sprintf("%s %q read as %s", r.Field, r.Written, read)
	if r.At != "" {
		s = r.At + ": " + s
	}
	return s
}

// date reads an EDTF date, or a date as people write it, noting the
// reading; field names the record's field in errors and readings.
func (l *Loader) date(field, v, at string) (edtf.Date, error) {
	d, lenient, err := edtf.ParseLenient(v)
	if err != nil {
		return d, fmt.Errorf("%s: %w", field, err)
	}
	if lenient {
		l.Readings = append(l.Readings, Reading{At: at, Field: field, Written: v, Read: d.String()})
	}
	return d, nil
}

// language reads a BCP 47 tag, or a language's name, noting the reading.
// An empty value stays empty: whether it may be is the record's rule.
func (l *Loader) language(field, v, at string) (string, error) {
	if v == "" {
		return "", nil
	}
	tag, named, err := recto.ReadLanguage(v)
	if err != nil {
		return "", fmt.Errorf("%s: %w", field, err)
	}
	if named {
		l.Readings = append(l.Readings, Reading{At: at, Field: field, Written: v, Read: tag})
	}
	return tag, nil
}

// languages reads a list of languages as language does; field[i] names
// each.
func (l *Loader) languages(field string, vs []string, at string) ([]string, error) {
	var out []string
	for i, v := range vs {
		tag, err := l.language(fmt.Sprintf("%s[%d]", field, i), v, at)
		if err != nil {
			return nil, err
		}
		out = append(out, tag)
	}
	return out, nil
}
