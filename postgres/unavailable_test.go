package postgres_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/postgres"
)

// While the database cannot be reached, reads and writes fail with
// EUNAVAILABLE (503 with Retry-After on the site), not an internal error,
// and work again once it is back. The outage is real: a forwarder between
// the archive and the server refuses connections and breaks those open.
func TestOutage(t *testing.T) {
	ctx := context.Background()
	url, outage := storetest.PostgresOutage(t)
	db := open(t, url, postgres.Options{})
	d := &recto.Document{Title: "Before the outage", Status: recto.StatusPublished}
	must(t, db.CreateDocument(ctx, d))

	outage.Cut()
	calls := map[string]error{}
	_, calls["read"] = db.FindDocumentByID(ctx, d.ID)
	calls["write"] = db.CreateDocument(ctx, &recto.Document{Title: "During the outage", Status: recto.StatusDraft})
	_, calls["change log"] = db.LatestChange(ctx)
	_, _, calls["list"] = db.FindDocuments(ctx, recto.DocumentFilter{Limit: 10})
	for call, err := range calls {
		if recto.ErrorCode(err) != recto.EUNAVAILABLE {
			t.Errorf("%s during the outage: %v (code %q), want EUNAVAILABLE", call, err, recto.ErrorCode(err))
		} else if msg := recto.ErrorMessage(err); strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, "dial") {
			t.Errorf("%s during the outage: message %q shows internals", call, msg)
		}
	}
	// A request that ran out of time is the request's failure, not the
	// database's.
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.FindDocumentByID(ended, d.ID); !errors.Is(err, context.Canceled) || recto.ErrorCode(err) == recto.EUNAVAILABLE {
		t.Errorf("read with an ended context during the outage: %v (code %q)", err, recto.ErrorCode(err))
	}

	outage.Restore()
	got, err := db.FindDocumentByID(ctx, d.ID)
	must(t, err)
	if got.Title != d.Title {
		t.Fatalf("after the outage: %q", got.Title)
	}
	must(t, db.CreateDocument(ctx, &recto.Document{Title: "After the outage", Status: recto.StatusDraft}))
}

// What counts as the database being unreachable, among the errors pgx and
// the network give.
func TestUnreachable(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, c := range []struct {
		err  error
		want bool
	}{
		{refused, true},
		{&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{fmt.Errorf("failed to receive message: %w", io.ErrUnexpectedEOF), true},
		{&pgconn.PgError{Code: "57P01"}, true},  // admin_shutdown
		{&pgconn.PgError{Code: "57P02"}, true},  // crash_shutdown
		{&pgconn.PgError{Code: "57P03"}, true},  // cannot_connect_now
		{&pgconn.PgError{Code: "08006"}, true},  // connection_failure
		{&pgconn.PgError{Code: "53300"}, true},  // too_many_connections
		{&pgconn.PgError{Code: "57014"}, false}, // query_canceled
		{&pgconn.PgError{Code: "23503"}, false}, // foreign_key_violation
		{&pgconn.PgError{Code: "53100"}, false}, // disk_full: asking again will not cure it
		{driver.ErrBadConn, false},              // database/sql tries another connection
		{sql.ErrNoRows, false},
		{errors.New("syntax error"), false},
	} {
		if got := postgres.Unreachable(c.err); got != c.want {
			t.Errorf("unreachable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
