package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/sqlstore"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
)

// A copy from SQLite to PostgreSQL and back gives the same rows in every
// table: the round trip is lossless.
func TestCopy_RoundTrip(t *testing.T) {
	ctx := context.Background()
	src := storetest.OpenSQLite(t)
	_, err := fixture.LoadReference(ctx, src)
	must(t, err)
	must(t, sample.Load(ctx, src))
	// An update leaves a revision with a snapshot.
	docs, _, err := src.FindDocuments(ctx, recto.DocumentFilter{Limit: 1})
	must(t, err)
	d, err := src.FindDocumentByID(ctx, docs[0].ID)
	must(t, err)
	d.Summary = "Edited before the copy."
	must(t, src.UpdateDocument(ctx, d))
	must(t, src.UpdateSettings(ctx, &recto.Settings{RecordIDFloor: 70_000}))

	pg := storetest.OpenPostgres(t)
	var progressed []string
	must(t, sqlstore.Copy(ctx, src.Core(), pg.Core(), func(table string, copied, total int64) {
		if copied == total {
			progressed = append(progressed, table)
		}
	}))
	back := storetest.OpenSQLite(t)
	must(t, sqlstore.Copy(ctx, pg.Core(), back.Core(), nil))

	want := dump(t, src)
	if !strings.Contains(want, "# documents (") || strings.Contains(want, "# documents (0 rows)") {
		t.Fatal("the source dump holds no documents")
	}
	if diff := cmp.Diff(want, dump(t, pg)); diff != "" {
		t.Errorf("SQLite → PostgreSQL (-sqlite +postgres):\n%s", diff)
	}
	if diff := cmp.Diff(want, dump(t, back)); diff != "" {
		t.Errorf("PostgreSQL → SQLite (-before +after):\n%s", diff)
	}
	if len(progressed) < 20 {
		t.Errorf("progress reported the end of %d tables: %v", len(progressed), progressed)
	}

	// New records continue the numbering, from the copied Record ID floor;
	// they never take a copied ID.
	for _, db := range []storetest.Store{pg, back} {
		n := &recto.Document{Title: "After the copy", Status: recto.StatusDraft}
		must(t, db.CreateDocument(ctx, n))
		a := &recto.Agent{Kind: recto.Person, Name: "After the copy"}
		must(t, db.CreateAgent(ctx, a))
		if n.ID != 70_000 || a.ID <= 1 {
			t.Errorf("%T: new document %d (want the copied Record ID floor, 70000), agent %d", db, n.ID, a.ID)
		}
	}
}

func TestCopy_RefusesAFullArchive(t *testing.T) {
	ctx := context.Background()
	src, dst := storetest.OpenSQLite(t), storetest.OpenSQLite(t)
	must(t, src.CreatePlace(ctx, &recto.Place{Name: "Kashgar"}))
	must(t, dst.CreatePlace(ctx, &recto.Place{Name: "Kulja"}))
	before := dump(t, dst)
	err := sqlstore.Copy(ctx, src.Core(), dst.Core(), nil)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("copy into a full archive: %v", err)
	}
	if dump(t, dst) != before {
		t.Fatal("a refused copy changed the destination")
	}
}

func dump(t *testing.T, db storetest.Store) string {
	t.Helper()
	s, err := sqlstore.Dump(context.Background(), db.Core())
	must(t, err)
	return s
}
