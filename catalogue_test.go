package recto_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ncruces/go-sqlite3/driver"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sqlite"
)

// hiddenWorld is an archive with one published document and, beside it, a
// draft, a document in review and a withdrawn one, each with authorities of
// its own, and links between all of them.
type hiddenWorld struct {
	published, draft, inReview, withdrawn *recto.Document
	agent, hiddenAgent                    *recto.Agent
	place, hiddenPlace, hiddenTown        *recto.Place
	subject, hiddenSubject                *recto.Subject
	collection, hiddenCollection          *recto.Collection
	repository, hiddenRepository          *recto.Repository
}

func newHiddenWorld(t *testing.T, db recto.Store) *hiddenWorld {
	t.Helper()
	ctx := context.Background()
	w := &hiddenWorld{
		agent: &recto.Agent{Kind: recto.Person, Name: "Seen Person"}, hiddenAgent: &recto.Agent{Kind: recto.Person, Name: "Unseen Person"},
		place: &recto.Place{Name: "Seen Place"}, hiddenPlace: &recto.Place{Name: "Unseen Region"},
		subject: &recto.Subject{Heading: "Seen"}, hiddenSubject: &recto.Subject{Heading: "Unseen"},
		collection: &recto.Collection{Title: "Seen"}, hiddenCollection: &recto.Collection{Title: "Unseen"},
		repository:       &recto.Repository{ShortName: "SEEN", Name: "Seen Archive"},
		hiddenRepository: &recto.Repository{ShortName: "UNSEEN", Name: "Unseen Archive"},
	}
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check(db.CreateAgent(ctx, w.agent))
	check(db.CreateAgent(ctx, w.hiddenAgent))
	check(db.CreatePlace(ctx, w.place))
	check(db.CreatePlace(ctx, w.hiddenPlace))
	w.hiddenTown = &recto.Place{Name: "Unseen Town", ParentID: w.hiddenPlace.ID}
	check(db.CreatePlace(ctx, w.hiddenTown))
	check(db.CreateSubject(ctx, w.subject))
	check(db.CreateSubject(ctx, w.hiddenSubject))
	check(db.CreateCollection(ctx, w.collection))
	check(db.CreateCollection(ctx, w.hiddenCollection))
	check(db.CreateRepository(ctx, w.repository))
	check(db.CreateRepository(ctx, w.hiddenRepository))
	hidden := func(title string, status recto.Status) *recto.Document {
		return &recto.Document{Title: title, Status: status, WithdrawnNote: "Taken back.",
			Credits:     []recto.Credit{{Role: recto.RoleAuthor, Agent: w.hiddenAgent}},
			Places:      []*recto.Place{w.hiddenTown},
			Subjects:    []*recto.Subject{w.hiddenSubject},
			Collections: []*recto.Collection{w.hiddenCollection},
			Sources:     []recto.Source{{Repository: w.hiddenRepository}}}
	}
	w.draft = hidden("Unseen draft", recto.StatusDraft)
	w.inReview = hidden("Unseen review", recto.StatusInReview)
	w.withdrawn = hidden("Unseen withdrawal", recto.StatusWithdrawn)
	for _, d := range []*recto.Document{w.draft, w.inReview, w.withdrawn} {
		check(db.CreateDocument(ctx, d))
	}
	w.published = &recto.Document{Title: "Seen", Status: recto.StatusPublished,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: w.agent}}, Places: []*recto.Place{w.place},
		Subjects: []*recto.Subject{w.subject}, Collections: []*recto.Collection{w.collection},
		Sources: []recto.Source{{Repository: w.repository}},
		Relations: []recto.Relation{{Kind: recto.Enclosure, Document: w.draft.Summarize()},
			{Kind: recto.Related, Document: w.withdrawn.Summarize()}}}
	check(db.CreateDocument(ctx, w.published))
	w.inReview.Relations = []recto.Relation{{Kind: recto.Enclosure, Document: w.published.Summarize()}}
	check(db.UpdateDocument(ctx, w.inReview))
	return w
}

func TestCatalogue_Documents(t *testing.T) { storetest.Run(t, testCatalogue_Documents) }

