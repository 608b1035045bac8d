package wilson

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto/edtf"
)

// publishedDocuments is how many published documents the sampled archive
// holds: three of the fixture's (its draft left out) and 21 of the sample's
// 23 (a draft and a withdrawn document left out).
const publishedDocuments = 24

// hasID reports whether the list field of rec holds an object with id.
func hasID(rec map[string]any, field, id string) bool {
	return slices.Contains(listIDs(rec[field]), id)
}

// coveredBy reports whether a coverage of rec is id or lies under it.
func coveredBy(rec map[string]any, id string) bool {
	list, _ := rec["original_coverages"].([]any)
	for _, c := range list {
		for m, _ := c.(map[string]any); m != nil; m, _ = m["parent"].(map[string]any) {
			if m["id"] == id {
				return true
			}
		}
	}
	return false
}

// TestRecordSearchFilters: each filter narrows the results to documents
// that have the value, under the [] name and the bare one alike.
func TestRecordSearchFilters(t *testing.T) {
	a := newSampled(t)
	ref := a.ref
	id := func(n int64) string { return fmt.Sprint(n) }
	all := a.search(t, "model=Record").Pagination.TotalItems
	if all != publishedDocuments {
		t.Fatalf("record.json?model=Record finds %d documents, want %d", all, publishedDocuments)
	}
	tests := []struct {
		param string
		value string
		holds func(rec map[string]any) bool
	}{
		{"collection", id(ref.Child.ID), func(r map[string]any) bool { return hasID(r, "collections", id(ref.Child.ID)) }},
		{"subject", id(ref.Subject.ID), func(r map[string]any) bool { return hasID(r, "subjects", id(ref.Subject.ID)) }},
		{"coverage", id(ref.Xinjiang.ID), func(r map[string]any) bool { return coveredBy(r, id(ref.Xinjiang.ID)) }},
		{"contributor", id(ref.ObtainedBy.ID), func(r map[string]any) bool { return hasID(r, "contributors", id(ref.ObtainedBy.ID)) }},
		{"donor", id(ref.Funder.ID), func(r map[string]any) bool { return hasID(r, "donors", id(ref.Funder.ID)) }},
		{"repository", id(ref.GARF.ID), func(r map[string]any) bool { return hasID(r, "repositories", id(ref.GARF.ID)) }},
		{"publisher", id(a.publisher.ID), func(r map[string]any) bool { return hasID(r, "publishers", id(a.publisher.ID)) }},
		{"language", "rus", func(r map[string]any) bool { return hasID(r, "languages", "rus") }},
		{"language", "chi", func(r map[string]any) bool { return hasID(r, "languages", "chi") }},
		{"language", "zho", func(r map[string]any) bool { return hasID(r, "languages", "chi") }},
		{"translation", "rus", func(r map[string]any) bool {
			list, _ := r["translations"].([]any)
			return slices.ContainsFunc(list, func(v any) bool {
				lang, _ := v.(map[string]any)["language"].(map[string]any)
				return lang["id"] == "rus"
			})
		}},
	}
	for _, tt := range tests {
		for _, name := range []string{tt.param, tt.param + "[]"} {
			q := "model=Record&itemsPerPage=100&" + url.QueryEscape(name) + "=" + tt.value
			res := a.search(t, q)
			n := res.Pagination.TotalItems
			if n == 0 || n >= all {
				t.Errorf("%s: %d of %d documents, want fewer but some", q, n, all)
			}
			if len(res.List) != n {
				t.Errorf("%s: lists %d of %d", q, len(res.List), n)
			}
			for _, docID := range res.ids() {
				if rec := a.record(t, docID); !tt.holds(rec) {
					t.Errorf("%s: record %s does not have the value", q, docID)
				}
			}
		}
	}
	// The archive as publisher narrows nothing.
	if n := a.search(t, "model=Record&publisher=0").Pagination.TotalItems; n != all {
		t.Errorf("publisher=0 finds %d, want all %d", n, all)
	}
	// A parent collection finds the documents of its sub-collections too.
	parent := a.search(t, "model=Record&collection[]="+id(ref.Collection.ID)).ids()
	for _, d := range []int64{ref.Document.ID, ref.Enclosure.ID, ref.Related.ID} {
		if !slices.Contains(parent, id(d)) {
			t.Errorf("collection[]=%d misses document %d", ref.Collection.ID, d)
		}
	}
	// An unknown ID finds nothing.
	if n := a.search(t, "collection[]=999999").Pagination.TotalItems; n != 0 {
		t.Errorf("an unknown collection finds %d", n)
	}
}

