package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
)

const testBase = "https://archive.example.org"

// env is an archive holding the reference fixture, the sample collection
// and a few unpublished records, with its search index and the API over it.
type env struct {
	db  storetest.Store
	ref *fixture.Reference
	eng *search.Engine
	h   http.Handler
	doc *openAPIDoc
	// Unpublished records and what only they name, which nothing may show.
	inReview, withdrawn *recto.Document
	secretAgent         *recto.Agent
	secretPlace         *recto.Place
	secretSubject       *recto.Subject
	secretCollection    *recto.Collection // a collection only unpublished documents are in
}

// secrets are strings only unpublished records hold.
var secrets = []string{"Unpublished Draft Memorandum", "Review-Only Memorandum", "Secret Reviewer",
	"Hidden Village", "Hushed Matters", "Annual report of the Ili Wool and Hides Cooperative"}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{db: storetest.OpenSQLite(t), doc: loadOpenAPI(t)}
	var err error
	if e.ref, err = fixture.LoadReference(ctx, e.db); err != nil {
		t.Fatal(err)
	}
	if err := sample.Load(ctx, e.db); err != nil {
		t.Fatal(err)
	}
	must(t, e.db.CreateAgent(ctx, &recto.Agent{Kind: recto.Person, Name: "Secret Reviewer"}))
	e.secretAgent, _ = e.db.FindAgentByID(ctx, mustFindAgent(t, e.db, "Secret Reviewer"))
	e.secretPlace = &recto.Place{Name: "Hidden Village", ParentID: e.ref.Xinjiang.ID}
	must(t, e.db.CreatePlace(ctx, e.secretPlace))
	e.secretSubject = &recto.Subject{Heading: "Hushed Matters--Details"}
	must(t, e.db.CreateSubject(ctx, e.secretSubject))
	e.secretCollection = &recto.Collection{Title: "Pending Acquisitions", ParentID: e.ref.Collection.ID}
	must(t, e.db.CreateCollection(ctx, e.secretCollection))
	e.inReview = &recto.Document{Title: "Review-Only Memorandum", Status: recto.StatusInReview,
		Date: edtf.MustParse("1945-04-23"), Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: e.secretAgent}},
		Places: []*recto.Place{e.secretPlace, e.ref.Yining}, Subjects: []*recto.Subject{e.secretSubject},
		Collections: []*recto.Collection{e.secretCollection, e.ref.Collection},
		Sources:     []recto.Source{{Repository: e.ref.GARF, Note: "Held back."}},
		Texts:       []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Kulja appears in this unpublished text."}},
		Relations:   []recto.Relation{{Kind: recto.Enclosure, Document: e.ref.Document.Summarize()}}}
	must(t, e.db.CreateDocument(ctx, e.inReview))
	e.withdrawn = &recto.Document{Title: "A Withdrawn Cable", Status: recto.StatusWithdrawn,
		WithdrawnNote: "Withdrawn: the attribution could not be confirmed.", Date: edtf.MustParse("1945-04-24"),
		Relations: []recto.Relation{{Kind: recto.Related, Document: e.ref.Document.Summarize()}}}
	must(t, e.db.CreateDocument(ctx, e.withdrawn))
	e.eng = search.New(e.db, slog.New(slog.DiscardHandler))
	must(t, e.eng.Build(ctx))
	t.Cleanup(func() { e.eng.Close() })
	e.h = New(recto.NewCatalogue(e.db, recto.PublicAudience), e.eng, Options{BaseURL: testBase})
	return e
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustFindAgent(t testing.TB, db recto.Store, name string) int64 {
	t.Helper()
	agents, _, err := db.FindAgents(context.Background(), recto.AgentFilter{NoCounts: true})
	must(t, err)
	for _, a := range agents {
		if a.Item.Name == name {
			return a.Item.ID
		}
	}
	t.Fatalf("no agent %q", name)
	return 0
}

// do sends a request to the API; headers come in name, value pairs.
func (e *env) do(method, target string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

func (e *env) get(target string, headers ...string) *httptest.ResponseRecorder {
	return e.do(http.MethodGet, target, headers...)
}

// getJSON gets target, wants status, checks the body against the schema the
// OpenAPI document gives for it and decodes it into v (when not nil).
func (e *env) getJSON(t testing.TB, target string, status int, v any) {
	t.Helper()
	rec := e.get(target)
	if rec.Code != status {
		t.Fatalf("GET %s: %d, want %d: %s", target, rec.Code, status, rec.Body)
	}
	e.conforms(t, target, rec)
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
	}
}

// conforms checks a response against the OpenAPI document: its route, the
// schema of its status and the JSON content type.
func (e *env) conforms(t testing.TB, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	path := strings.TrimPrefix(strings.SplitN(target, "?", 2)[0], testBase)
	if path == Prefix {
		path += "/" // served as the index
	}
	rt, ok := matchRoute(strings.TrimPrefix(path, Prefix))
	if !ok {
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d for a path no route serves", target, rec.Code)
		}
		return
	}
	schema, err := e.doc.responseSchema(rt, rec.Code)
	if err != nil {
		t.Errorf("GET %s: %v", target, err)
		return
	}
	if schema == nil {
		if rec.Body.Len() != 0 {
			t.Errorf("GET %s: %d with a body", target, rec.Code)
		}
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(rec.Body.String()))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Errorf("GET %s: body is not JSON: %v", target, err)
		return
	}
	for _, p := range e.doc.validate(schema, v, "$") {
		t.Errorf("GET %s (%d): %s", target, rec.Code, p)
	}
}

// matchRoute finds the route of a path under Prefix.
func matchRoute(path string) (string, bool) {
	segs := strings.Split(path, "/")
	for _, rt := range routes {
		pat := strings.Split(rt.path, "/")
		if len(pat) != len(segs) {
			continue
		}
		ok := true
		for i := range pat {
			if !(strings.HasPrefix(pat[i], "{") || pat[i] == segs[i]) {
				ok = false
				break
			}
		}
		if ok {
			return rt.path, true
		}
	}
	return "", false
}

func api(path string) string { return Prefix + path }

func id(n int64) string { return strconv.FormatInt(n, 10) }
