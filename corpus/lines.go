package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/input"
)

// MaxLine is the longest line ReadLines reads: one record, as long as a
// document with several long texts may need, and no more than a reader
// holds at once.
const MaxLine = 64 << 20

// MaxProblems is how many problems a reader of a file (ReadLines, the CSV
// reader) reports before it stops reading.
const MaxProblems = 20

// ReadLines reads a JSON Lines corpus from r and gives each record to emit
// as it goes; name, when not empty, starts error messages
// ("archive.jsonl:12: …", else "line 12: …").
//
// The file is UTF-8, with or without a byte order mark; UTF-16 with a byte
// order mark is converted. Lines may end in CRLF; blank lines are skipped.
// Every other line holds exactly one JSON object with one record, at most
// MaxLine bytes long.
//
// ReadLines checks each line's JSON and what its record says by itself
// (dates, languages, times). From the first problem on, it emits nothing
// more but goes on reading, and returns every problem (up to MaxProblems)
// joined by errors.Join, each with its line, in file order. An error of
// emit stops it and is returned as it is.
//
// With partial, a document carries only the fields its line has (its
// Fields are set): an import then leaves the others as the archive has
// them. Without, a document is whole.
func ReadLines(r io.Reader, name string, partial bool, emit Emit) error {
	where := func(n int) string {
		if name == "" {
			return fmt.Sprintf("line %d", n)
		}
		return fmt.Sprintf("%s:%d", name, n)
	}
	text, _, err := input.Open(r)
	if err != nil {
		return fmt.Errorf("%s: %w", where(1), err)
	}
	sc := bufio.NewScanner(text)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	n := 0
	var problems []error
	for sc.Scan() && len(problems) < MaxProblems {
		n++
		data := sc.Bytes()
		if len(bytes.TrimSpace(data)) == 0 {
			continue
		}
		ln, err := readLine(data, partial, where(n))
		switch {
		case err != nil:
			problems = append(problems, err)
		case len(problems) == 0:
			if err := emit(ln, where(n)); err != nil {
				return err
			}
		}
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		problems = append(problems, fmt.Errorf("%s: the line is longer than %s, the most one record may take", where(n+1), input.Size(MaxLine)))
	case err != nil:
		problems = append(problems, fmt.Errorf("%s: %w", where(n+1), err))
	case len(problems) == MaxProblems:
		problems = append(problems, errors.New(strings.TrimPrefix(name+": ", ": ")+"too many problems; reading stopped"))
	}
	return errors.Join(problems...)
}

// readLine decodes the line at and checks what its record says by itself.
func readLine(data []byte, partial bool, at string) (Line, error) {
	ln, err := decodeLine(data, partial)
	if le, ok := errors.AsType[*lineError](err); ok && le.Col > 0 {
		return ln, fmt.Errorf("%s:%d: %w", at, le.Col, err)
	} else if err != nil {
		return ln, fmt.Errorf("%s: %w", at, err)
	}
	return ln, recordError(at, recordName(ln), (&valueReader{}).check(ln))
}

// lineError is a problem on a line, at a byte column when Col > 0.
type lineError struct {
	Col int
	Err error
}

func (e *lineError) Error() string { return e.Err.Error() }

// decodeLine decodes one line.
func decodeLine(data []byte, partial bool) (Line, error) {
	var ln Line
	if !utf8.Valid(data) {
		col := 0 // of the first byte that is not UTF-8, which there is
		for {
			r, size := utf8.DecodeRune(data[col:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			col += size
		}
		return ln, &lineError{col + 1, fmt.Errorf("byte %#x is not UTF-8: the file must be UTF-8", data[col])}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ln); err != nil {
		return ln, jsonError(err)
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r"); len(rest) > 0 {
		return ln, &lineError{len(data) - len(rest) + 1, errors.New("more after the record: a line holds one JSON value")}
	}
	if partial && ln.Document != nil {
		fields, err := lineFields(data)
		if err != nil {
			return ln, jsonError(err)
		}
		ln.Document.Fields = fields
	}
	return ln, nil
}

// jsonError says what encoding/json found wrong in the words of the
// format: where, and which field, without Go's names for types.
func jsonError(err error) error {
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return &lineError{int(se.Offset), errors.New(strings.TrimPrefix(se.Error(), "json: "))}
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return &lineError{int(te.Offset), fmt.Errorf("field %s: %s where %s belongs", te.Field, jsonKind(te.Value), jsonType(te.Type))}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &lineError{0, errors.New("the line ends inside the JSON value")}
	}
	return &lineError{0, errors.New(strings.TrimPrefix(err.Error(), "json: "))} // unknown field "x"
}

// jsonKind names what encoding/json found ("string", "number 1.5").
func jsonKind(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "string", "number":
		return "a " + v
	case "bool":
		return "true or false"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + n
	}
	return v
}

// jsonType names the JSON that a Go type takes.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	}
	return "another value"
}

// lineFields returns the fields a document line has, by their corpus
// names ("title", "texts"); the keys and stamps are not fields an update
// carries.
func lineFields(data []byte) (recto.FieldSet, error) {
	var keys struct {
		Document map[string]json.RawMessage `json:"document"`
	}
	if err := json.Unmarshal(data, &keys); err != nil {
		return nil, err
	}
	fields := recto.FieldSet{}
	for k := range keys.Document {
		if name, ok := documentKeys[strings.ToLower(k)]; ok {
			fields[name] = true
		}
	}
	return fields, nil
}

// documentKeys are the JSON names of Document's fields; encoding/json
// matches them without regard to case.
var documentKeys = func() map[string]string {
	m := map[string]string{}
	t := reflect.TypeFor[Document]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[strings.ToLower(name)] = name
		}
	}
	return m
}()
