package http

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
)

// Schema.org JSON-LD for the pages, in <script type="application/ld+json">.
// html/template writes a value in that context as JSON with <, > and &
// escaped (\u003c…), so no title can close the script element.
//
// A document is an ArchiveComponent (pending.schema.org, a CreativeWork):
//
//	name, url, @id       title, permanent URL
//	description, genre   summary as plain text, document type
//	dateCreated          the date in ISO 8601 (cite.ISO8601): a date, an interval
//	                     ("1945-04/1945-06"), the years unspecified digits span
//	                     ("194X" is "1940/1949"), the date stated for a qualified one
//	                     ("1945-04?" is "1945-04"); left out for an open interval
//	inLanguage           the original's languages
//	author, translator   Person or Organization nodes with the @id of their page
//	recipient            only for a document with recipients, which is then typed
//	                     ["ArchiveComponent", "Message"]: recipient is a property of
//	                     Message (and of actions), not of CreativeWork
//	holdingArchive       ArchiveOrganization per source's repository
//	itemLocation         the archival reference (Text), per source
//	locationCreated      the place of writing as the document gives it
//	about                the subjects (DefinedTerm)
//	mentions             the people and organisations credited as associated:
//	                     mentioned in the document
//	spatialCoverage      the places, with GeoCoordinates when known
//	isPartOf             the collections
//	workTranslation      each translation, a CreativeWork (@id the page URL and
//	                     ?text=N) with inLanguage, translator and translationOfWork
//	workExample          each transcript of the original, with exampleOfWork
//	funder, license      funders; the rights statement's URI
//	associatedMedia      the scans, MediaObject
//	publisher            the archive, an Organization
//
// Authority pages: a person is a Person and an organisation an Organization
// (alternateName for variants, description for the biography, sameAs for
// identifiers with a known URL, identifier as PropertyValue for the rest; no
// birth or death date, since an agent's dates may be dates of activity); a
// place a Place (geo, containedInPlace; no identifiers, which its page does
// not show); a subject a DefinedTerm in the
// DefinedTermSet of the archive's headings; a collection a Collection
// (isPartOf its parent); a repository an ArchiveOrganization (sameAs its
// website, location its place).
//
// Nothing is described that the page does not show: relations to other
// documents are left out altogether, so a related draft cannot appear.

// ld is one JSON-LD node; maps marshal with sorted keys, so output is stable.
type ld = map[string]any

const schemaContext = "https://schema.org"

