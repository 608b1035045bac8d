// Package sqlite is Recto's embedded storage backend: the catalogue in one
// SQLite file, through the pure-Go github.com/ncruces/go-sqlite3 driver.
// The queries live in internal/sqlstore; this package opens the file,
// migrates it and tells sqlstore how SQLite differs.
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
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"

	"github.com/recto-archive/recto/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations are the SQLite schema's migrations.
var Migrations = sqlstore.Migrations{FS: migrationFS}

// DB is an open Recto archive in a SQLite file. It implements every service
// interface of package recto.
type DB struct {
	*sqlstore.DB
	write *sql.DB
	read  *sql.DB

	// wconn is the one write connection, held for good so that its prepared
	// statements serve every write transaction.
	wconn   *sql.Conn
	writing sync.Mutex // one write transaction at a time on wconn
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
	db, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}

func open(ctx context.Context, path string) (*DB, error) {
	db := &DB{bulkBelow: bulkBelow}
	var err error
	if db.write, err = openWriter(path); err != nil {
		return nil, err
	}
	db.write.SetMaxOpenConns(1)
	if db.read, err = driver.Open(dsn(path) + "?_txlock=deferred" + pragmas + "&_pragma=query_only(1)"); err != nil {
		db.write.Close()
		return nil, err
	}
	db.read.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	// Keep read connections: each is a WebAssembly sandbox, costly to create.
	db.read.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
	fail := func(err error) (*DB, error) {
		db.Close()
		return nil, err
	}
	if _, err := Migrations.Apply(ctx, db.write, time.Now()); err != nil {
		return fail(err)
	}
	if db.wconn, err = db.write.Conn(ctx); err != nil {
		return fail(err)
	}
	// A large page cache for the writer keeps bulk imports from rereading
	// index pages; the readers keep SQLite's default.
	if _, err := db.wconn.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return fail(err)
	}
	db.DB = sqlstore.New(dialect{db}, db.read, db.wconn)
	if err := db.ensureIndexes(ctx); err != nil {
		return fail(err)
	}
	if err := db.optimize(ctx, optimizeAtOpen); err != nil {
		return fail(err)
	}
	return db, nil
}

// PRAGMA optimize masks: at open, every table is checked, as SQLite
// advises for connections that live long; at close and after a bulk load,
// those this connection wrote.
const (
	optimizeAtOpen = "0x10002"
	optimizeAtEnd  = "0x02"
)

// optimize refreshes the query planner's statistics of the tables that
// need it (none, or a few whose size changed tenfold), reading at most a
// thousand rows of each index, so that it costs milliseconds at any size.
// Without statistics SQLite takes an equality on the documents' status for
// a narrow one, and counting the places of published documents visited
// every document once per place: 10.8 s at 100,000 documents instead of
// 11 ms.
func (db *DB) optimize(ctx context.Context, mask string) error {
	if _, err := db.wconn.ExecContext(ctx, `PRAGMA analysis_limit = 1000`); err != nil {
		return fmt.Errorf("analysis limit: %w", err)
	}
	if _, err := db.wconn.ExecContext(ctx, `PRAGMA optimize = `+mask); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	return nil
}

// pragmas set up every connection. WAL lets readers work beside the
// writer; foreign keys are off by default in SQLite and must be enabled on
// every connection; synchronous=NORMAL is safe in WAL mode and avoids an
// fsync per commit.
const pragmas = "&_pragma=busy_timeout(" + busyTimeout + ")&_pragma=foreign_keys(1)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)"

// openWriter opens the pool of the one write connection.
func openWriter(path string) (*sql.DB, error) {
	return driver.Open(dsn(path) + "?_txlock=immediate" + pragmas)
}

