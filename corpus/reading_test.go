package corpus_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

// lenientLines is a JSON Lines file written as archivists write: dates and
// languages in words.
const lenientLines = `{"agent":{"key":"m","kind":"person","name":"Molotov","dates":"1890–1986"}}
{"document":{"key":"d1","title":"A telegram","status":"published","date":"June 1934","languages":["Russian","zh"],` +
	`"texts":[{"kind":"translation","lang":"English","translated_from":"русский","method":"human","body":"Text.","date":"c. 1990"}]}}
{"document":{"key":"d2","title":"A letter","status":"published","date":"undated","classification":{"level":"Secret","declassified_on":"spring 1995"}}}
{"document":{"key":"d3","title":"Strict","status":"published","date":"1945-04-22","languages":["ru"]}}
`

var wantReadings = []string{
	`lenient.jsonl:1: dates "1890–1986" read as 1890/1986`,
	`lenient.jsonl:2: date "June 1934" read as 1934-06`,
	`lenient.jsonl:2: languages[0] "Russian" read as ru`,
	`lenient.jsonl:2: texts[0].date "c. 1990" read as 1990~`,
	`lenient.jsonl:2: texts[0].lang "English" read as en`,
	`lenient.jsonl:2: texts[0].translated_from "русский" read as ru`,
	`lenient.jsonl:3: date "undated" read as no date`,
	`lenient.jsonl:3: classification.declassified_on "spring 1995" read as 1995-21`,
}

func TestImport_LenientReadings(t *testing.T) { storetest.Run(t, testImport_LenientReadings) }

// Dates and languages written in words are read, stored as EDTF and tags,
// and each reading is reported by line, in a dry run too; strict values
// are not reported.
func testImport_LenientReadings(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	for _, dry := range []bool{true, false} {
		r, err := corpus.ImportLines(ctx, db, strings.NewReader(lenientLines), "lenient.jsonl", corpus.ImportOptions{DryRun: dry})
		if err != nil {
			t.Fatalf("dry run %v: %v", dry, err)
		}
		var got []string
		for _, rd := range r.Readings {
			got = append(got, rd.String())
		}
		if !slices.Equal(got, wantReadings) {
			t.Errorf("dry run %v: readings\n%s\nwant\n%s", dry, strings.Join(got, "\n"), strings.Join(wantReadings, "\n"))
		}
	}
	sums, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range sums {
		ids = append(ids, s.ID)
	}
	docs, err := db.FindDocumentsByIDs(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]string{}
	for _, d := range docs {
		stored[d.Title] = d.Date.String() + " " + strings.Join(d.Languages, ",")
		if d.Title == "A telegram" {
			if tx := d.Texts[0]; tx.Lang != "en" || tx.TranslatedFrom != "ru" || tx.Date.String() != "1990~" {
				t.Errorf("text stored as %q from %q dated %q", tx.Lang, tx.TranslatedFrom, tx.Date)
			}
		}
	}
	want := map[string]string{"A telegram": "1934-06 ru,zh", "A letter": " ", "Strict": "1945-04-22 ru"}
	for k, v := range want {
		if stored[k] != v {
			t.Errorf("%s stored as %q, want %q", k, stored[k], v)
		}
	}
}

// A date or language outside what Recto reads fails the file with the line,
// the field and a suggestion.
func TestImport_LenientRefused(t *testing.T) {
	for line, want := range map[string]string{
		`{"document":{"key":"d","title":"T","status":"published","date":"04/05/1945"}}`:    `line 1: document "d": date: edtf: "04/05/1945" at offset 0: the order of day and month is ambiguous`,
		`{"document":{"key":"d","title":"T","status":"published","languages":["Rusian"]}}`: `line 1: document "d": languages[0]: "Rusian" is neither a BCP 47 language tag`,
	} {
		_, err := corpus.ImportLines(context.Background(), storetest.OpenSQLite(t), strings.NewReader(line), "", corpus.ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("import of %s: error %v, want %q", line, err, want)
		}
	}
}

func TestImport_RepositoryShortNameOnly(t *testing.T) {
	storetest.Run(t, testImport_RepositoryShortNameOnly)
}

