package search

// postings is an append-only list of increasing document numbers with a
// small count each (term frequency; 1 for facet values), varint-encoded as
// deltas. A delta and its count share one varint, delta<<1|more, followed by
// count-1 only when the count exceeds one: most postings take one byte.
type postings struct {
	data []byte
	last uint32 // last document number appended
	n    uint32 // number of postings
}

// add appends document doc, which must be greater than every one before,
// with count tf (at least 1).
func (p *postings) add(doc uint32, tf uint32) {
	delta := doc - p.last
	if p.n == 0 {
		delta = doc
	}
	v := uint64(delta) << 1
	if tf > 1 {
		v |= 1
	}
	p.data = appendUvarint(p.data, v)
	if tf > 1 {
		p.data = appendUvarint(p.data, uint64(tf-1))
	}
	p.last, p.n = doc, p.n+1
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// each calls fn with every document and its count, in order.
func (p *postings) each(fn func(doc, tf uint32)) {
	data := p.data
	var doc uint32
	for i, k := 0, uint32(0); k < p.n; k++ {
		v, n := uvarint(data[i:])
		i += n
		tf := uint32(1)
		if v&1 != 0 {
			c, n := uvarint(data[i:])
			i += n
			tf += uint32(c)
		}
		if k == 0 {
			doc = uint32(v >> 1)
		} else {
			doc += uint32(v >> 1)
		}
		fn(doc, tf)
	}
}

// into sets the bit of every document of p in b.
func (p *postings) into(b bitset) {
	p.each(func(doc, _ uint32) { b[doc>>6] |= 1 << (doc & 63) })
}

// uvarint decodes a varint; data always holds a complete one.
func uvarint(data []byte) (uint64, int) {
	var v uint64
	for i, shift := 0, uint(0); ; i, shift = i+1, shift+7 {
		c := data[i]
		if c < 0x80 {
			return v | uint64(c)<<shift, i + 1
		}
		v |= uint64(c&0x7f) << shift
	}
}

// arenaChunk is the largest block packer allocates.
const arenaChunk = 64 << 20

// packer packs posting lists into shared blocks, each list exactly as long
// as it is. Lists grow by doubling while an index is built, leaving up to
// half their memory unused; afterwards they rarely grow. A list that grows
// again gets its own memory back, since its slice has no spare capacity.
type packer struct {
	block []byte
	left  int // bytes of lists still to pack, to size the last block
}

// pack packs lists.
func (pk *packer) pack(lists []postings) {
	for i := range lists {
		p := &lists[i]
		n := len(p.data)
		if n == 0 {
			p.data = nil
			continue
		}
		if len(pk.block)+n > cap(pk.block) {
			pk.block = make([]byte, 0, max(n, min(arenaChunk, pk.left)))
		}
		start := len(pk.block)
		pk.block = append(pk.block, p.data...)
		p.data = pk.block[start:len(pk.block):len(pk.block)]
		pk.left -= n
	}
}

// size returns the bytes the lists hold.
func size(lists []postings) int {
	n := 0
	for i := range lists {
		n += len(lists[i].data)
	}
	return n
}
