package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestAgent_RoundTrip(t *testing.T) { storetest.Run(t, testAgent_RoundTrip) }

func testAgent_RoundTrip(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	a := &recto.Agent{Kind: recto.Person, Name: "Alihan Tore",
		Variants: []recto.Name{{Name: "Shakirjan"}, {Name: "Алихан Тура", Lang: "ru"}, {Name: "Älihan Töre", Lang: "ug-Latn"}},
		Dates:    edtf.MustParse("1885/1976"), Bio: "Head of the *East Turkestan* Government.",
		Identifiers: []recto.Identifier{{Scheme: "wikidata", Value: "Q1"}}}
	must(t, db.CreateAgent(ctx, a))
	got, err := db.FindAgentByID(ctx, a.ID)
	must(t, err)
	if diff := cmp.Diff(a, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}

	a.Variants = a.Variants[:1]
	a.Identifiers = nil
	a.Kind = recto.Organisation
	must(t, db.UpdateAgent(ctx, a))
	got, err = db.FindAgentByID(ctx, a.ID)
	must(t, err)
	if diff := cmp.Diff(a, got); diff != "" {
		t.Fatalf("after update (-want +got):\n%s", diff)
	}
}

func TestAgent_Errors(t *testing.T) { storetest.Run(t, testAgent_Errors) }

func testAgent_Errors(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	wantCode(t, db.CreateAgent(ctx, &recto.Agent{Kind: "robot", Variants: []recto.Name{{Lang: "??"}}}),
		recto.EINVALID, "name", "kind", "variants[0].name", "variants[0].lang")
	_, err := db.FindAgentByID(ctx, 99)
	wantCode(t, err, recto.ENOTFOUND)
	wantCode(t, db.UpdateAgent(ctx, &recto.Agent{ID: 99, Kind: recto.Person, Name: "X"}), recto.ENOTFOUND)
}

func TestPlace_Hierarchy(t *testing.T) { storetest.Run(t, testPlace_Hierarchy) }

