// Package bench makes a synthetic corpus for measuring Recto's search and
// runs a fixed mix of queries against it. The corpus imitates an archive of
// twentieth-century diplomatic documents: originals in several languages
// and scripts with English translations, Zipf-distributed vocabularies,
// people and places with variant names in two scripts, nested places and
// collections, subjects with levels, and exact and approximate dates from
// 1900 to 1995. None of its text means anything.
package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/corpus"
)

// Corpus files in a generated directory.
const (
	CorpusFile   = "corpus.jsonl"
	ManifestFile = "manifest.json"
)

// GenOptions configures Generate.
type GenOptions struct {
	Docs int
	Seed uint64
	// Progress, when set, is called now and then with documents written.
	Progress func(done int)
}

// Manifest tells the query mix what the corpus holds: words by rank per
// language, phrases, and the names of its authorities.
type Manifest struct {
	Docs        int                 `json:"docs"`
	Seed        uint64              `json:"seed"`
	Words       map[string][]string `json:"words"`   // language → words, most frequent first
	Phrases     map[string][]string `json:"phrases"` // language → collocations used in the texts
	People      []corpus.Agent      `json:"people"`
	Places      []corpus.Place      `json:"places"`
	Collections []corpus.Collection `json:"collections"`
}

// language describes one original language of the corpus.
type language struct {
	vocab *vocabulary
	share float64 // of documents originally in it
}

// generator holds the state of one Generate run.
type generator struct {
	r           *rand.Rand
	en          *vocabulary
	langs       []language
	people      []corpus.Agent
	places      []corpus.Place
	leafPlaces  []int // indexes of places that have no children
	subjects    []string
	collections []corpus.Collection
	repos       []corpus.Repository
	translators []string
	funders     []string
	zipf        map[string]*rand.Zipf
	han         *han
}

