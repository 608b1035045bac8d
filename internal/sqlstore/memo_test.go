package sqlstore_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/sqlstore"
	"github.com/recto-archive/recto/internal/storetest"
)

// A count that outlasts the request that started it is finished anyway and
// kept, once for every reader; a write makes the next reader count again.
func TestMemo_OutlivesItsRequest(t *testing.T) {
	db := storetest.OpenSQLite(t)
	var runs atomic.Int32
	release := make(chan struct{})
	count := func(ctx context.Context) (int, error) {
		runs.Add(1)
		select {
		case <-release:
			return 42, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := sqlstore.Memoized(short, db.Core(), "count", count); recto.ErrorCode(err) != recto.EUNAVAILABLE {
		t.Fatalf("first reader: %v, want to be told to come back", err)
	}
	close(release)
	ctx := context.Background()
	for range 3 {
		if n, err := sqlstore.Memoized(ctx, db.Core(), "count", count); err != nil || n != 42 {
			t.Fatalf("later reader: %d, %v", n, err)
		}
	}
	if runs.Load() != 1 {
		t.Fatalf("counted %d times, want once", runs.Load())
	}
	must(t, db.CreatePlace(ctx, &recto.Place{Name: "Kashgar"}))
	if _, err := sqlstore.Memoized(ctx, db.Core(), "count", count); err != nil || runs.Load() != 2 {
		t.Fatalf("after a write: %d runs, %v", runs.Load(), err)
	}
}
