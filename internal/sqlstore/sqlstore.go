// Package sqlstore is the catalogue in SQL tables, written once for every
// SQL database Recto runs on. Packages sqlite and postgres open their
// database, migrate it, and hand this package a Dialect for what differs:
// placeholders, how to reserve Record IDs, how write transactions begin,
// and how errors are told apart. Queries are written with ? placeholders.
//
// Keeping one copy of the queries is what keeps the backends from drifting:
// the contract tests in package storetest hold both to the same results.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
)

// timeLayout stores times as fixed-width UTC text, which sorts as it reads
// in every database and collation.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Dialect is what differs between the SQL databases Recto stores in.
type Dialect interface {
	// Numbered reports whether placeholders are $1, $2, … rather than ?.
	Numbered() bool
	// Prepare reports whether to keep prepared statements in Go. SQLite
	// gains from it; pgx caches statements on each connection itself.
	Prepare() bool
	// Begin starts a write transaction. Writes are serialised, so that the
	// change log's order is the commit order and reserved IDs do not
	// collide. The Writer is ended with exactly one of Commit or Rollback.
	Begin(ctx context.Context) (Writer, error)
	// ReserveIDs reserves n new IDs of table's id column and returns the
	// first; the others follow it.
	ReserveIDs(ctx context.Context, tx *Tx, table string, n int) (int64, error)
	// Counter returns the largest ID that table's column col has handed
	// out, even if its row is gone; 0 for none.
	Counter(ctx context.Context, q Querier, table, col string) (int64, error)
	// SetCounter makes the IDs that table's column col hands out next
	// greater than both last and every ID in the table.
	SetCounter(ctx context.Context, tx *Tx, table, col string, last int64) error
	// Analyze refreshes the planner's statistics of table after a bulk
	// write, where the database keeps any.
	Analyze(ctx context.Context, table string) error
	// IsForeignKeyError reports whether err is a foreign key violation.
	IsForeignKeyError(err error) bool
	// Snapshot returns the options of a read-only transaction whose
	// statements all see the database as it was when it began.
	Snapshot() *sql.TxOptions
	// NoCase returns an ORDER BY term that sorts expr ignoring the case of
	// ASCII letters, byte by byte otherwise, as SQLite's NOCASE does.
	NoCase(expr string) string
	// Writing reports whether a write transaction is open, in this process
	// or another.
	Writing(ctx context.Context, q Querier) (bool, error)
}

// Writer is a write transaction begun by a Dialect. It ends with a
// successful Commit or with Rollback, which also follows a failed Commit.
type Writer interface {
	// Tx returns the transaction to run statements in, or nil when it runs
	// on the write connection given to New, begun with SQL.
	Tx() *sql.Tx
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// DB is an open archive. It implements every service interface of package
// recto.
type DB struct {
	// Now returns the current time; tests replace it to control stamps.
	Now func() time.Time

	dialect Dialect
	read    *sql.DB
	// readStmts caches prepared read statements: preparing costs as much as
	// running most of Recto's small queries.
	readStmts *stmtCache
	// writeStmts caches the write connection's statements, when the dialect
	// writes on one held connection; nil when writes run in transactions of
	// the pool.
	writeStmts  *stmtCache
	memo        memo
	authorities authorityCache
}

// New returns the archive whose tables read reaches, written through
// dialect. writeConn is the connection writes run on when the dialect
// holds one (its statements are then cached), nil otherwise.
func New(dialect Dialect, read *sql.DB, writeConn Preparer) *DB {
	db := &DB{Now: time.Now, dialect: dialect, read: read, readStmts: newStmtCache(read, dialect)}
	db.memo.init()
	if writeConn != nil {
		db.writeStmts = newStmtCache(writeConn, dialect)
	}
	return db
}

// Core returns db itself. The backends embed a DB, so their archives offer
// it too, for what works on any backend's tables, such as Copy.
func (db *DB) Core() *DB { return db }

// Close stops the computations under way and closes the cached
// statements; the pools belong to the caller.
func (db *DB) Close() error {
	db.memo.close()
	errs := []error{db.readStmts.close()}
	if db.writeStmts != nil {
		errs = append(errs, db.writeStmts.close())
	}
	return errors.Join(errs...)
}

// reads returns a Querier on the read pool that reuses prepared statements.
func (db *DB) reads() conn { return conn{cache: db.readStmts} }

// Tx is a write transaction with the time it started, so every stamp a
// change writes is the same.
type Tx struct {
	conn
	now     time.Time
	dialect Dialect
}

// update runs fn in a write transaction, records the change time of the
// archive and commits; any error rolls everything back.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	return db.write(ctx, func(tx *Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO archive_state (id, changed_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET changed_at = excluded.changed_at`, formatTime(tx.now)); err != nil {
			return fmt.Errorf("store: archive state: %w", err)
		}
		return nil
	})
}

// txKey keys the write transaction of Atomically in a context.
type txKey struct{ db *DB }

// Atomically calls fn with a context in which every write through db joins
// one transaction, committed when fn returns nil and rolled back otherwise.
func (db *DB) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.update(ctx, func(tx *Tx) error {
		return fn(context.WithValue(ctx, txKey{db}, tx))
	})
}