func testPlace_Hierarchy(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	china := &recto.Place{Name: "China", Variants: []recto.Name{{Name: "中国", Lang: "zh-Hans"}}}
	must(t, db.CreatePlace(ctx, china))
	xinjiang := &recto.Place{Name: "Xinjiang", ParentID: china.ID, Coordinates: &recto.Coordinates{Latitude: 41, Longitude: 85}}
	must(t, db.CreatePlace(ctx, xinjiang))
	yining := &recto.Place{Name: "Yining", ParentID: xinjiang.ID,
		Variants:    []recto.Name{{Name: "Ghulja"}, {Name: "Kulja"}, {Name: "伊宁", Lang: "zh-Hans"}},
		Identifiers: []recto.Identifier{{Scheme: "geonames", Value: "1529102"}}}
	must(t, db.CreatePlace(ctx, yining))
	moscow := &recto.Place{Name: "Moscow"}
	must(t, db.CreatePlace(ctx, moscow))

	got, err := db.FindPlaceByID(ctx, yining.ID)
	must(t, err)
	if diff := cmp.Diff(yining, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	anc, err := db.FindPlaceAncestors(ctx, yining.ID)
	must(t, err)
	if len(anc) != 2 || anc[0].ID != china.ID || anc[1].ID != xinjiang.ID {
		t.Fatalf("ancestors = %v", names(anc, func(p *recto.Place) string { return p.Name }))
	}

	// A cycle is refused and changes nothing.
	china.ParentID = yining.ID
	wantCode(t, db.UpdatePlace(ctx, china), recto.EINVALID, "parent")
	wantCode(t, db.CreatePlace(ctx, &recto.Place{Name: "Nowhere", ParentID: 999}), recto.EINVALID, "parent")
	china.ParentID = 0

	// Counts roll up, each document once, and only visible documents count.
	mustDocument(t, db, &recto.Document{Title: "In Yining and Xinjiang", Status: recto.StatusPublished,
		Places: []*recto.Place{yining, xinjiang}})
	mustDocument(t, db, &recto.Document{Title: "Draft in Yining", Status: recto.StatusDraft, Places: []*recto.Place{yining}})
	top := int64(0)
	list, err := db.FindPlaces(ctx, recto.TreeFilter{ParentID: &top, Visible: recto.Public})
	must(t, err)
	if len(list) != 1 || list[0].Item.ID != china.ID || list[0].Documents != 1 {
		t.Fatalf("public top level = %+v, want China with 1 document (Moscow has none)", list)
	}
	all, err := db.FindPlaces(ctx, recto.TreeFilter{})
	must(t, err)
	counts := map[string]int{}
	for _, c := range all {
		counts[c.Item.Name] = c.Documents
	}
	if want := map[string]int{"China": 2, "Xinjiang": 2, "Yining": 2, "Moscow": 0}; !cmp.Equal(counts, want) {
		t.Fatalf("all counts = %v, want %v", counts, want)
	}
}

func TestSubject_Levels(t *testing.T) { storetest.Run(t, testSubject_Levels) }

func testSubject_Levels(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	s := &recto.Subject{Heading: " China -- Foreign relations--Soviet Union "}
	must(t, db.CreateSubject(ctx, s))
	if s.Heading != "China--Foreign relations--Soviet Union" || s.Term() != "Soviet Union" {
		t.Fatalf("heading = %q", s.Heading)
	}
	anc, err := db.FindSubjectAncestors(ctx, s.ID)
	must(t, err)
	if got := names(anc, func(s *recto.Subject) string { return s.Heading }); !cmp.Equal(got, []string{"China", "China--Foreign relations"}) {
		t.Fatalf("ancestors = %v", got)
	}
	if s.ParentID != anc[1].ID {
		t.Fatalf("parent = %d, want %d", s.ParentID, anc[1].ID)
	}
	// Creating the same heading again returns the same subject.
	again := &recto.Subject{Heading: "China--Foreign relations--Soviet Union"}
	must(t, db.CreateSubject(ctx, again))
	if again.ID != s.ID {
		t.Fatalf("second create made subject %d, want %d", again.ID, s.ID)
	}
	wantCode(t, db.CreateSubject(ctx, &recto.Subject{Heading: "China----Trade"}), recto.EINVALID, "heading")

	other := &recto.Subject{Heading: "China--Commerce"}
	must(t, db.CreateSubject(ctx, other))
	mustDocument(t, db, &recto.Document{Title: "A", Status: recto.StatusPublished, Subjects: []*recto.Subject{s, other}})
	china := anc[0].ID
	level, err := db.FindSubjects(ctx, recto.TreeFilter{ParentID: &china, Visible: recto.Public})
	must(t, err)
	got := map[string]int{}
	for _, c := range level {
		got[c.Item.Term()] = c.Documents
	}
	if want := map[string]int{"Commerce": 1, "Foreign relations": 1}; !cmp.Equal(got, want) {
		t.Fatalf("level 2 = %v, want %v", got, want)
	}
	top := int64(0)
	level, err = db.FindSubjects(ctx, recto.TreeFilter{ParentID: &top, Visible: recto.Public})
	must(t, err)
	if len(level) != 1 || level[0].Documents != 1 {
		t.Fatalf("top level = %+v, want China with the document once", level)
	}
}

func TestCollection_Nesting(t *testing.T) { storetest.Run(t, testCollection_Nesting) }

func testCollection_Nesting(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	parent := &recto.Collection{Title: "Ili Valley", Description: "Sample *data*.", Image: "/static/ili.png"}
	must(t, db.CreateCollection(ctx, parent))
	child := &recto.Collection{Title: "Ghulja Talks", ParentID: parent.ID, Position: 2}
	must(t, db.CreateCollection(ctx, child))
	empty := &recto.Collection{Title: "Empty", Position: 1}
	must(t, db.CreateCollection(ctx, empty))
	got, err := db.FindCollectionByID(ctx, child.ID)
	must(t, err)
	if diff := cmp.Diff(child, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	mustDocument(t, db, &recto.Document{Title: "A", Status: recto.StatusPublished, Collections: []*recto.Collection{child}})
	top := int64(0)
	list, err := db.FindCollections(ctx, recto.TreeFilter{ParentID: &top, Visible: recto.Public})
	must(t, err)
	if len(list) != 1 || list[0].Item.ID != parent.ID || list[0].Documents != 1 {
		t.Fatalf("top level = %+v; want Ili Valley (1, from its child), not Empty", list)
	}
	all, err := db.FindCollections(ctx, recto.TreeFilter{ParentID: &top})
	must(t, err)
	if len(all) != 2 || all[1].Item.ID != empty.ID {
		t.Fatalf("top level, every status = %+v; want Ili Valley then Empty", all)
	}
	parent.ParentID = child.ID
	wantCode(t, db.UpdateCollection(ctx, parent), recto.EINVALID, "parent")
	anc, err := db.FindCollectionAncestors(ctx, child.ID)
	must(t, err)
	if len(anc) != 1 || anc[0].ID != parent.ID {
		t.Fatalf("ancestors = %v", anc)
	}
}

func TestCollection_Visible(t *testing.T) { storetest.Run(t, testCollection_Visible) }

// testCollection_Visible: a collection is visible when it or one below it
// holds a visible document; one holding only drafts, or nothing, is neither
// listed nor counted.
func testCollection_Visible(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	shown := &recto.Collection{Title: "Shown"}
	must(t, db.CreateCollection(ctx, shown))
	shownChild := &recto.Collection{Title: "Shown child", ParentID: shown.ID}
	must(t, db.CreateCollection(ctx, shownChild))
	hidden := &recto.Collection{Title: "Drafts only"}
	must(t, db.CreateCollection(ctx, hidden))
	hiddenChild := &recto.Collection{Title: "Drafts only, below", ParentID: hidden.ID}
	must(t, db.CreateCollection(ctx, hiddenChild))
	must(t, db.CreateCollection(ctx, &recto.Collection{Title: "Empty"}))
	mustDocument(t, db, &recto.Document{Title: "P", Status: recto.StatusPublished, Collections: []*recto.Collection{shownChild}})
	mustDocument(t, db, &recto.Document{Title: "D", Status: recto.StatusDraft, Collections: []*recto.Collection{hiddenChild, shown}})
	mustDocument(t, db, &recto.Document{Title: "W", Status: recto.StatusWithdrawn, Collections: []*recto.Collection{hidden}})
	list, err := db.FindCollections(ctx, recto.TreeFilter{Visible: recto.Public})
	must(t, err)
	var titles []string
	for _, c := range list {
		titles = append(titles, fmt.Sprintf("%s %d", c.Item.Title, c.Documents))
	}
	if want := []string{"Shown 1", "Shown child 1"}; !slices.Equal(titles, want) {
		t.Errorf("visible collections %q, want %q", titles, want)
	}
	s, err := db.Stats(ctx, recto.Public)
	must(t, err)
	if s.Collections != 2 {
		t.Errorf("stats count %d collections, want 2", s.Collections)
	}
	if s, err = db.Stats(ctx, nil); err != nil || s.Collections != 4 {
		t.Errorf("stats of every status count %d collections (%v), want the 4 holding a document", s.Collections, err)
	}
}

func TestRepository_RoundTrip(t *testing.T) { storetest.Run(t, testRepository_RoundTrip) }

func testRepository_RoundTrip(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	moscow := &recto.Place{Name: "Moscow"}
	must(t, db.CreatePlace(ctx, moscow))
	r := &recto.Repository{ShortName: "GARF", Name: "State Archive of the Russian Federation", Place: moscow,
		Website: "https://example.org/garf", CitationNote: "Fond, opis, delo, list."}
	must(t, db.CreateRepository(ctx, r))
	got, err := db.FindRepositoryByID(ctx, r.ID)
	must(t, err)
	if diff := cmp.Diff(r, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	wantCode(t, db.CreateRepository(ctx, &recto.Repository{ShortName: "X", Name: "Y", Website: "ftp://x"}), recto.EINVALID, "website")
	wantCode(t, db.CreateRepository(ctx, &recto.Repository{ShortName: "X", Name: "Y", Place: &recto.Place{ID: 77}}), recto.EINVALID, "place")

	list, err := db.FindRepositories(ctx, recto.RepositoryFilter{Visible: recto.Public})
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("a repository holding no public document is listed: %+v", list)
	}
	mustDocument(t, db, &recto.Document{Title: "A", Status: recto.StatusPublished, Sources: []recto.Source{{Repository: r}}})
	list, err = db.FindRepositories(ctx, recto.RepositoryFilter{Visible: recto.Public})
	must(t, err)
	if len(list) != 1 || list[0].Documents != 1 {
		t.Fatalf("list = %+v", list)
	}
}

func TestFindAgents(t *testing.T) { storetest.Run(t, testFindAgents) }

func testFindAgents(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	var agents []*recto.Agent
	for _, n := range []string{"Zhou", "alpha", "Beta", "Gamma Institute"} {
		kind := recto.Person
		if n == "Gamma Institute" {
			kind = recto.Organisation
		}
		a := &recto.Agent{Kind: kind, Name: n}
		must(t, db.CreateAgent(ctx, a))
		agents = append(agents, a)
	}
	mustDocument(t, db, &recto.Document{Title: "Published", Status: recto.StatusPublished,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: agents[0]}, {Role: recto.RoleFunder, Agent: agents[3]}},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "x",
			Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: agents[1]}}}}})
	mustDocument(t, db, &recto.Document{Title: "Draft", Status: recto.StatusDraft,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: agents[2]}}})

	list, total, err := db.FindAgents(ctx, recto.AgentFilter{Kind: recto.Person, Visible: recto.Public})
	must(t, err)
	if got := names(list, func(c recto.Counted[*recto.Agent]) string { return c.Item.Name }); total != 2 || !cmp.Equal(got, []string{"alpha", "Zhou"}) {
		t.Fatalf("public people = %v (total %d); want alpha (translator) and Zhou, not Beta (draft only)", got, total)
	}
	list, total, err = db.FindAgents(ctx, recto.AgentFilter{Limit: 2, Offset: 2})
	must(t, err)
	if got := names(list, func(c recto.Counted[*recto.Agent]) string { return c.Item.Name }); total != 4 || !cmp.Equal(got, []string{"Gamma Institute", "Zhou"}) {
		t.Fatalf("page 2 = %v (total %d)", got, total)
	}
	list, total, err = db.FindAgents(ctx, recto.AgentFilter{Limit: 2, Offset: 10})
	must(t, err)
	if len(list) != 0 || total != 4 {
		t.Fatalf("past the end: %d items, total %d; want 0 and 4", len(list), total)
	}
}

