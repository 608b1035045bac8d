package oaipmh

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
)

const nativeOpen = `<document xmlns="` + Namespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + Namespace + ` `

// writeNative writes a published document in the native format, whose
// schema is recto.xsd.
func writeNative(w xw, e *exchange, d *recto.Document) {
	w.WriteString(nativeOpen)
	w.text(e.base + SchemaPath)
	w.WriteByte('"')
	w.attr("id", strconv.FormatInt(d.ID, 10))
	w.attr("url", e.permalink(d.ID))
	w.WriteString(">\n")
	w.optElem("sourceIdentifier", d.SourceID)
	w.elem("title", d.Title)
	w.optElem("summary", d.Summary)
	w.optElem("type", d.Type)
	if !d.Date.IsZero() {
		w.WriteString("<date")
		w.attr("edtf", d.Date.String())
		if day, ok := d.Date.Earliest(); ok {
			w.attr("earliest", day.String())
		}
		if day, ok := d.Date.Latest(); ok {
			w.attr("latest", day.String())
		}
		w.WriteByte('>')
		w.text(d.Date.Display())
		w.WriteString("</date>")
	}
	w.optElem("dateAsWritten", d.DateAsWritten)
	for _, l := range d.Languages {
		w.elem("language", l)
	}
	w.WriteByte('\n')
	for i := range d.Texts {
		writeText(w, &d.Texts[i])
	}
	w.optElem("writtenAt", d.WrittenAt)
	w.optElem("writtenOn", d.WrittenOn)
	w.optElem("signature", d.Signature)
	w.optElem("authentication", d.Authentication)
	for _, s := range d.Sources {
		w.WriteString("<source>")
		if r := s.Repository; r != nil {
			w.WriteString("<repository")
			w.attr("id", strconv.FormatInt(r.ID, 10))
			w.attr("shortName", r.ShortName)
			w.WriteByte('>')
			w.text(r.Name)
			w.WriteString("</repository>")
		}
		for _, p := range s.Parts {
			w.WriteString("<part")
			w.optAttr("type", p.Type)
			w.attr("label", p.Label)
			w.WriteByte('>')
			w.text(p.Value)
			w.WriteString("</part>")
		}
		w.optElem("note", s.Note)
		w.optElem("citation", s.Citation)
		w.optElem("reference", cite.Reference(s))
		w.WriteString("</source>\n")
	}
	writeCredits(w, d.Credits)
	for _, p := range d.Places {
		writeAuthority(w, "place", p.ID, p.ParentID, p.Name, "")
	}
	for _, s := range d.Subjects {
		writeAuthority(w, "subject", s.ID, s.ParentID, s.Heading, "")
	}
	for _, c := range d.Collections {
		title, parent := c.Title, c.ParentID
		if full := e.collections[c.ID]; full != nil {
			title, parent = full.Title, full.ParentID
		}
		writeAuthority(w, "collection", c.ID, parent, title, e.collectionSpec(c.ID))
	}
	if c := d.Classification; c.Level != "" || !c.DeclassifiedOn.IsZero() || c.DeclassifiedBy != "" {
		w.WriteString("<classification")
		w.optAttr("level", c.Level)
		w.optAttr("declassifiedOn", c.DeclassifiedOn.String())
		w.optAttr("declassifiedBy", c.DeclassifiedBy)
		w.WriteString("/>")
	}
	if r := d.Rights; r.Statement != "" || r.URI != "" {
		w.WriteString("<rights")
		w.optAttr("uri", r.URI)
		w.WriteByte('>')
		w.text(r.Statement)
		w.WriteString("</rights>")
	}
	for _, m := range d.Media {
		w.WriteString("<media")
		w.attr("url", e.absolute(m.URL))
		w.attr("mediaType", m.MediaType)
		w.optAttr("label", m.Label)
		w.WriteString("/>")
	}
	writeRelations(w, e, d.Relations, "outgoing")
	writeRelations(w, e, d.Inverse, "incoming")
	w.WriteByte('\n')
	w.elem("status", string(d.Status))
	w.optElem("withdrawnNote", d.WithdrawnNote)
	w.elem("created", stamp(d.CreatedAt))
	w.elem("updated", stamp(d.UpdatedAt))
	if !d.PublishedAt.IsZero() {
		w.elem("published", stamp(d.PublishedAt))
	}
	for _, p := range d.FormerPaths {
		w.elem("formerPath", p)
	}
	if !d.OriginalUploaded.IsZero() {
		w.elem("originalUploaded", stamp(d.OriginalUploaded))
	}
	if !d.OriginalCreated.IsZero() {
		w.elem("originalCreated", stamp(d.OriginalCreated))
	}
	w.WriteString("</document>")
}

