package analysis

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s case-folded and diacritic-free, words joined by single
// spaces, without stemming or transliteration ("  Älihan   TÖRE " → "alihan
// tore"). Words are split and folded exactly as for indexing, so two strings
// with equal Fold have equal index terms. Used to compare names and field
// values.
func Fold(s string) string {
	var out, buf []byte
	var it norm.Iter
	for i := 0; ; {
		w, ok := nextWord(s, i)
		if !ok {
			break
		}
		i = w.end
		buf = foldWord(buf[:0], s[w.start:w.end], w, &it)
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, buf...)
	}
	return string(out)
}

// foldWord appends the folded form of the word text (of w's class) to dst.
// A CJK word is folded unit by unit (see foldCJK) and not split into
// bigrams; it is scratch space for that.
func foldWord(dst []byte, text string, w word, it *norm.Iter) []byte {
	n := len(dst)
	switch w.cl {
	case clLatin:
		if w.ascii {
			dst = foldASCII(dst, text)
		} else {
			dst = foldGeneral(dst, text, clLatin)
		}
	case clCyrillic:
		dst = foldCyrillic(dst, text)
	case clCJK:
		for j := 0; j < len(text); {
			k := cjkUnitEnd(text, j)
			dst = foldCJK(dst, text[j:k], it)
			j = k
		}
	default:
		dst = foldGeneral(dst, text, clOther)
	}
	if len(dst) == n {
		// Folding removed everything (a lone modifier letter such as ͺ):
		// keep the word as written so it is still findable.
		dst = append(dst, text...)
	}
	return dst
}

// foldASCII appends the lower case of the ASCII word w.
func foldASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// foldGeneral folds a Latin or Other word: NFKD, marks removed, lower case,
// the extra folds of foldRune. Decomposition is per rune, which equals NFKD
// of the word except for the order of combining marks, and those are removed.
func foldGeneral(dst []byte, w string, cl class) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c) // letters, digits and the apostrophe are kept
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if classify(r) == clJoin {
			// Apostrophes become ' so that the English stemmer sees
			// "Stalin’s" as "stalin's"; primes (ʹ ʺ, soft and hard sign
			// in library romanisation) are dropped like ь and ъ in xlat.
			if cl == clLatin && r != '\u02B9' && r != '\u02BA' {
				dst = append(dst, '\'')
			}
			i += size
			continue
		}
		if d := norm.NFKD.PropertiesString(w[i:]).Decomposition(); d != nil {
			for j := 0; j < len(d); {
				r2, s2 := utf8.DecodeRune(d[j:])
				dst = foldRune(dst, r2)
				j += s2
			}
		} else {
			dst = foldRune(dst, r)
		}
		i += size
	}
	return dst
}

// foldRune appends the fold of one fully decomposed rune: nothing for marks
// (except spacing marks, which are vowel signs rather than diacritics) and
// for anything that is not a letter or digit (NFKD can produce spaces and
// punctuation, as in ﷺ or ½), the lower case otherwise.
func foldRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		c := byte(r)
		switch {
		case 'A' <= c && c <= 'Z':
			return append(dst, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			return append(dst, c)
		}
		return dst
	}
	r = unicode.ToLower(r)
	switch r {
	case 'ß':
		return append(dst, "ss"...)
	case 'æ':
		return append(dst, "ae"...)
	case 'œ':
		return append(dst, "oe"...)
	case 'þ':
		return append(dst, "th"...)
	case 'ø':
		return append(dst, 'o')
	case 'ł', 'ŀ':
		return append(dst, 'l')
	case 'đ', 'ð':
		return append(dst, 'd')
	case 'ı':
		return append(dst, 'i')
	case 'ς':
		r = 'σ'
	case '\u0640': // Arabic tatweel: stretches a word, carries no letter
		return dst
	case '\u06CC': // Persian yeh ی
		r = '\u064A'
	case '\u06A9': // Persian keheh ک
		r = '\u0643'
	case '\u0671': // alef wasla ٱ
		r = '\u0627'
	}
	switch {
	case unicode.Is(unicode.Nd, r):
		return append(dst, byte('0'+digitValue(r)))
	case unicode.IsLetter(r), unicode.IsNumber(r), unicode.Is(unicode.Mc, r):
		return utf8.AppendRune(dst, r)
	}
	return dst
}