// testCatalogue_Documents: the public sees published documents with their
// links to documents it sees only; drafts and documents in review answer
// exactly as a Record ID never used; a withdrawn document answers EGONE with
// its notice.
func testCatalogue_Documents(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	w := newHiddenWorld(t, db)
	c := recto.NewCatalogue(db, recto.PublicAudience)

	d, err := c.FindDocumentByID(ctx, w.published.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Relations) != 0 || len(d.Inverse) != 0 {
		t.Errorf("the published document links %v and is linked from %v; want neither (only unseen documents link)", d.Relations, d.Inverse)
	}
	_, missing := c.FindDocumentByID(ctx, 987654)
	for _, id := range []int64{w.draft.ID, w.inReview.ID} {
		_, err := c.FindDocumentByID(ctx, id)
		if recto.ErrorCode(err) != recto.ENOTFOUND || err.Error() != strings.Replace(missing.Error(), "987654", strconv.FormatInt(id, 10), 1) {
			t.Errorf("document %d: %v; want exactly what a missing one answers (%v)", id, err, missing)
		}
	}
	_, err = c.FindDocumentByID(ctx, w.withdrawn.ID)
	n := recto.GoneNotice(err)
	if recto.ErrorCode(err) != recto.EGONE || n == nil || n.ID != w.withdrawn.ID || n.Title != w.withdrawn.Title || n.Note != "Taken back." {
		t.Errorf("withdrawn: %v, notice %+v", err, n)
	}

	all := []int64{w.draft.ID, w.published.ID, w.inReview.ID, w.withdrawn.ID}
	docs, err := c.FindDocumentsByIDs(ctx, all)
	if err != nil || len(docs) != 1 || docs[0].ID != w.published.ID || len(docs[0].Relations) != 0 {
		t.Errorf("FindDocumentsByIDs: %v %v", docs, err)
	}
	if docs, err = c.FindDocumentTexts(ctx, all); err != nil || len(docs) != 1 || docs[0].ID != w.published.ID {
		t.Errorf("FindDocumentTexts: %v %v", docs, err)
	}
	var scanned []int64
	err = c.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if len(d.Relations)+len(d.Inverse) != 0 {
			t.Errorf("scanned document %d keeps links to unseen documents", d.ID)
		}
		scanned = append(scanned, d.ID)
		return nil
	})
	if err != nil || !slices.Equal(scanned, []int64{w.published.ID}) {
		t.Errorf("ScanDocuments: %v %v", scanned, err)
	}
	list, total, err := c.FindDocuments(ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusDraft}})
	if err != nil || total != 1 || len(list) != 1 || list[0].ID != w.published.ID {
		t.Errorf("FindDocuments asking for drafts: %v, %d, %v; want the published document only", list, total, err)
	}
	if n, err := c.CountDocuments(ctx, recto.DocumentFilter{}); err != nil || n != 1 {
		t.Errorf("CountDocuments %d, %v", n, err)
	}
	stats, err := c.Stats(ctx)
	if want := (recto.Stats{Documents: 1, People: 1, Places: 1, Collections: 1}); err != nil || stats != want {
		t.Errorf("Stats %+v, %v; want %+v", stats, err, want)
	}
}

func TestCatalogue_Traces(t *testing.T) { storetest.Run(t, testCatalogue_Traces) }

// testCatalogue_Traces: harvesters get every document's place in the order
// of change, but of a document the audience does not see only its Record
// ID, status and stamps.
func testCatalogue_Traces(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	w := newHiddenWorld(t, db)
	c := recto.NewCatalogue(db, recto.PublicAudience)
	list, total, err := c.FindDocumentTraces(ctx, recto.DocumentFilter{Sort: recto.SortChanged})
	if err != nil || total != 4 || len(list) != 4 {
		t.Fatalf("traces: %v, %d, %v", list, total, err)
	}
	byID, err := c.FindTracesByIDs(ctx, []int64{w.draft.ID, w.published.ID, w.inReview.ID, w.withdrawn.ID})
	if err != nil || len(byID) != 4 {
		t.Fatalf("traces by ID: %v, %v", byID, err)
	}
	for _, s := range slices.Concat(list, byID) {
		shown := s.ID == w.published.ID
		if shown != (s.Title != "") || s.UpdatedAt.IsZero() || s.Status == "" {
			t.Errorf("trace %+v", s)
		}
	}
}

// TestAudience_Standing: what the public may know of each status, and of a
// document published once and taken back.
func TestAudience_Standing(t *testing.T) {
	a := recto.PublicAudience
	once := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		status    recto.Status
		published time.Time
		want      recto.Standing
	}{
		{recto.StatusPublished, once, recto.Shown},
		{recto.StatusWithdrawn, once, recto.Deleted},
		{recto.StatusWithdrawn, time.Time{}, recto.Deleted},
		{recto.StatusDraft, once, recto.Deleted},
		{recto.StatusDraft, time.Time{}, recto.Unknown},
		{recto.StatusInReview, time.Time{}, recto.Unknown},
	} {
		if got := a.Standing(c.status, c.published); got != c.want {
			t.Errorf("%s published %v: %v, want %v", c.status, c.published, got, c.want)
		}
	}
}

