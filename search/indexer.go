package search

import (
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/markup"
)

// fieldGap separates the positions of a document's fields, so that nothing
// reads as adjacent across two fields.
const fieldGap = 16

// docAnalyzer turns documents into analyzedDocs, numbering their terms in
// the index's dictionary. Each goroutine needs its own. It remembers every
// word it has seen with the numbers of its term and title term, so that
// most tokens cost one map lookup, and the shared dictionary, which needs
// locks, sees each word once per goroutine.
type docAnalyzer struct {
	an *analysis.Analyzer
	ix *Index
	// words and old hold the remembered words in two generations, by the
	// token's Surface, which with its kind determines its Term; a word of
	// the old generation moves to the new when seen.
	words, old map[string]*wordIDs
	counts     []uint32 // per term number: occurrences in the current document
	touched    []uint32 // term numbers counted in the current document
	key        []byte
	surface    []byte // the Surface of the last token that was not colocated
}

// wordIDs are the numbers of a word's term and title term (0 until needed;
// a real title term is never number 0, which the first text term takes).
type wordIDs struct {
	term, title uint32
}

// maxRemembered bounds the words each generation remembers; a large
// archive's vocabulary runs to millions of words, and what falls out must
// be stemmed again.
const maxRemembered = 1 << 21

func newDocAnalyzer(ix *Index) *docAnalyzer {
	return &docAnalyzer{an: analysis.NewAnalyzerCapacity(maxRemembered), ix: ix, words: map[string]*wordIDs{}}
}

// lookup returns the numbers of a token's word, numbering it if new. A
// token is remembered by its Surface, which with its kind determines its
// Term; a colocated token (the transliterated term of a Cyrillic word) by
// the Surface of the Cyrillic word it shares a position with, in, since two
// Cyrillic words with different stems may transliterate alike (Kazakh ә and
// Russian а both give a).
func (da *docAnalyzer) lookup(t analysis.Token, in []byte) *wordIDs {
	key := t.Surface
	if in != nil {
		da.key = append(append(da.key[:0], 0), in...)
		key = da.key
	}
	if w, ok := da.words[string(key)]; ok {
		return w
	}
	if len(da.words) >= maxRemembered {
		da.old, da.words = da.words, make(map[string]*wordIDs, len(da.words))
	}
	w, ok := da.old[string(key)]
	if !ok {
		w = &wordIDs{term: da.ix.dict.id(t.Term)}
	}
	da.words[string(key)] = w
	return w
}

// titleID returns the number of a word's title term.
func (da *docAnalyzer) titleID(w *wordIDs, term []byte) uint32 {
	if w.title == 0 {
		da.key = append(append(da.key[:0], titlePrefix...), term...)
		w.title = da.ix.dict.id(da.key)
	}
	return w.title
}

// count adds one occurrence of term number id to the current document.
func (da *docAnalyzer) count(id uint32) {
	if int(id) >= len(da.counts) {
		da.counts = append(da.counts, make([]uint32, int(id)+1-len(da.counts)+1024)...)
	}
	if da.counts[id] == 0 {
		da.touched = append(da.touched, id)
	}
	da.counts[id]++
}

// searchableFields returns the texts a document is found by, title first.
// Repositories are named from auth: documents read for search carry only
// the IDs of their authorities.
func searchableFields(d *recto.Document, auth *authorities) []string {
	fields := []string{d.Title, plainText(recto.Markdown, d.Summary)}
	for _, t := range d.Texts {
		fields = append(fields, plainText(t.Format, t.Body))
	}
	fields = append(fields, d.Signature, d.WrittenAt, d.WrittenOn, d.Authentication, d.DateAsWritten)
	for _, s := range d.Sources {
		fields = append(fields, sourceText(s, auth), s.Note, s.Citation)
	}
	return fields
}

// sourceText is a source's reference as words: "GARF Fond R-9401ss …".
func sourceText(s recto.Source, auth *authorities) string {
	var b strings.Builder
	if s.Repository != nil {
		if r := auth.repositories[s.Repository.ID]; r != nil {
			b.WriteString(r.ShortName)
		}
	}
	for _, p := range s.Parts {
		b.WriteString(" ")
		b.WriteString(p.Label)
		b.WriteString(" ")
		b.WriteString(p.Value)
	}
	return b.String()
}

// plainText returns a text's words as the page shows them, read by the one
// owner of text formats (markup.PlainText), so that markup, link targets,
// page markers and raw HTML, which no reader sees, are not indexed. Markdown
// without any character that Markdown gives a meaning is its own words.
func plainText(f recto.TextFormat, src string) string {
	if (f == "" || f == recto.Markdown) && !strings.ContainsAny(src, "[*_~#>|-\\<&`") {
		return src
	}
	return markup.PlainText(f, src)
}

// analyze prepares a published document for the index.
func (da *docAnalyzer) analyze(d *recto.Document, auth *authorities) *analyzedDoc {
	a := &analyzedDoc{id: d.ID, published: unixOrZero(d.PublishedAt), title: analysis.Fold(d.Title)}
	a.earliest, a.latest, a.dated = dateBounds(d)
	pos, streamPos := 0, 0
	var stream []byte
	for i, text := range searchableFields(d, auth) {
		if text == "" {
			continue
		}
		title := i == 0
		last := -1
		next := da.an.Analyze(text, pos, func(t analysis.Token) {
			var in []byte
			if t.Pos == last {
				in = da.surface
			} else {
				da.surface = append(da.surface[:0], t.Surface...)
			}
			w := da.lookup(t, in)
			last = t.Pos
			da.count(w.term)
			if title {
				da.count(da.titleID(w, t.Term))
			}
			stream = appendUvarint(appendUvarint(stream, uint64(t.Pos-streamPos)), uint64(w.term))
			streamPos = t.Pos
		})
		a.length += uint32(next - pos)
		pos = next + fieldGap
	}
	a.terms = make([]termCount, len(da.touched))
	for i, id := range da.touched {
		a.terms[i] = termCount{id, da.counts[id]}
		da.counts[id] = 0
	}
	da.touched = da.touched[:0]
	a.stream = stream
	a.facets = facetValues(d, auth)
	return a
}
