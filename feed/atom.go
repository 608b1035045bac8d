package feed

import (
	"encoding/xml"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/recto-archive/recto"
)

type atomFeed struct {
	XMLName   xml.Name      `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Subtitle  *atomText     `xml:"subtitle,omitempty"`
	Updated   string        `xml:"updated"`
	Links     []atomLink    `xml:"link"`
	Author    atomPerson    `xml:"author"`
	Generator atomGenerator `xml:"generator"`
	Entries   []atomEntry   `xml:"entry"`
}

// atomText is a text construct; Type is empty for plain text.
type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Base string `xml:"http://www.w3.org/XML/1998/namespace base,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomGenerator struct {
	URI  string `xml:"uri,attr"`
	Name string `xml:",chardata"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
	Content    *atomText      `xml:"content,omitempty"`
}

// atomTime formats a time as RFC 3339 in UTC, to the second.
func atomTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// render writes the feed document.
func (f *Feeds) render(info feedInfo, docs []*recto.Document, updated time.Time) ([]byte, error) {
	feed := atomFeed{
		ID:      info.self,
		Title:   atomText{Body: info.title},
		Updated: atomTime(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: info.self},
			{Rel: "alternate", Type: "text/html", Href: info.alternate},
		},
		Author:    atomPerson{Name: f.opts.Title, URI: info.base + "/"},
		Generator: atomGenerator{URI: "https://github.com/recto-archive/recto", Name: "Recto"},
	}
	if info.subtitle != "" {
		feed.Subtitle = &atomText{Body: info.subtitle}
	}
	for _, d := range docs {
		feed.Entries = append(feed.Entries, f.entry(info.base, d, updated))
	}
	return marshal(feed)
}

// entry describes one document; fallback stands in for a missing change time.
func (f *Feeds) entry(base string, d *recto.Document, fallback time.Time) atomEntry {
	url := base + "/documents/" + strconv.FormatInt(d.ID, 10)
	e := atomEntry{
		ID:    url,
		Title: atomText{Body: d.Title},
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
	}
	if !d.PublishedAt.IsZero() {
		e.Published = atomTime(d.PublishedAt)
	}
	switch {
	case !d.UpdatedAt.IsZero():
		e.Updated = atomTime(d.UpdatedAt)
	case !d.PublishedAt.IsZero():
		e.Updated = e.Published
	default:
		e.Updated = atomTime(fallback)
	}
	summary := ""
	if strings.TrimSpace(d.Summary) != "" {
		if h, err := f.md.Fragment(d.Summary); err == nil {
			summary = string(h)
		} else {
			summary = "<p>" + html.EscapeString(d.Summary) + "</p>"
		}
		if text := plainText(summary); text != "" {
			e.Summary = &atomText{Body: text}
		}
	}
	for _, s := range d.Subjects {
		if s != nil && s.Heading != "" {
			e.Categories = append(e.Categories, atomCategory{Term: s.Heading, Scheme: base + "/subjects/",
				Label: strings.ReplaceAll(s.Heading, recto.HeadingSeparator, " — ")})
		}
	}
	var about []string
	if d.Type != "" {
		r, n := utf8.DecodeRuneInString(d.Type)
		about = append(about, string(unicode.ToUpper(r))+d.Type[n:])
	}
	if d.Date.IsZero() {
		about = append(about, "Undated")
	} else {
		about = append(about, d.Date.Display())
	}
	content := "<p>" + html.EscapeString(strings.Join(about, " · ")) + "</p>\n" + summary
	e.Content = &atomText{Type: "html", Base: base + "/", Body: content}
	return e
}

// blockTags are the elements whose ends separate words in plain text.
var blockTags = map[string]bool{"p": true, "br": true, "li": true, "div": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "tr": true, "td": true,
	"th": true, "hr": true, "ul": true, "ol": true, "table": true, "pre": true}

// plainText turns a rendered (sanitised) HTML fragment into text: tags are
// dropped, block boundaries become spaces, entities are decoded and runs
// of white space collapse.
func plainText(fragment string) string {
	var b strings.Builder
	for {
		lt := strings.IndexByte(fragment, '<')
		if lt < 0 {
			b.WriteString(fragment)
			break
		}
		b.WriteString(fragment[:lt])
		gt := strings.IndexByte(fragment[lt:], '>')
		if gt < 0 {
			break
		}
		tag := strings.TrimLeft(fragment[lt+1:lt+gt], "/")
		if i := strings.IndexAny(tag, " \t\n/"); i >= 0 {
			tag = tag[:i]
		}
		if blockTags[strings.ToLower(tag)] {
			b.WriteByte(' ')
		}
		fragment = fragment[lt+gt+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
