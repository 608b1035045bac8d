package http

import (
	"context"
	"net/http"

	"github.com/recto-archive/recto"
)

// hierarchy tells how to read one tree-shaped authority (places, subjects,
// collections) for its node pages, from the catalogue, which answers
// ENOTFOUND for a node with no published document at or below it.
type hierarchy[T any] struct {
	find      func(context.Context, int64) (recto.Counted[T], error)
	ancestors func(context.Context, int64) ([]T, error)
	children  func(context.Context, recto.TreeFilter) ([]recto.Counted[T], error)
}

// nodePage is the data of a place, subject or collection page.
type nodePage[T any] struct {
	page
	Item      T
	Ancestors []T
	Children  []recto.Counted[T]
	List      documentList
}

// load reads node id, the nodes above it, the visible nodes below it and the
// page of documents f selects.
func (h hierarchy[T]) load(ctx context.Context, s *Server, r *http.Request, id int64, f recto.DocumentFilter) (*nodePage[T], error) {
	node, err := h.find(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &nodePage[T]{Item: node.Item}
	if p.List, err = s.listDocuments(ctx, r, f); err != nil {
		return nil, err
	}
	if p.Ancestors, err = h.ancestors(ctx, id); err != nil {
		return nil, err
	}
	if p.Children, err = h.children(ctx, recto.TreeFilter{ParentID: &id}); err != nil {
		return nil, err
	}
	return p, nil
}

// treeNode is a node of a hierarchy shown as nested lists.
type treeNode[T any] struct {
	Item      T
	Documents int
	Children  []*treeNode[T]
}

// buildTree nests counted items by parent; items whose parent is not among
// them become roots. Order among siblings is the order of items.
func buildTree[T any](items []recto.Counted[T], id, parent func(T) int64) []*treeNode[T] {
	nodes := make(map[int64]*treeNode[T], len(items))
	for _, it := range items {
		nodes[id(it.Item)] = &treeNode[T]{Item: it.Item, Documents: it.Documents}
	}
	var roots []*treeNode[T]
	for _, it := range items {
		n := nodes[id(it.Item)]
		if p, ok := nodes[parent(it.Item)]; ok {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}
