package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/sqlite"
)

// MustOpenDB opens a new archive in a temporary file with a controllable clock.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "recto.db"))
	if err != nil {
		tb.Fatal(err)
	}
	clock := time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC)
	db.Now = func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// must fails the test on error.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// wantCode checks that err is an application error with the code, and, for
// EINVALID, that it names every given field.
func wantCode(tb testing.TB, err error, code string, fields ...string) {
	tb.Helper()
	if got := recto.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	e, _ := err.(*recto.Error)
	for _, f := range fields {
		found := false
		for _, fe := range e.Fields {
			found = found || fe.Field == f
		}
		if !found {
			tb.Errorf("error %q does not name field %q", err, f)
		}
	}
}

func TestOpen_Reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recto.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	must(t, err)
	must(t, db.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: "V. Popova"}))
	must(t, db.Close())

	// Reopening applies no migration twice and keeps the data.
	db, err = sqlite.Open(ctx, path)
	must(t, err)
	defer db.Close()
	a, err := db.FindAgentByID(ctx, 1)
	must(t, err)
	if a.Name != "V. Popova" {
		t.Fatalf("name = %q", a.Name)
	}
}

func TestOpen_Errors(t *testing.T) {
	ctx := context.Background()
	if _, err := sqlite.Open(ctx, ""); err == nil {
		t.Error("empty path: no error")
	}
	if _, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "missing-dir", "recto.db")); err == nil {
		t.Error("missing directory: no error")
	}
}

func TestLastChange(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	before, err := db.LastChange(ctx)
	must(t, err)
	if !before.IsZero() {
		t.Fatalf("new archive changed at %v", before)
	}
	must(t, db.CreatePlace(ctx, &recto.Place{Name: "China"}))
	after, err := db.LastChange(ctx)
	must(t, err)
	if after.IsZero() {
		t.Fatal("a write did not move LastChange")
	}
}
