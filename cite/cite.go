package cite

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/markup"
)

// DefaultArchive is the archive's name when Options.Archive is empty.
const DefaultArchive = recto.DefaultArchiveName

// Options says where the archive is and what it is called, for the parts of
// a citation that are not the document's own: the permanent URL and the
// name of the archive that publishes the document online.
type Options struct {
	// BaseURL is the archive's public address without a trailing slash
	// ("https://archive.example.org"). Empty leaves URLs out.
	BaseURL string
	// Archive is the archive's name as citations give it; empty means
	// DefaultArchive.
	Archive string
	// Publisher is who publishes the archive, for exports that name one
	// (TEI's publicationStmt); empty means the archive.
	Publisher string
	// Accessed is when the reader consulted the document: the access date of
	// the download formats (RIS Y2, BibTeX and biblatex urldate, CSL
	// accessed). Zero leaves it out; the Chicago forms never give one
	// (CMOS 18 14.15 asks for none when a date of publication is known).
	Accessed time.Time
}

func (o Options) archive() string {
	if o.Archive == "" {
		return DefaultArchive
	}
	return o.Archive
}

// URL returns the permanent URL of document d: BaseURL/documents/ID, or ""
// without a BaseURL.
func (o Options) URL(d *recto.Document) string {
	if o.BaseURL == "" {
		return ""
	}
	return strings.TrimRight(o.BaseURL, "/") + "/documents/" + strconv.FormatInt(d.ID, 10)
}

// Key returns the document's stable citation key: "recto" and the Record ID.
func Key(d *recto.Document) string { return "recto" + strconv.FormatInt(d.ID, 10) }

// SourceNote returns the source sentence a document page shows under
// "Document Information": each source's repository and reference parts, then
// who obtained and who translated it. For the reference letter:
//
//	GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359. Obtained by Jamil Hasanli and translated by Gary Goldberg.
func SourceNote(d *recto.Document) string {
	var sentences []string
	for _, s := range d.Sources {
		if ref := Reference(s); ref != "" {
			sentences = append(sentences, sentence(ref))
		}
	}
	if c := creditSentence(d); c != "" {
		sentences = append(sentences, c)
	}
	return strings.Join(sentences, " ")
}

// Reference returns one source's archival reference: the repository's short
// name and the parts, "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359".
// A source with no parts falls back to its legacy citation string.
func Reference(s recto.Source) string {
	if len(s.Parts) == 0 && s.Citation != "" {
		return s.Citation
	}
	var parts []string
	if s.Repository != nil {
		parts = append(parts, s.Repository.ShortName)
	}
	for _, p := range s.Parts {
		parts = append(parts, strings.TrimSpace(p.Label+" "+p.Value))
	}
	return strings.Join(parts, ", ")
}

