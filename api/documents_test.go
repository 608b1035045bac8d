package api

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
)

// TestDocument reads the reference letter in full and checks every part of
// the model comes through, labels embedded.
func TestDocument(t *testing.T) {
	e := newEnv(t)
	ref := e.ref
	var d Document
	e.getJSON(t, api("/documents/"+id(ref.Document.ID)), http.StatusOK, &d)
	if d.ID != ref.Document.ID || d.Title != ref.Document.Title || *d.Type != "letter" || d.Status != recto.StatusPublished {
		t.Errorf("id, title, type, status: %d %q %v %q", d.ID, d.Title, d.Type, d.Status)
	}
	if d.Date == nil || d.Date.EDTF != "1945-04-22" || d.Date.Display != "April 22, 1945" ||
		*d.Date.Earliest != "1945-04-22" || *d.Date.Latest != "1945-04-22" || *d.DateAsWritten != "22 April 1945" {
		t.Errorf("date: %+v, as written %v", d.Date, d.DateAsWritten)
	}
	if !slices.Equal(d.Languages, []string{"ru"}) || *d.WrittenAt != "Ghulja [Yining]" || *d.WrittenOn != "22 April 1945" ||
		!strings.Contains(*d.Signature, "ALIHAN TORE") || *d.Authentication != "Authenticated by: V. Popova" {
		t.Errorf("languages, written, signature, authentication: %v %v %v %v %v", d.Languages, *d.WrittenAt, *d.WrittenOn,
			*d.Signature, *d.Authentication)
	}
	if len(d.Texts) != 2 {
		t.Fatalf("%d texts", len(d.Texts))
	}
	tr := d.Texts[1]
	if tr.Kind != recto.Translation || tr.Lang != "en" || tr.Label != "English translation" || *tr.TranslatedFrom != "ru" ||
		*tr.Method != "human" || tr.Date.EDTF != "2012" || tr.Format != "markdown" ||
		!strings.Contains(tr.Body, fixture.TranslationParagraphs[1]) || !strings.Contains(tr.Body, "[^1]: A fixture footnote.") {
		t.Errorf("translation: %+v", tr)
	}
	if len(tr.Credits) != 1 || tr.Credits[0].Role != recto.RoleTranslator || tr.Credits[0].Agent.Name != "Gary Goldberg" ||
		*tr.Credits[0].MARCRelator != "trl" || tr.Credits[0].Agent.Links.Documents != testBase+"/api/v1/documents?person="+id(ref.Translator.ID) {
		t.Errorf("translator credit: %+v", tr.Credits)
	}
	if tx := d.Texts[0]; tx.Kind != recto.Transcript || tx.Method != nil || tx.TranslatedFrom != nil || tx.Label != "Russian original" {
		t.Errorf("transcript: %+v", tx)
	}
	if len(d.Sources) != 1 || d.Sources[0].Repository == nil || d.Sources[0].Repository.ShortName != "GARF" ||
		d.Sources[0].Repository.Name != "State Archive of the Russian Federation" || len(d.Sources[0].Parts) != 4 ||
		*d.Sources[0].Parts[0].Type != "fond" || d.Sources[0].Parts[3].Label != "ll." || d.Sources[0].Parts[3].Value != "352-359" {
		t.Errorf("sources: %+v", d.Sources)
	}
	roles := map[recto.Role]string{}
	for _, c := range d.Credits {
		roles[c.Role] = c.Agent.Name
	}
	if roles[recto.RoleAuthor] != "Alihan Tore" || roles[recto.RoleRecipient] != "Stalin" ||
		roles[recto.RoleObtainedBy] != "Jamil Hasanli" || roles[recto.RoleFunder] != "MacArthur Foundation" {
		t.Errorf("credits: %v", roles)
	}
	for _, c := range d.Credits {
		if c.Role == recto.RoleObtainedBy && c.MARCRelator != nil {
			t.Errorf("obtained by has relator %q", *c.MARCRelator)
		}
		if c.Role == recto.RoleFunder && c.Agent.Kind != recto.Organisation {
			t.Errorf("funder kind %q", c.Agent.Kind)
		}
	}
	if len(d.Places) != 2 || d.Places[0].Name != "Ghulja" || d.Places[0].Links.Self != testBase+"/api/v1/places/"+id(ref.Yining.ID) {
		t.Errorf("places: %+v", d.Places)
	}
	if len(d.Subjects) != 1 || d.Subjects[0].Heading != "China--Foreign relations--Soviet Union" {
		t.Errorf("subjects: %+v", d.Subjects)
	}
	if len(d.Collections) != 2 || d.Collections[0].Title != ref.Collection.Title || d.Collections[1].Title != "The Ili Rebellion" {
		t.Errorf("collections: %+v", d.Collections)
	}
	if *d.Classification.Level != "Top Secret" || d.Classification.DeclassifiedOn.EDTF != "1992" ||
		*d.Classification.DeclassifiedBy != "Fixture Commission" {
		t.Errorf("classification: %+v", d.Classification)
	}
	if *d.Rights.URI != "http://rightsstatements.org/vocab/InC-EDU/1.0/" || !strings.HasPrefix(*d.Rights.Statement, "Fixture rights") {
		t.Errorf("rights: %+v", d.Rights)
	}
	if len(d.Media) != 1 || d.Media[0].URL != testBase+"/media/fixture-1.jpg" || d.Media[0].MediaType != "image/jpeg" {
		t.Errorf("media: %+v", d.Media)
	}
	if d.CreatedAt == nil || d.UpdatedAt == nil || d.PublishedAt == nil {
		t.Errorf("stamps: %v %v %v", d.CreatedAt, d.UpdatedAt, d.PublishedAt)
	}
	if d.Links.Self != testBase+"/api/v1/documents/"+id(d.ID) || d.Links.HTML != testBase+"/documents/"+id(d.ID) {
		t.Errorf("links: %+v", d.Links)
	}
	// Relations: the enclosure and the related telegram, never the draft it
	// also links to, nor the document in review enclosing it or the
	// withdrawn one relating to it.
	var got []string
	for _, r := range d.Relations {
		got = append(got, r.Kind+" "+r.Document.Title)
	}
	want := []string{"enclosure List of Requested Supplies", "related Telegram on the Ghulja Talks"}
	if !slices.Equal(got, want) {
		t.Errorf("relations: %q, want %q", got, want)
	}
	// Seen from the enclosure, the letter encloses it.
	var enc Document
	e.getJSON(t, api("/documents/"+id(ref.Enclosure.ID)), http.StatusOK, &enc)
	if len(enc.Relations) != 1 || enc.Relations[0].Kind != "enclosed_in" || enc.Relations[0].Document.ID != ref.Document.ID {
		t.Errorf("enclosure's relations: %+v", enc.Relations)
	}
	// What the former site had: paths and stamps, null when unknown.
	if !slices.Equal(d.FormerPaths, ref.Document.FormerPaths) || d.OriginalUploaded == nil ||
		*d.OriginalUploaded != ref.Document.OriginalUploaded.Format(time.RFC3339) || d.OriginalCreated == nil ||
		*d.OriginalCreated != ref.Document.OriginalCreated.Format(time.RFC3339) {
		t.Errorf("former paths %q, original stamps %v, %v", d.FormerPaths, d.OriginalUploaded, d.OriginalCreated)
	}
	if enc.FormerPaths == nil || len(enc.FormerPaths) != 0 || enc.OriginalUploaded != nil || enc.OriginalCreated != nil {
		t.Errorf("enclosure: former paths %q, original stamps %v, %v", enc.FormerPaths, enc.OriginalUploaded, enc.OriginalCreated)
	}
}

