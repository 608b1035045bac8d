package recto

import (
	"context"
	"math"
)

// Place is a place authority. Places form a hierarchy through ParentID
// (Yining → Xinjiang → China) so that browsing and facets can roll up.
type Place struct {
	ID       int64
	Name     string // preferred name
	Variants []Name // "Ghulja", "Kulja", "伊宁", "Ili"
	ParentID int64  // 0 for a top-level place
	// Coordinates are optional; nil when unknown.
	Coordinates *Coordinates
	Identifiers []Identifier
}

// Coordinates are a WGS 84 latitude and longitude in decimal degrees.
type Coordinates struct {
	Latitude, Longitude float64
}

// Validate returns an EINVALID error naming every bad field.
func (p *Place) Validate() error {
	v := newValidator()
	v.required("name", p.Name)
	validateNames(v, "variants", p.Variants)
	validateIdentifiers(v, p.Identifiers)
	if p.ParentID != 0 && p.ParentID == p.ID {
		v.fail("parent", "a place cannot be its own parent")
	}
	if c := p.Coordinates; c != nil {
		if math.IsNaN(c.Latitude) || c.Latitude < -90 || c.Latitude > 90 {
			v.fail("coordinates.latitude", "must be between -90 and 90")
		}
		if math.IsNaN(c.Longitude) || c.Longitude < -180 || c.Longitude > 180 {
			v.fail("coordinates.longitude", "must be between -180 and 180")
		}
	}
	return v.err("place")
}

// TreeFilter selects nodes of a hierarchical authority (places, subjects, collections).
type TreeFilter struct {
	// ParentID, when set, lists only the direct children of that node; a pointer
	// to 0 lists the top level. Nil lists every node.
	ParentID *int64
	// Visible lists the document statuses that count. A node's count covers its
	// own documents and those of every node below it, each document once. When
	// Visible is set, nodes with no visible documents at or below them are left
	// out, collections too: one holding only drafts must not show.
	Visible []Status
	// NoCounts lists every item without counting documents, for callers
	// that need only the authorities; Visible is then ignored.
	NoCounts bool
}

// PlaceService reads and writes places.
type PlaceService interface {
	// FindPlaceByID returns ENOTFOUND when no place has the id.
	FindPlaceByID(ctx context.Context, id int64) (*Place, error)
	// FindPlaces lists places by name with their document counts.
	FindPlaces(ctx context.Context, filter TreeFilter) ([]Counted[*Place], error)
	// FindPlaceAncestors returns the places above id, outermost first.
	FindPlaceAncestors(ctx context.Context, id int64) ([]*Place, error)
	// CreatePlace validates p, stores it and sets its ID. EINVALID when the
	// parent does not exist.
	// A positive ID is kept if no record has it (restoring an export).
	CreatePlace(ctx context.Context, p *Place) error
	// UpdatePlace replaces the stored place. EINVALID (also when the new parent
	// would make a cycle), ENOTFOUND.
	UpdatePlace(ctx context.Context, p *Place) error
}
