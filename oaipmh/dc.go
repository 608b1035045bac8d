package oaipmh

import (
	"slices"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
)

// format is a metadata format the repository disseminates.
type format struct {
	prefix    string
	namespace string
	schema    func(e *exchange) string
	write     func(w xw, e *exchange, d *recto.Document)
}

// formats are the metadata formats, in the order ListMetadataFormats gives.
var formats = []*format{
	{prefix: "oai_dc", namespace: "http://www.openarchives.org/OAI/2.0/oai_dc/",
		schema: func(*exchange) string { return "http://www.openarchives.org/OAI/2.0/oai_dc.xsd" }, write: writeDC},
	{prefix: "recto", namespace: Namespace,
		schema: func(e *exchange) string { return e.base + SchemaPath }, write: writeNative},
}

func formatByPrefix(prefix string) *format {
	for _, f := range formats {
		if f.prefix == prefix {
			return f
		}
	}
	return nil
}

const (
	dcOpen = `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">`
	dcClose = `</oai_dc:dc>`
)

// contributorRoles are the roles whose agents are dc:contributor: who
// received, obtained, transcribed, translated or edited the document.
// Authors are dc:creator, people it is about dc:subject; funders, donors
// and publishers of the original are left to the native format.
var contributorRoles = map[recto.Role]bool{
	recto.RoleRecipient: true, recto.RoleObtainedBy: true, recto.RoleTranslator: true,
	recto.RoleTranscriber: true, recto.RoleEditor: true,
}

// writeDC writes a published document as simple Dublin Core.
func writeDC(w xw, e *exchange, d *recto.Document) {
	w.WriteString(dcOpen)
	w.elem("dc:title", d.Title)
	// Lists are short: linear scans dedupe them without maps.
	var seen []int64
	agents := func(element string, keep func(recto.Role) bool) {
		seen = seen[:0]
		one := func(c recto.Credit) {
			if keep(c.Role) && c.Agent != nil && c.Agent.Name != "" && !slices.Contains(seen, c.Agent.ID) {
				seen = append(seen, c.Agent.ID)
				w.elem(element, c.Agent.Name)
			}
		}
		for _, c := range d.Credits {
			one(c)
		}
		for i := range d.Texts {
			for _, c := range d.Texts[i].Credits {
				one(c)
			}
		}
	}
	agents("dc:creator", isAuthor)
	for _, s := range d.Subjects {
		w.optElem("dc:subject", s.Heading)
	}
	agents("dc:subject", isAssociated)
	w.optElem("dc:description", d.Summary)
	w.elem("dc:publisher", e.h.opts.RepositoryName)
	agents("dc:contributor", isContributor)
	w.optElem("dc:date", d.Date.String())
	w.elem("dc:type", "Text")
	w.optElem("dc:type", d.Type)
	w.elem("dc:identifier", e.permalink(d.ID))
	for _, s := range d.Sources {
		w.optElem("dc:source", cite.Reference(s))
	}
	for i, l := range d.Languages {
		if l != "" && !slices.Contains(d.Languages[:i], l) {
			w.elem("dc:language", l)
		}
	}
	for i := range d.Texts {
		l := d.Texts[i].Lang
		if l != "" && !slices.Contains(d.Languages, l) && !slices.ContainsFunc(d.Texts[:i], func(t recto.Text) bool { return t.Lang == l }) {
			w.elem("dc:language", l)
		}
	}
	seen = append(seen[:0], d.ID)
	for _, rels := range [2][]recto.Relation{d.Relations, d.Inverse} {
		for _, r := range rels {
			if r.Document != nil && !slices.Contains(seen, r.Document.ID) {
				seen = append(seen, r.Document.ID)
				w.elem("dc:relation", e.permalink(r.Document.ID))
			}
		}
	}
	for _, p := range d.Places {
		w.optElem("dc:coverage", p.Name)
	}
	w.optElem("dc:rights", d.Rights.Statement)
	w.optElem("dc:rights", d.Rights.URI)
	w.WriteString(dcClose)
}

func isAuthor(r recto.Role) bool      { return r == recto.RoleAuthor }
func isAssociated(r recto.Role) bool  { return r == recto.RoleAssociated }
func isContributor(r recto.Role) bool { return contributorRoles[r] }
