package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestSettings_RecordIDFloor(t *testing.T) { storetest.Run(t, testSettings_RecordIDFloor) }

// testSettings_RecordIDFloor: a migration brings its Record IDs in batches,
// in any order, while documents are made in Recto between them. Without a
// floor Recto's own documents follow the largest migrated ID and take the
// next batch's; with one they start at the floor, the batches keep every
// ID they bring, and an ID at the floor that Recto gave is refused with an
// error naming the floor.
func testSettings_RecordIDFloor(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	doc := func(id int64, title string) *recto.Document {
		return &recto.Document{ID: id, Title: title, Status: recto.StatusDraft}
	}
	s, err := db.FindSettings(ctx)
	must(t, err)
	if s.RecordIDFloor != 0 {
		t.Fatalf("a new archive's floor = %d, want 0", s.RecordIDFloor)
	}
	if err := db.UpdateSettings(ctx, &recto.Settings{RecordIDFloor: -1}); !strings.Contains(recto.ErrorMessage(err), "record_id_floor") {
		t.Fatalf("a negative floor: %v", err)
	}
	must(t, db.UpdateSettings(ctx, &recto.Settings{RecordIDFloor: 100_000}))
	s, err = db.FindSettings(ctx)
	must(t, err)
	if s.RecordIDFloor != 100_000 {
		t.Fatalf("floor = %d, want 100000", s.RecordIDFloor)
	}

	must(t, db.CreateDocuments(ctx, []*recto.Document{doc(5120, "Old 5120"), doc(311, "Old 311")}))
	made := doc(0, "Made in Recto")
	must(t, db.CreateDocument(ctx, made))
	if made.ID != 100_000 {
		t.Fatalf("the first document Recto numbers itself: %d, want the floor, 100000", made.ID)
	}
	// The next batch brings the ID the document made in Recto would have
	// taken without the floor, and one below the first batch's.
	must(t, db.CreateDocuments(ctx, []*recto.Document{doc(5121, "Old 5121"), doc(12, "Old 12")}))
	next := doc(0, "Made in Recto too")
	must(t, db.CreateDocument(ctx, next))
	if next.ID != 100_001 {
		t.Fatalf("the next document Recto numbers itself: %d, want 100001", next.ID)
	}
	err = db.CreateDocument(ctx, doc(100_000, "Clash"))
	if msg := recto.ErrorMessage(err); !strings.Contains(msg, "Record ID 100000 is taken") || !strings.Contains(msg, "floor") {
		t.Fatalf("an ID Recto gave: %v", err)
	}
	err = db.CreateDocument(ctx, doc(311, "Clash"))
	if msg := recto.ErrorMessage(err); !strings.Contains(msg, "Record ID 311 is taken") || strings.Contains(msg, "floor") {
		t.Fatalf("a migrated ID brought twice: %v", err)
	}

	// Removing the floor numbers on from the largest ID given.
	must(t, db.UpdateSettings(ctx, &recto.Settings{}))
	last := doc(0, "After the floor")
	must(t, db.CreateDocument(ctx, last))
	if last.ID != 100_002 {
		t.Fatalf("without the floor: %d, want 100002", last.ID)
	}
}

func TestSettings_Identity(t *testing.T) { storetest.Run(t, testSettings_Identity) }

// testSettings_Identity: the archive's name, short name and publisher are
// kept, read back whole, default to Recto's name, and refuse a line break.
func testSettings_Identity(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	s, err := db.FindSettings(ctx)
	must(t, err)
	if s.Name() != recto.DefaultArchiveName || s.ShortName() != recto.DefaultArchiveName || s.PublisherName() != recto.DefaultArchiveName {
		t.Fatalf("a new archive: %q, %q, %q", s.Name(), s.ShortName(), s.PublisherName())
	}
	want := &recto.Settings{RecordIDFloor: 9, ArchiveName: "Wilson Center Digital Archive", ArchiveShortName: "Digital Archive",
		Publisher: "Wilson Center"}
	must(t, db.UpdateSettings(ctx, want))
	got, err := db.FindSettings(ctx)
	must(t, err)
	if *got != *want {
		t.Fatalf("settings %+v, want %+v", got, want)
	}
	err = db.UpdateSettings(ctx, &recto.Settings{ArchiveName: "Two\nlines"})
	if !strings.Contains(recto.ErrorMessage(err), "archive_name") {
		t.Fatalf("a name of two lines: %v", err)
	}
	must(t, db.UpdateSettings(ctx, &recto.Settings{ArchiveName: "Only a name"}))
	got, err = db.FindSettings(ctx)
	must(t, err)
	if got.ShortName() != "Only a name" || got.PublisherName() != "Only a name" || got.RecordIDFloor != 0 {
		t.Fatalf("settings given whole: %+v", got)
	}
}