// TestRecordSearchFiltersCombineWithAND: two filters, and two values of one
// filter, each must hold.
func TestRecordSearchFiltersCombineWithAND(t *testing.T) {
	a := newSampled(t)
	ili := fmt.Sprint(a.collectionID(t, "Ili Valley Correspondence, 1934–1955"))
	consular := fmt.Sprint(a.collectionID(t, "Consular and Commercial Reports"))
	count := func(q string) (int, []string) {
		r := a.search(t, "model=Record&itemsPerPage=100&"+q)
		return r.Pagination.TotalItems, r.ids()
	}
	nIli, _ := count("collection[]=" + ili)
	nConsular, _ := count("collection[]=" + consular)
	nBoth, both := count("collection[]=" + ili + "&collection[]=" + consular)
	if nBoth == 0 || nBoth >= nIli || nBoth >= nConsular {
		t.Errorf("collection %s AND %s: %d (each alone %d and %d), want fewer than either but some", ili, consular, nBoth, nIli, nConsular)
	}
	for _, d := range both {
		rec := a.record(t, d)
		if !hasID(rec, "collections", ili) || !hasID(rec, "collections", consular) {
			t.Errorf("record %s is not in both collections: %v", d, listIDs(rec["collections"]))
		}
	}
	if n, _ := count("collection[]=" + consular + "&collection=" + ili); n != nBoth {
		t.Errorf("collection[] and collection combine to %d, want %d", n, nBoth)
	}

	nRus, _ := count("language=rus")
	nRusIli, rusIli := count("language=rus&collection[]=" + ili)
	if nRusIli == 0 || nRusIli >= nRus || nRusIli >= nIli {
		t.Errorf("language=rus AND collection %s: %d (alone %d and %d)", ili, nRusIli, nRus, nIli)
	}
	for _, d := range rusIli {
		rec := a.record(t, d)
		if !hasID(rec, "languages", "rus") {
			t.Errorf("record %s is not in Russian", d)
		}
	}

	// Two people of one document, and a third who shares no document.
	sabiri := fmt.Sprint(a.agentID(t, "Nurmuhammad Sabiri"))
	zaretsky := fmt.Sprint(a.agentID(t, "Pavel Zaretsky"))
	nS, _ := count("contributor[]=" + sabiri)
	nZ, _ := count("contributor[]=" + zaretsky)
	nSZ, sz := count("contributor[]=" + sabiri + "&contributor[]=" + zaretsky)
	if nSZ == 0 || nSZ > min(nS, nZ) {
		t.Errorf("contributors %s AND %s: %d (alone %d and %d)", sabiri, zaretsky, nSZ, nS, nZ)
	}
	for _, d := range sz {
		rec := a.record(t, d)
		if !hasID(rec, "contributors", sabiri) || !hasID(rec, "contributors", zaretsky) {
			t.Errorf("record %s lacks one of the contributors", d)
		}
	}
	if n, _ := count("contributor[]=" + sabiri + "&contributor[]=" + fmt.Sprint(a.ref.Author.ID)); n != 0 {
		t.Errorf("contributors who share no document find %d", n)
	}
	// Two values of one filter, and pages of the result.
	r := a.search(t, "model=Record&itemsPerPage=1&page=2&collection[]="+ili+"&collection[]="+consular)
	if r.Pagination.TotalItems != nBoth || r.Pagination.TotalPages != nBoth || len(r.List) != 1 || r.List[0]["id"] != both[1] {
		t.Errorf("page 2 of 1 of the AND search: %+v %v, want item %s of %d", r.Pagination, r.ids(), both[1], nBoth)
	}
}

