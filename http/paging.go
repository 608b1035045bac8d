package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/recto-archive/recto"
)

// documentsPerPage is the length of every document list.
const documentsPerPage = 25

// pagination describes one page of a list and links to its neighbours.
type pagination struct {
	Page, Pages   int
	Total         int
	First, Last   int    // 1-based positions of the first and last item shown
	Prev, Next    string // URLs; empty at the ends
	FirstURL      string
	LastURL       string
	Noun, NounOne string // "documents", "document"
}

// pageNumber reads ?page=, 1 when absent. EINVALID when it is not a positive
// whole number.
func pageNumber(r *http.Request) (int, error) {
	s := r.URL.Query().Get("page")
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, recto.Errorf(recto.EINVALID, "The page number %q is not a positive whole number.", s)
	}
	return n, nil
}

// paginate builds the pagination of page n of total items. ENOTFOUND when n
// lies past the last page of a non-empty list.
func paginate(r *http.Request, n, per, total int) (pagination, error) {
	return paginateWith(n, per, total, func(n int) string { return pageURL(r, n) })
}

// paginateWith is paginate with the URL of page n from at.
func paginateWith(n, per, total int, at func(n int) string) (pagination, error) {
	pages := max(1, (total+per-1)/per)
	if n > pages {
		return pagination{}, recto.Errorf(recto.ENOTFOUND, "This list has %d pages; there is no page %d.", pages, n)
	}
	p := pagination{Page: n, Pages: pages, Total: total, First: (n-1)*per + 1, Last: min(n*per, total),
		Noun: "documents", NounOne: "document"}
	if total == 0 {
		p.First = 0
	}
	if n > 1 {
		p.Prev, p.FirstURL = at(n-1), at(1)
	}
	if n < pages {
		p.Next, p.LastURL = at(n+1), at(pages)
	}
	return p, nil
}

// pageURL returns the request's URL at page n, keeping its other parameters;
// page 1 carries no page parameter, so each page has one canonical URL.
func pageURL(r *http.Request, n int) string {
	q := r.URL.Query()
	if n <= 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(n))
	}
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// documentList is one page of documents.
type documentList struct {
	Documents []*recto.DocumentSummary
	pagination
}

// listDocuments reads the page of the public's documents a filter selects.
func (s *Server) listDocuments(ctx context.Context, r *http.Request, f recto.DocumentFilter) (documentList, error) {
	n, err := pageNumber(r)
	if err != nil {
		return documentList{}, err
	}
	f.Offset, f.Limit = (n-1)*documentsPerPage, documentsPerPage
	docs, total, err := s.Catalogue.FindDocuments(ctx, f)
	if err != nil {
		return documentList{}, err
	}
	p, err := paginate(r, n, documentsPerPage, total)
	return documentList{Documents: docs, pagination: p}, err
}

// parseID reads a Record ID or authority id from the path; anything that is
// not a positive integer names no page.
func parseID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, recto.Errorf(recto.ENOTFOUND, "There is no page at %s.", r.URL.Path)
	}
	return id, nil
}
