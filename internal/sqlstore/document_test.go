package sqlstore_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestDocument_RoundTrip(t *testing.T) { storetest.Run(t, testDocument_RoundTrip) }

func testDocument_RoundTrip(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	want := ref.Document
	if want.ID == 0 || want.CreatedAt.IsZero() || !want.UpdatedAt.Equal(want.CreatedAt) || !want.PublishedAt.Equal(want.CreatedAt) {
		t.Fatalf("stamps not set on create: id %d created %v updated %v published %v",
			want.ID, want.CreatedAt, want.UpdatedAt, want.PublishedAt)
	}
	got, err := db.FindDocumentByID(ctx, want.ID)
	must(t, err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}

	// The enclosure sees the letter as the document enclosing it.
	enc, err := db.FindDocumentByID(ctx, ref.Enclosure.ID)
	must(t, err)
	if len(enc.Inverse) != 1 || enc.Inverse[0].Kind != recto.Enclosure || enc.Inverse[0].Document.ID != want.ID {
		t.Fatalf("enclosure's inverse relations = %+v", enc.Inverse)
	}
}

func TestDocument_Update(t *testing.T) { storetest.Run(t, testDocument_Update) }

func testDocument_Update(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	d := ref.Document
	created, published := d.CreatedAt, d.PublishedAt
	textID := d.Texts[1].ID

	// Drop the transcript, keep the translation, add a text; reorder and
	// trim every list.
	d.Title = "Revised title"
	d.Date = edtf.MustParse("1945-04-22?")
	d.Texts = []recto.Text{d.Texts[1], {Kind: recto.Translation, Lang: "de", Body: "Erster Absatz.", Method: recto.MachineRevised}}
	d.Credits = d.Credits[:1]
	d.Places = []*recto.Place{ref.Moscow}
	d.Collections = []*recto.Collection{ref.Child}
	d.Relations = d.Relations[1:2]
	d.Sources[0].Parts = d.Sources[0].Parts[:2]
	d.Media = nil
	d.Status = recto.StatusWithdrawn
	d.WithdrawnNote = "Withdrawn while its attribution is re-examined."
	must(t, db.UpdateDocument(ctx, d))
	if !d.CreatedAt.Equal(created) || !d.PublishedAt.Equal(published) || !d.UpdatedAt.After(created) {
		t.Fatalf("stamps after update: created %v (was %v), published %v (was %v), updated %v",
			d.CreatedAt, created, d.PublishedAt, published, d.UpdatedAt)
	}
	if d.Texts[0].ID != textID || d.Texts[1].ID == 0 {
		t.Fatalf("text IDs = %d, %d; want the kept text to keep %d", d.Texts[0].ID, d.Texts[1].ID, textID)
	}
	got, err := db.FindDocumentByID(ctx, d.ID)
	must(t, err)
	if diff := cmp.Diff(d, got); diff != "" {
		t.Fatalf("after update (-want +got):\n%s", diff)
	}

	revs, err := db.FindRevisions(ctx, d.ID)
	must(t, err)
	if len(revs) != 2 || revs[0].Status != recto.StatusWithdrawn || revs[1].Status != recto.StatusPublished {
		t.Fatalf("revisions = %+v", revs)
	}
	rev, err := db.FindRevisionByID(ctx, revs[0].ID)
	must(t, err)
	if diff := cmp.Diff(d, rev.Document); diff != "" {
		t.Fatalf("newest revision (-want +got):\n%s", diff)
	}
	first, err := db.FindRevisionByID(ctx, revs[1].ID)
	must(t, err)
	if first.Document.Title != "Letter from Alihan Tore to Commander-in-Chief Marshal Stalin" ||
		len(first.Document.Texts) != 2 || first.Document.Status != recto.StatusPublished || !first.Document.CreatedAt.Equal(created) {
		t.Fatalf("first revision keeps the document as created: %+v", first.Document)
	}
	_, err = db.FindRevisionByID(ctx, 9999)
	wantCode(t, err, recto.ENOTFOUND)
}

func TestDocument_UpdateMany(t *testing.T) { storetest.Run(t, testDocument_UpdateMany) }

