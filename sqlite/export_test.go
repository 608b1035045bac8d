package sqlite

import "context"

// SetBulkBelow sets the archive size from which BeginBulk keeps the
// deferred indexes.
func SetBulkBelow(db *DB, n int) { db.bulkBelow = n }

// DeferredIndexes returns the statements that create the deferred indexes,
// by name, as the migrations write them.
func DeferredIndexes() map[string]string {
	out := map[string]string{}
	for _, ix := range deferredIndexes {
		out[ix.name] = "CREATE INDEX " + ix.name + " ON " + ix.on
	}
	return out
}

// IndexSQL returns the statement that created each index, by name.
func IndexSQL(ctx context.Context, db *DB) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return nil, err
		}
		out[name] = sql
	}
	return out, rows.Err()
}
