package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestSourceIDs(t *testing.T) { storetest.Run(t, testSourceIDs) }

func testSourceIDs(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	a := &recto.Document{Title: "A", Status: recto.StatusDraft, SourceID: "frus1936v03/d15"}
	b := &recto.Document{Title: "B", Status: recto.StatusDraft}
	must(t, db.CreateDocuments(ctx, []*recto.Document{a, b}))
	got, err := db.FindDocumentByID(ctx, a.ID)
	must(t, err)
	if got.SourceID != "frus1936v03/d15" {
		t.Fatalf("source id read back as %q", got.SourceID)
	}
	ids, err := db.FindDocumentIDsBySource(ctx, []string{"frus1936v03/d15", "nowhere/d1", ""})
	must(t, err)
	if len(ids) != 1 || ids["frus1936v03/d15"] != a.ID {
		t.Fatalf("FindDocumentIDsBySource = %v, want only frus1936v03/d15 → %d", ids, a.ID)
	}

	// Another document may not take it, in the archive or in its batch.
	err = db.CreateDocument(ctx, &recto.Document{Title: "C", Status: recto.StatusDraft, SourceID: "frus1936v03/d15"})
	wantCode(t, err, recto.EINVALID, "source_id")
	twins := []*recto.Document{{Title: "D", Status: recto.StatusDraft, SourceID: "x"}, {Title: "E", Status: recto.StatusDraft, SourceID: "x"}}
	wantCode(t, db.CreateDocuments(ctx, twins), recto.EINVALID, "documents[1].source_id")
	b.SourceID = "frus1936v03/d15"
	wantCode(t, db.UpdateDocument(ctx, b), recto.EINVALID, "source_id")

	// The document itself keeps it through an update, and may drop it.
	a.Title = "A, revised"
	must(t, db.UpdateDocument(ctx, a))
	a.SourceID = ""
	must(t, db.UpdateDocument(ctx, a))
	if ids, err := db.FindDocumentIDsBySource(ctx, []string{"frus1936v03/d15"}); err != nil || len(ids) != 0 {
		t.Fatalf("after dropping it: %v %v", ids, err)
	}
}

func TestCreate_KeepsIDsAndStamps(t *testing.T) { storetest.Run(t, testCreate_KeepsIDsAndStamps) }

func testCreate_KeepsIDsAndStamps(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	created := time.Date(2019, 5, 1, 10, 0, 0, 0, time.UTC)
	published := time.Date(2019, 6, 1, 10, 0, 0, 0, time.UTC)
	kept := &recto.Document{ID: 500, Title: "Restored", Status: recto.StatusPublished,
		CreatedAt: created, UpdatedAt: published, PublishedAt: published}
	fresh := &recto.Document{Title: "New", Status: recto.StatusDraft}
	must(t, db.CreateDocuments(ctx, []*recto.Document{kept, fresh}))
	if kept.ID != 500 || fresh.ID <= 500 {
		t.Fatalf("IDs %d and %d: the given ID must be kept and new ones come after it", kept.ID, fresh.ID)
	}
	got, err := db.FindDocumentByID(ctx, 500)
	must(t, err)
	if !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(published) || !got.PublishedAt.Equal(published) {
		t.Fatalf("stamps %v %v %v, want the given ones", got.CreatedAt, got.UpdatedAt, got.PublishedAt)
	}
	wantCode(t, db.CreateDocument(ctx, &recto.Document{ID: 500, Title: "Clash", Status: recto.StatusDraft}), recto.EINVALID, "id")
	later := &recto.Document{Title: "Later", Status: recto.StatusDraft}
	must(t, db.CreateDocument(ctx, later))
	if later.ID <= fresh.ID {
		t.Fatalf("a later document got ID %d, not after %d", later.ID, fresh.ID)
	}

	// Authorities too keep a free ID, refuse a taken one, and number new
	// ones after it.
	agent := &recto.Agent{ID: 40, Kind: recto.Person, Name: "Kept"}
	must(t, db.CreateAgent(ctx, agent))
	wantCode(t, db.CreateAgent(ctx, &recto.Agent{ID: 40, Kind: recto.Person, Name: "Clash"}), recto.EINVALID, "id")
	next := &recto.Agent{Kind: recto.Person, Name: "Next"}
	must(t, db.CreateAgent(ctx, next))
	place := &recto.Place{ID: 7, Name: "Kept place"}
	must(t, db.CreatePlace(ctx, place))
	col := &recto.Collection{ID: 9, Title: "Kept collection"}
	must(t, db.CreateCollection(ctx, col))
	repo := &recto.Repository{ID: 3, ShortName: "KR", Name: "Kept repository", Place: place}
	must(t, db.CreateRepository(ctx, repo))
	if agent.ID != 40 || next.ID <= 40 || place.ID != 7 || col.ID != 9 || repo.ID != 3 {
		t.Fatalf("IDs: agent %d, next agent %d, place %d, collection %d, repository %d", agent.ID, next.ID, place.ID, col.ID, repo.ID)
	}
	for _, err := range []error{
		func() error { _, err := db.FindAgentByID(ctx, 40); return err }(),
		func() error { _, err := db.FindPlaceByID(ctx, 7); return err }(),
		func() error { _, err := db.FindCollectionByID(ctx, 9); return err }(),
		func() error { _, err := db.FindRepositoryByID(ctx, 3); return err }(),
	} {
		must(t, err)
	}
}

