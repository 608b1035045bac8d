package search

import (
	"math"
	"slices"
	"time"

	"github.com/recto-archive/recto"
)

// Index is the in-memory search index of the published documents. Documents
// are numbered in the order they are added; a changed document is removed
// (its number dropped from live) and added again under a new number, so every
// list stays append-only and sorted.
type Index struct {
	// Per document number.
	ids       []int64
	earliest  []int32 // day of the earliest possible date; math.MinInt32 when open or undated
	latest    []int32 // day of the latest possible date; math.MaxInt32 when open or undated
	lengths   []uint32
	published []int64 // Unix seconds of first publication
	titles    strs    // folded titles, for sorting
	live      bitset  // numbers of current documents
	dated     bitset  // numbers of documents with a date
	byID      map[int64]uint32
	liveCount int
	totalLen  uint64 // sum of the lengths of live documents

	// Terms of the text and, under the title prefix, of titles. The
	// dictionary takes new words from many goroutines during a build; the
	// postings are appended by one.
	dict  *termDict
	terms []postings
	fwd   *forward // each document's terms in order, for phrases

	// Facets: the values of each dimension, and per document its values by
	// global number. Per global value: its dimension, its number there, and
	// how many live documents have it.
	facets     [numDims]*dimension
	facetOff   []uint32 // document n's values are facetVals[facetOff[n]:facetOff[n+1]]
	facetVals  []uint32
	valueDims  []dim
	valueLocal []uint32
	valueLive  []int32
}

// strs is an append-only list of strings in one byte array: a million
// titles as Go strings would cost a header and an allocation each, and
// give the collector a million pointers to follow.
type strs struct {
	data []byte
	ends []int // string i is data[ends[i-1]:ends[i]]
}

func (s *strs) add(v string) {
	s.data = append(s.data, v...)
	s.ends = append(s.ends, len(s.data))
}

func (s *strs) at(i uint32) []byte {
	start := 0
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.data[start:s.ends[i]]
}

func (s *strs) clip() { s.data, s.ends = exact(s.data), exact(s.ends) }

// exact returns a copy of s with no room to spare.
func exact[S ~[]E, E any](s S) S {
	out := make(S, len(s))
	copy(out, s)
	return out
}

// titlePrefix marks the terms of titles, kept apart for title: filters.
const titlePrefix = "\x01"

func newIndex() (*Index, error) {
	fwd, err := newForward()
	if err != nil {
		return nil, err
	}
	ix := &Index{byID: map[int64]uint32{}, dict: newTermDict(), fwd: fwd, facetOff: []uint32{0}}
	for d := range ix.facets {
		ix.facets[d] = newDimension()
	}
	return ix, nil
}

// analyzedDoc is a document ready to add: its terms with counts, its
// folded words, and its facet values.
type analyzedDoc struct {
	id        int64
	drop      bool // the document is not published: only remove it
	earliest  int32
	latest    int32
	dated     bool
	length    uint32
	published int64
	title     string
	terms     []termCount // the numbered terms, each once
	stream    []byte      // the terms in word order, for the forward file
	facets    []facetValue
}

// termCount is a term of a document and how often it occurs.
type termCount struct {
	id, tf uint32
}

// add appends a document under a new number, first removing any older
// version of it.
func (ix *Index) add(a *analyzedDoc) {
	ix.remove(a.id)
	n := uint32(len(ix.ids))
	ix.ids = append(ix.ids, a.id)
	ix.earliest = append(ix.earliest, a.earliest)
	ix.latest = append(ix.latest, a.latest)
	ix.lengths = append(ix.lengths, a.length)
	ix.published = append(ix.published, a.published)
	ix.titles.add(a.title)
	ix.live = ix.live.grow(len(ix.ids))
	ix.dated = ix.dated.grow(len(ix.ids))
	ix.live.set(n)
	if a.dated {
		ix.dated.set(n)
	}
	ix.byID[a.id] = n
	ix.liveCount++
	ix.totalLen += uint64(a.length)
	if size := ix.dict.size(); size > len(ix.terms) {
		ix.terms = slices.Grow(ix.terms, size-len(ix.terms))[:size]
	}
	for _, t := range a.terms {
		ix.terms[t.id].add(n, t.tf)
	}
	ix.fwd.add(a.stream)
	for _, v := range a.facets {
		val := ix.value(v.dim, v.key, v.label)
		dm := ix.facets[v.dim]
		dm.postings[val].add(n, 1)
		g := dm.global[val]
		ix.facetVals = append(ix.facetVals, g)
		ix.valueLive[g]++
	}
	ix.facetOff = append(ix.facetOff, uint32(len(ix.facetVals)))
}

// compact packs the index's lists once it is built (see packer) and gives
// back the room that appending left at the ends of its arrays.
func (ix *Index) compact() {
	ix.ids, ix.earliest, ix.latest = exact(ix.ids), exact(ix.earliest), exact(ix.latest)
	ix.lengths, ix.published = exact(ix.lengths), exact(ix.published)
	ix.facetOff, ix.facetVals = exact(ix.facetOff), exact(ix.facetVals)
	ix.titles.clip()
	ix.terms = slices.Clip(ix.terms)
	pk := &packer{left: size(ix.terms)}
	for _, dm := range ix.facets {
		pk.left += size(dm.postings)
	}
	pk.pack(ix.terms)
	for _, dm := range ix.facets {
		pk.pack(dm.postings)
	}
}

// remove drops the current version of the document with Record ID id.
func (ix *Index) remove(id int64) {
	n, ok := ix.byID[id]
	if !ok {
		return
	}
	delete(ix.byID, id)
	ix.live.clear(n)
	ix.liveCount--
	for _, g := range ix.facetVals[ix.facetOff[n]:ix.facetOff[n+1]] {
		ix.valueLive[g]--
	}
	ix.totalLen -= uint64(ix.lengths[n])
}

// clampDay fits a day number into the index's 32-bit days.
func clampDay[T ~int64](d T) int32 {
	return int32(max(min(int64(d), math.MaxInt32-1), math.MinInt32+1))
}

// dateBounds returns a document's day range for the index; open or unknown
// ends are unbounded.
func dateBounds(d *recto.Document) (earliest, latest int32, dated bool) {
	earliest, latest = math.MinInt32, math.MaxInt32
	if d.Date.IsZero() {
		return earliest, latest, false
	}
	if day, ok := d.Date.Earliest(); ok {
		earliest = clampDay(day)
	}
	if day, ok := d.Date.Latest(); ok {
		latest = clampDay(day)
	}
	return earliest, latest, true
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}
