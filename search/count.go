package search

import (
	"slices"
	"strconv"

	"github.com/recto-archive/recto"
)

// counts holds per-dimension value counts over a result set.
type counts [numDims][]int32

// countFacets counts the facet values of the documents in match, for the
// dimensions in want.
func (ix *Index) countFacets(match bitset, want [numDims]bool, c *counts) {
	for d := range numDims {
		if want[d] {
			c[d] = make([]int32, len(ix.facets[d].keys))
		}
	}
	match.each(func(doc uint32) {
		for _, v := range ix.fwd[ix.fwdOff[doc]:ix.fwdOff[doc+1]] {
			d := v >> valueBits
			if want[d] {
				c[d][v&(1<<valueBits-1)]++
			}
		}
	})
}

// maxFacetValues bounds the values a facet lists; the rest are the long tail.
const maxFacetValues = 50

// facet turns the counts of one dimension into a recto.Facet: values with
// results, most frequent first, selected ones always included.
func (ix *Index) facet(d dim, c []int32, selected map[string]bool, auth *authorities) recto.Facet {
	dm := ix.facets[d]
	f := recto.Facet{Name: dimNames[d]}
	for v, n := range c {
		key := dm.keys[v]
		if n == 0 && !selected[key] {
			continue
		}
		label, parent := ix.label(d, v, auth)
		f.Values = append(f.Values, recto.FacetValue{Key: key, Label: label, Count: int(n),
			Selected: selected[key], Parent: parent})
	}
	slices.SortFunc(f.Values, func(a, b recto.FacetValue) int {
		if d == dimYear || d == dimDecade {
			ya, _ := strconv.Atoi(a.Key)
			yb, _ := strconv.Atoi(b.Key)
			return ya - yb
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.Label < b.Label {
			return -1
		}
		return 1
	})
	if len(f.Values) > maxFacetValues && d != dimYear && d != dimDecade {
		kept := f.Values[:maxFacetValues]
		for _, v := range f.Values[maxFacetValues:] {
			if v.Selected {
				kept = append(kept, v)
			}
		}
		f.Values = kept
	}
	return f
}

// label returns a facet value's label and, for hierarchies, its parent's key.
func (ix *Index) label(d dim, v int, auth *authorities) (label, parent string) {
	key := ix.facets[d].keys[v]
	id, _ := strconv.ParseInt(key, 10, 64)
	parentKey := func(p int64) string {
		if p == 0 {
			return ""
		}
		return strconv.FormatInt(p, 10)
	}
	switch d {
	case dimPerson, dimFunder, dimTranslator:
		if a := auth.agents[id]; a != nil {
			return a.Name, ""
		}
	case dimPlace:
		if p := auth.places[id]; p != nil {
			return p.Name, parentKey(p.ParentID)
		}
	case dimSubject:
		if s := auth.subjects[id]; s != nil {
			return s.Term(), parentKey(s.ParentID)
		}
	case dimCollection:
		if c := auth.collections[id]; c != nil {
			return c.Title, parentKey(c.ParentID)
		}
	case dimRepository:
		if r := auth.repositories[id]; r != nil {
			return r.ShortName, ""
		}
	default:
		return ix.facets[d].labels[v], ""
	}
	return key, ""
}
