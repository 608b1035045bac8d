package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// stream encodes (position, term) pairs as the forward file does.
func stream(tokens ...[2]int) []byte {
	var b []byte
	last := 0
	for _, t := range tokens {
		b = appendUvarint(appendUvarint(b, uint64(t[0]-last)), uint64(t[1]))
		last = t[0]
	}
	return b
}

func TestSequence(t *testing.T) {
	// Words 1 2 3 at positions 0..2; position 3 holds two colocated terms, 4 and 5.
	s := stream([2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{3, 5}, [2]int{20, 2})
	tests := []struct {
		slots [][]uint32
		want  bool
	}{
		{[][]uint32{{1}, {2}}, true},
		{[][]uint32{{1}, {2}, {3}}, true},
		{[][]uint32{{2}, {1}}, false},
		{[][]uint32{{1}, {3}}, false},
		{[][]uint32{{3}, {5}}, true}, // the second colocated term
		{[][]uint32{{3}, {4}}, true},
		{[][]uint32{{9, 3}, {7, 4}}, true}, // any form of each word
		{[][]uint32{{2}, {2}}, false},      // one word is not two
		{[][]uint32{{4}, {5}}, false},      // colocated terms are not consecutive
		{[][]uint32{{3}, {4}, {2}}, false}, // position 20 is far from 3
	}
	for _, tt := range tests {
		if got := newSequence(tt.slots).in(s); got != tt.want {
			t.Errorf("sequence %v found: %v, want %v", tt.slots, got, tt.want)
		}
	}
	if newSequence([][]uint32{{1}, {2}}).in(nil) {
		t.Error("empty stream has a sequence")
	}
}

// The Shift-And search finds what trying every start finds, for phrases
// longer than a machine word and words that repeat.
func TestSequence_LikeEveryStart(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		// A stream of a few terms, so that phrases of them recur, with
		// colocated terms and gaps.
		var pairs [][2]int
		pos := 0
		for range 1 + r.IntN(400) {
			switch k := r.IntN(10); {
			case k == 0:
				pos += 2 + r.IntN(3) // a gap
			case k == 1 && len(pairs) > 0:
				// colocated with the last term
			default:
				pos++
			}
			pairs = append(pairs, [2]int{pos, r.IntN(3)})
		}
		// A phrase taken from the stream, or made up.
		var slots [][]uint32
		n := 1 + r.IntN(150)
		if start := r.IntN(len(pairs)); r.IntN(2) == 0 {
			for i := start; i < len(pairs) && len(slots) < n; i++ {
				slots = append(slots, []uint32{uint32(pairs[i][1])})
			}
		} else {
			for range n {
				slots = append(slots, []uint32{uint32(r.IntN(3)), uint32(r.IntN(4))})
			}
		}
		want := everyStart(pairs, slots)
		if got := newSequence(slots).in(stream(pairs...)); got != want {
			t.Fatalf("stream %v, slots %v: found %v, want %v", pairs, slots, got, want)
		}
	}
}

// everyStart tries every position as the start of the slots.
func everyStart(pairs [][2]int, slots [][]uint32) bool {
	at := map[int][]uint32{}
	for _, p := range pairs {
		at[p[0]] = append(at[p[0]], uint32(p[1]))
	}
	for start := range at {
		ok := true
		for i, set := range slots {
			if !slices.ContainsFunc(at[start+i], func(term uint32) bool { return slices.Contains(set, term) }) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// BenchmarkSequence checks a three-word phrase against a document's stream
// of 2,000 positions in which it is not found, the usual case for the
// candidates of a phrase of common words.
func BenchmarkSequence(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var tokens [][2]int
	for pos := range 2000 {
		tokens = append(tokens, [2]int{pos, 1 + r.IntN(30000)})
	}
	s := stream(tokens...)
	seq := newSequence([][]uint32{{40001}, {40002}, {40003}})
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if seq.in(s) {
			b.Fatal("found")
		}
	}
}
