package search

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/query"
)

// executor evaluates one query tree against the index. Sets are bitsets over
// document numbers; words that should rank and highlight are collected on
// the way.
type executor struct {
	ix       *Index
	auth     *authorities
	an       *analysis.Analyzer
	budget   *budget
	scoring  map[uint32]float64 // term → weight
	matched  map[string]bool    // terms to highlight
	sets     map[string]bitset  // the documents of each word's forms, read once however often the word recurs
	problems []string
	notes    []string
	err      error // the first failure to read the forward file
	buf      []byte
}

func newExecutor(ix *Index, auth *authorities, an *analysis.Analyzer, b *budget) *executor {
	return &executor{ix: ix, auth: auth, an: an, budget: b, scoring: map[uint32]float64{}, matched: map[string]bool{},
		sets: map[string]bitset{}}
}

// maxPrefixTerms bounds the words a prefix expands to, so that "a*" cannot
// make one query look at every word of the archive.
const maxPrefixTerms = 2000

func (ex *executor) all() bitset {
	b := newBitset(len(ex.ix.ids))
	b.copyFrom(ex.ix.live)
	return b
}

func (ex *executor) none() bitset { return newBitset(len(ex.ix.ids)) }

// eval returns the live documents a node matches. positive says whether the
// node counts for ranking and highlighting (it is not under a Not).
func (ex *executor) eval(n query.Node, positive bool) bitset {
	switch n := n.(type) {
	case *query.And:
		return ex.evalAnd(n.Nodes, positive)
	case *query.Or:
		b := ex.none()
		for _, c := range n.Nodes {
			b.or(ex.eval(c, positive))
		}
		return b
	case *query.Not:
		b := ex.all()
		b.andNot(ex.eval(n.Node, false))
		return b
	case *query.Term:
		if n.Prefix {
			return ex.prefix(analysis.Fold(n.Text), "", positive)
		}
		return ex.words(n.Text, "", positive)
	case *query.Phrase:
		return ex.phrase(n.Text, positive, nil)
	case *query.Field:
		return ex.field(n, positive)
	case *query.DateRange:
		return ex.dates(n)
	}
	return ex.none()
}

// evalAnd intersects its items, reading names of people and places as such,
// and verifies phrases last, on the fewest candidates.
func (ex *executor) evalAnd(nodes []query.Node, positive bool) bitset {
	b := ex.all()
	var phrases []*query.Phrase
	for _, it := range ex.findNames(nodes, positive) {
		switch p, ok := it.node.(*query.Phrase); {
		case it.name != nil:
			b.and(ex.name(it.name))
		case ok:
			phrases = append(phrases, p)
		default:
			b.and(ex.eval(it.node, positive))
		}
	}
	for _, p := range phrases {
		b = ex.phrase(p.Text, positive, b)
	}
	return b
}

// andItem is an item of an And: a node, or a run of words naming authorities.
type andItem struct {
	node query.Node
	name *nameMatch
}

// nameMatch is a run of query words that is a name or variant of people or
// places.
type nameMatch struct {
	text string
	refs []nameRef
}

// findNames finds, among the positive words and phrases of an And, the
// longest runs that are a name or variant of a person, organisation or place.
func (ex *executor) findNames(nodes []query.Node, positive bool) []andItem {
	items := make([]andItem, 0, len(nodes))
	for i := 0; i < len(nodes); {
		n, text, refs := 1, "", []nameRef(nil)
		if positive {
			n, text, refs = ex.nameAt(nodes[i:])
		}
		if refs == nil {
			items = append(items, andItem{node: nodes[i]})
			i++
			continue
		}
		items = append(items, andItem{name: &nameMatch{text: text, refs: refs}})
		i += n
	}
	return items
}

// nameAt returns the longest run of words (or a phrase) at the start of nodes
// that names authorities, how many nodes it took, and the authorities.
func (ex *executor) nameAt(nodes []query.Node) (int, string, []nameRef) {
	if p, ok := nodes[0].(*query.Phrase); ok {
		if refs := ex.public(ex.auth.names[analysis.Fold(p.Text)]); refs != nil {
			return 1, p.Text, refs
		}
		return 1, "", nil
	}
	best, text := 0, ""
	var refs []nameRef
	var words, typed []string
	for j := 0; j < len(nodes) && j < ex.auth.longestName; j++ {
		t, ok := nodes[j].(*query.Term)
		if !ok || t.Prefix {
			break
		}
		words, typed = append(words, analysis.Fold(t.Text)), append(typed, t.Text)
		if r := ex.public(ex.auth.names[strings.Join(words, " ")]); r != nil {
			best, text, refs = j+1, strings.Join(typed, " "), r
		}
	}
	return max(best, 1), text, refs
}