// digitValue returns the value of the decimal digit r. Unicode assigns
// decimal digits only in contiguous runs from 0 to 9, so the offset from the
// start of r's range in the Nd table, modulo 10, is its value (a test checks
// the table's shape).
func digitValue(r rune) int {
	for _, rg := range unicode.Nd.R16 {
		if r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return 0
}

// foldCyrillic folds a Cyrillic word: lower case, ё → е, stress and other
// marks removed, but й, ї, ў, ѓ, ќ kept, since they are letters of their
// own. Russian letters take the fast path.
func foldCyrillic(dst []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf { // the apostrophe, the only ASCII in a Cyrillic word
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		switch {
		case r >= 'а' && r <= 'я':
			dst = append(dst, w[i:i+size]...)
		case r >= 'А' && r <= 'Я':
			dst = utf8.AppendRune(dst, r+'а'-'А')
		case r == 'ё', r == 'Ё':
			dst = append(dst, "е"...)
		default:
			dst = foldCyrillicRune(dst, r, w[i:])
		}
		i += size
	}
	return dst
}

// cyrillicKept are the Cyrillic letters with a diacritic that folding keeps.
func cyrillicKept(r rune) bool {
	switch r {
	case 'й', 'ї', 'ў', 'ѓ', 'ќ':
		return true
	}
	return false
}

// cyrillicCompose are the decomposed spellings of the kept letters, by last
// letter and mark, so that и + U+0306 folds like й.
var cyrillicCompose = map[[2]rune]rune{
	{'и', '\u0306'}: 'й',
	{'і', '\u0308'}: 'ї',
	{'у', '\u0306'}: 'ў',
	{'г', '\u0301'}: 'ѓ',
	{'к', '\u0301'}: 'ќ',
}

// foldCyrillicRune folds a rune of a Cyrillic word outside the Russian
// alphabet; rest starts with it.
func foldCyrillicRune(dst []byte, r rune, rest string) []byte {
	lr := unicode.ToLower(r)
	switch {
	case cyrillicKept(lr):
		return utf8.AppendRune(dst, lr)
	case classify(r) == clJoin: // Ukrainian apostrophe: м'ясо is мясо in xlat
		return dst
	case unicode.IsMark(r):
		last, n := utf8.DecodeLastRune(dst)
		if c, ok := cyrillicCompose[[2]rune{last, r}]; ok {
			return utf8.AppendRune(dst[:len(dst)-n], c)
		}
		return dst
	}
	if d := norm.NFKD.PropertiesString(rest).Decomposition(); d != nil {
		for j := 0; j < len(d); {
			r2, s2 := utf8.DecodeRune(d[j:])
			dst = foldRune(dst, r2)
			j += s2
		}
		return dst
	}
	return foldRune(dst, r)
}

// cjkUnitEnd returns the end of the CJK unit (a character with the marks
// that follow it) starting at byte i of the CJK word w.
func cjkUnitEnd(w string, i int) int {
	_, size := utf8.DecodeRuneInString(w[i:])
	i += size
	for i < len(w) {
		r, size := utf8.DecodeRuneInString(w[i:])
		if classify(r) != clMark {
			break
		}
		i += size
	}
	return i
}

// foldCJK appends the fold of one CJK unit: the unit itself for the common
// ideographs, kana and Hangul syllables (NFKC leaves them alone), NFKC
// otherwise (half-width kana, compatibility ideographs, a kana with a
// separate voicing mark), with any remaining Mn marks removed. it is
// scratch space (norm.Form.AppendString would allocate).
func foldCJK(dst []byte, u string, it *norm.Iter) []byte {
	r, size := utf8.DecodeRuneInString(u)
	if size == len(u) && (r >= 0x4E00 && r <= 0x9FFF || r >= 0x3041 && r <= 0x3096 ||
		r >= 0x30A1 && r <= 0x30FA || r == 0x30FC || r >= 0xAC00 && r <= 0xD7A3) {
		return append(dst, u...)
	}
	n := len(dst)
	it.InitString(norm.NFKC, u)
	for !it.Done() {
		dst = append(dst, it.Next()...)
	}
	out := dst[:n]
	for j := n; j < len(dst); {
		r, s := utf8.DecodeRune(dst[j:])
		if !unicode.Is(unicode.Mn, r) {
			out = append(out, dst[j:j+s]...)
		}
		j += s
	}
	return out
}
