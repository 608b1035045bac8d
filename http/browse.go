package http

import (
	"net/http"

	"github.com/recto-archive/recto"
)

// homePage is the data of the home template.
type homePage struct {
	page
	Stats       recto.Stats
	Newest      []*recto.DocumentSummary
	Collections []recto.Counted[*recto.Collection]
}

// newestOnHome is how many recent additions the home page lists.
const newestOnHome = 8

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := homePage{page: s.newPage(r, "Recto: primary sources in translation", "home", "/")}
	var err error
	if p.Stats, err = s.Store.Stats(ctx, recto.Public); err != nil {
		return err
	}
	if p.Newest, _, err = s.Store.FindDocuments(ctx, recto.DocumentFilter{Status: recto.Public,
		Sort: recto.SortNewest, Limit: newestOnHome}); err != nil {
		return err
	}
	if p.Collections, err = s.Store.FindCollections(ctx, recto.TreeFilter{ParentID: ptr(int64(0)), Visible: recto.Public}); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "home", p)
	return nil
}

func ptr[T any](v T) *T { return &v }

// listPage is the data of a page that is mostly a list of documents.
type listPage struct {
	page
	Heading string
	List    documentList
}

func (s *Server) handleDocumentIndex(w http.ResponseWriter, r *http.Request) error {
	list, err := s.listDocuments(r.Context(), r, recto.DocumentFilter{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "documents", listPage{page: s.newPage(r, "All documents", "documents", "/documents"),
		Heading: "All documents", List: list})
	return nil
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
