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

// Key is a foreign key, or an index, of a table: its columns in order.
type Key struct {
	Table   string
	Columns []string
}

// ForeignKeys lists every foreign key of every table, from the database's
// catalogue.
func ForeignKeys(ctx context.Context, db *DB) ([]Key, error) {
	query := `SELECT m.name, f.id, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`
	if db.dialect.Numbered() {
		query = `SELECT c.conrelid::regclass::text, c.oid, a.attname
			FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY AS k(attnum, n), pg_attribute a
			WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
			AND a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY 1, 2, k.n`
	}
	return keys(ctx, db, query)
}

// Indexes lists every index of every table, primary keys and unique
// constraints included, from the database's catalogue.
func Indexes(ctx context.Context, db *DB) ([]Key, error) {
	query := `SELECT m.name, i.name, coalesce(c.name, '(expression)') FROM sqlite_master m, pragma_index_list(m.name) i, pragma_index_info(i.name) c
		WHERE m.type = 'table' ORDER BY m.name, i.name, c.seqno`
	if db.dialect.Numbered() {
		query = `SELECT i.indrelid::regclass::text, i.indexrelid, coalesce(a.attname, '(expression)')
			FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
			CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
			LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
			WHERE t.relnamespace = current_schema()::regnamespace ORDER BY 1, 2, k.n`
	}
	return keys(ctx, db, query)
}

// keys reads rows of (table, key, column), in the key's column order, as
// keys.
func keys(ctx context.Context, db *DB, query string) ([]Key, error) {
	rows, err := db.read.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	var out []Key
	var last string
	err = scanAll(rows, func() error {
		var table, key, column string
		if err := rows.Scan(&table, &key, &column); err != nil {
			return err
		}
		if id := table + "\x00" + key; id != last || len(out) == 0 {
			out = append(out, Key{Table: table})
			last = id
		}
		out[len(out)-1].Columns = append(out[len(out)-1].Columns, column)
		return nil
	})
	return out, err
}
