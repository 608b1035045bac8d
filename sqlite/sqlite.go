// Package sqlite is Recto's embedded storage backend: the catalogue in one
// SQLite file, through the pure-Go github.com/ncruces/go-sqlite3 driver.
//
// A DB holds two connection pools on the same file: one connection for writes,
// so writers queue in Go instead of failing with SQLITE_BUSY, and several for
// reads, which WAL mode lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"

	"github.com/recto-archive/recto"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// timeLayout stores times as fixed-width UTC text, which sorts as it reads.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// DB is an open Recto archive in a SQLite file. It implements every service
// interface of package recto.
type DB struct {
	write *sql.DB
	read  *sql.DB
	// Now returns the current time; tests replace it to control stamps.
	Now func() time.Time

	// wconn is the one write connection, held for good so that its prepared
	// statements (writeStmts) serve every write transaction.
	wconn *sql.Conn
	// readStmts and writeStmts cache prepared statements: preparing costs as
	// much as running most of Recto's small queries.
	readStmts, writeStmts *stmtCache
	writing               sync.Mutex // one write transaction at a time on wconn
	// bulkDepth counts the BeginBulk calls not yet ended; bulkDropped says
	// whether the outermost dropped the deferred indexes. bulkBelow is the
	// archive size from which a bulk load keeps them (see BeginBulk).
	bulkDepth   int
	bulkDropped bool
	bulkBelow   int
}

// Open opens (creating if needed) the archive at path and brings its schema
// up to date. The embedded backend migrates on open: it has one user, the
// process that opened it.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: no database path given")
	}
	db := &DB{Now: time.Now, bulkBelow: bulkBelow}
	var err error
	// WAL lets readers work beside the writer; foreign keys are off by default
	// in SQLite and must be enabled on every connection; synchronous=NORMAL is
	// safe in WAL mode and avoids an fsync per commit.
	pragmas := "&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)"
	if db.write, err = driver.Open(dsn(path) + "?_txlock=immediate" + pragmas); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	if db.read, err = driver.Open(dsn(path) + "?_txlock=deferred" + pragmas + "&_pragma=query_only(1)"); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.read.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	// Keep read connections: each is a WebAssembly sandbox, costly to create.
	db.read.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
	db.readStmts = newStmtCache(db.read)
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.wconn, err = db.write.Conn(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// A large page cache for the writer keeps bulk imports from rereading
	// index pages; the readers keep SQLite's default.
	if _, err := db.wconn.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.writeStmts = newStmtCache(db.wconn)
	if err := db.ensureIndexes(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}

// dsn turns a file path into a SQLite URI, escaping characters such as '?'.
func dsn(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath()
}

// Close closes the cached statements and both pools.
func (db *DB) Close() error {
	errs := []error{db.readStmts.close()}
	if db.wconn != nil {
		errs = append(errs, db.writeStmts.close(), db.wconn.Close())
	}
	return errors.Join(append(errs, db.write.Close(), db.read.Close())...)
}

// reads returns a querier on the read pool that reuses prepared statements.
func (db *DB) reads() conn { return conn{cache: db.readStmts} }

// migrate applies, in name order, every embedded migration not yet recorded,
// each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("sqlite: list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.applyMigration(ctx, name); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`,
		name, formatTime(db.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Tx is a write transaction with the time it started, so every stamp a
// change writes is the same. Its statements come from the write cache.
type Tx struct {
	conn
	now time.Time
}

// update runs fn in a write transaction, records the change time of the
// archive and commits; any error rolls everything back.
//
// The transaction is begun and ended with SQL on the held write connection
// rather than through database/sql's Tx, because statements prepared on a
// Conn cannot be reused by its Tx: this way every write transaction runs the
// statements prepared once. writing serialises the transactions.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	db.writing.Lock()
	defer db.writing.Unlock()
	if _, err := db.wconn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer func() {
		if err != nil {
			// Roll back even when ctx has ended, which is often why err is set.
			if _, rerr := db.wconn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); rerr != nil {
				err = errors.Join(err, fmt.Errorf("sqlite: rollback: %w", rerr))
			}
		}
	}()
	tx := &Tx{conn: conn{cache: db.writeStmts}, now: db.Now().UTC().Truncate(time.Microsecond)}
	if err := fn(tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO archive_state (id, changed_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET changed_at = excluded.changed_at`, formatTime(tx.now)); err != nil {
		return fmt.Errorf("sqlite: archive state: %w", err)
	}
	if _, err := db.wconn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// changed records a change of the record of the given kind in the change log.
func (tx *Tx) changed(ctx context.Context, kind recto.ChangeKind, id int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, id) VALUES (?, ?)`, string(kind), id); err != nil {
		return fmt.Errorf("sqlite: change log: %w", err)
	}
	return nil
}

// FindChanges returns at most limit changes after seq, oldest first.
func (db *DB) FindChanges(ctx context.Context, after int64, limit int) ([]recto.Change, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT seq, kind, id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find changes: %w", err)
	}
	var changes []recto.Change
	err = scanAll(rows, func() error {
		var c recto.Change
		err := rows.Scan(&c.Seq, &c.Kind, &c.ID)
		changes = append(changes, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: find changes: %w", err)
	}
	return changes, nil
}

// LatestChange returns the sequence number of the newest change, 0 for none.
func (db *DB) LatestChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := db.reads().QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqlite: latest change: %w", err)
	}
	return seq.Int64, nil
}

// LastChange returns when anything in the archive last changed, or the zero
// time for an archive never written to.
func (db *DB) LastChange(ctx context.Context) (time.Time, error) {
	var s string
	err := db.reads().QueryRowContext(ctx, `SELECT changed_at FROM archive_state WHERE id = 1`).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: last change: %w", err)
	}
	return parseTime(s)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: bad stored time %q: %w", s, err)
	}
	return t, nil
}

// isForeignKeyError reports whether err is a foreign key constraint failure,
// which Recto turns into a validation error naming the field that caused it.
func isForeignKeyError(err error) bool {
	var e *sqlite3.Error
	return errors.As(err, &e) && e.ExtendedCode() == sqlite3.CONSTRAINT_FOREIGNKEY
}

// refError turns a write error into a field error when a referenced record
// does not exist, and wraps any other error.
func refError(err error, field, what string) error {
	switch {
	case err == nil:
		return nil
	case isForeignKeyError(err):
		return invalidField(field, "unknown "+what)
	}
	return fmt.Errorf("sqlite: write %s: %w", field, err)
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// statusArgs returns the statuses as query arguments.
func statusArgs(status []recto.Status) []any {
	args := make([]any, len(status))
	for i, s := range status {
		args[i] = string(s)
	}
	return args
}

// nullInt64 returns NULL for 0, for optional references.
func nullInt64(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}
