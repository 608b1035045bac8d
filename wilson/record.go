package wilson

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/slug"
)

// Model names of the API's search results.
const (
	modelRecord     = "Record"
	modelCollection = "Collection"
)

// archivePublisherID is the publisher id of the archive itself
// (Options.Publisher); agents credited as publishers keep their own IDs,
// which are positive.
const archivePublisherID = "0"

func recordURI(id int64) string     { return "/srv/record/" + idString(id) + ".json" }
func collectionURI(id int64) string { return "/srv/collection/" + idString(id) + ".json" }
func subjectURI(id int64) string    { return "/srv/subject/" + idString(id) + ".json" }
func coverageURI(id int64) string   { return "/srv/coverage/" + idString(id) + ".json" }
func agentURI(id int64) string      { return "/srv/contributor/" + idString(id) + ".json" }
func repositoryURI(id int64) string { return "/srv/repository/" + idString(id) + ".json" }
func textURL(doc, text int64) string {
	return "/srv/record/" + idString(doc) + "/text/" + idString(text) + ".html"
}

func (h *handler) handleRecord(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "record")
	if err != nil {
		return err
	}
	d, err := h.catalogue.FindDocumentByID(r.Context(), id)
	if err != nil {
		return err
	}
	rec, err := h.record(r.Context(), d)
	if err != nil {
		return err
	}
	w.Header().Set("Link", fmt.Sprintf("<%s/documents/%d>; rel=\"alternate\"; type=\"text/html\"", h.siteBase(r), d.ID))
	writeJSON(w, http.StatusOK, rec)
	return nil
}

// summarize gives the listing shape of a document read with its own fields.
func summarize(d *recto.Document) *recordSummary {
	docDate, frontend, start := docDates(d.Date)
	return &recordSummary{ID: idString(d.ID), URI: recordURI(d.ID), Model: modelRecord, Title: d.Title,
		Description: d.Summary, DocDate: docDate, FrontendDocDate: frontend, DateRangeStart: start,
		Slug: slugOf(d), SourceCreatedAt: stamp(sourceCreated(d)), SourceUpdatedAt: stamp(d.UpdatedAt),
		FirstPublishedAt: stamp(firstPublished(d))}
}

// slugOf is a document's slug on the former site, which its first former
// path /document/{slug} gives (a number there is a Record ID, not a slug),
// or else one made from its title.
func slugOf(d *recto.Document) string {
	for _, p := range d.FormerPaths {
		s, ok := strings.CutPrefix(p, "/document/")
		if ok && !strings.Contains(s, "/") && strings.Trim(s, "0123456789") != "" {
			return s
		}
	}
	return slug.Make(d.Title)
}

// firstPublished is when the document was first published: on the former
// site when its stamp is known ("Original Uploaded Date"), else in Recto.
func firstPublished(d *recto.Document) time.Time {
	if !d.OriginalUploaded.IsZero() {
		return d.OriginalUploaded
	}
	return d.PublishedAt
}

// sourceCreated is when the record was created: by the former system
// when its stamp is known, else by Recto.
func sourceCreated(d *recto.Document) time.Time {
	if !d.OriginalCreated.IsZero() {
		return d.OriginalCreated
	}
	return d.CreatedAt
}

// summaries reads the listed documents and gives the published ones in
// listing shape, in the order given.
func (h *handler) summaries(ctx context.Context, ids []int64) ([]*recordSummary, error) {
	out := make([]*recordSummary, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	docs, err := h.catalogue.FindDocumentTexts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		out = append(out, summarize(d))
	}
	return out, nil
}

