package recto

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// SearchSort orders search results.
type SearchSort string

// Search orders. Relevance is the default when the query has words to rank
// by; without words, results come in date order.
const (
	SortRelevance SearchSort = "relevance"
	SortDateAsc   SearchSort = "date"
	SortDateDesc  SearchSort = "-date"
	SortTitle     SearchSort = "title"
	SortAdded     SearchSort = "added" // most recently published first
)

// Valid reports whether s is a known order ("" counts as the default).
func (s SearchSort) Valid() bool {
	switch s {
	case "", SortRelevance, SortDateAsc, SortDateDesc, SortTitle, SortAdded:
		return true
	}
	return false
}

// Facet names: the dimensions search results are counted by and filtered on.
const (
	FacetCollection     = "collection"
	FacetPerson         = "person"
	FacetPlace          = "place"
	FacetSubject        = "subject"
	FacetLanguage       = "lang"        // language of the original
	FacetTranslation    = "translation" // language of a translation
	FacetRepository     = "repository"
	FacetClassification = "classification"
	FacetType           = "type"
	FacetFunder         = "funder"
	FacetTranslator     = "translator"
	FacetDecade         = "decade"
	FacetYear           = "year"
)

// Facets lists the facet names in the order a results page shows them.
var Facets = []string{FacetCollection, FacetPerson, FacetPlace, FacetSubject, FacetLanguage, FacetTranslation,
	FacetRepository, FacetClassification, FacetType, FacetFunder, FacetTranslator, FacetDecade, FacetYear}

// A search page is bounded: to serve one the engine ranks Offset+Limit
// results and reads Limit documents from the store, so it refuses
// (EINVALID) an Offset past MaxSearchOffset or a Limit past MaxSearchLimit
// rather than spend memory and time a caller chose. Callers that page cap
// their page numbers to stay within them.
const (
	MaxSearchOffset = 10_000
	MaxSearchLimit  = 1_000
)

// Thousands writes n with commas between its thousands, as messages to
// readers write counts: 10,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// SearchRequest is one search.
type SearchRequest struct {
	Query string // in the query language of package query
	// Filters holds the selected facet values by facet name: values of one
	// facet combine with OR, different facets with AND.
	Filters map[string][]string
	// Require narrows the results further, as the query does: a result
	// must have at least one of the keys of each of these selections.
	// Unlike Filters, they are not shown as selections, and a facet may
	// appear in several (a result about both Ghulja and Urumqi). Facets
	// are counted over the narrowed results.
	Require []FacetSelection
	Sort    SearchSort
	Offset  int
	Limit   int
}

// FacetSelection is some values of one facet.
type FacetSelection struct {
	Facet string
	Keys  []string
}

// SearchResult is one page of results, with the counts of the whole result set.
type SearchResult struct {
	Total    int
	Hits     []SearchHit
	Facets   []Facet
	Years    []YearCount // documents per year over the whole result set, for a histogram
	Problems []string    // what was wrong with the query, for the reader
	// Highlight holds the query's words that matched, for highlighting on
	// the document page.
	Highlight []string
}

// SearchHit is one result.
type SearchHit struct {
	Document *DocumentSummary
	// Snippet is a passage of the text that matched, in fragments; matching
	// words are fragments with Match set.
	Snippet []Fragment
	// SnippetLang is the language of the snippet's text.
	SnippetLang string
}

// Fragment is a piece of a snippet.
type Fragment struct {
	Text  string
	Match bool
}

// Facet is the counts of one facet's values over the whole result set.
type Facet struct {
	Name   string
	Values []FacetValue
}

// FacetValue is a value of a facet and the number of results that have it.
// Values of hierarchical facets (places, subjects, collections) carry their
// parent's key, and a parent counts every result of its children.
type FacetValue struct {
	Key      string
	Label    string
	Count    int
	Selected bool
	Parent   string // key of the broader value, "" at the top
}

// YearCount is the number of results dated in a year.
type YearCount struct {
	Year  int
	Count int
}

// SearchService finds published documents.
type SearchService interface {
	// Search runs a request. A malformed query is not an error: its problems
	// come back in the result, as do notes when the search stopped at its
	// budget of work or the index is catching up with recent changes.
	// EINVALID only for an unknown sort or facet, or a page out of bounds
	// (MaxSearchOffset, MaxSearchLimit); EUNAVAILABLE while the index is
	// first built.
	Search(ctx context.Context, req SearchRequest) (*SearchResult, error)
}

// SearchFromParams reads a search from URL parameters as the site writes
// them: q (trimmed), each facet name (repeatable; its values sorted, with
// duplicates and empty ones dropped) and sort ("relevance" is the
// default). Other parameters are the caller's. An unknown sort is EINVALID.
func SearchFromParams(v url.Values) (SearchRequest, error) {
	req := SearchRequest{Query: strings.TrimSpace(v.Get("q")), Filters: map[string][]string{}, Sort: SearchSort(v.Get("sort"))}
	if req.Sort == SortRelevance {
		req.Sort = ""
	}
	if !req.Sort.Valid() {
		return req, Errorf(EINVALID, "Unknown sort order %q.", req.Sort)
	}
	for _, f := range Facets {
		keys := slices.Compact(slices.Sorted(slices.Values(v[f])))
		keys = slices.DeleteFunc(keys, func(k string) bool { return k == "" })
		if len(keys) > 0 {
			req.Filters[f] = keys
		}
	}
	return req, nil
}

// Params writes the search's query, facet selections (in the order of
// Facets) and sort, when not the default, as encoded URL parameters in one
// fixed order, so that every search has one address.
func (r SearchRequest) Params() []string {
	var parts []string
	add := func(k, v string) { parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v)) }
	if r.Query != "" {
		add("q", r.Query)
	}
	for _, f := range Facets {
		for _, k := range r.Filters[f] {
			add(f, k)
		}
	}
	if r.Sort != "" {
		add("sort", string(r.Sort))
	}
	return parts
}
