package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/recto-archive/recto"
)

// Querier is what both a pool and a transaction offer for reads, with ?
// placeholders.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// variantTables names the tables holding an authority's variant names and
// external identifiers; places and agents share the shape.
type variantTables struct {
	names, identifiers, key string
}

var (
	agentVariants = variantTables{"agent_names", "agent_identifiers", "agent_id"}
	placeVariants = variantTables{"place_names", "place_identifiers", "place_id"}
)

// replace stores the variants and identifiers of authority id, dropping old ones.
// Table names are constants of this package, never input.
func (t variantTables) replace(ctx context.Context, tx *Tx, id int64, names []recto.Name, ids []recto.Identifier) error {
	for _, table := range []string{t.names, t.identifiers} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+t.key+` = ?`, id); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	for i, n := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.names+` (`+t.key+`, position, name, lang) VALUES (?, ?, ?, ?)`,
			id, i, n.Name, n.Lang); err != nil {
			return fmt.Errorf("insert %s: %w", t.names, err)
		}
	}
	for i, x := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.identifiers+` (`+t.key+`, position, scheme, value) VALUES (?, ?, ?, ?)`,
			id, i, x.Scheme, x.Value); err != nil {
			return fmt.Errorf("insert %s: %w", t.identifiers, err)
		}
	}
	return nil
}

// variants holds the loaded variant names and identifiers of several authorities.
type variants struct {
	names map[int64][]recto.Name
	ids   map[int64][]recto.Identifier
}

// load reads the variants and identifiers of the given authorities at once.
func (t variantTables) load(ctx context.Context, q Querier, ids []int64) (variants, error) {
	v := variants{names: map[int64][]recto.Name{}, ids: map[int64][]recto.Identifier{}}
	_, err := inChunks(ids, func(chunk []int64) ([]struct{}, error) { return nil, t.loadInto(ctx, q, chunk, v) })
	return v, err
}

// loadInto reads the variants and identifiers of a few authorities into v.
func (t variantTables) loadInto(ctx context.Context, q Querier, ids []int64, v variants) error {
	args := int64Args(ids)
	in := placeholders(len(ids))
	rows, err := q.QueryContext(ctx, `SELECT `+t.key+`, name, lang FROM `+t.names+` WHERE `+t.key+` IN (`+in+`) ORDER BY `+t.key+`, position`, args...)
	if err != nil {
		return fmt.Errorf("load %s: %w", t.names, err)
	}
	err = scanAll(rows, func() error {
		var id int64
		var n recto.Name
		if err := rows.Scan(&id, &n.Name, &n.Lang); err != nil {
			return err
		}
		v.names[id] = append(v.names[id], n)
		return nil
	})
	if err != nil {
		return fmt.Errorf("load %s: %w", t.names, err)
	}
	rows, err = q.QueryContext(ctx, `SELECT `+t.key+`, scheme, value FROM `+t.identifiers+` WHERE `+t.key+` IN (`+in+`) ORDER BY `+t.key+`, position`, args...)
	if err != nil {
		return fmt.Errorf("load %s: %w", t.identifiers, err)
	}
	err = scanAll(rows, func() error {
		var id int64
		var x recto.Identifier
		if err := rows.Scan(&id, &x.Scheme, &x.Value); err != nil {
			return err
		}
		v.ids[id] = append(v.ids[id], x)
		return nil
	})
	if err != nil {
		return fmt.Errorf("load %s: %w", t.identifiers, err)
	}
	return nil
}

// scanAll calls scan for every row, then closes the rows and reports any error.
func scanAll(rows *sql.Rows, scan func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// maxInList is how many ids one IN list takes; longer lists are split, as
// SQLite limits a statement's variables.
const maxInList = 500

// scanIDs reads a column of IDs.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	var ids []int64
	err := scanAll(rows, func() error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// inChunks calls fn with successive pieces of ids short enough for an IN
// list and joins the results.
func inChunks[T any](ids []int64, fn func(chunk []int64) ([]T, error)) ([]T, error) {
	var out []T
	for len(ids) > 0 {
		n := min(len(ids), maxInList)
		part, err := fn(ids[:n])
		if err != nil {
			return nil, err
		}
		out, ids = append(out, part...), ids[n:]
	}
	return out, nil
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}
