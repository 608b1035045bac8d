package recto

import (
	"context"
	"net/url"
	"strings"
)

// Repository is an archive or library that holds originals: "GARF", the State
// Archive of the Russian Federation, Moscow.
type Repository struct {
	ID        int64
	ShortName string // as cited: "GARF"
	Name      string // full name
	Place     *Place // where it is; nil when unknown
	Website   string // absolute http(s) URL; optional
	// CitationNote tells editors and readers how this repository's references
	// are cited (its fonds, series, file numbers).
	CitationNote string
}

// Validate returns an EINVALID error naming every bad field.
func (r *Repository) Validate() error {
	v := newValidator()
	v.required("short_name", r.ShortName)
	v.required("name", r.Name)
	if r.Website != "" && !isWebURL(r.Website) {
		v.fail("website", "must be an absolute http or https URL")
	}
	return v.err("repository")
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isLinkURL reports whether s is an absolute http or https URL or a path
// on the site ("/media/12/1.jpg"): what media and images may point to.
// Anything else (javascript:, data:text/html, a protocol-relative
// "//host", a backslash that browsers read as a slash) would reach pages
// and API clients as something to run or another site to load.
func isLinkURL(s string) bool {
	if isWebURL(s) {
		return true
	}
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\\t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "" && u.Host == ""
}

// linkURLRule is what isLinkURL allows, for validation messages.
const linkURLRule = "must be an absolute http or https URL or a path on the site starting with /"

// RepositoryFilter selects repositories for a listing.
type RepositoryFilter struct {
	// Visible lists the document statuses that count; when set, repositories
	// holding no such document are left out.
	Visible []Status
	// NoCounts lists every item without counting documents, for callers
	// that need only the authorities; Visible is then ignored.
	NoCounts bool
}

// RepositoryService reads and writes repositories.
type RepositoryService interface {
	// FindRepositoryByID returns ENOTFOUND when no repository has the id.
	FindRepositoryByID(ctx context.Context, id int64) (*Repository, error)
	// FindRepositories lists repositories by short name with document counts.
	FindRepositories(ctx context.Context, filter RepositoryFilter) ([]Counted[*Repository], error)
	// CreateRepository validates r, stores it and sets its ID. EINVALID.
	// A positive ID is kept if no record has it (restoring an export).
	CreateRepository(ctx context.Context, r *Repository) error
	// UpdateRepository replaces the stored repository. EINVALID, ENOTFOUND.
	UpdateRepository(ctx context.Context, r *Repository) error
}
