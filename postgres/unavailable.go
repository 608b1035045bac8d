package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/recto-archive/recto"
)

// While the database cannot be reached (refused or reset connections, a
// server shutting down or starting up), every store call fails with an
// error whose code is recto.EUNAVAILABLE, so that the site and its
// protocols answer 503 with Retry-After, as for anything that asking again
// later will cure, rather than 500. The errors are marked where they arise,
// in the database/sql driver, which every query, transaction and row of
// this package passes through; the driver's own errors stay in the chain.

// errUnavailable is the application error behind every unreachable
// database's error.
var errUnavailable = recto.Errorf(recto.EUNAVAILABLE, "The archive's database cannot be reached just now. Please try again in a minute.")

// unreachableError is a driver error that says the database is unreachable.
type unreachableError struct{ err error }

func (e *unreachableError) Error() string   { return "database unreachable: " + e.err.Error() }
func (e *unreachableError) Unwrap() []error { return []error{errUnavailable, e.err} }

// unreachable reports whether err says the database cannot be reached:
// no connection could be made, one broke, or the server closed it because
// it is shutting down or not yet accepting connections.
func unreachable(err error) bool {
	var pgErr *pgconn.PgError
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	case errors.As(err, &pgErr):
		// Class 08, connection exception; 57P01 admin_shutdown, 57P02
		// crash_shutdown, 57P03 cannot_connect_now; 53300
		// too_many_connections.
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", "53300":
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08")
	}
	return false
}

// mark returns err marked unavailable when it says the database cannot be
// reached, or came with the connection breaking (pgx closes a connection
// on any network failure, whatever error it reports), and unchanged
// otherwise. An error that comes after ctx ended is the caller's running
// out of time, not the database's failing; driver.ErrBadConn tells
// database/sql to try another connection, and must stay as it is.
func mark(ctx context.Context, err error, broken bool) error {
	if err == nil || ctx.Err() != nil || errors.Is(err, driver.ErrBadConn) || !(broken || unreachable(err)) {
		return err
	}
	return &unreachableError{err}
}

// connectTimeout bounds each attempt to connect when the URL sets no
// connect_timeout: a server that drops packets rather than refusing them
// would otherwise hold every request until its deadline, and then answer
// 500 instead of 503.
const connectTimeout = 5 * time.Second

// connect opens a pgx pool on the database at url, and a database/sql
// pool on it whose errors are marked.
func connect(ctx context.Context, url string) (*pgxpool.Pool, *sql.DB, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, nil, err
	}
	if config.ConnConfig.ConnectTimeout == 0 {
		config.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, nil, err
	}
	db := sql.OpenDB(connector{stdlib.GetPoolConnector(pool)})
	db.SetMaxIdleConns(0) // pgxpool keeps the idle connections, as in stdlib.OpenDBFromPool
	return pool, db, nil
}

// connector hands out connections whose errors are marked.
type connector struct{ driver.Connector }

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, mark(ctx, err, false)
	}
	return &conn{dc.(*stdlib.Conn)}, nil
}

// conn is pgx's connection with its errors marked; everything else it
// does, including the optional interfaces database/sql looks for, is pgx's.
type conn struct{ *stdlib.Conn }

// mark marks an error of the connection.
func (c *conn) mark(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	return mark(ctx, err, c.Conn.Conn().IsClosed())
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.Conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, c.mark(ctx, err)
	}
	return stmt{s.(*stdlib.Stmt), c}, nil
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	t, err := c.Conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, c.mark(ctx, err)
	}
	return tx{t, c, ctx}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.Conn.ExecContext(ctx, query, args)
	return r, c.mark(ctx, err)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.Conn.QueryContext(ctx, query, args)
	return c.rows(ctx, r, err)
}

// rows marks the result of a query made with ctx.
func (c *conn) rows(ctx context.Context, r driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, c.mark(ctx, err)
	}
	return &rows{r.(*stdlib.Rows), c, ctx}, nil
}

// stmt is pgx's prepared statement with its errors marked.
type stmt struct {
	*stdlib.Stmt
	conn *conn
}

func (s stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	r, err := s.Stmt.ExecContext(ctx, args)
	return r, s.conn.mark(ctx, err)
}

func (s stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	r, err := s.Stmt.QueryContext(ctx, args)
	return s.conn.rows(ctx, r, err)
}

// rows marks the errors of reading rows: a connection can break midway.
type rows struct {
	*stdlib.Rows
	conn *conn
	ctx  context.Context
}

func (r *rows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != io.EOF {
		return r.conn.mark(r.ctx, err)
	}
	return io.EOF
}

// tx marks the errors of ending a transaction.
type tx struct {
	driver.Tx
	conn *conn
	ctx  context.Context
}

func (t tx) Commit() error   { return t.conn.mark(t.ctx, t.Tx.Commit()) }
func (t tx) Rollback() error { return t.conn.mark(t.ctx, t.Tx.Rollback()) }
