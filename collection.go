package recto

import "context"

// Collection groups documents for readers ("Xinjiang in Soviet–Chinese
// relations"). Collections nest through ParentID; a document may belong to
// several.
type Collection struct {
	ID          int64
	Title       string
	Description string // light Markdown
	Image       string // URL or site path of a representative image; optional
	ParentID    int64  // 0 for a top-level collection
	// Position orders sibling collections; ties are broken by title.
	Position int
}

// Validate returns an EINVALID error naming every bad field.
func (c *Collection) Validate() error {
	v := newValidator()
	v.required("title", c.Title)
	if c.ParentID != 0 && c.ParentID == c.ID {
		v.fail("parent", "a collection cannot contain itself")
	}
	if c.Image != "" && !isLinkURL(c.Image) {
		v.fail("image", "%q %s", c.Image, linkURLRule)
	}
	return v.err("collection")
}

// CollectionService reads and writes collections.
type CollectionService interface {
	// FindCollectionByID returns ENOTFOUND when no collection has the id.
	FindCollectionByID(ctx context.Context, id int64) (*Collection, error)
	// FindCollections lists collections in position order with document counts
	// that include their sub-collections.
	FindCollections(ctx context.Context, filter TreeFilter) ([]Counted[*Collection], error)
	// FindCollectionAncestors returns the collections above id, outermost first.
	FindCollectionAncestors(ctx context.Context, id int64) ([]*Collection, error)
	// CreateCollection validates c, stores it and sets its ID. EINVALID.
	// A positive ID is kept if no record has it (restoring an export).
	CreateCollection(ctx context.Context, c *Collection) error
	// UpdateCollection replaces the stored collection. EINVALID (also for a
	// cycle), ENOTFOUND.
	UpdateCollection(ctx context.Context, c *Collection) error
}
