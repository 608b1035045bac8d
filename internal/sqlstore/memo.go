package sqlstore

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// errClosed answers what asks a closed archive for a new computation.
var errClosed = errors.New("store: the archive is closed")

// maxMemos bounds the results a memo keeps; past it, it starts afresh.
const maxMemos = 512

// memoTimeout bounds one computation of a memoised result.
const memoTimeout = 5 * time.Minute

// memo keeps the results of aggregates over the whole archive (counts for
// the home page, the browse pages and listings) until the archive changes.
// At a million documents each takes seconds to compute, and the archive
// changes far less often than it is read. The change log's latest sequence
// number says whether anything changed, in this process or any other, so
// every process's memo stays right.
type memo struct {
	mu    sync.Mutex
	seq   int64
	calls map[string]*memoCall
	// Computations outlive their requests, not the archive: close stops
	// them and waits, so that none runs on a database being closed.
	stopped  context.Context
	stop     context.CancelFunc
	running  sync.WaitGroup
	isClosed bool
}

// init readies a memo for use.
func (m *memo) init() { m.stopped, m.stop = context.WithCancel(context.Background()) }

// close stops the computations under way and waits for them to end.
func (m *memo) close() {
	m.mu.Lock()
	m.isClosed = true
	m.mu.Unlock()
	m.stop()
	m.running.Wait()
}

// memoCall is one computation of a result, which every reader asking for
// it meanwhile waits for.
type memoCall struct {
	done  chan struct{}
	value any
	err   error
}

// memoized returns the value remembered under key while the archive is
// unchanged, or computes and remembers it.
//
// The computation is detached from the request that starts it: at a
// million documents a count can take longer than a request may wait, and if
// each request's deadline cancelled it, every request would start it again
// and none would finish. Readers asking meanwhile wait for the same
// computation, each until its own deadline, and are then answered
// EUNAVAILABLE while it goes on.
func memoized[T any](ctx context.Context, db *DB, key string, compute func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	seq, err := db.LatestChange(ctx)
	if err != nil {
		return zero, err
	}
	m := &db.memo
	m.mu.Lock()
	if m.calls == nil || m.seq != seq || len(m.calls) >= maxMemos {
		m.seq, m.calls = seq, map[string]*memoCall{}
	}
	call, ok := m.calls[key]
	if !ok {
		if m.isClosed {
			m.mu.Unlock()
			return zero, errClosed
		}
		call = &memoCall{done: make(chan struct{})}
		m.calls[key] = call
		m.running.Add(1)
		go m.run(context.WithoutCancel(ctx), key, call, func(ctx context.Context) (any, error) { return compute(ctx) })
	}
	m.mu.Unlock()
	select {
	case <-call.done:
		if call.err != nil {
			return zero, call.err
		}
		return call.value.(T), nil
	case <-ctx.Done():
		// The count goes on; the reader is told to come back for it.
		return zero, &recto.Error{Code: recto.EUNAVAILABLE,
			Message: "The archive is still counting its records for this page. Please try again in a minute."}
	}
}

// run computes call's value. A failed computation is forgotten, so that the
// next reader tries again.
func (m *memo) run(ctx context.Context, key string, call *memoCall, compute func(context.Context) (any, error)) {
	defer m.running.Done()
	ctx, cancel := context.WithTimeout(ctx, memoTimeout)
	defer cancel()
	defer context.AfterFunc(m.stopped, cancel)()
	defer close(call.done)
	call.value, call.err = compute(ctx)
	if call.err != nil {
		m.mu.Lock()
		if m.calls[key] == call {
			delete(m.calls, key)
		}
		m.mu.Unlock()
	}
}
