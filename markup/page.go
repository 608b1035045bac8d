package markup

import (
	"html"
	"strings"
)

// pageMarkerOpen opens a page marker in every format.
const pageMarkerOpen = "[[page "

// PageMarker reads a page marker at the start of s, [[page LABEL]], which
// marks where a page or folio of the original begins inside a text: "[[page
// p. 1002]]", "[[page f. 71r]]". It returns the label, trimmed, and the
// marker's length in bytes. The label ends at the first "]]" outside
// brackets of its own, so that [[page [VI]]] is page "[VI]"; it does not
// cross a line and is not empty. This is the one reading of page markers:
// every format, renderer, exporter and importer uses it.
func PageMarker[S ~string | ~[]byte](s S) (label string, n int, ok bool) {
	if len(s) < len(pageMarkerOpen) || string(s[:len(pageMarkerOpen)]) != pageMarkerOpen {
		return "", 0, false
	}
	depth := 0
	for i := len(pageMarkerOpen); i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			return "", 0, false
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
				continue
			}
			if i+1 >= len(s) || s[i+1] != ']' {
				return "", 0, false
			}
			label = strings.TrimSpace(string(s[len(pageMarkerOpen):i]))
			if label == "" {
				return "", 0, false
			}
			return label, i + 2, true
		}
	}
	return "", 0, false
}

// PageMarkerText writes a page marker for label, as importers keep page
// breaks: PageMarkerText("p. 1002") is "[[page p. 1002]]".
func PageMarkerText(label string) string { return pageMarkerOpen + label + "]]" }

// eachPage calls text with each run of s outside page markers and page
// with each marker's label, in order.
func eachPage(s string, text, page func(string)) {
	for s != "" {
		i := strings.Index(s, pageMarkerOpen)
		for i >= 0 {
			if _, _, ok := PageMarker(s[i:]); ok {
				break
			}
			j := strings.Index(s[i+1:], pageMarkerOpen)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			text(s)
			return
		}
		if i > 0 {
			text(s[:i])
		}
		label, n, _ := PageMarker(s[i:])
		page(label)
		s = s[i+n:]
	}
}

// pageMarkerHTML is how every format shows a page marker: its label in
// brackets, set off from the text.
func pageMarkerHTML(label string) string {
	return `<span class="page-marker">[` + html.EscapeString(label) + `]</span>`
}

// OnlyPageMarkers reports whether s holds nothing but page markers and
// white space, and at least one marker.
func OnlyPageMarkers(s string) bool {
	found, other := false, false
	eachPage(s, func(t string) { other = other || strings.TrimSpace(t) != "" }, func(string) { found = true })
	return found && !other
}
