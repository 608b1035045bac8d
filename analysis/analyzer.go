package analysis

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/russian"
	"golang.org/x/text/unicode/norm"
)

const (
	// maxStemLen is the longest folded word, in bytes, that is stemmed and
	// cached: longer "words" (tables of digits, base64, run-together
	// headings) are not language, and caching them would waste memory.
	maxStemLen = 100
	// maxCache is the default bound of the stem caches. They are kept in two
	// generations: when the new one is half full, the old is dropped and the
	// new becomes old, so the words in use survive, and a word found in the
	// old generation moves to the new.
	maxCache = 200_000
)

// Token is one index term of a text. Term and Surface are only valid during
// the callback.
type Token struct {
	// Term is the index form (see the package comment).
	Term []byte
	// Surface is the folded, unstemmed word, for prefix search: for a
	// Cyrillic word's transliterated term it is the transliterated folded
	// word; for CJK and Other words it equals Term.
	Surface []byte
	// Pos is the word position, 0-based plus the pos0 of Analyze.
	// Colocated terms share Pos; CJK bigrams each take a position.
	Pos int
	// Start is the byte offset of the word (for CJK, of the bigram) in the
	// input.
	Start int
	// End is the byte offset just after the word (bigram).
	End int
}

// Analyzer analyzes text. It caches stems, so it is NOT safe for concurrent
// use: make one per goroutine.
type Analyzer struct {
	env       *snowballstem.Env
	en, enOld map[string]string // folded Latin word → English stem
	ru, ruOld map[string]ruStem // folded Cyrillic word → stems
	capacity  int               // entries both generations may hold together

	// Buffers reused for every word, so that analysis does not allocate
	// once the caches hold the vocabulary.
	fold, term, surf, unit, prev []byte
	iter                         norm.Iter
}

// ruStem is what the Russian cache keeps for a folded Cyrillic word.
type ruStem struct {
	stem  string // ru(fold(w))
	stemX string // xlat(stem)
	surfX string // xlat(fold(w)), the Surface of the transliterated term
}

// NewAnalyzer returns an Analyzer with empty caches.
func NewAnalyzer() *Analyzer {
	return &Analyzer{
		env:      snowballstem.NewEnv(""),
		en:       make(map[string]string),
		ru:       make(map[string]ruStem),
		capacity: maxCache,
	}
}

// Analyze calls fn for each term of text in order. pos0 is added to every
// Pos (so several fields of a document can be analyzed into one position
// space with gaps between them). It returns the next free position.
func (a *Analyzer) Analyze(text string, pos0 int, fn func(Token)) int {
	pos := pos0
	for i := 0; ; {
		w, ok := nextWord(text, i)
		if !ok {
			return pos
		}
		i = w.end
		src := text[w.start:w.end]
		t := Token{Pos: pos, Start: w.start, End: w.end}
		switch w.cl {
		case clLatin:
			a.fold = foldWord(a.fold[:0], src, w, &a.iter)
			a.term = a.appendEn(a.term[:0], a.fold)
			t.Term, t.Surface = a.term, a.fold
			fn(t)
		case clCyrillic:
			a.fold = foldWord(a.fold[:0], src, w, &a.iter)
			e := a.ruStem(a.fold)
			a.term = append(a.term[:0], e.stem...)
			t.Term, t.Surface = a.term, a.fold
			fn(t)
			if e.stemX != "" { // a word of only ь/ъ has no transliteration
				a.term = append(a.term[:0], e.stemX...)
				a.surf = append(a.surf[:0], e.surfX...)
				t.Term, t.Surface = a.term, a.surf
				fn(t)
			}
		case clCJK:
			a.bigrams(src, w.start, func(term []byte, start, end int) {
				fn(Token{Term: term, Surface: term, Pos: pos, Start: start, End: end})
				pos++
			})
			continue
		default:
			a.fold = foldWord(a.fold[:0], src, w, &a.iter)
			t.Term, t.Surface = a.fold, a.fold
			fn(t)
		}
		pos++
	}
}

// QueryForms returns the terms a single query word may match (see the
// package comment), deduplicated, never empty for a word that has letters or
// digits. For a CJK run they are its bigrams, all of which a document must
// have. If word holds several words (as QueryTerms would split it), their
// forms are returned together.
func (a *Analyzer) QueryForms(word string) []string {
	var forms []string
	for _, fs := range a.QueryTerms(word) {
		for _, f := range fs {
			forms = appendNew(forms, f)
		}
	}
	return forms
}

// QueryTerms splits a query text into words and returns each word's forms,
// in order; a CJK run gives one entry per bigram.
func (a *Analyzer) QueryTerms(text string) [][]string {
	var out [][]string
	for i := 0; ; {
		w, ok := nextWord(text, i)
		if !ok {
			return out
		}
		i = w.end
		src := text[w.start:w.end]
		if w.cl == clCJK {
			a.bigrams(src, w.start, func(term []byte, _, _ int) {
				out = append(out, []string{string(term)})
			})
			continue
		}
		out = append(out, a.wordForms(src, w))
	}
}