func TestCatalogue_Authorities(t *testing.T) { storetest.Run(t, testCatalogue_Authorities) }

// testCatalogue_Authorities: authorities named only by documents the
// audience does not see are neither listed nor found, nor are the places
// and collections above them.
func testCatalogue_Authorities(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	w := newHiddenWorld(t, db)
	c := recto.NewCatalogue(db, recto.PublicAudience)
	agents, total, err := c.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	if err != nil || total != 1 || len(agents) != 1 || agents[0].Item.ID != w.agent.ID || agents[0].Documents != 1 {
		t.Errorf("agents %v, %d, %v", agents, total, err)
	}
	places, err := c.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil || len(places) != 1 || places[0].Item.ID != w.place.ID {
		t.Errorf("places %v, %v", places, err)
	}
	subjects, err := c.FindSubjects(ctx, recto.TreeFilter{})
	if err != nil || len(subjects) != 1 || subjects[0].Item.ID != w.subject.ID {
		t.Errorf("subjects %v, %v", subjects, err)
	}
	collections, err := c.FindCollections(ctx, recto.TreeFilter{})
	if err != nil || len(collections) != 1 || collections[0].Item.ID != w.collection.ID {
		t.Errorf("collections %v, %v", collections, err)
	}
	repos, err := c.FindRepositories(ctx)
	if err != nil || len(repos) != 1 || repos[0].Item.ID != w.repository.ID {
		t.Errorf("repositories %v, %v", repos, err)
	}
	seen := []error{
		second(c.FindAgentByID(ctx, w.agent.ID)), second(c.FindPlaceByID(ctx, w.place.ID)),
		second(c.FindSubjectByID(ctx, w.subject.ID)), second(c.FindCollectionByID(ctx, w.collection.ID)),
		second(c.FindRepositoryByID(ctx, w.repository.ID)), second(c.FindPlaceAncestors(ctx, w.place.ID)),
	}
	for i, err := range seen {
		if err != nil {
			t.Errorf("seen authority %d: %v", i, err)
		}
	}
	unseen := []error{
		second(c.FindAgentByID(ctx, w.hiddenAgent.ID)), second(c.FindPlaceByID(ctx, w.hiddenPlace.ID)),
		second(c.FindPlaceByID(ctx, w.hiddenTown.ID)), second(c.FindPlaceAncestors(ctx, w.hiddenTown.ID)),
		second(c.FindSubjectByID(ctx, w.hiddenSubject.ID)), second(c.FindSubjectAncestors(ctx, w.hiddenSubject.ID)),
		second(c.FindCollectionByID(ctx, w.hiddenCollection.ID)), second(c.FindCollectionAncestors(ctx, w.hiddenCollection.ID)),
		second(c.FindRepositoryByID(ctx, w.hiddenRepository.ID)), second(c.FindAgentByID(ctx, 987654)),
	}
	for i, err := range unseen {
		if recto.ErrorCode(err) != recto.ENOTFOUND {
			t.Errorf("unseen authority %d: %v, want ENOTFOUND", i, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// Media and collection images that are not web addresses or paths on the
// site, which writes refuse but an archive may hold from before they were
// checked, never reach the public.
func TestCatalogue_UnsafeLinksFromBefore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "recto.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	col := &recto.Collection{Title: "Scans", Image: "/static/scans.png"}
	if err := db.CreateCollection(ctx, col); err != nil {
		t.Fatal(err)
	}
	d := &recto.Document{Title: "Scanned", Status: recto.StatusPublished, Collections: []*recto.Collection{col},
		Media: []recto.Media{{URL: "/media/1.jpg", MediaType: "image/jpeg"}, {URL: "/media/2.jpg", MediaType: "image/jpeg"}}}
	if err := db.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	// As an archive made before the check would hold them.
	raw, err := driver.Open("file:" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`UPDATE media SET url = 'javascript:alert(1)' WHERE position = 1`,
		`UPDATE collections SET image = 'data:text/html,<script>alert(1)</script>'`} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	c := recto.NewCatalogue(db, recto.PublicAudience)
	got, err := c.FindDocumentByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Media) != 1 || got.Media[0].URL != "/media/1.jpg" {
		t.Errorf("media %+v; want only the one on the site", got.Media)
	}
	cols, err := c.FindCollections(ctx, recto.TreeFilter{})
	if err != nil || len(cols) != 1 || cols[0].Item.Image != "" {
		t.Errorf("collections %+v, %v; want the image cleared", cols, err)
	}
	one, err := c.FindCollectionByID(ctx, col.ID)
	if err != nil || one.Item.Image != "" {
		t.Errorf("collection %+v, %v; want the image cleared", one.Item, err)
	}
}
