package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
)

// apiCoverage names what the API's document shape gives of each field.
var apiCoverage = fixture.Coverage{
	Format:  "API",
	Carried: append([]string{fixture.Every}, fixture.AuthorityNames...),
	Omitted: fixture.Omit(fixture.AuthorityDetails("the authority's own resource (its link) gives its details"),
		map[string]string{
			"Relations.Document.PublishedAt": "a related document's own resource gives its stamps",
			"Relations.Document.UpdatedAt":   "a related document's own resource gives its stamps",
			"Inverse.Document.PublishedAt":   "a linking document's own resource gives its stamps",
			"Inverse.Document.UpdatedAt":     "a linking document's own resource gives its stamps",
			"WithdrawnNote":                  "a withdrawn document answers 410 with its note, and a published one has none to show",
		}),
}

// The API's document of the complete fixture's letter holds every field
// the API carries.
func TestDocumentCoverage(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	c, err := fixture.LoadComplete(ctx, db)
	must(t, err)
	eng := search.New(db, slog.New(slog.DiscardHandler))
	must(t, eng.Build(ctx))
	t.Cleanup(func() { eng.Close() })
	cat := recto.NewCatalogue(db, recto.PublicAudience)
	h := New(cat, eng, Options{BaseURL: testBase})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, api("/documents/"+id(c.Document.ID)), nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET the letter: %d %s", rec.Code, rec.Body)
	}
	out, err := fixture.JSONText(rec.Body.Bytes())
	must(t, err)
	d, err := cat.FindDocumentByID(ctx, c.Document.ID) // as the public sees it: no draft relations
	must(t, err)
	apiCoverage.CheckOutput(t, d, out, nil)
}
