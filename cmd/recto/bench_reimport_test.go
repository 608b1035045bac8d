package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"testing"
)

// The re-import benchmark loads a corpus, then changes every document of
// its first volume on each run: each run must update them all, or it
// measures nothing.
func TestBenchReimport(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "tei")
	env := func(string) string { return "" }
	if err := Run(ctx, []string{"bench", "gen", "--docs", "30", "--format", "tei", "--out", dir}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "recto.db")
	for range 2 { // the second time on the loaded archive
		var out bytes.Buffer
		if err := Run(ctx, []string{"bench", "reimport", "--corpus", dir, "--db", db, "--runs", "2"}, env, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		runs := regexp.MustCompile(`(?m)^re-import \d +\S+ +\(0 documents created, 30 updated, 0 unchanged`).FindAll(out.Bytes(), -1)
		if len(runs) != 2 || !bytes.Contains(out.Bytes(), []byte("archive       30 documents")) {
			t.Fatalf("output:\n%s\nwant two re-imports updating all 30 documents of a 30-document archive", out.Bytes())
		}
	}
}
