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
}

// nameRef is an authority a name belongs to.
type nameRef struct {
	facet string // recto.FacetPerson or recto.FacetPlace
	id    int64
}

func loadAuthorities(ctx context.Context, store recto.Store) (*authorities, error) {
	a := &authorities{agents: map[int64]*recto.Agent{}, places: map[int64]*recto.Place{},
		subjects: map[int64]*recto.Subject{}, collections: map[int64]*recto.Collection{},
		repositories: map[int64]*recto.Repository{}, names: map[string][]nameRef{}}
	agents, _, err := store.FindAgents(ctx, recto.AgentFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: load agents: %w", err)
	}
	for _, c := range agents {
		a.agents[c.Item.ID] = c.Item
		a.addNames(nameRef{recto.FacetPerson, c.Item.ID}, c.Item.Name, c.Item.Variants)
	}
	places, err := store.FindPlaces(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: load places: %w", err)
	}
	for _, c := range places {
		a.places[c.Item.ID] = c.Item
		a.addNames(nameRef{recto.FacetPlace, c.Item.ID}, c.Item.Name, c.Item.Variants)
	}
	subjects, err := store.FindSubjects(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: load subjects: %w", err)
	}
	for _, c := range subjects {
		a.subjects[c.Item.ID] = c.Item
	}
	collections, err := store.FindCollections(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: load collections: %w", err)
	}
	for _, c := range collections {
		a.collections[c.Item.ID] = c.Item
	}
	repositories, err := store.FindRepositories(ctx, recto.RepositoryFilter{})
	if err != nil {
		return nil, fmt.Errorf("search: load repositories: %w", err)
	}
	for _, c := range repositories {
		a.repositories[c.Item.ID] = c.Item
	}
	return a, nil
}

func (a *authorities) addNames(ref nameRef, name string, variants []recto.Name) {
	add := func(n string) {
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

// matchWords reports whether every word of the folded query value occurs
// among the folded words of label: "stalin" matches "Joseph Stalin".
func matchWords(value, label string) bool {
	words := strings.Fields(analysis.Fold(label))
	for _, q := range strings.Fields(value) {
		found := false
		for _, w := range words {
			if w == q {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return value != ""
}