func TestAtomically(t *testing.T) { storetest.Run(t, testAtomically) }

func testAtomically(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	before, err := db.LatestChange(ctx)
	must(t, err)
	failed := errors.New("the file is bad")
	err = db.Atomically(ctx, func(ctx context.Context) error {
		a := &recto.Agent{Kind: recto.Person, Name: "Rolled back"}
		if err := db.CreateAgent(ctx, a); err != nil {
			return err
		}
		d := &recto.Document{Title: "Rolled back", Status: recto.StatusDraft,
			Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a}}}
		if err := db.CreateDocument(ctx, d); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Atomically returned %v, want fn's error", err)
	}
	after, err := db.LatestChange(ctx)
	must(t, err)
	agents, _, err := db.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	must(t, err)
	if _, n, _ := db.FindDocuments(ctx, recto.DocumentFilter{}); n != 0 || len(agents) != 0 || after != before {
		t.Fatalf("a rolled-back batch left %d documents, %d agents, change log %d→%d", n, len(agents), before, after)
	}

	var doc recto.Document
	must(t, db.Atomically(ctx, func(ctx context.Context) error {
		a := &recto.Agent{Kind: recto.Person, Name: "Committed"}
		if err := db.CreateAgent(ctx, a); err != nil {
			return err
		}
		doc = recto.Document{Title: "Committed", Status: recto.StatusPublished,
			Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a}}}
		return db.CreateDocument(ctx, &doc)
	}))
	got, err := db.FindDocumentByID(ctx, doc.ID)
	must(t, err)
	if got.Credits[0].Agent.Name != "Committed" {
		t.Fatalf("committed batch read back as %+v", got)
	}
}

func TestFindDocuments_Changed(t *testing.T) { storetest.Run(t, testFindDocuments_Changed) }

