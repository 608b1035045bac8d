package tei_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/tei"
)

// FuzzRead reads any bytes as a TEI file. It must not panic, and it either
// gives records that refer only to what came before them, with dates that
// parse, or fails with an *Error naming the file and a line. Its seeds are
// in testdata/fuzz/FuzzRead; the limits keep time and memory bounded.
func FuzzRead(f *testing.F) {
	f.Add([]byte(teiOpen + "<text><body><p>x</p></body></text></TEI>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var file corpus.File
		keys := map[string]bool{}
		err := tei.Decode(bytes.NewReader(data), "f.xml", func(rec corpus.Line, at string) error {
			if !strings.HasPrefix(at, "f.xml:") {
				t.Fatalf("record placed at %q", at)
			}
			if d := rec.Document; d != nil {
				if _, err := edtf.Parse(d.Date); err != nil {
					t.Fatalf("document %q: date %q: %v", d.Key, d.Date, err)
				}
				for _, c := range d.Collections {
					if !keys["collection "+c] {
						t.Fatalf("document %q is in collection %q, which comes later or never", d.Key, c)
					}
				}
				for _, c := range d.Credits {
					if !keys["agent "+c.Agent] {
						t.Fatalf("document %q credits %q, who comes later or never", d.Key, c.Agent)
					}
				}
			}
			if c := rec.Collection; c != nil {
				keys["collection "+c.Key] = true
			}
			if a := rec.Agent; a != nil {
				keys["agent "+a.Key] = true
			}
			return file.Add(rec, at)
		})
		if err == nil {
			return
		}
		var te *tei.Error
		if !errors.As(err, &te) || te.File != "f.xml" || te.Line < 1 || te.Column < 1 || !strings.HasPrefix(err.Error(), "f.xml:") {
			t.Fatalf("error %v (%T) does not name the file, line and column", err, err)
		}
	})
}
