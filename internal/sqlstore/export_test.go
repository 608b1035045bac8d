package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Dump returns every row of every table but schema_migrations as text,
// rows sorted, so that two archives can be compared whatever their backend.
// It finds the tables in the database's catalogue, so a table the copy
// forgets shows.
func Dump(ctx context.Context, db *DB) (string, error) {
	tables, err := db.tables(ctx)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	for _, table := range tables {
		rows, err := db.read.QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			values, err := scanValues(rows, len(cols))
			if err != nil {
				rows.Close()
				return "", err
			}
			fields := make([]string, len(cols))
			for i, v := range values {
				switch v := v.(type) {
				case string:
					fields[i] = fmt.Sprintf("%q", v)
				case nil:
					fields[i] = "NULL"
				default: // every integer type prints alike
					fields[i] = fmt.Sprint(v)
				}
				fields[i] = cols[i] + "=" + fields[i]
			}
			lines = append(lines, strings.Join(fields, " "))
		}
		if err := rows.Err(); err != nil {
			return "", err
		}
		rows.Close()
		slices.Sort(lines)
		fmt.Fprintf(&out, "# %s (%d rows)\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	}
	return out.String(), nil
}

// tables lists the archive's tables by name.
func (db *DB) tables(ctx context.Context) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if db.dialect.Numbered() {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := db.read.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	var names []string
	err = scanAll(rows, func() error {
		var name string
		err := rows.Scan(&name)
		if name != "schema_migrations" {
			names = append(names, name)
		}
		return err
	})
	slices.Sort(names)
	return names, err
}

// Memoized is memoized, for tests.
func Memoized[T any](ctx context.Context, db *DB, key string, compute func(context.Context) (T, error)) (T, error) {
	return memoized(ctx, db, key, compute)
}
