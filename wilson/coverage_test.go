package wilson

import (
	"context"
	"html"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
)

// srvCoverage names what a /srv/ record, with its text assets, gives of
// each field. The former API's shape is lossy by design.
var srvCoverage = fixture.Coverage{
	Format: "/srv/",
	Carried: []string{"ID", "Title", "Summary", "Type", "Date", "Languages", "Texts.ID", "Texts.Kind", "Texts.Lang",
		"Texts.Body", "Sources.Repository.ID", "Sources.Repository.ShortName", "Sources.Repository.Name", "Sources.Parts.Label",
		"Sources.Parts.Value", "Sources.Citation", "Credits.Agent.ID", "Credits.Agent.Name",
		"Places.ID", "Places.Name", "Subjects.ID", "Subjects.Heading", "Collections.ID", "Collections.Title",
		"Classification.Level", "Rights", "Media.URL", "Media.MediaType", "Relations.Document.ID", "Relations.Document.Title",
		"UpdatedAt", "OriginalUploaded", "OriginalCreated"},
	Omitted: map[string]string{
		fixture.Every:   "the former API's record has no place for it",
		"Credits.Role":  "the former API merges every role into the record's contributors",
		"Sources.Note":  "the former API's source is one sentence of repository and reference",
		"CreatedAt":     "source_created_at is the former system's creation (OriginalCreated) when known, Recto's only without it",
		"PublishedAt":   "first_published_at is the Original Uploaded Date (OriginalUploaded) when known, Recto's first publication only without it",
		"FormerPaths":   "slug is the first former /document/{slug} that is no number, the path's last part only",
		"Texts.Credits": "the former API credits translators among the record's contributors, roles merged, and transcribers nowhere",
	},
}

// srvShow writes a value as the former API did: dates for display, stamps
// without a zone, a text's body as HTML (its opening words have no markup).
func srvShow(field, value string) string {
	switch field {
	case "Date":
		return edtf.MustParse(value).Display()
	case "UpdatedAt", "OriginalUploaded", "OriginalCreated":
		t, err := time.Parse(time.RFC3339Nano, value)
		if err != nil {
			panic(err)
		}
		return t.Format(time.DateTime)
	case "Texts.Body":
		return value[:40]
	}
	return value
}

// The /srv/ record of the complete fixture's letter and its text assets
// hold every field the shape carries.
func TestRecordCoverage(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	c, err := fixture.LoadComplete(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	cat := recto.NewCatalogue(db, recto.PublicAudience)
	a := &archive{db: db, ref: c.Reference, h: New(cat, eng, Options{Publisher: testPublisher,
		BaseURL: "https://archive.example.org", Logger: slog.New(slog.DiscardHandler)})}
	status, body := a.get(t, recordURI(c.Document.ID))
	if status != http.StatusOK {
		t.Fatalf("GET the record: %d %s", status, body)
	}
	out, err := fixture.JSONText(body)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.FindDocumentByID(ctx, c.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range d.Texts {
		status, asset := a.get(t, textURL(d.ID, text.ID))
		if status != http.StatusOK {
			t.Fatalf("GET text %d: %d %s", text.ID, status, asset)
		}
		out += html.UnescapeString(string(asset))
	}
	srvCoverage.CheckOutput(t, d, out, srvShow)
}
