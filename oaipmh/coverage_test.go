package oaipmh

import (
	"context"
	"html"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
)

// rectoCoverage names what the native "recto" metadata format gives of
// each field.
var rectoCoverage = fixture.Coverage{
	Format: "OAI-PMH recto",
	Carried: append([]string{fixture.Every, "Relations.Document.ID", "Relations.Document.Title",
		"Inverse.Kind", "Inverse.Document.ID", "Inverse.Document.Title"}, fixture.AuthorityNames...),
	Omitted: fixture.Omit(fixture.AuthorityDetails("the record names each authority by its URI, where a harvester finds its details"),
		map[string]string{
			"Relations.Document": "a related document is named by its identifier and title; its own record gives the rest",
			"Inverse":            "a document linking to this one says so in its own record",
		}),
}

// A GetRecord in the native format of the complete fixture's letter holds
// every field the format carries.
func TestRectoCoverage(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	c, err := fixture.LoadComplete(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, db: db, ref: c.Reference}
	out := get(t, e.handler(Options{}), q("verb", "GetRecord", "identifier", oaiID(c.Document.ID), "metadataPrefix", "recto"))
	d, err := recto.NewCatalogue(db, recto.PublicAudience).FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	rectoCoverage.CheckOutput(t, d, html.UnescapeString(out), nil)
}