// write runs fn in a write transaction and commits; any error rolls
// everything back. Within Atomically, fn runs in its transaction.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if tx, ok := ctx.Value(txKey{db}).(*Tx); ok {
		return fn(tx)
	}
	w, err := db.dialect.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if err != nil {
			// Roll back even when ctx has ended, which is often why err is set.
			if rerr := w.Rollback(context.WithoutCancel(ctx)); rerr != nil {
				err = errors.Join(err, fmt.Errorf("store: rollback: %w", rerr))
			}
		}
	}()
	c := conn{cache: db.writeStmts, tx: w.Tx()}
	if c.cache == nil {
		c.cache = db.readStmts
	}
	tx := &Tx{conn: c, now: db.Now().UTC().Truncate(time.Microsecond), dialect: db.dialect}
	if err := tx.notBeforeLastChange(ctx); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := w.Commit(ctx); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notBeforeLastChange moves the transaction's time just after the
// archive's last change when the clock is not past it (set back, or another machine's
// after a copy): harvesters page by the change stamp, and one going back
// would hide the change from a harvest already past it. Writes are
// serialised, so the stamps of successive writes never decrease.
func (tx *Tx) notBeforeLastChange(ctx context.Context) error {
	var s string
	err := tx.QueryRowContext(ctx, `SELECT changed_at FROM archive_state WHERE id = 1`).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: last change: %w", err)
	}
	last, err := parseTime(s)
	if err == nil && !tx.now.After(last) {
		// A microsecond, the stamps' resolution, after it: a cursor
		// past (last change, Record ID) must still reach this write.
		tx.now = last.Add(time.Microsecond)
	}
	return err
}

// changed records a change of the record of the given kind in the change log.
func (tx *Tx) changed(ctx context.Context, kind recto.ChangeKind, id int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, id) VALUES (?, ?)`, string(kind), id); err != nil {
		return fmt.Errorf("store: change log: %w", err)
	}
	return nil
}

// Writing reports whether a write transaction is open, in this process or
// another.
func (db *DB) Writing(ctx context.Context) (bool, error) {
	busy, err := db.dialect.Writing(ctx, db.reads())
	if err != nil {
		return false, fmt.Errorf("store: look for writers: %w", err)
	}
	return busy, nil
}

// FindChanges returns at most limit changes after seq, oldest first.
func (db *DB) FindChanges(ctx context.Context, after int64, limit int) ([]recto.Change, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT seq, kind, id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: find changes: %w", err)
	}
	var changes []recto.Change
	err = scanAll(rows, func() error {
		var c recto.Change
		err := rows.Scan(&c.Seq, &c.Kind, &c.ID)
		changes = append(changes, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find changes: %w", err)
	}
	return changes, nil
}

// LatestChange returns the sequence number of the newest change, 0 for none.
func (db *DB) LatestChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := db.reads().QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("store: latest change: %w", err)
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
		return time.Time{}, fmt.Errorf("store: last change: %w", err)
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
		return time.Time{}, fmt.Errorf("store: bad stored time %q: %w", s, err)
	}
	return t, nil
}

// refError turns a write error into a field error when a referenced record
// does not exist, and wraps any other error.
func (tx *Tx) refError(err error, field, what string) error {
	switch {
	case err == nil:
		return nil
	case tx.dialect.IsForeignKeyError(err):
		return invalidField(field, "unknown "+what)
	}
	return fmt.Errorf("store: write %s: %w", field, err)
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// numbered rewrites the ? placeholders of query as $1, $2, …. Recto's
// queries hold no ? inside string literals.
func numbered(query string) string {
	n := strings.Count(query, "?")
	if n == 0 {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + n*4)
	i := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		i++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(i))
	}
	return b.String()
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

// insertRecord inserts a row of table with the given columns and sets *id
// to its Record ID: the one *id holds when positive and free, as restoring
// an export needs, or a new one. field names the ID in errors.
func (tx *Tx) insertRecord(ctx context.Context, table, field string, id *int64, cols []string, args ...any) error {
	if *id <= 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO `+table+` (`+strings.Join(cols, ", ")+`) VALUES (`+
			placeholders(len(cols))+`) RETURNING id`, args...).Scan(id)
		return tx.refError(err, field, field)
	}
	if err := tx.keepID(ctx, table, []int64{*id}, 0, func(int) string { return "id" }); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (id, `+strings.Join(cols, ", ")+`) VALUES (`+
		placeholders(len(cols)+1)+`)`, append([]any{*id}, args...)...)
	return tx.refError(err, field, field)
}

// keepID checks that no row of table has one of ids, and moves the table's
// ID counter past them, so that IDs handed out later do not collide. field
// names each ID in errors, by its index; an ID at or above floor (0 for
// none), where the store gives IDs itself, is said to be there.
func (tx *Tx) keepID(ctx context.Context, table string, ids []int64, floor int64, field func(i int) string) error {
	refs := make([]reference, len(ids))
	var last int64
	for i, id := range ids {
		refs[i] = reference{doc: i, id: id}
		last = max(last, id)
	}
	free, err := missingIDs(ctx, tx, table, refs)
	if err != nil {
		return err
	}
	// free keeps the order of refs: the first ref it lacks is taken.
	for i, r := range refs {
		if len(free) == 0 || free[0] != r {
			msg := fmt.Sprintf("Record ID %d is taken", r.id)
			if floor > 0 && r.id >= floor {
				msg += fmt.Sprintf(": Record IDs from %d up are the ones Recto gives documents itself "+
					"(the archive's Record ID floor, recto settings --record-id-floor)", floor)
			}
			return invalidField(field(i), msg)
		}
		free = free[1:]
	}
	return tx.dialect.SetCounter(ctx, tx, table, "id", last)
}
