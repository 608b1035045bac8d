package recto

import (
	"fmt"
	"maps"
	"strings"
)

// languageNames gives English names of the languages an archive of
// twentieth-century international history most often holds, by primary subtag.
var languageNames = map[string]string{
	"af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
	"bg": "Bulgarian", "bn": "Bengali", "bo": "Tibetan", "bs": "Bosnian", "ca": "Catalan",
	"cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
	"eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
	"fi": "Finnish", "fr": "French", "ga": "Irish", "he": "Hebrew", "hi": "Hindi",
	"hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
	"it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
	"ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lo": "Lao",
	"lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "mn": "Mongolian", "ms": "Malay",
	"my": "Burmese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
	"ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
	"sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
	"ta": "Tamil", "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish",
	"tt": "Tatar", "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
	"vi": "Vietnamese", "yi": "Yiddish", "zh": "Chinese",
	"chg": "Chagatai", "ota": "Ottoman Turkish", "yue": "Cantonese", "cmn": "Mandarin",
}

// LanguageName returns the English name of a language tag's primary language,
// or the tag itself when the language is not in Recto's table.
func LanguageName(tag string) string {
	if name, ok := languageNames[PrimaryLanguage(tag)]; ok {
		return name
	}
	return tag
}

// languageAliases are other names archives give languages: other English
// spellings, and each language's name in itself (in lower case), so that a
// catalogue written in Russian can say "русский".
var languageAliases = map[string]string{
	"farsi": "fa", "uighur": "ug", "kirghiz": "ky", "moldavian": "ro", "flemish": "nl",
	"русский": "ru", "українська": "uk", "беларуская": "be", "български": "bg", "српски": "sr",
	"македонски": "mk", "қазақ": "kk", "қазақша": "kk", "қазақ тілі": "kk", "кыргызча": "ky",
	"тоҷикӣ": "tg", "монгол": "mn", "татарча": "tt", "oʻzbek": "uz", "o'zbek": "uz", "türkmen": "tk",
	"ئۇيغۇرچە": "ug", "中文": "zh", "汉语": "zh", "漢語": "zh", "普通话": "cmn", "粤语": "yue", "粵語": "yue",
	"日本語": "ja", "한국어": "ko", "tiếng việt": "vi", "ไทย": "th", "العربية": "ar", "فارسی": "fa",
	"עברית": "he", "ייִדיש": "yi", "deutsch": "de", "français": "fr", "español": "es", "italiano": "it",
	"português": "pt", "polski": "pl", "čeština": "cs", "slovenčina": "sk", "magyar": "hu", "română": "ro",
	"türkçe": "tr", "azərbaycan": "az", "ქართული": "ka", "հայերեն": "hy", "eesti": "et", "latviešu": "lv",
	"lietuvių": "lt", "suomi": "fi", "svenska": "sv", "norsk": "no", "dansk": "da", "nederlands": "nl",
	"ελληνικά": "el", "shqip": "sq", "hrvatski": "hr", "slovenščina": "sl", "bosanski": "bs",
}

// languageByName maps every name ReadLanguage accepts, in lower case, to its tag.
var languageByName = func() map[string]string {
	m := maps.Clone(languageAliases)
	for tag, name := range languageNames {
		m[strings.ToLower(name)] = tag
	}
	return m
}()

// ReadLanguage reads a language as people write it: a BCP 47 tag as it is
// (named false), or the English name Recto gives a language (LanguageName)
// or another of its names (its own, "русский"; "Farsi"), in any case
// (named true), for its tag. Anything else is an EINVALID error that names
// the closest accepted name.
func ReadLanguage(s string) (tag string, named bool, err error) {
	if ValidLanguageTag(s) {
		return s, false, nil
	}
	key := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if tag, ok := languageByName[key]; ok {
		return tag, true, nil
	}
	return "", false, Errorf(EINVALID, "%q is neither a BCP 47 language tag such as en, ru or zh-Hans nor a language's name (%s)",
		s, closestLanguage(key))
}

// closestLanguage suggests the accepted name nearest to key, by edit
// distance, or says where the names are listed when none is near.
func closestLanguage(key string) string {
	best, bestDist := "", 3 // more than two edits away is no suggestion
	for name := range languageByName {
		if len(key) > 40 { // no name is that long: no need to measure
			break
		}
		if d := editDistance(key, name); d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return "English names such as Russian, Chinese, German, Uyghur or Kazakh, or a language's own name such as русский"
	}
	return fmt.Sprintf("did you mean %s, %s?", best, languageByName[best])
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
