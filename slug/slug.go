// Package slug makes the readable part of a document's URL from its title,
// for the site and for the APIs that report it.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug bounds a slug's length; the Record ID, not the slug, names a document.
const maxSlug = 80

// Make makes the readable part of a document URL from its title:
// "Letter from Alihan Töre to …" → "letter-from-alihan-tore-to-…". Accents are
// dropped and anything but ASCII letters and digits becomes a hyphen; a title
// with no Latin letters has an empty slug.
func Make(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	return b.String()
}
