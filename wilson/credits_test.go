package wilson

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

// /srv/ does not say whether a contributor is a person: one new to the
// archive is imported of unknown kind, never guessed a person.
func TestImportContributorKindUnknown(t *testing.T) {
	const record = `{"id":"7","uri":"/srv/record/7.json","model":"Record","title":"Note on a visit",` +
		`"description":"","doc_date":"19500102","frontend_doc_date":"January 2, 1950","date_range_start":"19500102",` +
		`"slug":"note-on-a-visit","source":"","type":[],"rights":{"id":"","name":"","rights":""},"classifications":[],` +
		`"languages":[],"creators":[],` +
		`"contributors":[{"id":"12","name":"Central Committee","value":"Central Committee","uri":"/srv/contributor/12.json"}],` +
		`"donors":[],"original_coverages":[],"subjects":[],"collections":[],"repositories":[],"publishers":[],` +
		`"transcripts":[],"translations":[],"media_files":[],"attachments":[],"links":[],` +
		`"source_created_at":"2017-10-13 15:57:30","source_updated_at":"2017-10-13 15:57:42","first_published_at":"2017-10-14 09:00:00"}`
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "record"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "record", "7.json"), []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	db := storetest.OpenSQLite(t)
	importDir(t, db, dir)
	a, err := db.FindAgentByID(context.Background(), 12)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != recto.UnknownKind || a.Name != "Central Committee" {
		t.Errorf("contributor imported as %q %q, want %q of unknown kind", a.Name, a.Kind, "Central Committee")
	}
}

// The source sentence gives back for whom the document was obtained and
// translated: "Obtained and translated for NKIDP by …", "Obtained by A and
// translated for CWIHP by B".
func TestReadSourceSentenceFor(t *testing.T) {
	base := record{ID: "5", Title: "A letter",
		Contributors: []authority{{ID: "1", Name: "Jamil Hasanli"}},
		Translations: []asset{{ID: "9", HTML: `<html lang="en"><body><p>Text.</p></body></html>`}}}
	for _, tc := range []struct {
		source     string
		credits    []corpus.Credit
		translator []corpus.Credit
	}{
		{"GARF, Fond 1. Obtained and translated for NKIDP by Jamil Hasanli.",
			[]corpus.Credit{{Role: "obtained-by", Agent: "agent/1", For: "for/NKIDP"}},
			[]corpus.Credit{{Role: "translator", Agent: "agent/1", For: "for/NKIDP"}}},
		{"Obtained by Jamil Hasanli and translated for CWIHP by Gary Goldberg.",
			[]corpus.Credit{{Role: "obtained-by", Agent: "agent/1"}},
			[]corpus.Credit{{Role: "translator", Agent: "translator/Gary Goldberg", For: "for/CWIHP"}}},
	} {
		rec := base
		rec.Source = tc.source
		r := &Record{Name: "5.json", rec: rec}
		d, err := r.document()
		if err != nil {
			t.Fatalf("%q: %v", tc.source, err)
		}
		if !slices.Equal(d.Credits, tc.credits) || !slices.Equal(d.Texts[0].Credits, tc.translator) {
			t.Errorf("%q read as credits %v, translators %v", tc.source, d.Credits, d.Texts[0].Credits)
		}
	}
}
