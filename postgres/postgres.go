// Package postgres is Recto's scale-out storage backend: the catalogue in a
// PostgreSQL database, through pgx and its connection pool. The queries live
// in internal/sqlstore, shared with the SQLite backend; this package opens
// the pools, migrates the schema and tells sqlstore how PostgreSQL differs.
//
// Several Recto processes may share one database. Unlike the embedded
// backend, opening migrates only an empty schema, which it creates: an
// operator runs Migrate (recto migrate) when upgrading, and Open refuses a
// schema that is behind, and one that holds tables not Recto's.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

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
	FS:       migrationFS,
	Lock:     fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey),
	Numbered: true,
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
	sql  *sql.DB // the primary: every write, migrations
	// readPool and read serve reads when a replica is given; nil otherwise.
	readPool *pgxpool.Pool
	read     *sql.DB
}

// Options adjust Open.
type Options struct {
	// Migrate applies pending migrations instead of refusing to open.
	Migrate bool
	// ReadURL, when set, names a read-only replica (or any other connection)
	// that serves every read outside a write transaction. A replica lags
	// its primary: a page read just after a write may not show it yet, and
	// search shows it once the replica has it.
	ReadURL string
}

// ErrSchemaBehind is returned by Open when the database lacks migrations
// that this version of Recto needs.
var ErrSchemaBehind = errors.New("the database schema is older than this version of Recto")

// ErrForeignSchema is returned by Open and Migrate when the schema Recto
// would use holds tables but not Recto's: another program's database, or
// a search_path naming the wrong schema.
var ErrForeignSchema = errors.New("the database schema holds tables that are not Recto's")

// Open connects to the database at url (a postgres:// URL or a libpq
// connection string). It creates the schema of an empty database. It fails
// with ErrSchemaBehind when the schema lacks migrations, unless
// opts.Migrate is set, and with ErrForeignSchema when the schema holds
// other tables.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	pool, primary, err := connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{pool: pool, sql: primary}
	if err := db.prepareSchema(ctx, opts.Migrate); err != nil {
		db.Close()
		return nil, err
	}
	reads := db.sql
	if opts.ReadURL != "" {
		if db.readPool, db.read, err = connect(ctx, opts.ReadURL); err != nil {
			db.Close()
			return nil, fmt.Errorf("postgres: read replica: %w", err)
		}
		if err := db.read.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("postgres: read replica: %w", err)
		}
		reads = db.read
	}
	db.DB = sqlstore.New(dialect{db}, reads, nil)
	return db, nil
}

// prepareSchema migrates an empty schema, or any of Recto's when migrate
// is set, and otherwise checks that nothing is left to migrate.
func (db *DB) prepareSchema(ctx context.Context, migrate bool) error {
	return underLock(ctx, db.sql, func(conn *sql.Conn) error {
		empty, err := checkSchema(ctx, conn)
		if err != nil {
			return err
		}
		if migrate || empty {
			_, err := Migrations.Apply(ctx, conn, time.Now())
			return err
		}
		pending, err := Migrations.Pending(ctx, conn)
		if err != nil {
			return err
		}
		if len(pending) > 0 {
			return fmt.Errorf("%w: %d migration(s) to apply, %s first; run `recto migrate`, or start with --migrate",
				ErrSchemaBehind, len(pending), pending[0])
		}
		return nil
	})
}

// Migrate applies every pending migration to the database at url and
// returns the names it applied.
func Migrate(ctx context.Context, url string) (applied []string, err error) {
	pool, db, err := connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	defer pool.Close()
	defer db.Close()
	err = underLock(ctx, db, func(conn *sql.Conn) error {
		if _, err := checkSchema(ctx, conn); err != nil {
			return err
		}
		applied, err = Migrations.Apply(ctx, conn, time.Now())
		return err
	})
	return applied, err
}

// underLock runs fn on one connection that holds the lock of writes and
// migrations throughout, so that processes starting at once on a new or
// older schema decide about it one after the other: the first migrates,
// the others find it done rather than half done.
func underLock(ctx context.Context, db *sql.DB, fn func(conn *sql.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(lockKey)); err != nil {
		return fmt.Errorf("postgres: lock the schema: %w", err)
	}
	// Unlock even when ctx has ended: the connection goes back to the pool.
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(lockKey))
	if err := fn(conn); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// checkSchema reports whether the schema Recto's tables go in (the first
// of the search_path that exists) is empty, and fails with
// ErrForeignSchema when it holds relations but no Recto schema, naming a
// few of them: migrating would mix Recto's tables into another program's.
func checkSchema(ctx context.Context, db *sql.Conn) (empty bool, err error) {
	var schema, database sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT current_schema(), current_database()`).Scan(&schema, &database); err != nil {
		return false, err
	}
	if !schema.Valid {
		return false, fmt.Errorf("database %q: no schema of the search_path exists to hold Recto's tables", database.String)
	}
	rows, err := db.QueryContext(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname`, schema.String)
	if err != nil {
		return false, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, fmt.Errorf("list tables: %w", err)
		}
		if name == "schema_migrations" {
			return false, nil
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("list tables: %w", err)
	}
	if len(tables) == 0 {
		return true, nil
	}
	if len(tables) > 5 {
		tables = append(tables[:5], "…")
	}
	return false, fmt.Errorf("%w: schema %q of database %q holds %s and no Recto schema; give Recto an empty database, or a schema of its own (search_path=NAME in the URL)",
		ErrForeignSchema, schema.String, database.String, strings.Join(tables, ", "))
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
	if db.read != nil {
		errs = append(errs, db.read.Close())
		db.readPool.Close()
	}
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

// Snapshot is REPEATABLE READ: PostgreSQL's default, READ COMMITTED, lets
// each statement see the commits made since the one before, and a document
// read in several statements could mix two versions.
func (dialect) Snapshot() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
}

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

// Writing reports whether a write transaction is open: whether a session
// of this database holds the advisory lock that write transactions take (a
// bigint key shows in pg_locks as its high and low 32 bits).
func (dialect) Writing(ctx context.Context, q sqlstore.Querier) (bool, error) {
	var busy bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND classid = ? AND objid = ? AND objsubid = 1)`, int64(lockKey>>32), int64(lockKey&0xffff_ffff)).Scan(&busy)
	return busy, err
}

// Counter returns the last value of the column's identity sequence, or 0
// when it has handed out none.
func (dialect) Counter(ctx context.Context, q sqlstore.Querier, table, col string) (int64, error) {
	var seq string
	if err := q.QueryRowContext(ctx, `SELECT pg_get_serial_sequence(?, ?)`, table, col).Scan(&seq); err != nil {
		return 0, err
	}
	var n int64
	err := q.QueryRowContext(ctx, `SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM `+seq).Scan(&n)
	return n, err
}

// SetCounter moves the identity sequence past last and past every ID in
// the table: rows copied in with their IDs do not advance it.
func (dialect) SetCounter(ctx context.Context, tx *sqlstore.Tx, table, col string, last int64) error {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT greatest(CAST(? AS bigint), coalesce(max(`+col+`), 0)) FROM `+table, last).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, ?), ?)`, table, col, n)
	return err
}

// Analyze gathers the planner's statistics of table.
func (d dialect) Analyze(ctx context.Context, table string) error {
	_, err := d.db.sql.ExecContext(ctx, `ANALYZE `+table)
	return err
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