// TestRecordSearchDates: start_date and end_date, YYYYMMDD, keep the
// documents whose dates overlap the range.
func TestRecordSearchDates(t *testing.T) {
	a := newSampled(t)
	ctx := context.Background()
	letter := fmt.Sprint(a.ref.Document.ID)
	all := a.search(t, "model=Record").Pagination.TotalItems
	day := func(y int64, m, d int) edtf.Day { return edtf.DayOf(y, m, d) }
	tests := []struct {
		query    string
		letter   bool
		from, to edtf.Day
	}{
		{"start_date=19450101&end_date=19451231", true, day(1945, 1, 1), day(1945, 12, 31)},
		{"start_date=19450422&end_date=19450422", true, day(1945, 4, 22), day(1945, 4, 22)},
		{"start_date=1945-04-22&end_date=1945-04-22", true, day(1945, 4, 22), day(1945, 4, 22)},
		{"start_date=19460101", false, day(1946, 1, 1), day(9999, 12, 31)},
		{"end_date=19301231", false, day(1, 1, 1), day(1930, 12, 31)},
		{"start_date=19450423&end_date=19450430", false, day(1945, 4, 23), day(1945, 4, 30)},
	}
	for _, tt := range tests {
		r := a.search(t, "model=Record&itemsPerPage=100&"+tt.query)
		n := r.Pagination.TotalItems
		if n == 0 || n >= all {
			t.Errorf("%s: %d of %d documents, want fewer but some", tt.query, n, all)
		}
		if got := slices.Contains(r.ids(), letter); got != tt.letter {
			t.Errorf("%s: finds the letter %v, want %v", tt.query, got, tt.letter)
		}
		for _, id := range r.ids() {
			var n int64
			fmt.Sscan(id, &n)
			d, err := a.db.FindDocumentByID(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			first, ok1 := d.Date.Earliest()
			last, ok2 := d.Date.Latest()
			if !ok1 || !ok2 || first > tt.to || last < tt.from {
				t.Errorf("%s: record %s dated %s does not overlap the range", tt.query, id, d.Date)
			}
		}
	}
	// Dates and words combine, and no word of q reaches the date filter.
	r := a.search(t, "model=Record&start_date=19450101&end_date=19451231&q="+url.QueryEscape("Alihan OR"))
	if !slices.Contains(r.ids(), letter) {
		t.Errorf("q=Alihan OR with 1945 misses the letter: %v", r.ids())
	}
	r = a.search(t, "model=Record&start_date=19100101&end_date=19201231&q="+url.QueryEscape(`OR "Alihan`))
	if slices.Contains(r.ids(), letter) {
		t.Errorf("q with an unclosed quote escapes the date filter: %v", r.ids())
	}
}

// TestRecordSearchPagination checks the paging arithmetic.
func TestRecordSearchPagination(t *testing.T) {
	a := newSampled(t)
	all := publishedDocuments
	def := a.search(t, "model=Record")
	if def.Pagination.Page != 1 || len(def.List) != 10 || def.Pagination.TotalPages != 3 || def.Pagination.TotalItems != all {
		t.Errorf("defaults: %+v with %d items, want page 1 of 3, 10 items, %d in all", def.Pagination, len(def.List), all)
	}
	var seen []string
	for page := 1; page <= 5; page++ {
		r := a.search(t, fmt.Sprintf("model=Record&itemsPerPage=5&page=%d", page))
		want := min(5, all-(page-1)*5)
		if r.Pagination.Page != page || r.Pagination.TotalPages != 5 || r.Pagination.TotalItems != all || len(r.List) != want {
			t.Errorf("page %d of 5: %+v with %d items, want %d", page, r.Pagination, len(r.List), want)
		}
		seen = append(seen, r.ids()...)
	}
	slices.Sort(seen)
	if len(slices.Compact(seen)) != all {
		t.Errorf("five pages of five list %d distinct documents, want %d", len(seen), all)
	}
	for _, q := range []string{"page=6&itemsPerPage=5", "page=1000000000&itemsPerPage=100", "page=20000&itemsPerPage=100"} {
		r := a.search(t, "model=Record&"+q)
		if len(r.List) != 0 || r.Pagination.TotalItems != all || r.Pagination.TotalPages != (all+perPageOf(q)-1)/perPageOf(q) {
			t.Errorf("%s: %+v with %d items, want none past the end", q, r.Pagination, len(r.List))
		}
	}
	big := a.search(t, "model=Record&itemsPerPage=200")
	if len(big.List) != all || big.Pagination.TotalPages != 1 {
		t.Errorf("itemsPerPage=200: %+v with %d items, want all in one page", big.Pagination, len(big.List))
	}
	one := a.search(t, fmt.Sprintf("model=Record&itemsPerPage=1&page=%d", all))
	if len(one.List) != 1 || one.Pagination.TotalPages != all {
		t.Errorf("the last page of one: %+v", one.Pagination)
	}
	none := a.search(t, "model=Record&q=zzzyxxq")
	if none.Pagination.TotalItems != 0 || none.Pagination.TotalPages != 0 || none.List == nil || len(none.List) != 0 {
		t.Errorf("no match: %+v %v, want 0 items, 0 pages and an empty list", none.Pagination, none.List)
	}
	if got := paginate(3, 10, 21); got != (pagination{Page: 3, TotalPages: 3, TotalItems: 21}) {
		t.Errorf("paginate(3, 10, 21) = %+v", got)
	}
}

func perPageOf(q string) int {
	v, _ := url.ParseQuery(q)
	var n int
	fmt.Sscan(v.Get("itemsPerPage"), &n)
	return n
}

// TestRecordSearchModel: model=Record lists documents, model=Collection
// collections, no model both (documents first).
func TestRecordSearchModel(t *testing.T) {
	a := newSampled(t)
	const collections = 5
	rec := a.search(t, "model=Record&itemsPerPage=100")
	col := a.search(t, "model=Collection&itemsPerPage=100")
	both := a.search(t, "itemsPerPage=100")
	if rec.Pagination.TotalItems != publishedDocuments || col.Pagination.TotalItems != collections ||
		both.Pagination.TotalItems != publishedDocuments+collections {
		t.Fatalf("Record %d, Collection %d, both %d", rec.Pagination.TotalItems, col.Pagination.TotalItems, both.Pagination.TotalItems)
	}
	for i, item := range both.List {
		want := "Record"
		if i >= publishedDocuments {
			want = "Collection"
		}
		if item["model"] != want {
			t.Errorf("item %d is a %v, want a %s", i, item["model"], want)
		}
	}
	// A page straddling documents and collections.
	r := a.search(t, "itemsPerPage=5&page=5")
	if len(r.List) != 5 || r.List[3]["model"] != "Record" || r.List[4]["model"] != "Collection" {
		t.Errorf("page 5 of 5 a page: %v", r.List)
	}
	r = a.search(t, "itemsPerPage=5&page=6")
	if len(r.List) != 4 || r.List[0]["model"] != "Collection" {
		t.Errorf("page 6: %v", r.List)
	}
	// Words find collections by title and description; filters find documents only.
	ghulja := a.search(t, "model=Collection&q=ghulja")
	if ghulja.Pagination.TotalItems != 1 || ghulja.List[0]["name"] != "The Ghulja Talks, 1945" {
		t.Errorf("model=Collection&q=ghulja: %v", ghulja.List)
	}
	if n := a.search(t, "language=rus").List; slices.ContainsFunc(n, func(m map[string]any) bool { return m["model"] == "Collection" }) {
		t.Errorf("a filtered search lists collections")
	}
	for _, m := range []string{"record", "RECORD", " Record "} {
		if n := a.search(t, "model="+url.QueryEscape(m)).Pagination.TotalItems; n != publishedDocuments {
			t.Errorf("model=%q: %d", m, n)
		}
	}
}

// TestRecordSearchQuery: q is Recto's query language.
func TestRecordSearchQuery(t *testing.T) {
	a := newSampled(t)
	letter := fmt.Sprint(a.ref.Document.ID)
	for _, q := range []string{"Alihan", "Shakirjan", "stalin", `"Marshal Stalin"`, "title:alihan", "Kulja letter"} {
		r := a.search(t, "model=Record&q="+url.QueryEscape(q))
		if !slices.Contains(r.ids(), letter) {
			t.Errorf("q=%s misses the letter: %v", q, r.ids())
		}
		if r.Pagination.TotalItems >= publishedDocuments {
			t.Errorf("q=%s finds everything", q)
		}
	}
	if r := a.search(t, "model=Record&q="+url.QueryEscape("alihan -stalin")); slices.Contains(r.ids(), letter) {
		t.Errorf("q=alihan -stalin finds the letter")
	}
}

// TestOddParameters: odd input answers 200 or 400, as JSON, never 500.
func TestOddParameters(t *testing.T) {
	a := newSampled(t)
	var many string
	for i := 1; i <= 21; i++ {
		many += fmt.Sprintf("collection[]=%d&", i)
	}
	tests := []struct {
		query string
		want  int
	}{
		{"", 200},
		{"q=", 200},
		{"q=%00%01%ff", 400}, // not text: refused, not dropped (web.CheckParam)
		{"q=" + url.QueryEscape("(((("), 200},
		{"q=" + url.QueryEscape("))))"), 200},
		{"q=" + url.QueryEscape(`"`), 200},
		{"q=OR", 200},
		{"q=-", 200},
		{"q=*", 200},
		{"q=date:", 200},
		{"q=date:1950..1940", 200},
		{"q=" + strings.Repeat("stalin+", 285), 200},
		{"q=" + strings.Repeat("stalin+", 3000), 400}, // past web.MaxParamBytes
		{"q=foo:bar", 200},
		{"unknown=1&theme=8", 200},
		{"page=0", 400},
		{"page=-1", 400},
		{"page=abc", 400},
		{"page=1.5", 400},
		{"page=99999999999999999999", 400},
		{"page=1000000001", 400},
		{"page=1000000000", 200},
		{"page=+2", 200},
		{"itemsPerPage=0", 400},
		{"itemsPerPage=-3", 400},
		{"itemsPerPage=ten", 400},
		{"itemsPerPage=99999999999999999999", 200},
		{"itemsPerPage=1000", 200},
		{"collection[]=abc", 400},
		{"collection[]=0", 400},
		{"collection[]=-5", 400},
		{"collection[]=1.0", 400},
		{"collection[]=99999999999999999999", 400},
		{"collection[]=999999", 200},
		{"collection[]=", 200},
		{"collection[]=1&collection[]=1", 200},
		{many, 400},
		{"subject[]=x", 400},
		{"coverage[]=x", 400},
		{"contributor[]=x", 400},
		{"donor[]=x", 400},
		{"repository=x", 400},
		{"publisher=x", 400},
		{"publisher=0", 200},
		{"language=ru", 200},
		{"language=und", 200},
		{"language=russian", 400},
		{"language=r", 400},
		{"language=123", 400},
		{"language=ру", 400},
		{"translation=xx", 200},
		{"translation=english", 400},
		{"start_date=", 200},
		{"start_date=1945", 400},
		{"start_date=194504", 400},
		{"start_date=19451301", 400},
		{"start_date=19450230", 400},
		{"start_date=19450229", 400},
		{"start_date=19440229", 200},
		{"start_date=00000101", 200},
		{"start_date=abcdefgh", 400},
		{"start_date=1945-0422", 400},
		{"start_date=1945/04/22", 400},
		{"start_date=-9450422", 400},
		{"start_date=19460101&end_date=19450101", 400},
		{"end_date=99991231", 200},
		{"model=Theme", 400},
		{"model=", 200},
	}
	for _, tt := range tests {
		rr := httptestGet(a, "/srv/record.json?"+tt.query)
		if rr.Code != tt.want {
			t.Errorf("record.json?%.80s: %d, want %d: %.300s", tt.query, rr.Code, tt.want, rr.Body)
		}
		if ct := rr.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("record.json?%.80s: Content-Type %q", tt.query, ct)
		}
	}
	for _, kind := range []string{"collection", "subject", "coverage", "contributor", "repository"} {
		for _, q := range []string{"term=", "term=" + url.QueryEscape(`"((-x OR`), "term=" + strings.Repeat("a", 2000)} {
			if code, body := a.get(t, "/srv/"+kind+".json?"+q); code != http.StatusOK {
				t.Errorf("%s.json?%.40s: %d %s", kind, q, code, body)
			}
		}
		// Not text, or past web.MaxParamBytes: refused (TestParamsNotText).
		for _, q := range []string{"term=%00", "term=" + strings.Repeat("a", 5000)} {
			if code, body := a.get(t, "/srv/"+kind+".json?"+q); code != http.StatusBadRequest {
				t.Errorf("%s.json?%.40s: %d %s, want 400", kind, q, code, body)
			}
		}
	}
	if code, _ := a.get(t, "/srv/collection.json?page=0"); code != http.StatusBadRequest {
		t.Errorf("collection.json?page=0: %d, want 400", code)
	}
}