// Migrate applies the migrations the archive at path lacks, creating it if
// missing, and returns their names. Open does as much; Migrate says what
// it did, for recto migrate.
func Migrate(ctx context.Context, path string) ([]string, error) {
	if path == "" {
		return nil, fmt.Errorf("sqlite: no database path given")
	}
	db, err := openWriter(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer db.Close()
	applied, err := Migrations.Apply(ctx, db, time.Now())
	if err != nil {
		return applied, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return applied, nil
}

// dsn turns a file path into a SQLite URI, escaping characters such as '?'.
func dsn(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath()
}

// Close closes the cached statements and both pools.
func (db *DB) Close() error {
	var errs []error
	if db.DB != nil {
		errs = append(errs, db.DB.Close())
	}
	if db.wconn != nil {
		// What this connection wrote (an import, a load) may have moved
		// the statistics every later connection plans with. It is worth a
		// try, not a failure: another process may hold the write lock.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		db.optimize(ctx, optimizeAtEnd)
		cancel()
		errs = append(errs, db.wconn.Close())
	}
	return errors.Join(append(errs, db.write.Close(), db.read.Close())...)
}

// dialect is how SQLite differs, for sqlstore.
type dialect struct{ db *DB }

func (dialect) Numbered() bool { return false }
func (dialect) Prepare() bool  { return true }

func (dialect) NoCase(expr string) string { return expr + " COLLATE NOCASE" }

// Snapshot is a deferred read transaction: in WAL mode it reads one
// snapshot from its first statement on.
func (dialect) Snapshot() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

func (dialect) IsForeignKeyError(err error) bool { return isForeignKeyError(err) }

// Begin begins a write transaction with SQL on the held write connection
// rather than through database/sql's Tx, because statements prepared on a
// Conn cannot be reused by its Tx: this way every write transaction runs the
// statements prepared once. writing serialises the transactions.
func (d dialect) Begin(ctx context.Context) (sqlstore.Writer, error) {
	d.db.writing.Lock()
	if _, err := d.db.wconn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		d.db.writing.Unlock()
		return nil, err
	}
	return writer(d), nil
}

// Writing reports whether a write transaction is open: one of this process
// holds the writing lock; one of another process holds SQLite's, which an
// attempt to take it without waiting finds.
func (d dialect) Writing(ctx context.Context, _ sqlstore.Querier) (bool, error) {
	if !d.db.writing.TryLock() {
		return true, nil
	}
	defer d.db.writing.Unlock()
	if _, err := d.db.wconn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return false, err
	}
	defer d.db.wconn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = `+busyTimeout)
	if _, err := d.db.wconn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		if errors.Is(err, sqlite3.BUSY) {
			return true, nil
		}
		return false, err
	}
	_, err := d.db.wconn.ExecContext(ctx, `ROLLBACK`)
	return false, err
}

// busyTimeout is how many milliseconds a statement waits for another
// connection's lock before failing.
const busyTimeout = "10000"

// ReserveIDs reads the next free IDs; they are taken by the inserts that
// follow in the same transaction. Documents have AUTOINCREMENT, so that a
// Record ID is never reused, even after a delete: its counter is kept in
// sqlite_sequence. Other tables reuse the largest ID's successor.
func (dialect) ReserveIDs(ctx context.Context, tx *sqlstore.Tx, table string, n int) (int64, error) {
	query := `SELECT coalesce(max(id), 0) FROM ` + table
	if table == "documents" {
		query = `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'documents'), 0)`
	}
	var last int64
	err := tx.QueryRowContext(ctx, query).Scan(&last)
	return last + 1, err
}

// Analyze does nothing: a SQLite archive gathers its planner's statistics
// itself when opened and closed (DB.optimize).
func (dialect) Analyze(context.Context, string) error { return nil }

// autoincrement lists the tables whose IDs SQLite never reuses; it keeps
// their counters in sqlite_sequence.
var autoincrement = map[string]bool{"documents": true, "changes": true}

// Counter returns the largest ID handed out: for AUTOINCREMENT tables the
// counter SQLite keeps, for others the largest in the table.
func (dialect) Counter(ctx context.Context, q sqlstore.Querier, table, col string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
		coalesce((SELECT max(`+col+`) FROM `+table+`), 0))`, table).Scan(&n)
	return n, err
}

// SetCounter raises an AUTOINCREMENT table's counter to last; other tables
// take the successor of their largest ID, which the copied rows set.
func (dialect) SetCounter(ctx context.Context, tx *sqlstore.Tx, table, col string, last int64) error {
	if !autoincrement[table] {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, table, table); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?`, last, table)
	return err
}

// writer is a write transaction on the held write connection.
type writer struct{ db *DB }

func (writer) Tx() *sql.Tx { return nil }

// Commit commits. A failed COMMIT leaves the transaction open, for the
// Rollback that must follow.
func (w writer) Commit(ctx context.Context) error {
	if _, err := w.db.wconn.ExecContext(ctx, `COMMIT`); err != nil {
		return err
	}
	w.db.writing.Unlock()
	return nil
}

func (w writer) Rollback(ctx context.Context) error {
	defer w.db.writing.Unlock()
	_, err := w.db.wconn.ExecContext(ctx, `ROLLBACK`)
	return err
}

// isForeignKeyError reports whether err is a foreign key constraint failure,
// which Recto turns into a validation error naming the field that caused it.
func isForeignKeyError(err error) bool {
	var e *sqlite3.Error
	return errors.As(err, &e) && e.ExtendedCode() == sqlite3.CONSTRAINT_FOREIGNKEY
}

// Backup writes a consistent copy of the archive at path to out, also
// while other connections and processes write to it: VACUUM INTO reads the
// archive in one read transaction, which in WAL mode holds up no writer,
// and writes a compact copy. out is replaced only once the copy is
// complete, and is as readable as the archive. The archive is neither
// created nor migrated.
func Backup(ctx context.Context, path, out string) error {
	if err := backup(ctx, path, out); err != nil {
		return fmt.Errorf("sqlite: back up %s: %w", path, err)
	}
	return nil
}

func backup(ctx context.Context, path, out string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if same, err := os.Stat(out); err == nil && os.SameFile(info, same) {
		return fmt.Errorf("%s is the archive itself", out)
	}
	db, err := driver.Open(dsn(path) + "?_pragma=busy_timeout(" + busyTimeout + ")")
	if err != nil {
		return err
	}
	defer db.Close()
	var migrations int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&migrations); err != nil {
		return fmt.Errorf("not a Recto archive: %w", err)
	}
	// VACUUM INTO writes into a file that does not exist or is empty.
	tmp, err := os.CreateTemp(filepath.Dir(out), filepath.Base(out)+".tmp-*")
	if err != nil {
		return err
	}
	tmp.Close()
	if _, err = db.ExecContext(ctx, `VACUUM INTO ?`, tmp.Name()); err == nil {
		if err = os.Chmod(tmp.Name(), info.Mode().Perm()); err == nil {
			err = os.Rename(tmp.Name(), out)
		}
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
