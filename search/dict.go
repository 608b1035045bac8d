package search

import (
	"bytes"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
)

// dictShards splits the dictionary so that the analysis goroutines of a
// build rarely wait for each other.
const dictShards = 64

var seed = maphash.MakeSeed()

// termDict numbers terms densely, in the order they were first added. Any
// goroutine may look up or add. Terms are stored in per-shard byte arenas
// with open-addressing tables of 32-bit slots, about 17 bytes per term
// beyond its text: a corpus of a million documents has millions of terms
// (every Chinese character bigram is one), and Go maps of strings would
// take four times as much.
type termDict struct {
	shards [dictShards]shard
	mu     sync.Mutex // guards where and the sorted order
	where  []uint32   // term number → shard<<26 | index in shard
	// sorted lists the numbers of the first sortedN terms in text order, for
	// prefix queries; terms added since are searched one by one until there
	// are enough of them to sort again.
	sorted  []uint32
	sortedN int
}

type shard struct {
	sync.RWMutex
	arena []byte
	offs  []uint32 // text of entry i is arena[offs[i]:offs[i+1]]
	ids   []uint32 // term number of entry i
	slots []uint32 // 0 when empty, else entry index + 1
}

const shardBits = 26

func newTermDict() *termDict {
	d := &termDict{}
	for i := range d.shards {
		d.shards[i].offs = []uint32{0}
		d.shards[i].slots = make([]uint32, 64)
	}
	return d
}

func hashOf(b []byte) uint64 { return maphash.Bytes(seed, b) }

// find returns the entry index of term in the shard, or -1, and the slot
// where it is or would go.
func (s *shard) find(term []byte, h uint64) (int, int) {
	mask := len(s.slots) - 1
	for i := int(h>>8) & mask; ; i = (i + 1) & mask {
		e := s.slots[i]
		if e == 0 {
			return -1, i
		}
		if bytes.Equal(s.arena[s.offs[e-1]:s.offs[e]], term) {
			return int(e - 1), i
		}
	}
}

func (s *shard) text(e int) []byte { return s.arena[s.offs[e]:s.offs[e+1]] }

// grow doubles the slots when they are three-quarters full.
func (s *shard) grow() {
	if 4*len(s.ids) < 3*len(s.slots) {
		return
	}
	slots := make([]uint32, 2*len(s.slots))
	mask := len(slots) - 1
	for e := range s.ids {
		i := int(hashOf(s.text(e))>>8) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = uint32(e + 1)
	}
	s.slots = slots
}

// lookup returns the number of term, if it has one.
func (d *termDict) lookup(term string) (uint32, bool) {
	return d.lookupBytes([]byte(term))
}

func (d *termDict) lookupBytes(term []byte) (uint32, bool) {
	h := hashOf(term)
	s := &d.shards[h%dictShards]
	s.RLock()
	defer s.RUnlock()
	if e, _ := s.find(term, h); e >= 0 {
		return s.ids[e], true
	}
	return 0, false
}

// id returns the number of term, adding it if new.
func (d *termDict) id(term []byte) uint32 {
	if id, ok := d.lookupBytes(term); ok {
		return id
	}
	h := hashOf(term)
	sh := int(h % dictShards)
	s := &d.shards[sh]
	s.Lock()
	defer s.Unlock()
	e, slot := s.find(term, h)
	if e >= 0 {
		return s.ids[e]
	}
	d.mu.Lock()
	id := uint32(len(d.where))
	d.where = append(d.where, uint32(sh)<<shardBits|uint32(len(s.ids)))
	d.mu.Unlock()
	s.arena = append(s.arena, term...)
	s.offs = append(s.offs, uint32(len(s.arena)))
	s.ids = append(s.ids, id)
	s.slots[slot] = uint32(len(s.ids))
	s.grow()
	return id
}

// text returns the term of a number.
func (d *termDict) text(id uint32) string {
	d.mu.Lock()
	w := d.where[id]
	d.mu.Unlock()
	s := &d.shards[w>>shardBits]
	s.RLock()
	defer s.RUnlock()
	return string(s.text(int(w & (1<<shardBits - 1))))
}

// size returns how many terms are numbered.
func (d *termDict) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.where)
}

// withPrefix returns the numbers of the first limit terms that begin with
// prefix, in text order and then in order of addition, and whether there
// are more.
func (d *termDict) withPrefix(prefix string, limit int) ([]uint32, bool) {
	d.mu.Lock()
	if n := len(d.where); n-d.sortedN > max(1024, d.sortedN/8) {
		d.resort(n)
	}
	sorted, from, to := d.sorted, d.sortedN, len(d.where)
	d.mu.Unlock()
	var out []uint32
	i, _ := slices.BinarySearchFunc(sorted, prefix, func(id uint32, p string) int { return strings.Compare(d.text(id), p) })
	for ; i < len(sorted) && strings.HasPrefix(d.text(sorted[i]), prefix); i++ {
		if len(out) == limit {
			return out, true
		}
		out = append(out, sorted[i])
	}
	for id := from; id < to; id++ {
		if strings.HasPrefix(d.text(uint32(id)), prefix) {
			if len(out) == limit {
				return out, true
			}
			out = append(out, uint32(id))
		}
	}
	return out, false
}

// sortAll sorts every term for prefix queries.
func (d *termDict) sortAll() {
	d.mu.Lock()
	d.resort(len(d.where))
	d.mu.Unlock()
}

// resort sorts the first n terms. d.mu is held by the caller, and is
// released while the shards are read, since id takes a shard's lock before
// d.mu.
func (d *termDict) resort(n int) {
	where := slices.Clone(d.where[:n])
	d.mu.Unlock()
	texts := make([]string, n)
	for id, w := range where {
		s := &d.shards[w>>shardBits]
		s.RLock()
		texts[id] = string(s.text(int(w & (1<<shardBits - 1))))
		s.RUnlock()
	}
	sorted := make([]uint32, n)
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	slices.SortFunc(sorted, func(a, b uint32) int { return strings.Compare(texts[a], texts[b]) })
	d.mu.Lock()
	if n > d.sortedN {
		d.sorted, d.sortedN = sorted, n
	}
}
