// Package recto is Recto's catalogue model: documents in translation, the
// authorities they link to (people and organisations, places, subjects,
// collections, repositories), and the service interfaces through which every
// storage backend and protocol reaches them.
//
// The package imports nothing of Recto's except edtf, a leaf value package that
// plays the part the time package plays for timestamps. Storage, HTTP and formats
// live in packages named after them and depend on this one, never the reverse.
package recto

import (
	"strings"
	"unicode"
)

// Name is a name in a given language or script: a preferred name or one of
// its variants ("Alihan Tore", "Алихан Тура" in ru, "伊宁" in zh-Hans).
type Name struct {
	Name string
	Lang string // BCP 47 tag; empty when unknown or the same as the page
}

// Identifier is an identifier of an authority in an external system.
type Identifier struct {
	Scheme string // e.g. "viaf", "wikidata", "geonames"
	Value  string
}

// validateNames checks a list of variant names.
func validateNames(v validator, field string, names []Name) {
	for i, n := range names {
		e := v.index(field, i)
		e.required("name", n.Name)
		if n.Lang != "" && !ValidLanguageTag(n.Lang) {
			e.fail("lang", "%q is not a BCP 47 language tag", n.Lang)
		}
	}
}

func validateIdentifiers(v validator, ids []Identifier) {
	for i, id := range ids {
		e := v.index("identifiers", i)
		e.required("scheme", id.Scheme)
		e.required("value", id.Value)
	}
}

// ValidLanguageTag reports whether s has the shape of a BCP 47 language tag:
// a primary language subtag of 2–3 letters (or "x" for private use), followed
// by subtags of 1–8 letters or digits ("en", "zh-Hans", "ug-Arab",
// "ru-Latn-alalc97"). It checks syntax, not the registry, and refuses the
// 4–8-letter primary subtags BCP 47 reserves, so a name such as "Russian" is
// caught.
func ValidLanguageTag(s string) bool {
	if s == "" {
		return false
	}
	for i, sub := range strings.Split(s, "-") {
		if len(sub) == 0 || len(sub) > 8 {
			return false
		}
		for _, r := range sub {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
				return false
			}
		}
		if i == 0 && (len(sub) > 3 || len(sub) < 2 && sub != "x") {
			return false
		}
	}
	return true
}

// PrimaryLanguage returns the primary subtag of a language tag, lower-cased:
// "zh" for "zh-Hans".
func PrimaryLanguage(tag string) string {
	primary, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(primary)
}

// rtlLanguages are the primary languages whose usual script runs right to left.
var rtlLanguages = map[string]bool{
	"ar": true, "fa": true, "he": true, "ug": true, "ur": true, "ps": true,
	"yi": true, "sd": true, "ckb": true, "dv": true, "syr": true,
}

// rtlScripts are ISO 15924 codes of right-to-left scripts.
var rtlScripts = map[string]bool{"arab": true, "hebr": true, "syrc": true, "thaa": true, "nkoo": true}

// LanguageDirection returns "rtl" or "ltr" for text in the given language: an
// explicit script subtag decides ("uz-Arab" is rtl, "ug-Latn" is ltr), otherwise
// the language's usual script does.
func LanguageDirection(tag string) string {
	subtags := strings.Split(strings.ToLower(tag), "-")
	for _, s := range subtags[1:] {
		if len(s) == 4 {
			if rtlScripts[s] {
				return "rtl"
			}
			return "ltr"
		}
	}
	if rtlLanguages[subtags[0]] {
		return "rtl"
	}
	return "ltr"
}
