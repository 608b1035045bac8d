package http_test

import (
	"context"
	"html"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/sqlite"
)

// pageCoverage names what a document's page shows of each field.
var pageCoverage = fixture.Coverage{
	Format: "document page",
	Carried: []string{fixture.Every, "Texts.Credits.Agent.ID", "Texts.Credits.Agent.Name", "Texts.Credits.For.ID",
		"Texts.Credits.For.Name", "Credits.Agent.ID", "Credits.Agent.Name", "Credits.For.ID", "Credits.For.Name",
		"Sources.Repository.Place.ID", "Sources.Repository.Place.Name"},
	Omitted: fixture.Omit(fixture.AuthorityDetails("the authority's own page, which the document links, shows its details"),
		map[string]string{
			"SourceID":           "an importer's key, not the reader's: the JSON and OAI-PMH records give it",
			"Sources.Parts.Type": "a machine name; the page shows each part's label",
			"Relations.Document": "a related document is linked by its title and date; its own page shows the rest",
			"Inverse.Document":   "a linking document is linked by its title and date; its own page shows the rest",
			"Status":             "the public sees published pages only",
			"WithdrawnNote":      "shown only once the document is withdrawn, in place of the page",
			"CreatedAt":          "Recto's own stamps: the feeds, sitemaps and records give them",
			"UpdatedAt":          "Recto's own stamps: the feeds, sitemaps and records give them",
			"PublishedAt":        "Recto's own stamps: the feeds, sitemaps and records give them",
			"FormerPaths":        "old links redirect to the page; the JSON, CSV, TEI and OAI-PMH records list them",
			"OriginalCreated":    "the former system's creation of its record, no fact of the document: the records give it",
		}),
}

// pageShow writes a value as the page does.
func pageShow(field, value string) string {
	switch field {
	case "Date":
		return edtf.MustParse(value).Display()
	case "Texts.Body":
		return value[:40] // the opening words of the first paragraph, which has no markup
	case "Texts.Kind":
		return map[string]string{"transcript": " original", "translation": " translation"}[value]
	case "Texts.Method":
		return map[string]string{"human": "Human translation", "machine": "Machine translation",
			"machine-revised": "Machine translation revised by a person"}[value]
	case "Texts.Credits.Role", "Credits.Role", "Relations.Kind", "Inverse.Kind":
		if label, ok := pageLabels[value]; ok {
			return label
		}
	}
	return value
}

// pageLabels are the page's words for roles and relations.
var pageLabels = map[string]string{
	"translator": "translated by", "transcriber": "transcribed by", "obtained-by": "Obtained by",
	"author": "Author", "recipient": "Recipient", "associated": "Associated", "funder": "Funder",
	"enclosure": "Attachments and enclosures", "related": "Related",
}

// The page of the complete fixture's letter shows every field the page
// carries.
func TestDocumentPage_Coverage(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "recto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := fixture.LoadComplete(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// Each text shows its own notes and credits, on its own tab.
	h, page := mustHandler(t, db), "/documents/"+strconv.FormatInt(c.Document.ID, 10)
	var out string
	for _, path := range []string{page, page + "?text=2"} {
		rec := get(t, h, path)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		out += html.UnescapeString(rec.Body.String())
	}
	d, err := recto.NewCatalogue(db, recto.PublicAudience).FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	pageCoverage.CheckOutput(t, d, out, pageShow)
}
