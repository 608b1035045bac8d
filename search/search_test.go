package search_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
)

// archive is a small archive built to exercise every search feature.
type archive struct {
	db     storetest.Store
	engine *search.Engine
	docs   map[string]*recto.Document // by short name
	places map[string]*recto.Place
	agents map[string]*recto.Agent
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// newArchive fills the new archive db.
func newArchive(tb testing.TB, db storetest.Store) *archive {
	tb.Helper()
	ctx := context.Background()
	a := &archive{db: db, docs: map[string]*recto.Document{}, places: map[string]*recto.Place{}, agents: map[string]*recto.Agent{}}
	place := func(key, name string, parent string, variants ...string) {
		p := &recto.Place{Name: name}
		if parent != "" {
			p.ParentID = a.places[parent].ID
		}
		for _, v := range variants {
			p.Variants = append(p.Variants, recto.Name{Name: v})
		}
		must(tb, db.CreatePlace(ctx, p))
		a.places[key] = p
	}
	place("china", "China", "")
	place("xinjiang", "Xinjiang", "china", "Sinkiang")
	place("yining", "Yining", "xinjiang", "Ghulja", "Kulja", "伊宁")
	place("ussr", "Soviet Union", "", "USSR")
	place("moscow", "Moscow", "ussr", "Москва")
	agent := func(key, name string, kind recto.AgentKind, variants ...string) {
		ag := &recto.Agent{Kind: kind, Name: name}
		for _, v := range variants {
			ag.Variants = append(ag.Variants, recto.Name{Name: v})
		}
		must(tb, db.CreateAgent(ctx, ag))
		a.agents[key] = ag
	}
	agent("stalin", "Joseph Stalin", recto.Person, "Сталин", "Stalin")
	agent("khrushchev", "Nikita Khrushchev", recto.Person, "Хрущёв", "Khrushchov")
	agent("tore", "Alihan Tore", recto.Person, "Älihan Töre", "Shakirjan")
	agent("goldberg", "Gary Goldberg", recto.Person)
	agent("macarthur", "MacArthur Foundation", recto.Organisation)
	relations := &recto.Subject{Heading: "China--Foreign relations--Soviet Union"}
	commerce := &recto.Subject{Heading: "China--Commerce"}
	must(tb, db.CreateSubject(ctx, relations))
	must(tb, db.CreateSubject(ctx, commerce))
	papers := &recto.Collection{Title: "Xinjiang papers"}
	must(tb, db.CreateCollection(ctx, papers))
	ili := &recto.Collection{Title: "Ili rebellion", ParentID: papers.ID}
	must(tb, db.CreateCollection(ctx, ili))
	garf := &recto.Repository{ShortName: "GARF", Name: "State Archive of the Russian Federation"}
	avp := &recto.Repository{ShortName: "AVPRF", Name: "Foreign Policy Archive"}
	must(tb, db.CreateRepository(ctx, garf))
	must(tb, db.CreateRepository(ctx, avp))

	en := func(body string, translators ...*recto.Agent) recto.Text {
		t := recto.Text{Kind: recto.Translation, Lang: "en", Body: body}
		for _, tr := range translators {
			t.Credits = append(t.Credits, recto.Credit{Role: recto.RoleTranslator, Agent: tr})
		}
		return t
	}
	orig := func(lang, body string) recto.Text { return recto.Text{Kind: recto.Transcript, Lang: lang, Body: body} }
	doc := func(key string, d *recto.Document) {
		if d.Status == "" {
			d.Status = recto.StatusPublished
		}
		must(tb, db.CreateDocument(ctx, d))
		a.docs[key] = d
	}
	doc("letter", &recto.Document{Title: "Letter from Alihan Tore to Stalin", Type: "letter",
		Date: edtf.MustParse("1945-04-22"), Languages: []string{"ru"},
		Texts: []recto.Text{en("I send greetings to the great leader Stalin. The *letters* were sent from Yining.", a.agents["goldberg"]),
			orig("ru", "Я посылаю приветствие великому вождю Сталину. Письма отправлены из Кульджи.")},
		Places: []*recto.Place{a.places["yining"]}, Subjects: []*recto.Subject{relations},
		Collections: []*recto.Collection{ili}, Sources: []recto.Source{{Repository: garf}},
		Classification: recto.Classification{Level: "Top Secret"},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a.agents["tore"]}, {Role: recto.RoleRecipient, Agent: a.agents["stalin"]},
			{Role: recto.RoleFunder, Agent: a.agents["macarthur"]}}})
	doc("wool", &recto.Document{Title: "Telegram on the wool trade", Type: "telegram",
		Date: edtf.MustParse("1945~"), Languages: []string{"zh-Hant"},
		Texts:  []recto.Text{en("The wool caravan reached the town."), orig("zh-Hant", "羊毛商队抵达城市。北京条约已经签订。")},
		Places: []*recto.Place{a.places["xinjiang"]}, Collections: []*recto.Collection{papers},
		Sources: []recto.Source{{Repository: avp}}, Subjects: []*recto.Subject{commerce}})
	doc("khrushchev", &recto.Document{Title: "Memorandum of conversation with Khrushchev", Type: "memorandum",
		Date: edtf.MustParse("1956-02"), Languages: []string{"ru"},
		Texts:  []recto.Text{orig("ru", "Хрущёв говорил о торговле и о письмах."), en("He spoke about trade and letters.")},
		Places: []*recto.Place{a.places["moscow"]}, Classification: recto.Classification{Level: "Secret"},
		Credits: []recto.Credit{{Role: recto.RoleAssociated, Agent: a.agents["khrushchev"]}}})
	doc("schools", &recto.Document{Title: "Report on the Ghulja schools", Type: "report", Date: edtf.MustParse("1936"),
		Languages: []string{"en"}, Texts: []recto.Text{orig("en", "Schools opened in Ghulja with TÖRE's support. Trade grew.")}})
	doc("draft", &recto.Document{Title: "Secret draft about zebras", Status: recto.StatusDraft, Type: "letter",
		Texts: []recto.Text{en("A zebra and a quagga met Stalin in Yining.")}, Places: []*recto.Place{a.places["yining"]},
		Collections: []*recto.Collection{ili}, Classification: recto.Classification{Level: "Eyes Only"}})
	doc("undated", &recto.Document{Title: "Undated note on trade routes", Type: "note",
		Texts: []recto.Text{en("Trade routes and letters across the steppe.")}})
	doc("talks", &recto.Document{Title: "Record of the Moscow talks", Type: "record of conversation",
		Date: edtf.MustParse("1945-04-10/1945-06"), Languages: []string{"ru"},
		Texts:  []recto.Text{en("The talks in Moscow discussed the treaty of friendship and trade.")},
		Places: []*recto.Place{a.places["moscow"]}, Subjects: []*recto.Subject{relations}})
	a.engine = search.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	tb.Cleanup(func() { a.engine.Close() })
	must(tb, a.engine.Build(ctx))
	return a
}

