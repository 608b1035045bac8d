package sitemap

import (
	"context"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// kept is a value that takes long to read (seconds at a million documents),
// kept between requests. It is read again by one refresh at a time,
// detached from the request that starts it, so that no request's deadline
// cancels the work and none is left undone.
type kept[T any] struct {
	mu      sync.Mutex
	value   T
	has     bool
	running *refreshing[T]
}

// refreshing is one reading of a kept value, which any number of requests
// may wait for.
type refreshing[T any] struct {
	done  chan struct{} // closed when value and err are set
	value T
	err   error
}

// get returns the kept value when current says it will still do.
// Otherwise it starts a refresh with read, or joins the one under way, and
// waits for it: up to staleWait when there is a value to answer with
// meanwhile, which it then does; without one, until ctx ends, and then it
// answers EUNAVAILABLE with the message unavailable. A failed refresh keeps
// the previous value, and is logged by failed.
func (k *kept[T]) get(ctx context.Context, current func(T) bool, read func(ctx context.Context, prev T, has bool) (T, error),
	failed func(error), unavailable string) (T, error) {
	k.mu.Lock()
	prev, has := k.value, k.has
	if has && current(prev) {
		k.mu.Unlock()
		return prev, nil
	}
	r := k.running
	if r == nil {
		r = &refreshing[T]{done: make(chan struct{})}
		k.running = r
		go k.refresh(context.WithoutCancel(ctx), r, prev, has, read, failed)
	}
	k.mu.Unlock()
	var stale <-chan time.Time
	if has {
		t := time.NewTimer(staleWait)
		defer t.Stop()
		stale = t.C
	}
	select {
	case <-r.done:
		if r.err != nil && has {
			return prev, nil
		}
		return r.value, r.err
	case <-stale:
		return prev, nil
	case <-ctx.Done():
		if has {
			return prev, nil
		}
		var zero T
		return zero, recto.Errorf(recto.EUNAVAILABLE, "%s", unavailable)
	}
}

func (k *kept[T]) refresh(ctx context.Context, r *refreshing[T], prev T, has bool,
	read func(ctx context.Context, prev T, has bool) (T, error), failed func(error)) {
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	v, err := read(ctx, prev, has)
	k.mu.Lock()
	if err == nil {
		k.value, k.has = v, true
	}
	k.running = nil
	r.value, r.err = v, err
	k.mu.Unlock()
	if err != nil {
		failed(err)
	}
	close(r.done)
}