// TestUnpublishedDocuments: drafts and documents in review answer exactly
// as an ID no document has; a withdrawn one answers 410 with its note.
func TestUnpublishedDocuments(t *testing.T) {
	e := newEnv(t)
	missing := e.get(api("/documents/999999"))
	if missing.Code != http.StatusNotFound {
		t.Fatalf("missing: %d", missing.Code)
	}
	e.conforms(t, api("/documents/999999"), missing)
	for _, d := range []*recto.Document{e.ref.Draft, e.inReview} {
		rec := e.get(api("/documents/" + id(d.ID)))
		e.conforms(t, api("/documents/"+id(d.ID)), rec)
		body := strings.ReplaceAll(rec.Body.String(), id(d.ID), "999999")
		if rec.Code != http.StatusNotFound || body != missing.Body.String() {
			t.Errorf("%s: %d %s, want as missing: %s", d.Status, rec.Code, rec.Body, missing.Body)
		}
		if h, m := headerNames(rec), headerNames(missing); !slices.Equal(h, m) {
			t.Errorf("%s: headers %v, missing has %v", d.Status, h, m)
		}
	}
	var w Withdrawn
	e.getJSON(t, api("/documents/"+id(e.withdrawn.ID)), http.StatusGone, &w)
	if w.Error.Code != "gone" || w.WithdrawnNote == nil || *w.WithdrawnNote != e.withdrawn.WithdrawnNote || w.ID != e.withdrawn.ID {
		t.Errorf("withdrawn: %+v", w)
	}
}

