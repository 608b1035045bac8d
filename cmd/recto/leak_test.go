package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/api"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/slug"
	"github.com/recto-archive/recto/wilson"
)

// The publication rule, tested from outside: an archive holding unpublished
// material (drafts, documents in review, a withdrawn document, a document
// published once and taken back, and the people, places, subjects,
// collections and repositories only they name) must answer every public
// route exactly as the same archive without that material does, but for
// the withdrawn document's notice and OAI-PMH's deleted records; and no
// answer may hold a string or a Record ID of that material.

// leakBase is the public URL both archives are served under.
const leakBase = "https://archive.example.org"

// leakMark is in every string of the unpublished material, and nowhere in
// the published material.
const leakMark = "zyxq"

// Record IDs of the unpublished material: long enough that no count,
// position or hash of the published material has them.
const (
	hiddenDraft     int64 = 7770001
	hiddenInReview  int64 = 7770002
	hiddenWithdrawn int64 = 7770003
	hiddenOnce      int64 = 7770004 // published once, then back to draft
	hiddenPerson    int64 = 8880001
	hiddenOrg       int64 = 8880002
	hiddenTrans     int64 = 8880003
	hiddenRegion    int64 = 8880011
	hiddenTown      int64 = 8880012
	hiddenVillage   int64 = 8880013 // under a published place
	hiddenTopic     int64 = 8880021
	hiddenDetails   int64 = 8880022
	hiddenNarrower  int64 = 8880023 // under a published heading
	hiddenColl      int64 = 8880031
	hiddenSubcoll   int64 = 8880032
	hiddenPending   int64 = 8880033 // under a published collection
	hiddenRepo      int64 = 8880041
)

// withdrawnTitle and withdrawnNote may show on the withdrawn document's own
// notice (410), and only there.
const (
	withdrawnTitle = "Zyxq Withdrawn Cable"
	withdrawnNote  = "Zyxq: withdrawn while its attribution is checked."
)

// leakArchive is one of the two archives: the published material, and in
// one of them the unpublished material too.
type leakArchive struct {
	db      storetest.Store
	ref     *fixture.Reference
	handler http.Handler
	routes  []string
	texts   map[int64][]int64 // text IDs of the unpublished documents
}

// publishedMaterial stores what both archives hold: the reference fixture
// (whose own draft is unpublished material too) and enough published
// documents that every list has a second page.
func publishedMaterial(t *testing.T, db recto.Store) *fixture.Reference {
	t.Helper()
	ctx := context.Background()
	ref, err := fixture.LoadReference(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		d := &recto.Document{Title: fmt.Sprintf("Published Filler %02d", i), Status: recto.StatusPublished,
			Date: edtf.MustParse(fmt.Sprintf("1950-01-%02d", i+1)), Collections: []*recto.Collection{ref.Child},
			Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: ref.Recipient}}, Places: []*recto.Place{ref.Moscow},
			Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Wool and hides, filler " + strconv.Itoa(i) + "."}}}
		if err := db.CreateDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return ref
}

// hiddenNode is the former path /node/{nid} of unpublished document id, a
// node number that is no Record ID.
func hiddenNode(id int64) string { return fmt.Sprintf("/node/%d", id%100+50) }

