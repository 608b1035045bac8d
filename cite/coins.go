package cite

import (
	"net/url"
	"strings"

	"github.com/recto-archive/recto"
)

// COinS returns the OpenURL ContextObject (Z39.88-2004, KEV, Dublin Core
// format) that a COinS span carries in its title attribute, before HTML
// escaping; see the package documentation for the keys.
func COinS(d *recto.Document, o Options) string {
	var kv []string
	add := func(k, v string) {
		if v = oneLine(v); v != "" {
			kv = append(kv, k+"="+url.QueryEscape(v))
		}
	}
	add("ctx_ver", "Z39.88-2004")
	add("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc")
	rfr := "recto"
	if u, err := url.Parse(o.BaseURL); err == nil && u.Host != "" {
		rfr = u.Host + ":recto"
	}
	add("rfr_id", "info:sid/"+rfr)
	add("rft.type", "manuscript")
	add("rft.title", d.Title)
	for _, a := range d.CreditsIn(recto.RoleAuthor) {
		add("rft.creator", risName(a))
	}
	for _, a := range d.Translators() {
		add("rft.contributor", risName(a))
	}
	add("rft.date", metaDate(d))
	add("rft.identifier", o.URL(d))
	add("rft.language", language(d))
	add("rft.description", plain(d.Summary))
	for _, s := range d.Subjects {
		add("rft.subject", s.Heading)
	}
	for _, s := range d.Sources {
		add("rft.source", CitedReference(s))
	}
	add("rft.publisher", o.archive())
	if d.Rights.URI != "" {
		add("rft.rights", d.Rights.URI)
	} else {
		add("rft.rights", plain(d.Rights.Statement))
	}
	return strings.Join(kv, "&")
}

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
		add("citation_author", risName(a))
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
		add("z.translators", risName(a))
	}
	return m
}

// metaDate is the date as metadata tags give it: ISO 8601 when exact
// ("1945-04-22", "1934-06"), else the display form ("c. 1950").
func metaDate(d *recto.Document) string {
	v := splitDate(d.Date)
	if s := v.iso(); s != "" {
		return s
	}
	if v.zero {
		return ""
	}
	return v.display
}
