package main

import (
	"flag"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto/internal/corpora"
)

func TestParseArgs(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		positional []string
		status     string
		dryRun     bool
	}{
		{[]string{"tei", "dir"}, []string{"tei", "dir"}, "draft", false},
		{[]string{"--status", "published", "tei", "dir"}, []string{"tei", "dir"}, "published", false},
		{[]string{"tei", "dir", "--status", "published"}, []string{"tei", "dir"}, "published", false},
		{[]string{"tei", "--dry-run", "a.xml", "--status=published", "b.xml"}, []string{"tei", "a.xml", "b.xml"}, "published", true},
		{[]string{"tei", "--", "--status", "-x.xml"}, []string{"tei", "--status", "-x.xml"}, "draft", false},
		{[]string{"tei", "--status", "--", "a.xml"}, []string{"tei", "a.xml"}, "--", false},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		status := fs.String("status", "draft", "")
		dryRun := fs.Bool("dry-run", false, "")
		got, err := parseArgs(fs, tc.args)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if !slices.Equal(got, tc.positional) || *status != tc.status || *dryRun != tc.dryRun {
			t.Errorf("%q: arguments %q, --status %q, --dry-run %v; want %q, %q, %v",
				tc.args, got, *status, *dryRun, tc.positional, tc.status, tc.dryRun)
		}
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := parseArgs(fs, []string{"a", "--nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("an unknown flag after an argument: %v, want an error naming it", err)
	}
}

// The README's import command puts --status after the path; every command
// takes its flags before or after its arguments.
func TestCommands_FlagsAfterArguments(t *testing.T) {
	sinkiang := filepath.Join(corpora.Dir(t, "frus"), "frus1945v07-sinkiang")
	db := filepath.Join(t.TempDir(), "recto.db")
	out := mustRun(t, "import", "tei", sinkiang, "--status", "published", "--db", db)
	if !strings.Contains(out, "17 documents created") {
		t.Fatalf("import printed:\n%s", out)
	}
	dump := mustRun(t, "export", "jsonl", "--out", "-", "--db", db)
	if n := strings.Count(dump, `"status":"published"`); n != 17 {
		t.Fatalf("export after an import with --status after the path holds %d published documents, want 17", n)
	}
	if out := mustRun(t, "migrate", "--db", db); !strings.Contains(out, "schema up to date") {
		t.Fatalf("migrate printed %q", out)
	}
	if _, err := runCmd(t, "serve", "extra", "--db", db); err == nil || !strings.Contains(err.Error(), "takes no arguments") {
		t.Fatalf("serve with an argument: %v", err)
	}
}