// A repository record with only a short name is created, named by it, as a
// CSV cell naming a repository is.
func testImport_RepositoryShortNameOnly(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	lines := `{"repository":{"key":"r","short_name":"GARF"}}
{"document":{"key":"d","title":"T","status":"published","sources":[{"repository":"r"}]}}
`
	r, err := corpus.ImportLines(ctx, db, strings.NewReader(lines), "dump.jsonl", corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Authorities[corpus.Created]; !slices.Equal(got, []string{`repository "GARF"`}) {
		t.Fatalf("authorities created: %q", got)
	}
	repos, err := db.FindRepositories(ctx, recto.RepositoryFilter{})
	if err != nil || len(repos) != 1 || repos[0].Item.ShortName != "GARF" || repos[0].Item.Name != "GARF" {
		t.Fatalf("repositories %+v, %v; want GARF named GARF", repos, err)
	}
}

func TestImport_SubjectNamedByDocument(t *testing.T) {
	storetest.Run(t, testImport_SubjectNamedByDocument)
}

// A subject a document names is created when the archive lacks it, and
// reported; importing again creates nothing.
func testImport_SubjectNamedByDocument(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	line := `{"document":{"key":"d","title":"T","status":"published","subjects":["Xinjiang","Oil"]}}` + "\n"
	for i, want := range [][]string{{`subject "Xinjiang"`, `subject "Oil"`}, nil} {
		r, err := corpus.ImportLines(ctx, db, strings.NewReader(line), "dump.jsonl", corpus.ImportOptions{})
		if err != nil {
			t.Fatalf("import %d: %v", i+1, err)
		}
		if got := r.Authorities[corpus.Created]; !slices.Equal(got, want) {
			t.Errorf("import %d created %q, want %q", i+1, got, want)
		}
	}
	docs, err := db.FindDocumentsByIDs(ctx, []int64{1})
	if err != nil || len(docs) != 1 || len(docs[0].Subjects) != 2 || docs[0].Subjects[0].Heading != "Xinjiang" {
		t.Fatalf("document %+v, %v: want its two subjects", docs, err)
	}
}

func TestImport_CollectionNamedByDocument(t *testing.T) {
	storetest.Run(t, testImport_CollectionNamedByDocument)
}

// A collection a document names without a collection line is its path of
// titles, created when the archive lacks it and reported; a second file
// naming a collection on the same path finds it, and an empty title on a
// path is an error naming the field.
func testImport_CollectionNamedByDocument(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	first := `{"document":{"key":"d","source_id":"d","title":"T","status":"published","collections":["Ili Valley > The Ghulja Talks"]}}` + "\n"
	second := `{"document":{"key":"e","source_id":"e","title":"U","status":"published","collections":["Ili Valley"]}}` + "\n"
	for i, c := range []struct {
		line string
		want []string
	}{{first, []string{`collection "Ili Valley"`, `collection "The Ghulja Talks"`}}, {first, nil}, {second, nil}} {
		// The second import of the first file finds its document by source_id and its collections by path.
		r, err := corpus.ImportLines(ctx, db, strings.NewReader(c.line), "dump.jsonl", corpus.ImportOptions{})
		if err != nil {
			t.Fatalf("import %d: %v", i+1, err)
		}
		if got := r.Authorities[corpus.Created]; !slices.Equal(got, c.want) {
			t.Errorf("import %d created %q, want %q", i+1, got, c.want)
		}
	}
	docs, err := db.FindDocumentsByIDs(ctx, []int64{1, 2})
	if err != nil || len(docs) != 2 || len(docs[0].Collections) != 1 || len(docs[1].Collections) != 1 {
		t.Fatalf("documents %+v, %v: want one collection each", docs, err)
	}
	talks, valley := docs[0].Collections[0], docs[1].Collections[0]
	if talks.Title != "The Ghulja Talks" || valley.Title != "Ili Valley" || talks.ParentID != valley.ID {
		t.Errorf("collections %+v and %+v: want The Ghulja Talks inside Ili Valley", talks, valley)
	}
	bad := `{"document":{"key":"f","title":"V","collections":["Ili Valley >  > X"]}}` + "\n"
	_, err = corpus.ImportLines(ctx, db, strings.NewReader(bad), "bad.jsonl", corpus.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:1") || !strings.Contains(err.Error(), "collections") {
		t.Errorf("empty title on a path: %v", err)
	}
}

func TestJSONLines_SubjectIDs(t *testing.T) { storetest.Run(t, testJSONLines_SubjectIDs) }

// A restored export keeps its subjects' IDs, and so their pages' URLs,
// though the archive it came from numbered them with gaps.
func testJSONLines_SubjectIDs(t *testing.T, src storetest.Store) {
	ctx := context.Background()
	for _, s := range []*recto.Subject{{ID: 7, Heading: "Oil"}, {ID: 30, Heading: "Xinjiang--History"}} {
		must(t, src.CreateSubject(ctx, s))
	}
	subjects := func(db storetest.Store) map[string]int64 {
		list, err := db.FindSubjects(ctx, recto.TreeFilter{NoCounts: true})
		must(t, err)
		out := map[string]int64{}
		for _, s := range list {
			out[s.Item.Heading] = s.Item.ID
		}
		return out
	}
	line := `{"document":{"key":"d","source_id":"d","title":"T","status":"published","subjects":["Oil","Xinjiang--History"]}}` + "\n"
	importLines(t, src, []byte(line), corpus.ImportOptions{})
	dump := export(t, src, nil)
	dst := storetest.OpenSQLite(t)
	importLines(t, dst, dump, corpus.ImportOptions{})
	if want, got := subjects(src), subjects(dst); !maps.Equal(want, got) {
		t.Errorf("subjects restored as %v, want %v", got, want)
	}
}