// search runs a request and returns the result.
func (a *archive) search(tb testing.TB, req recto.SearchRequest) *recto.SearchResult {
	tb.Helper()
	if req.Limit == 0 {
		req.Limit = 50
	}
	res, err := a.engine.Search(context.Background(), req)
	must(tb, err)
	return res
}

// keys returns the short names of the hits, in order.
func (a *archive) keys(res *recto.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		for k, d := range a.docs {
			if d.ID == h.Document.ID {
				out = append(out, k)
			}
		}
	}
	return out
}

// want checks the set (order ignored) of documents a query finds.
func (a *archive) want(tb testing.TB, q string, want ...string) *recto.SearchResult {
	tb.Helper()
	res := a.search(tb, recto.SearchRequest{Query: q})
	got := a.keys(res)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || res.Total != len(want) {
		tb.Errorf("%q found %v (total %d), want %v", q, got, res.Total, want)
	}
	return res
}

func TestQueryLanguage(t *testing.T) { storetest.Run(t, testQueryLanguage) }

func testQueryLanguage(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	a.want(t, "trade letters", "khrushchev", "undated")
	a.want(t, "trade OR wool", "khrushchev", "schools", "undated", "talks", "wool")
	a.want(t, "trade -letters", "schools", "talks", "wool")
	a.want(t, `"treaty of friendship"`, "talks")
	a.want(t, `"friendship of treaty"`)
	a.want(t, "lett*", "letter", "khrushchev", "undated")
	a.want(t, "(caravan OR schools) trade", "schools", "wool")
	a.want(t, "title:telegram", "wool")
	a.want(t, `title:"moscow talks"`, "talks")
	a.want(t, "title:mosc*", "talks")
	a.want(t, "person:stalin", "letter")
	a.want(t, "person:khrushchov", "khrushchev")
	a.want(t, "translator:goldberg", "letter")
	a.want(t, "place:xinjiang", "letter", "wool")
	a.want(t, "place:moscow", "khrushchev", "talks")
	a.want(t, `subject:"foreign relations"`, "letter", "talks")
	a.want(t, `collection:"xinjiang papers"`, "letter", "wool")
	a.want(t, "repository:garf", "letter")
	a.want(t, "lang:ru", "letter", "khrushchev", "talks")
	a.want(t, "lang:russian", "letter", "khrushchev", "talks")
	a.want(t, `classification:"top secret"`, "letter")
	a.want(t, "type:telegram", "wool")
	a.want(t, "date:1945", "letter", "wool", "talks")
	a.want(t, "date:1945-04", "letter", "wool", "talks")
	a.want(t, "date:1945-04-22", "letter", "wool", "talks")
	a.want(t, "date:1950..1960", "khrushchev")
	a.want(t, "date:..1940", "schools")
	a.want(t, "date:1946..", "khrushchev")
	a.want(t, "trade date:1930..1950", "schools", "talks", "wool")
}

