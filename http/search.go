package http

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/query"
)

// Page sizes a reader may choose; the first is the default.
var perPageChoices = []int{10, 25, 50}

// sortChoices are the orders offered, with their labels; relevance first.
var sortChoices = []struct {
	Sort  recto.SearchSort
	Label string
}{
	{recto.SortRelevance, "Relevance"},
	{recto.SortDateAsc, "Date, oldest first"},
	{recto.SortDateDesc, "Date, newest first"},
	{recto.SortTitle, "Title"},
	{recto.SortAdded, "Recently added"},
}

// facetTitles are the headings of the facets on the results page.
var facetTitles = map[string]string{
	recto.FacetCollection: "Collection", recto.FacetPerson: "Person or organisation", recto.FacetPlace: "Place",
	recto.FacetSubject: "Subject", recto.FacetLanguage: "Original language", recto.FacetTranslation: "Translation",
	recto.FacetRepository: "Repository", recto.FacetClassification: "Classification", recto.FacetType: "Type",
	recto.FacetFunder: "Funder", recto.FacetTranslator: "Translator", recto.FacetDecade: "Decade", recto.FacetYear: "Year",
}

// searchState is everything a results page depends on, read from the URL.
// Its URL method writes it back in one canonical form.
type searchState struct {
	Query   string // cut to what is searched (query.Cut)
	Cut     []string
	Filters map[string][]string // facet → selected keys, sorted
	Sort    recto.SearchSort
	PerPage int
	Page    int
}

// readSearchState parses the query string. Unknown parameters are ignored;
// a bad sort, page size or page number is EINVALID, as is a page past the
// results a search can reach (lastSearchPage). The query is cut to the part
// that is searched before anything shows it again, and Cut says why.
func readSearchState(q url.Values) (searchState, error) {
	req, err := recto.SearchFromParams(q)
	s := searchState{Filters: req.Filters, Sort: req.Sort, PerPage: perPageChoices[0], Page: 1}
	var cut []query.Problem
	s.Query, cut = query.Cut(req.Query)
	s.Query = strings.TrimSpace(s.Query)
	for _, p := range cut {
		s.Cut = append(s.Cut, p.Message)
	}
	if err != nil {
		return s, err
	}
	if n := selections(s.Filters); n > maxSelections {
		return s, recto.Errorf(recto.EINVALID, "A search can select up to %d facet values at once; this one selects %d. "+
			"Remove some, or search for words instead.", maxSelections, n)
	}
	if v := q.Get("per"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(perPageChoices, n) {
			return s, recto.Errorf(recto.EINVALID, "Results per page must be 10, 25 or 50.")
		}
		s.PerPage = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case errors.Is(err, strconv.ErrRange) || err == nil && n > lastSearchPage(s.PerPage):
			return s, recto.Errorf(recto.EINVALID, "Search results can be paged through as far as result %s (page %s at %d a page); "+
				"this page is past it. Add words or choose a filter to narrow the search, or change its order, to reach the others.",
				recto.Thousands(recto.MaxSearchOffset), recto.Thousands(lastSearchPage(s.PerPage)), s.PerPage)
		case err != nil || n < 1:
			return s, recto.Errorf(recto.EINVALID, "The page number %.20q is not a positive whole number.", v)
		}
		s.Page = n
	}
	return s, nil
}

// maxSelections bounds the facet values a results page selects: every
// link of the page carries all of them, so the page grows with their
// square.
const maxSelections = 20

func selections(filters map[string][]string) int {
	n := 0
	for _, keys := range filters {
		n += len(keys)
	}
	return n
}

// lastSearchPage is the last page of results a search can reach: results
// past recto.MaxSearchOffset are counted but not ranked.
func lastSearchPage(per int) int { return recto.MaxSearchOffset / per }

// URL writes the state as /search with its parameters in a fixed order and
// defaults left out, so every state has exactly one address.
func (s searchState) URL() string {
	parts := recto.SearchRequest{Query: s.Query, Filters: s.Filters, Sort: s.Sort}.Params()
	add := func(k, v string) { parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v)) }
	if s.PerPage != perPageChoices[0] {
		add("per", strconv.Itoa(s.PerPage))
	}
	if s.Page > 1 {
		add("page", strconv.Itoa(s.Page))
	}
	if len(parts) == 0 {
		return "/search"
	}
	return "/search?" + strings.Join(parts, "&")
}