func headerNames(rec interface{ Header() http.Header }) []string {
	var names []string
	for k := range rec.Header() {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// publishedIDs lists the published documents f selects, in the API's order.
func publishedIDs(t *testing.T, e *env, f recto.DocumentFilter) []int64 {
	t.Helper()
	f.Status, f.Sort = recto.Public, recto.SortChanged
	docs, _, err := e.db.FindDocuments(context.Background(), f)
	must(t, err)
	var ids []int64
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

// pageAll follows next from target and returns every document's ID and the
// totals each page gave.
func pageAll(t *testing.T, e *env, target string, between func(page int)) (ids []int64, totals []int) {
	t.Helper()
	for page := 0; target != ""; page++ {
		var l List[DocumentSummary]
		e.getJSON(t, target, http.StatusOK, &l)
		for _, d := range l.Data {
			ids = append(ids, d.ID)
		}
		totals = append(totals, l.Total)
		target = ""
		if l.Next != nil {
			target = strings.TrimPrefix(*l.Next, testBase)
		}
		if page > 1000 {
			t.Fatal("next never ends")
		}
		if between != nil {
			between(page)
		}
	}
	return ids, totals
}

// TestDocumentsList pages through the published documents two at a time.
func TestDocumentsList(t *testing.T) {
	e := newEnv(t)
	want := publishedIDs(t, e, recto.DocumentFilter{})
	ids, totals := pageAll(t, e, api("/documents?limit=2"), nil)
	if !slices.Equal(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	for _, n := range totals {
		if n != len(want) {
			t.Errorf("total %d, want %d", n, len(want))
		}
	}
	for _, hidden := range []int64{e.ref.Draft.ID, e.inReview.ID, e.withdrawn.ID} {
		if slices.Contains(ids, hidden) {
			t.Errorf("document %d is listed", hidden)
		}
	}
	// One page of everything has no next.
	var l List[DocumentSummary]
	e.getJSON(t, api("/documents?limit=500"), http.StatusOK, &l)
	if l.Next != nil || len(l.Data) != len(want) {
		t.Errorf("limit=500: %d documents, next %v", len(l.Data), l.Next)
	}
	// The default page size is 50.
	e.getJSON(t, api("/documents"), http.StatusOK, &l)
	if len(l.Data) != min(len(want), defaultLimit) {
		t.Errorf("default: %d documents", len(l.Data))
	}
}

// TestDocumentsCursorStable adds and edits documents while a client pages:
// nothing there at the start is missed, and what changed comes at the end.
func TestDocumentsCursorStable(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	before := publishedIDs(t, e, recto.DocumentFilter{})
	var added *recto.Document
	ids, _ := pageAll(t, e, api("/documents?limit=3"), func(page int) {
		if page != 1 {
			return
		}
		added = &recto.Document{Title: "Added While Paging", Status: recto.StatusPublished}
		must(t, e.db.CreateDocument(ctx, added))
		// An edit moves a document already served, and one not yet
		// served, to the end.
		for _, docID := range []int64{before[0], before[len(before)-2]} {
			d, err := e.db.FindDocumentByID(ctx, docID)
			must(t, err)
			d.Summary = "Edited while paging."
			must(t, e.db.UpdateDocument(ctx, d))
		}
	})
	for _, docID := range before {
		if !slices.Contains(ids, docID) {
			t.Errorf("document %d missed", docID)
		}
	}
	if !slices.Contains(ids, added.ID) {
		t.Errorf("the added document %d is missing", added.ID)
	}
	if n := len(ids); n < 3 || !slices.Contains(ids[n-3:], added.ID) || ids[n-1] != before[len(before)-2] {
		t.Errorf("changed documents are not at the end: %v", ids)
	}
}

// TestDocumentsFilters checks each filter against the store and the fixture.
func TestDocumentsFilters(t *testing.T) {
	e := newEnv(t)
	ref := e.ref
	for _, c := range []struct {
		query  string
		filter recto.DocumentFilter
		has    []int64
		hasNot []int64
	}{
		{"person=" + id(ref.Author.ID), recto.DocumentFilter{AgentID: ref.Author.ID}, []int64{ref.Document.ID}, nil},
		{"person=" + id(ref.Translator.ID), recto.DocumentFilter{AgentID: ref.Translator.ID}, []int64{ref.Document.ID}, nil},
		{"person=" + id(e.secretAgent.ID), recto.DocumentFilter{AgentID: e.secretAgent.ID}, nil, []int64{e.inReview.ID}},
		{"place=" + id(ref.China.ID), recto.DocumentFilter{PlaceID: ref.China.ID}, []int64{ref.Document.ID}, []int64{e.inReview.ID}},
		{"subject=" + id(ref.Subject.ID), recto.DocumentFilter{SubjectID: ref.Subject.ID}, []int64{ref.Document.ID}, nil},
		{"repository=" + id(ref.GARF.ID), recto.DocumentFilter{RepositoryID: ref.GARF.ID}, []int64{ref.Document.ID}, []int64{e.inReview.ID}},
		{"collection=" + id(ref.Collection.ID), recto.DocumentFilter{CollectionID: ref.Collection.ID, Subtree: true},
			[]int64{ref.Document.ID, ref.Enclosure.ID, ref.Related.ID}, []int64{e.inReview.ID}},
		{"collection=" + id(ref.Child.ID), recto.DocumentFilter{CollectionID: ref.Child.ID}, []int64{ref.Related.ID}, []int64{ref.Enclosure.ID}},
		{"date=1945-04", recto.DocumentFilter{}, []int64{ref.Document.ID, ref.Enclosure.ID}, []int64{ref.Related.ID}},
		{"date=1945-04-22..1945-05", recto.DocumentFilter{}, []int64{ref.Document.ID, ref.Enclosure.ID, ref.Related.ID}, nil},
		{"date=..1945-04-21", recto.DocumentFilter{}, []int64{ref.Enclosure.ID}, []int64{ref.Document.ID}},
		{"date=1946..", recto.DocumentFilter{}, nil, []int64{ref.Document.ID, ref.Enclosure.ID}},
		{"date=194x", recto.DocumentFilter{}, []int64{ref.Document.ID}, nil},
		{"date=1944/1945", recto.DocumentFilter{}, []int64{ref.Document.ID}, nil},
		// The second the fixture stored the letter in, after the enclosure.
		{"from=" + ref.Document.UpdatedAt.UTC().Format(time.RFC3339) + "&until=" + ref.Document.UpdatedAt.Add(time.Second).UTC().Format(time.RFC3339),
			recto.DocumentFilter{}, []int64{ref.Document.ID}, []int64{ref.Enclosure.ID}},
		{"until=2026-01-02", recto.DocumentFilter{}, []int64{ref.Document.ID, ref.Enclosure.ID}, nil},
		{"from=2026-01-03", recto.DocumentFilter{}, nil, []int64{ref.Document.ID}},
		{"person=" + id(ref.Author.ID) + "&date=1950", recto.DocumentFilter{}, nil, []int64{ref.Document.ID}},
	} {
		var l List[DocumentSummary]
		e.getJSON(t, api("/documents?limit=500&"+c.query), http.StatusOK, &l)
		var ids []int64
		for _, d := range l.Data {
			ids = append(ids, d.ID)
		}
		if l.Total != len(ids) {
			t.Errorf("%s: total %d, %d listed", c.query, l.Total, len(ids))
		}
		if !reflect.DeepEqual(c.filter, recto.DocumentFilter{}) {
			if want := publishedIDs(t, e, c.filter); !slices.Equal(ids, want) {
				t.Errorf("%s: %v, want %v", c.query, ids, want)
			}
		}
		for _, h := range c.has {
			if !slices.Contains(ids, h) {
				t.Errorf("%s: %d missing from %v", c.query, h, ids)
			}
		}
		for _, h := range c.hasNot {
			if slices.Contains(ids, h) {
				t.Errorf("%s: %d listed", c.query, h)
			}
		}
	}
	// Filters are kept in next links.
	var l List[DocumentSummary]
	e.getJSON(t, api("/documents?limit=1&collection="+id(ref.Collection.ID)+"&date=1945"), http.StatusOK, &l)
	if l.Next == nil || !strings.Contains(*l.Next, "collection="+id(ref.Collection.ID)) || !strings.Contains(*l.Next, "date=1945") ||
		!strings.Contains(*l.Next, "limit=1") {
		t.Errorf("next: %v", l.Next)
	}
}

// TestDateRange checks the date filter against the query language's.
func TestDateRange(t *testing.T) {
	for _, c := range []struct {
		in       string
		from, to string // "" for open
	}{
		{"1945", "1945-01-01", "1945-12-31"},
		{"1945-04", "1945-04-01", "1945-04-30"},
		{"1944..1949", "1944-01-01", "1949-12-31"},
		{"1944-06..1945-02", "1944-06-01", "1945-02-28"},
		{"..1949", "", "1949-12-31"},
		{"1944..", "1944-01-01", ""},
		{"194x", "1940-01-01", "1949-12-31"},
		{"1944/1949", "1944-01-01", "1949-12-31"},
	} {
		r, err := params{"date": {c.in}}.dateRange("date")
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		show := func(d edtf.Day, open bool) string {
			if open {
				return ""
			}
			return d.String()
		}
		from, to := show(r.From, r.From < edtf.DayOf(-100000, 1, 1)), show(r.To, r.To > edtf.DayOf(100000, 1, 1))
		if from != c.from || to != c.to {
			t.Errorf("%s: %s..%s, want %s..%s", c.in, from, to, c.from, c.to)
		}
	}
	for _, bad := range []string{"1945-13", "1950..1940", "..", "soon", "1945 ", "1945..1946..1947", "/"} {
		if _, err := (params{"date": {bad}}).dateRange("date"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestChangeTime reads from and until.
func TestChangeTime(t *testing.T) {
	p := params{"from": {"2024-05-01"}, "until": {"2024-05-01"}, "at": {"2024-05-01T12:00:00+02:00"}}
	from, _ := p.changeTime("from", false)
	until, _ := p.changeTime("until", true)
	at, _ := p.changeTime("at", false)
	if !from.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)) || until.Format(time.RFC3339Nano) != "2024-05-01T23:59:59.999999Z" ||
		!at.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("from %v, until %v, at %v", from, until, at)
	}
}

// TestDocumentsListPastDrafts pages through a run of drafts longer than a
// read of the store, with and without the fallback to the store's filter.
func TestDocumentsListPastDrafts(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	drafts := make([]*recto.Document, 40)
	for i := range drafts {
		drafts[i] = &recto.Document{Title: "Run of drafts", Status: recto.StatusDraft}
	}
	must(t, e.db.CreateDocuments(ctx, drafts))
	must(t, e.db.CreateDocument(ctx, &recto.Document{Title: "Published after the drafts", Status: recto.StatusPublished}))
	want := publishedIDs(t, e, recto.DocumentFilter{})
	defer func(n int) { maxScan = n }(maxScan)
	for _, scan := range []int{0, 15, 2000} {
		maxScan = scan
		for _, limit := range []string{"1", "3", "50"} {
			ids, totals := pageAll(t, e, api("/documents?limit="+limit), nil)
			if !slices.Equal(ids, want) || totals[0] != len(want) {
				t.Errorf("maxScan %d, limit %s: %v (total %d), want %v", scan, limit, ids, totals[0], want)
			}
		}
	}
}
