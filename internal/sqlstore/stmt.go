package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// maxCachedStatements bounds a statement cache; queries with IN lists of
// many lengths would otherwise grow it without end.
const maxCachedStatements = 1000

// Preparer is a pool or a connection.
type Preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// stmtCache holds the prepared statements of a pool or a connection, by
// query text, and rewrites placeholders for the dialect.
type stmtCache struct {
	pool     Preparer
	numbered bool // rewrite ? as $n
	keep     bool // prepare and keep statements; false leaves it to the driver
	stmts    sync.Map
	count    atomic.Int32
	pending  sync.Map // queries being prepared in the background

	// bg counts the background preparations; close waits for them, so
	// that none opens a connection while the pool is being closed (on
	// SQLite that recreates files of a database being removed).
	bgMu   sync.Mutex
	bg     sync.WaitGroup
	closed bool
}

func newStmtCache(pool Preparer, d Dialect) *stmtCache {
	return &stmtCache{pool: pool, numbered: d.Numbered(), keep: d.Prepare()}
}

// rebind returns query with the dialect's placeholders.
func (c *stmtCache) rebind(query string) string {
	if c.numbered {
		return numbered(query)
	}
	return query
}

// prepared returns the cached statement for query, preparing it on first
// use, or nil when the cache is full or does not keep statements.
func (c *stmtCache) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	if !c.keep {
		return nil, nil
	}
	if s, ok := c.stmts.Load(query); ok {
		return s.(*sql.Stmt), nil
	}
	if c.count.Load() >= maxCachedStatements {
		return nil, nil
	}
	s, err := c.pool.PrepareContext(ctx, c.rebind(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := c.stmts.LoadOrStore(query, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	c.count.Add(1)
	return s, nil
}

// cached returns the statement prepared for query, or nil.
func (c *stmtCache) cached(query string) *sql.Stmt {
	if s, ok := c.stmts.Load(query); ok {
		return s.(*sql.Stmt)
	}
	return nil
}

// prepareLater prepares query on the pool in the background, once. An
// error is dropped: the query keeps running unprepared, where the same
// error would surface.
func (c *stmtCache) prepareLater(query string) {
	if !c.keep || c.count.Load() >= maxCachedStatements {
		return
	}
	if _, busy := c.pending.LoadOrStore(query, true); busy {
		return
	}
	c.bgMu.Lock()
	defer c.bgMu.Unlock()
	if c.closed {
		return
	}
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		defer c.pending.Delete(query)
		c.prepared(context.Background(), query)
	}()
}

func (c *stmtCache) close() error {
	c.bgMu.Lock()
	c.closed = true
	c.bgMu.Unlock()
	c.bg.Wait()
	var errs []error
	c.stmts.Range(func(_, s any) bool {
		errs = append(errs, s.(*sql.Stmt).Close())
		return true
	})
	return errors.Join(errs...)
}

// conn runs queries on a cache's pool or connection, or in tx when set,
// through prepared statements. A statement is prepared once on its
// connection; a transaction on the same connection reuses it.
type conn struct {
	cache *stmtCache
	tx    *sql.Tx
}

// stmt returns the statement to run query with, or nil to run the query
// unprepared. A transaction's copy closes with the transaction.
//
// In a transaction of a pool, preparing on the pool would wait for another
// of its connections while this one is held, and with every connection
// held so, nothing would move until the requests timed out (16 clients
// reading document pages did it). So a statement not yet prepared runs
// unprepared in the transaction, and is prepared in the background for the
// next time.
func (c conn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if c.tx == nil {
		return c.cache.prepared(ctx, query)
	}
	s := c.cache.cached(query)
	if s == nil {
		c.cache.prepareLater(query)
		return nil, nil
	}
	return c.tx.StmtContext(ctx, s), nil
}

// QueryContext runs a query.
func (c conn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := c.stmt(ctx, query)
	switch {
	case err != nil:
		return nil, err
	case s != nil:
		return s.QueryContext(ctx, args...)
	case c.tx != nil:
		return c.tx.QueryContext(ctx, c.cache.rebind(query), args...)
	}
	return c.cache.pool.QueryContext(ctx, c.cache.rebind(query), args...)
}

// QueryRowContext runs a query for one row. A preparation error surfaces
// from Scan, as in database/sql.
func (c conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := c.stmt(ctx, query)
	switch {
	case err == nil && s != nil:
		return s.QueryRowContext(ctx, args...)
	case c.tx != nil:
		return c.tx.QueryRowContext(ctx, c.cache.rebind(query), args...)
	}
	return c.cache.pool.QueryRowContext(ctx, c.cache.rebind(query), args...)
}

// execOnce runs a statement without keeping it prepared, for statements that
// will not be seen again.
func (c conn) execOnce(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if c.tx != nil {
		return c.tx.ExecContext(ctx, c.cache.rebind(query), args...)
	}
	return c.cache.pool.ExecContext(ctx, c.cache.rebind(query), args...)
}

// ExecContext runs a statement.
func (c conn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := c.stmt(ctx, query)
	switch {
	case err != nil:
		return nil, err
	case s != nil:
		return s.ExecContext(ctx, args...)
	case c.tx != nil:
		return c.tx.ExecContext(ctx, c.cache.rebind(query), args...)
	}
	return c.cache.pool.ExecContext(ctx, c.cache.rebind(query), args...)
}
