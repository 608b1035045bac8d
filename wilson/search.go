package wilson

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// Paging of search answers.
const (
	defaultPerPage = 10
	maxPerPage     = 100 // larger requests are served 100 at a time, not refused
	maxPage        = 1_000_000_000
	// maxFilterValues bounds the filter values of one search: each is a
	// pass over the search index's lists.
	maxFilterValues = 20
)

// recordFilter is a filter parameter of record.json and the facet it selects.
type recordFilter struct {
	param string // also accepted as param + "[]"
	facet string
	kind  filterKind
}

type filterKind int

const (
	idFilter        filterKind = iota // Recto IDs of authorities
	languageFilter                    // ISO 639-2 codes
	publisherFilter                   // "0" for the archive, or an agent's ID
)

// recordFilters are record.json's filters. Each value must hold; values of
// different filters and of the same filter combine with AND.
var recordFilters = []recordFilter{
	{"collection", recto.FacetCollection, idFilter},
	{"subject", recto.FacetSubject, idFilter},
	{"coverage", recto.FacetPlace, idFilter},
	{"contributor", recto.FacetPerson, idFilter},
	{"donor", recto.FacetFunder, idFilter},
	{"repository", recto.FacetRepository, idFilter},
	{"publisher", recto.FacetPerson, publisherFilter},
	{"language", recto.FacetLanguage, languageFilter},
	{"translation", recto.FacetTranslation, languageFilter},
}

// facetGroups are the selections of one facet: a document must have a
// value of every group (a group lists keys of which any will do: "chi" is
// zh, yue or cmn).
type facetGroups struct {
	facet  string
	groups [][]string
}

// recordSearch is a parsed record.json request.
type recordSearch struct {
	model   string // "", modelRecord or modelCollection
	q       string
	query   string // q with the date filter, in Recto's query language
	facets  []facetGroups
	dated   bool
	page    int
	perPage int
}

// filtered reports whether anything but words narrows the search: such a
// search finds documents only.
func (s *recordSearch) filtered() bool { return len(s.facets) > 0 || s.dated }

func (s *recordSearch) offset() int { return (s.page - 1) * s.perPage }

// readPaging reads page (from 1) and itemsPerPage (default 10, at most 100).
func readPaging(q url.Values) (page, perPage int, err error) {
	page, perPage = 1, defaultPerPage
	if v := strings.TrimSpace(q.Get("page")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return 0, 0, recto.Errorf(recto.EINVALID, "page must be a whole number from 1 to %d, not %q.", maxPage, v)
		}
		page = n
	}
	if v := strings.TrimSpace(q.Get("itemsPerPage")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			if err == nil || !isDigits(v) {
				return 0, 0, recto.Errorf(recto.EINVALID, "itemsPerPage must be a positive whole number, not %q.", v)
			}
			n = maxPerPage // too large to parse: as many as allowed
		}
		perPage = min(n, maxPerPage)
	}
	return page, perPage, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// readRecordSearch parses record.json's parameters; unknown ones are ignored.
func readRecordSearch(q url.Values) (*recordSearch, error) {
	s := &recordSearch{q: strings.TrimSpace(q.Get("q"))}
	switch m := strings.TrimSpace(q.Get("model")); strings.ToLower(m) {
	case "":
	case "record":
		s.model = modelRecord
	case "collection":
		s.model = modelCollection
	default:
		return nil, recto.Errorf(recto.EINVALID, "model must be Record or Collection, not %q.", m)
	}
	var err error
	if s.page, s.perPage, err = readPaging(q); err != nil {
		return nil, err
	}
	from, err := readDay(q, "start_date")
	if err != nil {
		return nil, err
	}
	to, err := readDay(q, "end_date")
	if err != nil {
		return nil, err
	}
	if from != nil && to != nil && *from > *to {
		return nil, recto.Errorf(recto.EINVALID, "start_date %s is after end_date %s.", q.Get("start_date"), q.Get("end_date"))
	}
	var parts []string
	if from != nil || to != nil {
		s.dated = true
		parts = append(parts, "date:"+isoDay(from)+".."+isoDay(to))
	}
	switch {
	case s.q != "" && len(parts) > 0:
		// Parenthesised, so that nothing in q (an OR, an unclosed quote)
		// can reach the date filter.
		parts = append(parts, "("+s.q+")")
	case s.q != "":
		parts = append(parts, s.q)
	}
	s.query = strings.Join(parts, " ")
	values := 0
	for _, f := range recordFilters {
		var groups [][]string
		for _, v := range slices.Concat(q[f.param], q[f.param+"[]"]) {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			keys, err := filterKeys(f, v)
			if err != nil {
				return nil, err
			}
			if keys == nil || slices.ContainsFunc(groups, func(g []string) bool { return slices.Equal(g, keys) }) {
				continue
			}
			if values++; values > maxFilterValues {
				return nil, recto.Errorf(recto.EINVALID, "At most %d filter values may be given at once.", maxFilterValues)
			}
			groups = append(groups, keys)
		}
		if len(groups) == 0 {
			continue
		}
		if i := slices.IndexFunc(s.facets, func(g facetGroups) bool { return g.facet == f.facet }); i >= 0 {
			s.facets[i].groups = append(s.facets[i].groups, groups...)
		} else {
			s.facets = append(s.facets, facetGroups{facet: f.facet, groups: groups})
		}
	}
	return s, nil
}

