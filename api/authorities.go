package api

import (
	"net/http"

	"github.com/recto-archive/recto"
)

// Authority lists keep the site's order. Their cursors hold the position
// after the last record served and that record's ID: the next page starts
// after that record wherever it now is (so records added or removed before
// it shift nothing), or at the position when it has gone.

// listCursorParam reads a list's cursor, nil when absent.
func listCursorParam(q params, kind string) (*listCursor, error) {
	s, err := q.cursor()
	if err != nil || s == "" {
		return nil, err
	}
	c, err := parseListCursor(s, kind)
	return &c, err
}

// pageOf returns the page of items a cursor asks for, and the cursor of the
// next page when there is one.
func pageOf[T any](items []T, id func(T) int64, cur *listCursor, limit int) ([]T, *listCursor) {
	start := 0
	if cur != nil {
		start = min(cur.offset, len(items))
		for i, it := range items {
			if id(it) == cur.lastID {
				start = i + 1
				break
			}
		}
	}
	end := min(start+limit, len(items))
	page := items[start:end]
	if end < len(items) && len(page) > 0 {
		return page, &listCursor{offset: end, lastID: id(page[len(page)-1])}
	}
	return page, nil
}

// windowSlack is how far before a cursor's position the people list looks
// for the record the cursor ends at, which removals before it move back.
const windowSlack = 16

// pageFromStore is pageOf for a list the store pages: it reads a window
// around the cursor's position and resumes after its record if the window
// holds it.
func pageFromStore[T any](fetch func(offset, limit int) ([]T, int, error), id func(T) int64, cur *listCursor,
	limit int) ([]T, *listCursor, int, error) {
	start := 0
	if cur != nil {
		start = cur.offset
	}
	from := max(start-windowSlack, 0)
	window, total, err := fetch(from, limit+(start-from)+windowSlack+1)
	if err != nil {
		return nil, nil, 0, err
	}
	i := min(start-from, len(window))
	if cur != nil {
		for j, it := range window {
			if id(it) == cur.lastID {
				i = j + 1
				break
			}
		}
	}
	end := min(i+limit, len(window))
	page := window[i:end]
	if from+end < total && len(page) > 0 {
		return page, &listCursor{offset: from + end, lastID: id(page[len(page)-1])}, total, nil
	}
	return page, nil, total, nil
}

// list makes a List from a page, with the link to the next one.
func list[T any](kind string, data []T, next *listCursor, total int, nextURL func(cursor string) string) List[T] {
	out := List[T]{Data: data, Total: total}
	if out.Data == nil {
		out.Data = []T{}
	}
	if next != nil {
		u := nextURL(next.encode(kind))
		out.Next = &u
	}
	return out
}

func (h *handler) people(r *http.Request) (any, error) {
	q := queryOf(r)
	limit, err := q.limit()
	if err != nil {
		return nil, err
	}
	kind, err := q.single("kind")
	if err != nil {
		return nil, err
	}
	if kind != "" && kind != string(recto.Person) && kind != string(recto.Organisation) {
		return nil, badParam("kind", "The kind %q is neither person nor organisation.", kind)
	}
	cur, err := listCursorParam(q, "people")
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	page, next, total, err := pageFromStore(func(offset, n int) ([]recto.Counted[*recto.Agent], int, error) {
		return h.catalogue.FindAgents(ctx, recto.AgentFilter{Kind: recto.AgentKind(kind), Offset: offset, Limit: n})
	}, func(c recto.Counted[*recto.Agent]) int64 { return c.Item.ID }, cur, limit)
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	data := make([]Person, 0, len(page))
	for _, c := range page {
		data = append(data, l.person(c.Item, c.Documents))
	}
	return list("people", data, next, total, func(c string) string {
		return link(l.base, "/people", "kind", kind, "limit", limitParam(limit, defaultLimit), "cursor", c)
	}), nil
}

func (h *handler) person(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	a, err := h.catalogue.FindAgentByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return linker{h.base(r)}.person(a.Item, a.Documents), nil
}

// simpleList pages a list the store gives whole.
func simpleList[T any](r *http.Request, base, kind string, data []T, id func(T) int64) (any, error) {
	q := queryOf(r)
	limit, err := q.limit()
	if err != nil {
		return nil, err
	}
	cur, err := listCursorParam(q, kind)
	if err != nil {
		return nil, err
	}
	page, next := pageOf(data, id, cur, limit)
	return list(kind, page, next, len(data), func(c string) string {
		return link(base, "/"+kind, "limit", limitParam(limit, defaultLimit), "cursor", c)
	}), nil
}