// record builds the full shape of a published document.
func (h *handler) record(ctx context.Context, d *recto.Document) (*record, error) {
	s := summarize(d)
	rec := &record{ID: s.ID, URI: s.URI, Model: s.Model, Title: s.Title, Description: s.Description,
		DocDate: s.DocDate, FrontendDocDate: s.FrontendDocDate, DateRangeStart: s.DateRangeStart, Slug: s.Slug,
		Source: cite.SourceNote(d), Type: []named{}, Rights: rightsOf(d.Rights), Classifications: []named{},
		Languages: languagesOf(d.Languages), Creators: []authority{}, Contributors: []authority{}, Donors: []named{},
		OriginalCoverages: []coverage{}, Subjects: []authority{}, Collections: []collectionRef{},
		Repositories: []authority{}, Publishers: []publisher{}, Transcripts: []asset{}, Translations: []asset{},
		MediaFiles: []mediaFile{}, SourceCreatedAt: s.SourceCreatedAt, SourceUpdatedAt: s.SourceUpdatedAt,
		FirstPublishedAt: s.FirstPublishedAt}
	if t := strings.TrimSpace(d.Type); t != "" {
		rec.Type = append(rec.Type, named{ID: termID(t), Name: upperFirst(t)})
	}
	if l := strings.TrimSpace(d.Classification.Level); l != "" {
		rec.Classifications = append(rec.Classifications, named{ID: termID(l), Name: l})
	}
	creditsOf(rec, d.Credits, h.opts.Publisher)
	for _, p := range d.Places {
		c, err := h.coverageOf(ctx, p)
		if err != nil {
			return nil, err
		}
		rec.OriginalCoverages = append(rec.OriginalCoverages, *c)
	}
	for _, sub := range d.Subjects {
		rec.Subjects = append(rec.Subjects, subjectOf(sub))
	}
	for _, c := range d.Collections {
		rec.Collections = append(rec.Collections, collectionRefOf(c))
	}
	seen := map[int64]bool{}
	for _, src := range d.Sources {
		if r := src.Repository; r != nil && !seen[r.ID] {
			seen[r.ID] = true
			rec.Repositories = append(rec.Repositories, repositoryOf(r))
		}
	}
	if err := h.textsOf(rec, d); err != nil {
		return nil, err
	}
	for i, m := range d.Media {
		rec.MediaFiles = append(rec.MediaFiles, mediaOf(d, i, m))
	}
	var err error
	if rec.Attachments, rec.Links, err = h.relationsOf(ctx, d); err != nil {
		return nil, err
	}
	return rec, nil
}