func TestMalformedQueries(t *testing.T) { storetest.Run(t, testMalformedQueries) }

func testMalformedQueries(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	for q, problem := range map[string]string{
		`"treaty of friendship`: "quote",
		"colour:red trade":      "Unknown field",
		"date:1945-13 trade":    "month 13",
		"person:nobody":         "No person or organisation matches",
	} {
		res := a.search(t, recto.SearchRequest{Query: q})
		if !strings.Contains(strings.Join(res.Problems, " "), problem) {
			t.Errorf("%q: problems %q, want one about %q", q, res.Problems, problem)
		}
	}
	// Best-effort results come back with the message.
	if res := a.search(t, recto.SearchRequest{Query: `"treaty of friendship`}); res.Total != 1 {
		t.Errorf("unclosed phrase found %d documents, want the talks", res.Total)
	}
	if res := a.search(t, recto.SearchRequest{Query: "date:1945-13 trade"}); res.Total != 5 {
		t.Errorf("bad date: %d results, want the 5 with trade", res.Total)
	}
	if _, err := a.engine.Search(context.Background(), recto.SearchRequest{Sort: "random"}); recto.ErrorCode(err) != recto.EINVALID {
		t.Errorf("unknown sort: %v", err)
	}
	if _, err := a.engine.Search(context.Background(), recto.SearchRequest{Filters: map[string][]string{"colour": {"red"}}}); recto.ErrorCode(err) != recto.EINVALID {
		t.Errorf("unknown facet: %v", err)
	}
}

func TestMatching(t *testing.T) { storetest.Run(t, testMatching) }

