package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/recto-archive/recto"
)

// FindPlaceByID returns the place with the id. ENOTFOUND.
func (db *DB) FindPlaceByID(ctx context.Context, id int64) (*recto.Place, error) {
	places, err := db.findPlaces(ctx, db.reads(), ` WHERE p.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(places) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Place %d not found.", id)
	}
	return places[0], nil
}

// FindPlaces lists places by name with their document counts, which include
// the documents of every place below them.
func (db *DB) FindPlaces(ctx context.Context, f recto.TreeFilter) ([]recto.Counted[*recto.Place], error) {
	where, args := placeTree.selection("p", f)
	places, err := db.findPlaces(ctx, db.reads(), where, args...)
	if err != nil {
		return nil, err
	}
	counts := map[int64]int{}
	if !f.NoCounts {
		if counts, err = db.treeCounts(ctx, placeTree, f.Visible); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	} else {
		f.Visible = nil
	}
	return countedVisible(places, counts, f.Visible, func(p *recto.Place) int64 { return p.ID }), nil
}

// countedVisible pairs items with their counts, leaving out items with no
// visible document when visibility is restricted.
func countedVisible[T any](items []T, counts map[int64]int, visible []recto.Status, id func(T) int64) []recto.Counted[T] {
	out := make([]recto.Counted[T], 0, len(items))
	for _, it := range items {
		n := counts[id(it)]
		if visible != nil && n == 0 {
			continue
		}
		out = append(out, recto.Counted[T]{Item: it, Documents: n})
	}
	return out
}

// FindPlaceAncestors returns the places above id, outermost first.
func (db *DB) FindPlaceAncestors(ctx context.Context, id int64) ([]*recto.Place, error) {
	ids, err := placeTree.ancestors(ctx, db.reads(), id)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return db.placesByIDs(ctx, db.reads(), ids)
}

// placesByIDs returns the places with the given ids, in the order given.
func (db *DB) placesByIDs(ctx context.Context, q Querier, ids []int64) ([]*recto.Place, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	places, err := inChunks(ids, func(chunk []int64) ([]*recto.Place, error) {
		return db.findPlaces(ctx, q, ` WHERE p.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
	})
	if err != nil {
		return nil, err
	}
	return inOrder(places, ids, func(p *recto.Place) int64 { return p.ID }), nil
}

// inOrder arranges items in the order of ids, dropping any id not found.
func inOrder[T any](items []T, ids []int64, id func(T) int64) []T {
	byID := make(map[int64]T, len(items))
	for _, it := range items {
		byID[id(it)] = it
	}
	out := make([]T, 0, len(ids))
	for _, i := range ids {
		if it, ok := byID[i]; ok {
			out = append(out, it)
		}
	}
	return out
}

func (db *DB) findPlaces(ctx context.Context, q Querier, where string, args ...any) ([]*recto.Place, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, p.parent_id, p.latitude, p.longitude
		FROM places p`+where+` ORDER BY `+db.dialect.NoCase("p.name")+`, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find places: %w", err)
	}
	var places []*recto.Place
	var ids []int64
	err = scanAll(rows, func() error {
		var p recto.Place
		var parent sql.NullInt64
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.ID, &p.Name, &parent, &lat, &lon); err != nil {
			return err
		}
		p.ParentID = parent.Int64
		if lat.Valid && lon.Valid {
			p.Coordinates = &recto.Coordinates{Latitude: lat.Float64, Longitude: lon.Float64}
		}
		places = append(places, &p)
		ids = append(ids, p.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: find places: %w", err)
	}
	v, err := placeVariants.load(ctx, q, ids)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for _, p := range places {
		p.Variants, p.Identifiers = v.names[p.ID], v.ids[p.ID]
	}
	return places, nil
}

// CreatePlace stores a new place and sets its ID. EINVALID.
func (db *DB) CreatePlace(ctx context.Context, p *recto.Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := placeTree.checkParent(ctx, tx, 0, p.ParentID); err != nil {
			return err
		}
		lat, lon := coordinates(p.Coordinates)
		err := tx.insertRecord(ctx, "places", "parent", &p.ID, []string{"name", "parent_id", "latitude", "longitude"},
			p.Name, nullInt64(p.ParentID), lat, lon)
		if err != nil {
			return err
		}
		if err := placeVariants.replace(ctx, tx, p.ID, p.Variants, p.Identifiers); err != nil {
			return err
		}
		return tx.changed(ctx, recto.PlaceChange, p.ID)
	})
}

// UpdatePlace replaces the stored place. EINVALID, ENOTFOUND.
func (db *DB) UpdatePlace(ctx context.Context, p *recto.Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := placeTree.checkParent(ctx, tx, p.ID, p.ParentID); err != nil {
			return err
		}
		lat, lon := coordinates(p.Coordinates)
		res, err := tx.ExecContext(ctx, `UPDATE places SET name = ?, parent_id = ?, latitude = ?, longitude = ?
			WHERE id = ?`, p.Name, nullInt64(p.ParentID), lat, lon, p.ID)
		if err := mustAffect(res, err, "Place", p.ID); err != nil {
			return err
		}
		if err := placeVariants.replace(ctx, tx, p.ID, p.Variants, p.Identifiers); err != nil {
			return err
		}
		return tx.changed(ctx, recto.PlaceChange, p.ID)
	})
}

func coordinates(c *recto.Coordinates) (lat, lon sql.NullFloat64) {
	if c == nil {
		return lat, lon
	}
	return sql.NullFloat64{Float64: c.Latitude, Valid: true}, sql.NullFloat64{Float64: c.Longitude, Valid: true}
}

// mustAffect turns an update that touched no row into ENOTFOUND.
func mustAffect(res sql.Result, err error, what string, id int64) error {
	if err != nil {
		return fmt.Errorf("store: update %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: update %s: %w", what, err)
	}
	if n == 0 {
		return recto.Errorf(recto.ENOTFOUND, "%s %d not found.", what, id)
	}
	return nil
}

// notFound converts sql.ErrNoRows into ENOTFOUND.
func notFound(err error, what string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return recto.Errorf(recto.ENOTFOUND, "%s %d not found.", what, id)
	}
	return fmt.Errorf("store: find %s: %w", what, err)
}