// jsonLD writes a node for a <script type="application/ld+json"> element.
// encoding/json escapes <, > and &, so nothing in it can end the element;
// marshalling here spares html/template's reflective escaper on every page.
func jsonLD(v ld) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// documentLD describes a published document's page.
func documentLD(base string, d *recto.Document, archive string) ld {
	url := base + documentURL(d.ID)
	n := ld{"@context": schemaContext, "@type": "ArchiveComponent", "@id": url, "url": url, "name": d.Title}
	set(n, "description", cite.PlainText(d.Summary))
	set(n, "genre", d.Type)
	set(n, "dateCreated", cite.ISO8601(d.Date))
	set(n, "inLanguage", one(d.Languages))
	set(n, "author", agentNodes(base, d.CreditsIn(recto.RoleAuthor)))
	if r := d.CreditsIn(recto.RoleRecipient); len(r) > 0 {
		n["@type"] = []string{"ArchiveComponent", "Message"}
		n["recipient"] = agentNodes(base, r)
	}
	set(n, "translator", agentNodes(base, d.Translators()))
	var archives []any
	var locations []string
	for _, s := range d.Sources {
		if r := s.Repository; r != nil {
			archives = append(archives, repositoryNode(base, r))
		}
		if ref := cite.CitedReference(s); ref != "" {
			locations = append(locations, ref)
		}
	}
	set(n, "holdingArchive", one(archives))
	set(n, "itemLocation", one(locations))
	if w := strings.TrimSpace(d.WrittenAt); w != "" {
		n["locationCreated"] = ld{"@type": "Place", "name": w}
	}
	var about, places, collections []any
	for _, s := range d.Subjects {
		about = append(about, subjectNode(base, s))
	}
	for _, p := range d.Places {
		places = append(places, placeNode(base, p))
	}
	for _, c := range d.Collections {
		collections = append(collections, collectionNode(base, c))
	}
	set(n, "about", about)
	set(n, "mentions", agentNodes(base, d.CreditsIn(recto.RoleAssociated)))
	set(n, "spatialCoverage", places)
	set(n, "isPartOf", collections)
	var translations, transcripts []any
	for i, idx := range d.ReadingOrder() {
		t := &d.Texts[idx]
		tn := ld{"@type": "CreativeWork", "@id": url + "?text=" + strconv.Itoa(i+1), "name": t.Label(), "inLanguage": t.Lang}
		tn["url"] = url
		if i > 0 {
			tn["url"] = url + "?text=" + strconv.Itoa(i+1)
		}
		set(tn, "dateCreated", cite.ISO8601(t.Date))
		var translators, others []*recto.Agent
		for _, c := range t.Credits {
			if c.Role == recto.RoleTranslator {
				translators = append(translators, c.Agent)
			} else {
				others = append(others, c.Agent)
			}
		}
		set(tn, "translator", agentNodes(base, translators))
		set(tn, "contributor", agentNodes(base, others))
		if t.Kind == recto.Transcript {
			tn["exampleOfWork"] = ld{"@id": url}
			transcripts = append(transcripts, tn)
		} else {
			tn["translationOfWork"] = ld{"@id": url}
			translations = append(translations, tn)
		}
	}
	set(n, "workTranslation", translations)
	set(n, "workExample", transcripts)
	set(n, "funder", agentNodes(base, d.CreditsIn(recto.RoleFunder)))
	set(n, "license", d.Rights.URI)
	var media []any
	for _, m := range d.Media {
		mn := ld{"@type": "MediaObject", "contentUrl": absolute(base, m.URL), "encodingFormat": m.MediaType}
		set(mn, "name", m.Label)
		media = append(media, mn)
	}
	set(n, "associatedMedia", media)
	n["publisher"] = ld{"@type": "Organization", "name": archive, "url": base + "/"}
	return n
}

// agentLD describes a person's or an organisation's page.
func agentLD(a *recto.Agent, canonical string) ld {
	base := strings.TrimSuffix(canonical, agentURL(a.ID))
	n := agentNode(base, a)
	n["@context"] = schemaContext
	set(n, "alternateName", variantNames(a.Variants))
	set(n, "description", cite.PlainText(a.Bio))
	identifiers(n, a.Identifiers)
	return n
}

// placeLD describes a place's page; ancestors are outermost first.
func placeLD(p *recto.Place, ancestors []*recto.Place, canonical string) ld {
	base := strings.TrimSuffix(canonical, placeURL(p.ID))
	n := placeNode(base, p)
	n["@context"] = schemaContext
	set(n, "alternateName", variantNames(p.Variants))
	if len(ancestors) > 0 {
		n["containedInPlace"] = placeNode(base, ancestors[len(ancestors)-1])
	}
	// A place's identifiers are left out: its page does not show them.
	return n
}

// subjectLD describes a subject heading's page.
func subjectLD(s *recto.Subject, canonical string) ld {
	base := strings.TrimSuffix(canonical, subjectURL(s.ID))
	n := subjectNode(base, s)
	n["@context"] = schemaContext
	n["inDefinedTermSet"] = ld{"@type": "DefinedTermSet", "@id": base + "/subjects", "url": base + "/subjects",
		"name": "Subject headings"}
	return n
}

// collectionLD describes a collection's page; ancestors are outermost first.
func collectionLD(c *recto.Collection, ancestors []*recto.Collection, canonical string) ld {
	base := strings.TrimSuffix(canonical, collectionURL(c.ID))
	n := collectionNode(base, c)
	n["@context"] = schemaContext
	set(n, "description", cite.PlainText(c.Description))
	if c.Image != "" {
		n["image"] = absolute(base, c.Image)
	}
	if len(ancestors) > 0 {
		n["isPartOf"] = collectionNode(base, ancestors[len(ancestors)-1])
	}
	return n
}

