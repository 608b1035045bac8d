package corpus_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/sqlite"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "recto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func lines(t *testing.T, records ...corpus.Line) string {
	t.Helper()
	var b strings.Builder
	for _, r := range records {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLoadLines(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	heading := "China--Foreign relations"
	input := lines(t,
		corpus.Line{Place: &corpus.Place{Key: "cn", Name: "China"}},
		corpus.Line{Place: &corpus.Place{Key: "yn", Name: "Yining", Parent: "cn", Variants: []corpus.Name{{Name: "伊宁", Lang: "zh-Hans"}}}},
		corpus.Line{Agent: &corpus.Agent{Key: "a", Kind: "person", Name: "A. Writer", Dates: "1900/1970"}},
		corpus.Line{Subject: &heading},
		corpus.Line{Collection: &corpus.Collection{Key: "c", Title: "Letters"}},
		corpus.Line{Document: &corpus.Document{Key: "d1", Title: "First", Status: "published", Date: "1945-04",
			Places: []string{"yn"}, Subjects: []string{heading}, Collections: []string{"c"},
			Credits:   []corpus.Credit{{Role: "author", Agent: "a"}},
			Relations: []corpus.Relation{{Kind: "related", Document: "d2"}}}},
		corpus.Line{Document: &corpus.Document{Key: "d2", Title: "Second", Status: "draft",
			Relations: []corpus.Relation{{Kind: "enclosure", Document: "d1"}}}},
	)
	var progress []int
	if err := corpus.LoadLines(ctx, db, strings.NewReader(input), func(n int) { progress = append(progress, n) }); err != nil {
		t.Fatal(err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != 2 {
		t.Fatalf("progress %v", progress)
	}
	docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("%v %v", docs, err)
	}
	first, err := db.FindDocumentByID(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if first.Title != "First" || first.Places[0].Name != "Yining" || first.Subjects[0].Heading != heading ||
		first.Credits[0].Agent.Name != "A. Writer" || len(first.Relations) != 1 || first.Relations[0].Document.Title != "Second" ||
		len(first.Inverse) != 1 || first.Inverse[0].Kind != recto.Enclosure {
		t.Fatalf("first document = %+v", first)
	}
}

func TestLoadLines_Errors(t *testing.T) {
	ctx := context.Background()
	for input, want := range map[string]string{
		`{"document":{"key":"d","title":"T","status":"published","places":["nowhere"]}}`: `line 1: document "d": unknown place "nowhere"`,
		`{"agent":{"key":"a","kind":"person","name":"X","dates":"1945-13"}}`:             `line 1: agent "a": dates: edtf`,
		`{"plaice":{}}`: `line 1: unknown field "plaice"`,
		`{}`:            `line 1: no record`,
		`{"document":{"key":"d","title":"T","status":"published"}}` + "\n" + `{"document":{"key":"d","title":"T","status":"published"}}`: `line 2: document "d": the key is used twice`,
		`{"document":{"key":"d","title":"T","status":"published","relations":[{"kind":"related","document":"x"}]}}`:                      `unknown related document "x"`,
		`{"document":{"key":"d","title":"","status":"published"}}`:                                                                       `line 1: document "d": invalid document: title: required`,
	} {
		err := corpus.LoadLines(ctx, openDB(t), strings.NewReader(input), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n\terror %v, want %q", input, err, want)
		}
	}
}

// bulkCounter is the SQLite store, counting the bulk loads begun and ended.
type bulkCounter struct {
	*sqlite.DB
	begun, ended int
}

func (b *bulkCounter) BeginBulk(ctx context.Context) error { b.begun++; return b.DB.BeginBulk(ctx) }
func (b *bulkCounter) EndBulk(ctx context.Context) error   { b.ended++; return b.DB.EndBulk(ctx) }

// A load is a bulk load, ended however the load ends.
func TestLoadLines_Bulk(t *testing.T) {
	ctx := context.Background()
	for input, fails := range map[string]bool{
		`{"document":{"key":"d","title":"T","status":"published"}}`: false,
		`{"document":{"key":"d","title":"","status":"published"}}`:  true,
	} {
		store := &bulkCounter{DB: openDB(t)}
		err := corpus.LoadLines(ctx, store, strings.NewReader(input), nil)
		if (err != nil) != fails {
			t.Fatalf("%s: error %v", input, err)
		}
		if store.begun != 1 || store.ended != 1 {
			t.Errorf("%s: %d bulk loads begun, %d ended; want 1 and 1", input, store.begun, store.ended)
		}
	}
}
