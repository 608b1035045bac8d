package feed

import (
	"net/url"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
)

// searchQuery is what a search feed depends on in the query string of
// /search.
//
// parseSearch mirrors the site's own parsing (readSearchState in package
// http, which is unexported) for the parameters a feed uses, so that the
// query string of any results page works after /search.atom: q is trimmed;
// each facet parameter (the recto.Facet* names) may repeat, and its values
// are sorted with duplicates and empty ones dropped; sort must be a known
// order ("relevance" being the default). The paging parameters per and page
// and any unknown parameter are ignored: a feed has no pages.
type searchQuery struct {
	Query   string
	Filters map[string][]string // facet → selected keys, sorted
	Sort    recto.SearchSort
}

// parseSearch reads a search from a query string; a bad sort is EINVALID.
func parseSearch(v url.Values) (searchQuery, error) {
	q := searchQuery{Query: strings.TrimSpace(v.Get("q")), Filters: map[string][]string{},
		Sort: recto.SearchSort(v.Get("sort"))}
	if q.Sort == recto.SortRelevance {
		q.Sort = ""
	}
	if !q.Sort.Valid() {
		return q, recto.Errorf(recto.EINVALID, "Unknown sort order %q.", q.Sort)
	}
	for _, f := range recto.Facets {
		keys := slices.Compact(slices.Sorted(slices.Values(v[f])))
		keys = slices.DeleteFunc(keys, func(k string) bool { return k == "" })
		if len(keys) > 0 {
			q.Filters[f] = keys
		}
	}
	return q, nil
}

// encode writes the search as a query string ("?q=…&collection=…", or ""
// when there is nothing to write) with its parameters in the site's fixed
// order, and with sort set to the given order unless it is empty.
func (q searchQuery) encode(sort recto.SearchSort) string {
	var parts []string
	add := func(k, v string) { parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v)) }
	if q.Query != "" {
		add("q", q.Query)
	}
	for _, f := range recto.Facets {
		for _, k := range q.Filters[f] {
			add(f, k)
		}
	}
	if sort != "" {
		add("sort", string(sort))
	}
	if len(parts) == 0 {
		return ""
	}
	return "?" + strings.Join(parts, "&")
}

// selectedLabels returns the labels of the selected facet values, in the
// order the results page shows the facets, for a feed's title.
func selectedLabels(facets []recto.Facet) []string {
	var labels []string
	for _, f := range facets {
		for _, v := range f.Values {
			if v.Selected {
				label := v.Label
				if label == "" {
					label = v.Key
				}
				labels = append(labels, label)
			}
		}
	}
	return labels
}
