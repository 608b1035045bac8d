package wilson

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/slug"
)

// names lists the "name" of every listed item.
func (r searchResult) names() []string {
	out := make([]string, len(r.List))
	for i, item := range r.List {
		out[i], _ = item["name"].(string)
	}
	return out
}

func (a *archive) authority(t *testing.T, path string) map[string]any {
	t.Helper()
	var m map[string]any
	a.getJSON(t, path, &m)
	return m
}

func TestCollectionEndpoints(t *testing.T) {
	a := newSampled(t)
	ref := a.ref
	var all searchResult
	a.getJSON(t, "/srv/collection.json", &all)
	if all.Pagination.TotalItems != 5 || len(all.List) != 5 {
		t.Errorf("collection.json: %+v with %d items, want all 5", all.Pagination, len(all.List))
	}
	var paged searchResult
	a.getJSON(t, "/srv/collection.json?itemsPerPage=2&page=3", &paged)
	if paged.Pagination.Page != 3 || paged.Pagination.TotalPages != 3 || paged.Pagination.TotalItems != 5 || len(paged.List) != 1 {
		t.Errorf("collection.json page 3 of 2: %+v with %d items", paged.Pagination, len(paged.List))
	}
	var ili searchResult
	a.getJSON(t, "/srv/collection.json?term=ili", &ili)
	if want := []string{"Ili Valley Correspondence, 1934–1955", "The Ili Rebellion"}; !sameSet(ili.names(), want) {
		t.Errorf("collection.json?term=ili: %v, want %v", ili.names(), want)
	}
	var byDescription searchResult
	a.getJSON(t, "/srv/collection.json?term=TELEGRAMS", &byDescription)
	if !slices.Contains(byDescription.names(), ref.Collection.Title) {
		t.Errorf("a term in the description misses the collection: %v", byDescription.names())
	}

	parent := a.authority(t, fmt.Sprintf("/srv/collection/%d.json", ref.Collection.ID))
	want := map[string]any{"id": fmt.Sprint(ref.Collection.ID), "uri": fmt.Sprintf("/srv/collection/%d.json", ref.Collection.ID),
		"model": "Collection", "name": ref.Collection.Title, "value": ref.Collection.Title, "slug": slug.Make(ref.Collection.Title), "parent": nil,
		"description": "<p>Letters and <em>telegrams</em>.</p>", "short_description": "Letters and *telegrams*.",
		"main_src": "", "thumb_src": "", "no_of_documents": "3", "is_inactive": false,
		"source_created_at": nil, "source_updated_at": nil, "first_published_at": nil}
	if diff := cmp.Diff(want, parent); diff != "" {
		t.Errorf("collection %d (-want +got):\n%s", ref.Collection.ID, diff)
	}
	child := a.authority(t, fmt.Sprintf("/srv/collection/%d.json", ref.Child.ID))
	if p, _ := child["parent"].(map[string]any); p["id"] != fmt.Sprint(ref.Collection.ID) || child["no_of_documents"] != "2" {
		t.Errorf("child collection: parent %v, %v documents", child["parent"], child["no_of_documents"])
	}
	for _, path := range []string{"/srv/collection/999999.json", "/srv/collection/x.json", "/srv/collection/1"} {
		if code, _ := a.get(t, path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}
}

func TestSubjectEndpoints(t *testing.T) {
	a := newSampled(t)
	ref := a.ref
	var r searchResult
	a.getJSON(t, "/srv/subject.json?term=foreign+soviet", &r)
	if !slices.Contains(r.names(), "China--Foreign relations--Soviet Union") {
		t.Errorf("subject.json?term=foreign soviet: %v", r.names())
	}
	if r.Pagination.TotalItems != len(r.List) || r.Pagination.TotalPages != 1 {
		t.Errorf("subject.json answers one page of all: %+v", r.Pagination)
	}
	got := a.authority(t, fmt.Sprintf("/srv/subject/%d.json", ref.Subject.ID))
	want := map[string]any{"id": fmt.Sprint(ref.Subject.ID), "name": ref.Subject.Heading, "value": ref.Subject.Heading,
		"uri": fmt.Sprintf("/srv/subject/%d.json", ref.Subject.ID)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("subject (-want +got):\n%s", diff)
	}
	// The broader heading is listed: a document sits under it.
	if code, _ := a.get(t, fmt.Sprintf("/srv/subject/%d.json", ref.Subject.ParentID)); code != http.StatusOK {
		t.Errorf("the broader heading %d: %d", ref.Subject.ParentID, code)
	}
}

func TestCoverageEndpoints(t *testing.T) {
	a := newReference(t)
	ref := a.ref
	id := func(n int64) string { return fmt.Sprint(n) }
	var r searchResult
	a.getJSON(t, "/srv/coverage.json?term=yining", &r)
	if len(r.List) != 1 || r.List[0]["name"] != "Ghulja" {
		t.Fatalf("coverage.json?term=yining finds %v, want Ghulja by its variant", r.names())
	}
	if p, _ := r.List[0]["parent"].(map[string]any); p["name"] != "Xinjiang" {
		t.Errorf("listed coverage's parent: %v", r.List[0]["parent"])
	}
	xinjiang := a.authority(t, fmt.Sprintf("/srv/coverage/%d.json", ref.Xinjiang.ID))
	want := map[string]any{"id": id(ref.Xinjiang.ID), "name": "Xinjiang", "value": "Xinjiang", "uri": coverageURI(ref.Xinjiang.ID),
		"parent":   map[string]any{"id": id(ref.China.ID), "name": "China", "value": "China", "uri": coverageURI(ref.China.ID), "parent": nil},
		"children": []any{map[string]any{"id": id(ref.Yining.ID), "name": "Ghulja", "value": "Ghulja", "uri": coverageURI(ref.Yining.ID)}}}
	if diff := cmp.Diff(want, xinjiang); diff != "" {
		t.Errorf("coverage Xinjiang (-want +got):\n%s", diff)
	}
	ghulja := a.authority(t, fmt.Sprintf("/srv/coverage/%d.json", ref.Yining.ID))
	if _, ok := ghulja["children"]; ok {
		t.Errorf("a coverage without children lists them: %v", ghulja["children"])
	}
	china := a.authority(t, fmt.Sprintf("/srv/coverage/%d.json", ref.China.ID))
	if china["parent"] != nil || len(listIDs(china["children"])) != 1 {
		t.Errorf("coverage China: parent %v, children %v", china["parent"], china["children"])
	}
}

func TestContributorEndpoints(t *testing.T) {
	a := newReference(t)
	ref := a.ref
	for term, want := range map[string][]string{
		"hasanli":   {"Jamil Hasanli"},
		"Shakirjan": {"Alihan Tore"}, // a variant
		"алихан":    {"Alihan Tore"},
		"goldberg":  {}, // credited only on a text, as translator
		"macarthur": {}, // credited only as funder
		"":          {"Alihan Tore", "Jamil Hasanli", "Petr Andreyevich", "Stalin"},
	} {
		var r searchResult
		a.getJSON(t, "/srv/contributor.json?term="+url.QueryEscape(term), &r)
		if !sameSet(r.names(), want) {
			t.Errorf("contributor.json?term=%s: %v, want %v", term, r.names(), want)
		}
	}
	got := a.authority(t, fmt.Sprintf("/srv/contributor/%d.json", ref.ObtainedBy.ID))
	if got["name"] != "Jamil Hasanli" || got["uri"] != agentURI(ref.ObtainedBy.ID) || got["id"] != fmt.Sprint(ref.ObtainedBy.ID) {
		t.Errorf("contributor: %v", got)
	}
	for _, id := range []int64{ref.Translator.ID, ref.Funder.ID, 999999} {
		if code, _ := a.get(t, fmt.Sprintf("/srv/contributor/%d.json", id)); code != http.StatusNotFound {
			t.Errorf("contributor %d: %d, want 404", id, code)
		}
	}
}

func TestRepositoryEndpoints(t *testing.T) {
	a := newReference(t)
	ref := a.ref
	for _, term := range []string{"garf", "state archive", "RUSSIAN"} {
		var r searchResult
		a.getJSON(t, "/srv/repository.json?term="+url.QueryEscape(term), &r)
		if want := []string{ref.GARF.Name}; !sameSet(r.names(), want) {
			t.Errorf("repository.json?term=%s: %v, want %v", term, r.names(), want)
		}
	}
	got := a.authority(t, fmt.Sprintf("/srv/repository/%d.json", ref.GARF.ID))
	want := map[string]any{"id": fmt.Sprint(ref.GARF.ID), "name": ref.GARF.Name, "value": ref.GARF.Name, "uri": repositoryURI(ref.GARF.ID)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("repository (-want +got):\n%s", diff)
	}
}

// TestAuthoritiesOfDraftsHidden: authorities linked only to a draft are
// neither listed nor found.
func TestAuthoritiesOfDraftsHidden(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	place := &recto.Place{Name: "Hiddenplace"}
	agent := &recto.Agent{Kind: recto.Person, Name: "Hiddenperson"}
	subject := &recto.Subject{Heading: "Hiddensubject"}
	repo := &recto.Repository{ShortName: "HIDDENREPO", Name: "Hidden Repository"}
	for _, err := range []error{db.CreatePlace(ctx, place), db.CreateAgent(ctx, agent), db.CreateSubject(ctx, subject),
		db.CreateRepository(ctx, repo)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	draft := &recto.Document{Title: "Hidden draft", Status: recto.StatusDraft, Places: []*recto.Place{place},
		Subjects: []*recto.Subject{subject}, Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: agent}},
		Sources: []recto.Source{{Repository: repo}}}
	if err := db.CreateDocument(ctx, draft); err != nil {
		t.Fatal(err)
	}
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(ctx); err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	a := &archive{db: db, h: New(recto.NewCatalogue(db, recto.PublicAudience), eng, Options{Logger: slog.New(slog.DiscardHandler)})}
	for _, path := range []string{"/srv/coverage.json?term=hidden", "/srv/contributor.json?term=hidden",
		"/srv/subject.json?term=hidden", "/srv/repository.json?term=hidden", "/srv/record.json?q=hidden"} {
		var r searchResult
		a.getJSON(t, path, &r)
		if len(r.List) != 0 || r.Pagination.TotalItems != 0 {
			t.Errorf("%s lists %v", path, r.List)
		}
	}
	for _, path := range []string{fmt.Sprintf("/srv/coverage/%d.json", place.ID), fmt.Sprintf("/srv/contributor/%d.json", agent.ID),
		fmt.Sprintf("/srv/subject/%d.json", subject.ID), fmt.Sprintf("/srv/repository/%d.json", repo.ID),
		fmt.Sprintf("/srv/record/%d.json", draft.ID)} {
		if code, body := a.get(t, path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d %s, want 404", path, code, body)
		}
	}
	var dr dateRange
	a.getJSON(t, "/srv/record/date_range.json", &dr)
	if dr.Begin != nil || dr.End != nil {
		t.Errorf("date_range.json of an archive with no published document: %v %v, want nulls", dr.Begin, dr.End)
	}
}

func sameSet(got, want []string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w)
}