// unpublishedMaterial adds, after the published material, documents of
// every status but published and the authorities only they name, each with
// leakMark in every string, linked to published documents both ways.
func unpublishedMaterial(t *testing.T, db recto.Store, ref *fixture.Reference) map[int64][]int64 {
	t.Helper()
	ctx := context.Background()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	person := &recto.Agent{ID: hiddenPerson, Kind: recto.Person, Name: "Zyxq Hidden Person",
		Variants: []recto.Name{{Name: "Zyxqvariant"}}, Bio: "Zyxq biography."}
	org := &recto.Agent{ID: hiddenOrg, Kind: recto.Organisation, Name: "Zyxq Hidden Foundation"}
	translator := &recto.Agent{ID: hiddenTrans, Kind: recto.Person, Name: "Zyxq Hidden Translator"}
	for _, a := range []*recto.Agent{person, org, translator} {
		check(db.CreateAgent(ctx, a))
	}
	region := &recto.Place{ID: hiddenRegion, Name: "Zyxq Region", Variants: []recto.Name{{Name: "Zyxqland"}}}
	check(db.CreatePlace(ctx, region))
	town := &recto.Place{ID: hiddenTown, Name: "Zyxq Town", ParentID: hiddenRegion}
	village := &recto.Place{ID: hiddenVillage, Name: "Zyxq Village", ParentID: ref.Yining.ID}
	check(db.CreatePlace(ctx, town))
	check(db.CreatePlace(ctx, village))
	topic := &recto.Subject{ID: hiddenTopic, Heading: "Zyxq Matters"}
	check(db.CreateSubject(ctx, topic))
	details := &recto.Subject{ID: hiddenDetails, Heading: "Zyxq Matters--Zyxq Details", ParentID: hiddenTopic}
	narrower := &recto.Subject{ID: hiddenNarrower, Heading: ref.Subject.Heading + "--Zyxq Narrower", ParentID: ref.Subject.ID}
	check(db.CreateSubject(ctx, details))
	check(db.CreateSubject(ctx, narrower))
	coll := &recto.Collection{ID: hiddenColl, Title: "Zyxq Collection", Description: "Zyxq holdings."}
	check(db.CreateCollection(ctx, coll))
	sub := &recto.Collection{ID: hiddenSubcoll, Title: "Zyxq Subcollection", ParentID: hiddenColl}
	pending := &recto.Collection{ID: hiddenPending, Title: "Zyxq Pending Acquisitions", ParentID: ref.Collection.ID}
	check(db.CreateCollection(ctx, sub))
	check(db.CreateCollection(ctx, pending))
	repo := &recto.Repository{ID: hiddenRepo, ShortName: "ZYXQ", Name: "Zyxq State Archive", Place: region,
		CitationNote: "Zyxq citation note."}
	check(db.CreateRepository(ctx, repo))

	doc := func(id int64, title string, status recto.Status, date string, rel recto.Relation) *recto.Document {
		return &recto.Document{ID: id, Title: title, Summary: title + " summary.", Type: "zyxqtype",
			Date: edtf.MustParse(date), Languages: []string{"sq"}, Status: status,
			Texts: []recto.Text{
				{Kind: recto.Transcript, Lang: "sq", Body: title + " transcript, zyxq words."},
				{Kind: recto.Translation, Lang: "en", Body: title + " translation, zyxq words.",
					Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: translator}}},
			},
			WrittenAt: "Zyxq Town", Signature: "Zyxq signature",
			Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: person}, {Role: recto.RoleFunder, Agent: org},
				{Role: recto.RoleRecipient, Agent: ref.Recipient}},
			Places:      []*recto.Place{town, village, ref.Moscow},
			Subjects:    []*recto.Subject{details, narrower},
			Collections: []*recto.Collection{sub, pending},
			Sources: []recto.Source{{Repository: repo, Note: "Zyxq source note.",
				Parts: []recto.RefPart{{Type: "fond", Label: "Fond", Value: "Zyxq-1"}}}},
			Classification: recto.Classification{Level: "Zyxq Secret"},
			Media:          []recto.Media{{URL: "https://example.org/zyxq.jpg", MediaType: "image/jpeg", Label: "Zyxq page"}},
			Relations:      []recto.Relation{rel},
			FormerPaths:    []string{hiddenNode(id), "/document/" + slug.Make(title)},
		}
	}
	docs := []*recto.Document{
		doc(hiddenDraft, "Zyxq Draft Memorandum", recto.StatusDraft, "1899-03-04",
			recto.Relation{Kind: recto.Enclosure, Document: ref.Document.Summarize()}),
		doc(hiddenInReview, "Zyxq Review Telegram", recto.StatusInReview, "1899-05",
			recto.Relation{Kind: recto.Related, Document: ref.Related.Summarize()}),
		doc(hiddenWithdrawn, withdrawnTitle, recto.StatusPublished, "1898",
			recto.Relation{Kind: recto.Related, Document: ref.Document.Summarize()}),
		doc(hiddenOnce, "Zyxq Once Published Report", recto.StatusPublished, "1897-02-03",
			recto.Relation{Kind: recto.Enclosure, Document: ref.Enclosure.Summarize()}),
	}
	docs[2].Collections = []*recto.Collection{coll}
	texts := map[int64][]int64{}
	for _, d := range docs {
		check(db.CreateDocument(ctx, d))
		for _, tx := range d.Texts {
			texts[d.ID] = append(texts[d.ID], tx.ID)
		}
	}
	// Taken back after their publication: the one withdrawn, the other
	// returned to draft.
	docs[2].Status, docs[2].WithdrawnNote = recto.StatusWithdrawn, withdrawnNote
	docs[3].Status = recto.StatusDraft
	check(db.UpdateDocument(ctx, docs[2]))
	check(db.UpdateDocument(ctx, docs[3]))
	return texts
}

