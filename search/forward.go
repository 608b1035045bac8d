package search

import (
	"bufio"
	"fmt"
	"os"
	"slices"
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

// hasSequence reports whether a stream holds, at consecutive positions, a
// term of each of slots' sets. It walks the stream once, keeping for each
// slot the last position where a run through it ended; the terms of one
// position (a Cyrillic word has two) are taken together.
func hasSequence(stream []byte, slots [][]uint32) bool {
	run := make([]int, len(slots))
	for i := range run {
		run[i] = -2
	}
	matched := make([]bool, len(slots))
	pos, started := 0, false
	// settle updates the runs with the slots matched at position pos.
	settle := func() bool {
		for s := len(slots) - 1; s >= 0; s-- { // later slots first: a word cannot extend its own run
			if matched[s] && (s == 0 || run[s-1] == pos-1) {
				run[s] = pos
			}
			matched[s] = false
		}
		return run[len(slots)-1] == pos
	}
	for i := 0; i < len(stream); {
		step, n := uvarint(stream[i:])
		i += n
		term, n := uvarint(stream[i:])
		i += n
		if started && step > 0 && settle() {
			return true
		}
		pos += int(step)
		started = true
		for s, set := range slots {
			matched[s] = matched[s] || slices.Contains(set, uint32(term))
		}
	}
	return started && settle()
}
