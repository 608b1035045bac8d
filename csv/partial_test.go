package csv

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// importCSV imports text through the importer, as "recto import csv" does.
func importCSV(t *testing.T, db recto.Store, text string) *corpus.Report {
	t.Helper()
	read := func(emit corpus.Emit) error { return Decode(strings.NewReader(text), "edit.csv", emit) }
	report, err := corpus.ImportRecords(context.Background(), db, read, corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return report
}

// A row changes only the columns of its file: an absent column leaves its
// field alone, an empty cell clears it, and any column of a numbered group
// (text1_…, source2_…) means the file gives the whole list.
func TestImportPartialRows(t *testing.T) {
	ctx := context.Background()
	db := sampleStore(t)
	docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var before *recto.Document
	for _, s := range docs {
		d, err := db.FindDocumentByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Texts) > 1 && len(d.Sources) > 0 && d.Summary != "" && len(d.CreditsIn(recto.RoleAuthor)) > 0 &&
			len(d.Credits) > len(d.CreditsIn(recto.RoleAuthor)) && len(d.Languages) > 0 && !d.Date.IsZero() {
			before = d
			break
		}
	}
	if before == nil {
		t.Fatal("no sample document has texts, sources, a summary, authors and other credits, languages and a date")
	}
	id := strconv.FormatInt(before.ID, 10)
	find := func() *recto.Document {
		d, err := db.FindDocumentByID(ctx, before.ID)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	edit := "id,title,authors\n" + id + ",A new title,A New Author\n"
	if r := importCSV(t, db, edit); len(r.Documents[corpus.Updated]) != 1 {
		t.Fatalf("first edit: %s", r.Summary())
	}
	after := find()
	if after.Title != "A new title" || len(after.CreditsIn(recto.RoleAuthor)) != 1 || after.CreditsIn(recto.RoleAuthor)[0].Name != "A New Author" {
		t.Errorf("title %q, authors %v", after.Title, after.CreditsIn(recto.RoleAuthor))
	}
	if len(after.Credits)-1 != len(before.Credits)-len(before.CreditsIn(recto.RoleAuthor)) || len(after.Texts) != len(before.Texts) ||
		len(after.Sources) != len(before.Sources) || after.Summary != before.Summary || after.Date != before.Date ||
		len(after.Languages) != len(before.Languages) || len(after.Collections) != len(before.Collections) ||
		after.Status != before.Status || after.SourceID != before.SourceID {
		t.Errorf("columns the file does not have changed:\nbefore %+v\nafter  %+v", before, after)
	}
	if r := importCSV(t, db, edit); len(r.Documents[corpus.Unchanged]) != 1 {
		t.Errorf("the same edit again: %s", r.Summary())
	}

	importCSV(t, db, "id,summary,text1_kind,text1_lang,text1_body,source2_note\n"+id+",,transcript,en,The only text,A note\n")
	after = find()
	if after.Summary != "" || len(after.Texts) != 1 || after.Texts[0].Body != "The only text" ||
		len(after.Sources) != 1 || after.Sources[0].Note != "A note" || after.Title != "A new title" {
		t.Errorf("cleared summary, whole lists: %+v", after)
	}
}