// openLeakArchive builds an archive on backend b, with the unpublished
// material when hidden is true, and serves it as recto serve does.
func openLeakArchive(t *testing.T, b storetest.Backend, hidden bool) *leakArchive {
	t.Helper()
	a := &leakArchive{db: b.Open(t)}
	a.ref = publishedMaterial(t, a.db)
	if hidden {
		a.texts = unpublishedMaterial(t, a.db, a.ref)
	}
	logger := slog.New(slog.DiscardHandler)
	engine := search.New(a.db, logger)
	t.Cleanup(func() { engine.Close() })
	if err := engine.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := newServeCommand(func(string) string { return "" }, io.Discard)
	if err := c.parseFlags([]string{"--base-url", leakBase, "--download-dir", t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	srv, err := c.site(context.Background(), a.db, engine, logger)
	if err != nil {
		t.Fatal(err)
	}
	a.handler, a.routes = srv.Handler(), srv.Routes()
	return a
}

// answer is a response to compare.
type answer struct {
	status int
	body   string
}

// get answers target. OAI-PMH answers 503 while any write to the database
// is open, which on a PostgreSQL database shared with other tests may be
// theirs: like a harvester, get asks again.
func (a *leakArchive) get(t *testing.T, target string) answer {
	t.Helper()
	for try := 0; ; try++ {
		r := httptest.NewRequest(http.MethodGet, target, nil)
		r.Host = "archive.example.org"
		w := httptest.NewRecorder()
		a.handler.ServeHTTP(w, r)
		if w.Code != http.StatusServiceUnavailable || !strings.HasPrefix(target, "/oai") || try == 100 {
			return answer{w.Code, w.Body.String()}
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// probes are the requests made of every route, by the pattern of the
// route. Each pattern of the site and of every protocol mounted on it must
// be here: a new route fails the test until it is.
func (a *leakArchive) probes() map[string][]string {
	ref := a.ref
	ids := func(format string, list ...int64) []string {
		out := make([]string, len(list))
		for i, id := range list {
			out[i] = fmt.Sprintf(format, id)
		}
		return out
	}
	unpublished := []int64{hiddenDraft, hiddenInReview, hiddenWithdrawn, hiddenOnce, ref.Draft.ID, 987654}
	docs := append([]int64{ref.Document.ID, ref.Enclosure.ID, ref.Related.ID}, unpublished...)
	agents := []int64{ref.Author.ID, ref.Translator.ID, ref.Funder.ID, hiddenPerson, hiddenOrg, hiddenTrans}
	places := []int64{ref.China.ID, ref.Yining.ID, hiddenRegion, hiddenTown, hiddenVillage}
	subjects := []int64{ref.Subject.ID, hiddenTopic, hiddenDetails, hiddenNarrower}
	collections := []int64{ref.Collection.ID, ref.Child.ID, hiddenColl, hiddenSubcoll, hiddenPending}
	repos := []int64{ref.GARF.ID, hiddenRepo}
	searches := []string{"q=zyxq", "q=Zyxqvariant", "q=%22Zyxq+Hidden+Person%22", "q=person:zyxq", "q=place:zyxqland",
		"q=kulja", "q=wool", "lang=sq", "type=zyxqtype", "classification=Zyxq+Secret", "q=date:1899",
		"person=" + strconv.FormatInt(hiddenPerson, 10), "funder=" + strconv.FormatInt(hiddenOrg, 10),
		"translator=" + strconv.FormatInt(hiddenTrans, 10), "place=" + strconv.FormatInt(hiddenTown, 10),
		"subject=" + strconv.FormatInt(hiddenDetails, 10), "collection=" + strconv.FormatInt(hiddenColl, 10),
		"repository=" + strconv.FormatInt(hiddenRepo, 10), "decade=1890", "year=1899"}
	prefixed := func(prefix string, qs []string) []string {
		out := make([]string, len(qs))
		for i, q := range qs {
			out[i] = prefix + q
		}
		return out
	}
	var texts []string
	for _, d := range []int64{hiddenDraft, hiddenWithdrawn} {
		texts = append(texts, ids("/srv/record/"+strconv.FormatInt(d, 10)+"/text/%d.html", a.texts[d]...)...)
	}
	for _, tx := range ref.Document.Texts {
		texts = append(texts, fmt.Sprintf("/srv/record/%d/text/%d.html", ref.Document.ID, tx.ID))
	}
	terms := []string{"", "zyxq", "Zyxqland", "ZYXQ", "hidden", "garf", "kulja"}
	oai := []string{"verb=Identify", "verb=ListMetadataFormats", "verb=ListSets",
		"verb=ListIdentifiers&metadataPrefix=oai_dc", "verb=ListRecords&metadataPrefix=oai_dc",
		"verb=ListRecords&metadataPrefix=recto", "verb=ListIdentifiers&metadataPrefix=oai_dc&from=1900-01-01"}
	for _, id := range docs {
		oai = append(oai, fmt.Sprintf("verb=GetRecord&metadataPrefix=recto&identifier=oai:archive.example.org:%d", id),
			fmt.Sprintf("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:archive.example.org:%d", id),
			fmt.Sprintf("verb=ListMetadataFormats&identifier=oai:archive.example.org:%d", id))
	}
	for _, c := range collections {
		oai = append(oai, fmt.Sprintf("verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:%d", c))
	}
	for _, r := range repos {
		oai = append(oai, fmt.Sprintf("verb=ListRecords&metadataPrefix=recto&set=repository:%d", r))
	}
	oai = append(oai, fmt.Sprintf("verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:%d:%d", ref.Collection.ID, hiddenPending),
		fmt.Sprintf("verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:%d:%d", hiddenColl, hiddenSubcoll))
	docFilters := []string{"", "?limit=5"}
	for _, f := range []struct {
		name string
		ids  []int64
	}{{"person", agents}, {"place", places}, {"subject", subjects}, {"collection", collections}, {"repository", repos}} {
		docFilters = append(docFilters, ids("?"+f.name+"=%d", f.ids...)...)
	}
	docFilters = append(docFilters, "?date=1890..1899")
	recordSearches := append(prefixed("/srv/record.json?", searches), "/srv/record.json",
		"/srv/record.json?model=Collection", "/srv/record.json?q=zyxq&model=Collection")
	for _, f := range []struct {
		name string
		ids  []int64
	}{{"collection", collections}, {"subject", subjects}, {"coverage", places}, {"contributor", agents}, {"donor", agents}, {"repository", repos}} {
		recordSearches = append(recordSearches, ids("/srv/record.json?"+f.name+"[]=%d", f.ids...)...)
	}
	// Former paths: a number that is no Record ID, slugs, /node/{nid}, of
	// published and unpublished documents, and paths no document had.
	formerDocs := append(ids("/document/%d", docs...), "/document/119185", "/document/zyxq-draft-memorandum",
		"/document/"+slug.Make(withdrawnTitle), "/document/"+slug.Make(ref.Document.Title), "/document/no-such-slug")
	formerPaths := []string{"/zyxq", "/nowhere", "/node/4521", "/node/4521/", "/node/4520", hiddenNode(hiddenDraft),
		hiddenNode(hiddenInReview), hiddenNode(hiddenWithdrawn), hiddenNode(hiddenOnce)}
	return map[string][]string{
		"GET /{$}":            {"/"},
		"GET /search":         append(prefixed("/search?", searches), "/search"),
		"GET /documents":      {"/documents", "/documents?page=2"},
		"GET /documents/{id}": ids("/documents/%d", docs...),
		"GET /documents/{id}/{slug}": append(ids("/documents/%d/zyxq-slug", docs...),
			fmt.Sprintf("/documents/%d/%s", ref.Document.ID, slug.Make(ref.Document.Title))),
		"GET /document/{id}":                        formerDocs,
		"GET /documents/{id}/citation.ris":          ids("/documents/%d/citation.ris", docs...),
		"GET /documents/{id}/citation.bib":          ids("/documents/%d/citation.bib", docs...),
		"GET /documents/{id}/citation-biblatex.bib": ids("/documents/%d/citation-biblatex.bib", docs...),
		"GET /documents/{id}/citation.json":         ids("/documents/%d/citation.json", docs...),
		"GET /documents/{id}/tei.xml":               ids("/documents/%d/tei.xml", docs...),
		"GET /collections":                          {"/collections"},
		"GET /collections/{id}":                     append(ids("/collections/%d", collections...), ids("/collections/%d?sort=curated&page=2", ref.Child.ID)...),
		"GET /people":                               {"/people", "/people?kind=person", "/people?kind=organisation"},
		"GET /people/{id}":                          ids("/people/%d", agents...),
		"GET /places":                               {"/places"},
		"GET /places/{id}":                          ids("/places/%d", places...),
		"GET /subjects":                             {"/subjects"},
		"GET /subjects/{id}":                        ids("/subjects/%d", subjects...),
		"GET /repositories":                         {"/repositories"},
		"GET /repositories/{id}":                    ids("/repositories/%d", repos...),
		"GET /dates":                                {"/dates"},
		"GET /dates/{period}":                       {"/dates/1890s", "/dates/1899", "/dates/1899-03", "/dates/1940s", "/dates/1950-01?page=2", "/dates/undated"},
		"GET /downloads":                            {"/downloads"},
		"GET /downloads/{name}":                     {"/downloads/recto-archive.jsonl", "/downloads/recto-archive.csv"},
		"GET /static/{file}":                        {"/static/recto.css"},
		"GET /healthz":                              {"/healthz"},
		"GET /favicon.ico":                          {"/favicon.ico"},
		"/":                                         formerPaths,
		"GET /feed.atom":                            {"/feed.atom"},
		"GET /collections/{id}/feed.atom":           ids("/collections/%d/feed.atom", collections...),
		"GET /search.atom":                          prefixed("/search.atom?", searches),
		"/oai":                                      prefixed("/oai?", oai),
		"GET /oai/recto.xsd":                        {"/oai/recto.xsd"},
		"GET /sitemap.xml":                          {"/sitemap.xml"},
		"GET /sitemaps/{name}":                      {"/sitemaps/pages-1.xml", "/sitemaps/documents-1.xml"},
		"GET /robots.txt":                           {"/robots.txt"},
		api.Prefix + "/":                            {api.Prefix + "/"},
		api.Prefix + "/openapi.json":                {api.Prefix + "/openapi.json"},
		api.Prefix + "/documents":                   prefixed(api.Prefix+"/documents", docFilters),
		api.Prefix + "/documents/{id}":              ids(api.Prefix+"/documents/%d", docs...),
		api.Prefix + "/search":                      append(prefixed(api.Prefix+"/search?", searches), api.Prefix+"/search?limit=100"),
		api.Prefix + "/people":                      {api.Prefix + "/people?limit=500", api.Prefix + "/people?limit=2"},
		api.Prefix + "/people/{id}":                 ids(api.Prefix+"/people/%d", agents...),
		api.Prefix + "/places":                      {api.Prefix + "/places?limit=500", api.Prefix + "/places?limit=2"},
		api.Prefix + "/places/{id}":                 ids(api.Prefix+"/places/%d", places...),
		api.Prefix + "/subjects":                    {api.Prefix + "/subjects?limit=500"},
		api.Prefix + "/subjects/{id}":               ids(api.Prefix+"/subjects/%d", subjects...),
		api.Prefix + "/collections":                 {api.Prefix + "/collections?limit=500", api.Prefix + "/collections?limit=1"},
		api.Prefix + "/collections/{id}":            ids(api.Prefix+"/collections/%d", collections...),
		api.Prefix + "/repositories":                {api.Prefix + "/repositories"},
		api.Prefix + "/repositories/{id}":           ids(api.Prefix+"/repositories/%d", repos...),
		"/srv/record.json":                          recordSearches,
		"/srv/record/date_range.json":               {"/srv/record/date_range.json"},
		"/srv/record/{file}":                        ids("/srv/record/%d.json", docs...),
		"/srv/record/{id}/text/{file}":              texts,
		"/srv/collection.json":                      prefixed("/srv/collection.json?term=", terms),
		"/srv/collection/{file}":                    ids("/srv/collection/%d.json", collections...),
		"/srv/subject.json":                         prefixed("/srv/subject.json?term=", terms),
		"/srv/subject/{file}":                       ids("/srv/subject/%d.json", subjects...),
		"/srv/coverage.json":                        prefixed("/srv/coverage.json?term=", terms),
		"/srv/coverage/{file}":                      ids("/srv/coverage/%d.json", places...),
		"/srv/contributor.json":                     prefixed("/srv/contributor.json?term=", terms),
		"/srv/contributor/{file}":                   ids("/srv/contributor/%d.json", agents...),
		"/srv/repository.json":                      prefixed("/srv/repository.json?term=", terms),
		"/srv/repository/{file}":                    ids("/srv/repository/%d.json", repos...),
	}
}

// expandRoutes lists the patterns of the site's routes, with the APIs
// mounted under a prefix replaced by their own routes.
func expandRoutes(site []string) []string {
	var out []string
	for _, p := range site {
		switch p {
		case api.Prefix + "/":
			out = append(out, api.Routes()...)
		case "/srv/":
			out = append(out, wilson.Routes()...)
		default:
			out = append(out, p)
		}
	}
	return out
}

// TestNoRouteRevealsUnpublished walks every public route, and every link
// its answers hold, on two archives: one with unpublished material and one
// without. Each answer must be the same on both (times and cursors aside),
// but for the withdrawn document's own URLs (410 with its notice, against
// 404) and OAI-PMH's deleted records; and no answer may hold leakMark, a
// Record ID of the unpublished material or the fixture draft's title,
// other than the notice's own title and note.
func TestNoRouteRevealsUnpublished(t *testing.T) {
	for _, b := range storetest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			withHidden := openLeakArchive(t, b, true)
			without := openLeakArchive(t, b, false)
			probes := withHidden.probes()
			routes := expandRoutes(withHidden.routes)
			for _, p := range routes {
				if _, ok := probes[p]; !ok {
					t.Errorf("route %q is not probed: add its requests to probes", p)
				}
			}
			for p := range probes {
				if !slices.Contains(routes, p) {
					t.Errorf("probes name %q, which is no route", p)
				}
			}
			w := &leakWalk{t: t, a: withHidden, b: without, seen: map[string]bool{}, draftTitle: withHidden.ref.Draft.Title}
			for _, p := range routes {
				for _, target := range probes[p] {
					w.queue = append(w.queue, request{target, target, p})
				}
			}
			w.run()
			w.harvests()
			// Each route showed something, so that its probes reached
			// what it serves, not only its errors.
			for _, p := range routes {
				if !w.answered[p] && p != "/" {
					t.Errorf("route %q answered no probe with 200", p)
				}
			}
		})
	}
}

// leakWalk compares the answers of the two archives, following the links
// they hold, pairwise: the nth link of one answer with the nth of the
// other, so that cursors, which carry times, are followed on each side.
type leakWalk struct {
	t          *testing.T
	a, b       *leakArchive // with and without the unpublished material
	queue      []request
	answered   map[string]bool // the routes whose probes were answered 200
	seen       map[string]bool
	perPath    map[string]int
	draftTitle string
}

// request is a pair of requests, one of each archive, and the route probed
// (empty for a link followed).
type request struct{ a, b, route string }

// maxWalk bounds the requests of a walk, and maxPerPath those of one path
// (search's facet links multiply).
const (
	maxWalk    = 4000
	maxPerPath = 60
)

func (w *leakWalk) run() {
	w.perPath, w.answered = map[string]int{}, map[string]bool{}
	n := 0
	defer func() { w.t.Logf("%d requests made of each archive", n) }()
	for ; len(w.queue) > 0 && n < maxWalk; n++ {
		req := w.queue[0]
		w.queue = w.queue[1:]
		ansA, ansB := w.a.get(w.t, req.a), w.b.get(w.t, req.b)
		// A route that redirects (a former site's path) serves its
		// redirect; the page it leads to is walked as a link.
		if (ansA.status == http.StatusOK || ansA.status == http.StatusMovedPermanently) && req.route != "" {
			w.answered[req.route] = true
		}
		w.check(req.a, ansA)
		if !w.same(req.a, ansA, ansB) {
			continue
		}
		linksA, linksB := links(ansA.body), links(ansB.body)
		if len(linksA) != len(linksB) {
			continue // reported by same
		}
		for i := range linksA {
			w.follow(linksA[i], linksB[i])
		}
	}
	if len(w.queue) > 0 {
		w.t.Logf("walk stopped after %d requests with %d left", maxWalk, len(w.queue))
	}
}

// follow queues a pair of links found in the answers, once.
func (w *leakWalk) follow(a, b string) {
	u, err := url.Parse(a)
	if err != nil || w.seen[a] || strings.HasPrefix(u.Path, "/static/") || strings.HasPrefix(u.Path, "/media/") {
		return
	}
	if w.perPath[u.Path] >= maxPerPath {
		return
	}
	w.seen[a] = true
	w.perPath[u.Path]++
	w.queue = append(w.queue, request{a: a, b: b})
}

// withdrawnURL reports whether target is one of the withdrawn document's
// own URLs, which answer 410 with its notice.
func withdrawnURL(target string) bool {
	id := strconv.FormatInt(hiddenWithdrawn, 10)
	u, _ := url.Parse(target)
	p := u.Path
	return strings.HasPrefix(p, "/documents/"+id) || p == "/document/"+id || p == api.Prefix+"/documents/"+id ||
		p == hiddenNode(hiddenWithdrawn) || p == "/document/"+slug.Make(withdrawnTitle) ||
		p == "/srv/record/"+id+".json" || strings.HasPrefix(p, "/srv/record/"+id+"/")
}

// same reports whether the two archives answered alike, and says how they
// did not.
func (w *leakWalk) same(target string, a, b answer) bool {
	w.t.Helper()
	if strings.HasPrefix(target, "/oai") {
		return w.sameOAI(target, a, b)
	}
	if withdrawnURL(target) {
		if a.status != http.StatusGone || b.status != http.StatusNotFound {
			w.t.Errorf("GET %s: %d with the withdrawn document, %d without; want 410 and 404", target, a.status, b.status)
		}
		return false
	}
	if a.status != b.status || normalize(a.body) != normalize(b.body) {
		w.t.Errorf("GET %s answers unlike the archive without unpublished material: %d, %d\n%s", target, a.status, b.status,
			firstDifference(normalize(a.body), normalize(b.body)))
		return false
	}
	return true
}

// deletedHeader matches a deleted record's header, and the record around it.
var deletedHeader = regexp.MustCompile(`(<record>)?<header status="deleted"><identifier>oai:archive\.example\.org:(\d+)</identifier><datestamp>[^<]*</datestamp></header>\n?(</record>\n?)?`)

// sameOAI compares OAI-PMH answers: the archive with unpublished material
// may add deleted records, of the withdrawn document and the one taken
// back only, and only those differ.
func (w *leakWalk) sameOAI(target string, a, b answer) bool {
	w.t.Helper()
	for _, id := range []int64{hiddenWithdrawn, hiddenOnce} {
		if strings.Contains(target, "oai:archive.example.org:"+strconv.FormatInt(id, 10)) {
			if !strings.Contains(a.body, `status="deleted"`) && !strings.Contains(a.body, "noMetadataFormats") {
				w.t.Errorf("GET %s: not a deleted record:\n%s", target, a.body)
			}
			return false
		}
	}
	if strings.Contains(target, "resumptionToken") {
		return false // harvests compares whole harvests
	}
	bodyA := deletedHeader.ReplaceAllString(a.body, "")
	if a.status != b.status || normalizeOAI(bodyA) != normalizeOAI(b.body) {
		w.t.Errorf("GET %s answers unlike the archive without unpublished material: %d, %d\n%s", target, a.status, b.status,
			firstDifference(normalizeOAI(bodyA), normalizeOAI(b.body)))
		return false
	}
	return true
}

// check fails when an answer holds unpublished material: leakMark, a
// Record ID of it, or the fixture draft's title. The withdrawn document's
// own notice may give its title and note; a deleted record its Record ID.
// Requests that name unpublished material themselves are left to the
// comparison, as their answers may repeat what they asked for.
func (w *leakWalk) check(target string, ans answer) {
	w.t.Helper()
	if strings.Contains(strings.ToLower(target), leakMark) || hiddenIDIn(target) != "" {
		return
	}
	body := deletedHeader.ReplaceAllString(ans.body, "")
	if withdrawnURL(target) {
		body = strings.NewReplacer(withdrawnTitle, "", html.EscapeString(withdrawnTitle), "", withdrawnNote, "",
			html.EscapeString(withdrawnNote), "", strconv.FormatInt(hiddenWithdrawn, 10), "").Replace(body)
	}
	if i := strings.Index(strings.ToLower(body), leakMark); i >= 0 {
		w.t.Errorf("GET %s shows unpublished material: …%s…", target, excerpt(body, i))
	}
	if id := hiddenIDIn(body); id != "" {
		w.t.Errorf("GET %s names unpublished Record ID %s: …%s…", target, id, excerpt(body, strings.Index(body, id)))
	}
	if i := strings.Index(body, w.draftTitle); i >= 0 {
		w.t.Errorf("GET %s shows the draft's title: …%s…", target, excerpt(body, i))
	}
}

// hiddenIDIn returns the first Record ID of unpublished material in s.
func hiddenIDIn(s string) string {
	for _, id := range []int64{hiddenDraft, hiddenInReview, hiddenWithdrawn, hiddenOnce, hiddenPerson, hiddenOrg,
		hiddenTrans, hiddenRegion, hiddenTown, hiddenVillage, hiddenTopic, hiddenDetails, hiddenNarrower, hiddenColl,
		hiddenSubcoll, hiddenPending, hiddenRepo} {
		if n := strconv.FormatInt(id, 10); strings.Contains(s, n) {
			return n
		}
	}
	return ""
}

// harvests harvests every list of OAI-PMH to its end on both archives,
// each following its own resumption tokens, and compares the records: the
// same but for the deleted records of the withdrawn document and the one
// taken back, which the archive with them lists and counts.
func (w *leakWalk) harvests() {
	w.t.Helper()
	for _, args := range []string{"verb=ListIdentifiers&metadataPrefix=oai_dc", "verb=ListRecords&metadataPrefix=recto",
		"verb=ListRecords&metadataPrefix=oai_dc", fmt.Sprintf("verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:%d", w.a.ref.Collection.ID)} {
		itemsA, sizeA := harvestOAI(w.t, w.a, args)
		itemsB, sizeB := harvestOAI(w.t, w.b, args)
		var deleted []string
		kept := slices.DeleteFunc(slices.Clone(itemsA), func(it string) bool {
			if m := deletedHeader.FindStringSubmatch(it); m != nil {
				deleted = append(deleted, m[2])
				return true
			}
			return false
		})
		wantDeleted := []string{strconv.FormatInt(hiddenWithdrawn, 10), strconv.FormatInt(hiddenOnce, 10)}
		if strings.Contains(args, "set=") {
			// The document taken back is in a collection below it.
			wantDeleted = wantDeleted[1:]
		}
		slices.Sort(deleted)
		if !slices.Equal(deleted, wantDeleted) {
			w.t.Errorf("%s: deleted records %v, want %v", args, deleted, wantDeleted)
		}
		for i := range kept {
			kept[i] = normalizeOAI(kept[i])
		}
		normB := make([]string, len(itemsB))
		for i, it := range itemsB {
			normB[i] = normalizeOAI(it)
		}
		if !slices.Equal(kept, normB) {
			w.t.Errorf("%s: %d records besides the deleted ones, want the %d of the archive without unpublished material", args, len(kept), len(itemsB))
		}
		if sizeA != "" && sizeA != strconv.Itoa(len(itemsA)) || sizeB != "" && sizeB != strconv.Itoa(len(itemsB)) {
			w.t.Errorf("%s: completeListSize %s and %s, for %d and %d items", args, sizeA, sizeB, len(itemsA), len(itemsB))
		}
		for _, it := range kept {
			w.check("/oai?"+args, answer{http.StatusOK, it})
		}
	}
}

var (
	oaiItem  = regexp.MustCompile(`(?s)<record>.*?</record>\n?|<header[ >].*?</header>\n?`)
	oaiToken = regexp.MustCompile(`<resumptionToken[^>]*?(?: completeListSize="(\d+)")?[^>]*>([^<]*)</resumptionToken>`)
)

// harvestOAI lists args to its end and returns its items, in order, and
// the completeListSize given, if any.
func harvestOAI(t *testing.T, a *leakArchive, args string) (items []string, size string) {
	t.Helper()
	target := "/oai?" + args
	for range 1000 {
		ans := a.get(t, target)
		if ans.status != http.StatusOK {
			t.Fatalf("GET %s: %d", target, ans.status)
		}
		body := ans.body
		if i := strings.Index(body, "<ListIdentifiers>"); i >= 0 {
			body = body[i:]
		} else if i := strings.Index(body, "<ListRecords>"); i >= 0 {
			body = body[i:]
		}
		items = append(items, oaiItem.FindAllString(body, -1)...)
		m := oaiToken.FindStringSubmatch(body)
		if m == nil || m[2] == "" {
			return items, size
		}
		if size == "" {
			size = m[1]
		}
		target = "/oai?verb=" + verbOf(args) + "&resumptionToken=" + url.QueryEscape(m[2])
	}
	t.Fatalf("%s: no end", args)
	return nil, ""
}

func verbOf(args string) string {
	v, _ := url.ParseQuery(args)
	return v.Get("verb")
}

var (
	// times: RFC 3339 and ISO 8601 times, HTTP dates, the site's dates of
	// last change.
	leakTimes = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?|` +
		`(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT|\d{8}T\d{6}Z?`)
	// cursors of the API and OAI-PMH's tokens carry times.
	leakCursors = regexp.MustCompile(`cursor=[^&"<\s\\]+|("cursor"\s*:\s*)"[^"]*"`)
	oaiTokens   = regexp.MustCompile(`<resumptionToken[^>]*>[^<]*</resumptionToken>|<responseDate>[^<]*</responseDate>`)
)

// normalize removes from an answer what differs between two archives of
// the same published material written at different times.
func normalize(s string) string {
	return leakCursors.ReplaceAllString(leakTimes.ReplaceAllString(s, "TIME"), "cursor=C")
}

func normalizeOAI(s string) string { return normalize(oaiTokens.ReplaceAllString(s, "")) }

// links returns the URLs of the site an answer links to, in order.
var (
	hrefs     = regexp.MustCompile(`(?:href|src|action)="([^"#]*)`)
	absolutes = regexp.MustCompile(regexp.QuoteMeta(leakBase) + `(/[^\s"'<>\\]*)`)
	srvPaths  = regexp.MustCompile(`"(/srv/[^"\\]+)"`)
)

func links(body string) []string {
	var out []string
	add := func(s string) {
		s = html.UnescapeString(s)
		s = strings.TrimPrefix(s, leakBase)
		if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
			out = append(out, s)
		}
	}
	for _, m := range hrefs.FindAllStringSubmatch(body, -1) {
		add(m[1])
	}
	for _, m := range absolutes.FindAllStringSubmatch(body, -1) {
		add(m[1])
	}
	for _, m := range srvPaths.FindAllStringSubmatch(body, -1) {
		add(m[1])
	}
	return out
}

func excerpt(s string, i int) string {
	return s[max(0, i-80):min(len(s), i+80)]
}

// firstDifference shows where two answers part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("with:    …%s…\nwithout: …%s…", excerpt(a, i), excerpt(b, i))
}
