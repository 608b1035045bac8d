package analysis

import (
	"unicode"
	"unicode/utf8"
)

// class is the script class of a rune, or its role inside a word.
type class uint8

const (
	clNone     class = iota // not part of any word
	clLatin                 // Latin letters and all digits
	clCyrillic              // Cyrillic letters
	clCJK                   // Han, kana, Hangul, Bopomofo
	clOther                 // letters of any other script
	clMark                  // combining mark: continues the current word
	clJoin                  // apostrophe or prime: joins two letters of a Latin or Cyrillic word
)

// asciiClass classifies the ASCII bytes, which are most of the text.
var asciiClass = func() (t [utf8.RuneSelf]class) {
	for c := '0'; c <= '9'; c++ {
		t[c] = clLatin
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clLatin
		t[c-'a'+'A'] = clLatin
	}
	t['\''] = clJoin
	return t
}()

// cjkScripts are the scripts of the CJK class.
var cjkScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo}

// classify returns the class of r. The first cases are fast paths for the
// common blocks; the table look-ups after them decide the rest.
func classify(r rune) class {
	switch {
	case r < utf8.RuneSelf:
		return asciiClass[r]
	case r >= 0xC0 && r <= 0x24F: // Latin-1 letters, Latin Extended-A and -B
		if r == 0xD7 || r == 0xF7 { // × ÷
			return clNone
		}
		return clLatin
	case r >= 0x400 && r <= 0x481, r >= 0x48A && r <= 0x52F: // Cyrillic letters
		return clCyrillic
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3: // CJK ideographs, Hangul syllables
		return clCJK
	case r == '\u2019', r == '\u02BC', r == '\u02BB', r == '\u02B9', r == '\u02BA': // ’ ʼ ʻ ʹ ʺ
		return clJoin
	case r == '\u30FC', r == '\uFF70': // ー ｰ: Common script, but part of katakana words
		return clCJK
	case r == '\uFF9E', r == '\uFF9F': // half-width (semi-)voiced sound marks: NFKC makes them combining
		return clMark
	}
	if unicode.IsMark(r) {
		return clMark
	}
	if unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) {
		switch {
		case unicode.Is(unicode.Latin, r):
			return clLatin
		case unicode.Is(unicode.Cyrillic, r):
			return clCyrillic
		case unicode.IsOneOf(cjkScripts, r):
			return clCJK
		}
		return clOther
	}
	if unicode.IsNumber(r) {
		return clLatin
	}
	return clNone
}

// isLetterOf reports whether r is a letter (not a digit or mark) of class c;
// a joiner joins only between letters.
func isLetterOf(r rune, c class) bool {
	if r < utf8.RuneSelf {
		return c == clLatin && (r|0x20 >= 'a' && r|0x20 <= 'z')
	}
	return classify(r) == c && unicode.IsLetter(r)
}

// word is one word of a text: text[start:end], its class, and whether it is
// all ASCII (which allows the fast folding path).
type word struct {
	start, end int
	cl         class
	ascii      bool
}

// nextWord returns the first word of s at or after byte i, or ok == false
// if there is none.
func nextWord(s string, i int) (w word, ok bool) {
	// Find the first rune that can start a word: marks and joiners cannot.
	for {
		if i >= len(s) {
			return word{}, false
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] == clLatin {
				w = word{start: i, cl: clLatin, ascii: true}
				i++
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if k := classify(r); k >= clLatin && k <= clOther {
			w = word{start: i, cl: k}
			i += size
			break
		}
		i += size
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			k := asciiClass[c]
			if k == w.cl {
				i++
				continue
			}
			if k == clJoin && joins(s, i+1, w.cl) {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		k := classify(r)
		if k == w.cl || k == clMark || (k == clJoin && joins(s, i+size, w.cl)) {
			w.ascii = false
			i += size
			continue
		}
		break
	}
	w.end = i
	return w, true
}

// joins reports whether a joiner just before s[i] joins a word of class c:
// only Latin and Cyrillic words take joiners, and only before a letter.
func joins(s string, i int, c class) bool {
	if (c != clLatin && c != clCyrillic) || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isLetterOf(r, c)
}