func testMatching(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	// Case and diacritics.
	a.want(t, "Töre", "schools", "letter")
	a.want(t, "TORE", "schools", "letter")
	a.want(t, "tore's", "schools", "letter")
	// English stemming.
	a.want(t, "letter", "letter", "khrushchev", "undated")
	a.want(t, "caravans", "wool")
	// Russian stemming.
	a.want(t, "письмо", "letter", "khrushchev")
	a.want(t, "торговля", "khrushchev")
	// Chinese without spaces.
	a.want(t, "商队", "wool")
	a.want(t, "北京条约", "wool")
	a.want(t, `"条约已经"`, "wool")
	// Transliteration: Cyrillic and Latin spellings meet.
	a.want(t, "Сталин greetings", "letter")
	a.want(t, "Khrushchev", "khrushchev")
	a.want(t, "Хрущёв", "khrushchev")
	// Variant names: Kulja is a name of Yining; it finds the documents about
	// Yining (and, in the hierarchy, not Xinjiang's) and every text that says
	// Yining, Ghulja or Kulja, in any script.
	res := a.want(t, "Kulja", "letter", "schools")
	if !strings.Contains(strings.Join(res.Problems, " "), "is a name of Yining") {
		t.Errorf("no note on the variant expansion: %q", res.Problems)
	}
	a.want(t, "伊宁", "letter", "schools")
	a.want(t, "Khrushchov", "khrushchev")
	a.want(t, `"Alihan Tore"`, "letter")
	a.want(t, "Shakirjan", "letter")
}

func TestDraftsNeverShow(t *testing.T) { storetest.Run(t, testDraftsNeverShow) }

func testDraftsNeverShow(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	a.want(t, "zebra")
	a.want(t, "quagga OR zebras")
	a.want(t, "title:zebras")
	a.want(t, `classification:"eyes only"`)
	res := a.search(t, recto.SearchRequest{})
	if res.Total != 6 {
		t.Fatalf("browse everything: %d, want the 6 published", res.Total)
	}
	for _, f := range res.Facets {
		for _, v := range f.Values {
			if v.Label == "Eyes Only" {
				t.Errorf("facet %s shows the draft's value %q", f.Name, v.Label)
			}
			if f.Name == recto.FacetCollection && v.Label == "Ili rebellion" && v.Count != 1 {
				t.Errorf("Ili rebellion counts %d, want 1 (the draft is in it too)", v.Count)
			}
		}
	}
	for _, h := range a.search(t, recto.SearchRequest{Query: "Stalin"}).Hits {
		for _, f := range h.Snippet {
			if strings.Contains(f.Text, "zebra") {
				t.Errorf("snippet from the draft: %v", h.Snippet)
			}
		}
	}
}

// facet returns a facet's values by label.
func facet(res *recto.SearchResult, name string) map[string]recto.FacetValue {
	out := map[string]recto.FacetValue{}
	for _, f := range res.Facets {
		if f.Name == name {
			for _, v := range f.Values {
				out[v.Label] = v
			}
		}
	}
	return out
}

func TestFacets(t *testing.T) { storetest.Run(t, testFacets) }

