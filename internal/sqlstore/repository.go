package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/recto-archive/recto"
)

// FindRepositoryByID returns the repository with the id. ENOTFOUND.
func (db *DB) FindRepositoryByID(ctx context.Context, id int64) (*recto.Repository, error) {
	rs, err := db.repositoriesByIDs(ctx, db.reads(), []int64{id})
	if err != nil {
		return nil, err
	} else if len(rs) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Repository %d not found.", id)
	}
	return rs[0], nil
}

// FindRepositories lists repositories by short name with the number of
// documents they hold.
func (db *DB) FindRepositories(ctx context.Context, f recto.RepositoryFilter) ([]recto.Counted[*recto.Repository], error) {
	query := `SELECT r.id, count(DISTINCT d.id) FROM repositories r
		LEFT JOIN sources s ON s.repository_id = r.id
		LEFT JOIN documents d ON d.id = s.document_id` + statusClause("d", f.Visible) + `
		GROUP BY r.id ORDER BY ` + db.dialect.NoCase("r.short_name") + `, r.id`
	args := statusArgs(f.Visible)
	if f.NoCounts {
		query, args, f.Visible = `SELECT id, 0 FROM repositories ORDER BY `+db.dialect.NoCase("short_name")+`, id`, nil, nil
	}
	// The counts read every source: they are remembered until the archive
	// changes, the repositories read afresh.
	page, err := memoized(ctx, db, fmt.Sprint(query, args), func(ctx context.Context) (countedPage, error) {
		rows, err := db.reads().QueryContext(ctx, query, args...)
		if err != nil {
			return countedPage{}, err
		}
		p := countedPage{counts: map[int64]int{}}
		err = scanAll(rows, func() error {
			var id int64
			var n int
			err := rows.Scan(&id, &n)
			p.ids = append(p.ids, id)
			p.counts[id] = n
			return err
		})
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find repositories: %w", err)
	}
	ids, counts := page.ids, page.counts
	rs, err := db.repositoriesByIDs(ctx, db.reads(), ids)
	if err != nil {
		return nil, err
	}
	return countedVisible(rs, counts, f.Visible, func(r *recto.Repository) int64 { return r.ID }), nil
}

// repositoriesByIDs returns the repositories with the given ids, in that order,
// with their places.
func (db *DB) repositoriesByIDs(ctx context.Context, q Querier, ids []int64) ([]*recto.Repository, error) {
	rs, err := inChunks(ids, func(chunk []int64) ([]*recto.Repository, error) { return db.repositoriesIn(ctx, q, chunk) })
	if err != nil {
		return nil, err
	}
	return inOrder(rs, ids, func(r *recto.Repository) int64 { return r.ID }), nil
}

// repositoriesIn reads the repositories with a few ids, in no order.
func (db *DB) repositoriesIn(ctx context.Context, q Querier, ids []int64) ([]*recto.Repository, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, short_name, name, place_id, website, citation_note
		FROM repositories WHERE id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: find repositories: %w", err)
	}
	var rs []*recto.Repository
	placeOf := map[int64]int64{}
	var placeIDs []int64
	err = scanAll(rows, func() error {
		var r recto.Repository
		var place sql.NullInt64
		err := rows.Scan(&r.ID, &r.ShortName, &r.Name, &place, &r.Website, &r.CitationNote)
		if place.Valid {
			placeOf[r.ID] = place.Int64
			placeIDs = append(placeIDs, place.Int64)
		}
		rs = append(rs, &r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find repositories: %w", err)
	}
	places, err := db.placesByIDs(ctx, q, placeIDs)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*recto.Place{}
	for _, p := range places {
		byID[p.ID] = p
	}
	for _, r := range rs {
		r.Place = byID[placeOf[r.ID]]
	}
	return rs, nil
}

// CreateRepository stores a new repository and sets its ID. EINVALID.
func (db *DB) CreateRepository(ctx context.Context, r *recto.Repository) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		err := tx.insertRecord(ctx, "repositories", "place", &r.ID, []string{"short_name", "name", "place_id", "website", "citation_note"},
			r.ShortName, r.Name, nullInt64(placeID(r.Place)), r.Website, r.CitationNote)
		if err != nil {
			return err
		}
		return tx.changed(ctx, recto.RepositoryChange, r.ID)
	})
}

// UpdateRepository replaces the stored repository. EINVALID, ENOTFOUND.
func (db *DB) UpdateRepository(ctx context.Context, r *recto.Repository) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE repositories SET short_name = ?, name = ?, place_id = ?, website = ?,
			citation_note = ? WHERE id = ?`, r.ShortName, r.Name, nullInt64(placeID(r.Place)), r.Website, r.CitationNote, r.ID)
		if err != nil {
			return tx.refError(err, "place", "place")
		}
		if err := mustAffect(res, nil, "Repository", r.ID); err != nil {
			return err
		}
		return tx.changed(ctx, recto.RepositoryChange, r.ID)
	})
}

func placeID(p *recto.Place) int64 {
	if p == nil {
		return 0
	}
	return p.ID
}
