package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// copyTables lists every table of the catalogue in an order in which each
// row's references point to rows already copied, with the column that
// numbers generated IDs ("" for none) and the column that points to a
// parent in the same table ("" for none). schema_migrations is not copied:
// each database keeps its own.
var copyTables = []struct{ name, id, parent string }{
	{"places", "id", "parent_id"},
	{"place_names", "", ""},
	{"place_identifiers", "", ""},
	{"agents", "id", ""},
	{"agent_names", "", ""},
	{"agent_identifiers", "", ""},
	{"subjects", "id", "parent_id"},
	{"collections", "id", "parent_id"},
	{"repositories", "id", ""},
	{"documents", "id", ""},
	{"document_languages", "", ""},
	{"texts", "id", ""},
	{"credits", "", ""},
	{"sources", "id", ""},
	{"source_parts", "", ""},
	{"document_places", "", ""},
	{"document_subjects", "", ""},
	{"collection_documents", "", ""},
	{"document_relations", "", ""},
	{"media", "", ""},
	{"document_former_paths", "", ""},
	{"revisions", "id", ""},
	{"archive_state", "", ""},
	{"settings", "", ""},
	{"users", "id", ""},
	{"sessions", "", ""},
	{"changes", "seq", ""},
}

// CopyProgress reports a copy's progress: rows copied of the table so far,
// of total rows in it.
type CopyProgress func(table string, copied, total int64)

// Copy copies every record of the archive src into the empty archive dst,
// Record IDs, stamps, revisions and change log included, in one
// transaction of dst: on any error dst is left as it was. It reads src in
// one snapshot, so writes to src meanwhile are either wholly in the copy or
// not at all. The ID counters of dst end at least where src's were, so an
// ID src ever handed out is never handed out again.
func Copy(ctx context.Context, src, dst *DB, progress CopyProgress) error {
	if progress == nil {
		progress = func(string, int64, int64) {}
	}
	if err := dst.mustBeEmpty(ctx); err != nil {
		return err
	}
	read, err := src.read.BeginTx(ctx, src.dialect.Snapshot())
	if err != nil {
		return fmt.Errorf("copy: begin reading: %w", err)
	}
	defer read.Rollback()
	from := conn{cache: src.readStmts, tx: read}
	err = dst.write(ctx, func(tx *Tx) error {
		for _, t := range copyTables {
			if err := copyTable(ctx, from, tx, t.name, t.parent, progress); err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			if t.id == "" {
				continue
			}
			counter, err := src.dialect.Counter(ctx, from, t.name, t.id)
			if err != nil {
				return fmt.Errorf("copy %s: read ID counter: %w", t.name, err)
			}
			if err := dst.dialect.SetCounter(ctx, tx, t.name, t.id, counter); err != nil {
				return fmt.Errorf("copy %s: set ID counter: %w", t.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Without statistics a new database's planner guesses, badly: document
	// pages on a fresh PostgreSQL copy of a million documents were slower
	// until it knew the tables.
	for _, t := range copyTables {
		if err := dst.dialect.Analyze(ctx, t.name); err != nil {
			return fmt.Errorf("copy: analyze %s: %w", t.name, err)
		}
	}
	return nil
}

// mustBeEmpty refuses an archive holding any record: a copy into it would
// mix two archives' Record IDs.
func (db *DB) mustBeEmpty(ctx context.Context) error {
	for _, t := range copyTables {
		var rows int
		err := db.reads().QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+t.name+` LIMIT 1) AS probe`).Scan(&rows)
		if err != nil {
			return fmt.Errorf("copy: check that the destination is empty: %w", err)
		}
		if rows > 0 && t.name != "archive_state" {
			return fmt.Errorf("copy: the destination archive is not empty (table %s has rows); copy into a new database", t.name)
		}
	}
	return nil
}

// copyTable copies one table's rows in primary-key order. A parent column
// is written as NULL and set once every row is in, since a row may name a
// parent that comes after it.
func copyTable(ctx context.Context, from conn, to *Tx, table, parent string, progress CopyProgress) error {
	var total int64
	if err := from.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&total); err != nil {
		return err
	}
	rows, err := from.QueryContext(ctx, `SELECT * FROM `+table+` ORDER BY 1, 2`)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	parentAt := -1
	for i, c := range cols {
		if c == parent {
			parentAt = i
		}
	}
	batch := newRowBatch(table, cols...)
	var parents [][2]any // id, parent
	var copied int64
	for rows.Next() {
		values, err := scanValues(rows, len(cols))
		if err != nil {
			return err
		}
		if parentAt >= 0 && values[parentAt] != nil {
			parents = append(parents, [2]any{values[0], values[parentAt]})
			values[parentAt] = nil
		}
		batch.add(values...)
		copied++
		if len(batch.args) >= maxVariables {
			if err := batch.flush(ctx, to); err != nil {
				return err
			}
			progress(table, copied, total)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := batch.flush(ctx, to); err != nil {
		return err
	}
	progress(table, copied, total)
	for _, p := range parents {
		if _, err := to.ExecContext(ctx, `UPDATE `+table+` SET `+parent+` = ? WHERE `+cols[0]+` = ?`, p[1], p[0]); err != nil {
			return err
		}
	}
	return nil
}

// scanValues reads the current row's n columns as the driver gives them,
// but for text, always a string: drivers may hand text back as bytes, and
// the tables hold no blobs.
func scanValues(rows *sql.Rows, n int) ([]any, error) {
	values := make([]any, n)
	ptrs := make([]any, n)
	for i := range values {
		ptrs[i] = &values[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	for i, v := range values {
		if b, ok := v.([]byte); ok {
			values[i] = string(b)
		}
	}
	return values, nil
}
