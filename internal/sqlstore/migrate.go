package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"time"
)

// Migrations are a backend's schema changes: SQL files applied in name
// order, each once, each in its own transaction, recorded in the table
// schema_migrations.
type Migrations struct {
	// FS holds the files as migrations/*.sql. A migration is recorded by
	// its path in FS, "migrations/0001_catalogue.sql": archives already
	// migrated depend on the names staying as they are.
	FS fs.FS
	// Lock, when set, is a statement run first in every migration's
	// transaction to keep two processes from migrating at once.
	Lock string
	// Numbered placeholders ($1) rather than ?.
	Numbered bool
}

// names lists the migration files in the order they apply.
func (m Migrations) names() ([]string, error) {
	names, err := fs.Glob(m.FS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

// Conn is a pool, or one connection of it, that migrations run on.
type Conn interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	PingContext(ctx context.Context) error
}

func (m Migrations) rebind(query string) string {
	if m.Numbered {
		return numbered(query)
	}
	return query
}

// Pending lists the migrations not yet applied to db, in the order they
// would apply. A database that answers but has no schema_migrations table
// has every migration pending.
func (m Migrations) Pending(ctx context.Context, db Conn) ([]string, error) {
	names, err := m.names()
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	if rows, err := db.QueryContext(ctx, `SELECT name FROM schema_migrations`); err == nil {
		err = scanAll(rows, func() error {
			var name string
			err := rows.Scan(&name)
			applied[name] = true
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read applied migrations: %w", err)
		}
	}
	var pending []string
	for _, name := range names {
		if !applied[name] {
			pending = append(pending, name)
		}
	}
	return pending, nil
}

// Apply applies every pending migration and returns the names it applied.
func (m Migrations) Apply(ctx context.Context, db Conn, now time.Time) ([]string, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("migrations table: %w", err)
	}
	names, err := m.names()
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, name := range names {
		done, err := m.apply(ctx, db, name, now)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", name, err)
		}
		if done {
			applied = append(applied, name)
		}
	}
	return applied, nil
}

// apply applies one migration unless it was applied before.
func (m Migrations) apply(ctx context.Context, db Conn, name string, now time.Time) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if m.Lock != "" {
		if _, err := tx.ExecContext(ctx, m.Lock); err != nil {
			return false, err
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, m.rebind(`SELECT count(*) FROM schema_migrations WHERE name = ?`), name).Scan(&n); err != nil {
		return false, err
	} else if n > 0 {
		return false, nil
	}
	body, err := fs.ReadFile(m.FS, name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, m.rebind(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`),
		name, formatTime(now)); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
