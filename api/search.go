package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
)

// SearchResult is one page of search results with the counts of all of them.
type SearchResult struct {
	Data      []SearchHit `json:"data"`
	Next      *string     `json:"next"`
	Total     int         `json:"total"`
	Facets    []Facet     `json:"facets"`
	Years     []YearCount `json:"years"`
	Problems  []string    `json:"problems"`
	Highlight []string    `json:"highlight"`
}

// SearchHit is a result: the document and a passage that matched.
type SearchHit struct {
	Document DocumentSummary `json:"document"`
	Snippet  *Snippet        `json:"snippet"`
}

// Snippet is a passage of a text, in fragments; the words that matched are
// fragments with match set.
type Snippet struct {
	Lang      *string    `json:"lang"`
	Fragments []Fragment `json:"fragments"`
}

// Fragment is a piece of a snippet.
type Fragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match"`
}

// Facet is the counts of one facet's values over all results.
type Facet struct {
	Name   string       `json:"name"`
	Values []FacetValue `json:"values"`
}

// FacetValue is a value of a facet; its key is what the facet's parameter
// takes (person=12), and parent is the key of the broader value.
type FacetValue struct {
	Key      string  `json:"key"`
	Label    string  `json:"label"`
	Count    int     `json:"count"`
	Selected bool    `json:"selected"`
	Parent   *string `json:"parent"`
}

// YearCount is the number of results dated in a year.
type YearCount struct {
	Year  int `json:"year"`
	Count int `json:"count"`
}

// search runs the site's search: the same query language (q), facet
// parameters (person=12&lang=ru; values of one facet combine with OR,
// facets with AND) and orders; pages by offset.
func (h *handler) search(r *http.Request) (any, error) {
	q := queryOf(r)
	query, err := q.single("q")
	if err != nil {
		return nil, err
	}
	query = strings.TrimSpace(query)
	sort, err := q.single("sort")
	if err != nil {
		return nil, err
	}
	if !recto.SearchSort(sort).Valid() {
		return nil, badParam("sort", "Unknown sort order %q: use relevance, date, -date, title or added.", sort)
	}
	limit, err := q.number("limit", defaultSearchLimit, 0, maxSearchLimit)
	if err != nil {
		return nil, err
	}
	offset, err := q.number("offset", 0, 0, maxSearchOffset)
	if err != nil {
		return nil, err
	}
	filters := map[string][]string{}
	for _, f := range recto.Facets {
		keys := slices.Compact(slices.Sorted(slices.Values(q[f])))
		keys = slices.DeleteFunc(keys, func(k string) bool { return k == "" })
		if len(keys) > 0 {
			filters[f] = keys
		}
	}
	res, err := h.engine.Search(r.Context(), recto.SearchRequest{Query: query, Filters: filters,
		Sort: recto.SearchSort(sort), Offset: offset, Limit: limit})
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	out := SearchResult{Data: make([]SearchHit, 0, len(res.Hits)), Total: res.Total, Facets: make([]Facet, 0, len(res.Facets)),
		Years: make([]YearCount, 0, len(res.Years)), Problems: append([]string{}, res.Problems...),
		Highlight: append([]string{}, res.Highlight...)}
	for _, hit := range res.Hits {
		if hit.Document == nil || !h.catalogue.Audience().Shows(hit.Document.Status) {
			continue
		}
		sh := SearchHit{Document: l.summary(hit.Document)}
		if len(hit.Snippet) > 0 {
			sn := &Snippet{Lang: optional(hit.SnippetLang), Fragments: make([]Fragment, 0, len(hit.Snippet))}
			for _, f := range hit.Snippet {
				sn.Fragments = append(sn.Fragments, Fragment{Text: f.Text, Match: f.Match})
			}
			sh.Snippet = sn
		}
		out.Data = append(out.Data, sh)
	}
	for _, f := range res.Facets {
		fc := Facet{Name: f.Name, Values: make([]FacetValue, 0, len(f.Values))}
		for _, v := range f.Values {
			fc.Values = append(fc.Values, FacetValue{Key: v.Key, Label: v.Label, Count: v.Count, Selected: v.Selected,
				Parent: optional(v.Parent)})
		}
		out.Facets = append(out.Facets, fc)
	}
	for _, y := range res.Years {
		out.Years = append(out.Years, YearCount{Year: y.Year, Count: y.Count})
	}
	if limit > 0 && offset+limit < res.Total && offset+limit <= maxSearchOffset {
		kv := []string{"q", query}
		for _, f := range recto.Facets {
			for _, k := range filters[f] {
				kv = append(kv, f, k)
			}
		}
		kv = append(kv, "sort", sort, "limit", limitParam(limit, defaultSearchLimit), "offset", strconv.Itoa(offset+limit))
		next := link(l.base, "/search", kv...)
		out.Next = &next
	}
	return out, nil
}
