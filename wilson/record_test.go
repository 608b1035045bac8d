package wilson

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/recto-archive/recto"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestReferenceRecordGolden holds the full record of the reference letter
// to testdata/reference-record.json; go test ./wilson -run Golden -update
// rewrites it.
func TestReferenceRecordGolden(t *testing.T) {
	a := newReference(t)
	code, body := a.get(t, fmt.Sprintf("/srv/record/%d.json", a.ref.Document.ID))
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, body, "", "  "); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "reference-record.json")
	if *update {
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
		t.Errorf("record differs from %s (-want +got):\n%s", golden, diff)
	}
}

// TestReferenceRecordFields checks the reference letter's record field by
// field against the mapping of docs/api.md.
func TestReferenceRecordFields(t *testing.T) {
	a := newReference(t)
	ref := a.ref
	id := func(n int64) string { return fmt.Sprint(n) }
	rec := a.record(t, id(ref.Document.ID))
	str := func(field string) any { return rec[field] }
	obj := func(v any) map[string]any { m, _ := v.(map[string]any); return m }
	first := func(field string) map[string]any {
		list, _ := rec[field].([]any)
		if len(list) == 0 {
			t.Fatalf("%s is empty", field)
		}
		return obj(list[0])
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"id", str("id"), id(ref.Document.ID)},
		{"uri", str("uri"), fmt.Sprintf("/srv/record/%d.json", ref.Document.ID)},
		{"model", str("model"), "Record"},
		{"title", str("title"), "Letter from Alihan Tore to Commander-in-Chief Marshal Stalin"},
		{"description", str("description"), ref.Document.Summary},
		{"doc_date", str("doc_date"), "19450422"},
		{"frontend_doc_date", str("frontend_doc_date"), "April 22, 1945"},
		{"date_range_start", str("date_range_start"), "19450422"},
		{"slug", str("slug"), "letter-from-alihan-tore-to-stalin"}, // its first former slug
		{"source", str("source"), "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359. Obtained by Jamil Hasanli and translated for NKIDP by Gary Goldberg."},
		{"source_created_at", str("source_created_at"), ref.Document.OriginalCreated.UTC().Format("2006-01-02 15:04:05")},
		{"source_updated_at", str("source_updated_at"), ref.Document.UpdatedAt.UTC().Format("2006-01-02 15:04:05")},
		{"first_published_at", str("first_published_at"), ref.Document.OriginalUploaded.UTC().Format("2006-01-02 15:04:05")},
		{"type", rec["type"], []any{map[string]any{"id": "letter", "name": "Letter"}}},
		{"rights.id", obj(rec["rights"])["id"], "http://rightsstatements.org/vocab/InC-EDU/1.0/"},
		{"rights.name", obj(rec["rights"])["name"], "In Copyright - Educational Use Permitted"},
		{"rights.rights", obj(rec["rights"])["rights"], ref.Document.Rights.Statement},
		{"classifications", rec["classifications"], []any{map[string]any{"id": "top-secret", "name": "Top Secret"}}},
		{"languages", rec["languages"], []any{map[string]any{"id": "rus", "name": "Russian"}}},
		{"creators", listIDs(rec["creators"]), []string{id(ref.Author.ID)}},
		{"contributors", listIDs(rec["contributors"]), []string{id(ref.Author.ID), id(ref.Recipient.ID), id(ref.ObtainedBy.ID), id(ref.Associated.ID)}},
		{"donors", rec["donors"], []any{map[string]any{"id": id(ref.Funder.ID), "name": "MacArthur Foundation"}}},
		{"original_coverages", listIDs(rec["original_coverages"]), []string{id(ref.Yining.ID), id(ref.Moscow.ID)}},
		{"coverage name", first("original_coverages")["name"], "Ghulja"},
		{"coverage parent", obj(first("original_coverages")["parent"])["name"], "Xinjiang"},
		{"coverage grandparent", obj(obj(first("original_coverages")["parent"])["parent"])["name"], "China"},
		{"coverage top", obj(obj(first("original_coverages")["parent"])["parent"])["parent"], nil},
		{"subjects", first("subjects")["name"], "China--Foreign relations--Soviet Union"},
		{"collections", listIDs(rec["collections"]), []string{id(ref.Collection.ID), id(ref.Child.ID)}},
		{"repositories", first("repositories")["name"], "State Archive of the Russian Federation"},
		{"repositories uri", first("repositories")["uri"], fmt.Sprintf("/srv/repository/%d.json", ref.GARF.ID)},
		{"publishers", rec["publishers"], []any{map[string]any{"id": "0", "name": testPublisher, "value": testPublisher}}},
		{"transcripts", len(rec["transcripts"].([]any)), 1},
		{"transcript language key", first("transcripts")["language"], nil},
		{"translations", len(rec["translations"].([]any)), 1},
		{"translation language", first("translations")["language"], map[string]any{"id": "eng", "name": "English"}},
		{"translation content type", first("translations")["content_type"], "text/html"},
		{"media_files", first("media_files")["path"], "/media/fixture-1.jpg"},
		{"media_files content_type", first("media_files")["content_type"], "image/jpeg"},
		{"media_files extension", first("media_files")["extension"], "jpg"},
		{"attachments", listIDs(rec["attachments"]), []string{id(ref.Enclosure.ID)}},
		{"links", listIDs(rec["links"]), []string{id(ref.Related.ID)}},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.field, diff)
		}
	}
	if html, _ := first("transcripts")["html"].(string); !strings.Contains(html, `lang="ru"`) || !strings.Contains(html, "Приветствие из тестового перевода") {
		t.Errorf("transcript html lacks the Russian text: %s", html)
	}
	if html, _ := first("translations")["html"].(string); !strings.Contains(html, "<em>hope</em>") || !strings.Contains(html, `lang="en"`) {
		t.Errorf("translation html lacks the rendered English text: %s", html)
	}
	if s, _ := rec["source"].(string); !strings.Contains(s, "Gary Goldberg") {
		t.Errorf("source does not name the translator: %q", s)
	}
}