func testFacets(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	res := a.search(t, recto.SearchRequest{})
	places := facet(res, recto.FacetPlace)
	// Hierarchy: the letter about Yining counts under Xinjiang and China;
	// the telegram about Xinjiang too.
	for label, want := range map[string]int{"Yining": 1, "Xinjiang": 2, "China": 2, "Moscow": 2, "Soviet Union": 2} {
		if places[label].Count != want {
			t.Errorf("place %s: %d, want %d", label, places[label].Count, want)
		}
	}
	if places["Yining"].Parent != places["Xinjiang"].Key || places["China"].Parent != "" {
		t.Errorf("hierarchy: %+v", places)
	}
	if s := facet(res, recto.FacetSubject); s["China"].Count != 3 || s["Foreign relations"].Count != 2 || s["Commerce"].Count != 1 {
		t.Errorf("subjects by level: %+v", s)
	}
	for name, want := range map[string]map[string]int{
		recto.FacetLanguage:       {"Russian": 3, "Chinese": 1, "English": 1},
		recto.FacetTranslation:    {"English": 5},
		recto.FacetType:           {"letter": 1, "telegram": 1},
		recto.FacetClassification: {"Top Secret": 1, "Secret": 1},
		recto.FacetFunder:         {"MacArthur Foundation": 1},
		recto.FacetTranslator:     {"Gary Goldberg": 1},
		recto.FacetRepository:     {"GARF": 1, "AVPRF": 1},
		recto.FacetCollection:     {"Xinjiang papers": 2, "Ili rebellion": 1},
		recto.FacetPerson:         {"Joseph Stalin": 1, "Alihan Tore": 1, "Nikita Khrushchev": 1},
		recto.FacetDecade:         {"1930s": 1, "1940s": 3, "1950s": 1},
		recto.FacetYear:           {"1936": 1, "1945": 3, "1956": 1},
	} {
		got := facet(res, name)
		for label, n := range want {
			if got[label].Count != n {
				t.Errorf("facet %s value %s: %d, want %d", name, label, got[label].Count, n)
			}
		}
	}
	if len(res.Years) != 3 || res.Years[1] != (recto.YearCount{Year: 1945, Count: 3}) {
		t.Errorf("years %+v", res.Years)
	}

	// Values of one facet combine with OR, facets with AND; a facet's own
	// counts ignore its own selection.
	moscow, xinjiang := places["Moscow"].Key, places["Xinjiang"].Key
	res = a.search(t, recto.SearchRequest{Filters: map[string][]string{recto.FacetPlace: {moscow, xinjiang}}})
	if res.Total != 4 {
		t.Errorf("Moscow OR Xinjiang: %d, want 4", res.Total)
	}
	if p := facet(res, recto.FacetPlace); !p["Moscow"].Selected || p["Moscow"].Count != 2 || p["Xinjiang"].Count != 2 {
		t.Errorf("place counts with their own selection: %+v", p)
	}
	ru := facet(res, recto.FacetLanguage)["Russian"].Key
	res = a.search(t, recto.SearchRequest{Filters: map[string][]string{recto.FacetPlace: {moscow, xinjiang}, recto.FacetLanguage: {ru}}})
	if got := a.keys(res); res.Total != 3 || !slices.Contains(got, "letter") || !slices.Contains(got, "talks") {
		t.Errorf("(Moscow OR Xinjiang) AND Russian: %v", got)
	}
	if p := facet(res, recto.FacetPlace); p["Moscow"].Count != 2 || p["Xinjiang"].Count != 1 {
		t.Errorf("place counts under the language filter: %+v", p)
	}
	res = a.search(t, recto.SearchRequest{Filters: map[string][]string{recto.FacetYear: {"1945"}}})
	if res.Total != 3 {
		t.Errorf("year 1945: %d, want 3 (a day, c. 1945, an interval)", res.Total)
	}

	// Required selections narrow with AND, also within one facet, and the
	// facets count what is left.
	yining := places["Yining"].Key
	res = a.search(t, recto.SearchRequest{Filters: map[string][]string{recto.FacetPlace: {xinjiang}},
		Require: []recto.FacetSelection{{Facet: recto.FacetPlace, Keys: []string{yining, moscow}}}})
	if got := a.keys(res); res.Total != 1 || !slices.Contains(got, "letter") {
		t.Errorf("Xinjiang AND (Yining OR Moscow): %v, want the letter only (the wool telegram is about Xinjiang alone)", got)
	}
	// As under a query, the place facet counts the required documents
	// without its own selection: Moscow's two would be added by choosing it.
	if p := facet(res, recto.FacetPlace); p["Yining"].Count != 1 || p["Xinjiang"].Count != 1 || p["Moscow"].Count != 2 {
		t.Errorf("place counts of Xinjiang AND (Yining OR Moscow): %+v", p)
	}
	res = a.search(t, recto.SearchRequest{Require: []recto.FacetSelection{{Facet: recto.FacetPlace, Keys: []string{"999999"}}}})
	if res.Total != 0 {
		t.Errorf("a required key no document has: %d results", res.Total)
	}
	if _, err := a.engine.Search(context.Background(), recto.SearchRequest{Require: []recto.FacetSelection{{Facet: "colour"}}}); recto.ErrorCode(err) != recto.EINVALID {
		t.Errorf("an unknown required facet: %v, want EINVALID", err)
	}
}

