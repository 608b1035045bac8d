package csv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// splitList splits a multi-value cell at each "|" not written "\|",
// unescapes "\|" and "\\", trims the values and drops empty ones. Any other
// backslash is kept as written.
func splitList(s string) []string {
	if !strings.Contains(s, `\`) {
		var out []string
		for item := range strings.SplitSeq(s, "|") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
		return out
	}
	var out []string
	var b strings.Builder
	add := func() {
		if v := strings.TrimSpace(b.String()); v != "" {
			out = append(out, v)
		}
		b.Reset()
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case c == '|':
			add()
		default:
			b.WriteByte(c)
		}
	}
	add()
	return out
}

// escaper escapes a value for a multi-value cell.
var escaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`)

// joinList writes values as one multi-value cell.
func joinList(values []string) string {
	switch len(values) {
	case 0:
		return ""
	case 1:
		return escaper.Replace(values[0])
	}
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteByte('|')
		}
		escaper.WriteString(&b, v)
	}
	return b.String()
}

// identifierSchemes are the schemes of external identifiers an authority
// reference may give instead of a name: "viaf:102333412".
var identifierSchemes = map[string]bool{
	"viaf": true, "wikidata": true, "geonames": true, "lcnaf": true, "isni": true, "orcid": true,
}

// ref is an authority reference read from a cell: exactly one of id,
// scheme (with value) and name is set.
type ref struct {
	id     int64  // "#123": the authority with this Record ID
	scheme string // "viaf:123": the authority with this identifier
	value  string
	name   string // anything else: the authority with this exact name
	org    bool   // "org:Name": an organisation (agents only)
}

// What a reference may be.
const (
	withIdentifiers = 1 << iota // scheme:value
	withOrg                     // org:Name
)

// parseRef reads an authority reference from a trimmed value.
func parseRef(v string, allow int) (ref, error) {
	if rest, ok := strings.CutPrefix(v, "#"); ok && rest != "" && allDigits(rest) {
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || id <= 0 {
			return ref{}, fmt.Errorf("%q is not a Record ID (a positive integer after #)", v)
		}
		return ref{id: id}, nil
	}
	if allow&withOrg != 0 {
		if rest, ok := strings.CutPrefix(v, "org:"); ok {
			name := strings.TrimSpace(rest)
			if name == "" {
				return ref{}, fmt.Errorf("%q names no organisation", v)
			}
			return ref{name: name, org: true}, nil
		}
	}
	if allow&withIdentifiers != 0 {
		if scheme, value, ok := strings.Cut(v, ":"); ok && identifierSchemes[strings.ToLower(scheme)] {
			value = strings.TrimSpace(value)
			if value == "" {
				return ref{}, fmt.Errorf("%q has no identifier after the scheme", v)
			}
			return ref{scheme: strings.ToLower(scheme), value: value}, nil
		}
	}
	return ref{name: v}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// part is a "type(Label)=value" item of a reference or media cell.
type part struct {
	typ, label, value string
	labelled          bool // the label was given in parentheses
}

var errPartForm = errors.New("needs the form type=value or type(Label)=value")

// parsePart reads one item of a reference or media cell: "fond=R-9401ss",
// "fond(F.)=R-9401ss", "(Shelfmark)=A 12". The type ends at the first "("
// or "="; a label runs to the first ")=" after its "(".
func parsePart(s string) (part, error) {
	eq := strings.IndexByte(s, '=')
	paren := strings.IndexByte(s, '(')
	var p part
	switch {
	case paren >= 0 && (eq < 0 || paren < eq):
		end := strings.Index(s[paren:], ")=")
		if end < 0 {
			return part{}, fmt.Errorf("%q: a label in parentheses must be followed by =value", s)
		}
		p = part{typ: strings.TrimSpace(s[:paren]), label: strings.TrimSpace(s[paren+1 : paren+end]),
			value: strings.TrimSpace(s[paren+end+2:]), labelled: true}
		if p.label == "" {
			return part{}, fmt.Errorf("%q: the label in parentheses is empty", s)
		}
	case eq >= 0:
		p = part{typ: strings.TrimSpace(s[:eq]), value: strings.TrimSpace(s[eq+1:])}
	default:
		return part{}, fmt.Errorf("%q %w", s, errPartForm)
	}
	if p.value == "" {
		return part{}, fmt.Errorf("%q has no value after =", s)
	}
	return p, nil
}

// formatPart writes a part as parsePart reads it; the label is left out
// when it is the type's standard one, given as std.
func formatPart(typ, label, std, value string) string {
	if label != "" && label != std || typ == "" {
		return typ + "(" + label + ")=" + value
	}
	return typ + "=" + value
}

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (=HYPERLINK(…), +, -, @) or that it drops before one
// (tab, carriage return), as OWASP lists them for CSV injection.
const formulaStarts = "=+-@\t\r"

// needsGuard reports whether Write guards a cell: it would start a
// formula, or it starts with apostrophes before such a start, so that
// the guard Read removes is always Write's.
func needsGuard(v string) bool {
	t := strings.TrimLeft(v, "'")
	return t != "" && strings.IndexByte(formulaStarts, t[0]) >= 0
}

// guard writes a cell so that no spreadsheet runs it: a leading
// apostrophe, as spreadsheet-safe exporters write, when it needs one.
func guard(v string) string {
	if needsGuard(v) {
		return "'" + v
	}
	return v
}

// unguard removes the apostrophe guard added: Read gives back what Write
// was given ("'=1+1" is "=1+1"; of two apostrophes before "=", one is
// the guard); any other apostrophe is the cell's own.
func unguard(v string) string {
	if rest, ok := strings.CutPrefix(v, "'"); ok && needsGuard(rest) {
		return rest
	}
	return v
}