// testDocument_UpdateMany: documents updated together are each updated as
// UpdateDocument would, keep their own places in collections and their
// texts' IDs, and a bad one stores none of them.
func testDocument_UpdateMany(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	second := &recto.Document{Title: "Second", Status: recto.StatusDraft, Collections: []*recto.Collection{ref.Child},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Second text."}}}
	must(t, db.CreateDocument(ctx, second))
	a, err := db.FindDocumentByID(ctx, ref.Document.ID)
	must(t, err)
	b, err := db.FindDocumentByID(ctx, second.ID)
	must(t, err)
	positions := func() map[int64]int {
		docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{CollectionID: ref.Child.ID, Sort: recto.SortCurated})
		must(t, err)
		out := map[int64]int{}
		for i, d := range docs {
			out[d.ID] = i
		}
		return out
	}
	before := positions()

	// A bad document fails the batch, named by its index, and stores nothing.
	a.Title = "Changed first"
	broken := *b
	broken.Places = []*recto.Place{{ID: 4141}}
	wantCode(t, db.UpdateDocuments(ctx, []*recto.Document{a, &broken}), recto.EINVALID, "documents[1].places[0]")
	if got, err := db.FindDocumentByID(ctx, a.ID); err != nil || got.Title == "Changed first" {
		t.Fatalf("a failed batch stored its first document: %q, %v", got.Title, err)
	}

	b.Title, b.Status = "Changed second", recto.StatusPublished
	b.Texts = append(b.Texts, recto.Text{Kind: recto.Transcript, Lang: "ru", Body: "Второй текст."})
	textID := b.Texts[0].ID
	must(t, db.UpdateDocuments(ctx, []*recto.Document{a, b}))
	if b.Texts[0].ID != textID || b.Texts[1].ID == 0 || b.PublishedAt.IsZero() {
		t.Fatalf("second after the update: texts %d, %d (want %d kept), published %v", b.Texts[0].ID, b.Texts[1].ID, textID, b.PublishedAt)
	}
	for _, want := range []*recto.Document{a, b} {
		got, err := db.FindDocumentByID(ctx, want.ID)
		must(t, err)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("document %d after the update (-want +got):\n%s", want.ID, diff)
		}
		revs, err := db.FindRevisions(ctx, want.ID)
		must(t, err)
		if len(revs) != 2 {
			t.Errorf("document %d has %d revisions, want 2", want.ID, len(revs))
		}
	}
	if after := positions(); !maps.Equal(before, after) {
		t.Errorf("places in the collection %v after the update, were %v", after, before)
	}
	wantCode(t, db.UpdateDocuments(ctx, []*recto.Document{a, {ID: 987, Title: "Nowhere", Status: recto.StatusDraft}}), recto.ENOTFOUND)
}

func TestDocument_Errors(t *testing.T) { storetest.Run(t, testDocument_Errors) }

func testDocument_Errors(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	_, err := db.FindDocumentByID(ctx, 1)
	wantCode(t, err, recto.ENOTFOUND)
	wantCode(t, db.UpdateDocument(ctx, &recto.Document{ID: 5, Title: "x", Status: recto.StatusDraft}), recto.ENOTFOUND)

	bad := &recto.Document{Status: "lost", Languages: []string{"Russian"},
		Texts:   []recto.Text{{Kind: "summary", Lang: "en"}},
		Sources: []recto.Source{{Parts: []recto.RefPart{{Label: "Fond"}}}},
		Credits: []recto.Credit{{Role: "hero", Agent: &recto.Agent{}}}}
	wantCode(t, db.CreateDocument(ctx, bad), recto.EINVALID, "title", "status", "languages[0]", "texts[0].kind",
		"texts[0].body", "sources[0].parts[0].value", "credits[0].role", "credits[0].agent")

	// References to missing records name the field and store nothing.
	cases := map[string]*recto.Document{
		"places[0]":             {Places: []*recto.Place{{ID: 41}}},
		"subjects[0]":           {Subjects: []*recto.Subject{{ID: 41}}},
		"collections[0]":        {Collections: []*recto.Collection{{ID: 41}}},
		"credits[0].agent":      {Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: &recto.Agent{ID: 41}}}},
		"sources[0].repository": {Sources: []recto.Source{{Repository: &recto.Repository{ID: 41}}}},
		"relations[0].document": {Relations: []recto.Relation{{Kind: recto.Related, Document: &recto.DocumentSummary{ID: 41}}}},
		"texts[0].credits[0].agent": {Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "x",
			Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: &recto.Agent{ID: 41}}}}}},
	}
	for field, d := range cases {
		d.Title, d.Status = "Broken", recto.StatusPublished
		wantCode(t, db.CreateDocument(ctx, d), recto.EINVALID, field)
	}
	_, total, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	must(t, err)
	if total != 0 {
		t.Fatalf("failed creates left %d documents", total)
	}
}