func TestSortAndPages(t *testing.T) { storetest.Run(t, testSortAndPages) }

func testSortAndPages(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	order := func(s recto.SearchSort, q string) []string {
		return a.keys(a.search(t, recto.SearchRequest{Query: q, Sort: s}))
	}
	if got := order(recto.SortDateAsc, ""); !slices.Equal(got, []string{"schools", "wool", "talks", "letter", "khrushchev", "undated"}) {
		t.Errorf("date order: %v", got)
	}
	if got := order(recto.SortDateDesc, ""); !slices.Equal(got, []string{"khrushchev", "wool", "talks", "letter", "schools", "undated"}) {
		t.Errorf("reverse date order: %v", got)
	}
	if got := order(recto.SortTitle, ""); !slices.Equal(got, []string{"letter", "khrushchev", "talks", "schools", "wool", "undated"}) {
		t.Errorf("title order: %v", got)
	}
	if got := order(recto.SortAdded, ""); !slices.Equal(got, []string{"talks", "undated", "schools", "khrushchev", "wool", "letter"}) {
		t.Errorf("newest first: %v", got)
	}
	// Relevance: the document that says "trade" in its title ranks first.
	if got := order("", "trade"); got[0] != "undated" {
		t.Errorf("relevance: %v", got)
	}
	all := a.search(t, recto.SearchRequest{Sort: recto.SortDateAsc, Limit: 50})
	page := a.search(t, recto.SearchRequest{Sort: recto.SortDateAsc, Offset: 2, Limit: 2})
	if page.Total != 6 || len(page.Hits) != 2 || page.Hits[0].Document.ID != all.Hits[2].Document.ID {
		t.Errorf("page 2 of 2: %v (total %d)", a.keys(page), page.Total)
	}
	if past := a.search(t, recto.SearchRequest{Offset: 10, Limit: 5}); len(past.Hits) != 0 || past.Total != 6 {
		t.Errorf("past the end: %d hits", len(past.Hits))
	}
}

func TestSnippets(t *testing.T) { storetest.Run(t, testSnippets) }

func testSnippets(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	res := a.search(t, recto.SearchRequest{Query: "friendship"})
	if len(res.Hits) != 1 {
		t.Fatal(res.Hits)
	}
	var marked []string
	var text strings.Builder
	for _, f := range res.Hits[0].Snippet {
		if f.Match {
			marked = append(marked, f.Text)
		}
		text.WriteString(f.Text)
	}
	if !slices.Equal(marked, []string{"friendship"}) || !strings.Contains(text.String(), "treaty of friendship and trade") {
		t.Errorf("snippet %q marks %v", text.String(), marked)
	}
	// A Russian match is marked in the Russian text.
	res = a.search(t, recto.SearchRequest{Query: "письма"})
	for _, h := range res.Hits {
		if h.SnippetLang != "ru" {
			t.Errorf("snippet of %q is in %q", h.Document.Title, h.SnippetLang)
		}
	}
	if got := res.Highlight; !slices.Equal(got, []string{"письма"}) {
		t.Errorf("highlight words %v", got)
	}
	// A snippet shows the words as the page does: escapes resolved,
	// editorial brackets kept, no emphasis marks or page markers.
	tel := &recto.Document{Title: "Telegram", Status: recto.StatusPublished, Texts: []recto.Text{{Kind: recto.Transcript,
		Lang: "en", Body: "137\\. Received 10 p.m.\n\n[[page p. 3]]The Governor [Kumul Hami] replied about the *zebu* herds."}}}
	must(t, a.db.CreateDocument(context.Background(), tel))
	for query, want := range map[string]string{
		"zebu":     "… [Kumul Hami] replied about the zebu herds.",
		"received": "137. Received 10 p.m. The Governor [Kumul Hami] replied about the zebu herds.",
	} {
		res = a.search(t, recto.SearchRequest{Query: query})
		if len(res.Hits) != 1 {
			t.Fatalf("%s: %d hits", query, len(res.Hits))
		}
		text.Reset()
		for _, f := range res.Hits[0].Snippet {
			text.WriteString(f.Text)
		}
		if got := text.String(); got != want {
			t.Errorf("snippet for %s: %q, want %q", query, got, want)
		}
	}
}