// public keeps the authorities that a published document is linked to
// (or, for a place, to a place within it): the index holds no other, and a
// person or place named only in drafts must not be confirmed by a note.
func (ex *executor) public(refs []nameRef) []nameRef {
	var out []nameRef
	for _, r := range refs {
		key := strconv.FormatInt(r.id, 10)
		if slices.ContainsFunc(r.dims(), func(d dim) bool { return ex.ix.public(d, key) }) {
			out = append(out, r)
		}
	}
	return out
}

// name matches the documents linked to the named authorities, and those whose
// text has any of their names, so "Kulja" finds documents about Ghulja and
// documents that say Yining.
func (ex *executor) name(m *nameMatch) bitset {
	b := ex.none()
	var labels []string
	for _, ref := range m.refs {
		key := strconv.FormatInt(ref.id, 10)
		for _, d := range ref.dims() {
			if v, ok := ex.ix.facets[d].ids[key]; ok {
				p := &ex.ix.facets[d].postings[v]
				ex.budget.charge(int(p.n))
				p.into(b)
			}
		}
		names := ex.auth.variantNames(ref)
		for _, n := range names {
			b.or(ex.phrase(n, true, nil))
		}
		if len(names) > 0 {
			labels = append(labels, names[0])
		}
	}
	b.and(ex.ix.live)
	ex.notes = append(ex.notes, fmt.Sprintf("“%s” is a name of %s: also searched for %s and the documents about %s.",
		m.text, strings.Join(labels, ", "), pluralNames(len(labels)), pronoun(len(labels))))
	return b
}

