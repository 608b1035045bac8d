package csv

import (
	"fmt"
	"strings"
)

// Error is a problem in a CSV file, located at the field it concerns.
type Error struct {
	File   string // the name given to Read
	Line   int    // 1-based line of the field; 0 when the problem is the whole file's
	Column int    // 1-based byte column of the field in its line; 0 when no one field is at fault
	Field  string // the column's name, from the header; "" when the problem is not one column's
	Err    error
}

// Error returns the problem as `docs.csv:7: column "date": "1945-13" is
// not an EDTF date: …`.
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "column %q: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// valueError is a message that keeps the error it was made from (an
// *edtf.ParseError) reachable through errors.As.
type valueError struct {
	msg string
	err error
}

func (e *valueError) Error() string { return e.msg }
func (e *valueError) Unwrap() error { return e.err }