func TestFindDocuments(t *testing.T) { storetest.Run(t, testFindDocuments) }

func testFindDocuments(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	ref, err := fixture.LoadReference(ctx, db)
	must(t, err)
	undated := mustDocument(t, db, &recto.Document{Title: "Undated note", Status: recto.StatusPublished})
	approx := mustDocument(t, db, &recto.Document{Title: "Circa 1945", Date: edtf.MustParse("1945~"), Status: recto.StatusPublished})
	openEnd := mustDocument(t, db, &recto.Document{Title: "Until 1930", Date: edtf.MustParse("../1930"), Status: recto.StatusPublished})
	withdrawn := mustDocument(t, db, &recto.Document{Title: "Withdrawn", Date: edtf.MustParse("1945-04-01"), Status: recto.StatusWithdrawn})

	april := dayRange("1945-04-01", "1945-04-30")
	tests := []struct {
		name   string
		filter recto.DocumentFilter
		want   []int64
	}{
		{"public by date", recto.DocumentFilter{Status: recto.Public},
			[]int64{openEnd.ID, approx.ID, ref.Enclosure.ID, ref.Document.ID, ref.Related.ID, undated.ID}},
		{"every status", recto.DocumentFilter{Status: []recto.Status{recto.StatusDraft, recto.StatusWithdrawn}},
			[]int64{withdrawn.ID, ref.Draft.ID}},
		{"no status allowed", recto.DocumentFilter{Status: []recto.Status{}}, nil},
		{"collection", recto.DocumentFilter{Status: recto.Public, CollectionID: ref.Collection.ID},
			[]int64{ref.Enclosure.ID, ref.Document.ID}},
		{"collection, curated", recto.DocumentFilter{CollectionID: ref.Collection.ID, Sort: recto.SortCurated},
			[]int64{ref.Enclosure.ID, ref.Document.ID}},
		{"agent on a text", recto.DocumentFilter{AgentID: ref.Translator.ID}, []int64{ref.Document.ID}},
		{"place and below", recto.DocumentFilter{PlaceID: ref.China.ID}, []int64{ref.Document.ID}},
		{"subject and narrower", recto.DocumentFilter{SubjectID: ref.Subject.ParentID}, []int64{ref.Document.ID}},
		{"repository", recto.DocumentFilter{RepositoryID: ref.GARF.ID}, []int64{ref.Document.ID}},
		{"April 1945 overlaps", recto.DocumentFilter{Status: recto.Public, Dates: &april},
			[]int64{approx.ID, ref.Enclosure.ID, ref.Document.ID}},
		{"open start", recto.DocumentFilter{Status: recto.Public, Dates: ptr(dayRange("1800-01-01", "1800-12-31"))},
			[]int64{openEnd.ID}},
		{"undated", recto.DocumentFilter{Undated: true}, []int64{ref.Draft.ID, undated.ID}},
		{"page", recto.DocumentFilter{Status: recto.Public, Offset: 1, Limit: 2}, []int64{approx.ID, ref.Enclosure.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, total, err := db.FindDocuments(ctx, tt.filter)
			must(t, err)
			got := make([]int64, len(docs))
			for i, d := range docs {
				got[i] = d.ID
			}
			if !cmp.Equal(got, tt.want, cmp.Comparer(func(a, b []int64) bool { return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b) })) {
				t.Fatalf("ids = %v, want %v", got, tt.want)
			}
			if tt.filter.Limit == 0 && total != len(tt.want) {
				t.Fatalf("total = %d, want %d", total, len(tt.want))
			}
		})
	}

	_, total, err := db.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public, Offset: 50, Limit: 10})
	must(t, err)
	if total != 6 {
		t.Fatalf("total past the end = %d, want 6", total)
	}
	last, total, err := db.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public, Offset: 5, Limit: 10})
	must(t, err)
	if len(last) != 1 || total != 6 {
		t.Fatalf("last page: %d documents of %d, want 1 of 6", len(last), total)
	}
	docs, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public, Sort: recto.SortNewest, Limit: 1})
	must(t, err)
	if docs[0].ID != openEnd.ID {
		t.Fatalf("newest = %d %q, want %d", docs[0].ID, docs[0].Title, openEnd.ID)
	}
}