// bodyMediaType names a text's format in a body's format attribute.
var bodyMediaType = map[recto.TextFormat]string{recto.Markdown: "text/markdown", recto.PlainText: "text/plain", recto.HTML: "text/html"}

func writeText(w xw, t *recto.Text) {
	w.WriteString("<text")
	if t.ID > 0 {
		w.attr("id", strconv.FormatInt(t.ID, 10))
	}
	w.attr("kind", string(t.Kind))
	w.attr("lang", t.Lang)
	w.optAttr("translatedFrom", t.TranslatedFrom)
	w.optAttr("method", string(t.Method))
	w.optAttr("date", t.Date.String())
	w.WriteByte('>')
	w.elem("label", t.Label())
	writeCredits(w, t.Credits)
	w.optElem("notes", t.Notes)
	w.WriteString(`<body format="`)
	w.WriteString(bodyMediaType[cmp.Or(t.Format, recto.Markdown)])
	w.WriteString(`">`)
	w.text(t.Body)
	w.WriteString("</body></text>\n")
}

func writeCredits(w xw, credits []recto.Credit) {
	for _, c := range credits {
		if c.Agent == nil {
			continue
		}
		w.WriteString("<credit")
		w.attr("role", string(c.Role))
		w.optAttr("marcRelator", c.Role.MARCRelator())
		w.WriteByte('>')
		writeAgent(w, "agent", c.Agent)
		if c.For != nil {
			writeAgent(w, "for", c.For)
		}
		w.WriteString("</credit>\n")
	}
}

// writeAgent writes an agent of a credit as the element name: the agent
// credited, or the organisation the credit was made for.
func writeAgent(w xw, name string, a *recto.Agent) {
	w.WriteString("<" + name)
	w.attr("id", strconv.FormatInt(a.ID, 10))
	w.attr("kind", string(a.Kind))
	w.optAttr("sortName", a.SortName)
	w.WriteByte('>')
	w.text(a.Name)
	w.WriteString("</" + name + ">")
}

func writeAuthority(w xw, element string, id, parent int64, label, setSpec string) {
	w.WriteByte('<')
	w.WriteString(element)
	w.attr("id", strconv.FormatInt(id, 10))
	if parent > 0 {
		w.attr("parent", strconv.FormatInt(parent, 10))
	}
	w.optAttr("setSpec", setSpec)
	w.WriteByte('>')
	w.text(label)
	w.WriteString("</")
	w.WriteString(element)
	w.WriteString(">\n")
}

// writeRelations writes the links to published documents, the only ones
// the catalogue leaves, so that nothing unpublished shows, not even a title.
func writeRelations(w xw, e *exchange, rels []recto.Relation, direction string) {
	for _, r := range rels {
		if r.Document == nil {
			continue
		}
		w.WriteString("<relation")
		w.attr("kind", string(r.Kind))
		w.attr("direction", direction)
		w.attr("id", strconv.FormatInt(r.Document.ID, 10))
		w.attr("url", e.permalink(r.Document.ID))
		w.WriteByte('>')
		w.text(r.Document.Title)
		w.WriteString("</relation>\n")
	}
}

// absolute makes a site path absolute against the base URL.
func (e *exchange) absolute(u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return e.base + u
	}
	return u
}

// stamp formats a store stamp as xs:dateTime in UTC, to the microsecond
// the stores keep.
func stamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999Z")
}
