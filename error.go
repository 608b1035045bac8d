package recto

import (
	"errors"
	"fmt"
	"strings"
)

// Application error codes. Each protocol maps them once: HTTP to a status,
// OAI-PMH to an error code, the CLI to an exit message.
const (
	EINVALID  = "invalid"   // the input breaks a rule; the message says which
	ENOTFOUND = "not_found" // no such record, or not visible to the caller
	EINTERNAL = "internal"  // anything else; details are logged, never shown
	// EUNAVAILABLE: not ready yet, such as search while its index is
	// being built; the message says so, and asking again later will do.
	EUNAVAILABLE = "unavailable"
	// EGONE: the record existed for the reader and exists no longer (a
	// withdrawn document); the error's Notice says what may still be said.
	EGONE = "gone"
)

// Error is an application error with a code and a message safe to show to a user.
type Error struct {
	Code    string
	Message string
	// Fields lists the individual problems of an EINVALID error, each naming a field.
	Fields []FieldError
	// Notice is what an EGONE error's answer may still say of the record.
	Notice *Notice
}

// Error implements the error interface.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.String()
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError is one validation problem, located by a field path such as
// "texts[1].lang" or "sources[0].parts[2].value".
type FieldError struct {
	Field   string
	Message string
}

func (f FieldError) String() string { return f.Field + ": " + f.Message }

// PrefixFields returns err with every field path of an EINVALID error put
// under prefix ("title" under "documents[3]" is "documents[3].title"), so a
// batch can say which item failed. Other errors are returned unchanged.
func PrefixFields(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	p := &Error{Code: e.Code, Message: e.Message, Fields: make([]FieldError, len(e.Fields))}
	for i, f := range e.Fields {
		p.Fields[i] = FieldError{Field: prefix + "." + f.Field, Message: f.Message}
	}
	return p
}

// TrimFieldPrefix is PrefixFields undone: it removes prefix from the field
// paths that start with it, for single-item calls of batch code.
func TrimFieldPrefix(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	p := &Error{Code: e.Code, Message: e.Message, Fields: make([]FieldError, len(e.Fields))}
	for i, f := range e.Fields {
		p.Fields[i] = FieldError{Field: strings.TrimPrefix(f.Field, prefix+"."), Message: f.Message}
	}
	return p
}

// ErrorCode returns the code of an application error, or EINTERNAL for any other error.
// It returns "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of an application error, or a generic
// message for any other error, so internal details never reach a page.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}

// validator collects field errors while a value is checked.
type validator struct {
	prefix string
	errs   *[]FieldError
}

func newValidator() validator { return validator{errs: new([]FieldError)} }

// at returns a validator whose field paths are nested under name.
func (v validator) at(name string) validator {
	if v.prefix != "" {
		name = v.prefix + "." + name
	}
	return validator{prefix: name, errs: v.errs}
}

// index returns a validator for element i of the list called name.
func (v validator) index(name string, i int) validator {
	return v.at(fmt.Sprintf("%s[%d]", name, i))
}

func (v validator) fail(field, format string, args ...any) {
	if v.prefix != "" {
		field = v.prefix + "." + field
	}
	*v.errs = append(*v.errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// required fails when s is blank.
func (v validator) required(field, s string) {
	if strings.TrimSpace(s) == "" {
		v.fail(field, "required")
	}
}

// err returns the collected problems as one EINVALID error, or nil.
func (v validator) err(what string) error {
	if len(*v.errs) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "invalid " + what, Fields: *v.errs}
}
