package feed

import (
	"strings"

	"github.com/recto-archive/recto"
)

// searchURL writes the search's parameters as a query string ("?q=…",
// or "" when there are none), the same as the site's, with sort set to
// the given order unless it is empty. The paging parameters of the site,
// and any unknown parameter, are left out: a feed has no pages.
func searchURL(q recto.SearchRequest, sort recto.SearchSort) string {
	q.Sort = sort
	if parts := q.Params(); len(parts) > 0 {
		return "?" + strings.Join(parts, "&")
	}
	return ""
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
