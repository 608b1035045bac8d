package search

import (
	"regexp"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
)

// fieldGap separates the positions of a document's fields, so that nothing
// reads as adjacent across two fields.
const fieldGap = 16

// maxInterned bounds a worker's interned strings.
const maxInterned = 500_000

// docAnalyzer turns documents into analyzedDocs. Each goroutine needs its own.
type docAnalyzer struct {
	an     *analysis.Analyzer
	intern map[string]string
}

func newDocAnalyzer() *docAnalyzer {
	return &docAnalyzer{an: analysis.NewAnalyzer(), intern: map[string]string{}}
}

// str returns b as a string, reusing an earlier copy: documents repeat words.
func (da *docAnalyzer) str(b []byte) string {
	if s, ok := da.intern[string(b)]; ok {
		return s
	}
	if len(da.intern) >= maxInterned {
		clear(da.intern)
	}
	s := string(b)
	da.intern[s] = s
	return s
}

// searchableFields returns the texts a document is found by, title first.
func searchableFields(d *recto.Document) []string {
	fields := []string{d.Title, plainText(d.Summary)}
	for _, t := range d.Texts {
		fields = append(fields, plainText(t.Body))
	}
	fields = append(fields, d.Signature, d.WrittenAt, d.WrittenOn, d.Authentication, d.DateAsWritten)
	for _, s := range d.Sources {
		fields = append(fields, sourceText(s), s.Note, s.Citation)
	}
	return fields
}

// sourceText is a source's reference as words: "GARF Fond R-9401ss …".
func sourceText(s recto.Source) string {
	var b strings.Builder
	if s.Repository != nil {
		b.WriteString(s.Repository.ShortName)
	}
	for _, p := range s.Parts {
		b.WriteString(" ")
		b.WriteString(p.Label)
		b.WriteString(" ")
		b.WriteString(p.Value)
	}
	return b.String()
}

// markdownSyntax matches the Markdown that is not words: footnote markers,
// emphasis, heading marks, table rules and pipes, link targets.
var markdownSyntax = regexp.MustCompile(`\[\^[^\]]*\]:?|[*_~#>|]+|:?-{3,}:?|\]\([^)]*\)|!?\[`)

// plainText removes Markdown syntax that would otherwise show in snippets.
// Word positions do not depend on it: the analyzer skips punctuation anyway.
func plainText(md string) string {
	if !strings.ContainsAny(md, "[*_~#>|-") {
		return md
	}
	return markdownSyntax.ReplaceAllString(md, " ")
}

// analyze prepares a published document for the index.
func (da *docAnalyzer) analyze(d *recto.Document, auth *authorities) *analyzedDoc {
	a := &analyzedDoc{id: d.ID, published: unixOrZero(d.PublishedAt), title: analysis.Fold(d.Title),
		terms: map[string]uint32{}, surfaces: map[string][]string{}}
	a.earliest, a.latest, a.dated = dateBounds(d)
	pos := 0
	for i, text := range searchableFields(d) {
		if text == "" {
			continue
		}
		title := i == 0
		next := da.an.Analyze(text, pos, func(t analysis.Token) {
			term := da.str(t.Term)
			a.terms[term]++
			if title {
				a.terms[titlePrefix+term]++
			}
			surface := da.str(t.Surface)
			if ts := a.surfaces[surface]; !contains(ts, term) {
				a.surfaces[surface] = append(ts, term)
			}
		})
		a.length += uint32(next - pos)
		pos = next + fieldGap
	}
	a.facets = facetValues(d, auth)
	return a
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
