package corpus_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
)

func export(t *testing.T, db recto.Store, status []recto.Status) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := corpus.WriteLines(context.Background(), &b, db, status); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importLines(t *testing.T, db recto.Store, data []byte, opts corpus.ImportOptions) *corpus.Report {
	t.Helper()
	r, err := corpus.ImportLines(context.Background(), db, bytes.NewReader(data), "dump.jsonl", opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestJSONLines_RoundTrip(t *testing.T) { storetest.Run(t, testJSONLines_RoundTrip) }

// An export imported into an empty archive and exported again gives the
// same bytes; importing it again changes nothing.
func testJSONLines_RoundTrip(t *testing.T, src storetest.Store) {
	ctx := context.Background()
	if err := sample.Load(ctx, src); err != nil {
		t.Fatal(err)
	}
	first := export(t, src, nil)
	if n := bytes.Count(first, []byte(`{"document":`)); n != 23 {
		t.Fatalf("export holds %d documents, want the sample's 23", n)
	}
	for _, want := range []string{`"id":`, `"created_at":`, `"published_at":`, `"status":"draft"`, `"status":"withdrawn"`, `"credits":`, `"relations":`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}

	dst := storetest.OpenSQLite(t)
	report := importLines(t, dst, first, corpus.ImportOptions{})
	if got := len(report.Documents[corpus.Created]); got != 23 {
		t.Fatalf("import created %d documents: %s", got, report.Summary())
	}
	second := export(t, dst, nil)
	if !bytes.Equal(first, second) {
		t.Fatalf("re-export differs from the export:\n%s", firstDifference(first, second))
	}

	// Importing the same dump again changes nothing at all.
	seq, err := dst.LatestChange(ctx)
	must(t, err)
	report = importLines(t, dst, first, corpus.ImportOptions{})
	if len(report.Documents[corpus.Unchanged]) != 23 || len(report.Documents[corpus.Created])+len(report.Documents[corpus.Updated]) != 0 ||
		len(report.Authorities[corpus.Created])+len(report.Authorities[corpus.Updated]) != 0 {
		t.Fatalf("second import: %s", report.Summary())
	}
	if after, err := dst.LatestChange(ctx); err != nil || after != seq {
		t.Fatalf("second import wrote to the change log: %d → %d (%v)", seq, after, err)
	}

	// An edited record updates its document only.
	edited := bytes.Replace(first, []byte(`"title":"Report from Arkady Sobolevsky`), []byte(`"title":"Edited: Report from Arkady Sobolevsky`), 1)
	if bytes.Equal(edited, first) {
		t.Fatal("the sample's Sobolevsky report was not found in the export")
	}
	report = importLines(t, dst, edited, corpus.ImportOptions{})
	if len(report.Documents[corpus.Updated]) != 1 || len(report.Documents[corpus.Unchanged]) != 22 {
		t.Fatalf("import of one edited record: %s", report.Summary())
	}
}

// firstDifference shows the first line where two exports differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "one export is longer: " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl)) + " lines"
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func TestJSONLines_PublishedOnly(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	all := export(t, db, nil)
	public := export(t, db, recto.Public)
	if n := bytes.Count(public, []byte(`{"document":`)); n != 21 {
		t.Fatalf("public export holds %d documents, want the 21 published", n)
	}
	if bytes.Contains(public, []byte(`"status":"draft"`)) || bytes.Contains(public, []byte(`"status":"withdrawn"`)) {
		t.Fatal("public export holds unpublished documents")
	}
	if len(public) >= len(all) {
		t.Fatal("public export is not smaller than the full one")
	}
	// It imports on its own: every authority a published document needs
	// is in it.
	dst := storetest.OpenSQLite(t)
	importLines(t, dst, public, corpus.ImportOptions{})
	if again := export(t, dst, nil); !bytes.Equal(again, public) {
		t.Fatalf("public export does not round-trip:\n%s", firstDifference(public, again))
	}
}

func TestImport_DryRunAndErrorsChangeNothing(t *testing.T) {
	ctx := context.Background()
	src := storetest.OpenSQLite(t)
	if err := sample.Load(ctx, src); err != nil {
		t.Fatal(err)
	}
	dump := export(t, src, nil)
	db := storetest.OpenSQLite(t)

	report := importLines(t, db, dump, corpus.ImportOptions{DryRun: true})
	if len(report.Documents[corpus.Created]) != 23 || len(report.Authorities[corpus.Created]) == 0 {
		t.Fatalf("dry run reports %s", report.Summary())
	}
	assertEmpty(t, db)

	// A bad record near the end: the whole file is refused, naming its line.
	lines := bytes.Split(bytes.TrimSpace(dump), []byte("\n"))
	bad := bytes.Replace(lines[len(lines)-2], []byte(`"date":"`), []byte(`"date":"1945-13-`), 1)
	lines[len(lines)-2] = bad
	broken := append(bytes.Join(lines, []byte("\n")), '\n')
	_, err := corpus.ImportLines(ctx, db, bytes.NewReader(broken), "dump.jsonl", corpus.ImportOptions{})
	want := "dump.jsonl:" + strconv.Itoa(len(lines)-1) + ":"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "date") {
		t.Fatalf("error %v, want one naming %s and the date", err, want)
	}
	assertEmpty(t, db)
}

func assertEmpty(t *testing.T, db recto.Store) {
	t.Helper()
	ctx := context.Background()
	seq, err := db.LatestChange(ctx)
	must(t, err)
	_, n, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	must(t, err)
	if seq != 0 || n != 0 {
		t.Fatalf("the archive was changed: %d documents, change log at %d", n, seq)
	}
}

func TestImport_MatchesAuthorities(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	agents, _, err := db.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	must(t, err)
	places, err := db.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	must(t, err)
	known := agents[0].Item
	f := &corpus.File{
		Agents: []corpus.Agent{{Key: "k", Kind: "person", Name: known.Name}, {Key: "new", Kind: "person", Name: "A New Person"}},
		Places: []corpus.Place{{Key: "p", Name: places[0].Item.Name}},
		Documents: []corpus.Document{{Key: "x", SourceID: "test/x", Title: "Imported",
			Credits: []corpus.Credit{{Role: "author", Agent: "k"}, {Role: "recipient", Agent: "new"}}, Places: []string{"p"}}},
	}
	report, err := corpus.Import(ctx, db, f, corpus.ImportOptions{Status: recto.StatusPublished})
	must(t, err)
	if len(report.Authorities[corpus.Created]) != 1 || report.Authorities[corpus.Created][0] != `person "A New Person"` {
		t.Fatalf("authorities created: %v", report.Authorities[corpus.Created])
	}
	ids, err := db.FindDocumentIDsBySource(ctx, []string{"test/x"})
	must(t, err)
	d, err := db.FindDocumentByID(ctx, ids["test/x"])
	must(t, err)
	if d.Status != recto.StatusPublished || d.Credits[0].Agent.ID != known.ID || d.Places[0].ID != places[0].Item.ID {
		t.Fatalf("imported document: status %s, author %d (want %d), place %d (want %d)", d.Status,
			d.Credits[0].Agent.ID, known.ID, d.Places[0].ID, places[0].Item.ID)
	}

	// A draft default does not unpublish a document on re-import.
	f.Documents[0].Title = "Imported again"
	report, err = corpus.Import(ctx, db, f, corpus.ImportOptions{})
	must(t, err)
	d, err = db.FindDocumentByID(ctx, ids["test/x"])
	must(t, err)
	if len(report.Documents[corpus.Updated]) != 1 || d.Status != recto.StatusPublished || d.Title != "Imported again" {
		t.Fatalf("re-import: %s; status %s, title %q", report.Summary(), d.Status, d.Title)
	}

	// References by Record ID use the record as it is; relations may
	// point to documents of the archive by "#ID" or source identifier.
	sobolevsky, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Limit: 1})
	must(t, err)
	ref := &corpus.File{
		Agents: []corpus.Agent{{Key: "byID", ID: known.ID}},
		Documents: []corpus.Document{{Key: "y", SourceID: "test/y", Title: "Second",
			Credits:   []corpus.Credit{{Role: "author", Agent: "byID"}},
			Relations: []corpus.Relation{{Kind: "related", Document: "#" + strconv.FormatInt(sobolevsky[0].ID, 10)}, {Kind: "related", Document: "test/x"}}}},
	}
	report, err = corpus.Import(ctx, db, ref, corpus.ImportOptions{})
	must(t, err)
	ids, err = db.FindDocumentIDsBySource(ctx, []string{"test/y", "test/x"})
	must(t, err)
	y, err := db.FindDocumentByID(ctx, ids["test/y"])
	must(t, err)
	if y.Credits[0].Agent.Name != known.Name || len(y.Relations) != 2 || y.Relations[0].Document.ID != sobolevsky[0].ID ||
		y.Relations[1].Document.ID != ids["test/x"] || len(report.Authorities[corpus.Updated]) != 0 {
		t.Fatalf("document with references: %+v (%s)", y, report.Summary())
	}
	ref.Agents[0].ID = 99999
	if _, err := corpus.Import(ctx, db, ref, corpus.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "unknown person #99999") {
		t.Fatalf("reference to a missing Record ID: %v", err)
	}

	// A reference by identifier alone must find its record.
	seq, err := db.LatestChange(ctx)
	must(t, err)
	f.Agents = append(f.Agents, corpus.Agent{Key: "v", Kind: "person", Identifiers: []corpus.Identifier{{Scheme: "viaf", Value: "0"}}})
	f.Documents[0].Credits = append(f.Documents[0].Credits, corpus.Credit{Role: "associated", Agent: "v"})
	f.Documents[0].Title = "Changed"
	_, err = corpus.Import(ctx, db, f, corpus.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "unknown person viaf:0") {
		t.Fatalf("error %v, want unknown person viaf:0", err)
	}
	if after, _ := db.LatestChange(ctx); after != seq {
		t.Fatal("a failed import changed the archive")
	}
}