// notes are what the page tells the reader about the search: where the
// query was cut, what was wrong with it or short of its results, and that
// results past the last page a search reaches are counted, not shown.
func (s searchState) notes(res *recto.SearchResult) []string {
	notes := append(slices.Clone(s.Cut), res.Problems...)
	if res.Total > recto.MaxSearchOffset {
		notes = append(notes, fmt.Sprintf("Only the first %s of these %s results can be paged through: add words or choose "+
			"a filter to narrow the search, or change its order, to reach the others.",
			recto.Thousands(recto.MaxSearchOffset), recto.Thousands(res.Total)))
	}
	return notes
}

// paginate lays out the page of total results the state shows, with links
// as canonical as the state's; pages stop at the last a search can reach.
func (s searchState) paginate(total int) (pagination, error) {
	return paginateWith(s.Page, s.PerPage, min(total, recto.MaxSearchOffset), func(n int) string {
		c := s.clone()
		c.Page = n
		return c.URL()
	})
}

// clone copies the state with its own filters, to derive links from it.
func (s searchState) clone() searchState {
	c := s
	c.Filters = make(map[string][]string, len(s.Filters))
	for f, keys := range s.Filters {
		c.Filters[f] = slices.Clone(keys)
	}
	return c
}

// toggle returns the URL with a facet value added or, if selected, removed;
// changing the filters returns to the first page.
func (s searchState) toggle(facet, key string) string {
	c := s.clone()
	c.Page = 1
	if i := slices.Index(c.Filters[facet], key); i >= 0 {
		c.Filters[facet] = slices.Delete(c.Filters[facet], i, i+1)
		if len(c.Filters[facet]) == 0 {
			delete(c.Filters, facet)
		}
	} else {
		c.Filters[facet] = append(c.Filters[facet], key)
		slices.Sort(c.Filters[facet])
	}
	return c.URL()
}

// searchPage is the data of the search template.
type searchPage struct {
	page
	State      searchState
	Result     *recto.SearchResult
	Hits       []searchHit
	Facets     []facetView
	Active     []activeFilter
	ClearURL   string
	Sorts      []choice
	PerPages   []choice
	Histogram  *histogram
	Pagination pagination
	Notes      []string // what was wrong with the query, or short of it, for the reader
	Searched   bool     // a query or a filter was given
	// FeedURL is the Atom feed of this search: /search.atom and the same
	// query string; empty when nothing was searched for.
	FeedURL string
}

type searchHit struct {
	recto.SearchHit
	URL string // the document, with the query to highlight
}

type choice struct {
	Value, Label string
	Selected     bool
}

type facetView struct {
	Name, Title string
	Values      []facetValueView
	More        []facetValueView // beyond the first few, behind a disclosure
}

type facetValueView struct {
	recto.FacetValue
	URL   string
	Depth int // nesting under a listed broader value
}

type activeFilter struct {
	Facet, Label, RemoveURL string
}

// facetShown is how many values a facet lists before "more".
const facetShown = 8

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	state, err := readSearchState(r.URL.Query())
	if err != nil {
		return err
	}
	p := searchPage{State: state, Searched: state.Query != "" || len(state.Filters) > 0}
	p.page = s.newPage(r, "Search", "search", state.URL())
	p.SearchQuery = state.Query
	if p.Searched {
		feed := state.clone()
		feed.Page, feed.PerPage = 1, perPageChoices[0]
		p.FeedURL = strings.Replace(feed.URL(), "/search", "/search.atom", 1)
	}
	if state.Query != "" {
		p.page.Title = "Search: " + state.Query
	}
	p.Result, err = s.Search.Search(r.Context(), recto.SearchRequest{Query: state.Query, Filters: state.Filters,
		Sort: state.Sort, Offset: (state.Page - 1) * state.PerPage, Limit: state.PerPage})
	if err != nil {
		return err
	}
	p.Notes = state.notes(p.Result)
	if p.Pagination, err = state.paginate(p.Result.Total); err != nil {
		return err
	}
	p.Pagination.Noun, p.Pagination.NounOne = "results", "result"
	hl := strings.Join(p.Result.Highlight, " ")
	for _, h := range p.Result.Hits {
		u := documentURL(h.Document.ID)
		if hl != "" {
			u += "?hl=" + url.QueryEscape(hl)
		}
		p.Hits = append(p.Hits, searchHit{SearchHit: h, URL: u})
	}
	p.Facets, p.Active = facetViews(state, p.Result.Facets)
	clear := state.clone()
	clear.Filters, clear.Page = nil, 1
	p.ClearURL = clear.URL()
	for _, c := range sortChoices {
		p.Sorts = append(p.Sorts, choice{Value: string(c.Sort), Label: c.Label,
			Selected: c.Sort == state.Sort || c.Sort == recto.SortRelevance && state.Sort == ""})
	}
	for _, n := range perPageChoices {
		p.PerPages = append(p.PerPages, choice{Value: strconv.Itoa(n), Label: strconv.Itoa(n), Selected: n == state.PerPage})
	}
	p.Histogram = newHistogram(state, p.Result.Years)
	s.render(w, r, http.StatusOK, "search", p)
	return nil
}

