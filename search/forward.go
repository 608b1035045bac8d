package search

import (
	"bufio"
	"fmt"
	"os"
	"sync"
)

// forward keeps each document's terms in word order, for checking phrases:
// a varint stream of (position step, term number) pairs per document, in a
// temporary file read with ReadAt. The operating system caches the file, so
// it costs the process no memory, and checking a candidate costs a read of a
// few hundred bytes rather than reading and analysing its texts.
type forward struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	size int64
	offs []int64 // per document number: where its stream starts; one more at the end
	err  error   // the first write error; reads fail after it
}

// newForward creates the file. It is removed at once, so nothing is left
// behind however the process ends.
func newForward() (*forward, error) {
	f, err := os.CreateTemp("", "recto-search-*.fwd")
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	return &forward{f: f, w: bufio.NewWriterSize(f, 1<<20), offs: []int64{0}}, nil
}

// add appends the stream of the next document number.
func (fw *forward) add(stream []byte) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if fw.err == nil {
		_, fw.err = fw.w.Write(stream)
	}
	fw.size += int64(len(stream))
	fw.offs = append(fw.offs, fw.size)
}

// flush makes what was added readable.
func (fw *forward) flush() error {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if fw.err == nil {
		fw.err = fw.w.Flush()
	}
	return fw.err
}

// read returns the stream of document n, in buf if it is large enough.
func (fw *forward) read(n uint32, buf []byte) ([]byte, error) {
	fw.mu.Lock()
	from, to, err := fw.offs[n], fw.offs[n+1], fw.err
	fw.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("search: phrase index: %w", err)
	}
	if int64(cap(buf)) < to-from {
		buf = make([]byte, to-from)
	}
	buf = buf[:to-from]
	if _, err := fw.f.ReadAt(buf, from); err != nil {
		return nil, fmt.Errorf("search: phrase index: %w", err)
	}
	return buf, nil
}

// close releases the file.
func (fw *forward) close() error { return fw.f.Close() }

// length returns the bytes of document n's stream, what reading and
// checking it costs.
func (fw *forward) length(n uint32) int {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	return int(fw.offs[n+1] - fw.offs[n])
}

// sequence finds a run of slots in streams: at consecutive positions, a term
// of each slot's set. It is the Shift-And algorithm: a bit per slot says
// whether a run through that slot ends at the last position read, so each
// position costs a lookup and a shift of len(slots)/64 words, however long
// the phrase and however often its words repeat. The terms of one position
// (a Cyrillic word has two) are taken together.
type sequence struct {
	n     int      // slots
	words int      // 64-bit words per state
	table []uint32 // open addressing: term+1, 0 when empty
	masks []uint64 // words per table entry: the slots its term is in
	state []uint64 // per slot: a run through it ends at the position before
	cur   []uint64 // per slot: the position being read has a term of it
}

func newSequence(slots [][]uint32) *sequence {
	q := &sequence{n: len(slots), words: (len(slots) + 63) / 64}
	size := 16
	for size < 4*len(slots) {
		size *= 2
	}
	q.table, q.masks = make([]uint32, size), make([]uint64, size*q.words)
	for s, set := range slots {
		for _, term := range set {
			e := q.slot(term)
			q.table[e] = term + 1
			q.masks[e*q.words+s/64] |= 1 << (s % 64)
		}
	}
	q.state, q.cur = make([]uint64, q.words), make([]uint64, q.words)
	return q
}

// slot returns the table index of term: where it is, or where it would go.
func (q *sequence) slot(term uint32) int {
	mask := len(q.table) - 1
	i := int(term*2654435761) & mask
	for q.table[i] != 0 && q.table[i] != term+1 {
		i = (i + 1) & mask
	}
	return i
}

// in reports whether stream holds the sequence: the last slot's bit marks
// a whole run.
func (q *sequence) in(stream []byte) bool {
	clear(q.state)
	clear(q.cur)
	started := false
	for i := 0; i < len(stream); {
		step, term := uint64(stream[i]), uint64(0)
		if i++; step >= 0x80 {
			var n int
			step, n = uvarint(stream[i-1:])
			i += n - 1
		}
		if term, i = uint64(stream[i]), i+1; term >= 0x80 {
			var n int
			term, n = uvarint(stream[i-1:])
			i += n - 1
		}
		if started && step > 0 {
			if q.settle() {
				return true
			}
			if step > 1 { // positions between hold nothing: runs break
				clear(q.state)
			}
		}
		started = true
		if e := q.slot(uint32(term)); q.table[e] != 0 {
			for j, m := range q.masks[e*q.words : (e+1)*q.words] {
				q.cur[j] |= m
			}
		}
	}
	return started && q.settle()
}

// settle takes in the position just read: a run through slot s ends there
// when one through s-1 ended at the position before (a run may start
// anywhere) and the position has a term of s. It reports whether a run
// through the last slot does.
func (q *sequence) settle() bool {
	carry := uint64(1)
	for i, w := range q.state {
		q.state[i] = (w<<1 | carry) & q.cur[i]
		carry = w >> 63
		q.cur[i] = 0
	}
	return q.state[(q.n-1)/64]&(1<<((q.n-1)%64)) != 0
}
