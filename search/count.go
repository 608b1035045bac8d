package search

import (
	"cmp"
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/recto-archive/recto"
)

// countAll counts every facet value over the documents of match, into a
// slice indexed by global value number. Large result sets are split among
// the cores, each counting its part into its own slice. When ctx ends the
// counts stop short: the caller must look.
func (ix *Index) countAll(ctx context.Context, match bitset) []int32 {
	parts := 1
	if len(ix.ids) >= parallelCountAbove {
		parts = runtime.GOMAXPROCS(0)
	}
	counts := make([][]int32, parts)
	var wg sync.WaitGroup
	step := (len(match) + parts - 1) / parts
	for p := range parts {
		wg.Go(func() {
			c := make([]int32, len(ix.valueDims))
			from, to := min(p*step, len(match)), min((p+1)*step, len(match))
			off, vals := ix.facetOff, ix.facetVals
			for i, w := range match[from:to] {
				if i%ctxWords == 0 && ctx.Err() != nil {
					break
				}
				base := uint32(from+i) << 6
				for w != 0 {
					doc := base + uint32(bits.TrailingZeros64(w))
					w &= w - 1
					for _, g := range vals[off[doc]:off[doc+1]] {
						c[g]++
					}
				}
			}
			counts[p] = c
		})
	}
	wg.Wait()
	for _, c := range counts[1:] {
		for g, n := range c {
			counts[0][g] += n
		}
	}
	return counts[0]
}

// ctxWords is how many words of a set counting walks between looks at the
// context: 4,096 words are up to 262,144 documents, a millisecond or two.
const ctxWords = 4096

// parallelCountAbove is the archive size from which counting is split among
// the cores; below it, starting goroutines costs more than it saves.
const parallelCountAbove = 50_000

// countDim counts one dimension's values over set, walking each value's
// documents: cheaper than walking the set when the set is large, as for a
// facet counted without its own selection.
func (ix *Index) countDim(ctx context.Context, d dim, set bitset) []int32 {
	dm := ix.facets[d]
	c := make([]int32, len(dm.keys))
	for v := range dm.postings {
		if v%ctxWords == 0 && ctx.Err() != nil {
			break
		}
		var n int32
		dm.postings[v].each(func(doc, _ uint32) {
			if set[doc>>6]&(1<<(doc&63)) != 0 {
				n++
			}
		})
		c[v] = n
	}
	return c
}

// localCounts picks dimension d's counts out of global ones.
func (ix *Index) localCounts(d dim, global []int32) []int32 {
	dm := ix.facets[d]
	c := make([]int32, len(dm.global))
	for v, g := range dm.global {
		c[v] = global[g]
	}
	return c
}

// maxFacetValues bounds the values a facet lists; the rest are the long tail.
const maxFacetValues = 50

// facet turns the counts of one dimension into a recto.Facet: the values
// with results, most frequent first (years and decades in order), at most
// maxFacetValues of them besides the selected ones. Only the values kept are
// labelled, so a facet with a long tail costs one pass over its counts.
func (ix *Index) facet(d dim, c []int32, selected map[string]bool, auth *authorities) recto.Facet {
	dm := ix.facets[d]
	var kept []int
	for v, n := range c {
		if n > 0 || selected[dm.keys[v]] {
			kept = append(kept, v)
		}
	}
	chronological := d == dimYear || d == dimDecade
	if chronological {
		slices.SortFunc(kept, func(a, b int) int { return cmpNumbers(dm.keys[a], dm.keys[b]) })
	} else {
		kept = topValues(kept, c, selected, dm)
	}
	f := recto.Facet{Name: dimNames[d], Values: make([]recto.FacetValue, len(kept))}
	for i, v := range kept {
		label, parent := ix.label(d, v, auth)
		if ix.valueLive[dm.global[v]] == 0 {
			// Selected, but no published document has it: shown by its
			// key, never by the name of what only drafts may hold.
			label, parent = dm.keys[v], ""
		}
		f.Values[i] = recto.FacetValue{Key: dm.keys[v], Label: label, Count: int(c[v]), Selected: selected[dm.keys[v]], Parent: parent}
	}
	if !chronological {
		// Equal counts read best in alphabetical order.
		slices.SortStableFunc(f.Values, func(a, b recto.FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			if c := strings.Compare(a.Label, b.Label); c != 0 {
				return c
			}
			// Two values may share a label (subjects ending "China"): their
			// keys order them the same way in every build.
			return cmpKeys(a.Key, b.Key)
		})
	}
	return f
}

// topValues keeps the maxFacetValues values with the highest counts (ties
// to the smaller key), and every selected one, without sorting the rest:
// the person facet of a broad query has thousands of values.
func topValues(values []int, c []int32, selected map[string]bool, dm *dimension) []int {
	if len(values) <= maxFacetValues {
		return values
	}
	// Ties go by key, not by value number: value numbers follow the order
	// in which a build met the values, which may vary.
	better := func(a, b uint32) bool { return c[a] > c[b] || c[a] == c[b] && cmpKeys(dm.keys[a], dm.keys[b]) < 0 }
	best := topOf(maxFacetValues, better, func(yield func(uint32)) {
		for _, v := range values {
			yield(uint32(v))
		}
	})
	kept := make([]int, len(best))
	for i, v := range best {
		kept[i] = int(v)
	}
	for key := range selected {
		if v, ok := dm.ids[key]; ok && !slices.Contains(kept, int(v)) {
			kept = append(kept, int(v))
		}
	}
	return kept
}

// cmpNumbers orders numeric keys (years, decades, BC ones too) by value.
func cmpNumbers(a, b string) int {
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return cmp.Compare(x, y)
}

// cmpKeys orders keys shortest first, then byte by byte: Record IDs by
// value, any keys in one fixed order, and without parsing, since ranking
// the values of a broad facet may compare many.
func cmpKeys(a, b string) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
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
