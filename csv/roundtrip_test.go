package csv

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

// openStore opens a new, empty archive.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "recto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// sampleStore opens an archive holding the built-in sample collection.
func sampleStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db := openStore(t)
	if err := sample.Load(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func export(t testing.TB, store recto.Store, status []recto.Status) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, store, status); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundTrip exports the sample, reads the CSV back, loads it into a
// second archive and exports that: the two files must be the same bytes.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	first := export(t, sampleStore(t), nil)
	if os.Getenv("RECTO_CSV_DUMP") != "" {
		os.WriteFile(os.Getenv("RECTO_CSV_DUMP"), first, 0o644)
	}
	f, err := Read(bytes.NewReader(first), "sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	second := openStore(t)
	if err := corpus.LoadFile(ctx, second, data); err != nil {
		t.Fatal(err)
	}
	again := export(t, second, nil)
	if !bytes.Equal(first, again) {
		a, b := strings.Split(string(first), "\n"), strings.Split(string(again), "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("the exports differ first at line %d:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("the exports differ in length: %d and %d lines", len(a), len(b))
	}
}

// TestImportUnchanged imports an archive's own export back into it with
// the corpus importer: every document and authority is found, none is
// created or updated, and the archive exports as before. One document's
// credits interleave roles and its relations kinds, as a FRUS letter's do
// (an author, a person mentioned, a second author), which a CSV file
// groups by column.
func TestImportUnchanged(t *testing.T) {
	ctx := context.Background()
	db := sampleStore(t)
	interleave(t, db)
	out := export(t, db, nil)
	for round := 1; round <= 2; round++ {
		f, err := Read(bytes.NewReader(out), "sample.csv")
		if err != nil {
			t.Fatal(err)
		}
		report, err := corpus.Import(ctx, db, f, corpus.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("import %d: %s", round, report.Summary())
		if len(report.Documents[corpus.Created]) > 0 || len(report.Authorities[corpus.Created]) > 0 ||
			len(report.Authorities[corpus.Updated]) > 0 || len(report.Documents[corpus.Updated]) > 0 {
			t.Errorf("import %d of the archive's own export: %s", round, report.Summary())
		}
		if !bytes.Equal(export(t, db, nil), out) {
			t.Fatalf("import %d changed the export", round)
		}
	}
}

// interleave gives the first of the archive's documents credits whose roles
// interleave and relations whose kinds do.
func interleave(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Limit: 3})
	if err != nil || len(docs) < 3 {
		t.Fatalf("sample documents: %d, %v", len(docs), err)
	}
	agents, _, err := db.FindAgents(ctx, recto.AgentFilter{Limit: 2})
	if err != nil || len(agents) < 2 {
		t.Fatalf("sample agents: %d, %v", len(agents), err)
	}
	d, err := db.FindDocumentByID(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Credits = []recto.Credit{{Role: recto.RoleAuthor, Agent: agents[0].Item}, {Role: recto.RoleAssociated, Agent: agents[1].Item},
		{Role: recto.RoleAuthor, Agent: agents[1].Item}, {Role: recto.RoleRecipient, Agent: agents[0].Item}}
	d.Relations = []recto.Relation{{Kind: recto.Related, Document: docs[1]}, {Kind: recto.Enclosure, Document: docs[2]},
		{Kind: recto.Related, Document: docs[2]}}
	if err := db.UpdateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
}
