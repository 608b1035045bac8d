package wilson

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
)

// iso6392B maps the primary subtag of a BCP 47 tag to its ISO 639-2
// bibliographic code, the codes the original API used ("rus", "chi", "ger").
// It covers every language Recto names (recto.LanguageName) and a few more.
// Cantonese and Mandarin have no code of their own in ISO 639-2: they are
// "chi", as the original filed them.
var iso6392B = map[string]string{
	"af": "afr", "am": "amh", "ar": "ara", "az": "aze", "be": "bel", "bg": "bul", "bn": "ben",
	"bo": "tib", "bs": "bos", "ca": "cat", "cs": "cze", "cy": "wel", "da": "dan", "de": "ger",
	"el": "gre", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "eu": "baq", "fa": "per",
	"fi": "fin", "fr": "fre", "ga": "gle", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun",
	"hy": "arm", "id": "ind", "is": "ice", "it": "ita", "ja": "jpn", "ka": "geo", "kk": "kaz",
	"km": "khm", "ko": "kor", "ku": "kur", "ky": "kir", "la": "lat", "lo": "lao", "lt": "lit",
	"lv": "lav", "mk": "mac", "mn": "mon", "ms": "may", "my": "bur", "ne": "nep", "nl": "dut",
	"no": "nor", "nb": "nob", "nn": "nno", "pl": "pol", "ps": "pus", "pt": "por", "ro": "rum",
	"ru": "rus", "sk": "slo", "sl": "slv", "sq": "alb", "sr": "srp", "sv": "swe", "sw": "swa",
	"ta": "tam", "tg": "tgk", "th": "tha", "tk": "tuk", "tl": "tgl", "tr": "tur", "tt": "tat",
	"ug": "uig", "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "yi": "yid", "zh": "chi",
	"chg": "chg", "ota": "ota", "yue": "chi", "cmn": "chi",
}

// terminologyToB maps the ISO 639-2 terminology codes that differ from the
// bibliographic ones, for tags written with them ("deu") and for filters.
var terminologyToB = map[string]string{
	"bod": "tib", "ces": "cze", "cym": "wel", "deu": "ger", "ell": "gre", "eus": "baq", "fas": "per",
	"fra": "fre", "hye": "arm", "isl": "ice", "kat": "geo", "mkd": "mac", "msa": "may", "mya": "bur",
	"nld": "dut", "ron": "rum", "slk": "slo", "sqi": "alb", "zho": "chi",
}

// undetermined is ISO 639-2's code for a language it cannot name.
const undetermined = "und"

// iso6392 returns the ISO 639-2/B code of a BCP 47 tag: from the table; a
// three-letter primary subtag as it is (ISO 639-3 codes of languages ISO
// 639-2 lists are the same), terminology codes turned bibliographic; "und"
// for anything else.
func iso6392(tag string) string {
	p := recto.PrimaryLanguage(tag)
	if b, ok := iso6392B[p]; ok {
		return b
	}
	if b, ok := terminologyToB[p]; ok {
		return b
	}
	if len(p) == 3 && isLower(p) {
		return p
	}
	return undetermined
}

// languageOf gives a language as the API lists it: id ISO 639-2/B, name in
// English.
func languageOf(tag string) named {
	return named{ID: iso6392(tag), Name: recto.LanguageName(tag)}
}

// languagesOf lists the languages of an original, each code once.
func languagesOf(tags []string) []named {
	out := []named{}
	seen := map[string]bool{}
	for _, t := range tags {
		l := languageOf(t)
		if !seen[l.ID] {
			seen[l.ID] = true
			out = append(out, l)
		}
	}
	return out
}

// languageKeys turns the value of a language or translation filter into the
// search engine's facet keys (primary subtags): an ISO 639-2/B or /T code
// gives every subtag filed under it ("chi" is zh, yue and cmn), a two- or
// three-letter subtag itself. ok is false for anything that is not 2–3
// ASCII letters.
func languageKeys(code string) (keys []string, ok bool) {
	c := strings.ToLower(strings.TrimSpace(code))
	if len(c) < 2 || len(c) > 3 || !isLower(c) {
		return nil, false
	}
	if b, ok := terminologyToB[c]; ok {
		c = b
	}
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, p := range sortedSubtags {
		if iso6392B[p] == c {
			add(p)
		}
	}
	if len(keys) == 0 || len(c) == 2 {
		add(c)
	}
	return keys, true
}

// sortedSubtags are the keys of iso6392B, two-letter subtags first, then
// alphabetical: "zh" before "cmn".
var sortedSubtags = func() []string {
	keys := slices.Collect(maps.Keys(iso6392B))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	})
	return keys
}()

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
