// Package postgres is Recto's scale-out storage backend: the catalogue in a
// PostgreSQL database, through pgx and its connection pool. The queries live
// in internal/sqlstore, shared with the SQLite backend; this package opens
// the pools, migrates the schema and tells sqlstore how PostgreSQL differs.
//
// Several Recto processes may share one database. Unlike the embedded
// backend, opening does not migrate: an operator runs Migrate (recto
// migrate) when upgrading, and Open refuses a schema that is behind.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/recto-archive/recto/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// lockKey is the advisory lock that serialises Recto's write transactions
// and its migrations; any constant unlikely to clash with another program
// sharing the database will do.
const lockKey = 0x5265_6374_6f00 // "Recto\0"

// Migrations are the PostgreSQL schema's migrations.
var Migrations = sqlstore.Migrations{
	FS:       mustSub(migrationFS, "migrations"),
	Lock:     fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey),
	Numbered: true,
}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// IsURL reports whether s names a PostgreSQL database rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// DB is an open Recto archive in PostgreSQL. It implements every service
// interface of package recto.
type DB struct {
	*sqlstore.DB
	pool *pgxpool.Pool
	sql  *sql.DB
}

// Options adjust Open.
type Options struct {
	// Migrate applies pending migrations instead of refusing to open.
	Migrate bool
}

// ErrSchemaBehind is returned by Open when the database lacks migrations
// that this version of Recto needs.
var ErrSchemaBehind = errors.New("the database schema is older than this version of Recto")

// Open connects to the database at url (a postgres:// URL or a libpq
// connection string). It fails with ErrSchemaBehind when the schema lacks
// migrations, unless opts.Migrate is set.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{pool: pool, sql: stdlib.OpenDBFromPool(pool)}
	if err := db.prepareSchema(ctx, opts.Migrate); err != nil {
		db.Close()
		return nil, err
	}
	db.DB = sqlstore.New(dialect{db}, db.sql, nil)
	return db, nil
}

// prepareSchema migrates, or checks that nothing is left to migrate.
func (db *DB) prepareSchema(ctx context.Context, migrate bool) error {
	if migrate {
		if _, err := Migrations.Apply(ctx, db.sql, time.Now()); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		return nil
	}
	pending, err := Migrations.Pending(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if len(pending) > 0 {
		return fmt.Errorf("postgres: %w: %d migration(s) to apply, %s first; run `recto migrate`, or start with --migrate",
			ErrSchemaBehind, len(pending), pending[0])
	}
	return nil
}

// Migrate applies every pending migration to the database at url and
// returns the names it applied.
func Migrate(ctx context.Context, url string) ([]string, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	defer pool.Close()
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	applied, err := Migrations.Apply(ctx, db, time.Now())
	if err != nil {
		return applied, fmt.Errorf("postgres: %w", err)
	}
	return applied, nil
}

// Size returns the size of the database on disk, in bytes.
func (db *DB) Size(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: size: %w", err)
	}
	return n, nil
}

// Close closes the statements and the pool.
func (db *DB) Close() error {
	var errs []error
	if db.DB != nil {
		errs = append(errs, db.DB.Close())
	}
	errs = append(errs, db.sql.Close())
	db.pool.Close()
	return errors.Join(errs...)
}

// dialect is how PostgreSQL differs, for sqlstore.
type dialect struct{ db *DB }

func (dialect) Numbered() bool { return true }

// Prepare is false: pgx prepares and caches each statement on each
// connection by itself.
func (dialect) Prepare() bool { return false }

// NoCase lowers expr; the columns sorted so are COLLATE "C", whose lower()
// folds ASCII letters only, as SQLite's NOCASE does.
func (dialect) NoCase(expr string) string { return "lower(" + expr + ")" }

// IsForeignKeyError reports a foreign_key_violation.
func (dialect) IsForeignKeyError(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23503"
}

// Begin begins a transaction holding the write lock, so that writes from
// every process commit one at a time and the change log's order is their
// commit order.
func (d dialect) Begin(ctx context.Context) (sqlstore.Writer, error) {
	tx, err := d.db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockKey)); err != nil {
		return nil, errors.Join(err, tx.Rollback())
	}
	return writer{tx}, nil
}

// ReserveIDs takes n numbers from table's identity sequence at once.
func (dialect) ReserveIDs(ctx context.Context, tx *sqlstore.Tx, table string, n int) (int64, error) {
	if n == 0 {
		return 0, nil
	}
	seq := fmt.Sprintf("pg_get_serial_sequence('%s', 'id')", table)
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT setval(`+seq+`, nextval(`+seq+`) + ? - 1)`, n).Scan(&last)
	return last - int64(n) + 1, err
}

// writer is a transaction of the pool.
type writer struct{ tx *sql.Tx }

func (w writer) Tx() *sql.Tx                      { return w.tx }
func (w writer) Commit(ctx context.Context) error { return w.tx.Commit() }

// Rollback rolls back; after a failed Commit there is nothing left to do.
func (w writer) Rollback(ctx context.Context) error {
	if err := w.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}
