package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sqlite"
)

// MustOpenDB opens a new archive in a temporary file with a controllable clock.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return storetest.OpenSQLite(tb).(*sqlite.DB)
}

// must fails the test on error.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
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

// Archives record each migration they applied by name, and every archive
// in use was migrated under these names: renaming one would make Open apply
// it again over the tables it made.
func TestMigrationNames(t *testing.T) {
	ctx := context.Background()
	applied, err := sqlite.Migrate(ctx, filepath.Join(t.TempDir(), "recto.db"))
	must(t, err)
	want := []string{"migrations/0001_catalogue.sql", "migrations/0002_changes.sql",
		"migrations/0003_revision_snapshots.sql", "migrations/0004_collection_positions.sql"}
	if len(applied) < len(want) || !slices.Equal(applied[:len(want)], want) {
		t.Fatalf("applied %q, want them to begin %q", applied, want)
	}
}

// A write open in another connection to the file, as another process's
// would be, is seen too.
func TestWriting_OtherProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "recto.db")
	a, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	open, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- a.Atomically(ctx, func(ctx context.Context) error {
			err := a.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: "Writer"})
			close(open)
			<-release
			return err
		})
	}()
	<-open
	busy, err := b.Writing(ctx)
	close(release)
	if derr := <-done; derr != nil {
		t.Fatal(derr)
	}
	if err != nil || !busy {
		t.Fatalf("the other handle's Writing during a write = %v, %v", busy, err)
	}
	if busy, err := b.Writing(ctx); err != nil || busy {
		t.Fatalf("after the commit = %v, %v", busy, err)
	}
	// Its own writes still wait for locks as before.
	if err := b.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: "Second"}); err != nil {
		t.Fatal(err)
	}
}