// facetViews lays out the facets for the page: hierarchical values nested
// under their listed parents, selected values first, and the filters in
// force with a link to remove each.
func facetViews(state searchState, facets []recto.Facet) ([]facetView, []activeFilter) {
	var views []facetView
	var active []activeFilter
	for _, f := range facets {
		if len(f.Values) == 0 {
			continue
		}
		v := facetView{Name: f.Name, Title: facetTitles[f.Name]}
		for _, val := range nest(f.Values) {
			fv := facetValueView{FacetValue: val.FacetValue, URL: state.toggle(f.Name, val.Key), Depth: val.depth}
			if val.Selected {
				active = append(active, activeFilter{Facet: v.Title, Label: val.Label, RemoveURL: fv.URL})
			}
			if len(v.Values) < facetShown || val.Selected {
				v.Values = append(v.Values, fv)
			} else {
				v.More = append(v.More, fv)
			}
		}
		views = append(views, v)
	}
	return views, active
}

type nestedValue struct {
	recto.FacetValue
	depth int
}

// nest orders a facet's values so each follows its parent, indented, when
// the parent is listed too; the order among siblings is kept.
func nest(values []recto.FacetValue) []nestedValue {
	listed := map[string]bool{}
	for _, v := range values {
		listed[v.Key] = true
	}
	children := map[string][]recto.FacetValue{}
	var roots []recto.FacetValue
	for _, v := range values {
		if v.Parent != "" && listed[v.Parent] {
			children[v.Parent] = append(children[v.Parent], v)
		} else {
			roots = append(roots, v)
		}
	}
	var out []nestedValue
	var walk func(vs []recto.FacetValue, depth int)
	walk = func(vs []recto.FacetValue, depth int) {
		for _, v := range vs {
			out = append(out, nestedValue{v, depth})
			walk(children[v.Key], depth+1)
		}
	}
	walk(roots, 0)
	return out
}

// histogram is an inline SVG bar chart of results by year; each bar links
// to that year's filter.
type histogram struct {
	Bars          []bar
	Width, Height int
	First, Last   int
	Max           int
}

type bar struct {
	X, Y, W, H  int
	Year, Count int
	URL         string
	Label       string
}

const (
	histogramWidth  = 600
	histogramHeight = 80
)

func newHistogram(state searchState, years []recto.YearCount) *histogram {
	if len(years) < 2 {
		return nil
	}
	h := &histogram{Width: histogramWidth, Height: histogramHeight, First: years[0].Year, Last: years[len(years)-1].Year}
	for _, y := range years {
		h.Max = max(h.Max, y.Count)
	}
	span := h.Last - h.First + 1
	w := max(1, histogramWidth/span)
	for _, y := range years {
		height := max(2, y.Count*(histogramHeight-2)/h.Max)
		c := state.clone()
		c.Page = 1
		c.Filters[recto.FacetYear] = []string{strconv.Itoa(y.Year)}
		h.Bars = append(h.Bars, bar{X: (y.Year - h.First) * histogramWidth / span, Y: histogramHeight - height, W: max(1, w-1),
			H: height, Year: y.Year, Count: y.Count, URL: c.URL(),
			Label: fmt.Sprintf("%d: %s", y.Year, plural(y.Count, "result", "results"))})
	}
	return h
}