// Generate writes a corpus of opts.Docs documents and its manifest to dir.
func Generate(dir string, opts GenOptions) (*Manifest, error) {
	if opts.Docs < 1 {
		return nil, fmt.Errorf("bench: --docs must be at least 1")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	g := newGenerator(opts)
	f, err := os.Create(filepath.Join(dir, CorpusFile))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := g.writeAuthorities(enc); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	for i := range opts.Docs {
		if err := enc.Encode(corpus.Line{Document: g.document(i)}); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		if opts.Progress != nil && (i+1)%10_000 == 0 {
			opts.Progress(i + 1)
		}
	}
	if err := w.Flush(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	m := g.manifest(opts)
	data, err := json.MarshalIndent(m, "", " ")
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, ManifestFile), data, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	return m, nil
}

// Corpus proportions, per document unless said otherwise.
const (
	vocabularySize = 40_000
	hanVocabulary  = 8_000
	zipfS          = 1.07
	nameRate       = 0.015 // share of words that are a name
	phraseRate     = 0.006 // share of words that start a collocation
	medianLength   = 1_200 // characters
	lengthSigma    = 0.8
	minLength      = 300
	maxLength      = 20_000
)

func newGenerator(opts GenOptions) *generator {
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	g := &generator{r: r, zipf: map[string]*rand.Zipf{}, han: newHan(r)}
	g.en = newVocabulary(r, "en", vocabularySize, latinScript.word, latinScript.endings, true)
	g.langs = []language{
		{g.en, 0.25},
		{newVocabulary(r, "ru", vocabularySize, cyrillicScript.word, cyrillicScript.endings, true), 0.30},
		{newVocabulary(r, "zh-Hant", hanVocabulary, g.han.word, nil, false), 0.15},
		{newVocabulary(r, "de", vocabularySize/2, germanScript.word, germanScript.endings, true), 0.15},
		{newVocabulary(r, "ug-Arab", vocabularySize/2, arabicScript.word, arabicScript.endings, true), 0.10},
		{newVocabulary(r, "kk", vocabularySize/4, kazakhScript.word, kazakhScript.endings, true), 0.05},
	}
	for _, l := range g.langs {
		g.zipf[l.vocab.lang] = rand.NewZipf(r, zipfS, 1, uint64(len(l.vocab.words)-1))
	}
	g.makeAuthorities(opts.Docs)
	return g
}

// makeAuthorities scales the authorities with the corpus: a person per 20
// documents (at most 50,000), a place hierarchy of countries, regions and
// towns, subjects with two or three levels, and nested collections.
func (g *generator) makeAuthorities(docs int) {
	r := g.r
	for i := range min(max(docs/20, 50), 50_000) {
		g.people = append(g.people, g.person(fmt.Sprintf("p%d", i)))
	}
	for i := range 30 {
		country := g.place(fmt.Sprintf("c%d", i), "")
		for j := range 10 {
			region := g.place(fmt.Sprintf("c%d-%d", i, j), country)
			for k := range 1 + r.IntN(19) {
				g.place(fmt.Sprintf("c%d-%d-%d", i, j, k), region)
				g.leafPlaces = append(g.leafPlaces, len(g.places)-1)
			}
		}
	}
	topics := []string{"Foreign relations", "Commerce", "History", "Politics and government", "Economic conditions",
		"Boundaries", "Refugees", "Education", "Military relations", "Trade routes"}
	for i := range 40 {
		country := capitalise(g.en.words[500+i])
		for _, t := range topics[:3+r.IntN(7)] {
			h := country + "--" + t
			if r.IntN(3) == 0 {
				h += "--" + capitalise(g.en.words[600+r.IntN(100)])
			}
			g.subjects = append(g.subjects, h)
		}
	}
	for i := range 40 {
		top := corpus.Collection{Key: fmt.Sprintf("col%d", i), Title: capitalise(g.en.phrases[i]) + " papers",
			Description: "Synthetic benchmark collection."}
		g.collections = append(g.collections, top)
		for j := range r.IntN(6) {
			g.collections = append(g.collections, corpus.Collection{Key: fmt.Sprintf("col%d-%d", i, j),
				Title: capitalise(g.en.phrases[40+i*6+j]), Parent: top.Key})
		}
	}
	for i := range 50 {
		short := strings.ToUpper(g.en.words[1000+i][:min(4, len(g.en.words[1000+i]))]) + fmt.Sprint(i)
		g.repos = append(g.repos, corpus.Repository{Key: fmt.Sprintf("r%d", i), ShortName: short,
			Name: capitalise(g.en.phrases[300+i]) + " Archive", Place: g.places[g.leafPlaces[i]].Key})
	}
	for range 200 {
		g.translators = append(g.translators, pick(r, g.people).Key)
	}
	for i := range 20 {
		g.funders = append(g.funders, fmt.Sprintf("f%d", i))
	}
}

// person makes a person whose name is written in Cyrillic and in its Latin
// transliteration, with an alternative romanisation as a further variant.
func (g *generator) person(key string) corpus.Agent {
	r := g.r
	given := cyrillicScript.name(r)
	family := cyrillicScript.name(r) + pick(r, []string{"ов", "ев", "ин", "ский"})
	cyr := given + " " + family
	lat := latinName(cyr)
	a := corpus.Agent{Key: key, Kind: "person", Name: lat, Dates: fmt.Sprintf("%d/%d", 1860+r.IntN(60), 1930+r.IntN(60)),
		Variants: []corpus.Name{{Name: cyr, Lang: "ru"}}}
	if alt := altRomanisation(lat); alt != lat {
		a.Variants = append(a.Variants, corpus.Name{Name: alt})
	}
	return a
}

// latinName transliterates a Cyrillic name, keeping capitals.
func latinName(cyr string) string {
	words := strings.Fields(cyr)
	for i, w := range words {
		words[i] = capitalise(analysis.Translit(w))
	}
	return strings.Join(words, " ")
}

// altRomanisation spells a romanised name another common way (kh → h,
// y → i, ts → tz), as older sources do.
func altRomanisation(s string) string {
	return strings.NewReplacer("kh", "h", "Kh", "H", "y", "i", "ts", "tz").Replace(s)
}

// place makes a place with Latin, Cyrillic and Chinese names.
func (g *generator) place(key, parent string) string {
	r := g.r
	cyr := cyrillicScript.name(r)
	p := corpus.Place{Key: key, Name: latinName(cyr), Parent: parent,
		Variants: []corpus.Name{{Name: cyr, Lang: "ru"}, {Name: g.han.word(r), Lang: "zh-Hant"}}}
	if alt := altRomanisation(p.Name); alt != p.Name {
		p.Variants = append(p.Variants, corpus.Name{Name: alt})
	}
	g.places = append(g.places, p)
	return key
}

func (g *generator) writeAuthorities(enc *json.Encoder) error {
	for i := range g.places {
		if err := enc.Encode(corpus.Line{Place: &g.places[i]}); err != nil {
			return err
		}
	}
	for i := range g.repos {
		if err := enc.Encode(corpus.Line{Repository: &g.repos[i]}); err != nil {
			return err
		}
	}
	for i := range g.people {
		if err := enc.Encode(corpus.Line{Agent: &g.people[i]}); err != nil {
			return err
		}
	}
	for i, key := range g.funders {
		f := corpus.Agent{Key: key, Kind: "organisation", Name: capitalise(g.en.words[2000+i]) + " Foundation"}
		if err := enc.Encode(corpus.Line{Agent: &f}); err != nil {
			return err
		}
	}
	for i := range g.subjects {
		if err := enc.Encode(corpus.Line{Subject: &g.subjects[i]}); err != nil {
			return err
		}
	}
	for i := range g.collections {
		if err := enc.Encode(corpus.Line{Collection: &g.collections[i]}); err != nil {
			return err
		}
	}
	return nil
}

var (
	docTypes        = []string{"letter", "telegram", "report", "minutes", "memorandum", "record of conversation", "decree", "cable"}
	classifications = []string{"Top Secret", "Secret", "Confidential", "Strictly Confidential"}
)

// document makes document number i.
func (g *generator) document(i int) *corpus.Document {
	r := g.r
	lang := g.pickLanguage()
	length := int(math.Exp(math.Log(medianLength) + lengthSigma*r.NormFloat64()))
	length = max(minLength, min(maxLength, length))
	places := []int{g.leafPlaces[r.IntN(len(g.leafPlaces))]}
	if r.IntN(3) == 0 {
		places = append(places, r.IntN(len(g.places)))
	}
	author, recipient := pick(r, g.people), pick(r, g.people)
	d := &corpus.Document{Key: fmt.Sprintf("d%d", i), Status: "published", Type: pick(r, docTypes),
		Languages: []string{lang.vocab.lang}, Date: g.date()}
	d.Title = capitalise(fmt.Sprintf("%s from %s to %s on %s", d.Type, author.Name, recipient.Name, g.phrase(g.en)))
	d.Summary = capitalise(g.sentence(g.en, 20, nil, places)) + "."
	names := []corpus.Agent{author, recipient}
	if lang.vocab == g.en {
		d.Texts = []corpus.Text{{Kind: "transcript", Lang: "en", Body: g.text(g.en, length, names, places)}}
	} else {
		d.Texts = []corpus.Text{{Kind: "translation", Lang: "en", Method: "human",
			Credits: []corpus.Credit{{Role: "translator", Agent: pick(r, g.translators)}},
			Body:    g.text(g.en, length/2, names, places)}}
		if r.IntN(10) < 7 {
			d.Texts = append(d.Texts, corpus.Text{Kind: "transcript", Lang: lang.vocab.lang,
				Body: g.text(lang.vocab, length/2, names, places)})
		}
	}
	d.Credits = []corpus.Credit{{Role: "author", Agent: author.Key}, {Role: "recipient", Agent: recipient.Key}}
	for range r.IntN(3) {
		d.Credits = append(d.Credits, corpus.Credit{Role: "associated", Agent: pick(r, g.people).Key})
	}
	if r.IntN(10) == 0 {
		d.Credits = append(d.Credits, corpus.Credit{Role: "funder", Agent: pick(r, g.funders)})
	}
	for _, p := range places {
		if !slices.Contains(d.Places, g.places[p].Key) {
			d.Places = append(d.Places, g.places[p].Key)
		}
	}
	for range 1 + r.IntN(3) {
		if s := pick(r, g.subjects); !slices.Contains(d.Subjects, s) {
			d.Subjects = append(d.Subjects, s)
		}
	}
	d.Collections = []string{pick(r, g.collections).Key}
	repo := pick(r, g.repos)
	d.Sources = []corpus.Source{{Repository: repo.Key, Parts: []corpus.RefPart{
		{Type: "fond", Label: "Fond", Value: fmt.Sprint(1 + r.IntN(9000))},
		{Type: "delo", Label: "Delo", Value: fmt.Sprint(1 + r.IntN(900))}}}}
	if r.IntN(10) < 4 {
		d.Classification = corpus.Classification{Level: pick(r, classifications)}
	}
	switch x := r.IntN(200); {
	case x < 3:
		d.Status = "draft"
	case x < 4:
		d.Status, d.WithdrawnNote = "withdrawn", "Withdrawn in the benchmark."
	}
	if i > 0 && r.IntN(50) == 0 {
		d.Relations = []corpus.Relation{{Kind: "related", Document: fmt.Sprintf("d%d", r.IntN(i))}}
	}
	return d
}

func (g *generator) pickLanguage() language {
	x := g.r.Float64()
	for _, l := range g.langs {
		if x < l.share {
			return l
		}
		x -= l.share
	}
	return g.langs[0]
}

// date makes an EDTF date between 1900 and 1995, most of them exact days,
// weighted towards the middle of the century.
func (g *generator) date() string {
	r := g.r
	year := 1900 + int(math.Max(0, math.Min(95, 47+18*r.NormFloat64())))
	month, day := 1+r.IntN(12), 1+r.IntN(28)
	switch x := r.IntN(100); {
	case x < 55:
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	case x < 75:
		return fmt.Sprintf("%04d-%02d", year, month)
	case x < 85:
		return fmt.Sprintf("%04d", year)
	case x < 90:
		return fmt.Sprintf("%04d~", year)
	case x < 95:
		end := year*12 + month - 1 + 1 + r.IntN(30) // one to thirty months later
		return fmt.Sprintf("%04d-%02d/%04d-%02d", year, month, end/12, end%12+1)
	case x < 97:
		return fmt.Sprintf("%03dX", year/10)
	}
	return ""
}

// word draws a word by Zipf's law, inflected.
func (g *generator) word(v *vocabulary) string {
	return v.inflect(g.r, v.words[g.zipf[v.lang].Uint64()])
}

func (g *generator) phrase(v *vocabulary) string { return pick(g.r, v.phrases) }

// name returns a person's or place's name in the script of the vocabulary.
func (g *generator) name(v *vocabulary, people []corpus.Agent, places []int) string {
	cyrillic := v.lang == "ru" || v.lang == "kk"
	if len(places) > 0 && g.r.IntN(2) == 0 {
		p := g.places[pick(g.r, places)]
		switch {
		case cyrillic:
			return p.Variants[0].Name
		case v.lang == "zh-Hant":
			return p.Variants[1].Name
		}
		return pick(g.r, append([]corpus.Name{{Name: p.Name}}, p.Variants[2:]...)).Name
	}
	if len(people) == 0 {
		people = g.people
	}
	a := pick(g.r, people)
	if cyrillic {
		return a.Variants[0].Name
	}
	return a.Name
}

// sentence makes about n words of running text.
func (g *generator) sentence(v *vocabulary, n int, people []corpus.Agent, places []int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(v.sep())
		}
		switch x := g.r.Float64(); {
		case x < nameRate:
			b.WriteString(g.name(v, people, places))
		case x < nameRate+phraseRate:
			b.WriteString(g.phrase(v))
			i += 2
		default:
			b.WriteString(g.word(v))
		}
	}
	return b.String()
}

// text makes paragraphs of sentences until about length characters.
func (g *generator) text(v *vocabulary, length int, people []corpus.Agent, places []int) string {
	var b strings.Builder
	end := ". "
	if !v.spaced {
		end = "。"
	}
	for b.Len() < length {
		if b.Len() > 0 && g.r.IntN(5) == 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(capitalise(g.sentence(v, 6+g.r.IntN(18), people, places)))
		b.WriteString(end)
	}
	return strings.TrimSpace(b.String())
}

func (g *generator) manifest(opts GenOptions) *Manifest {
	m := &Manifest{Docs: opts.Docs, Seed: opts.Seed, Words: map[string][]string{}, Phrases: map[string][]string{},
		People: g.people, Places: g.places, Collections: g.collections}
	for _, l := range g.langs {
		m.Words[l.vocab.lang] = l.vocab.words
		m.Phrases[l.vocab.lang] = l.vocab.phrases
	}
	return m
}
