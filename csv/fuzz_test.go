package csv

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
)

// FuzzRead reads any bytes as a CSV file of documents. It must not panic;
// every document it emits comes after the authorities it names, with dates
// that parse, and every problem is an *Error naming the file and a line
// (but the note that reading stopped). Its seeds are in
// testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	f.Add([]byte("source_id,title\na,A\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		known := map[string]bool{}
		err := Decode(bytes.NewReader(data), "f.csv", func(rec corpus.Line, at string) error {
			if !strings.HasPrefix(at, "f.csv:") {
				t.Fatalf("record placed at %q", at)
			}
			switch {
			case rec.Agent != nil:
				known[rec.Agent.Key] = true
			case rec.Place != nil:
				known[rec.Place.Key] = true
			case rec.Collection != nil:
				if c := rec.Collection; c.Parent != "" && !known[c.Parent] {
					t.Fatalf("collection %q comes before its parent %q", c.Key, c.Parent)
				}
				known[rec.Collection.Key] = true
			case rec.Repository != nil:
				known[rec.Repository.Key] = true
			case rec.Subject != nil:
				known[*rec.Subject] = true
			case rec.Document != nil:
				d := rec.Document
				for _, date := range []string{d.Date, d.Classification.DeclassifiedOn} {
					if _, err := edtf.Parse(date); err != nil {
						t.Fatalf("document %q: date %q: %v", d.Key, date, err)
					}
				}
				refs := append(append(append([]string{}, d.Places...), d.Subjects...), d.Collections...)
				for _, c := range d.Credits {
					refs = append(refs, c.Agent)
				}
				for _, k := range refs {
					if !known[k] {
						t.Fatalf("document %q names %q before it is emitted", d.Key, k)
					}
				}
			}
			return nil
		})
		if err == nil {
			return
		}
		errs := []error{err}
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			errs = joined.Unwrap()
		}
		for i, e := range errs {
			var ce *Error
			if !errors.As(e, &ce) || ce.File != "f.csv" || !strings.HasPrefix(e.Error(), "f.csv") {
				t.Fatalf("error %v (%T) does not name the file", e, e)
			}
			if ce.Line < 1 && !(i == len(errs)-1 && strings.Contains(e.Error(), "too many problems")) {
				t.Fatalf("error %v names no line", e)
			}
		}
	})
}
