package http

import (
	"slices"
	"testing"

	"github.com/recto-archive/recto"
)

// Pages of a search stop at the last one it can reach, and link to pages by
// the state's canonical URLs, never the request's.
func TestSearchState_Paginate(t *testing.T) {
	s := searchState{Query: "kulja", Filters: map[string][]string{"lang": {"ru"}}, PerPage: 25, Page: 1}
	p, err := s.paginate(50_000)
	if err != nil || p.Pages != 400 || p.LastURL != "/search?q=kulja&lang=ru&per=25&page=400" || p.Next != "/search?q=kulja&lang=ru&per=25&page=2" {
		t.Errorf("first page: %+v, %v", p, err)
	}
	s.Page = 400
	p, err = s.paginate(50_000)
	if err != nil || p.First != 9976 || p.Last != 10_000 || p.Next != "" || p.Prev != "/search?q=kulja&lang=ru&per=25&page=399" {
		t.Errorf("last page: %+v, %v", p, err)
	}
	if lastSearchPage(10) != 1000 || lastSearchPage(50) != 200 {
		t.Errorf("last pages %d, %d", lastSearchPage(10), lastSearchPage(50))
	}
}

func TestSearchState_Notes(t *testing.T) {
	s := searchState{Cut: []string{"The query is too long."}}
	got := s.notes(&recto.SearchResult{Total: 50_000, Problems: []string{"Unknown field."}})
	want := []string{"The query is too long.", "Unknown field.", "Only the first 10,000 of these 50,000 results can be paged through: " +
		"add words or choose a filter to narrow the search, or change its order, to reach the others."}
	if !slices.Equal(got, want) {
		t.Errorf("notes %q, want %q", got, want)
	}
	if got := s.notes(&recto.SearchResult{Total: 10_000}); !slices.Equal(got, s.Cut) {
		t.Errorf("notes %q", got)
	}
}
