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
	p := homePage{page: s.newPage(r, s.Settings.Name()+": primary sources in translation", "home", "/")}
	var err error
	if p.Stats, err = s.Catalogue.Stats(ctx); err != nil {
		return err
	}
	if p.Newest, _, err = s.Catalogue.FindDocuments(ctx, recto.DocumentFilter{Sort: recto.SortNewest,
		Limit: newestOnHome}); err != nil {
		return err
	}
	if p.Collections, err = s.Catalogue.FindCollections(ctx, recto.TreeFilter{ParentID: ptr(int64(0))}); err != nil {
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