// filterKeys turns a filter value into the facet keys of its group; nil
// for a value that does not narrow (the archive as publisher).
func filterKeys(f recordFilter, v string) ([]string, error) {
	switch f.kind {
	case languageFilter:
		keys, ok := languageKeys(v)
		if !ok {
			return nil, recto.Errorf(recto.EINVALID, "%s must be an ISO 639-2 language code such as rus or chi, not %q.", f.param, v)
		}
		return keys, nil
	case publisherFilter:
		if v == archivePublisherID {
			return nil, nil
		}
	}
	id, ok := parseID(v)
	if !ok {
		return nil, recto.Errorf(recto.EINVALID, "%s must be a record ID (a positive whole number), not %q.", f.param, v)
	}
	return []string{idString(id)}, nil
}

// readDay reads a date parameter written YYYYMMDD (or YYYY-MM-DD); nil
// when absent.
func readDay(q url.Values, name string) (*edtf.Day, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return nil, nil
	}
	bad := recto.Errorf(recto.EINVALID, "%s must be a date written YYYYMMDD, such as 19450422, not %q.", name, v)
	digits := strings.ReplaceAll(v, "-", "")
	if len(digits) != 8 || !isDigits(digits) || (digits != v && (len(v) != 10 || v[4] != '-' || v[7] != '-')) {
		return nil, bad
	}
	year, _ := strconv.Atoi(digits[:4])
	month, _ := strconv.Atoi(digits[4:6])
	day, _ := strconv.Atoi(digits[6:])
	if month < 1 || month > 12 || day < 1 || day > edtf.DaysIn(int64(year), month) {
		return nil, bad
	}
	d := edtf.DayOf(int64(year), month, day)
	return &d, nil
}

// isoDay writes a day for the query language; "" for none (an open side).
func isoDay(d *edtf.Day) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func (h *handler) handleRecordSearch(w http.ResponseWriter, r *http.Request) error {
	s, err := readRecordSearch(r.URL.Query())
	if err != nil {
		return err
	}
	ctx := r.Context()
	offset, limit := s.offset(), s.perPage
	out := listing{List: []any{}}
	docTotal := 0
	if s.model != modelCollection {
		var ids []int64
		if ids, docTotal, err = h.searchDocuments(ctx, s.query, s.facets, offset, limit); err != nil {
			return err
		}
		docs, err := h.summaries(ctx, ids)
		if err != nil {
			return err
		}
		for _, d := range docs {
			out.List = append(out.List, d)
		}
	}
	var colls []*collection
	if s.model != modelRecord && !s.filtered() {
		if colls, err = h.matchingCollections(ctx, s.q); err != nil {
			return err
		}
		from := max(0, offset-docTotal)
		for i := from; i < len(colls) && len(out.List) < limit; i++ {
			out.List = append(out.List, colls[i])
		}
	}
	out.Pagination = paginate(s.page, s.perPage, docTotal+len(colls))
	writeJSON(w, http.StatusOK, out)
	return nil
}

func paginate(page, perPage, total int) pagination {
	return pagination{Page: page, TotalPages: (total + perPage - 1) / perPage, TotalItems: total}
}

// searchDocuments runs a search and returns the Record IDs of one page of
// published documents, and how many match in all. The search engine combines
// the values of one facet with OR; the API wants AND, so a facet's first
// group of values filters and the others are required of every result too.
func (h *handler) searchDocuments(ctx context.Context, query string, facets []facetGroups, offset, limit int) ([]int64, int, error) {
	req := recto.SearchRequest{Query: query, Filters: map[string][]string{}}
	for _, f := range facets {
		req.Filters[f.facet] = f.groups[0]
		for _, g := range f.groups[1:] {
			req.Require = append(req.Require, recto.FacetSelection{Facet: f.facet, Keys: g})
		}
	}
	if offset > recto.MaxSearchOffset {
		// Far past the start: the answer is empty when past the end, and
		// refused (as the engine would) when not.
		res, err := h.search.Search(ctx, req)
		if err != nil {
			return nil, 0, searchError(err)
		}
		if offset >= res.Total {
			return nil, res.Total, nil
		}
		return nil, 0, recto.Errorf(recto.EINVALID, "Search results can be paged through as far as result %s; "+
			"narrow the search to reach the others.", recto.Thousands(recto.MaxSearchOffset))
	}
	req.Offset, req.Limit = offset, limit
	res, err := h.search.Search(ctx, req)
	if err != nil {
		return nil, 0, searchError(err)
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, hit := range res.Hits {
		ids = append(ids, hit.Document.ID)
	}
	return ids, res.Total, nil
}

// searchError keeps the engine's "not ready" and turns anything else into
// an internal error: the API builds every request itself, so a refused one
// is Recto's fault.
func searchError(err error) error {
	if c := recto.ErrorCode(err); c == recto.EUNAVAILABLE || c == recto.EINTERNAL {
		return err
	}
	return fmt.Errorf("wilson: search refused a request: %v", err)
}
