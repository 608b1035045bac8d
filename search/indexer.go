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

// docAnalyzer turns documents into analyzedDocs, numbering their terms in
// the index's dictionaries. Each goroutine needs its own.
type docAnalyzer struct {
	an     *analysis.Analyzer
	ix     *Index
	counts map[uint32]uint32 // term → count in the current document
	key    []byte
}

func newDocAnalyzer(ix *Index) *docAnalyzer {
	return &docAnalyzer{an: analysis.NewAnalyzer(), ix: ix, counts: map[uint32]uint32{}}
}

// searchableFields returns the texts a document is found by, title first.
// Repositories are named from auth: documents read for search carry only
// the IDs of their authorities.
func searchableFields(d *recto.Document, auth *authorities) []string {
	fields := []string{d.Title, plainText(d.Summary)}
	for _, t := range d.Texts {
		fields = append(fields, plainText(t.Body))
	}
	fields = append(fields, d.Signature, d.WrittenAt, d.WrittenOn, d.Authentication, d.DateAsWritten)
	for _, s := range d.Sources {
		fields = append(fields, sourceText(s, auth), s.Note, s.Citation)
	}
	return fields
}

// sourceText is a source's reference as words: "GARF Fond R-9401ss …".
func sourceText(s recto.Source, auth *authorities) string {
	var b strings.Builder
	if s.Repository != nil {
		if r := auth.repositories[s.Repository.ID]; r != nil {
			b.WriteString(r.ShortName)
		}
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
	a := &analyzedDoc{id: d.ID, published: unixOrZero(d.PublishedAt), title: analysis.Fold(d.Title)}
	a.earliest, a.latest, a.dated = dateBounds(d)
	clear(da.counts)
	pos := 0
	for i, text := range searchableFields(d, auth) {
		if text == "" {
			continue
		}
		title := i == 0
		next := da.an.Analyze(text, pos, func(t analysis.Token) {
			id := da.ix.dict.id(t.Term)
			da.counts[id]++
			if title {
				da.key = append(append(da.key[:0], titlePrefix...), t.Term...)
				da.counts[da.ix.dict.id(da.key)]++
			}
			da.ix.surfaces.add(t.Surface, id)
		})
		a.length += uint32(next - pos)
		pos = next + fieldGap
	}
	a.terms = make([]termCount, 0, len(da.counts))
	for id, tf := range da.counts {
		a.terms = append(a.terms, termCount{id, tf})
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
