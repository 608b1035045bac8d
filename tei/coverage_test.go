package tei

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
)

// teiCoverage names what a document's TEI file says of each field.
var teiCoverage = fixture.Coverage{
	Format: "TEI",
	Carried: []string{fixture.Every, "Relations.Document.ID", "Relations.Document.Title",
		"Inverse.Kind", "Inverse.Document.ID", "Inverse.Document.Title"},
	Omitted: map[string]string{
		"Sources.Repository.Website":      "the repository's details are its authority page's",
		"Sources.Repository.CitationNote": "the repository's details are its authority page's",
		"Collections.Description":         "the collection's details are its authority page's",
		"Collections.Image":               "the collection's details are its authority page's",
		"Collections.Position":            "the order of a collection among its siblings is the archive's",
		"Relations.Document":              "a related document is named by its title and URL; the rest is its own file's",
		"Inverse":                         "a document linking to this one says so in its own file",
		"WithdrawnNote":                   "the site's notice on a withdrawn page, not part of the edition",
		"Texts.Format":                    "TEI encodes a text's structure, not how its source was written: plain and HTML texts become p, lb, list, table and hi",
	},
}

// teiShow writes a value as the TEI file does.
func teiShow(field, value string) string {
	switch field {
	case "Texts.Credits.Agent.Dates", "Credits.Agent.Dates", "Texts.Credits.For.Dates", "Credits.For.Dates":
		from, _, _ := strings.Cut(value, "/") // an interval is birth and death
		return `when="` + from + `"`
	case "CreatedAt", "UpdatedAt", "PublishedAt":
		return strings.TrimSuffix(strings.Split(value, ".")[0], "Z") // to the second
	case "Texts.Body":
		return value[:40] // the opening words of the first paragraph, which has no markup
	case "Credits.Agent.Kind", "Texts.Credits.Agent.Kind":
		if tag, ok := map[string]string{"person": "<person ", "organisation": "<org "}[value]; ok {
			return tag
		}
	}
	return value
}

// The TEI file of the complete fixture's letter holds every field TEI
// carries.
func TestWriteCoverage(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	c, err := fixture.LoadComplete(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := html.UnescapeString(exportString(t, d, exportTestOptions))
	teiCoverage.CheckOutput(t, d, out, teiShow)
}
