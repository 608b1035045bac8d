package csv

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/fixture"
)

// csvCoverage names what a CSV file keeps of a document and why it leaves
// the rest out.
var csvCoverage = fixture.Coverage{
	Format: "CSV",
	Carried: []string{fixture.Every, "Texts.Credits.Agent.Name", "Texts.Credits.Agent.Kind", "Credits.Agent.Name", "Credits.Agent.Kind",
		"Sources.Repository.ShortName", "Places.Name", "Collections.Title", "Collections.ParentID"},
	Omitted: map[string]string{
		"Texts.Credits.Agent":  byName,
		"Credits.Agent":        byName,
		"Texts.Credits.For":    byName,
		"Credits.For":          byName,
		"Sources.Repository":   byName,
		"Places":               byName + "; a place cell names no parent, so an empty archive gets the place at the top",
		"Collections":          "a collection is named by its path of titles; its description, image and ID live in the archive",
		"Collections.Position": "siblings are created in the order the file names them, numbered from 0",
		"Relations.Document":   "a related document is named by its source_id or #id; its summary is its own row's",
		"Inverse":              "read from the other documents' rows",
		"Texts.ID":             "a row's texts are numbered by column; their IDs are the archive's, kept by place when a row updates them",
		"UpdatedAt":            "the archive's own change stamp: an import is a change, stamped when it is made",
	},
	Unordered: map[string]string{
		"Credits":   "credit columns go by role (authors, recipients, …), so credits come back grouped by role",
		"Relations": "relation columns go by kind (related, enclosures), so relations come back grouped by kind",
	},
}

// byName says why a CSV cell carries an authority's name only.
const byName = "a cell names the authority; its details and ID live in the archive it is imported into"

// Every field a CSV file carries survives an export read back into an
// empty archive.
func TestCoverage(t *testing.T) {
	ctx := context.Background()
	src := openStore(t)
	c, err := fixture.LoadComplete(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(bytes.NewReader(export(t, src, nil)), "complete.csv")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	dst := openStore(t)
	if err := corpus.LoadFile(ctx, dst, data); err != nil {
		t.Fatal(err)
	}
	want, err := src.FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := dst.FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	csvCoverage.CheckRoundTrip(t, want, got)
}
