package cite

import (
	"strings"

	"github.com/recto-archive/recto"
)

// Meta is one <meta name content> pair of a document page's head.
type Meta struct {
	Name, Content string
}

// MetaTags returns the page metadata that reference managers read from a
// document page: Highwire Press citation_* tags, and Zotero's own z.* tags
// for the fields Highwire has no tag for (the archive and the archival
// location among them); see the package documentation.
func MetaTags(d *recto.Document, o Options) []Meta {
	var m []Meta
	add := func(name, content string) {
		if content = oneLine(content); content != "" {
			m = append(m, Meta{name, content})
		}
	}
	add("citation_title", d.Title)
	for _, a := range d.CreditsIn(recto.RoleAuthor) {
		add("citation_author", invertedName(a))
	}
	add("citation_date", metaDate(d))
	add("citation_public_url", o.URL(d))
	add("citation_language", language(d))
	add("citation_abstract", plain(d.Summary))
	var kw []string
	for _, s := range d.Subjects {
		kw = append(kw, s.Heading)
	}
	add("citation_keywords", strings.Join(kw, "; "))
	repo, loc, _ := archiveOf(d)
	add("z.itemType", "manuscript")
	add("z.manuscriptType", d.Type)
	add("z.archive", repo)
	add("z.archiveLocation", loc)
	add("z.place", d.WrittenAt)
	// Zotero keeps these only when the page names no author (its Embedded
	// Metadata translator then takes every creator from the z.* tags).
	for _, a := range d.Translators() {
		add("z.translators", invertedName(a))
	}
	return m
}

// metaDate is the date as metadata tags give it, in a form whose year
// Zotero reads: ISO 8601 when exact ("1945-04-22", "1934-06"), else the
// display form ("c. 1950", "April–June 1945", "until 1930"), save for
// unspecified year digits, whose display form ("1940s") has no year Zotero
// finds, given as the years they span ("1940–1949").
func metaDate(d *recto.Document) string {
	v := splitDate(d.Date)
	switch {
	case v.zero:
		return ""
	case v.exact():
		return v.iso()
	case !v.interval && v.start.yearX && v.start.calendarYear():
		span := v.start.span()
		return itoa(span[0][0]) + "–" + itoa(span[1][0])
	}
	return v.display
}