func TestDateCounts(t *testing.T) { storetest.Run(t, testDateCounts) }

func testDateCounts(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	for _, date := range []string{"1945-04-22", "1945~", "1944/1946", "1950-06", ""} {
		mustDocument(t, db, &recto.Document{Title: "dated " + date, Date: edtf.MustParse(date), Status: recto.StatusPublished})
	}
	mustDocument(t, db, &recto.Document{Title: "draft", Date: edtf.MustParse("1945"), Status: recto.StatusDraft})
	counts, err := db.CountByDates(ctx, recto.Public, []recto.DayRange{
		dayRange("1940-01-01", "1949-12-31"), dayRange("1945-04-01", "1945-04-30"),
		dayRange("1946-01-01", "1946-12-31"), dayRange("1960-01-01", "1969-12-31"),
	})
	must(t, err)
	if want := []int{3, 3, 1, 0}; !cmp.Equal(counts, want) {
		t.Fatalf("counts = %v, want %v", counts, want)
	}
	bounds, ok, err := db.DateBounds(ctx, recto.Public)
	must(t, err)
	if !ok || bounds.From.String() != "1944-01-01" || bounds.To.String() != "1950-06-30" {
		t.Fatalf("bounds = %v %v, %v", bounds.From, bounds.To, ok)
	}
	_, ok, err = db.DateBounds(ctx, []recto.Status{recto.StatusInReview})
	must(t, err)
	if ok {
		t.Fatal("bounds of no documents reported as known")
	}

	// Dates open at one side reach as far as they go; the counts follow
	// the archive's changes.
	for _, date := range []string{"../1930", "1955/.."} {
		mustDocument(t, db, &recto.Document{Title: "open " + date, Date: edtf.MustParse(date), Status: recto.StatusPublished})
	}
	counts, err = db.CountByDates(ctx, recto.Public, []recto.DayRange{
		dayRange("1920-01-01", "1929-12-31"), dayRange("1940-01-01", "1949-12-31"),
		dayRange("1960-01-01", "1969-12-31"), dayRange("1931-01-01", "1943-12-31"),
	})
	must(t, err)
	if want := []int{1, 3, 1, 0}; !cmp.Equal(counts, want) {
		t.Fatalf("counts with open dates = %v, want %v", counts, want)
	}
	bounds, ok, err = db.DateBounds(ctx, recto.Public)
	must(t, err)
	if !ok || bounds.From.String() != "1930-12-31" || bounds.To.String() != "1955-01-01" {
		t.Fatalf("bounds with open dates = %v %v, %v", bounds.From, bounds.To, ok)
	}
}

func TestStats(t *testing.T) { storetest.Run(t, testStats) }

func testStats(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	_, err := fixture.LoadReference(ctx, db)
	must(t, err)
	s, err := db.Stats(ctx, recto.Public)
	must(t, err)
	// The organisations: the funder, and NKIDP, whom a credit was made for.
	want := recto.Stats{Documents: 3, People: 5, Organisations: 2, Places: 2, Collections: 2, Languages: 1}
	if s != want {
		t.Fatalf("stats = %+v, want %+v", s, want)
	}
}

func dayRange(from, to string) recto.DayRange {
	f, _ := edtf.MustParse(from).Earliest()
	l, _ := edtf.MustParse(to).Latest()
	return recto.DayRange{From: f, To: l}
}

func ptr[T any](v T) *T { return &v }

// Many readers at once, each reading documents whose statements were not
// prepared yet, must not wait on each other: preparing on the pool while
// holding one of its connections once left every reader waiting until its
// deadline.
func TestDocument_ConcurrentFirstReads(t *testing.T) {
	storetest.Run(t, testDocument_ConcurrentFirstReads)
}

