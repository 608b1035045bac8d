package oaipmh

import (
	"bufio"
	"strconv"
	"time"
	"unicode/utf8"
)

// xw writes XML by hand: the responses are a fixed shape, and a page of
// records written through reflection costs several times what writing the
// strings does.
type xw struct {
	*bufio.Writer
}

// text writes s as character data.
func (w xw) text(s string) { w.escape(s, false) }

// attr writes ` name="value"`.
func (w xw) attr(name, value string) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.escape(value, true)
	w.WriteByte('"')
}

// optAttr writes the attribute when value is not empty.
func (w xw) optAttr(name, value string) {
	if value != "" {
		w.attr(name, value)
	}
}

// elem writes <name>s</name>.
func (w xw) elem(name, s string) {
	w.WriteByte('<')
	w.WriteString(name)
	w.WriteByte('>')
	w.escape(s, false)
	w.WriteString("</")
	w.WriteString(name)
	w.WriteByte('>')
}

// optElem writes <name>s</name> when s is not empty.
func (w xw) optElem(name, s string) {
	if s != "" {
		w.elem(name, s)
	}
}

// int writes n in decimal.
func (w xw) int(n int64) {
	var b [20]byte
	w.Write(strconv.AppendInt(b[:0], n, 10))
}

// datestamp writes t in the protocol's granularity, YYYY-MM-DDThh:mm:ssZ.
func (w xw) datestamp(t time.Time) {
	var b [24]byte
	w.Write(t.UTC().AppendFormat(b[:0], granularityLayout))
}

// escape writes s escaped for character data, or for an attribute value
// with attr. Characters XML 1.0 does not allow (most C0 controls, U+FFFE,
// U+FFFF) and bytes that are not UTF-8 become U+FFFD, so that no stored
// value can make a response ill-formed. Carriage returns are written as
// references so that parsers keep them.
func (w xw) escape(s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '"':
				i++
				continue
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '&':
				rep = "&amp;"
			case c == '"':
				if !attr {
					i++
					continue
				}
				rep = "&quot;"
			case c == '\n':
				if !attr {
					i++
					continue
				}
				rep = "&#xA;"
			case c == '\t':
				if !attr {
					i++
					continue
				}
				rep = "&#x9;"
			case c == '\r':
				rep = "&#xD;"
			default:
				rep = "\uFFFD"
			}
			w.WriteString(s[last:i])
			w.WriteString(rep)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			w.WriteString(s[last:i])
			w.WriteString("\uFFFD")
			i += size
			last = i
			continue
		}
		i += size
	}
	w.WriteString(s[last:])
}
