package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

func TestCopyCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from.db"), filepath.Join(dir, "to.db")
	src, err := sqlite.Open(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	if err := sample.Load(ctx, src); err != nil {
		t.Fatal(err)
	}
	src.Close()

	var log strings.Builder
	if err := Run(ctx, []string{"copy", "--from", "sqlite://" + from, "--to", to}, func(string) string { return "" }, io.Discard, &log); err != nil {
		t.Fatalf("copy: %v\n%s", err, log.String())
	}
	for _, want := range []string{"copy documents", "rows 100%", "copied sqlite://" + from + " to " + to} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("no %q in the log:\n%s", want, log.String())
		}
	}
	dst, err := sqlite.Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, n, err := dst.FindDocuments(ctx, recto.DocumentFilter{}); err != nil || n != 23 {
		t.Fatalf("the copy holds %d documents (%v), want the sample's 23", n, err)
	}

	// A second copy into the now full archive is refused and exits 1.
	err = Run(ctx, []string{"copy", "--from", from, "--to", to}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not empty") || exitCode(err) != 1 {
		t.Fatalf("copy into a full archive: %v", err)
	}
	if err := Run(ctx, []string{"copy", "--from", from}, func(string) string { return "" }, io.Discard, io.Discard); exitCode(err) != 2 {
		t.Fatalf("copy without --to: %v", err)
	}
}

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		copied, total int64
		took          time.Duration
		want          string
	}{
		{0, 0, 0, "no rows"},
		{50, 200, 100 * time.Millisecond, " 50/200 rows  25%"},
		{500, 2000, 5 * time.Second, "500/2000 rows  25%  100 rows/s  ETA 15s"},
		{2000, 2000, 10 * time.Second, "2000/2000 rows 100%  200 rows/s"},
	} {
		if got := progressLine(c.copied, c.total, c.took); strings.TrimSpace(got) != strings.TrimSpace(c.want) {
			t.Errorf("progressLine(%d, %d, %s) = %q, want %q", c.copied, c.total, c.took, got, c.want)
		}
	}
}
