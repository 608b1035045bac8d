package search

import (
	"encoding/binary"
	"math/bits"
)

// blockLen is how many postings a packed block holds.
const blockLen = 128

// postings is an append-only list of increasing document numbers with a
// small count each (term frequency; 1 for facet values).
//
// Full blocks of blockLen postings are bit-packed: a byte with the width of
// the gaps, a byte with the width of the counts less one, then the gaps and
// the counts, each at that width. A gap is the distance from the document
// before (the first of the list counts from zero). The postings after the
// last full block form a varint tail, each delta<<1|more with count-1 after
// it only when the count exceeds one. Long lists, whose gaps are small,
// take a few bits a posting packed instead of at least a byte as varints;
// short ones stay varints, which suit their large gaps.
type postings struct {
	data []byte
	tail uint32 // where the varint tail starts in data
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
	if p.n%blockLen == 0 {
		p.packTail()
	}
}

// packTail replaces the varint tail, which holds exactly blockLen postings,
// with a packed block.
func (p *postings) packTail() {
	var gaps, tfs [blockLen]uint32
	decodeTail(p.data[p.tail:], blockLen, &gaps, &tfs)
	p.data = appendBlock(p.data[:p.tail], &gaps, &tfs)
	p.tail = uint32(len(p.data))
}

// decodeTail decodes k varint postings into gaps and counts less one.
func decodeTail(data []byte, k int, gaps, tfs *[blockLen]uint32) {
	i := 0
	for j := range k {
		v, n := uvarint(data[i:])
		i += n
		gaps[j], tfs[j] = uint32(v>>1), 0
		if v&1 != 0 {
			c, n := uvarint(data[i:])
			i += n
			tfs[j] = uint32(c)
		}
	}
}

// appendBlock appends a packed block of gaps and counts less one.
func appendBlock(b []byte, gaps, tfs *[blockLen]uint32) []byte {
	gw, tw := width(gaps), width(tfs)
	b = append(b, gw, tw)
	b = appendPacked(b, gaps, gw)
	return appendPacked(b, tfs, tw)
}

// width returns the bits the largest value needs.
func width(vs *[blockLen]uint32) uint8 {
	var or uint32
	for _, v := range vs {
		or |= v
	}
	return uint8(bits.Len32(or))
}

// appendPacked appends the values w bits each, low bits first:
// blockLen*w/8 bytes, which is whole since blockLen is a multiple of 8.
func appendPacked(b []byte, vs *[blockLen]uint32, w uint8) []byte {
	var acc uint64
	var have uint8
	for _, v := range vs {
		acc |= uint64(v) << have
		have += w
		for have >= 8 {
			b = append(b, byte(acc))
			acc >>= 8
			have -= 8
		}
	}
	return b
}

// unpack reads blockLen values of w bits each from data into vs and returns
// the bytes read. While eight bytes remain it reads each value with one
// 64-bit load, which a value of up to 32 bits at any bit offset fits.
func unpack(data []byte, vs *[blockLen]uint32, w uint8) int {
	size := blockLen * int(w) / 8
	if w == 0 {
		*vs = [blockLen]uint32{}
		return 0
	}
	mask := uint64(1)<<w - 1
	j, off := 0, 0
	for ; j < blockLen && off>>3+8 <= len(data); j, off = j+1, off+int(w) {
		vs[j] = uint32(binary.LittleEndian.Uint64(data[off>>3:]) >> (off & 7) & mask)
	}
	for ; j < blockLen; j, off = j+1, off+int(w) {
		var word [8]byte
		copy(word[:], data[off>>3:size])
		vs[j] = uint32(binary.LittleEndian.Uint64(word[:]) >> (off & 7) & mask)
	}
	return size
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// eachBlock calls fn with the postings a block at a time: k documents in
// docs and their counts less one in tfs.
func (p *postings) eachBlock(fn func(docs, tfs *[blockLen]uint32, k int)) {
	var docs, tfs [blockLen]uint32
	var doc uint32 // the first gap counts from zero
	sum := func(k int) {
		for j := range k {
			doc += docs[j]
			docs[j] = doc
		}
		fn(&docs, &tfs, k)
	}
	data := p.data[:p.tail]
	for len(data) > 0 {
		i := 2 + unpack(data[2:], &docs, data[0])
		i += unpack(data[i:], &tfs, data[1])
		data = data[i:]
		sum(blockLen)
	}
	k := int(p.n % blockLen)
	decodeTail(p.data[p.tail:], k, &docs, &tfs)
	sum(k)
}

// each calls fn with every document and its count, in order.
func (p *postings) each(fn func(doc, tf uint32)) {
	p.eachBlock(func(docs, tfs *[blockLen]uint32, k int) {
		for j, doc := range docs[:k] {
			fn(doc, tfs[j]+1)
		}
	})
}

// into sets the bit of every document of p in b.
func (p *postings) into(b bitset) {
	p.eachBlock(func(docs, _ *[blockLen]uint32, k int) {
		for _, doc := range docs[:k] {
			b[doc>>6] |= 1 << (doc & 63)
		}
	})
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
