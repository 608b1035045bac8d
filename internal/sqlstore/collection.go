package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/recto-archive/recto"
)

// FindCollectionByID returns the collection with the id. ENOTFOUND.
func (db *DB) FindCollectionByID(ctx context.Context, id int64) (*recto.Collection, error) {
	cs, err := db.findCollections(ctx, db.reads(), ` WHERE c.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(cs) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Collection %d not found.", id)
	}
	return cs[0], nil
}

// FindCollections lists collections in position order with counts that
// include their sub-collections. With f.Visible, a collection is listed
// only when it or one below it holds a visible document.
func (db *DB) FindCollections(ctx context.Context, f recto.TreeFilter) ([]recto.Counted[*recto.Collection], error) {
	where, args := collectionTree.selection("c", f)
	cs, err := db.findCollections(ctx, db.reads(), where, args...)
	if err != nil {
		return nil, err
	}
	counts := map[int64]int{}
	if !f.NoCounts {
		if counts, err = db.treeCounts(ctx, collectionTree, f.Visible); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	} else {
		f.Visible = nil
	}
	return countedVisible(cs, counts, f.Visible, func(c *recto.Collection) int64 { return c.ID }), nil
}

// FindCollectionAncestors returns the collections above id, outermost first.
func (db *DB) FindCollectionAncestors(ctx context.Context, id int64) ([]*recto.Collection, error) {
	ids, err := collectionTree.ancestors(ctx, db.reads(), id)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return db.collectionsByIDs(ctx, db.reads(), ids)
}

func (db *DB) collectionsByIDs(ctx context.Context, q Querier, ids []int64) ([]*recto.Collection, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cs, err := inChunks(ids, func(chunk []int64) ([]*recto.Collection, error) {
		return db.findCollections(ctx, q, ` WHERE c.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
	})
	return inOrder(cs, ids, func(c *recto.Collection) int64 { return c.ID }), err
}

func (db *DB) findCollections(ctx context.Context, q Querier, where string, args ...any) ([]*recto.Collection, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.title, c.description, c.image, c.parent_id, c.position
		FROM collections c`+where+` ORDER BY c.position, `+db.dialect.NoCase("c.title")+`, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find collections: %w", err)
	}
	var cs []*recto.Collection
	err = scanAll(rows, func() error {
		var c recto.Collection
		var parent sql.NullInt64
		err := rows.Scan(&c.ID, &c.Title, &c.Description, &c.Image, &parent, &c.Position)
		c.ParentID = parent.Int64
		cs = append(cs, &c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find collections: %w", err)
	}
	return cs, nil
}

// CreateCollection stores a new collection and sets its ID. EINVALID.
func (db *DB) CreateCollection(ctx context.Context, c *recto.Collection) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := collectionTree.checkParent(ctx, tx, 0, c.ParentID); err != nil {
			return err
		}
		err := tx.insertRecord(ctx, "collections", "parent", &c.ID, []string{"title", "description", "image", "parent_id", "position"},
			c.Title, c.Description, c.Image, nullInt64(c.ParentID), c.Position)
		if err != nil {
			return err
		}
		return tx.changed(ctx, recto.CollectionChange, c.ID)
	})
}

// UpdateCollection replaces the stored collection. EINVALID, ENOTFOUND.
func (db *DB) UpdateCollection(ctx context.Context, c *recto.Collection) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := collectionTree.checkParent(ctx, tx, c.ID, c.ParentID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE collections SET title = ?, description = ?, image = ?,
			parent_id = ?, position = ? WHERE id = ?`, c.Title, c.Description, c.Image, nullInt64(c.ParentID), c.Position, c.ID)
		if err := mustAffect(res, err, "Collection", c.ID); err != nil {
			return err
		}
		return tx.changed(ctx, recto.CollectionChange, c.ID)
	})
}
