package analysis

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// xlatLetters is the transliteration table of the package comment, in lower
// case; "" drops the letter.
var xlatLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian (і is also pre-1918 Russian)
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
	// Belarusian
	'ў': "w",
	// Kazakh
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h",
	// Tajik, Tatar
	'ҳ': "h", 'ҷ': "j", 'җ': "zh",
	// Serbian, Macedonian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	// pre-1918 Russian
	'ѣ': "e", 'ѳ': "f", 'ѵ': "i",
}

const xlatFirst, xlatLast = 0x400, 0x52F

// xlatTab[r-xlatFirst] is the transliteration of every rune of the Cyrillic
// and Cyrillic Supplement blocks: from xlatLetters by lower case, else by
// base letter (ӣ → и → i), else "" (dropped, so xlat stays ASCII).
var xlatTab = func() (t [xlatLast - xlatFirst + 1]string) {
	for r := rune(xlatFirst); r <= xlatLast; r++ {
		lr := unicode.ToLower(r)
		s, ok := xlatLetters[lr]
		if !ok {
			if base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(lr))); base != lr {
				s = xlatLetters[base]
			}
		}
		t[r-xlatFirst] = s
	}
	return t
}()

// Translit returns the Latin transliteration (xlat, see the package comment)
// of the Cyrillic letters in s, lower case; other characters are unchanged
// ("Хрущёв, 1956" → "khrushchev, 1956").
func Translit(s string) string {
	return string(appendXlat(nil, s, false))
}

// xlatString returns xlat of s as a string (for the stem cache).
func xlatString(s string) string {
	var buf [64]byte
	return string(appendXlat(buf[:0], s, false))
}

// appendXlat appends the transliteration of s to dst. With ye, е at the
// start of a word or after a vowel, ъ, ь or й is written "ye" (the BGN/PCGN
// rule, used for the extra query form of Cyrillic words).
func appendXlat(dst []byte, s string, ye bool) []byte {
	prev := rune(-1) // previous rune, -1 at the start of the text
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < xlatFirst || r > xlatLast {
			dst = append(dst, s[i:i+size]...)
			prev = r
			i += size
			continue
		}
		lr := unicode.ToLower(r)
		switch {
		case (lr == 'и' || lr == 'ы') && finalShortI(s[i+size:]):
			// English writes Троцкий, Грозный as Trotsky, Grozny, not
			// BGN/PCGN Trotskiy, Groznyy; without this "Троцкий" could not
			// find "Trotsky's".
			dst = append(dst, 'y')
			i += size + len("й")
			prev = 'й'
			continue
		case ye && lr == 'е' && yeContext(prev):
			dst = append(dst, "ye"...)
		default:
			dst = append(dst, xlatTab[r-xlatFirst]...)
		}
		prev = lr
		i += size
	}
	return dst
}

// finalShortI reports whether rest starts with й (either case) that ends a
// word.
func finalShortI(rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	if r != 'й' && r != 'Й' {
		return false
	}
	if size == len(rest) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest[size:])
	return !unicode.IsLetter(next) && !unicode.IsMark(next)
}

// yeContext reports whether е after prev is iotated ("ye") in BGN/PCGN.
func yeContext(prev rune) bool {
	switch prev {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'ъ', 'ь', 'й', 'і', 'ї', 'є':
		return true
	}
	return prev < 0 || !unicode.IsLetter(prev)
}

// back transliterates the ASCII lower-case letters w to Russian Cyrillic,
// inverting xlat (see the package comment), and appends the result to dst.
// ok is false if w has a letter that xlat never produces from Russian.
func back(dst []byte, w []byte) (out []byte, ok bool) {
	for i := 0; i < len(w); {
		if hasPrefixAt(w, i, "shch") {
			dst = append(dst, "щ"...)
			i += 4
			continue
		}
		if i+1 < len(w) {
			if c, ok := backDigraphs[[2]byte{w[i], w[i+1]}]; ok {
				dst = append(dst, c...)
				i += 2
				continue
			}
		}
		c := w[i]
		switch {
		case c == 'y':
			// й after a vowel (Tolstoy, Chaykovsky) and at the end of a
			// word (Trotsky: the stemmer treats final -й and -ий alike),
			// ы elsewhere (Krym, vy).
			if i == len(w)-1 || (i > 0 && isLatinVowel(w[i-1])) {
				dst = append(dst, "й"...)
			} else {
				dst = append(dst, "ы"...)
			}
		case c == 'x':
			dst = append(dst, "кс"...) // Alexander, Maxim
		case c < utf8.RuneSelf && backLetters[c] != "":
			dst = append(dst, backLetters[c]...)
		default:
			return dst, false
		}
		i++
	}
	return dst, true
}

func hasPrefixAt(w []byte, i int, p string) bool {
	return len(w)-i >= len(p) && string(w[i:i+len(p)]) == p
}

func isLatinVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// backDigraphs are the two-letter groups of back; yo and ye give е because
// folding turns ё into е.
var backDigraphs = map[[2]byte]string{
	{'z', 'h'}: "ж", {'k', 'h'}: "х", {'t', 's'}: "ц", {'c', 'h'}: "ч", {'s', 'h'}: "ш",
	{'y', 'u'}: "ю", {'y', 'a'}: "я", {'y', 'o'}: "е", {'y', 'e'}: "е",
}

// backLetters are the single letters of back, except y and x.
var backLetters = [utf8.RuneSelf]string{
	'a': "а", 'b': "б", 'v': "в", 'g': "г", 'd': "д", 'e': "е", 'z': "з",
	'i': "и", 'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п",
	'r': "р", 's': "с", 't': "т", 'u': "у", 'f': "ф",
}