func (h *handler) places(r *http.Request) (any, error) {
	all, err := h.catalogue.FindPlaces(r.Context(), recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*recto.Place, len(all))
	for _, c := range all {
		byID[c.Item.ID] = c.Item
	}
	l := linker{h.base(r)}
	data := make([]Place, 0, len(all))
	for _, c := range all {
		data = append(data, l.placeOf(c.Item, byID[c.Item.ParentID], c.Documents))
	}
	return simpleList(r, l.base, "places", data, func(p Place) int64 { return p.ID })
}

func (h *handler) place(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	found, err := h.catalogue.FindPlaceByID(ctx, id)
	if err != nil {
		return nil, err
	}
	p, n := found.Item, found.Documents
	ancestors, err := h.catalogue.FindPlaceAncestors(ctx, id)
	if err != nil {
		return nil, err
	}
	children, err := h.catalogue.FindPlaces(ctx, recto.TreeFilter{ParentID: &id})
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	var parent *recto.Place
	out := PlaceDetail{Ancestors: make([]PlaceRef, 0, len(ancestors)), Children: make([]Place, 0, len(children))}
	for _, a := range ancestors {
		out.Ancestors = append(out.Ancestors, l.placeRef(a))
		parent = a
	}
	out.Place = l.placeOf(p, parent, n)
	for _, c := range children {
		out.Children = append(out.Children, l.placeOf(c.Item, p, c.Documents))
	}
	return out, nil
}

func (h *handler) subjects(r *http.Request) (any, error) {
	all, err := h.catalogue.FindSubjects(r.Context(), recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*recto.Subject, len(all))
	for _, c := range all {
		byID[c.Item.ID] = c.Item
	}
	l := linker{h.base(r)}
	data := make([]Subject, 0, len(all))
	for _, c := range all {
		data = append(data, l.subjectOf(c.Item, byID[c.Item.ParentID], c.Documents))
	}
	return simpleList(r, l.base, "subjects", data, func(s Subject) int64 { return s.ID })
}

func (h *handler) subject(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	found, err := h.catalogue.FindSubjectByID(ctx, id)
	if err != nil {
		return nil, err
	}
	s, n := found.Item, found.Documents
	ancestors, err := h.catalogue.FindSubjectAncestors(ctx, id)
	if err != nil {
		return nil, err
	}
	children, err := h.catalogue.FindSubjects(ctx, recto.TreeFilter{ParentID: &id})
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	var parent *recto.Subject
	out := SubjectDetail{Ancestors: make([]SubjectRef, 0, len(ancestors)), Children: make([]Subject, 0, len(children))}
	for _, a := range ancestors {
		out.Ancestors = append(out.Ancestors, l.subjectRef(a))
		parent = a
	}
	out.Subject = l.subjectOf(s, parent, n)
	for _, c := range children {
		out.Children = append(out.Children, l.subjectOf(c.Item, s, c.Documents))
	}
	return out, nil
}

func (h *handler) collections(r *http.Request) (any, error) {
	all, err := h.catalogue.FindCollections(r.Context(), recto.TreeFilter{})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*recto.Collection, len(all))
	for _, c := range all {
		byID[c.Item.ID] = c.Item
	}
	l := linker{h.base(r)}
	data := make([]Collection, 0, len(all))
	for _, c := range all {
		data = append(data, l.collectionOf(c.Item, byID[c.Item.ParentID], c.Documents))
	}
	return simpleList(r, l.base, "collections", data, func(c Collection) int64 { return c.ID })
}

// collection answers a collection that holds a published document, or
// one below it that does.
func (h *handler) collection(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	found, err := h.catalogue.FindCollectionByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c, n := found.Item, found.Documents
	ancestors, err := h.catalogue.FindCollectionAncestors(ctx, id)
	if err != nil {
		return nil, err
	}
	children, err := h.catalogue.FindCollections(ctx, recto.TreeFilter{ParentID: &id})
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	var parent *recto.Collection
	out := CollectionDetail{Ancestors: make([]CollectionRef, 0, len(ancestors)), Children: make([]Collection, 0, len(children))}
	for _, a := range ancestors {
		out.Ancestors = append(out.Ancestors, l.collectionRef(a))
		parent = a
	}
	out.Collection = l.collectionOf(c, parent, n)
	for _, ch := range children {
		out.Children = append(out.Children, l.collectionOf(ch.Item, c, ch.Documents))
	}
	return out, nil
}

func (h *handler) repositories(r *http.Request) (any, error) {
	all, err := h.catalogue.FindRepositories(r.Context())
	if err != nil {
		return nil, err
	}
	l := linker{h.base(r)}
	data := make([]Repository, 0, len(all))
	for _, c := range all {
		data = append(data, l.repositoryOf(c.Item, c.Documents))
	}
	return simpleList(r, l.base, "repositories", data, func(r Repository) int64 { return r.ID })
}

func (h *handler) repository(r *http.Request) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	repo, err := h.catalogue.FindRepositoryByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return linker{h.base(r)}.repositoryOf(repo.Item, repo.Documents), nil
}
