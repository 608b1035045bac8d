package oaipmh

import (
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
)

// Set specs: collection:ID with the IDs of its ancestors before it
// (collection:3:12 is collection 12 inside collection 3), and repository:ID.
const (
	collectionSetPrefix = "collection"
	repositorySetPrefix = "repository"
)

// loadCollections reads every collection a published document is in, or
// below, once per request, for set specs: those are the sets, and they hold
// the collections of every published document and all above them.
func (e *exchange) loadCollections() error {
	if e.collections != nil {
		return nil
	}
	list, err := e.h.catalogue.FindCollections(e.ctx, recto.TreeFilter{})
	if err != nil {
		return err
	}
	e.collections = make(map[int64]*recto.Collection, len(list))
	e.specs = make(map[int64]string, len(list))
	e.collectionList = make([]*recto.Collection, len(list))
	for i, c := range list {
		e.collections[c.Item.ID] = c.Item
		e.collectionList[i] = c.Item
	}
	return nil
}

// collectionSpec returns the set spec of a collection: its ancestors' IDs
// and its own after "collection:", outermost first.
func (e *exchange) collectionSpec(id int64) string {
	if s, ok := e.specs[id]; ok {
		return s
	}
	path := []string{strconv.FormatInt(id, 10)}
	// The store refuses cycles; the bound only guards against a broken tree.
	for c, n := e.collections[id], 0; c != nil && c.ParentID != 0 && n < 64; n++ {
		path = append(path, strconv.FormatInt(c.ParentID, 10))
		c = e.collections[c.ParentID]
	}
	var b strings.Builder
	b.WriteString(collectionSetPrefix)
	for i := len(path) - 1; i >= 0; i-- {
		b.WriteByte(':')
		b.WriteString(path[i])
	}
	s := b.String()
	e.specs[id] = s
	return s
}

// setSpecs returns the sets a published document is in: each of its
// collections and every collection above them, and the repositories of its
// sources.
func (e *exchange) setSpecs(d *recto.Document) []string {
	var specs []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			specs = append(specs, s)
		}
	}
	for _, c := range d.Collections {
		spec := e.collectionSpec(c.ID)
		// Every prefix of "collection:3:12" after the first colon is a set.
		for i := len(collectionSetPrefix) + 1; i < len(spec); i++ {
			if spec[i] == ':' {
				add(spec[:i])
			}
		}
		add(spec)
	}
	for _, s := range d.Sources {
		if s.Repository != nil {
			add(repositorySetPrefix + ":" + strconv.FormatInt(s.Repository.ID, 10))
		}
	}
	return specs
}

// listSets lists every collection holding published documents (itself or
// below it), in tree order, and every repository holding published
// documents. It never issues a resumptionToken, so any
// it is given is bad.
func (h *Handler) listSets(e *exchange) (response, error) {
	if e.token != "" {
		return errorResponse(badResumptionToken, "This repository issues no resumptionToken for ListSets."), nil
	}
	if err := e.loadCollections(); err != nil {
		return response{}, err
	}
	list := e.collectionList
	repos, err := h.catalogue.FindRepositories(e.ctx)
	if err != nil {
		return response{}, err
	}
	if len(list) == 0 && len(repos) == 0 {
		return errorResponse(noSetHierarchy, "This archive has no collections and no repositories yet."), nil
	}
	// Depth first, siblings in the store's order (by position).
	children := map[int64][]*recto.Collection{}
	var roots []*recto.Collection
	for _, c := range list {
		if _, ok := e.collections[c.ParentID]; c.ParentID == 0 || !ok {
			roots = append(roots, c)
		} else {
			children[c.ParentID] = append(children[c.ParentID], c)
		}
	}
	var ordered []*recto.Collection
	var walk func(cs []*recto.Collection, depth int)
	walk = func(cs []*recto.Collection, depth int) {
		for _, c := range cs {
			ordered = append(ordered, c)
			if depth < 64 {
				walk(children[c.ID], depth+1)
			}
		}
	}
	walk(roots, 0)
	return response{body: func(w xw) {
		for _, c := range ordered {
			w.WriteString("<set>")
			w.elem("setSpec", e.collectionSpec(c.ID))
			w.elem("setName", c.Title)
			if c.Description != "" {
				w.WriteString("<setDescription>" + dcOpen)
				w.elem("dc:description", c.Description)
				w.WriteString(dcClose + "</setDescription>")
			}
			w.WriteString("</set>\n")
		}
		for _, r := range repos {
			w.WriteString("<set>")
			w.elem("setSpec", repositorySetPrefix+":"+strconv.FormatInt(r.Item.ID, 10))
			w.elem("setName", r.Item.Name+" ("+r.Item.ShortName+")")
			w.WriteString("</set>\n")
		}
	}}, nil
}

// resolveSet finds the collection or repository a set spec names. It
// answers noRecordsMatch for a spec that names no set of this archive, and
// noSetHierarchy when the archive has no sets at all.
func (h *Handler) resolveSet(e *exchange, spec string) (kind byte, id int64, resp *response, err error) {
	parts := strings.Split(spec, ":")
	ids := make([]int64, 0, len(parts)-1)
	for _, p := range parts[1:] {
		n, perr := strconv.ParseInt(p, 10, 64)
		if perr != nil || n <= 0 || strconv.FormatInt(n, 10) != p {
			ids = nil
			break
		}
		ids = append(ids, n)
	}
	switch {
	case parts[0] == collectionSetPrefix && len(ids) > 0:
		if err := e.loadCollections(); err != nil {
			return 0, 0, nil, err
		}
		last := ids[len(ids)-1]
		if e.collections[last] != nil && e.collectionSpec(last) == spec {
			return setCollection, last, nil, nil
		}
	case parts[0] == repositorySetPrefix && len(ids) == 1:
		_, err := h.catalogue.FindRepositoryByID(e.ctx, ids[0])
		if err == nil {
			return setRepository, ids[0], nil, nil
		} else if recto.ErrorCode(err) != recto.ENOTFOUND {
			return 0, 0, nil, err
		}
	}
	if err := e.loadCollections(); err != nil {
		return 0, 0, nil, err
	}
	if len(e.collections) == 0 {
		repos, err := h.catalogue.FindRepositories(e.ctx)
		if err != nil {
			return 0, 0, nil, err
		}
		if len(repos) == 0 {
			r := errorResponse(noSetHierarchy, "This archive has no sets.")
			return 0, 0, &r, nil
		}
	}
	r := errorResponse(noRecordsMatch, "No set has the setSpec "+spec+".")
	return 0, 0, &r, nil
}
