package oaipmh

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestIdentify(t *testing.T) {
	e := newEnv(t, 0)
	r := ask(t, e.h, "verb=Identify")
	if len(r.Errors) > 0 || r.Identify == nil {
		t.Fatalf("errors %v\n%s", r.errorCodes(), r.Body)
	}
	id := r.Identify
	records, deletedDocs, _ := e.visibleDocs()
	earliest := records[0].UpdatedAt
	if len(deletedDocs) > 0 && deletedDocs[0].UpdatedAt.Before(earliest) {
		earliest = deletedDocs[0].UpdatedAt
	}
	want := map[string]string{
		"repositoryName":    "Test Archive",
		"baseURL":           testBase + "/oai",
		"protocolVersion":   "2.0",
		"adminEmail":        "oai@archive.example.org",
		"earliestDatestamp": earliest.UTC().Format(granularityLayout),
		"deletedRecord":     "persistent",
		"granularity":       "YYYY-MM-DDThh:mm:ssZ",
		"compression":       "gzip",
		"repositoryID":      "archive.example.org",
		"sampleIdentifier":  "oai:archive.example.org:1",
	}
	got := map[string]string{
		"repositoryName": id.RepositoryName, "baseURL": id.BaseURL, "protocolVersion": id.ProtocolVersion,
		"adminEmail": strings.Join(id.AdminEmail, ","), "earliestDatestamp": id.EarliestDatestamp,
		"deletedRecord": id.DeletedRecord, "granularity": id.Granularity, "compression": strings.Join(id.Compression, ","),
		"repositoryID": id.RepositoryID, "sampleIdentifier": id.SampleIdentifier,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if r.Request.attr("verb") != "Identify" || r.Request.URL != testBase+"/oai" {
		t.Errorf("request element %+v", r.Request)
	}
	if _, err := time.Parse(granularityLayout, r.ResponseDate); err != nil {
		t.Errorf("responseDate %q: %v", r.ResponseDate, err)
	}
}

// TestIdentify_EmptyArchive: earliestDatestamp is still a datestamp, and
// with no sets ListSets says so.
func TestIdentify_EmptyArchive(t *testing.T) {
	e := &env{t: t, db: emptyStore(t)}
	h := e.handler(Options{AdminEmail: "", RepositoryName: ""})
	h.opts.AdminEmail = ""
	r := ask(t, h, "verb=Identify")
	if r.Identify == nil || r.Identify.EarliestDatestamp == "" {
		t.Fatalf("%s", r.Body)
	}
	if got := r.Identify.AdminEmail; len(got) != 1 || got[0] != "webmaster@archive.example.org" {
		t.Errorf("adminEmail %v", got)
	}
	if got := ask(t, h, "verb=ListRecords&metadataPrefix=oai_dc").errorCodes(); !slices.Equal(got, []string{noRecordsMatch}) {
		t.Errorf("ListRecords on an empty archive: %v", got)
	}
}

func TestListMetadataFormats(t *testing.T) {
	e := newEnv(t, 0)
	check := func(r *oaiResponse) {
		t.Helper()
		if r.ListMetadataFormats == nil {
			t.Fatalf("%s", r.Body)
		}
		var prefixes []string
		for _, f := range r.ListMetadataFormats.Formats {
			prefixes = append(prefixes, f.Prefix+" "+f.Schema+" "+f.Namespace)
		}
		want := []string{
			"oai_dc http://www.openarchives.org/OAI/2.0/oai_dc.xsd http://www.openarchives.org/OAI/2.0/oai_dc/",
			"recto " + testBase + "/oai/recto.xsd " + Namespace,
		}
		if !slices.Equal(prefixes, want) {
			t.Errorf("formats %q, want %q", prefixes, want)
		}
	}
	check(ask(t, e.h, "verb=ListMetadataFormats"))
	r := ask(t, e.h, q("verb", "ListMetadataFormats", "identifier", oaiID(e.ref.Document.ID)))
	check(r)
	if r.Request.attr("identifier") != oaiID(e.ref.Document.ID) {
		t.Errorf("request element %+v", r.Request)
	}
}

func TestListSets(t *testing.T) {
	e := newEnv(t, 0)
	r := ask(t, e.h, "verb=ListSets")
	if r.ListSets == nil {
		t.Fatalf("%s", r.Body)
	}
	specs := map[string]string{}
	var order []string
	for _, s := range r.ListSets.Sets {
		specs[s.Spec] = s.Name
		order = append(order, s.Spec)
	}
	parent := "collection:" + strconv.FormatInt(e.ref.Collection.ID, 10)
	child := parent + ":" + strconv.FormatInt(e.ref.Child.ID, 10)
	garf := "repository:" + strconv.FormatInt(e.ref.GARF.ID, 10)
	for spec, name := range map[string]string{parent: e.ref.Collection.Title, child: e.ref.Child.Title,
		garf: "State Archive of the Russian Federation (GARF)"} {
		if specs[spec] != name {
			t.Errorf("set %s named %q, want %q (sets %q)", spec, specs[spec], name, order)
		}
	}
	if i, j := slices.Index(order, parent), slices.Index(order, child); i < 0 || j != i+1 {
		t.Errorf("child set not right after its parent: %q", order)
	}
	// Every collection is a set; every repository with published documents too.
	colls, err := e.db.FindCollections(e.ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	repos, err := e.db.FindRepositories(e.ctx, recto.RepositoryFilter{Visible: recto.Public})
	if err != nil {
		t.Fatal(err)
	}
	if len(order) != len(colls)+len(repos) {
		t.Errorf("%d sets, want %d collections and %d repositories", len(order), len(colls), len(repos))
	}
	for _, s := range r.ListSets.Sets {
		if s.Spec == parent && s.Description != e.ref.Collection.Description {
			t.Errorf("setDescription %q", s.Description)
		}
	}
	if r.ListSets.Token != nil {
		t.Errorf("ListSets gave a resumptionToken")
	}
}

func TestGetRecord_DublinCore(t *testing.T) {
	e := newEnv(t, 0)
	ref := e.ref
	r := ask(t, e.h, q("verb", "GetRecord", "identifier", oaiID(ref.Document.ID), "metadataPrefix", "oai_dc"))
	if r.GetRecord == nil {
		t.Fatalf("%s", r.Body)
	}
	rec := r.GetRecord.Record
	if rec.Header.Identifier != oaiID(ref.Document.ID) || rec.Header.Status != "" {
		t.Errorf("header %+v", rec.Header)
	}
	stored, err := e.db.FindDocumentByID(e.ctx, ref.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := stored.UpdatedAt.UTC().Format(granularityLayout); rec.Header.Datestamp != want {
		t.Errorf("datestamp %s, want %s", rec.Header.Datestamp, want)
	}
	c := func(id int64) string { return strconv.FormatInt(id, 10) }
	wantSets := []string{"collection:" + c(ref.Collection.ID), "collection:" + c(ref.Collection.ID) + ":" + c(ref.Child.ID),
		"repository:" + c(ref.GARF.ID)}
	if !slices.Equal(rec.Header.SetSpecs, wantSets) {
		t.Errorf("setSpecs %q, want %q", rec.Header.SetSpecs, wantSets)
	}
	dc := rec.Metadata.DC
	if dc == nil {
		t.Fatalf("no oai_dc: %s", r.Body)
	}
	url := func(id int64) string { return testBase + "/documents/" + c(id) }
	checks := []struct {
		name      string
		got, want []string
	}{
		{"title", dc.Title, []string{"Letter from Alihan Tore to Commander-in-Chief Marshal Stalin"}},
		{"creator", dc.Creator, []string{"Alihan Tore"}},
		{"subject", dc.Subject, []string{"China--Foreign relations--Soviet Union", "Petr Andreyevich"}},
		{"description", dc.Description, []string{ref.Document.Summary}},
		{"publisher", dc.Publisher, []string{"Test Archive"}},
		{"contributor", dc.Contributor, []string{"Stalin", "Jamil Hasanli", "Gary Goldberg"}},
		{"date", dc.Date, []string{"1945-04-22"}},
		{"type", dc.Type, []string{"Text", "letter"}},
		{"identifier", dc.Identifier, []string{url(ref.Document.ID)}},
		{"source", dc.Source, []string{"GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359"}},
		{"language", dc.Language, []string{"ru", "en"}},
		// The draft the letter links to is left out.
		{"relation", dc.Relation, []string{url(ref.Enclosure.ID), url(ref.Related.ID)}},
		{"coverage", dc.Coverage, []string{"Ghulja", "Moscow"}},
		{"rights", dc.Rights, []string{ref.Document.Rights.Statement, ref.Document.Rights.URI}},
	}
	for _, ch := range checks {
		if !slices.Equal(ch.got, ch.want) {
			t.Errorf("dc:%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	// The enclosure points back at the letter.
	r = ask(t, e.h, q("verb", "GetRecord", "identifier", oaiID(ref.Enclosure.ID), "metadataPrefix", "oai_dc"))
	if got := r.GetRecord.Record.Metadata.DC.Relation; !slices.Equal(got, []string{url(ref.Document.ID)}) {
		t.Errorf("enclosure's dc:relation %q", got)
	}
}

func TestGetRecord_Native(t *testing.T) {
	e := newEnv(t, 0)
	ref := e.ref
	r := ask(t, e.h, q("verb", "GetRecord", "identifier", oaiID(ref.Document.ID), "metadataPrefix", "recto"))
	if r.GetRecord == nil || r.GetRecord.Record.Metadata == nil || r.GetRecord.Record.Metadata.Native == nil {
		t.Fatalf("%s", r.Body)
	}
	d := r.GetRecord.Record.Metadata.Native
	stored, err := e.db.FindDocumentByID(e.ctx, ref.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != ref.Document.ID || d.URL != testBase+"/documents/"+strconv.FormatInt(ref.Document.ID, 10) || d.Title != stored.Title {
		t.Errorf("id %d url %s title %q", d.ID, d.URL, d.Title)
	}
	if d.Date.EDTF != "1945-04-22" || d.Date.Display != "April 22, 1945" || d.Date.Earliest != "1945-04-22" || d.Date.Latest != "1945-04-22" {
		t.Errorf("date %+v", d.Date)
	}
	for _, want := range []string{"<formerPath>/document/119185</formerPath><formerPath>/document/letter-from-alihan-tore-to-stalin</formerPath><formerPath>/node/4521</formerPath>",
		"<originalUploaded>2011-11-02T09:30:00Z</originalUploaded>", "<originalCreated>2011-10-28T16:05:00Z</originalCreated>"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the record lacks %s", want)
		}
	}
	if len(d.Texts) != 2 || d.Texts[1].Kind != "translation" || d.Texts[1].Lang != "en" || d.Texts[1].TranslatedFrom != "ru" ||
		d.Texts[1].Method != "human" || d.Texts[1].Body != stored.Texts[1].Body || d.Texts[0].Body != stored.Texts[0].Body {
		t.Errorf("texts %+v", d.Texts)
	} else if cr := d.Texts[1].Credits; len(cr) != 1 || cr[0].Role != "translator" || cr[0].Marc != "trl" ||
		cr[0].Agent.Name != "Gary Goldberg" || cr[0].Agent.ID != ref.Translator.ID {
		t.Errorf("translation credits %+v", cr)
	}
	if len(d.Sources) != 1 || d.Sources[0].Repository.ShortName != "GARF" || d.Sources[0].Repository.ID != ref.GARF.ID ||
		len(d.Sources[0].Parts) != 4 || d.Sources[0].Parts[0].Type != "fond" || d.Sources[0].Parts[0].Label != "Fond" ||
		d.Sources[0].Parts[0].Value != "R-9401ss" || d.Sources[0].Parts[3].Value != "352-359" ||
		d.Sources[0].Reference != "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359" || d.Sources[0].Note != "Original in Russian." {
		t.Errorf("sources %+v", d.Sources)
	}
	var roles []string
	for _, c := range d.Credits {
		roles = append(roles, c.Role+":"+c.Agent.Name+":"+c.Agent.Kind)
	}
	wantRoles := []string{"author:Alihan Tore:person", "recipient:Stalin:person", "obtained-by:Jamil Hasanli:person",
		"associated:Petr Andreyevich:person", "funder:MacArthur Foundation:organisation"}
	if !slices.Equal(roles, wantRoles) {
		t.Errorf("credits %q, want %q", roles, wantRoles)
	}
	if len(d.Places) != 2 || d.Places[0].ID != ref.Yining.ID || d.Places[0].Parent != ref.Xinjiang.ID || d.Places[0].Label != "Ghulja" {
		t.Errorf("places %+v", d.Places)
	}
	if len(d.Subjects) != 1 || d.Subjects[0].Label != "China--Foreign relations--Soviet Union" {
		t.Errorf("subjects %+v", d.Subjects)
	}
	c := func(id int64) string { return strconv.FormatInt(id, 10) }
	if len(d.Collections) != 2 || d.Collections[1].ID != ref.Child.ID || d.Collections[1].Parent != ref.Collection.ID ||
		d.Collections[1].SetSpec != "collection:"+c(ref.Collection.ID)+":"+c(ref.Child.ID) || d.Collections[1].Label != ref.Child.Title {
		t.Errorf("collections %+v", d.Collections)
	}
	if d.Class.Level != "Top Secret" || d.Rights.URI != ref.Document.Rights.URI || d.Rights.Statement != ref.Document.Rights.Statement {
		t.Errorf("classification %+v rights %+v", d.Class, d.Rights)
	}
	if len(d.Media) != 1 || d.Media[0].URL != testBase+"/media/fixture-1.jpg" {
		t.Errorf("media %+v", d.Media)
	}
	var rels []string
	for _, rel := range d.Relations {
		rels = append(rels, rel.Kind+":"+rel.Direction+":"+c(rel.ID)+":"+rel.Title)
	}
	wantRels := []string{"enclosure:outgoing:" + c(ref.Enclosure.ID) + ":" + ref.Enclosure.Title,
		"related:outgoing:" + c(ref.Related.ID) + ":" + ref.Related.Title}
	if !slices.Equal(rels, wantRels) {
		t.Errorf("relations %q, want %q", rels, wantRels)
	}
	if d.Status != "published" || d.Updated != stored.UpdatedAt.UTC().Format("2006-01-02T15:04:05.999999Z") ||
		d.Created == "" || d.Published == "" {
		t.Errorf("status %s stamps %s %s %s", d.Status, d.Created, d.Updated, d.Published)
	}
}

// TestDraftsNeverLeak harvests everything every way and asks for the
// never-published drafts by identifier: nothing of them may show, not even
// their titles, and no count may include them.
func TestDraftsNeverLeak(t *testing.T) {
	e := newEnv(t, 4)
	records, deletedDocs, hiddenDocs := e.visibleDocs()
	if len(hiddenDocs) < 2 {
		t.Fatalf("want the fixture's and the sample's drafts, have %d hidden documents", len(hiddenDocs))
	}
	var bodies []string
	for _, verb := range []string{"ListRecords", "ListIdentifiers"} {
		for _, prefix := range []string{"oai_dc", "recto"} {
			got, pages := harvest(t, e.h, verb, "metadataPrefix", prefix)
			if len(got) != len(records)+len(deletedDocs) {
				t.Errorf("%s %s: %d items, want %d records and %d deleted", verb, prefix, len(got), len(records), len(deletedDocs))
			}
			if size := pages[0].tokenOf(); size == nil || size.CompleteListSize != strconv.Itoa(len(records)+len(deletedDocs)) {
				t.Errorf("%s %s: completeListSize %+v, want %d", verb, prefix, size, len(records)+len(deletedDocs))
			}
			for _, p := range pages {
				bodies = append(bodies, p.Body)
			}
		}
	}
	bodies = append(bodies, get(t, e.h, "verb=ListSets"), get(t, e.h, "verb=Identify"))
	for _, d := range hiddenDocs {
		full, err := e.db.FindDocumentByID(e.ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bodies {
			if strings.Contains(b, ">"+oaiID(d.ID)+"<") || strings.Contains(b, full.Title) ||
				strings.Contains(b, "/documents/"+strconv.FormatInt(d.ID, 10)+"<") ||
				strings.Contains(b, `id="`+strconv.FormatInt(d.ID, 10)+`" url=`) {
				t.Errorf("draft %d (%q) shows in a response", d.ID, full.Title)
				break
			}
		}
		for _, query := range []string{
			q("verb", "GetRecord", "identifier", oaiID(d.ID), "metadataPrefix", "oai_dc"),
			q("verb", "GetRecord", "identifier", oaiID(d.ID), "metadataPrefix", "recto"),
			q("verb", "ListMetadataFormats", "identifier", oaiID(d.ID)),
		} {
			if got := ask(t, e.h, query).errorCodes(); !slices.Equal(got, []string{idDoesNotExist}) {
				t.Errorf("%s: %v, want idDoesNotExist", query, got)
			}
		}
	}
}

func (r *oaiResponse) tokenOf() *tokenElem {
	switch {
	case r.ListRecords != nil:
		return r.ListRecords.Token
	case r.ListIdentifiers != nil:
		return r.ListIdentifiers.Token
	}
	return nil
}

// TestDeletedRecords: a withdrawn document, and a published one put back to
// draft, are deleted records everywhere; publishing it again brings it back.
func TestDeletedRecords(t *testing.T) {
	e := newEnv(t, 0)
	withdrawn, _, err := e.db.FindDocuments(e.ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusWithdrawn}})
	if err != nil || len(withdrawn) != 1 {
		t.Fatalf("sample's withdrawn document: %v, %d", err, len(withdrawn))
	}
	// Put the related telegram back to draft.
	d, err := e.db.FindDocumentByID(e.ctx, e.ref.Related.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Status = recto.StatusDraft
	d.Title = "Secret draft retitling"
	if err := e.db.UpdateDocument(e.ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*recto.DocumentSummary{withdrawn[0], d.Summarize()} {
		id := oaiID(doc.ID)
		for _, prefix := range []string{"oai_dc", "recto"} {
			r := ask(t, e.h, q("verb", "GetRecord", "identifier", id, "metadataPrefix", prefix))
			if r.GetRecord == nil {
				t.Fatalf("GetRecord %s: %v", id, r.errorCodes())
			}
			rec := r.GetRecord.Record
			if rec.Header.Status != "deleted" || rec.Metadata != nil || len(rec.Header.SetSpecs) > 0 ||
				rec.Header.Datestamp != doc.UpdatedAt.UTC().Format(granularityLayout) {
				t.Errorf("GetRecord %s %s: %+v, metadata %v", id, prefix, rec.Header, rec.Metadata != nil)
			}
		}
		if got := ask(t, e.h, q("verb", "ListMetadataFormats", "identifier", id)).errorCodes(); !slices.Equal(got, []string{noMetadataFormats}) {
			t.Errorf("ListMetadataFormats %s: %v", id, got)
		}
		for _, verb := range []string{"ListRecords", "ListIdentifiers"} {
			got, pages := harvest(t, e.h, verb, "metadataPrefix", "oai_dc")
			found := 0
			for _, rec := range got {
				if rec.Header.Identifier == id {
					found++
					if rec.Header.Status != "deleted" || rec.Metadata != nil {
						t.Errorf("%s: %s not deleted", verb, id)
					}
				}
			}
			if found != 1 {
				t.Errorf("%s: %s listed %d times", verb, id, found)
			}
			for _, p := range pages {
				if strings.Contains(p.Body, "Secret draft retitling") {
					t.Errorf("%s shows the draft's new title", verb)
				}
			}
		}
	}
	// The letter no longer links to the telegram.
	r := ask(t, e.h, q("verb", "GetRecord", "identifier", oaiID(e.ref.Document.ID), "metadataPrefix", "oai_dc"))
	if rel := r.GetRecord.Record.Metadata.DC.Relation; len(rel) != 1 {
		t.Errorf("letter's relations %q", rel)
	}
	// Published again: a record again.
	d.Status = recto.StatusPublished
	if err := e.db.UpdateDocument(e.ctx, d); err != nil {
		t.Fatal(err)
	}
	r = ask(t, e.h, q("verb", "GetRecord", "identifier", oaiID(d.ID), "metadataPrefix", "oai_dc"))
	if rec := r.GetRecord.Record; rec.Header.Status != "" || rec.Metadata == nil || rec.Metadata.DC.Title[0] != "Secret draft retitling" {
		t.Errorf("republished: %+v", rec.Header)
	}
}

func TestSelectiveHarvest_Sets(t *testing.T) {
	e := newEnv(t, 2)
	ref := e.ref
	c := func(id int64) string { return strconv.FormatInt(id, 10) }
	parent := "collection:" + c(ref.Collection.ID)
	child := parent + ":" + c(ref.Child.ID)
	for _, tc := range []struct {
		set  string
		want []int64
	}{
		{parent, []int64{ref.Enclosure.ID, ref.Related.ID, ref.Document.ID}}, // the subtree
		{child, []int64{ref.Related.ID, ref.Document.ID}},
		{"repository:" + c(ref.GARF.ID), []int64{ref.Document.ID}},
	} {
		for _, verb := range []string{"ListIdentifiers", "ListRecords"} {
			got, pages := harvest(t, e.h, verb, "metadataPrefix", "oai_dc", "set", tc.set)
			var want []string
			for _, id := range tc.want {
				want = append(want, oaiID(id))
			}
			if !slices.Equal(identifiers(got), want) {
				t.Errorf("%s set=%s: %q, want %q", verb, tc.set, identifiers(got), want)
			}
			for _, rec := range got {
				if !slices.Contains(rec.Header.SetSpecs, tc.set) {
					t.Errorf("%s set=%s: %s's header lacks the set: %q", verb, tc.set, rec.Header.Identifier, rec.Header.SetSpecs)
				}
			}
			if pages[0].Request.attr("set") != tc.set {
				t.Errorf("request element %+v", pages[0].Request)
			}
		}
	}
	// A child's spec without its parent, or under another, names no set.
	for _, set := range []string{"collection:" + c(ref.Child.ID), "collection:" + c(ref.Child.ID) + ":" + c(ref.Collection.ID),
		"collection:999", "repository:999", "collection", "foo:bar", "collection:01"} {
		if got := ask(t, e.h, q("verb", "ListRecords", "metadataPrefix", "oai_dc", "set", set)).errorCodes(); !slices.Equal(got, []string{noRecordsMatch}) {
			t.Errorf("set=%s: %v, want noRecordsMatch", set, got)
		}
	}
}

// TestSelectiveHarvest_Dates checks from and until against datestamps, at
// both granularities.
func TestSelectiveHarvest_Dates(t *testing.T) {
	e := newEnv(t, 3)
	records, deletedDocs, _ := e.visibleDocs()
	all := append(slices.Clone(records), deletedDocs...)
	stampOf := func(id int64) time.Time {
		for _, s := range all {
			if s.ID == id {
				return s.UpdatedAt.UTC().Truncate(time.Second)
			}
		}
		t.Fatalf("no document %d", id)
		return time.Time{}
	}
	expect := func(from, until time.Time) []string {
		var ids []string
		slices.SortFunc(all, func(a, b *recto.DocumentSummary) int {
			if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
				return c
			}
			return int(a.ID - b.ID)
		})
		for _, s := range all {
			ds := s.UpdatedAt.UTC().Truncate(time.Second)
			if (from.IsZero() || !ds.Before(from)) && (until.IsZero() || !ds.After(until)) {
				ids = append(ids, oaiID(s.ID))
			}
		}
		return ids
	}
	letter, related := stampOf(e.ref.Document.ID), stampOf(e.ref.Related.ID)
	f := func(t time.Time) string { return t.Format(granularityLayout) }
	for _, tc := range []struct {
		args        []string
		from, until time.Time
	}{
		{[]string{"from", f(letter)}, letter, time.Time{}},
		{[]string{"until", f(related)}, time.Time{}, related},
		{[]string{"from", f(related), "until", f(letter)}, related, letter},
		{[]string{"from", f(letter), "until", f(letter)}, letter, letter},
		{[]string{"from", letter.Format(dayLayout), "until", letter.Format(dayLayout)}, time.Time{}, time.Time{}},
	} {
		args := append([]string{"metadataPrefix", "oai_dc"}, tc.args...)
		got, pages := harvest(t, e.h, "ListIdentifiers", args...)
		if want := expect(tc.from, tc.until); !slices.Equal(identifiers(got), want) || len(want) == 0 {
			t.Errorf("%q: %q, want %q", tc.args, identifiers(got), want)
		}
		if pages[0].Request.attr(tc.args[0]) != tc.args[1] {
			t.Errorf("%q: request element %+v", tc.args, pages[0].Request)
		}
	}
	for _, args := range [][]string{
		{"from", "2999-01-01"},
		{"until", "2000-01-01T00:00:00Z"},
		{"until", f(stampOf(e.ref.Enclosure.ID).Add(-time.Second))},
	} {
		if got := ask(t, e.h, q(append([]string{"verb", "ListRecords", "metadataPrefix", "oai_dc"}, args...)...)).errorCodes(); !slices.Equal(got, []string{noRecordsMatch}) {
			t.Errorf("%q: %v, want noRecordsMatch", args, got)
		}
	}
}

// TestResumption pages through every list with a small page and checks the
// tokens' attributes, and that a token asked for twice gives the same page.
func TestResumption(t *testing.T) {
	e := newEnv(t, 4)
	records, deletedDocs, _ := e.visibleDocs()
	n := len(records) + len(deletedDocs)
	big := e.handler(Options{PageSize: 1000})
	for _, verb := range []string{"ListIdentifiers", "ListRecords"} {
		whole, wholePages := harvest(t, big, verb, "metadataPrefix", "oai_dc")
		if len(wholePages) != 1 || wholePages[0].tokenOf() != nil {
			t.Errorf("%s in one page: %d pages", verb, len(wholePages))
		}
		got, pages := harvest(t, e.h, verb, "metadataPrefix", "oai_dc")
		if !slices.Equal(identifiers(got), identifiers(whole)) {
			t.Errorf("%s in pages of 4:\n%q\nin one page:\n%q", verb, identifiers(got), identifiers(whole))
		}
		if len(pages) != (n+3)/4 {
			t.Errorf("%s: %d pages for %d items", verb, len(pages), n)
		}
		for i, p := range pages {
			tok := p.tokenOf()
			if tok == nil {
				t.Fatalf("%s page %d: no resumptionToken", verb, i)
			}
			if tok.Cursor != strconv.Itoa(4*i) || tok.CompleteListSize != strconv.Itoa(n) {
				t.Errorf("%s page %d: cursor %s completeListSize %s", verb, i, tok.Cursor, tok.CompleteListSize)
			}
			if last := i == len(pages)-1; last != (tok.Value == "") {
				t.Errorf("%s page %d of %d: token %q", verb, i, len(pages), tok.Value)
			}
			if i > 0 && p.Request.attr("resumptionToken") == "" || p.Request.attr("metadataPrefix") != "" && i > 0 {
				t.Errorf("%s page %d: request element %+v", verb, i, p.Request)
			}
		}
		// Idempotent: the second page again.
		tok := pages[0].tokenOf().Value
		again := ask(t, e.h, q("verb", verb, "resumptionToken", tok))
		once := ask(t, e.h, q("verb", verb, "resumptionToken", tok))
		if again.tokenOf().Value != once.tokenOf().Value || again.tokenOf().Value != pages[1].tokenOf().Value {
			t.Errorf("%s: the same token gave different pages", verb)
		}
		// The token is bound to its verb.
		other := map[string]string{"ListIdentifiers": "ListRecords", "ListRecords": "ListIdentifiers"}[verb]
		if got := ask(t, e.h, q("verb", other, "resumptionToken", tok)).errorCodes(); !slices.Equal(got, []string{badResumptionToken}) {
			t.Errorf("%s token with %s: %v", verb, other, got)
		}
	}
	// A native harvest pages the same way.
	got, _ := harvest(t, e.h, "ListRecords", "metadataPrefix", "recto")
	if len(got) != n {
		t.Errorf("recto harvest: %d records, want %d", len(got), n)
	}
	for _, rec := range got {
		if rec.Header.Status == "" && (rec.Metadata == nil || rec.Metadata.Native == nil) {
			t.Errorf("%s: no native metadata", rec.Header.Identifier)
		}
	}
}

// TestResumption_ConcurrentEdits edits and adds documents in the middle of a
// harvest: no item of the harvest's window is repeated or skipped, and the
// changed ones come with the next harvest from the first one's start.
func TestResumption_ConcurrentEdits(t *testing.T) {
	for _, verb := range []string{"ListRecords", "ListIdentifiers"} {
		t.Run(verb, func(t *testing.T) {
			e := newEnv(t, 4)
			before, _ := harvest(t, e.handler(Options{PageSize: 1000}), verb, "metadataPrefix", "oai_dc")
			if len(before) < 12 {
				t.Fatalf("only %d items", len(before))
			}
			first := ask(t, e.h, q("verb", verb, "metadataPrefix", "oai_dc"))
			page1 := first.items()
			started := first.ResponseDate
			harvested := parseID(t, page1[0].Header.Identifier)
			notYet := parseID(t, before[len(before)-2].Header.Identifier)
			if slices.Contains(identifiers(page1), oaiID(notYet)) {
				t.Fatal("the document to edit is already harvested")
			}
			for _, id := range []int64{harvested, notYet} {
				d, err := e.db.FindDocumentByID(e.ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				d.Title += " (edited)"
				if err := e.db.UpdateDocument(e.ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			added := &recto.Document{Title: "Added during the harvest", Status: recto.StatusPublished}
			if err := e.db.CreateDocument(e.ctx, added); err != nil {
				t.Fatal(err)
			}
			got := slices.Clone(page1)
			tok := first.tokenOf().Value
			for tok != "" {
				r := ask(t, e.h, q("verb", verb, "resumptionToken", tok))
				if len(r.Errors) > 0 {
					t.Fatalf("%v\n%s", r.errorCodes(), r.Body)
				}
				got = append(got, r.items()...)
				tok = r.tokenOf().Value
			}
			// Expected: the window as it was, less the document that left
			// it before its turn.
			var want []string
			for _, id := range identifiers(before) {
				if id != oaiID(notYet) {
					want = append(want, id)
				}
			}
			if !slices.Equal(identifiers(got), want) {
				t.Errorf("harvest during edits:\n%q\nwant\n%q", identifiers(got), want)
			}
			for _, rec := range got {
				if verb == "ListRecords" && rec.Header.Identifier == oaiID(harvested) && strings.HasSuffix(rec.Metadata.DC.Title[0], "(edited)") {
					t.Errorf("edited version within the harvest")
				}
			}
			// The next harvest, from the first one's start, has all three.
			next, _ := harvest(t, e.h, verb, "metadataPrefix", "oai_dc", "from", started)
			ids := identifiers(next)
			for _, id := range []int64{harvested, notYet, added.ID} {
				if !slices.Contains(ids, oaiID(id)) {
					t.Errorf("follow-up harvest from %s lacks %d: %q", started, id, ids)
				}
			}
			if verb == "ListRecords" {
				for _, rec := range next {
					if id := rec.Header.Identifier; (id == oaiID(harvested) || id == oaiID(notYet)) && !strings.HasSuffix(rec.Metadata.DC.Title[0], "(edited)") {
						t.Errorf("follow-up harvest has the old %s", id)
					}
				}
			}
			// Together, the two harvests cover the archive as it is now.
			union := map[string]bool{}
			for _, id := range append(identifiers(got), ids...) {
				union[id] = true
			}
			now, _ := harvest(t, e.h, verb, "metadataPrefix", "oai_dc")
			for _, id := range identifiers(now) {
				if !union[id] {
					t.Errorf("%s missed by both harvests", id)
				}
			}
		})
	}
}

func (r *oaiResponse) items() []recordElem {
	if r.ListRecords != nil {
		return r.ListRecords.Records
	}
	var out []recordElem
	if r.ListIdentifiers != nil {
		for _, h := range r.ListIdentifiers.Headers {
			out = append(out, recordElem{Header: h})
		}
	}
	return out
}

func parseID(t testing.TB, identifier string) int64 {
	t.Helper()
	i := strings.LastIndexByte(identifier, ':')
	id, err := strconv.ParseInt(identifier[i+1:], 10, 64)
	if err != nil {
		t.Fatalf("identifier %q", identifier)
	}
	return id
}

// TestErrors asks for every error condition of the protocol.
func TestErrors(t *testing.T) {
	e := newEnv(t, 4)
	first := ask(t, e.h, "verb=ListRecords&metadataPrefix=oai_dc")
	tok := first.tokenOf().Value
	flipped := []byte(tok)
	flipped[len(flipped)/2] ^= 1
	if flipped[len(flipped)/2] == '_' || flipped[len(flipped)/2] == '-' {
		flipped[len(flipped)/2] = 'A'
	}
	letter := oaiID(e.ref.Document.ID)
	withdrawn, _, _ := e.db.FindDocuments(e.ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusWithdrawn}})
	for _, tc := range []struct {
		name, query string
		codes       []string
	}{
		{"no verb", "", []string{badVerb}},
		{"no verb, other argument", "metadataPrefix=oai_dc", []string{badVerb}},
		{"unknown verb", "verb=Explain", []string{badVerb}},
		{"verb in lower case", "verb=identify", []string{badVerb}},
		{"repeated verb", "verb=Identify&verb=Identify", []string{badVerb}},
		{"two verbs", "verb=Identify&verb=ListSets", []string{badVerb}},
		{"Identify with an argument", "verb=Identify&set=a", []string{badArgument}},
		{"illegal argument", "verb=ListRecords&metadataPrefix=oai_dc&foo=bar", []string{badArgument}},
		{"missing metadataPrefix", "verb=ListRecords", []string{badArgument}},
		{"ListIdentifiers missing metadataPrefix", "verb=ListIdentifiers&from=2020-01-01", []string{badArgument}},
		{"GetRecord missing identifier", "verb=GetRecord&metadataPrefix=oai_dc", []string{badArgument}},
		{"GetRecord missing metadataPrefix", q("verb", "GetRecord", "identifier", letter), []string{badArgument}},
		{"repeated argument", "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=recto", []string{badArgument}},
		{"empty argument", "verb=ListRecords&metadataPrefix=", []string{badArgument}},
		{"malformed from", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-1-1", []string{badArgument}},
		{"from with fractions", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.5Z", []string{badArgument}},
		{"from without Z", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00", []string{badArgument}},
		{"impossible date", "verb=ListRecords&metadataPrefix=oai_dc&until=2020-02-30", []string{badArgument}},
		{"mixed granularities", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-02-01T00:00:00Z", []string{badArgument}},
		{"from after until", "verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-01&until=2020-01-01", []string{badArgument}},
		{"from after until, seconds", "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-01-01T10:00:01Z&until=2020-01-01T10:00:00Z", []string{badArgument}},
		{"set not a setSpec", q("verb", "ListRecords", "metadataPrefix", "oai_dc", "set", "a b"), []string{badArgument}},
		{"prefix not well-formed", q("verb", "ListRecords", "metadataPrefix", "oai dc"), []string{badArgument}},
		{"identifier not a URI", q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", "not a uri"), []string{badArgument}},
		{"token with other arguments", q("verb", "ListRecords", "metadataPrefix", "oai_dc", "resumptionToken", tok), []string{badArgument}},
		{"token with GetRecord", q("verb", "GetRecord", "resumptionToken", tok), []string{badArgument}},
		{"malformed query", "verb=Identify&x=%zz", []string{badArgument}},
		{"tampered token", q("verb", "ListRecords", "resumptionToken", string(flipped)), []string{badResumptionToken}},
		{"truncated token", q("verb", "ListRecords", "resumptionToken", tok[:len(tok)-3]), []string{badResumptionToken}},
		{"garbage token", q("verb", "ListRecords", "resumptionToken", "not-a-token!"), []string{badResumptionToken}},
		{"ListSets token", q("verb", "ListSets", "resumptionToken", tok), []string{badResumptionToken}},
		{"unknown format, ListRecords", "verb=ListRecords&metadataPrefix=marc21", []string{cannotDisseminateFormat}},
		{"unknown format, ListIdentifiers", "verb=ListIdentifiers&metadataPrefix=mods", []string{cannotDisseminateFormat}},
		{"unknown format, GetRecord", q("verb", "GetRecord", "metadataPrefix", "marc21", "identifier", letter), []string{cannotDisseminateFormat}},
		{"unknown format and item", q("verb", "GetRecord", "metadataPrefix", "marc21", "identifier", "oai:archive.example.org:999"), []string{cannotDisseminateFormat, idDoesNotExist}},
		{"unknown item", q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", "oai:archive.example.org:999"), []string{idDoesNotExist}},
		{"other repository's item", q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", "oai:other.example.org:"+strconv.FormatInt(e.ref.Document.ID, 10)), []string{idDoesNotExist}},
		{"non-canonical id", q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", "oai:archive.example.org:0"+strconv.FormatInt(e.ref.Document.ID, 10)), []string{idDoesNotExist}},
		{"draft", q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", oaiID(e.ref.Draft.ID)), []string{idDoesNotExist}},
		{"ListMetadataFormats, unknown item", q("verb", "ListMetadataFormats", "identifier", "oai:archive.example.org:999"), []string{idDoesNotExist}},
		{"ListMetadataFormats, deleted item", q("verb", "ListMetadataFormats", "identifier", oaiID(withdrawn[0].ID)), []string{noMetadataFormats}},
		{"no records in the period", "verb=ListRecords&metadataPrefix=oai_dc&until=1999-01-01", []string{noRecordsMatch}},
		{"no such set", "verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:999", []string{noRecordsMatch}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ask(t, e.h, tc.query)
			if got := r.errorCodes(); !slices.Equal(got, tc.codes) {
				t.Fatalf("?%s: errors %v, want %v\n%s", tc.query, got, tc.codes, r.Body)
			}
			for _, er := range r.Errors {
				if strings.TrimSpace(er.Message) == "" {
					t.Errorf("error %s without a message", er.Code)
				}
			}
			// After badVerb and badArgument the request element has no
			// attributes; otherwise it repeats the (valid) arguments.
			switch code := tc.codes[0]; {
			case code == badVerb || code == badArgument:
				if len(r.Request.Attrs) != 0 {
					t.Errorf("request element has attributes %v", r.Request.Attrs)
				}
			case r.Request.attr("verb") == "":
				t.Errorf("request element lacks the verb: %+v", r.Request)
			}
			if r.Request.URL != testBase+"/oai" {
				t.Errorf("request element %q", r.Request.URL)
			}
		})
	}
}

// TestNoSetHierarchy: an archive with no collections and no repositories
// has no sets.
func TestNoSetHierarchy(t *testing.T) {
	e := &env{t: t, db: emptyStore(t)}
	if err := e.db.CreateDocument(t.Context(), &recto.Document{Title: "Alone", Status: recto.StatusPublished}); err != nil {
		t.Fatal(err)
	}
	h := e.handler(Options{})
	for _, query := range []string{"verb=ListSets", "verb=ListRecords&metadataPrefix=oai_dc&set=collection:1",
		"verb=ListIdentifiers&metadataPrefix=oai_dc&set=repository:1"} {
		if got := ask(t, h, query).errorCodes(); !slices.Equal(got, []string{noSetHierarchy}) {
			t.Errorf("%s: %v, want noSetHierarchy", query, got)
		}
	}
	got, _ := harvest(t, h, "ListRecords", "metadataPrefix", "oai_dc")
	if len(got) != 1 || len(got[0].Header.SetSpecs) != 0 {
		t.Errorf("records %+v", got)
	}
}

func TestPOST(t *testing.T) {
	e := newEnv(t, 4)
	post := func(body, contentType string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/oai", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		return rec
	}
	rec := post("verb=ListIdentifiers&metadataPrefix=oai_dc", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	r := parse(t, rec.Body.String())
	viaGet := ask(t, e.h, "verb=ListIdentifiers&metadataPrefix=oai_dc")
	if !slices.Equal(identifiers(r.items()), identifiers(viaGet.items())) || r.Request.attr("metadataPrefix") != "oai_dc" {
		t.Errorf("POST %q, GET %q", identifiers(r.items()), identifiers(viaGet.items()))
	}
	rec = post(q("verb", "ListIdentifiers", "resumptionToken", r.tokenOf().Value), "application/x-www-form-urlencoded; charset=utf-8")
	if r2 := parse(t, rec.Body.String()); len(r2.items()) == 0 || r2.tokenOf().Cursor != "4" {
		t.Errorf("POST with a token: %s", rec.Body)
	}
	rec = post(q("verb", "GetRecord", "metadataPrefix", "recto", "identifier", oaiID(e.ref.Document.ID)), "application/x-www-form-urlencoded")
	if r3 := parse(t, rec.Body.String()); r3.GetRecord == nil || r3.GetRecord.Record.Metadata.Native == nil {
		t.Errorf("POST GetRecord: %s", rec.Body)
	}
	if rec := post("verb=Identify", "application/json"); rec.Code != http.StatusUnsupportedMediaType {
		t.Errorf("POST as JSON: status %d", rec.Code)
	}
	if rec := post("verb=Identify&"+strings.Repeat("x", 70<<10), "application/x-www-form-urlencoded"); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge POST: status %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest(http.MethodPut, "/oai?verb=Identify", nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
		t.Errorf("PUT: status %d", rec.Code)
	}
}

func TestGzip(t *testing.T) {
	e := newEnv(t, 0)
	req := httptest.NewRequest(http.MethodGet, "/oai?verb=ListRecords&metadataPrefix=oai_dc", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := parse(t, readAll(t, zr))
	if r.ListRecords == nil || len(r.ListRecords.Records) == 0 {
		t.Errorf("%s", r.Body)
	}
	req.Header.Set("Accept-Encoding", "gzip;q=0")
	rec = httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 compressed")
	}
}

// TestIdentifiersFromConfiguration: item identifiers never follow the
// request's Host (which made them change with the name a harvester asked
// by, and let any client choose them): without a base URL they are
// oai:localhost:ID whatever the Host, while URLs follow the request; with
// one, its host; with a repository ID, that.
func TestIdentifiersFromConfiguration(t *testing.T) {
	e := newEnv(t, 0)
	id := strconv.FormatInt(e.ref.Document.ID, 10)
	getRecord := func(h *Handler, host, identifier string) *oaiResponse {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/oai?"+q("verb", "GetRecord", "metadataPrefix", "oai_dc",
			"identifier", identifier), nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		r := parse(t, rec.Body.String())
		if r.GetRecord == nil {
			t.Fatalf("Host %s, %s: %s", host, identifier, rec.Body)
		}
		return r
	}
	bare := New(recto.NewCatalogue(e.db, recto.PublicAudience), Options{Now: e.db.Core().Now})
	for _, host := range []string{"Harvest.Example.net:8443", "localhost:8080", "127.0.0.1"} {
		r := getRecord(bare, host, "oai:localhost:"+id)
		if got := r.GetRecord.Record.Header.Identifier; got != "oai:localhost:"+id {
			t.Errorf("Host %s: identifier %q", host, got)
		}
		if r.Request.URL != "http://"+host+"/oai" || r.GetRecord.Record.Metadata.DC.Identifier[0] != "http://"+host+"/documents/"+id {
			t.Errorf("Host %s: request %q identifier %q", host, r.Request.URL, r.GetRecord.Record.Metadata.DC.Identifier)
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/oai?"+q("verb", "GetRecord", "metadataPrefix", "oai_dc",
		"identifier", "oai:harvest.example.net:"+id), nil)
	req.Host = "harvest.example.net"
	bare.ServeHTTP(rec, req)
	if r := parse(t, rec.Body.String()); len(r.Errors) != 1 || r.Errors[0].Code != idDoesNotExist {
		t.Errorf("an identifier made from the Host was found: %s", rec.Body)
	}
	configured := New(recto.NewCatalogue(e.db, recto.PublicAudience), Options{Now: e.db.Core().Now, BaseURL: "https://Archive.Example.org:8443"})
	if got := getRecord(configured, "elsewhere.example", "oai:archive.example.org:"+id).GetRecord.Record.Header.Identifier; got != "oai:archive.example.org:"+id {
		t.Errorf("with a base URL: %q", got)
	}
	moved := New(recto.NewCatalogue(e.db, recto.PublicAudience), Options{Now: e.db.Core().Now, BaseURL: "https://new.example.org", RepositoryID: "old.example.org"})
	if got := getRecord(moved, "new.example.org", "oai:old.example.org:"+id).GetRecord.Record.Header.Identifier; got != "oai:old.example.org:"+id {
		t.Errorf("with a repository ID: %q", got)
	}
}

// TestDefaultRepositoryName: Identify and every record name the archive
// "Recto" when no name is configured.
func TestDefaultRepositoryName(t *testing.T) {
	e := newEnv(t, 0)
	h := New(recto.NewCatalogue(e.db, recto.PublicAudience), Options{Now: e.db.Core().Now})
	body := get(t, h, q("verb", "GetRecord", "metadataPrefix", "oai_dc", "identifier", "oai:localhost:"+strconv.FormatInt(e.ref.Document.ID, 10)))
	if !strings.Contains(body, "<dc:publisher>Recto</dc:publisher>") {
		t.Errorf("default repository name missing: %s", body)
	}
}

func TestSchemaServed(t *testing.T) {
	h := New(recto.NewCatalogue(nil, recto.PublicAudience), Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, SchemaPath, nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/xml") ||
		rec.Body.String() != string(schemaXSD) || !strings.Contains(rec.Body.String(), `targetNamespace="`+Namespace+`"`) {
		t.Errorf("status %d, %v", rec.Code, rec.Header())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, SchemaPath, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST schema: %d", rec.Code)
	}
}

// TestEscaping: whatever a stored value holds, responses stay well-formed.
func TestEscaping(t *testing.T) {
	e := &env{t: t, db: emptyStore(t)}
	d := &recto.Document{Title: "A <b> & \"q\" 'a' \x01\x0b \r\n\t ok \ufffe", Summary: "]]> </metadata>\x00",
		Status: recto.StatusPublished, Type: "x&y"}
	if err := e.db.CreateDocument(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	h := e.handler(Options{})
	for _, prefix := range []string{"oai_dc", "recto"} {
		r := ask(t, h, "verb=ListRecords&metadataPrefix="+prefix)
		if len(r.items()) != 1 {
			t.Fatalf("%s", r.Body)
		}
		md := r.items()[0].Metadata
		var title string
		if md.DC != nil {
			title = md.DC.Title[0]
		} else {
			title = md.Native.Title
		}
		if want := "A <b> & \"q\" 'a' \ufffd\ufffd \r\n\t ok \ufffd"; title != want {
			t.Errorf("%s: title %q, want %q", prefix, title, want)
		}
	}
}

// emptyStore returns an archive with nothing in it.
func emptyStore(t *testing.T) storetest.Store { return storetest.OpenSQLite(t) }

// failingStore fails every listing with err.
type failingStore struct {
	recto.Store
	err error
}

func (s failingStore) FindDocuments(context.Context, recto.DocumentFilter) ([]*recto.DocumentSummary, int, error) {
	return nil, 0, s.err
}

// TestStoreErrors: a store that fails is a 500 with no detail, or a 503
// with Retry-After when it says to come back later; never an OAI error.
func TestStoreErrors(t *testing.T) {
	db := emptyStore(t)
	for _, tc := range []struct {
		err    error
		status int
	}{
		{errors.New("disk on fire"), http.StatusInternalServerError},
		{recto.Errorf(recto.EUNAVAILABLE, "busy"), http.StatusServiceUnavailable},
	} {
		h := New(recto.NewCatalogue(failingStore{db, tc.err}, recto.PublicAudience), Options{BaseURL: testBase, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/oai?verb=ListRecords&metadataPrefix=oai_dc", nil))
		if rec.Code != tc.status || strings.Contains(rec.Body.String(), "fire") {
			t.Errorf("%v: status %d, %q", tc.err, rec.Code, rec.Body)
		}
		if tc.status == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
			t.Errorf("503 without Retry-After")
		}
	}
}

// A write open when a harvest starts stamps its documents with a time
// inside the harvest's window but shows them only once it commits: the
// harvest waits for it, or, when it lasts, asks to be asked again, rather
// than pass over them for good.
func TestHarvest_WaitsForOpenWrites(t *testing.T) {
	e := newEnv(t, 1000)
	h := e.handler(Options{PageSize: 1000, CommitWait: 50 * time.Millisecond})
	open, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- e.db.Atomically(e.ctx, func(ctx context.Context) error {
			d := &recto.Document{Title: "Written slowly", Status: recto.StatusPublished}
			err := e.db.CreateDocument(ctx, d)
			close(open)
			<-release
			return err
		})
	}()
	<-open
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("harvest during an open write: %d %v, want 503 with Retry-After", rec.Code, rec.Header())
	}
	// GetRecord and the other verbs do not wait.
	if r := ask(t, h, q("verb", "Identify")); len(r.Errors) > 0 {
		t.Errorf("Identify during a write: %v", r.errorCodes())
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, _ := harvest(t, h, "ListRecords", "metadataPrefix", "oai_dc")
	found := false
	for _, r := range got {
		found = found || r.Metadata != nil && r.Metadata.DC != nil && len(r.Metadata.DC.Title) > 0 && r.Metadata.DC.Title[0] == "Written slowly"
	}
	if !found {
		t.Error("the document written during the first attempt is not in the harvest after it")
	}
}
