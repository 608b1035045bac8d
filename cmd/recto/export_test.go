package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sampleArchive returns the path of a new SQLite archive holding the sample.
func sampleArchive(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "recto.db")
	newSampleArchive(t, path)
	return path
}

// Exports say what they wrote, and make files others may read (the umask
// decides, as for any other file), not private ones.
func TestExport_ReportsAndSharesFiles(t *testing.T) {
	db := sampleArchive(t)
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	for _, format := range []string{"jsonl", "csv"} {
		out := filepath.Join(t.TempDir(), "archive."+format)
		var stdout, stderr bytes.Buffer
		if err := Run(context.Background(), []string{"export", format, "--db", db, "--out", out, "--status", "published"},
			func(string) string { return "" }, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		if want := "wrote 21 documents to " + out; !strings.Contains(stderr.String(), want) {
			t.Errorf("export %s printed %q, want it to say %q", format, stderr.String(), want)
		}
		info, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode != 0o644 {
			t.Errorf("export %s made a file of mode %o, want 644 under umask 022", format, mode)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
			t.Errorf("export %s left temporary files: %q", format, left)
		}
	}
}

// A TEI export refuses a directory holding other files, such as the tei/
// source package of a checkout, and writes nothing there.
func TestExport_TEIRefusesAForeignDirectory(t *testing.T) {
	db := sampleArchive(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "read.go"), []byte("package tei\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := runCmd(t, "export", "tei", "--db", db, "--out", dir)
	if err == nil || !strings.Contains(err.Error(), "read.go") || exitCode(err) != 2 {
		t.Fatalf("export into a source directory: %v (exit %d), want a usage error naming read.go", err, exitCode(err))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the refused directory holds %d entries, want only read.go", len(entries))
	}
	// An earlier export's directory is written again.
	again := t.TempDir()
	mustRun(t, "export", "tei", "--db", db, "--out", again)
	mustRun(t, "export", "tei", "--db", db, "--out", again)
	if entries, _ := os.ReadDir(again); len(entries) != 23 {
		t.Fatalf("a second export into the same directory left %d files, want 23", len(entries))
	}
}

// Commands that read an archive refuse one that is not there, rather than
// make an empty one and read nothing from it.
func TestExport_MissingArchive(t *testing.T) {
	db := filepath.Join(t.TempDir(), "recto.db")
	for _, args := range [][]string{{"export", "jsonl", "--out", "-"}, {"bench", "oai"}, {"bench", "pages"}} {
		_, err := runCmd(t, append(args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), "no archive at "+db) {
			t.Errorf("recto %s on a missing archive: %v, want an error naming it", strings.Join(args, " "), err)
		}
		if _, statErr := os.Stat(db); statErr == nil {
			t.Fatalf("recto %s made %s", strings.Join(args, " "), db)
		}
	}
}
