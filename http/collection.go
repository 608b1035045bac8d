package http

import (
	"net/http"

	"github.com/recto-archive/recto"
)

func collectionID(c *recto.Collection) int64     { return c.ID }
func collectionParent(c *recto.Collection) int64 { return c.ParentID }

func (s *Server) handleCollectionIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Store.FindCollections(r.Context(), recto.TreeFilter{Visible: recto.Public})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "collections", struct {
		page
		Tree []*treeNode[*recto.Collection]
	}{s.newPage(r, "Collections", "collections", "/collections"), buildTree(all, collectionID, collectionParent)})
	return nil
}

// collectionPage is the data of the collection template.
type collectionPage struct {
	page
	Collection *recto.Collection
	Ancestors  []*recto.Collection
	Children   []recto.Counted[*recto.Collection]
	Curated    bool // documents in the editors' order rather than by date
	List       documentList
}

func (s *Server) handleCollection(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := parseID(r)
	if err != nil {
		return err
	}
	p := collectionPage{Curated: r.URL.Query().Get("sort") == string(recto.SortCurated)}
	if p.Collection, err = s.Store.FindCollectionByID(ctx, id); err != nil {
		return err
	}
	if p.Ancestors, err = s.Store.FindCollectionAncestors(ctx, id); err != nil {
		return err
	}
	if p.Children, err = s.Store.FindCollections(ctx, recto.TreeFilter{ParentID: &id, Visible: recto.Public}); err != nil {
		return err
	}
	f := recto.DocumentFilter{CollectionID: id}
	if p.Curated {
		f.Sort = recto.SortCurated
	}
	if p.List, err = s.listDocuments(ctx, r, f); err != nil {
		return err
	}
	p.page = s.newPage(r, p.Collection.Title, "collections", collectionURL(id))
	s.render(w, r, http.StatusOK, "collection", p)
	return nil
}
