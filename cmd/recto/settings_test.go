package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// recto settings shows the settings, sets the Record ID floor that the
// store then numbers from, refuses a bad one with the field named, and
// refuses a missing archive.
func TestSettingsCommand(t *testing.T) {
	ctx := context.Background()
	env := func(string) string { return "" }
	dir := t.TempDir()
	db := filepath.Join(dir, "recto.db")
	if err := Run(ctx, []string{"settings", "--db", db}, env, io.Discard, io.Discard); err == nil {
		t.Fatal("settings of a missing archive: no error")
	}
	if err := Run(ctx, []string{"migrate", "--db", db}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Run(ctx, []string{"settings", "--db", db}, env, &out, io.Discard); err != nil || !strings.Contains(out.String(), "record-id-floor  none") {
		t.Fatalf("a new archive's settings: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := Run(ctx, []string{"settings", "--record-id-floor", "500000", "--db", db}, env, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "record-id-floor  500000") {
		t.Fatalf("setting the floor: %v\n%s", err, out.String())
	}
	err := Run(ctx, []string{"settings", "--db", db, "--record-id-floor", "-5"}, env, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "record_id_floor") {
		t.Fatalf("a negative floor: %v", err)
	}
	out.Reset()
	if err := Run(ctx, []string{"settings", "--db", db}, env, &out, io.Discard); err != nil || !strings.Contains(out.String(), "500000") {
		t.Fatalf("the floor after a refused change: %v\n%s", err, out.String())
	}
}
