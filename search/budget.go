package search

import (
	"context"
	"fmt"
)

// searchBudget is the work one search may do, in units of about a
// nanosecond of CPU on a 2-core server: a document's dates compared, a
// quarter of a byte of a phrase's terms checked, a fifth of a prefix's
// posting taken (see the costs below). It bounds what the query language
// lets a request ask for (64 items, each a prefix of up to maxPrefixTerms
// words or a phrase to check in every document holding its words): at
// 1,000,000 documents BenchmarkSearch_Prefixes (26 one-letter prefixes)
// stops at it in 0.3 s and BenchmarkSearch_Budget (64 phrases of common
// words) in about 0.6 s, where phrase checks read a forward file that no
// longer fits the page cache and cost about three times as much. The rest
// of a search (bitsets, facet counts, ranking the page) is bounded by the
// size of the archive. A 990-character phrase of common words is checked in
// 20,000 documents within it.
const searchBudget = 200_000_000

// Costs, in budget units, besides one a posting.
const (
	readCost    = 1000 // reading a document's terms from the forward file: a system call
	byteCost    = 4    // checking a byte of a document's terms for a phrase
	termCost    = 4000 // expanding a prefix by one word: finding it, noting it for ranking and marking, ranking (measured: 3–4 µs)
	postingCost = 5    // adding a prefix's word's document to the matches
	rankCost    = 15   // ranking a prefix's word's document: its count decoded, its score summed
	titleCost   = 20   // analysing a byte of a title for a title phrase
	ctxInterval = 1 << 20
)

// budget is what is left of a search's work, and the request's context,
// looked at every ctxInterval units so that a search whose client has gone
// or whose deadline has passed stops within a millisecond or so.
type budget struct {
	ctx   context.Context
	left  int
	tick  int
	out   bool  // some work was refused: the results may be incomplete
	err   error // the context ended: the search stops
	notes *[]string
}

func newBudget(ctx context.Context, units int, notes *[]string) *budget {
	return &budget{ctx: ctx, left: units, notes: notes}
}

// charge counts units of work that is always done, such as reading a
// word's documents: the query language bounds it.
func (b *budget) charge(units int) {
	b.left -= units
	b.tick += units
	b.check()
}

// spend takes units for work that multiplies (expanding a prefix, checking
// a phrase in a document) and reports whether it may be done. Once it
// refuses, it refuses everything after, so that what a search finds is
// decided by its query and the index alone, never by the machine's load;
// the first refusal leaves a note.
func (b *budget) spend(units int) bool {
	if b.out || b.err != nil {
		return false
	}
	if units > b.left {
		b.out = true
		*b.notes = append(*b.notes, "This search asks for more work than one search may do (many prefixes, or a long or "+
			"common phrase): it stopped early, so some matching documents may be missing. Fewer or longer prefixes, "+
			"or a shorter phrase with rarer words, will find them.")
		return false
	}
	b.charge(units)
	return true
}

// check looks at the context every ctxInterval units.
func (b *budget) check() {
	if b.tick >= ctxInterval {
		b.tick = 0
		b.stopped()
	}
}

// stopped reports whether the search must stop: its context ended.
func (b *budget) stopped() bool {
	if b.err == nil {
		if err := b.ctx.Err(); err != nil {
			b.err = fmt.Errorf("search: %w", err)
		}
	}
	return b.err != nil
}