func names[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}

func mustDocument(tb testing.TB, db storetest.Store, d *recto.Document) *recto.Document {
	tb.Helper()
	must(tb, db.CreateDocument(context.Background(), d))
	return d
}

// TestManyAuthorities reads more authorities than one IN list may hold.
func TestManyAuthorities(t *testing.T) { storetest.Run(t, testManyAuthorities) }

func testManyAuthorities(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	const n = 1203
	for i := range n {
		must(t, db.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: fmt.Sprintf("Person %04d", i),
			Variants: []recto.Name{{Name: fmt.Sprintf("Variant %04d", i)}}}))
	}
	list, total, err := db.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	must(t, err)
	if total != n || len(list) != n || list[n-1].Item.Variants[0].Name != fmt.Sprintf("Variant %04d", n-1) {
		t.Fatalf("read %d of %d agents (total %d)", len(list), n, total)
	}
}

func TestSubject_IDKept(t *testing.T) { storetest.Run(t, testSubject_IDKept) }

// A new heading keeps a free ID it is given, its broader headings numbered
// by the store without taking a given ID later asked for; a taken ID, or a
// heading already held, is numbered as any other.
func testSubject_IDKept(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	s := &recto.Subject{ID: 40, Heading: "China--Foreign relations--Soviet Union"}
	must(t, db.CreateSubject(ctx, s))
	if s.ID != 40 || s.ParentID == 0 || s.ParentID == 40 {
		t.Fatalf("subject %+v: want ID 40 under a broader heading", s)
	}
	next := &recto.Subject{Heading: "Oil"}
	must(t, db.CreateSubject(ctx, next))
	if next.ID <= 40 {
		t.Errorf("a subject made after ID 40 was kept got %d", next.ID)
	}
	taken := &recto.Subject{ID: 40, Heading: "Wool"}
	must(t, db.CreateSubject(ctx, taken))
	if taken.ID == 40 || taken.Heading != "Wool" {
		t.Errorf("a taken ID: %+v", taken)
	}
	again := &recto.Subject{ID: 77, Heading: "Oil"}
	must(t, db.CreateSubject(ctx, again))
	if again.ID != next.ID {
		t.Errorf("a held heading given another ID: %d, want %d", again.ID, next.ID)
	}
	got, err := db.FindSubjectByID(ctx, 40)
	if err != nil || got.Heading != "China--Foreign relations--Soviet Union" {
		t.Errorf("subject 40: %+v, %v", got, err)
	}
}
