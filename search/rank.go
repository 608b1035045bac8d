package search

import (
	"bytes"
	"container/heap"
	"context"
	"math"
	"sort"

	"github.com/recto-archive/recto"
)

// BM25 parameters, the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// scores computes the BM25 score of every matching document for the
// scoring terms, into a slice indexed by document number. It reads each
// term's documents once more, which the search has already paid for;
// when ctx ends it stops short, and the caller must look.
func (ix *Index) scores(ctx context.Context, match bitset, scoring map[uint32]float64, into []float32) []float32 {
	if cap(into) < len(ix.ids) {
		into = make([]float32, len(ix.ids))
	}
	into = into[:len(ix.ids)]
	n := float64(max(ix.liveCount, 1))
	avg := float64(ix.totalLen) / n
	for term, weight := range scoring {
		if ctx.Err() != nil {
			break
		}
		p := &ix.terms[term]
		df := float64(p.n)
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		w := float32(weight * idf)
		p.each(func(doc, tf uint32) {
			if match.has(doc) {
				norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.lengths[doc])/avg)
				into[doc] += w * float32(float64(tf)*(bm25K1+1)/(float64(tf)+norm))
			}
		})
	}
	return into
}

// ranked is a heap of document numbers ordered so that the worst of the
// kept ones is on top, to be replaced by anything better.
type ranked struct {
	docs   []uint32
	better func(a, b uint32) bool
}

func (r *ranked) Len() int           { return len(r.docs) }
func (r *ranked) Less(i, j int) bool { return r.better(r.docs[j], r.docs[i]) }
func (r *ranked) Swap(i, j int)      { r.docs[i], r.docs[j] = r.docs[j], r.docs[i] }
func (r *ranked) Push(x any)         { r.docs = append(r.docs, x.(uint32)) }
func (r *ranked) Pop() any {
	x := r.docs[len(r.docs)-1]
	r.docs = r.docs[:len(r.docs)-1]
	return x
}

// top returns the k best documents of match in order, without sorting the
// rest: a heap of k keeps the best seen so far.
func top(match bitset, k int, better func(a, b uint32) bool) []uint32 {
	return topOf(k, better, match.each)
}

// topOf returns the k best of the numbers each yields, in order.
func topOf(k int, better func(a, b uint32) bool, each func(func(uint32))) []uint32 {
	if k <= 0 {
		return nil
	}
	r := &ranked{docs: make([]uint32, 0, k), better: better}
	each(func(doc uint32) {
		if len(r.docs) < k {
			heap.Push(r, doc)
		} else if better(doc, r.docs[0]) {
			r.docs[0] = doc
			heap.Fix(r, 0)
		}
	})
	sort.Slice(r.docs, func(i, j int) bool { return better(r.docs[i], r.docs[j]) })
	return r.docs
}

// order returns the "better" function of a sort. Ties fall back to date,
// then Record ID, so pages never shuffle.
func (ix *Index) order(sort recto.SearchSort, scores []float32) func(a, b uint32) bool {
	byDate := func(a, b uint32) bool {
		ea, eb := ix.sortDay(a), ix.sortDay(b)
		if ea != eb {
			return ea < eb
		}
		if ix.latest[a] != ix.latest[b] {
			return ix.latest[a] < ix.latest[b]
		}
		return ix.ids[a] < ix.ids[b]
	}
	switch sort {
	case recto.SortRelevance:
		return func(a, b uint32) bool {
			if scores[a] != scores[b] {
				return scores[a] > scores[b]
			}
			return byDate(a, b)
		}
	case recto.SortDateDesc:
		return func(a, b uint32) bool {
			da, db := ix.dated.has(a), ix.dated.has(b)
			if da != db {
				return da // undated last either way
			}
			if ix.latest[a] != ix.latest[b] {
				return ix.latest[a] > ix.latest[b]
			}
			if ix.earliest[a] != ix.earliest[b] {
				return ix.earliest[a] > ix.earliest[b]
			}
			return ix.ids[a] > ix.ids[b]
		}
	case recto.SortTitle:
		return func(a, b uint32) bool {
			if c := bytes.Compare(ix.titles.at(a), ix.titles.at(b)); c != 0 {
				return c < 0
			}
			return byDate(a, b)
		}
	case recto.SortAdded:
		return func(a, b uint32) bool {
			if ix.published[a] != ix.published[b] {
				return ix.published[a] > ix.published[b]
			}
			return ix.ids[a] > ix.ids[b]
		}
	}
	return byDate
}

// sortDay is the day a document sorts by in date order: its earliest day,
// its latest for an open start, and after everything when undated.
func (ix *Index) sortDay(n uint32) int64 {
	switch {
	case !ix.dated.has(n):
		return math.MaxInt64
	case ix.earliest[n] != math.MinInt32:
		return int64(ix.earliest[n])
	}
	return int64(ix.latest[n])
}
