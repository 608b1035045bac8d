// Package cite generates citations of documents from their structured fields.
// Citations are never stored: they are built from the sources, parts and
// credits each time, so a corrected reference corrects every citation.
package cite

import (
	"strings"

	"github.com/recto-archive/recto"
)

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

// creditSentence says who obtained and who translated the document:
// "Obtained by A and translated by B and C."
func creditSentence(d *recto.Document) string {
	var clauses []string
	if obtained := d.CreditsIn(recto.RoleObtainedBy); len(obtained) > 0 {
		clauses = append(clauses, "obtained by "+List(agentNames(obtained)))
	}
	if translators := d.Translators(); len(translators) > 0 {
		clauses = append(clauses, "translated by "+List(agentNames(translators)))
	}
	if len(clauses) == 0 {
		return ""
	}
	s := strings.Join(clauses, " and ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func agentNames(agents []*recto.Agent) []string {
	names := make([]string, len(agents))
	for i, a := range agents {
		names[i] = a.Name
	}
	return names
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
