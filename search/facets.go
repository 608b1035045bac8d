package search

import (
	"strconv"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
)

// dim is a facet dimension's index in Index.facets, in recto.Facets order.
type dim uint8

const (
	dimCollection dim = iota
	dimPerson
	dimPlace
	dimSubject
	dimLanguage
	dimTranslation
	dimRepository
	dimClassification
	dimType
	dimFunder
	dimTranslator
	dimDecade
	dimYear
	numDims
)

// dimNames are the facet names of the dimensions.
var dimNames = [numDims]string{recto.FacetCollection, recto.FacetPerson, recto.FacetPlace, recto.FacetSubject,
	recto.FacetLanguage, recto.FacetTranslation, recto.FacetRepository, recto.FacetClassification, recto.FacetType,
	recto.FacetFunder, recto.FacetTranslator, recto.FacetDecade, recto.FacetYear}

func dimByName(name string) (dim, bool) {
	for d, n := range dimNames {
		if n == name {
			return dim(d), true
		}
	}
	return 0, false
}

// dimension is one facet's values: their keys, a label for values that are
// not authorities, the documents of each, and each value's number among all
// facet values of the index ("global"), which documents' forward lists hold.
type dimension struct {
	ids      map[string]uint32
	keys     []string
	labels   []string // for languages, types, classifications, years
	postings []postings
	global   []uint32
}

func newDimension() *dimension { return &dimension{ids: map[string]uint32{}} }

// value returns the number of the value with key in ix's dimension d,
// adding it if new.
func (ix *Index) value(d dim, key, label string) uint32 {
	dm := ix.facets[d]
	if v, ok := dm.ids[key]; ok {
		return v
	}
	v := uint32(len(dm.keys))
	dm.ids[key] = v
	dm.keys = append(dm.keys, key)
	dm.labels = append(dm.labels, label)
	dm.postings = append(dm.postings, postings{})
	dm.global = append(dm.global, uint32(len(ix.valueDims)))
	ix.valueDims = append(ix.valueDims, d)
	ix.valueLocal = append(ix.valueLocal, v)
	ix.valueLive = append(ix.valueLive, 0)
	return v
}

// maxYearSpan bounds how many years a date counts in; a wider date (an open
// or very long interval) counts in no year or decade.
const maxYearSpan = 200

// public reports whether a published document has the value key of
// dimension d. Values stay in a dimension after their last document goes;
// what none has is not named to the public.
func (ix *Index) public(d dim, key string) bool {
	dm := ix.facets[d]
	v, ok := dm.ids[key]
	return ok && ix.valueLive[dm.global[v]] > 0
}

// facetValue is one facet value of a document before it is numbered.
type facetValue struct {
	dim        dim
	key, label string
}

// facetValues lists a document's facet values; places, subjects and
// collections bring every broader value with them, so a document about
// Yining counts under Xinjiang and China.
func facetValues(d *recto.Document, a *authorities) []facetValue {
	var out []facetValue
	add := func(dm dim, key, label string) {
		for _, v := range out {
			if v.dim == dm && v.key == key {
				return
			}
		}
		out = append(out, facetValue{dm, key, label})
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for _, c := range d.Collections {
		for _, up := range a.collectionLine(c.ID) {
			add(dimCollection, id(up), "")
		}
	}
	for _, c := range d.Credits {
		if c.Role == recto.RoleFunder {
			add(dimFunder, id(c.Agent.ID), "")
		} else {
			add(dimPerson, id(c.Agent.ID), "")
		}
	}
	for _, p := range d.Places {
		for _, up := range a.placeLine(p.ID) {
			add(dimPlace, id(up), "")
		}
	}
	for _, s := range d.Subjects {
		for _, up := range a.subjectLine(s.ID) {
			add(dimSubject, id(up), "")
		}
	}
	for _, l := range d.Languages {
		add(dimLanguage, recto.PrimaryLanguage(l), recto.LanguageName(l))
	}
	for _, t := range d.Texts {
		if t.Kind == recto.Translation {
			add(dimTranslation, recto.PrimaryLanguage(t.Lang), recto.LanguageName(t.Lang))
		}
	}
	// Translators of the texts, and any credited on the document.
	for _, c := range d.TranslatorCredits() {
		add(dimTranslator, id(c.Agent.ID), "")
	}
	for _, s := range d.Sources {
		if s.Repository != nil {
			add(dimRepository, id(s.Repository.ID), "")
		}
	}
	if l := d.Classification.Level; l != "" {
		add(dimClassification, analysis.Fold(l), l)
	}
	if t := d.Type; t != "" {
		add(dimType, analysis.Fold(t), t)
	}
	first, okF := d.Date.Earliest()
	last, okL := d.Date.Latest()
	if okF && okL {
		y0, _, _ := first.Date()
		y1, _, _ := last.Date()
		if y1-y0 < maxYearSpan {
			for y := y0; y <= y1; y++ {
				add(dimYear, strconv.FormatInt(y, 10), strconv.FormatInt(y, 10))
				dec := floorDecade(y)
				add(dimDecade, strconv.FormatInt(dec, 10), strconv.FormatInt(dec, 10)+"s")
			}
		}
	}
	return out
}

func floorDecade(y int64) int64 {
	if y < 0 {
		return (y - 9) / 10 * 10
	}
	return y / 10 * 10
}