func pluralNames(n int) string {
	if n == 1 {
		return "its other names"
	}
	return "their other names"
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// words matches every word of text (each in any of its forms), under the
// term prefix ns ("" for the text, titlePrefix for titles).
func (ex *executor) words(text, ns string, positive bool) bitset {
	positions := ex.an.QueryTerms(text)
	if len(positions) == 0 {
		return ex.all()
	}
	b := ex.all()
	for _, forms := range positions {
		b.and(ex.anyTerm(forms, ns, positive))
	}
	return b
}

// anyTerm matches documents with any of the terms. The set is shared by
// every occurrence of the word: callers must not change it.
func (ex *executor) anyTerm(forms []string, ns string, positive bool) bitset {
	key := ns + "\x00" + strings.Join(forms, "\x00")
	b, seen := ex.sets[key]
	if !seen {
		b = ex.none()
	}
	for _, f := range forms {
		id, ok := ex.ix.dict.lookup(ns + f)
		if !ok || int(id) >= len(ex.ix.terms) {
			continue
		}
		if !seen {
			p := &ex.ix.terms[id]
			ex.budget.charge(int(p.n))
			p.into(b)
		}
		if positive {
			ex.scoring[id] = 1
			ex.matched[f] = true
		}
	}
	if !seen {
		b.and(ex.ix.live)
		ex.sets[key] = b
	}
	return b
}

// prefix matches words beginning with the folded prefix.
func (ex *executor) prefix(prefix, ns string, positive bool) bitset {
	b := ex.none()
	if prefix == "" {
		return b
	}
	terms, more := ex.ix.dict.withPrefix(prefix, maxPrefixTerms)
	if more {
		ex.problems = append(ex.problems, fmt.Sprintf("“%s*” matches too many words; only the first %d were searched.", prefix, maxPrefixTerms))
	}
	for _, id := range terms {
		if !ex.budget.spend(termCost) {
			break
		}
		term := ex.ix.dict.text(id)
		tid, ok := ex.ix.dict.lookup(ns + term)
		if !ok || int(tid) >= len(ex.ix.terms) {
			continue
		}
		p := &ex.ix.terms[tid]
		cost := postingCost * int(p.n)
		if positive {
			cost += rankCost * int(p.n) // the word's documents are read again, with their counts, to rank them
		}
		if !ex.budget.spend(cost) {
			break
		}
		p.into(b)
		if positive {
			ex.scoring[tid] = 0.5 // a prefix says less about a document than a whole word
			ex.matched[term] = true
		}
	}
	b.and(ex.ix.live)
	return b
}

// phrase matches the words of text in order. Candidates (all documents when
// nil) holding every word are checked against the forward file, each as
// the budget allows; those it does not are left out.
func (ex *executor) phrase(text string, positive bool, candidates bitset) bitset {
	positions := ex.an.QueryTerms(text)
	b := ex.words(text, "", positive)
	if candidates != nil {
		b.and(candidates)
	}
	if len(positions) < 2 {
		return b
	}
	slots := make([][]uint32, len(positions))
	for i, forms := range positions {
		for _, f := range forms {
			if id, ok := ex.ix.dict.lookup(f); ok {
				slots[i] = append(slots[i], id)
			}
		}
	}
	seq := newSequence(slots)
	b.keep(func(n uint32) (kept, more bool) {
		if !ex.budget.spend(readCost + byteCost*ex.ix.fwd.length(n)) {
			return false, false // and none of the rest: the budget refuses all after
		}
		stream, err := ex.ix.fwd.read(n, ex.buf)
		if err != nil {
			ex.err = err
			return false, false
		}
		ex.buf = stream
		return seq.in(stream), true
	})
	return b
}

// containsSequence reports whether text has, at consecutive positions, a
// term of each of positions' form sets.
func containsSequence(an *analysis.Analyzer, text string, positions [][]string) bool {
	// at[p] is the index into positions matched by the run ending at word p.
	var terms [][]string
	an.Analyze(text, 0, func(t analysis.Token) {
		for len(terms) <= t.Pos {
			terms = append(terms, nil)
		}
		terms[t.Pos] = append(terms[t.Pos], string(t.Term))
	})
	for start := 0; start+len(positions) <= len(terms); start++ {
		ok := true
		for i, forms := range positions {
			if !anyOf(terms[start+i], forms) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func anyOf(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

// dates matches dated documents whose range overlaps the filter.
func (ex *executor) dates(r *query.DateRange) bitset {
	from, to := int32(math.MinInt32), int32(math.MaxInt32)
	if !r.Open[0] {
		from = clampDay(r.From)
	}
	if !r.Open[1] {
		to = clampDay(r.To)
	}
	ex.budget.charge(len(ex.ix.ids))
	return ex.ix.overlapping(from, to)
}

// overlapping returns the live dated documents whose range overlaps [from, to].
func (ix *Index) overlapping(from, to int32) bitset {
	b := newBitset(len(ix.ids))
	for n := range ix.ids {
		if ix.earliest[n] <= to && ix.latest[n] >= from {
			b.set(uint32(n))
		}
	}
	b.and(ix.dated)
	b.and(ix.live)
	return b
}

// field evaluates a field filter.
func (ex *executor) field(f *query.Field, positive bool) bitset {
	value := analysis.Fold(f.Value)
	a := ex.auth
	switch f.Name {
	case "title":
		return ex.titleField(f, positive)
	case "person":
		return ex.values(dimPerson, f, keys(a.agentLabels.match(value)))
	case "translator":
		return ex.values(dimTranslator, f, keys(a.agentLabels.match(value)))
	case "place":
		return ex.values(dimPlace, f, keys(a.placeLabels.match(value)))
	case "subject":
		return ex.values(dimSubject, f, keys(a.subjectLabels.match(value)))
	case "collection":
		return ex.values(dimCollection, f, keys(a.collectionLabels.match(value)))
	case "repository":
		return ex.values(dimRepository, f, keys(a.repositoryLabels.match(value)))
	case "lang":
		return ex.values(dimLanguage, f, ex.matchLabels(dimLanguage, value))
	case "classification":
		return ex.values(dimClassification, f, ex.matchLabels(dimClassification, value))
	case "type":
		return ex.values(dimType, f, ex.matchLabels(dimType, value))
	}
	return ex.none()
}

// keys turns authority IDs into facet value keys.
func keys(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

func (ex *executor) titleField(f *query.Field, positive bool) bitset {
	switch {
	case f.Prefix:
		return ex.prefix(analysis.Fold(f.Value), titlePrefix, positive)
	case f.Phrase:
		b := ex.words(f.Value, titlePrefix, positive)
		positions := ex.an.QueryTerms(f.Value)
		b.keep(func(n uint32) (kept, more bool) {
			title := ex.ix.titles.at(n)
			if !ex.budget.spend(titleCost * len(title)) {
				return false, false
			}
			return containsSequence(ex.an, string(title), positions), true
		})
		return b
	}
	return ex.words(f.Value, titlePrefix, positive)
}

// values matches documents with any of the facet value keys, and says so
// when no published document carries the field's value: a name known only
// from drafts reads as no name at all.
func (ex *executor) values(d dim, f *query.Field, keys []string) bitset {
	b := ex.none()
	dm := ex.ix.facets[d]
	keys = slices.DeleteFunc(keys, func(k string) bool { return !ex.ix.public(d, k) })
	for _, k := range keys {
		p := &dm.postings[dm.ids[k]]
		ex.budget.charge(int(p.n))
		p.into(b)
	}
	b.and(ex.ix.live)
	if len(keys) == 0 {
		ex.problems = append(ex.problems, fmt.Sprintf("No %s matches “%s”.", fieldNoun[f.Name], f.Value))
	}
	return b
}

var fieldNoun = map[string]string{"person": "person or organisation", "translator": "translator", "place": "place",
	"subject": "subject", "collection": "collection", "repository": "repository", "lang": "language",
	"classification": "classification", "type": "document type"}

// containsAll reports whether have holds every word of want (and want is
// not empty).
func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return len(want) > 0
}

// matchLabels returns the keys of a dimension's values whose key or label
// has every word of the folded value ("ru" and "russian" both match Russian).
func (ex *executor) matchLabels(d dim, value string) []string {
	dm := ex.ix.facets[d]
	var keys []string
	words := strings.Fields(value)
	for i, k := range dm.keys {
		if k == value || containsAll(strings.Fields(analysis.Fold(dm.labels[i])), words) {
			keys = append(keys, k)
		}
	}
	return keys
}