// repositoryLD describes a repository's page.
func repositoryLD(r *recto.Repository, canonical string) ld {
	base := strings.TrimSuffix(canonical, repositoryURL(r.ID))
	n := repositoryNode(base, r)
	n["@context"] = schemaContext
	set(n, "sameAs", r.Website)
	if p := r.Place; p != nil {
		n["location"] = ld{"@type": "Place", "@id": base + placeURL(p.ID), "name": p.Name}
	}
	return n
}

func agentNode(base string, a *recto.Agent) ld {
	typ := "Person"
	if a.Kind == recto.Organisation {
		typ = "Organization"
	}
	u := base + agentURL(a.ID)
	return ld{"@type": typ, "@id": u, "url": u, "name": a.Name}
}

func agentNodes(base string, agents []*recto.Agent) []any {
	var out []any
	for _, a := range agents {
		out = append(out, agentNode(base, a))
	}
	return out
}

func placeNode(base string, p *recto.Place) ld {
	u := base + placeURL(p.ID)
	n := ld{"@type": "Place", "@id": u, "url": u, "name": p.Name}
	if c := p.Coordinates; c != nil {
		n["geo"] = ld{"@type": "GeoCoordinates", "latitude": c.Latitude, "longitude": c.Longitude}
	}
	return n
}

func subjectNode(base string, s *recto.Subject) ld {
	u := base + subjectURL(s.ID)
	return ld{"@type": "DefinedTerm", "@id": u, "url": u, "name": s.Heading}
}

func collectionNode(base string, c *recto.Collection) ld {
	u := base + collectionURL(c.ID)
	return ld{"@type": "Collection", "@id": u, "url": u, "name": c.Title}
}

func repositoryNode(base string, r *recto.Repository) ld {
	u := base + repositoryURL(r.ID)
	name := r.Name
	if name == "" {
		name = r.ShortName
	}
	n := ld{"@type": "ArchiveOrganization", "@id": u, "url": u, "name": name}
	if r.ShortName != "" && r.ShortName != name {
		n["alternateName"] = r.ShortName
	}
	return n
}

// identifierURLs make links of the identifiers of well-known schemes.
var identifierURLs = map[string]string{
	"wikidata": "https://www.wikidata.org/wiki/%s",
	"viaf":     "https://viaf.org/viaf/%s",
	"geonames": "https://www.geonames.org/%s",
	"orcid":    "https://orcid.org/%s",
	"isni":     "https://isni.org/isni/%s",
	"lcnaf":    "https://id.loc.gov/authorities/names/%s",
}

// identifiers sets sameAs for identifiers of known schemes and identifier
// (PropertyValue) for every one.
func identifiers(n ld, ids []recto.Identifier) {
	var same, all []any
	for _, id := range ids {
		if f, ok := identifierURLs[strings.ToLower(id.Scheme)]; ok {
			same = append(same, fmt.Sprintf(f, id.Value))
		}
		all = append(all, ld{"@type": "PropertyValue", "propertyID": id.Scheme, "value": id.Value})
	}
	set(n, "sameAs", one(same))
	set(n, "identifier", one(all))
}

func variantNames(names []recto.Name) []string {
	var out []string
	for _, v := range names {
		out = append(out, v.Name)
	}
	return out
}

// absolute makes a site path absolute; absolute URLs are kept.
func absolute(base, u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return base + u
	}
	return u
}

// set adds a property unless its value is empty.
func set(n ld, key string, v any) {
	switch v := v.(type) {
	case nil:
		return
	case string:
		if v == "" {
			return
		}
	case []any:
		if len(v) == 0 {
			return
		}
	case []string:
		if len(v) == 0 {
			return
		}
	}
	n[key] = v
}

// one returns a list's only element alone, the list otherwise: JSON-LD
// reads both the same, and a single value reads better.
func one[T any](list []T) any {
	switch len(list) {
	case 0:
		return nil
	case 1:
		return list[0]
	}
	return list
}
