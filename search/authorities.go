package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
)

// authorities holds what search needs of the shared authorities: labels and
// hierarchy for facets, and every variant name for query expansion and
// field filters. It is reloaded whole when an authority changes.
type authorities struct {
	agents       map[int64]*recto.Agent
	places       map[int64]*recto.Place
	subjects     map[int64]*recto.Subject
	collections  map[int64]*recto.Collection
	repositories map[int64]*recto.Repository
	// names maps each folded name and variant of a person, organisation or
	// place to the authorities that carry it.
	names map[string][]nameRef
	// longestName is the most words any folded name has.
	longestName int
	// Labels of each kind, indexed by word, for field filters.
	agentLabels, placeLabels, subjectLabels, collectionLabels, repositoryLabels *labelIndex
}

// labelIndex finds authorities by the words of their labels: a field filter
// value matches every label holding all of its words ("stalin" matches
// "Joseph Stalin"), in the time of a few map lookups.
type labelIndex struct {
	words map[string][]int64 // folded word → authorities whose labels have it
}

func newLabelIndex() *labelIndex { return &labelIndex{words: map[string][]int64{}} }

// add indexes a label of authority id.
func (li *labelIndex) add(id int64, label string) {
	for _, w := range strings.Fields(analysis.Fold(label)) {
		ids := li.words[w]
		if len(ids) == 0 || ids[len(ids)-1] != id {
			li.words[w] = append(ids, id)
		}
	}
}

// match returns the authorities with a label holding every word of the
// folded value.
func (li *labelIndex) match(value string) []int64 {
	words := strings.Fields(value)
	if len(words) == 0 {
		return nil
	}
	found := map[int64]int{}
	for i, w := range words {
		for _, id := range li.words[w] {
			if found[id] == i {
				found[id] = i + 1
			}
		}
	}
	var ids []int64
	for id, n := range found {
		if n == len(words) {
			ids = append(ids, id)
		}
	}
	return ids
}

// nameRef is an authority a name belongs to.
type nameRef struct {
	facet string // recto.FacetPerson or recto.FacetPlace
	id    int64
}

// dims returns the facet dimensions an authority's documents are under.
func (r nameRef) dims() []dim {
	if r.facet == recto.FacetPlace {
		return []dim{dimPlace}
	}
	return []dim{dimPerson, dimFunder, dimTranslator}
}

func loadAuthorities(ctx context.Context, store recto.Store) (*authorities, error) {
	a := newAuthorities()
	agents, _, err := store.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	if err != nil {
		return nil, fmt.Errorf("search: load agents: %w", err)
	}
	for _, c := range agents {
		a.agents[c.Item.ID] = c.Item
		a.addNames(nameRef{recto.FacetPerson, c.Item.ID}, c.Item.Name, c.Item.Variants, a.agentLabels)
	}
	places, err := store.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, fmt.Errorf("search: load places: %w", err)
	}
	for _, c := range places {
		a.places[c.Item.ID] = c.Item
		a.addNames(nameRef{recto.FacetPlace, c.Item.ID}, c.Item.Name, c.Item.Variants, a.placeLabels)
	}
	subjects, err := store.FindSubjects(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, fmt.Errorf("search: load subjects: %w", err)
	}
	for _, c := range subjects {
		a.subjects[c.Item.ID] = c.Item
		a.subjectLabels.add(c.Item.ID, strings.ReplaceAll(c.Item.Heading, recto.HeadingSeparator, " "))
	}
	collections, err := store.FindCollections(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, fmt.Errorf("search: load collections: %w", err)
	}
	for _, c := range collections {
		a.collections[c.Item.ID] = c.Item
		a.collectionLabels.add(c.Item.ID, c.Item.Title)
	}
	repositories, err := store.FindRepositories(ctx, recto.RepositoryFilter{NoCounts: true})
	if err != nil {
		return nil, fmt.Errorf("search: load repositories: %w", err)
	}
	for _, c := range repositories {
		a.repositories[c.Item.ID] = c.Item
		a.repositoryLabels.add(c.Item.ID, c.Item.ShortName+" "+c.Item.Name)
	}
	return a, nil
}

func newAuthorities() *authorities {
	return &authorities{agents: map[int64]*recto.Agent{}, places: map[int64]*recto.Place{},
		subjects: map[int64]*recto.Subject{}, collections: map[int64]*recto.Collection{},
		repositories: map[int64]*recto.Repository{}, names: map[string][]nameRef{},
		agentLabels: newLabelIndex(), placeLabels: newLabelIndex(), subjectLabels: newLabelIndex(),
		collectionLabels: newLabelIndex(), repositoryLabels: newLabelIndex()}
}

func (a *authorities) addNames(ref nameRef, name string, variants []recto.Name, labels *labelIndex) {
	add := func(n string) {
		labels.add(ref.id, n)
		f := analysis.Fold(n)
		if f == "" {
			return
		}
		for _, r := range a.names[f] {
			if r == ref {
				return
			}
		}
		a.names[f] = append(a.names[f], ref)
		a.longestName = max(a.longestName, strings.Count(f, " ")+1)
	}
	add(name)
	for _, v := range variants {
		add(v.Name)
	}
}

// variantNames returns the preferred name and every variant of an authority.
func (a *authorities) variantNames(ref nameRef) []string {
	var names []string
	var variants []recto.Name
	switch ref.facet {
	case recto.FacetPerson:
		if ag := a.agents[ref.id]; ag != nil {
			names, variants = append(names, ag.Name), ag.Variants
		}
	case recto.FacetPlace:
		if p := a.places[ref.id]; p != nil {
			names, variants = append(names, p.Name), p.Variants
		}
	}
	for _, v := range variants {
		names = append(names, v.Name)
	}
	return names
}

// placeLine returns a place and every place above it, nearest first.
func (a *authorities) placeLine(id int64) []int64 {
	var line []int64
	for p := a.places[id]; p != nil && len(line) < 64; p = a.places[p.ParentID] {
		line = append(line, p.ID)
	}
	return line
}

func (a *authorities) subjectLine(id int64) []int64 {
	var line []int64
	for s := a.subjects[id]; s != nil && len(line) < 64; s = a.subjects[s.ParentID] {
		line = append(line, s.ID)
	}
	return line
}

func (a *authorities) collectionLine(id int64) []int64 {
	var line []int64
	for c := a.collections[id]; c != nil && len(line) < 64; c = a.collections[c.ParentID] {
		line = append(line, c.ID)
	}
	return line
}
