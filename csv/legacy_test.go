package csv

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// The former_paths column holds any number of former paths, in any form
// recto.NormalFormerPath reads; original_uploaded and original_created the
// former system's stamps. A later file with a corrected stamp updates it
// alone; an export writes them all back.
func TestImportFormerPathsAndOriginalStamps(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	importCSV(t, db, "source_id,title,status,former_paths,original_uploaded\n"+
		"old/1,A letter,published,a-letter | https://old.example.org/node/12?page=2,2011-11-02T09:30:00Z\n")
	ids, err := db.FindDocumentIDsBySource(ctx, []string{"old/1"})
	must(t, err)
	find := func() *recto.Document {
		d, err := db.FindDocumentByID(ctx, ids["old/1"])
		must(t, err)
		return d
	}
	d := find()
	if want := []string{"/document/a-letter", "/node/12"}; !slices.Equal(d.FormerPaths, want) {
		t.Fatalf("former paths = %q, want %q", d.FormerPaths, want)
	}
	if !d.OriginalUploaded.Equal(time.Date(2011, 11, 2, 9, 30, 0, 0, time.UTC)) || !d.OriginalCreated.IsZero() {
		t.Fatalf("original stamps = %v, %v", d.OriginalUploaded, d.OriginalCreated)
	}

	r := importCSV(t, db, "source_id,original_created\nold/1,2011-10-28T16:05:00Z\n")
	if !slices.Equal(r.Documents[corpus.Updated], []string{"old/1"}) {
		t.Fatalf("a corrected stamp: %s", r.Summary())
	}
	after := find()
	if !after.OriginalCreated.Equal(time.Date(2011, 10, 28, 16, 5, 0, 0, time.UTC)) ||
		!after.OriginalUploaded.Equal(d.OriginalUploaded) || !slices.Equal(after.FormerPaths, d.FormerPaths) {
		t.Fatalf("after the correction: %v, %v, %q", after.OriginalUploaded, after.OriginalCreated, after.FormerPaths)
	}

	out := string(export(t, db, nil))
	for _, want := range []string{"original_uploaded,original_created,former_paths",
		"2011-11-02T09:30:00Z,2011-10-28T16:05:00Z,/document/a-letter|/node/12"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}

	_, err = Read(bytes.NewReader([]byte("source_id,title,former_paths\nold/2,B,/node/../x\n")), "bad.csv")
	if err == nil || !strings.Contains(err.Error(), "bad.csv:2") || !strings.Contains(err.Error(), "former_paths") {
		t.Fatalf("a bad former path: %v, want an error naming the file, line and column", err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
