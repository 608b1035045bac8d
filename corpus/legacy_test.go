package corpus_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

// findBySource reads the document with source identifier id.
func findBySource(t *testing.T, db recto.Store, id string) *recto.Document {
	t.Helper()
	ctx := context.Background()
	ids, err := db.FindDocumentIDsBySource(ctx, []string{id})
	must(t, err)
	d, err := db.FindDocumentByID(ctx, ids[id])
	must(t, err)
	return d
}

func TestImport_FormerPathsAndOriginalStamps(t *testing.T) {
	storetest.Run(t, testImport_FormerPathsAndOriginalStamps)
}

// A JSON Lines record's former paths are kept in normal form; its
// original stamps, brought by a later import, are a change: that import
// updates exactly them, and a record carrying one of them alone changes
// only it. An export carries them into another archive.
func testImport_FormerPathsAndOriginalStamps(t *testing.T, db storetest.Store) {
	first := `{"document":{"key":"d","source_id":"old/1","title":"Telegram","status":"published",` +
		`"former_paths":["telegram-on-talks","https://old.example.org/node/12?page=2"]}}` + "\n"
	importLines(t, db, []byte(first), corpus.ImportOptions{})
	before := findBySource(t, db, "old/1")
	if want := []string{"/document/telegram-on-talks", "/node/12"}; !slices.Equal(before.FormerPaths, want) {
		t.Fatalf("former paths = %q, want %q", before.FormerPaths, want)
	}
	if !before.OriginalUploaded.IsZero() || !before.OriginalCreated.IsZero() {
		t.Fatalf("original stamps set from nothing: %v, %v", before.OriginalUploaded, before.OriginalCreated)
	}

	corrected := `{"document":{"key":"d","source_id":"old/1","title":"Telegram","status":"published",` +
		`"former_paths":["telegram-on-talks","https://old.example.org/node/12?page=2"],` +
		`"original_uploaded":"2011-11-02T09:30:00Z","original_created":"2011-10-28T16:05:00Z"}}` + "\n"
	report := importLines(t, db, []byte(corrected), corpus.ImportOptions{})
	if !slices.Equal(report.Documents[corpus.Updated], []string{"old/1"}) {
		t.Fatalf("a corrected stamp: %s, want the document updated", report.Summary())
	}
	after := findBySource(t, db, "old/1")
	uploaded, created := time.Date(2011, 11, 2, 9, 30, 0, 0, time.UTC), time.Date(2011, 10, 28, 16, 5, 0, 0, time.UTC)
	if !after.OriginalUploaded.Equal(uploaded) || !after.OriginalCreated.Equal(created) {
		t.Fatalf("original stamps = %v, %v; want %v, %v", after.OriginalUploaded, after.OriginalCreated, uploaded, created)
	}
	ignore := func(d *recto.Document) recto.Document {
		c := *d
		c.UpdatedAt, c.OriginalUploaded, c.OriginalCreated = time.Time{}, time.Time{}, time.Time{}
		return c
	}
	if diff := cmp.Diff(ignore(before), ignore(after)); diff != "" {
		t.Fatalf("the correction changed more than the stamps (-before +after):\n%s", diff)
	}
	if report := importLines(t, db, []byte(corrected), corpus.ImportOptions{}); len(report.Documents[corpus.Unchanged]) != 1 {
		t.Fatalf("the same stamps again: %s, want unchanged", report.Summary())
	}

	partial := `{"document":{"key":"d","source_id":"old/1","original_uploaded":"2011-11-03T00:00:00Z"}}` + "\n"
	importLines(t, db, []byte(partial), corpus.ImportOptions{})
	got := findBySource(t, db, "old/1")
	if !got.OriginalUploaded.Equal(uploaded.Add(14*time.Hour+30*time.Minute)) || !got.OriginalCreated.Equal(created) ||
		!slices.Equal(got.FormerPaths, before.FormerPaths) {
		t.Fatalf("a record with one stamp: %v, %v, %q", got.OriginalUploaded, got.OriginalCreated, got.FormerPaths)
	}

	dst := storetest.OpenSQLite(t)
	importLines(t, dst, export(t, db, nil), corpus.ImportOptions{})
	copied := findBySource(t, dst, "old/1")
	if !slices.Equal(copied.FormerPaths, got.FormerPaths) || !copied.OriginalUploaded.Equal(got.OriginalUploaded) ||
		!copied.OriginalCreated.Equal(got.OriginalCreated) {
		t.Fatalf("through an export: %q, %v, %v", copied.FormerPaths, copied.OriginalUploaded, copied.OriginalCreated)
	}
}

func TestImport_ChangeStampNeverBack(t *testing.T) { storetest.Run(t, testImport_ChangeStampNeverBack) }

// Recto's change stamp, which OAI-PMH and the other harvesters page by,
// never goes back: a document an import adds to an archive that has
// changed is a change of now, whatever older updated_at its record brings;
// into an empty archive, a restored export keeps its stamps.
func testImport_ChangeStampNeverBack(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	old := `{"document":{"key":"o","source_id":"old/2","title":"Old","status":"published",` +
		`"created_at":"1999-01-01T00:00:00Z","updated_at":"1999-01-02T00:00:00Z","published_at":"1999-01-01T00:00:00Z",` +
		`"original_uploaded":"1998-05-05T00:00:00Z"}}` + "\n"
	// A Record ID floor set before the migration leaves the archive empty
	// of records, so the export still keeps its stamps.
	empty := storetest.OpenSQLite(t)
	must(t, empty.UpdateSettings(ctx, &recto.Settings{RecordIDFloor: 1000}))
	importLines(t, empty, []byte(old), corpus.ImportOptions{})
	if got := findBySource(t, empty, "old/2").UpdatedAt; !got.Equal(time.Date(1999, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("restored into an empty archive, updated_at = %v", got)
	}

	importLines(t, db, []byte(`{"document":{"key":"n","source_id":"new/1","title":"New","status":"published"}}`+"\n"),
		corpus.ImportOptions{})
	last, err := db.LastChange(ctx)
	must(t, err)
	importLines(t, db, []byte(old), corpus.ImportOptions{})
	d := findBySource(t, db, "old/2")
	if d.UpdatedAt.Before(last) {
		t.Fatalf("change stamp went back: %v, before the archive's last change %v", d.UpdatedAt, last)
	}
	if !d.CreatedAt.Equal(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)) || !d.OriginalUploaded.Equal(time.Date(1998, 5, 5, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("other stamps not kept: created %v, original uploaded %v", d.CreatedAt, d.OriginalUploaded)
	}
	// A harvest from the last change on sees the document.
	sums, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Sort: recto.SortChanged, ChangedFrom: last})
	must(t, err)
	if !slices.ContainsFunc(sums, func(s *recto.DocumentSummary) bool { return s.ID == d.ID }) {
		t.Fatalf("a harvest from %v misses the imported document", last)
	}
}
