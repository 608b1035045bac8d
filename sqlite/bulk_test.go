package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ncruces/go-sqlite3/driver"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/sqlite"
)

// missingIndexes returns the deferred indexes the archive lacks, and fails
// if one exists in another form than the migrations gave it.
func missingIndexes(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	have, err := sqlite.IndexSQL(context.Background(), db)
	must(t, err)
	var missing []string
	for name, want := range sqlite.DeferredIndexes() {
		got, ok := have[name]
		switch {
		case !ok:
			missing = append(missing, name)
		case got != want:
			t.Fatalf("index %s is %q, want %q", name, got, want)
		}
	}
	return missing
}

// findsByAuthority checks the listings that the deferred indexes serve.
func findsByAuthority(t *testing.T, db *sqlite.DB, ref *fixture.Reference) {
	t.Helper()
	for name, filter := range map[string]recto.DocumentFilter{
		"agent":      {AgentID: ref.Translator.ID},
		"place":      {PlaceID: ref.China.ID},
		"subject":    {SubjectID: ref.Subject.ParentID},
		"repository": {RepositoryID: ref.GARF.ID},
	} {
		docs, _, err := db.FindDocuments(context.Background(), filter)
		must(t, err)
		if len(docs) != 1 || docs[0].ID != ref.Document.ID {
			t.Errorf("by %s: %d documents, want the reference document", name, len(docs))
		}
	}
}

func TestBulk(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	if missing := missingIndexes(t, db); len(missing) > 0 {
		t.Fatalf("a new archive lacks %v", missing)
	}
	must(t, db.BeginBulk(ctx))
	must(t, db.BeginBulk(ctx)) // nested: only the outermost pair acts
	if missing := missingIndexes(t, db); len(missing) != len(sqlite.DeferredIndexes()) {
		t.Fatalf("during a bulk load into an empty archive, missing %v, want every deferred index", missing)
	}
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	findsByAuthority(t, db, ref)
	must(t, db.EndBulk(ctx))
	if missing := missingIndexes(t, db); len(missing) != len(sqlite.DeferredIndexes()) {
		t.Fatalf("after the inner EndBulk, missing %v, want every deferred index still", missing)
	}
	must(t, db.EndBulk(ctx))
	if missing := missingIndexes(t, db); len(missing) > 0 {
		t.Fatalf("after EndBulk, missing %v", missing)
	}
	findsByAuthority(t, db, ref)
	if err := db.EndBulk(ctx); err == nil {
		t.Fatal("EndBulk without BeginBulk: no error")
	}
}

func TestBulk_KeepsIndexesOfALargeArchive(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	_, err := fixture.LoadReference(ctx, db)
	must(t, err)
	sqlite.SetBulkBelow(db, 1)
	must(t, db.BeginBulk(ctx))
	if missing := missingIndexes(t, db); len(missing) > 0 {
		t.Fatalf("a bulk load into an archive above the threshold dropped %v", missing)
	}
	must(t, db.EndBulk(ctx))
}

// A bulk load cut off before EndBulk leaves the archive without its
// deferred indexes; the next Open builds them.
func TestBulk_InterruptedLoadHealsOnOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "recto.db")
	db, err := sqlite.Open(ctx, path)
	must(t, err)
	must(t, db.BeginBulk(ctx))
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	must(t, db.Close())

	db, err = sqlite.Open(ctx, path)
	must(t, err)
	defer db.Close()
	if missing := missingIndexes(t, db); len(missing) > 0 {
		t.Fatalf("after reopening, missing %v", missing)
	}
	findsByAuthority(t, db, ref)
}

// The query planner has statistics once documents are loaded: without them
// SQLite took the documents' status for a narrow index and counted the
// places of published documents by visiting every document once per place
// (10.8 s at 100,000 documents instead of 11 ms).
func TestPlannerStatistics(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "recto.db")
	db, err := sqlite.Open(ctx, path)
	must(t, err)
	must(t, db.BeginBulk(ctx))
	_, err = fixture.LoadReference(ctx, db)
	must(t, err)
	must(t, db.EndBulk(ctx))
	tables := func() map[string]bool {
		raw, err := driver.Open("file:" + path + "?mode=ro")
		must(t, err)
		defer raw.Close()
		rows, err := raw.QueryContext(ctx, `SELECT DISTINCT tbl FROM sqlite_stat1`)
		if err != nil {
			t.Fatalf("no planner statistics: %v", err)
		}
		defer rows.Close()
		have := map[string]bool{}
		for rows.Next() {
			var tbl string
			must(t, rows.Scan(&tbl))
			have[tbl] = true
		}
		return have
	}
	for _, tbl := range []string{"documents", "document_places", "credits"} {
		if !tables()[tbl] {
			t.Errorf("after a bulk load the planner has no statistics of %s", tbl)
		}
	}
	must(t, db.Close())
}