func TestImport_PlaceByVariant(t *testing.T) { storetest.Run(t, testImport_PlaceByVariant) }

// A place is found by any of its names: the archive's "Ürümqi", stored
// with the variants "Tihwa" and "Urumqi", is the place a later import
// names "Tihwa", and the one it names "Dihua" with the variant "Urumqi".
func testImport_PlaceByVariant(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	lines := func(doc, place string) []byte {
		return []byte(`{"place":` + place + "}\n" + `{"document":{"key":"d","source_id":"` + doc + `","title":"T","status":"published","places":["p"]}}` + "\n")
	}
	importLines(t, db, lines("a", `{"key":"p","name":"Ürümqi","variants":[{"name":"Tihwa"},{"name":"Urumqi"}]}`), corpus.ImportOptions{})
	importLines(t, db, lines("b", `{"key":"p","name":"Tihwa"}`), corpus.ImportOptions{})
	importLines(t, db, lines("c", `{"key":"p","name":"Dihua","variants":[{"name":"Urumqi"}]}`), corpus.ImportOptions{})
	places, err := db.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	must(t, err)
	if len(places) != 1 || places[0].Item.Name != "Ürümqi" {
		var names []string
		for _, p := range places {
			names = append(names, p.Item.Name)
		}
		t.Fatalf("places %q, want Ürümqi alone, found by its variants", names)
	}
}
