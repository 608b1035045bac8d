package sqlstore_test

import (
	"context"
	"testing"

	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/sqlstore"
	"github.com/recto-archive/recto/internal/storetest"
)

// storeCoverage names what the store keeps: everything, on both backends.
var storeCoverage = fixture.Coverage{
	Format:  "store",
	Carried: []string{fixture.Every, "Relations.Document.ID"},
	Omitted: map[string]string{
		"Relations.Document": "on write only the related document's ID counts; the rest is read from it",
		"Inverse":            "filled on read from the documents that link to this one",
	},
}

// copyCoverage names what a copy to another store keeps: everything.
var copyCoverage = fixture.Coverage{Format: "recto copy", Carried: []string{fixture.Every}}

func TestDocument_Coverage(t *testing.T) { storetest.Run(t, testDocument_Coverage) }

// Every field of a document is stored and read back, and carried by a copy
// to the other backend.
func testDocument_Coverage(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	c, err := fixture.LoadComplete(ctx, db)
	must(t, err)
	got, err := db.FindDocumentByID(ctx, c.Document.ID)
	must(t, err)
	storeCoverage.CheckRoundTrip(t, c.Document, got)

	copied := storetest.OpenSQLite(t)
	must(t, sqlstore.Copy(ctx, db.Core(), copied.Core(), nil))
	again, err := copied.FindDocumentByID(ctx, c.Document.ID)
	must(t, err)
	copyCoverage.CheckRoundTrip(t, got, again)
}
