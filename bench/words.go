package bench

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/recto-archive/recto/analysis"
)

// script makes pseudo-words of one writing system from syllables, so the
// corpus has the shapes real text has (Latin and Cyrillic words with endings
// for the stemmers, Han words of two characters, Arabic-script words) without
// copying any text.
type script struct {
	onsets, vowels, codas []string
	endings               []string // inflections added per occurrence
	maxSyllables          int
}

var (
	latinScript = script{
		onsets:       []string{"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pr", "gr", "ch", "sh", "th", "br", "pl"},
		vowels:       []string{"a", "e", "i", "o", "u", "ea", "ou", "ai", "io"},
		codas:        []string{"", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rt", "ck"},
		endings:      []string{"", "s", "ed", "ing", "er", "ion", "ly", "ions"},
		maxSyllables: 3,
	}
	germanScript = script{
		onsets:       []string{"b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "w", "z", "sch", "st", "kr", "gr", "pf"},
		vowels:       []string{"a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie"},
		codas:        []string{"", "n", "r", "s", "t", "l", "ch", "ng", "ß", "rt"},
		endings:      []string{"", "en", "e", "er", "es", "ung"},
		maxSyllables: 3,
	}
	cyrillicScript = script{
		onsets:       []string{"б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ч", "ш", "щ", "ст", "пр", "тр", "гр", "вл"},
		vowels:       []string{"а", "е", "и", "о", "у", "ы", "я", "ю", "ё"},
		codas:        []string{"", "", "н", "р", "с", "т", "л", "м", "й", "ст"},
		endings:      []string{"", "а", "ы", "е", "у", "ой", "ом", "ов", "ам", "ами", "ах", "ий", "ого"},
		maxSyllables: 3,
	}
	kazakhScript = script{
		onsets:       []string{"б", "ғ", "д", "ж", "з", "қ", "л", "м", "н", "ң", "с", "т", "ш", "к", "р"},
		vowels:       []string{"а", "ә", "е", "ы", "і", "о", "ө", "ұ", "ү"},
		codas:        []string{"", "н", "р", "с", "т", "қ", "ң"},
		endings:      []string{"", "лар", "дың", "ға", "да"},
		maxSyllables: 3,
	}
	arabicScript = script{
		onsets:       []string{"ب", "ت", "ج", "د", "ر", "ز", "س", "ش", "ق", "ك", "گ", "ل", "م", "ن", "ي", "ۋ", "خ", "ئ"},
		vowels:       []string{"ا", "ە", "و", "ۇ", "ۆ", "ۈ", "ې", "ى"},
		codas:        []string{"", "ن", "ر", "ل", "ق", "ش", "ت"},
		endings:      []string{"", "لار", "نىڭ", "غا", "دا"},
		maxSyllables: 3,
	}
)

// word makes a random word of 1 to maxSyllables syllables.
func (s script) word(r *rand.Rand) string { return s.syllables(r, 1+r.IntN(s.maxSyllables)) }

// name makes a proper name: two or three syllables, capitalised.
func (s script) name(r *rand.Rand) string { return capitalise(s.syllables(r, 2+r.IntN(2))) }

func (s script) syllables(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pick(r, s.onsets))
		b.WriteString(pick(r, s.vowels))
		b.WriteString(pick(r, s.codas))
	}
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// han makes Chinese words, drawing characters by Zipf's law from a pool of
// 3,000, as character frequencies in Chinese text fall off.
type han struct{ chars *rand.Zipf }

func newHan(r *rand.Rand) *han { return &han{chars: rand.NewZipf(r, 1.05, 1, 2999)} }

// word makes a word of two (sometimes one or three) Han characters.
func (h *han) word(r *rand.Rand) string {
	n := 2
	switch x := r.IntN(10); {
	case x == 0:
		n = 1
	case x == 9:
		n = 3
	}
	var b strings.Builder
	for range n {
		b.WriteRune(rune(0x4E00 + h.chars.Uint64()))
	}
	return b.String()
}

// vocabulary is one language's words, most frequent first, and fixed
// collocations of them.
type vocabulary struct {
	lang    string
	words   []string
	endings []string
	phrases []string
	spaced  bool // words separated by spaces (not Chinese)
}

// newVocabulary makes size distinct words with the script, and phrases of
// two or three mid-frequency words.
func newVocabulary(r *rand.Rand, lang string, size int, mk func(*rand.Rand) string, endings []string, spaced bool) *vocabulary {
	v := &vocabulary{lang: lang, endings: endings, spaced: spaced}
	seen := map[string]bool{}
	// Distinct by search term too, so a rare word is rare in the index.
	an := analysis.NewAnalyzer()
	for len(v.words) < size {
		w := mk(r)
		key := analysis.Fold(w)
		if forms := an.QueryForms(w); len(forms) > 0 {
			key = forms[0]
		}
		if seen[key] || utf8.RuneCountInString(w) < 2 && spaced {
			continue
		}
		seen[key] = true
		v.words = append(v.words, w)
	}
	// Frequent words are short, as in every language (Zipf's law of
	// abbreviation): rank the words by length.
	slices.SortStableFunc(v.words, func(a, b string) int {
		return utf8.RuneCountInString(a) - utf8.RuneCountInString(b)
	})
	for range 500 {
		n := 2 + r.IntN(2)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = v.words[200+r.IntN(min(4800, len(v.words)-200))]
		}
		v.phrases = append(v.phrases, strings.Join(parts, v.sep()))
	}
	return v
}

func (v *vocabulary) sep() string {
	if v.spaced {
		return " "
	}
	return ""
}

// inflect adds an ending to a word, as running text inflects it. Endings
// are Zipf-distributed too: the first (usually none) half the time, the next
// a quarter, and so on, so each word has a few common forms and a tail of
// rare ones, as in real text.
func (v *vocabulary) inflect(r *rand.Rand, w string) string {
	if len(v.endings) == 0 {
		return w
	}
	i := 0
	for i < len(v.endings)-1 && r.IntN(2) == 1 {
		i++
	}
	return w + v.endings[i]
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