func TestCatchUp(t *testing.T) { storetest.Run(t, testCatchUp) }

func testCatchUp(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	ctx := context.Background()
	// A change made by anyone shows in the next search.
	d := a.docs["draft"]
	d.Status = recto.StatusPublished
	must(t, a.db.UpdateDocument(ctx, d))
	a.want(t, "quagga", "draft")
	d.Texts[0].Body = "Only an okapi now."
	must(t, a.db.UpdateDocument(ctx, d))
	a.want(t, "quagga")
	a.want(t, "okapi", "draft")
	d.Status = recto.StatusWithdrawn
	must(t, a.db.UpdateDocument(ctx, d))
	a.want(t, "okapi")
	// A new variant name of an authority is searchable at once.
	yining := a.places["yining"]
	yining.Variants = append(yining.Variants, recto.Name{Name: "Ining"})
	must(t, a.db.UpdatePlace(ctx, yining))
	a.want(t, "Ining", "letter", "schools")
	// Moving a place moves its documents in the hierarchy.
	yining.ParentID = a.places["ussr"].ID
	must(t, a.db.UpdatePlace(ctx, yining))
	if p := facet(a.search(t, recto.SearchRequest{}), recto.FacetPlace); p["Soviet Union"].Count != 3 || p["China"].Count != 1 {
		t.Errorf("after the move: %+v", p)
	}
}

func TestSnippets_Formats(t *testing.T) { storetest.Run(t, testSnippets_Formats) }

// A plain or HTML text is indexed and shown in snippets by its words: a
// plain text's marks as typed, an HTML text's words without its tags or
// entities; markup in either is never shown nor found.
func testSnippets_Formats(t *testing.T, db storetest.Store) {
	a := newArchive(t, db)
	ctx := context.Background()
	must(t, a.db.CreateDocument(ctx, &recto.Document{Title: "Plain", Status: recto.StatusPublished, Texts: []recto.Text{{
		Kind: recto.Transcript, Lang: "en", Format: recto.PlainText, Body: "227. Wombat\n1) *as typed* [Kumul Hami]"}}}))
	must(t, a.db.CreateDocument(ctx, &recto.Document{Title: "HTML", Status: recto.StatusPublished, Texts: []recto.Text{{
		Kind: recto.Transcript, Lang: "en", Format: recto.HTML,
		Body: `<p class="MsoNormal">137. Numbat <em>herds</em> &amp; [Kumul Hami]<br><a href="https://x.example/classname">spanned</a></p>`}}}))
	for query, want := range map[string]string{
		"wombat": "227. Wombat 1) *as typed* [Kumul Hami]",
		"numbat": "137. Numbat herds & [Kumul Hami] spanned",
	} {
		res := a.search(t, recto.SearchRequest{Query: query})
		if len(res.Hits) != 1 {
			t.Fatalf("%s: %d hits", query, len(res.Hits))
		}
		var text strings.Builder
		for _, f := range res.Hits[0].Snippet {
			text.WriteString(f.Text)
		}
		if got := text.String(); got != want {
			t.Errorf("snippet for %s: %q, want %q", query, got, want)
		}
	}
	for _, markup := range []string{"msonormal", "classname", "href", "em"} {
		if res := a.search(t, recto.SearchRequest{Query: markup}); len(res.Hits) != 0 {
			t.Errorf("markup %q found in %d documents", markup, len(res.Hits))
		}
	}
}
