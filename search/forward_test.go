package search

import "testing"

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

func TestHasSequence(t *testing.T) {
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
		if got := hasSequence(s, tt.slots); got != tt.want {
			t.Errorf("hasSequence(%v) = %v, want %v", tt.slots, got, tt.want)
		}
	}
	if hasSequence(nil, [][]uint32{{1}, {2}}) {
		t.Error("empty stream has a sequence")
	}
}