// creditsOf fills creators (authors), contributors (every agent credited on
// the document itself but funders, authors included: the people the
// contributor filter finds), donors (funders) and publishers (the archive,
// then agents credited as publishers). Credits on texts (translators,
// transcribers) are named in the source sentence instead.
func creditsOf(rec *record, credits []recto.Credit, archive string) {
	if archive != "" {
		rec.Publishers = append(rec.Publishers, publisher{ID: archivePublisherID, Name: archive, Value: archive})
	}
	type key struct {
		list string
		id   int64
	}
	seen := map[key]bool{}
	once := func(list string, id int64) bool {
		k := key{list, id}
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	for _, c := range credits {
		a := c.Agent
		if a == nil {
			continue
		}
		if c.Role == recto.RoleFunder {
			if once("donor", a.ID) {
				rec.Donors = append(rec.Donors, named{ID: idString(a.ID), Name: a.Name})
			}
			continue
		}
		if c.Role == recto.RoleAuthor && once("creator", a.ID) {
			rec.Creators = append(rec.Creators, agentOf(a))
		}
		if c.Role == recto.RolePublisher && once("publisher", a.ID) {
			rec.Publishers = append(rec.Publishers, publisher{ID: idString(a.ID), Name: a.Name, Value: a.Name})
		}
		if once("contributor", a.ID) {
			rec.Contributors = append(rec.Contributors, agentOf(a))
		}
	}
}

func agentOf(a *recto.Agent) authority {
	return authority{ID: idString(a.ID), Name: a.Name, Value: a.Name, URI: agentURI(a.ID)}
}

func subjectOf(s *recto.Subject) authority {
	return authority{ID: idString(s.ID), Name: s.Heading, Value: s.Heading, URI: subjectURI(s.ID)}
}

func repositoryOf(r *recto.Repository) authority {
	return authority{ID: idString(r.ID), Name: r.Name, Value: r.Name, URI: repositoryURI(r.ID)}
}

func collectionRefOf(c *recto.Collection) collectionRef {
	return collectionRef{ID: idString(c.ID), Name: c.Title, Value: c.Title, Slug: slug.Make(c.Title), URI: collectionURI(c.ID)}
}

func placeRef(p *recto.Place) authority {
	return authority{ID: idString(p.ID), Name: p.Name, Value: p.Name, URI: coverageURI(p.ID)}
}

// coverageOf gives a place with the chain of places above it.
func (h *handler) coverageOf(ctx context.Context, p *recto.Place) (*coverage, error) {
	c := &coverage{ID: idString(p.ID), Name: p.Name, Value: p.Name, URI: coverageURI(p.ID)}
	if p.ParentID == 0 {
		return c, nil
	}
	up, err := h.catalogue.FindPlaceAncestors(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	chainParents(c, up)
	return c, nil
}

// chainParents hangs ancestors (outermost first) above c.
func chainParents(c *coverage, ancestors []*recto.Place) {
	at := c
	for i := len(ancestors) - 1; i >= 0; i-- {
		a := ancestors[i]
		at.Parent = &coverage{ID: idString(a.ID), Name: a.Name, Value: a.Name, URI: coverageURI(a.ID)}
		at = at.Parent
	}
}

// textsOf lists translations in reading order (English first) and
// transcripts in editorial order, each with its HTML.
func (h *handler) textsOf(rec *record, d *recto.Document) error {
	for _, i := range d.ReadingOrder() {
		t := &d.Texts[i]
		page, err := h.textHTML(d, t)
		if err != nil {
			return err
		}
		a := asset{ID: idString(t.ID), Filename: textFilename(d, t), ContentType: "text/html", Extension: "html",
			AssetID: idString(t.ID), URL: textURL(d.ID, t.ID), HTML: page,
			SourceCreatedAt: stamp(sourceCreated(d)), SourceUpdatedAt: stamp(d.UpdatedAt)}
		if t.Kind == recto.Translation {
			lang := languageOf(t.Lang)
			a.Language = &lang
			rec.Translations = append(rec.Translations, a)
		} else {
			rec.Transcripts = append(rec.Transcripts, a)
		}
	}
	return nil
}

// textFilename names a text's HTML file: "1234-translation-en-56.html".
func textFilename(d *recto.Document, t *recto.Text) string {
	return fmt.Sprintf("%d-%s-%s-%d.html", d.ID, t.Kind, strings.ToLower(t.Lang), t.ID)
}

// textHTML renders a text as a small HTML page in its language.
func (h *handler) textHTML(d *recto.Document, t *recto.Text) (string, error) {
	rendered, err := h.md.Text(t.Body, fmt.Sprintf("t%d-", t.ID))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s: %s</title>\n</head>\n<body>\n",
		html.EscapeString(t.Lang), recto.LanguageDirection(t.Lang), html.EscapeString(t.Label()), html.EscapeString(d.Title))
	b.WriteString(string(rendered.HTML()))
	b.WriteString("</body>\n</html>\n")
	return b.String(), nil
}

// handleText serves a published document's transcript or translation.
func (h *handler) handleText(w http.ResponseWriter, r *http.Request) error {
	docID, ok := parseID(r.PathValue("id"))
	textFile, isHTML := strings.CutSuffix(r.PathValue("file"), ".html")
	textID, ok2 := parseID(textFile)
	if !ok || !ok2 || !isHTML {
		return recto.Errorf(recto.ENOTFOUND, "No text at %s.", r.URL.Path)
	}
	d, err := h.catalogue.FindDocumentByID(r.Context(), docID)
	if err != nil {
		return err
	}
	for i := range d.Texts {
		if t := &d.Texts[i]; t.ID == textID {
			page, err := h.textHTML(d, t)
			if err != nil {
				return err
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
			_, _ = w.Write([]byte(page))
			return nil
		}
	}
	return recto.Errorf(recto.ENOTFOUND, "Record %d has no text %d.", docID, textID)
}

// mediaOf describes the i-th scan; its id is "{record}-{n}", n from 1.
func mediaOf(d *recto.Document, i int, m recto.Media) mediaFile {
	id := fmt.Sprintf("%d-%d", d.ID, i+1)
	name := m.URL
	if j := strings.IndexAny(name, "?#"); j >= 0 {
		name = name[:j]
	}
	name = path.Base(name)
	if name == "." || name == "/" {
		name = ""
	}
	ext := strings.TrimPrefix(path.Ext(name), ".")
	if ext == "" {
		ext = extensionOf(m.MediaType)
	}
	return mediaFile{ID: id, Filename: name, ContentType: m.MediaType, Extension: strings.ToLower(ext), AssetID: id,
		Path: m.URL, SourceCreatedAt: stamp(sourceCreated(d)), SourceUpdatedAt: stamp(d.UpdatedAt)}
}

// extensionOf guesses a file extension from a media type: "pdf", "jpeg".
func extensionOf(mediaType string) string {
	t, _, _ := strings.Cut(mediaType, ";")
	_, sub, ok := strings.Cut(strings.TrimSpace(t), "/")
	if !ok {
		return ""
	}
	sub, _, _ = strings.Cut(sub, "+")
	return strings.ToLower(sub)
}

// relationsOf gives the published attachments (the document's enclosures)
// and links (every other published document related to it, in either
// direction, the documents it is enclosed in too): the catalogue has left
// only the links to published documents.
func (h *handler) relationsOf(ctx context.Context, d *recto.Document) (attachments, links []*recordSummary, err error) {
	var attachIDs, linkIDs []int64
	seen := map[int64]bool{d.ID: true}
	add := func(ids *[]int64, s *recto.DocumentSummary) {
		if s == nil || seen[s.ID] {
			return
		}
		seen[s.ID] = true
		*ids = append(*ids, s.ID)
	}
	for _, rel := range d.Relations {
		if rel.Kind == recto.Enclosure {
			add(&attachIDs, rel.Document)
		}
	}
	for _, rel := range d.Relations {
		add(&linkIDs, rel.Document)
	}
	for _, rel := range d.Inverse {
		add(&linkIDs, rel.Document)
	}
	all, err := h.summaries(ctx, slices.Concat(attachIDs, linkIDs))
	if err != nil {
		return nil, nil, err
	}
	attachments, links = []*recordSummary{}, []*recordSummary{}
	isAttachment := map[string]bool{}
	for _, id := range attachIDs {
		isAttachment[idString(id)] = true
	}
	for _, s := range all {
		if isAttachment[s.ID] {
			attachments = append(attachments, s)
		} else {
			links = append(links, s)
		}
	}
	return attachments, links, nil
}

// termID makes the id of a term that is no authority (a type, a
// classification): its folded words joined by hyphens, "top-secret".
func termID(s string) string {
	return strings.Join(strings.FieldsFunc(analysis.Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), "-")
}

// upperFirst capitalises the first letter: "letter" → "Letter".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// rightsStatementNames are the labels of the rightsstatements.org statements.
var rightsStatementNames = map[string]string{
	"InC": "In Copyright", "InC-OW-EU": "In Copyright - EU Orphan Work",
	"InC-EDU": "In Copyright - Educational Use Permitted", "InC-NC": "In Copyright - Non-Commercial Use Permitted",
	"InC-RUU": "In Copyright - Rights-holder(s) Unlocatable or Unidentifiable",
	"NoC-CR":  "No Copyright - Contractual Restrictions", "NoC-NC": "No Copyright - Non-Commercial Use Only",
	"NoC-OKLR": "No Copyright - Other Known Legal Restrictions", "NoC-US": "No Copyright - United States",
	"CNE": "Copyright Not Evaluated", "UND": "Copyright Undetermined", "NKC": "No Known Copyright",
}

// rightsOf gives the rights block: id the statement's URI, name its label
// (from the URI when it is a rightsstatements.org or Creative Commons one),
// rights the statement. A document without rights gets empty strings: the
// Python client needs an object here.
func rightsOf(r recto.Rights) rights {
	return rights{ID: r.URI, Name: rightsName(r), Rights: r.Statement}
}

func rightsName(r recto.Rights) string {
	u := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r.URI, "https://"), "http://"), "/")
	parts := strings.Split(u, "/")
	switch {
	case len(parts) >= 3 && parts[0] == "rightsstatements.org" && parts[1] == "vocab":
		if name, ok := rightsStatementNames[parts[2]]; ok {
			return name
		}
	case len(parts) >= 4 && parts[0] == "creativecommons.org" && parts[1] == "licenses":
		return "CC " + strings.ToUpper(parts[2]) + " " + parts[3]
	case len(parts) >= 4 && parts[0] == "creativecommons.org" && parts[1] == "publicdomain" && parts[2] == "zero":
		return "CC0 " + parts[3]
	case len(parts) >= 3 && parts[0] == "creativecommons.org" && parts[1] == "publicdomain" && parts[2] == "mark":
		return "Public Domain Mark"
	}
	switch {
	case r.URI != "":
		return r.URI
	case r.Statement != "":
		return "Rights statement"
	}
	return ""
}
