package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto/bench"
)

// The abuse benchmark runs from end to end on a small archive, and normal
// traffic meets no unexpected answer while the abuser sends the expensive
// requests.
func TestBenchAbuse(t *testing.T) {
	if testing.Short() {
		t.Skip("the abuse benchmark runs for seconds")
	}
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if _, err := bench.Generate(corpusDir, bench.GenOptions{Docs: 300, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "bench.db")
	mustRun(t, "bench", "search", "--db", db, "--corpus", corpusDir, "--queries", "1")
	out := mustRun(t, "bench", "abuse", "--db", db, "--corpus", corpusDir, "--clients", "4", "--duration", "3s", "--think", "300ms")
	for _, want := range []string{"warm-up: the 11 browse pages once", "expensive requests, one at a time:", "long phrase", "normal traffic alone:",
		"normal traffic with the abuser:", "abuser's answers:", "the p95 without"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unexpected:") {
		t.Errorf("normal traffic met unexpected answers:\n%s", out)
	}
}