// clientKeys are the keys the Python client "digitalarchive" accepts for
// each object (its dataclasses fail on any other). The record lists those
// of its Document model.
var clientKeys = map[string][]string{
	"record": {"id", "uri", "title", "description", "doc_date", "frontend_doc_date", "slug", "source_created_at",
		"source_updated_at", "first_published_at", "source", "type", "rights", "pdf_generated_at", "date_range_start",
		"sort_string_by_coverage", "main_src", "model", "donors", "subjects", "transcripts", "translations",
		"media_files", "languages", "contributors", "creators", "original_coverages", "collections", "attachments",
		"links", "repositories", "publishers", "classifications"},
	"subjects":           {"id", "name", "value", "uri"},
	"contributors":       {"id", "name", "value", "uri"},
	"creators":           {"id", "name", "value", "uri"},
	"repositories":       {"id", "name", "value", "uri"},
	"donors":             {"id", "name"},
	"publishers":         {"id", "name", "value"},
	"type":               {"id", "name"},
	"classifications":    {"id", "name"},
	"languages":          {"id", "name"},
	"rights":             {"id", "name", "rights"},
	"original_coverages": {"id", "name", "uri", "value", "parent", "children"},
	"collections": {"id", "name", "slug", "uri", "parent", "model", "value", "description", "short_description",
		"main_src", "thumb_src", "no_of_documents", "is_inactive", "source_created_at", "source_updated_at",
		"first_published_at"},
	"transcripts": {"id", "filename", "content_type", "extension", "asset_id", "source_created_at",
		"source_updated_at", "url", "html", "pdf", "raw"},
	"translations": {"id", "filename", "content_type", "extension", "asset_id", "source_created_at",
		"source_updated_at", "url", "language", "html", "pdf", "raw"},
	"media_files": {"id", "filename", "content_type", "extension", "asset_id", "source_created_at",
		"source_updated_at", "path", "raw", "pdf"},
}

// checkKeys fails for every key of m that kind does not allow.
func checkKeys(t *testing.T, where, kind string, m map[string]any) {
	t.Helper()
	for k := range m {
		if !slices.Contains(clientKeys[kind], k) {
			t.Errorf("%s: key %q is unknown to clients of the original API's %s", where, k, kind)
		}
	}
}

// TestRecordKeysKnownToClients keeps every object of a record, and of the
// search and authority answers, to the keys the original's clients know.
func TestRecordKeysKnownToClients(t *testing.T) {
	a := newSampled(t)
	for _, item := range a.search(t, "itemsPerPage=100").List {
		id, _ := item["id"].(string)
		if item["model"] == "Collection" {
			checkKeys(t, "record.json", "collections", item)
			continue
		}
		checkKeys(t, "record.json", "record", item)
		rec := a.record(t, id)
		checkKeys(t, "record "+id, "record", rec)
		for field, v := range rec {
			switch v := v.(type) {
			case []any:
				kind := field
				if field == "attachments" || field == "links" {
					kind = "record"
				}
				for _, el := range v {
					m, _ := el.(map[string]any)
					checkKeys(t, "record "+id+" "+field, kind, m)
					if field == "original_coverages" {
						for p, _ := m["parent"].(map[string]any); p != nil; p, _ = p["parent"].(map[string]any) {
							checkKeys(t, "record "+id+" coverage parent", kind, p)
						}
						if _, ok := m["children"]; ok {
							t.Errorf("record %s: coverage %v lists children", id, m["id"])
						}
					}
				}
			case nil:
				if _, isList := clientLists[field]; isList {
					t.Errorf("record %s: %s is null, want a list", id, field)
				}
			}
		}
		if _, ok := rec["rights"].(map[string]any); !ok {
			t.Errorf("record %s: rights is %v, want an object", id, rec["rights"])
		}
	}
}

