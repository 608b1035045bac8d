package search

import (
	"slices"
	"testing"
)

// keep asks about members in order, keeps those kept, and takes out the
// rest once no more may be asked, across words.
func TestBitsetKeep(t *testing.T) {
	members := []uint32{1, 2, 5, 63, 64, 65, 130, 200}
	for stopAt := range len(members) + 1 {
		b := newBitset(256)
		for _, n := range members {
			b.set(n)
		}
		var asked []uint32
		b.keep(func(n uint32) (kept, more bool) {
			asked = append(asked, n)
			return n%2 == 1, len(asked) < stopAt || stopAt == len(members)
		})
		var want, left []uint32
		for i, n := range members {
			if i < max(stopAt, 1) && n%2 == 1 {
				want = append(want, n)
			}
		}
		b.each(func(n uint32) { left = append(left, n) })
		if !slices.Equal(left, want) || len(asked) != max(stopAt, 1) {
			t.Errorf("stopping after %d asked: asked %v, left %v; want %v", stopAt, asked, left, want)
		}
	}
}
