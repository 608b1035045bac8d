package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/sqlite"
	"github.com/recto-archive/recto/wilson"
)

// "recto export srv" writes the sample's published records; "recto import
// srv" of the directory reports each file, publishes the records by
// default, and the archive it makes exports the same records; importing
// again changes nothing.
func TestImportSRV_Directory(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src.db")
	newSampleArchive(t, src)
	first := filepath.Join(t.TempDir(), "first")
	mustRun(t, "export", "srv", "--db", src, "--out", first)
	records, err := filepath.Glob(filepath.Join(first, "record", "*.json"))
	if err != nil || len(records) == 0 {
		t.Fatalf("the export wrote no records (%v)", err)
	}

	dst := filepath.Join(t.TempDir(), "dst.db")
	out := mustRun(t, "import", "srv", "--db", dst, first)
	for _, r := range records {
		id := strings.TrimSuffix(filepath.Base(r), ".json")
		if !strings.Contains(out, r+": record "+id+" created\n") {
			t.Errorf("the report lacks %s:\n%s", r, out)
		}
	}
	if !strings.Contains(out, "files: ") {
		t.Errorf("no summary:\n%s", out)
	}
	second := filepath.Join(t.TempDir(), "second")
	mustRun(t, "export", "srv", "--db", dst, "--out", second)
	got, err := filepath.Glob(filepath.Join(second, "record", "*.json"))
	if err != nil || len(got) != len(records) {
		t.Fatalf("the second export wrote %d records, want %d (%v)", len(got), len(records), err)
	}

	again := mustRun(t, "import", "srv", "--db", dst, first)
	want := fmt.Sprintf("%d files: 0 documents created, 0 updated, %d unchanged; 0 authorities created, 0 updated\n", len(records), len(records))
	if !strings.HasSuffix(again, want) {
		t.Errorf("importing again changed something, want %q:\n%s", want, again)
	}
}

// A broken record file is reported with its file and field, changes
// nothing, and the other files are imported; the run exits with status 1.
func TestImportSRV_BrokenFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src.db")
	newSampleArchive(t, src)
	dir := filepath.Join(t.TempDir(), "export")
	mustRun(t, "export", "srv", "--db", src, "--out", dir)
	records, _ := filepath.Glob(filepath.Join(dir, "record", "*.json"))
	broken := records[0]
	data, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), `"first_published_at":"`, `"first_published_at":"yesterday`, 1))
	if err := os.WriteFile(broken, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "dst.db")
	out, err := runCmd(t, "import", "srv", "--db", dst, dir)
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1:\n%s", exitCode(err), err, out)
	}
	if !strings.Contains(out, broken+": first_published_at: ") {
		t.Errorf("the error does not name the file and field:\n%s", out)
	}
	id := strings.TrimSuffix(filepath.Base(broken), ".json")
	check := filepath.Join(t.TempDir(), "check")
	mustRun(t, "export", "srv", "--db", dst, "--out", check)
	if _, err := os.Stat(filepath.Join(check, "record", id+".json")); err == nil {
		t.Errorf("the broken record %s was imported", id)
	}
	if got, _ := filepath.Glob(filepath.Join(check, "record", "*.json")); len(got) != len(records)-1 {
		t.Errorf("%d records imported, want the %d good ones", len(got), len(records)-1)
	}
}

// --from walks a site's /srv/ API over HTTP and writes the same files as
// the export of the archive itself; --dry-run reports what an import would
// do and changes nothing.
func TestExportSRV_FromSite(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src.db")
	newSampleArchive(t, src)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(ctx); err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	site := httptest.NewServer(wilson.New(recto.NewCatalogue(db, recto.PublicAudience), eng,
		wilson.Options{Publisher: "Recto", Logger: slog.New(slog.DiscardHandler)}))
	defer site.Close()

	remote, local := filepath.Join(t.TempDir(), "remote"), filepath.Join(t.TempDir(), "local")
	mustRun(t, "export", "srv", "--from", site.URL, "--out", remote)
	mustRun(t, "export", "srv", "--db", src, "--out", local)
	for _, dir := range []string{remote, local} {
		if _, err := os.Stat(filepath.Join(dir, "record")); err != nil {
			t.Fatal(err)
		}
	}
	if diff := diffDirs(t, remote, local); diff != "" {
		t.Errorf("--from and --db exports differ: %s", diff)
	}

	dst := filepath.Join(t.TempDir(), "dst.db")
	out := mustRun(t, "import", "srv", "--db", dst, "--dry-run", remote)
	if !strings.Contains(out, ": dry run, nothing changed: record ") || !strings.Contains(out, " created\n") {
		t.Errorf("the dry run printed:\n%s", out)
	}
	if got := mustRun(t, "import", "srv", "--db", dst, remote); strings.Contains(got, " unchanged\n") {
		t.Errorf("the dry run changed the archive:\n%s", got)
	}
}

// diffDirs names the first file two directories do not share byte for
// byte, or "".
func diffDirs(t *testing.T, a, b string) string {
	t.Helper()
	read := func(dir string) map[string]string {
		out := map[string]string{}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[rel] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	fa, fb := read(a), read(b)
	if len(fa) != len(fb) {
		return fmt.Sprintf("%d files against %d", len(fa), len(fb))
	}
	for name, content := range fa {
		if fb[name] != content {
			return name
		}
	}
	return ""
}