// clientLists are the record fields the Python client takes len() of.
var clientLists = map[string]bool{"donors": true, "subjects": true, "transcripts": true, "translations": true,
	"media_files": true, "languages": true, "contributors": true, "creators": true, "original_coverages": true,
	"collections": true, "attachments": true, "links": true, "repositories": true, "publishers": true,
	"classifications": true, "type": true}

// TestRecordVisibility: drafts answer 404 like missing records, withdrawn
// documents 410, malformed ids 404; all as JSON errors.
func TestRecordVisibility(t *testing.T) {
	a := newSampled(t)
	ctx := context.Background()
	withdrawn, _, err := a.db.FindDocuments(ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusWithdrawn}})
	if err != nil || len(withdrawn) == 0 {
		t.Fatalf("no withdrawn document in the sample: %v", err)
	}
	tests := []struct {
		path string
		want int
	}{
		{fmt.Sprintf("/srv/record/%d.json", a.ref.Document.ID), http.StatusOK},
		{fmt.Sprintf("/srv/record/%d.json", a.ref.Draft.ID), http.StatusNotFound},
		{fmt.Sprintf("/srv/record/%d.json", withdrawn[0].ID), http.StatusGone},
		{"/srv/record/999999.json", http.StatusNotFound},
		{"/srv/record/0.json", http.StatusNotFound},
		{"/srv/record/-1.json", http.StatusNotFound},
		{"/srv/record/+4.json", http.StatusNotFound},
		{"/srv/record/04.json", http.StatusNotFound},
		{"/srv/record/abc.json", http.StatusNotFound},
		{"/srv/record/4", http.StatusNotFound},
		{"/srv/record/4.json.json", http.StatusNotFound},
		{"/srv/record/.json", http.StatusNotFound},
		{"/srv/record/99999999999999999999999.json", http.StatusNotFound},
		{"/srv/record/4.json/", http.StatusNotFound},
		{"/srv/record/", http.StatusNotFound},
		{"/srv/", http.StatusNotFound},
		{"/srv/nothing.json", http.StatusNotFound},
		{"/srv/records.json", http.StatusNotFound},
	}
	for _, tt := range tests {
		code, body := a.get(t, tt.path)
		if code != tt.want {
			t.Errorf("GET %s: status %d, want %d: %s", tt.path, code, tt.want, body)
		}
		if code != http.StatusOK {
			var e struct {
				Error struct {
					Status  int
					Code    string
					Message string
				}
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Status != code || e.Error.Message == "" {
				t.Errorf("GET %s: error body %s is not the JSON error shape", tt.path, body)
			}
		}
	}
	code, body := a.get(t, fmt.Sprintf("/srv/record/%d.json", a.ref.Draft.ID))
	missing, missingBody := a.get(t, "/srv/record/999999.json")
	if code != missing || strings.Contains(string(body), "Draft") ||
		string(body) != strings.Replace(string(missingBody), "999999", fmt.Sprint(a.ref.Draft.ID), 1) {
		t.Errorf("a draft answers %d %s, unlike a missing record (%d %s)", code, body, missing, missingBody)
	}
}

// TestTextAsset serves a text's HTML at its url, for published documents only.
func TestTextAsset(t *testing.T) {
	a := newReference(t)
	rec := a.record(t, fmt.Sprint(a.ref.Document.ID))
	transcript := rec["transcripts"].([]any)[0].(map[string]any)
	url := transcript["url"].(string)
	rr := httptestGet(a, url)
	if rr.Code != http.StatusOK || !strings.HasPrefix(rr.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %d %s", url, rr.Code, rr.Header().Get("Content-Type"))
	}
	if got := rr.Body.String(); got != transcript["html"] {
		t.Errorf("GET %s serves\n%s\nunlike the record's html\n%s", url, got, transcript["html"])
	}
	textID := a.ref.Document.Texts[0].ID
	for _, path := range []string{
		fmt.Sprintf("/srv/record/%d/text/%d.html", a.ref.Enclosure.ID, textID), // another document's text
		fmt.Sprintf("/srv/record/%d/text/%d.html", a.ref.Draft.ID, textID),
		fmt.Sprintf("/srv/record/%d/text/%d.json", a.ref.Document.ID, textID),
		fmt.Sprintf("/srv/record/%d/text/x.html", a.ref.Document.ID),
		fmt.Sprintf("/srv/record/x/text/%d.html", textID),
		fmt.Sprintf("/srv/record/%d/text/999999.html", a.ref.Document.ID),
	} {
		if code, body := a.get(t, path); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404: %s", path, code, body)
		}
	}
}

