package wilson

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
	"github.com/recto-archive/recto/slug"
)

// The authority endpoints: a search by term (every word of the term must
// occur in one of the names, accents and case aside) and a get by ID.
// Subjects, coverages, contributors and repositories are listed only when
// a published document is linked to them (places and subjects also through
// a narrower one); their searches answer every match in one page, as the
// original's did (its Python client reads only the first page of these).
// Collections are listed when a published document is in them or below
// them, and paged like records.

// termWords folds a search term into the words every match must contain.
// Query syntax is dropped: OR, exclusions ("-word"), field filters
// ("lang:ru"), quotes, parentheses and "*".
func termWords(term string) []string {
	var words []string
	for _, f := range strings.Fields(term) {
		if f == "OR" || strings.HasPrefix(f, "-") || strings.Contains(f, ":") {
			continue
		}
		folded := analysis.Fold(f)
		words = append(words, strings.FieldsFunc(folded, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
	}
	return words
}

// matches reports whether every word occurs in one of the names.
func matches(words []string, names ...string) bool {
	if len(words) == 0 {
		return true
	}
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = analysis.Fold(n)
	}
	for _, w := range words {
		found := false
		for _, n := range folded {
			if strings.Contains(n, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func variantNames(name string, variants []recto.Name) []string {
	names := []string{name}
	for _, v := range variants {
		names = append(names, v.Name)
	}
	return names
}

// all answers a whole list as one page.
func all(list []any) listing {
	return listing{Pagination: pagination{Page: 1, TotalPages: min(1, len(list)), TotalItems: len(list)}, List: list}
}

// Collections.

func (h *handler) collections(ctx context.Context) ([]recto.Counted[*recto.Collection], map[int64]*recto.Collection, error) {
	list, err := h.catalogue.FindCollections(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]*recto.Collection, len(list))
	for _, c := range list {
		byID[c.Item.ID] = c.Item
	}
	return list, byID, nil
}

// collectionOf gives a collection in full: its description rendered as
// HTML like the original's, the first paragraph of its Markdown as the
// short description, and the published documents in it and below it.
func (h *handler) collectionOf(c recto.Counted[*recto.Collection], byID map[int64]*recto.Collection) (*collection, error) {
	col := c.Item
	desc, err := h.md.Fragment(col.Description)
	if err != nil {
		return nil, err
	}
	short, _, _ := strings.Cut(strings.TrimSpace(col.Description), "\n\n")
	out := &collection{ID: idString(col.ID), URI: collectionURI(col.ID), Model: modelCollection, Name: col.Title,
		Value: col.Title, Slug: slug.Make(col.Title), Description: strings.TrimSpace(string(desc)),
		ShortDescription: strings.Join(strings.Fields(short), " "), MainSrc: col.Image, ThumbSrc: col.Image,
		NoOfDocuments: strconv.Itoa(c.Documents)}
	if p := byID[col.ParentID]; p != nil {
		ref := collectionRefOf(p)
		out.Parent = &ref
	}
	return out, nil
}

// matchingCollections lists the collections whose title or description has
// every word of term, in the editors' order.
func (h *handler) matchingCollections(ctx context.Context, term string) ([]*collection, error) {
	list, byID, err := h.collections(ctx)
	if err != nil {
		return nil, err
	}
	words := termWords(term)
	var out []*collection
	for _, c := range list {
		if !matches(words, c.Item.Title, c.Item.Description) {
			continue
		}
		col, err := h.collectionOf(c, byID)
		if err != nil {
			return nil, err
		}
		out = append(out, col)
	}
	return out, nil
}

func (h *handler) handleCollectionSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, perPage, err := readPaging(q)
	if err != nil {
		return err
	}
	colls, err := h.matchingCollections(r.Context(), q.Get("term"))
	if err != nil {
		return err
	}
	out := listing{Pagination: paginate(page, perPage, len(colls)), List: []any{}}
	for i := (page - 1) * perPage; i < len(colls) && len(out.List) < perPage; i++ {
		out.List = append(out.List, colls[i])
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (h *handler) handleCollection(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "collection")
	if err != nil {
		return err
	}
	list, byID, err := h.collections(r.Context())
	if err != nil {
		return err
	}
	for _, c := range list {
		if c.Item.ID == id {
			col, err := h.collectionOf(c, byID)
			if err != nil {
				return err
			}
			writeJSON(w, http.StatusOK, col)
			return nil
		}
	}
	return recto.Errorf(recto.ENOTFOUND, "No collection %d.", id)
}

// Subjects.

func (h *handler) subjects(ctx context.Context) ([]recto.Counted[*recto.Subject], error) {
	return h.catalogue.FindSubjects(ctx, recto.TreeFilter{})
}

func (h *handler) handleSubjectSearch(w http.ResponseWriter, r *http.Request) error {
	list, err := h.subjects(r.Context())
	if err != nil {
		return err
	}
	words := termWords(r.URL.Query().Get("term"))
	out := []any{}
	for _, s := range list {
		if matches(words, s.Item.Heading) {
			out = append(out, subjectOf(s.Item))
		}
	}
	writeJSON(w, http.StatusOK, all(out))
	return nil
}

func (h *handler) handleSubject(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "subject")
	if err != nil {
		return err
	}
	list, err := h.subjects(r.Context())
	if err != nil {
		return err
	}
	for _, s := range list {
		if s.Item.ID == id {
			writeJSON(w, http.StatusOK, subjectOf(s.Item))
			return nil
		}
	}
	return recto.Errorf(recto.ENOTFOUND, "No subject %d.", id)
}

// Coverages: places.

// places lists the visible places by ID.
func (h *handler) places(ctx context.Context) ([]recto.Counted[*recto.Place], map[int64]*recto.Place, error) {
	list, err := h.catalogue.FindPlaces(ctx, recto.TreeFilter{})
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]*recto.Place, len(list))
	for _, p := range list {
		byID[p.Item.ID] = p.Item
	}
	return list, byID, nil
}

// placeCoverage gives a place with the chain above it, from the listing
// (the places above a visible place are visible too).
func placeCoverage(p *recto.Place, byID map[int64]*recto.Place) *coverage {
	c := &coverage{ID: idString(p.ID), Name: p.Name, Value: p.Name, URI: coverageURI(p.ID)}
	at, seen := c, map[int64]bool{p.ID: true}
	for up := byID[p.ParentID]; up != nil && !seen[up.ID]; up = byID[up.ParentID] {
		seen[up.ID] = true
		at.Parent = &coverage{ID: idString(up.ID), Name: up.Name, Value: up.Name, URI: coverageURI(up.ID)}
		at = at.Parent
	}
	return c
}

func (h *handler) handleCoverageSearch(w http.ResponseWriter, r *http.Request) error {
	list, byID, err := h.places(r.Context())
	if err != nil {
		return err
	}
	words := termWords(r.URL.Query().Get("term"))
	out := []any{}
	for _, p := range list {
		if matches(words, variantNames(p.Item.Name, p.Item.Variants)...) {
			out = append(out, placeCoverage(p.Item, byID))
		}
	}
	writeJSON(w, http.StatusOK, all(out))
	return nil
}

func (h *handler) handleCoverage(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "coverage")
	if err != nil {
		return err
	}
	list, byID, err := h.places(r.Context())
	if err != nil {
		return err
	}
	p := byID[id]
	if p == nil {
		return recto.Errorf(recto.ENOTFOUND, "No coverage %d.", id)
	}
	c := placeCoverage(p, byID)
	for _, child := range list {
		if child.Item.ParentID == id {
			c.Children = append(c.Children, placeRef(child.Item))
		}
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// Contributors: people and organisations credited on published documents
// themselves (not only on their texts, not only as funders), the agents the
// contributor filter finds.

func (h *handler) handleContributorSearch(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	candidates, _, err := h.catalogue.FindAgents(ctx, recto.AgentFilter{})
	if err != nil {
		return err
	}
	words := termWords(r.URL.Query().Get("term"))
	var found []*recto.Agent
	var keys []string
	for _, c := range candidates {
		if matches(words, variantNames(c.Item.Name, c.Item.Variants)...) {
			found = append(found, c.Item)
			keys = append(keys, idString(c.Item.ID))
		}
	}
	out := []any{}
	if len(found) > 0 {
		counts, err := h.personCounts(ctx, keys)
		if err != nil {
			return err
		}
		for _, a := range found {
			if counts[idString(a.ID)] > 0 {
				out = append(out, agentOf(a))
			}
		}
	}
	writeJSON(w, http.StatusOK, all(out))
	return nil
}

// personCounts counts the published documents crediting each agent on the
// document itself, which narrows the people and organisations the public
// sees to the contributors of Wilson's shapes (not translators, not
// funders): selected facet values are always counted, and a facet's own
// selection does not narrow its counts, so one search counts them all.
func (h *handler) personCounts(ctx context.Context, keys []string) (map[string]int, error) {
	res, err := h.search.Search(ctx, recto.SearchRequest{Filters: map[string][]string{recto.FacetPerson: keys}})
	if err != nil {
		return nil, searchError(err)
	}
	counts := map[string]int{}
	for _, f := range res.Facets {
		if f.Name == recto.FacetPerson {
			for _, v := range f.Values {
				counts[v.Key] = v.Count
			}
		}
	}
	return counts, nil
}

func (h *handler) handleContributor(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "contributor")
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := h.catalogue.FindAgentByID(ctx, id)
	if err != nil {
		return err
	}
	counts, err := h.personCounts(ctx, []string{idString(id)})
	if err != nil {
		return err
	}
	if counts[idString(id)] == 0 {
		return recto.Errorf(recto.ENOTFOUND, "No contributor %d.", id)
	}
	writeJSON(w, http.StatusOK, agentOf(a.Item))
	return nil
}

// Repositories.

func (h *handler) repositories(ctx context.Context) ([]recto.Counted[*recto.Repository], error) {
	return h.catalogue.FindRepositories(ctx)
}

func (h *handler) handleRepositorySearch(w http.ResponseWriter, r *http.Request) error {
	list, err := h.repositories(r.Context())
	if err != nil {
		return err
	}
	words := termWords(r.URL.Query().Get("term"))
	out := []any{}
	for _, rp := range list {
		if matches(words, rp.Item.Name, rp.Item.ShortName) {
			out = append(out, repositoryOf(rp.Item))
		}
	}
	writeJSON(w, http.StatusOK, all(out))
	return nil
}

func (h *handler) handleRepository(w http.ResponseWriter, r *http.Request) error {
	id, err := fileID(r.PathValue("file"), "repository")
	if err != nil {
		return err
	}
	list, err := h.repositories(r.Context())
	if err != nil {
		return err
	}
	for _, rp := range list {
		if rp.Item.ID == id {
			writeJSON(w, http.StatusOK, repositoryOf(rp.Item))
			return nil
		}
	}
	return recto.Errorf(recto.ENOTFOUND, "No repository %d.", id)
}

// Dates.

func (h *handler) handleDateRange(w http.ResponseWriter, r *http.Request) error {
	bounds, ok, err := h.catalogue.DateBounds(r.Context())
	if err != nil {
		return err
	}
	var out dateRange
	if ok {
		begin, end := compactDay(bounds.From), compactDay(bounds.To)
		out.Begin, out.End = &begin, &end
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
