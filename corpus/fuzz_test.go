package corpus_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/recto-archive/recto/corpus"
)

var placed = regexp.MustCompile(`^f\.jsonl:\d+(:\d+)?: `)

// FuzzReadLines reads any bytes as a JSON Lines corpus. It must not panic;
// every record it emits has exactly one kind and is placed at its line,
// and every error names the file and the line (and the column, when there
// is one). Its seeds are in testdata/fuzz/FuzzReadLines.
func FuzzReadLines(f *testing.F) {
	f.Add([]byte(`{"document":{"key":"a","title":"T","status":"draft"}}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := corpus.ReadLines(bytes.NewReader(data), "f.jsonl", true, func(rec corpus.Line, at string) error {
			kinds := 0
			for _, set := range []bool{rec.Repository != nil, rec.Place != nil, rec.Agent != nil, rec.Subject != nil,
				rec.Collection != nil, rec.Document != nil} {
				if set {
					kinds++
				}
			}
			if kinds > 1 || !placed.MatchString(at+": ") {
				t.Fatalf("record %+v at %q", rec, at)
			}
			if rec.Document != nil && rec.Document.Fields == nil {
				t.Fatalf("document %q carries no fields", rec.Document.Key)
			}
			return nil
		})
		if err != nil && !placed.MatchString(err.Error()) {
			t.Fatalf("error %q does not name the file and line", err)
		}
	})
}
