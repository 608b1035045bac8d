package search

import "testing"

func TestStrs(t *testing.T) {
	var s strs
	want := []string{"", "первый", "", "second", "третий"}
	for _, v := range want {
		s.add(v)
	}
	check := func() {
		t.Helper()
		for i, v := range want {
			if got := string(s.at(uint32(i))); got != v {
				t.Errorf("at(%d) = %q, want %q", i, got, v)
			}
		}
	}
	check()
	s.clip()
	if len(s.data) != cap(s.data) {
		t.Errorf("clip left %d bytes spare", cap(s.data)-len(s.data))
	}
	check()
	want = append(want, "after clip")
	s.add("after clip")
	check()
}
