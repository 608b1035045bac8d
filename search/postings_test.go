package search

import (
	"math"
	"math/rand/v2"
	"testing"
)

type posting struct{ doc, tf uint32 }

// randomPostings returns n postings with gaps up to maxGap and counts up
// to maxTF, most of them 1.
func randomPostings(r *rand.Rand, n int, maxGap, maxTF uint32) []posting {
	var out []posting
	doc := uint32(0)
	for i := range n {
		gap := 1 + r.Uint32N(maxGap)
		if i == 0 {
			gap = r.Uint32N(maxGap)
		}
		doc += gap
		tf := uint32(1)
		if r.IntN(4) == 0 {
			tf = 1 + r.Uint32N(maxTF)
		}
		out = append(out, posting{doc, tf})
	}
	return out
}

func collect(p *postings) []posting {
	var got []posting
	p.each(func(doc, tf uint32) { got = append(got, posting{doc, tf}) })
	return got
}

func samePostings(t *testing.T, got, want []posting) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d postings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("posting %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestPostings_RoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 127, 128, 129, 255, 256, 1000, 5000} {
		for _, maxGap := range []uint32{1, 3, 200, 70000, math.MaxUint32 / 6000} {
			want := randomPostings(r, n, maxGap, 5000)
			var p postings
			for _, w := range want {
				p.add(w.doc, w.tf)
			}
			samePostings(t, collect(&p), want)
			if p.n != uint32(n) {
				t.Fatalf("n = %d, want %d", p.n, n)
			}
		}
	}
}

func TestPostings_ExtremeValues(t *testing.T) {
	var p postings
	want := []posting{{0, 1}, {math.MaxUint32 - 300, math.MaxUint32}}
	for i := range uint32(200) {
		want = append(want, posting{math.MaxUint32 - 299 + i, 1 + i%3})
	}
	for _, w := range want {
		p.add(w.doc, w.tf)
	}
	samePostings(t, collect(&p), want)
}

// Packing moves lists into shared memory; they must read the same and go on
// growing afterwards.
func TestPostings_PackThenGrow(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	lists := make([]postings, 50)
	want := make([][]posting, len(lists))
	for i := range lists {
		want[i] = randomPostings(r, r.IntN(400), 10, 3)
		for _, w := range want[i] {
			lists[i].add(w.doc, w.tf)
		}
	}
	pk := &packer{left: size(lists)}
	pk.pack(lists)
	for i := range lists {
		samePostings(t, collect(&lists[i]), want[i])
		doc := uint32(0)
		if len(want[i]) > 0 {
			doc = want[i][len(want[i])-1].doc
		}
		for k := range 200 {
			doc += 1 + uint32(k%5)
			lists[i].add(doc, 1)
			want[i] = append(want[i], posting{doc, 1})
		}
	}
	for i := range lists {
		samePostings(t, collect(&lists[i]), want[i])
	}
}

// A dense list, as a common word's is, must take well under a byte a posting.
func TestPostings_DenseListsPackSmall(t *testing.T) {
	var p postings
	r := rand.New(rand.NewPCG(5, 6))
	for _, w := range randomPostings(r, 100_000, 3, 2) {
		p.add(w.doc, w.tf)
	}
	if perPosting := float64(len(p.data)) / float64(p.n); perPosting > 0.6 {
		t.Errorf("%.2f bytes a posting, want at most 0.6", perPosting)
	}
}

func TestPostings_Into(t *testing.T) {
	var p postings
	docs := []uint32{0, 5, 63, 64, 200, 1000}
	for _, d := range docs {
		p.add(d, 1)
	}
	b := newBitset(1001)
	p.into(b)
	var got []uint32
	b.each(func(n uint32) { got = append(got, n) })
	if len(got) != len(docs) {
		t.Fatalf("into set %v, want %v", got, docs)
	}
	for i := range docs {
		if got[i] != docs[i] {
			t.Fatalf("into set %v, want %v", got, docs)
		}
	}
}

func BenchmarkPostings_Each(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	var p postings
	for _, w := range randomPostings(r, 500_000, 4, 3) {
		p.add(w.doc, w.tf)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		sum := uint32(0)
		p.each(func(doc, tf uint32) { sum += tf })
		if sum == 0 {
			b.Fatal("no postings")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/500_000, "ns/posting")
}
