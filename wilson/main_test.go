package wilson

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
)

// testPublisher is the archive's name in the tests.
const testPublisher = "Recto Test Archive"

// archive is an API over a new SQLite archive with the reference page's data.
type archive struct {
	db  storetest.Store
	ref *fixture.Reference
	h   http.Handler
	// publisher is an agent credited as publisher on ref.Related, in
	// archives with the sample.
	publisher *recto.Agent
}

// newReference returns an archive holding only the reference fixture.
func newReference(t testing.TB) *archive { return newArchive(t, false) }

// newSampled returns an archive holding the reference fixture, the sample
// collection and a publisher credit.
func newSampled(t *testing.T) *archive { return newArchive(t, true) }

func newArchive(t testing.TB, withSample bool) *archive {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	ref, err := fixture.LoadReference(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a := &archive{db: db, ref: ref}
	if withSample {
		if err := sample.Load(ctx, db); err != nil {
			t.Fatal(err)
		}
		a.publisher = &recto.Agent{Kind: recto.Organisation, Name: "Fixture Press"}
		if err := db.CreateAgent(ctx, a.publisher); err != nil {
			t.Fatal(err)
		}
		rel, err := db.FindDocumentByID(ctx, ref.Related.ID)
		if err != nil {
			t.Fatal(err)
		}
		rel.Credits = append(rel.Credits, recto.Credit{Role: recto.RolePublisher, Agent: a.publisher})
		if err := db.UpdateDocument(ctx, rel); err != nil {
			t.Fatal(err)
		}
	}
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	a.h = New(recto.NewCatalogue(db, recto.PublicAudience), eng, Options{Publisher: testPublisher, BaseURL: "https://archive.example.org",
		Logger: slog.New(slog.DiscardHandler)})
	return a
}

// get requests path and returns the status and body.
func (a *archive) get(t *testing.T, path string) (int, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.Bytes()
}

// getJSON requests path, expects 200 and decodes the body into v.
func (a *archive) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	code, body := a.get(t, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", path, code, body)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

// collectionID returns the ID of the collection with the given title.
func (a *archive) collectionID(t *testing.T, title string) int64 {
	t.Helper()
	list, err := a.db.FindCollections(context.Background(), recto.TreeFilter{NoCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Item.Title == title {
			return c.Item.ID
		}
	}
	t.Fatalf("no collection %q", title)
	return 0
}

// agentID returns the ID of the agent with the given name.
func (a *archive) agentID(t *testing.T, name string) int64 {
	t.Helper()
	list, _, err := a.db.FindAgents(context.Background(), recto.AgentFilter{NoCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Item.Name == name {
			return c.Item.ID
		}
	}
	t.Fatalf("no agent %q", name)
	return 0
}

// searchResult is record.json's answer.
type searchResult struct {
	Pagination struct {
		Page       int `json:"page"`
		TotalPages int `json:"totalPages"`
		TotalItems int `json:"totalItems"`
	} `json:"pagination"`
	List []map[string]any `json:"list"`
}

// ids returns the ids of the listed items, in order.
func (r searchResult) ids() []string {
	out := make([]string, len(r.List))
	for i, item := range r.List {
		out[i], _ = item["id"].(string)
	}
	return out
}

// search requests record.json with the given query string.
func (a *archive) search(t *testing.T, query string) searchResult {
	t.Helper()
	var r searchResult
	a.getJSON(t, "/srv/record.json?"+query, &r)
	return r
}

// record requests the full record of a document.
func (a *archive) record(t *testing.T, id string) map[string]any {
	t.Helper()
	var r map[string]any
	a.getJSON(t, "/srv/record/"+id+".json", &r)
	return r
}

// ids lists the "id" of every object in a list field of v.
func listIDs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		if m, ok := item.(map[string]any); ok {
			id, _ := m["id"].(string)
			out = append(out, id)
		}
	}
	return out
}

// httptestGet requests path and returns the whole response.
func httptestGet(a *archive, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}
