package search

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"
)

// dictShards splits the dictionaries so that the analysis goroutines of a
// build rarely wait for each other.
const dictShards = 64

var seed = maphash.MakeSeed()

func shardOf(b []byte) int { return int(maphash.Bytes(seed, b) % dictShards) }

// termDict numbers terms. Any goroutine may look up or add; numbers are
// dense, in the order terms were first added.
type termDict struct {
	shards [dictShards]struct {
		sync.RWMutex
		m map[string]uint32
	}
	mu    sync.Mutex // guards texts, whose length is the next number
	texts []string
}

func newTermDict() *termDict {
	d := &termDict{}
	for i := range d.shards {
		d.shards[i].m = map[string]uint32{}
	}
	return d
}

// lookup returns the number of term, if it has one.
func (d *termDict) lookup(term string) (uint32, bool) {
	sh := &d.shards[shardOf([]byte(term))]
	sh.RLock()
	id, ok := sh.m[term]
	sh.RUnlock()
	return id, ok
}

// id returns the number of term, adding it if new.
func (d *termDict) id(term []byte) uint32 {
	sh := &d.shards[shardOf(term)]
	sh.RLock()
	id, ok := sh.m[string(term)]
	sh.RUnlock()
	if ok {
		return id
	}
	sh.Lock()
	defer sh.Unlock()
	if id, ok := sh.m[string(term)]; ok {
		return id
	}
	s := string(term)
	d.mu.Lock()
	id = uint32(len(d.texts))
	d.texts = append(d.texts, s)
	d.mu.Unlock()
	sh.m[s] = id
	return id
}

// text returns the term of a number.
func (d *termDict) text(id uint32) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.texts[id]
}

// size returns how many terms are numbered.
func (d *termDict) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.texts)
}

// surfaceDict maps folded, unstemmed words to the terms they were indexed
// under, for prefix queries. Any goroutine may add.
type surfaceDict struct {
	shards [dictShards]struct {
		sync.RWMutex
		m map[string][]uint32
	}
	mu     sync.Mutex // guards sorted
	sorted []string   // every word in order; nil when a word was added since
}

func newSurfaceDict() *surfaceDict {
	d := &surfaceDict{}
	for i := range d.shards {
		d.shards[i].m = map[string][]uint32{}
	}
	return d
}

// add records that word was indexed under term.
func (d *surfaceDict) add(word []byte, term uint32) {
	sh := &d.shards[shardOf(word)]
	sh.RLock()
	terms, ok := sh.m[string(word)]
	known := ok && slices.Contains(terms, term)
	sh.RUnlock()
	if known {
		return
	}
	sh.Lock()
	terms, ok = sh.m[string(word)]
	if !slices.Contains(terms, term) {
		sh.m[string(word)] = append(terms, term)
	}
	sh.Unlock()
	if !ok {
		d.mu.Lock()
		d.sorted = nil
		d.mu.Unlock()
	}
}

// withPrefix returns the terms of every word beginning with prefix.
func (d *surfaceDict) withPrefix(prefix string) []uint32 {
	d.mu.Lock()
	if d.sorted == nil {
		for i := range d.shards {
			sh := &d.shards[i]
			sh.RLock()
			for w := range sh.m {
				d.sorted = append(d.sorted, w)
			}
			sh.RUnlock()
		}
		slices.Sort(d.sorted)
	}
	sorted := d.sorted
	d.mu.Unlock()
	i, _ := slices.BinarySearch(sorted, prefix)
	var out []uint32
	for ; i < len(sorted) && strings.HasPrefix(sorted[i], prefix); i++ {
		sh := &d.shards[shardOf([]byte(sorted[i]))]
		sh.RLock()
		for _, t := range sh.m[sorted[i]] {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		sh.RUnlock()
	}
	return out
}