// wordForms returns the query forms of the Latin, Cyrillic or Other word
// src.
func (a *Analyzer) wordForms(src string, w word) []string {
	var forms []string
	add := func(b []byte) {
		if len(b) > 0 {
			forms = appendNew(forms, string(b))
		}
	}
	a.fold = foldWord(a.fold[:0], src, w, &a.iter)
	switch w.cl {
	case clLatin:
		a.term = a.appendEn(a.term[:0], a.fold)
		add(a.term)
		if onlyASCIILetters(a.fold) {
			var ok bool
			if a.surf, ok = back(a.surf[:0], a.fold); ok {
				add([]byte(a.ruStem(a.surf).stemX))
			}
		}
	case clCyrillic:
		e := a.ruStem(a.fold)
		add([]byte(e.stem))
		add([]byte(e.stemX))
		for _, ye := range []bool{false, true} {
			a.surf = appendXlat(a.surf[:0], string(a.fold), ye)
			a.term = a.appendEn(a.term[:0], a.surf)
			add(a.term)
		}
	default:
		add(a.fold)
	}
	return forms
}

// bigrams calls emit for each overlapping pair of units (characters with
// their marks) of the CJK word src, which starts at byte offset off of the
// text, with the pair's folded term and its span in the text; a word of one
// unit gives that unit.
func (a *Analyzer) bigrams(src string, off int, emit func(term []byte, start, end int)) {
	n, prevStart := 0, 0
	for j := 0; j < len(src); {
		k := cjkUnitEnd(src, j)
		a.unit = foldCJK(a.unit[:0], src[j:k], &a.iter)
		if len(a.unit) == 0 {
			j = k
			continue
		}
		if n > 0 {
			a.term = append(append(a.term[:0], a.prev...), a.unit...)
			emit(a.term, off+prevStart, off+k)
		}
		a.prev, a.unit = a.unit, a.prev
		prevStart = j
		n++
		j = k
	}
	if n == 1 {
		emit(a.prev, off, off+len(src))
	}
}

// appendEn appends en(w), the English stem of the folded Latin word w, to
// dst; words with digits and over-long words are their own stem.
func (a *Analyzer) appendEn(dst, w []byte) []byte {
	if stem, ok := a.en[string(w)]; ok {
		return append(dst, stem...)
	}
	if stem, ok := a.enOld[string(w)]; ok {
		a.makeRoom()
		a.en[string(w)] = stem
		return append(dst, stem...)
	}
	if len(w) > maxStemLen || hasDigit(w) {
		return append(dst, w...)
	}
	s := string(w)
	a.env.SetCurrent(s)
	english.Stem(a.env)
	stem := a.env.Current()
	if stem == "" { // a lone apostrophe-s stems to nothing; keep the word
		stem = s
	}
	a.makeRoom()
	a.en[s] = stem
	return append(dst, stem...)
}

// ruStem returns the Russian stems of the folded Cyrillic word w.
func (a *Analyzer) ruStem(w []byte) ruStem {
	if e, ok := a.ru[string(w)]; ok {
		return e
	}
	if e, ok := a.ruOld[string(w)]; ok {
		a.makeRoom()
		a.ru[string(w)] = e
		return e
	}
	s := string(w)
	if len(w) > maxStemLen {
		x := xlatString(s)
		return ruStem{stem: s, stemX: x, surfX: x}
	}
	a.env.SetCurrent(s)
	russian.Stem(a.env)
	stem := a.env.Current()
	if stem == "" {
		stem = s
	}
	e := ruStem{stem: stem, stemX: xlatString(stem), surfX: xlatString(s)}
	a.makeRoom()
	a.ru[s] = e
	return e
}

// makeRoom ages the caches when the new generation is full, before an
// insertion.
func (a *Analyzer) makeRoom() {
	if len(a.en)+len(a.ru) >= a.capacity/2 {
		a.enOld, a.ruOld = a.en, a.ru
		a.en, a.ru = make(map[string]string, len(a.enOld)), make(map[string]ruStem, len(a.ruOld))
	}
}

// NewAnalyzerCapacity returns an Analyzer whose stem caches hold up to
// words entries: indexing a large archive needs more than queries do.
func NewAnalyzerCapacity(words int) *Analyzer {
	a := NewAnalyzer()
	a.capacity = max(words, 2)
	return a
}

func hasDigit(w []byte) bool {
	for _, c := range w {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

func onlyASCIILetters(w []byte) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(w) > 0
}

// appendNew appends s to list unless it is there already; lists of forms
// are short, so a scan beats a map.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