func testDocument_ConcurrentFirstReads(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	var places []*recto.Place
	var ids []int64
	for i := range 24 {
		p := &recto.Place{Name: fmt.Sprintf("Place %d", i)}
		must(t, db.CreatePlace(ctx, p))
		places = append(places, p)
		// Each document links a different number of places, so each read
		// needs statements of its own.
		d := &recto.Document{Title: fmt.Sprintf("Document %d", i), Status: recto.StatusPublished, Places: slices.Clone(places)}
		must(t, db.CreateDocument(ctx, d))
		ids = append(ids, d.ID)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for _, id := range ids {
				if _, err := db.FindDocumentByID(ctx, id); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// Counts over the whole archive are remembered between writes, and every
// write, of a document or an authority, is seen by the next count.
func TestCountsFollowWrites(t *testing.T) { storetest.Run(t, testCountsFollowWrites) }

func testCountsFollowWrites(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	// A new archive has no change yet to key its counts by.
	for range 2 {
		if s, err := db.Stats(ctx, recto.Public); err != nil || s.Documents != 0 {
			t.Fatalf("new archive: %+v, %v", s, err)
		}
	}
	p := &recto.Place{Name: "Kashgar"}
	must(t, db.CreatePlace(ctx, p))
	published := recto.DocumentFilter{Status: []recto.Status{recto.StatusPublished}, Sort: recto.SortNewest, Limit: 2}
	check := func(docs, places, total int) {
		t.Helper()
		s, err := db.Stats(ctx, recto.Public)
		must(t, err)
		counted, err := db.FindPlaces(ctx, recto.TreeFilter{Visible: recto.Public})
		must(t, err)
		_, n, err := db.FindDocuments(ctx, published)
		must(t, err)
		inPlace := 0
		for _, c := range counted {
			inPlace += c.Documents
		}
		if s.Documents != docs || inPlace != places || n != total {
			t.Fatalf("stats %d documents, %d in places, total %d; want %d, %d, %d", s.Documents, inPlace, n, docs, places, total)
		}
	}
	check(0, 0, 0)
	for i := range 3 {
		must(t, db.CreateDocument(ctx, &recto.Document{Title: fmt.Sprint("D", i), Status: recto.StatusPublished, Places: []*recto.Place{p}}))
		check(i+1, i+1, i+1)
	}
	d := &recto.Document{Title: "Draft", Status: recto.StatusDraft}
	must(t, db.CreateDocument(ctx, d))
	check(3, 3, 3)
	d.Status = recto.StatusPublished
	must(t, db.UpdateDocument(ctx, d))
	check(4, 3, 4)
	// The newest first: the one published last.
	docs, _, err := db.FindDocuments(ctx, published)
	must(t, err)
	if docs[0].ID != d.ID {
		t.Fatalf("newest is %d, want %d", docs[0].ID, d.ID)
	}
}

// A document shows its authorities as they are now: a change to an
// authority, or to anything else, is seen by the next read, and changing
// what a read returned changes nothing stored.
func TestDocument_AuthoritiesStayCurrent(t *testing.T) {
	storetest.Run(t, testDocument_AuthoritiesStayCurrent)
}

func testDocument_AuthoritiesStayCurrent(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	p := &recto.Place{Name: "Yining", Variants: []recto.Name{{Name: "Ghulja"}}}
	must(t, db.CreatePlace(ctx, p))
	a := &recto.Agent{Kind: recto.Person, Name: "A. Tore"}
	must(t, db.CreateAgent(ctx, a))
	d := &recto.Document{Title: "Letter", Status: recto.StatusPublished, Places: []*recto.Place{{ID: p.ID}},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: &recto.Agent{ID: a.ID}}}}
	must(t, db.CreateDocument(ctx, d))
	read := func() *recto.Document {
		t.Helper()
		got, err := db.FindDocumentByID(ctx, d.ID)
		must(t, err)
		return got
	}
	first := read()
	first.Places[0].Variants[0].Name = "changed by a caller"
	if got := read().Places[0].Variants[0].Name; got != "Ghulja" {
		t.Fatalf("a caller's change reached the store: %q", got)
	}
	p.Variants = append(p.Variants, recto.Name{Name: "Kulja"})
	must(t, db.UpdatePlace(ctx, p))
	a.Name = "Alihan Tore"
	must(t, db.UpdateAgent(ctx, a))
	got := read()
	if len(got.Places[0].Variants) != 2 || got.Credits[0].Agent.Name != "Alihan Tore" {
		t.Fatalf("after the updates: place %+v, author %+v", got.Places[0], got.Credits[0].Agent)
	}
}

// BenchmarkCountByDates counts the published documents of every decade of
// the twentieth century, as /dates does on each request, on the benchmark
// archive (RECTO_BENCH_DB). The first count after a change reads every
// dated document's days (reported as first-ms); the others are served from
// them.
func BenchmarkCountByDates(b *testing.B) {
	db := storetest.OpenBenchArchive(b)
	var decades []recto.DayRange
	for y := int64(1900); y < 2000; y += 10 {
		decades = append(decades, recto.DayRange{From: edtf.DayOf(y, 1, 1), To: edtf.DayOf(y+9, 12, 31)})
	}
	count := func() {
		if _, err := db.CountByDates(context.Background(), recto.Public, decades); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	count()
	first := time.Since(start)
	for b.Loop() {
		count()
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
}

// BenchmarkFindDocuments_PastEnd asks for a page of /documents far past the
// last, as a crawler or an abuser does, on the benchmark archive
// (RECTO_BENCH_DB): it is weighed against the remembered total and costs
// nothing, where an OFFSET walked the whole index each time.
func BenchmarkFindDocuments_PastEnd(b *testing.B) {
	db := storetest.OpenBenchArchive(b)
	f := recto.DocumentFilter{Status: recto.Public, Limit: 20}
	if _, _, err := db.FindDocuments(context.Background(), f); err != nil { // the first page counts them
		b.Fatal(err)
	}
	f.Offset = 20_000_000
	for b.Loop() {
		if docs, _, err := db.FindDocuments(context.Background(), f); err != nil || len(docs) > 0 {
			b.Fatal(len(docs), err)
		}
	}
}

func TestText_IDsKept(t *testing.T) { storetest.Run(t, testText_IDsKept) }

// A text keeps the ID it brings when no stored text has it, so that an
// archive restored or migrated answers at the same text URLs; a text whose
// ID is taken, or that brings none, gets a new one after every kept ID; an
// update whose texts bring no IDs keeps the stored texts' IDs by place.
func testText_IDsKept(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	text := func(id int64, body string) recto.Text {
		return recto.Text{ID: id, Kind: recto.Translation, Lang: "en", Body: body}
	}
	ids := func(d *recto.Document) []int64 {
		var out []int64
		for _, x := range d.Texts {
			out = append(out, x.ID)
		}
		return out
	}
	a := &recto.Document{Title: "A", Status: recto.StatusPublished, Texts: []recto.Text{text(500, "a"), text(0, "b")}}
	must(t, db.CreateDocument(ctx, a))
	got, err := db.FindDocumentByID(ctx, a.ID)
	must(t, err)
	if first := ids(got); first[0] != 500 || first[1] <= 500 {
		t.Fatalf("text IDs %v: want 500 kept and the new text numbered after it", first)
	}
	b := &recto.Document{Title: "B", Status: recto.StatusPublished, Texts: []recto.Text{text(500, "c"), text(0, "d")}}
	must(t, db.CreateDocument(ctx, b))
	gotB, err := db.FindDocumentByID(ctx, b.ID)
	must(t, err)
	if second := ids(gotB); second[0] <= got.Texts[1].ID || second[1] <= second[0] {
		t.Fatalf("text IDs %v after %v: a taken ID is not given twice, and new IDs follow", second, ids(got))
	}
	// An update naming no text IDs (a CSV row) keeps the stored ones.
	upd := &recto.Document{ID: a.ID, Title: "A, edited", Status: recto.StatusPublished,
		Texts: []recto.Text{text(0, "a, edited"), text(0, "b"), text(0, "new")}}
	must(t, db.UpdateDocument(ctx, upd))
	again, err := db.FindDocumentByID(ctx, a.ID)
	must(t, err)
	if third := ids(again); third[0] != 500 || third[1] != got.Texts[1].ID || third[2] <= gotB.Texts[1].ID {
		t.Fatalf("text IDs after an update without IDs: %v, want %v and a new one", third, ids(got))
	}
}