// Harvesters page through documents by last change with a cursor; an edit
// during the harvest moves the document to the end, past the harvest's
// window, and the cursor stays right.
func testFindDocuments_Changed(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	parent := &recto.Collection{Title: "Parent"}
	must(t, db.CreateCollection(ctx, parent))
	child := &recto.Collection{Title: "Child", ParentID: parent.ID}
	must(t, db.CreateCollection(ctx, child))
	var docs []*recto.Document
	for i := range 5 {
		d := &recto.Document{Title: fmt.Sprintf("Doc %d", i), Status: recto.StatusPublished}
		if i%2 == 0 {
			d.Collections = []*recto.Collection{child}
		}
		must(t, db.CreateDocument(ctx, d)) // the test clock moves a second at each reading
		docs = append(docs, d)
	}
	start := docs[4].UpdatedAt
	page := func(after *recto.ChangeCursor, f recto.DocumentFilter) ([]int64, int) {
		f.Sort, f.After, f.Limit, f.ChangedUntil = recto.SortChanged, after, 2, start
		list, total, err := db.FindDocuments(ctx, f)
		must(t, err)
		var ids []int64
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		return ids, total
	}
	first, total := page(nil, recto.DocumentFilter{})
	if total != 5 || len(first) != 2 || first[0] != docs[0].ID || first[1] != docs[1].ID {
		t.Fatalf("first page %v of %d", first, total)
	}
	// The page ends at doc 1, which is then edited: it leaves this
	// harvest's window, and the next page goes on after where it was.
	cursor := &recto.ChangeCursor{UpdatedAt: docs[1].UpdatedAt, ID: docs[1].ID}
	docs[1].Title = "Doc 1, edited"
	must(t, db.UpdateDocument(ctx, docs[1]))
	second, total := page(cursor, recto.DocumentFilter{})
	if total != 4 || len(second) != 2 || second[0] != docs[2].ID || second[1] != docs[3].ID {
		t.Fatalf("second page %v of %d", second, total)
	}
	// Sets: a collection with the collections below it.
	inTree, total := page(nil, recto.DocumentFilter{CollectionID: parent.ID, Subtree: true, Limit: 10})
	if total != 3 || len(inTree) != 2 || inTree[0] != docs[0].ID {
		t.Fatalf("collection subtree: %v of %d", inTree, total)
	}
	if _, n, err := db.FindDocuments(ctx, recto.DocumentFilter{CollectionID: parent.ID}); err != nil || n != 0 {
		t.Fatalf("the parent alone holds %d documents (%v)", n, err)
	}
	byIDs, err := db.FindDocumentsByIDs(ctx, []int64{docs[3].ID, 999, docs[0].ID})
	must(t, err)
	if len(byIDs) != 2 || byIDs[0].ID != docs[3].ID || byIDs[1].Collections[0].Title != "Child" {
		t.Fatalf("FindDocumentsByIDs: %+v", byIDs)
	}
}

func TestFindAgents_ManyCounted(t *testing.T) { storetest.Run(t, testFindAgents_ManyCounted) }

// An agent list with no limit counts every agent's documents, however many
// agents it holds (counts are read in chunks, as a statement's variables
// are bounded).
func testFindAgents_ManyCounted(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	d := &recto.Document{Title: "Many hands", Status: recto.StatusPublished}
	must(t, db.Atomically(ctx, func(ctx context.Context) error {
		for i := range 1200 {
			a := &recto.Agent{Kind: recto.Person, Name: fmt.Sprintf("Person %04d", i)}
			if err := db.CreateAgent(ctx, a); err != nil {
				return err
			}
			d.Credits = append(d.Credits, recto.Credit{Role: recto.RoleAssociated, Agent: a})
		}
		return db.CreateDocument(ctx, d)
	}))
	agents, total, err := db.FindAgents(ctx, recto.AgentFilter{Visible: recto.Public})
	must(t, err)
	if total != 1200 || len(agents) != 1200 {
		t.Fatalf("%d of %d agents listed", len(agents), total)
	}
	for _, a := range agents {
		if a.Documents != 1 {
			t.Fatalf("%s counted with %d documents", a.Item.Name, a.Documents)
		}
	}
}

func TestWriting(t *testing.T) { storetest.Run(t, testWriting) }

// Writing sees an open write transaction, so that harvesters can wait for
// it to commit.
func testWriting(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	waitIdle(t, db, "with no write open")
	open, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.Atomically(ctx, func(ctx context.Context) error {
			err := db.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: "Writer"})
			close(open)
			<-release
			return err
		})
	}()
	<-open
	busy, err := db.Writing(ctx)
	close(release)
	must(t, <-done)
	if err != nil || !busy {
		t.Fatalf("Writing during a write = %v, %v", busy, err)
	}
	waitIdle(t, db, "after the commit")
}

// waitIdle waits for Writing to report no write open. On PostgreSQL the
// tests of other packages share the database and its write lock, so
// their writes show too: this waits them out.
func waitIdle(t *testing.T, db storetest.Store, when string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		busy, err := db.Writing(context.Background())
		if err != nil || !busy {
			must(t, err)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Writing %s: still true after 10 s", when)
		}
	}
}
