package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

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

func TestLastChange(t *testing.T) { storetest.Run(t, testLastChange) }

func testLastChange(t *testing.T, db storetest.Store) {
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

func TestChanges(t *testing.T) { storetest.Run(t, testChanges) }

func testChanges(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	seq, err := db.LatestChange(ctx)
	must(t, err)
	if seq != 0 {
		t.Fatalf("new archive: latest change %d", seq)
	}
	p := &recto.Place{Name: "Kashgar"}
	must(t, db.CreatePlace(ctx, p))
	a := &recto.Agent{Kind: recto.Person, Name: "A"}
	must(t, db.CreateAgent(ctx, a))
	d := &recto.Document{Title: "T", Status: recto.StatusDraft}
	must(t, db.CreateDocument(ctx, d))
	must(t, db.UpdateDocument(ctx, d))
	// A failed write logs nothing.
	wantCode(t, db.UpdateDocument(ctx, &recto.Document{ID: 99, Title: "x", Status: recto.StatusDraft}), recto.ENOTFOUND)

	changes, err := db.FindChanges(ctx, 0, 10)
	must(t, err)
	want := []recto.Change{{Seq: 1, Kind: recto.PlaceChange, ID: p.ID}, {Seq: 2, Kind: recto.AgentChange, ID: a.ID},
		{Seq: 3, Kind: recto.DocumentChange, ID: d.ID}, {Seq: 4, Kind: recto.DocumentChange, ID: d.ID}}
	if len(changes) != len(want) {
		t.Fatalf("changes = %+v", changes)
	}
	for i := range want {
		if changes[i] != want[i] {
			t.Errorf("change %d = %+v, want %+v", i, changes[i], want[i])
		}
	}
	later, err := db.FindChanges(ctx, 3, 10)
	must(t, err)
	if len(later) != 1 || later[0].Seq != 4 {
		t.Fatalf("after 3: %+v", later)
	}
	if seq, _ := db.LatestChange(ctx); seq != 4 {
		t.Fatalf("latest = %d", seq)
	}
}

func TestCreateDocuments(t *testing.T) { storetest.Run(t, testCreateDocuments) }

func testCreateDocuments(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	docs := []*recto.Document{{Title: "One", Status: recto.StatusPublished}, {Title: "Two", Status: recto.StatusDraft}}
	must(t, db.CreateDocuments(ctx, docs))
	if docs[0].ID == 0 || docs[1].ID != docs[0].ID+1 {
		t.Fatalf("ids %d %d", docs[0].ID, docs[1].ID)
	}
	// One bad document stores none, and the error says which.
	bad := []*recto.Document{{Title: "Three", Status: recto.StatusPublished},
		{Title: "Four", Status: recto.StatusPublished, Places: []*recto.Place{{ID: 404}}}}
	wantCode(t, db.CreateDocuments(ctx, bad), recto.EINVALID, "documents[1].places[0]")
	wantCode(t, db.CreateDocuments(ctx, []*recto.Document{{Status: recto.StatusDraft}}), recto.EINVALID, "documents[0].title")
	_, total, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	must(t, err)
	if total != 2 {
		t.Fatalf("%d documents after failed batches, want 2", total)
	}
	var scanned []string
	must(t, db.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		scanned = append(scanned, d.Title)
		return nil
	}))
	if fmt.Sprint(scanned) != "[One Two]" {
		t.Fatalf("scan = %v", scanned)
	}
}

func TestChangeStampNeverBack(t *testing.T) { storetest.Run(t, testChangeStampNeverBack) }

// Recto's change stamp, by which OAI-PMH, sitemaps and the API's cursor
// harvest, never goes back, even when the clock does: a write after the
// clock was set back is stamped after the archive's last change.
func testChangeStampNeverBack(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	first := &recto.Document{Title: "First", Status: recto.StatusPublished}
	must(t, db.CreateDocument(ctx, first))
	last, err := db.LastChange(ctx)
	must(t, err)
	db.Core().Now = func() time.Time { return last.Add(-time.Hour) }
	second := &recto.Document{Title: "Second", Status: recto.StatusPublished}
	must(t, db.CreateDocument(ctx, second))
	first.Title = "First, edited"
	must(t, db.UpdateDocument(ctx, first))
	for _, d := range []*recto.Document{second, first} {
		stored, err := db.FindDocumentByID(ctx, d.ID)
		must(t, err)
		if !stored.UpdatedAt.After(last) {
			t.Errorf("%s: change stamp %v, not after the archive's last change %v", d.Title, stored.UpdatedAt, last)
		}
	}
	if !first.UpdatedAt.After(second.UpdatedAt) {
		t.Errorf("the later write is stamped %v, not after the earlier one's %v", first.UpdatedAt, second.UpdatedAt)
	}
}
