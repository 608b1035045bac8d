package sqlstore

import (
	"context"
	"sync"
)

// maxMemos bounds the results a memo keeps; past it, it starts afresh.
const maxMemos = 512

// memo keeps the results of aggregates over the whole archive (counts for
// the home page, the browse pages and listings) until the archive changes.
// At a million documents each takes a second or more to compute, and the
// archive changes far less often than it is read. The change log's latest
// sequence number says whether anything changed, in this process or any
// other, so every process's memo stays right.
type memo struct {
	mu     sync.Mutex
	seq    int64
	values map[string]any
}

// memoized returns the value remembered under key while the archive is
// unchanged, or computes and remembers it.
func memoized[T any](ctx context.Context, db *DB, key string, compute func() (T, error)) (T, error) {
	seq, err := db.LatestChange(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	m := &db.memo
	m.mu.Lock()
	if m.values == nil || m.seq != seq || len(m.values) >= maxMemos {
		m.seq, m.values = seq, map[string]any{}
	}
	v, ok := m.values[key]
	m.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	value, err := compute()
	if err != nil {
		return value, err
	}
	m.mu.Lock()
	// A write since seq was read may be in value or not: keep it only for
	// readers still at seq, who would see the same either way.
	if m.seq == seq {
		m.values[key] = value
	}
	m.mu.Unlock()
	return value, nil
}
