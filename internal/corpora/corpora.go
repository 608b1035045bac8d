// Package corpora gives tests the real documents of ../shared/corpora (FRUS
// volumes, Suriano letters), which live beside the repository, never in it.
// A test that needs them skips, saying so, where they are absent; CI has
// them.
package corpora

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// root is ../shared/corpora beside the module, found from this file, so
// that it is the same from every package's test directory.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpora")
}

// Find returns the path of the named corpus ("frus", "suriano"), and
// whether it is there.
func Find(name string) (string, bool) {
	dir := filepath.Join(root(), name)
	_, err := os.Stat(dir)
	return dir, err == nil
}

// Dir returns the path of the named corpus, or skips the test without it.
func Dir(tb testing.TB, name string) string {
	tb.Helper()
	dir, ok := Find(name)
	if !ok {
		tb.Skipf("the %s test corpus is not present at %s (it lives outside the repository)", name, dir)
	}
	return dir
}

// CountDivs counts the div elements of the XML file at path whose type is
// divType, by a token scan of its own: tests compare importers with it.
func CountDivs(tb testing.TB, path, divType string) int {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	n := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "div" {
			for _, a := range se.Attr {
				if a.Name.Local == "type" && a.Value == divType {
					n++
				}
			}
		}
	}
}