// creditSentence says who obtained and who translated the document, and
// for whom: "Obtained by A and translated for NKIDP by B and C." When both
// name the same people for the same organisation, the clauses are one:
// "Obtained and translated for NKIDP by B."
func creditSentence(d *recto.Document) string {
	obtained := byPhrase(d.CreditsWithRole(recto.RoleObtainedBy), List)
	translated := byPhrase(d.TranslatorCredits(), List)
	var clauses []string
	switch {
	case obtained != "" && obtained == translated:
		clauses = append(clauses, "obtained and translated "+obtained)
	default:
		if obtained != "" {
			clauses = append(clauses, "obtained "+obtained)
		}
		if translated != "" {
			clauses = append(clauses, "translated "+translated)
		}
	}
	if len(clauses) == 0 {
		return ""
	}
	s := strings.Join(clauses, " and ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// byPhrase names the agents of credits, by the organisations they were
// made for, in order of first mention: "by A and B", "for NKIDP by A",
// "for NKIDP by A and for CWIHP by B"; list joins each group's names.
// It is empty for no credits.
func byPhrase(credits []recto.Credit, list func([]string) string) string {
	var orgs []string
	names := map[string][]string{}
	for _, c := range credits {
		org := ""
		if c.For != nil {
			org = c.For.Name
		}
		if _, ok := names[org]; !ok {
			orgs = append(orgs, org)
		}
		names[org] = append(names[org], c.Agent.Name)
	}
	phrases := make([]string, len(orgs))
	for i, org := range orgs {
		phrases[i] = "by " + list(names[org])
		if org != "" {
			phrases[i] = "for " + org + " " + phrases[i]
		}
	}
	return strings.Join(phrases, " and ")
}

// madeFor reports whether any of credits names an organisation it was made for.
func madeFor(credits []recto.Credit) bool {
	for _, c := range credits {
		if c.For != nil {
			return true
		}
	}
	return false
}

// List joins names in English: "A", "A and B", "A, B and C".
func List(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// sentence ends s with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// --- what every format shares ---

// pageRange matches a hyphen between the two ends of a range of leaves or
// pages: "352-359", "12ob.-14".
var pageRange = regexp.MustCompile(`([0-9A-Za-z.])\s*-\s*([0-9])`)

// rangeTypes and rangeLabels name the parts whose values are ranges of
// leaves or pages. Other parts keep their hyphens: "R-9401ss" is a fond, and
// "109-00765-01" a file number of the PRC Foreign Ministry Archive.
var (
	rangeTypes  = map[string]bool{"folios": true, "folio": true, "pages": true, "page": true, "leaves": true, "leaf": true, "sheets": true}
	rangeLabels = map[string]bool{"ll.": true, "l.": true, "pp.": true, "p.": true, "ff.": true, "fols.": true, "fol.": true}
)

// partText returns one reference part as cited, "ll. 352–359": its label
// and value, with an en dash in a range of leaves or pages.
func partText(p recto.RefPart) string {
	v := strings.TrimSpace(p.Value)
	if rangeTypes[strings.ToLower(p.Type)] || rangeLabels[strings.ToLower(strings.TrimSpace(p.Label))] {
		v = pageRange.ReplaceAllString(v, "$1–$2")
	}
	return strings.TrimSpace(strings.TrimSpace(p.Label) + " " + v)
}

// repositoryName is the repository as citations name it: its short name,
// else its full name.
func repositoryName(r *recto.Repository) string {
	if r == nil {
		return ""
	}
	if r.ShortName != "" {
		return r.ShortName
	}
	return r.Name
}

// location returns a source's archival location without the repository:
// "Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359"; a legacy citation when the
// source has no parts.
func location(s recto.Source) string {
	if len(s.Parts) == 0 {
		return strings.TrimSpace(s.Citation)
	}
	parts := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		parts[i] = partText(p)
	}
	return strings.Join(parts, ", ")
}

// CitedReference returns a source as citations give it: repository, then
// location, "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359", with an
// en dash in ranges of leaves or pages (Reference keeps the parts as
// written). A legacy citation that already names the repository is given
// alone.
func CitedReference(s recto.Source) string {
	loc := location(s)
	repo := repositoryName(s.Repository)
	if repo == "" || (len(s.Parts) == 0 && strings.Contains(loc, repo)) {
		return loc
	}
	if loc == "" {
		return repo
	}
	return repo + ", " + loc
}

// archiveOf returns the first source that names a repository or a
// location: the one the formats with a single archive field describe. The
// repository is the one the source links, also when its reference is a
// legacy citation; a citation that starts with the repository's name gives
// the rest as the location ("GARF, f. 9401" is GARF and "f. 9401").
func archiveOf(d *recto.Document) (repo, loc string, src *recto.Source) {
	for i := range d.Sources {
		s := &d.Sources[i]
		r, l := repositoryName(s.Repository), location(*s)
		if len(s.Parts) == 0 {
			l = withoutRepository(l, s.Repository)
		}
		if r != "" || l != "" {
			return r, l, s
		}
	}
	return "", "", nil
}

// withoutRepository returns a legacy citation without the repository's
// short or full name that leads it, and the punctuation after that name.
func withoutRepository(citation string, r *recto.Repository) string {
	if r == nil {
		return citation
	}
	for _, name := range []string{r.ShortName, r.Name} {
		rest, ok := strings.CutPrefix(citation, name)
		if name == "" || !ok || (rest != "" && !strings.ContainsRune(",.;: ", rune(rest[0]))) {
			continue
		}
		return strings.TrimLeft(rest, ",.;: ")
	}
	return citation
}

// published returns the published volume a source's parts name, as a
// printed edition of documents is cited (the FRUS importer gives "Foreign
// Relations of the United States," and "1945, The Far East, China, Volume
// VII" as a part of type "volume"), and the document's number in it; ""
// when the parts name no volume.
func published(s *recto.Source) (volume, number string) {
	if s == nil {
		return "", ""
	}
	for _, p := range s.Parts {
		switch strings.ToLower(p.Type) {
		case "volume":
			volume = partText(p)
		case "document":
			number = strings.TrimSpace(p.Value)
		}
	}
	if volume == "" {
		return "", ""
	}
	return volume, number
}

// otherSources returns the references of every source but skip, for the
// notes of formats with a single archive field.
func otherSources(d *recto.Document, skip *recto.Source) []string {
	var refs []string
	for i := range d.Sources {
		if &d.Sources[i] == skip {
			continue
		}
		if ref := CitedReference(d.Sources[i]); ref != "" {
			refs = append(refs, ref)
		}
	}
	return refs
}

// personName splits a person's stored sort name, "Hasanli, Jamil", into
// family and given names; ok is false for every other agent, which the
// formats then give as written, since a sort name such as "Mao Zedong" or
// "毛泽东" says the name is not to be inverted. The name as shown is never
// split: "Alihan Tore" does not say which part is the family name.
func personName(a *recto.Agent) (family, given string, ok bool) {
	if a.Kind != recto.Person {
		return "", "", false
	}
	return recto.InvertedName(a.SortName)
}

// displayNames are the names as shown: "Jamil Hasanli".
func displayNames(agents []*recto.Agent) []string {
	names := make([]string, len(agents))
	for i, a := range agents {
		names[i] = a.Name
	}
	return names
}

// language returns the language citations give: the first language of
// the original, or none when the original's is unknown. The language of a
// text is not the document's: a translation's "en" would claim the letter
// was written in English.
func language(d *recto.Document) string {
	if len(d.Languages) > 0 {
		return d.Languages[0]
	}
	return ""
}

// PlainText returns light Markdown (a summary, a biography) as one line of
// plain text, for metadata fields that take no markup.
func PlainText(md string) string { return plain(md) }

// plain returns light Markdown as one line of plain text, read as the
// page reads it (markup.PlainText): escapes resolved, brackets that are
// no link kept.
func plain(md string) string {
	return oneLine(markup.PlainText(recto.Markdown, md))
}

// oneLine collapses runs of white space, line breaks included.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// notes are the facts the formats without a field for them carry as notes:
// recipients, who obtained the document, other sources, the original
// classification.
func notes(d *recto.Document, skip *recto.Source) []string {
	var out []string
	if r := d.CreditsIn(recto.RoleRecipient); len(r) > 0 {
		out = append(out, "Recipient: "+chicagoList(displayNames(r))+".")
	}
	if o := d.CreditsWithRole(recto.RoleObtainedBy); len(o) > 0 {
		out = append(out, "Obtained "+byPhrase(o, chicagoList)+".")
	}
	// The formats' translator fields have no room for the organisation.
	if tr := d.TranslatorCredits(); madeFor(tr) {
		out = append(out, "Translated "+byPhrase(tr, chicagoList)+".")
	}
	for _, ref := range otherSources(d, skip) {
		out = append(out, "Also held: "+sentence(ref))
	}
	if c := d.Classification.Level; c != "" {
		out = append(out, "Original classification: "+sentence(c))
	}
	return out
}