// TestNoDraftLeak crawls every endpoint of an archive with drafts and a
// withdrawn document: none of them may show up anywhere but as 404 or 410.
func TestNoDraftLeak(t *testing.T) {
	a := newSampled(t)
	ctx := context.Background()
	hidden, _, err := a.db.FindDocuments(ctx, recto.DocumentFilter{
		Status: []recto.Status{recto.StatusDraft, recto.StatusInReview, recto.StatusWithdrawn}})
	if err != nil {
		t.Fatal(err)
	}
	if len(hidden) < 3 {
		t.Fatalf("want the fixture's draft and the sample's draft and withdrawn document, have %d", len(hidden))
	}
	var bodies []string
	crawl := func(path string) []byte {
		code, body := a.get(t, path)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		bodies = append(bodies, path+"\n"+string(body))
		return body
	}
	var ids []string
	for _, q := range []string{"itemsPerPage=100", "model=Record&itemsPerPage=100", "model=Collection&itemsPerPage=100",
		"q=draft&itemsPerPage=100", "q=unpublished", "q=memorandum", "q=cooperative", "q=wool&model=Record",
		"start_date=19000101&end_date=19991231&itemsPerPage=100"} {
		var r searchResult
		if err := json.Unmarshal(crawl("/srv/record.json?"+q), &r); err != nil {
			t.Fatal(err)
		}
		for _, item := range r.List {
			if item["model"] == "Record" {
				ids = append(ids, item["id"].(string))
			}
		}
	}
	sort.Strings(ids)
	for _, id := range slices.Compact(ids) {
		crawl("/srv/record/" + id + ".json")
	}
	crawl("/srv/record/date_range.json")
	for _, kind := range []string{"collection", "subject", "coverage", "contributor", "repository"} {
		var r searchResult
		if err := json.Unmarshal(crawl("/srv/"+kind+".json?itemsPerPage=100"), &r); err != nil {
			t.Fatal(err)
		}
		for _, id := range r.ids() {
			crawl("/srv/" + kind + "/" + id + ".json")
		}
	}
	for _, d := range hidden {
		uri := fmt.Sprintf(`"/srv/record/%d.json"`, d.ID)
		for _, b := range bodies {
			if strings.Contains(b, d.Title) || strings.Contains(b, uri) {
				path, _, _ := strings.Cut(b, "\n")
				t.Errorf("%s document %d (%q) shows in %s", d.Status, d.ID, d.Title, path)
			}
		}
	}
}

// A record's slug is its first former slug, a number there being a Record
// ID; its first_published_at and source_created_at are the former
// system's stamps when known, else Recto's: in the record and in
// listings alike.
func TestRecordLegacyStamps(t *testing.T) {
	ctx := context.Background()
	a := newReference(t)
	d := &recto.Document{Title: "A Telegram on the Talks", Status: recto.StatusPublished,
		FormerPaths: []string{"/document/118000", "/node/12"}}
	if err := a.db.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	rec := a.record(t, fmt.Sprint(d.ID))
	stamp := func(t time.Time) string { return t.UTC().Format(time.DateTime) }
	for field, want := range map[string]string{"slug": "a-telegram-on-the-talks",
		"first_published_at": stamp(d.PublishedAt), "source_created_at": stamp(d.CreatedAt)} {
		if rec[field] != want {
			t.Errorf("%s = %v, want %q", field, rec[field], want)
		}
	}
	for _, item := range a.search(t, "q=").List {
		if item["id"] == fmt.Sprint(a.ref.Document.ID) {
			if item["slug"] != "letter-from-alihan-tore-to-stalin" || item["first_published_at"] != stamp(a.ref.Document.OriginalUploaded) {
				t.Errorf("listed: slug %v, first_published_at %v", item["slug"], item["first_published_at"])
			}
			return
		}
	}
	t.Fatal("the reference letter is not listed")
}
