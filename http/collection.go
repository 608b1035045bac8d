package http

import (
	"net/http"

	"github.com/recto-archive/recto"
)

func collectionID(c *recto.Collection) int64     { return c.ID }
func collectionParent(c *recto.Collection) int64 { return c.ParentID }

func (s *Server) handleCollectionIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Catalogue.FindCollections(r.Context(), recto.TreeFilter{})
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
	*nodePage[*recto.Collection]
	Curated bool // documents in the editors' order rather than by date
}

func (s *Server) handleCollection(w http.ResponseWriter, r *http.Request) error {
	id, err := parseID(r)
	if err != nil {
		return err
	}
	curated := r.URL.Query().Get("sort") == string(recto.SortCurated)
	f := recto.DocumentFilter{CollectionID: id}
	if curated {
		f.Sort = recto.SortCurated
	}
	h := hierarchy[*recto.Collection]{find: s.Catalogue.FindCollectionByID, ancestors: s.Catalogue.FindCollectionAncestors,
		children: s.Catalogue.FindCollections}
	p, err := h.load(r.Context(), s, r, id, f)
	if err != nil {
		return err
	}
	p.page = s.newPage(r, p.Item.Title, "collections", collectionURL(id))
	s.render(w, r, http.StatusOK, "collection", collectionPage{p, curated})
	return nil
}
