package corpus_test

import (
	"context"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
)

// jsonLinesCoverage names what a JSON Lines export keeps: everything, for
// it is the archive's own dump.
var jsonLinesCoverage = fixture.Coverage{
	Format:  "JSON Lines",
	Carried: []string{fixture.Every},
	Omitted: map[string]string{},
}

// Every field of a document survives a JSON Lines export imported into an
// empty archive.
func TestJSONLines_Coverage(t *testing.T) {
	ctx := context.Background()
	src := storetest.OpenSQLite(t)
	c, err := fixture.LoadComplete(ctx, src)
	must(t, err)
	dst := storetest.OpenSQLite(t)
	importLines(t, dst, export(t, src, nil), corpus.ImportOptions{})
	want, err := src.FindDocumentByID(ctx, c.Document.ID)
	must(t, err)
	got, err := dst.FindDocumentByID(ctx, c.Document.ID)
	must(t, err)
	jsonLinesCoverage.CheckRoundTrip(t, want, got)
}
