package sqlstore

import (
	"context"
	"slices"
	"sync"

	"github.com/recto-archive/recto"
)

// maxCachedAuthorities bounds each kind's cache; past it, it starts afresh.
const maxCachedAuthorities = 100_000

// authorityCache keeps the authorities that documents were read with, as
// they stood at one change of the archive. A document names a few dozen
// authorities, each read with its variant names and identifiers: on
// PostgreSQL that was nine of a document page's round trips, for records
// that rarely change. A read that sees a later change starts a kind's cache
// afresh, so no document is shown with an authority older than itself.
type authorityCache struct {
	agents       kindCache[recto.Agent]
	places       kindCache[recto.Place]
	subjects     kindCache[recto.Subject]
	collections  kindCache[recto.Collection]
	repositories kindCache[recto.Repository]
}

// uncached is the change seq of a read that must bypass the cache: one in
// a write transaction, whose writes may yet be rolled back.
const uncached = -1

// kindCache keeps one kind of authority, by ID, as of change seq.
type kindCache[T any] struct {
	mu  sync.Mutex
	seq int64
	m   map[int64]*T
}

// resolve fills the placeholders in refs for a reader whose snapshot is at
// change seq: from the cache where it holds them, else with load, keeping
// what load read for the next reader at seq. A reader behind the cache
// reads everything itself. Each placeholder gets a copy, so that no caller
// can change the cache.
func (c *kindCache[T]) resolve(seq int64, refs map[int64]*T, load func(ids []int64) ([]*T, error),
	id func(*T) int64, clone func(*T) T) error {
	var missing []int64
	if seq == uncached {
		for key := range refs {
			missing = append(missing, key)
		}
		loaded, err := load(missing)
		for _, v := range loaded {
			*refs[id(v)] = *v
		}
		return err
	}
	c.mu.Lock()
	if c.m == nil || seq > c.seq {
		c.seq, c.m = seq, map[int64]*T{}
	}
	current := seq == c.seq
	for key, p := range refs {
		if v, ok := c.m[key]; current && ok {
			*p = clone(v)
		} else {
			missing = append(missing, key)
		}
	}
	c.mu.Unlock()
	loaded, err := load(missing)
	for _, v := range loaded {
		*refs[id(v)] = clone(v)
	}
	if err != nil || !current {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq {
		return nil
	}
	if len(c.m)+len(loaded) > maxCachedAuthorities {
		clear(c.m)
	}
	for _, v := range loaded {
		c.m[id(v)] = v
	}
	return nil
}

// resolve loads every authority the documents point to, once each.
func (r *documentReader) resolve(ctx context.Context) error {
	seq := int64(uncached)
	if !r.uncommitted {
		if err := r.q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&seq); err != nil {
			return err
		}
	}
	c := &r.db.authorities
	return firstError(
		func() error {
			return c.agents.resolve(seq, r.refs.agents,
				func(ids []int64) ([]*recto.Agent, error) { return r.db.agentsByIDs(ctx, r.q, ids) },
				func(a *recto.Agent) int64 { return a.ID }, cloneAgent)
		},
		func() error {
			return c.places.resolve(seq, r.refs.places,
				func(ids []int64) ([]*recto.Place, error) { return r.db.placesByIDs(ctx, r.q, ids) },
				func(p *recto.Place) int64 { return p.ID }, clonePlace)
		},
		func() error {
			return c.subjects.resolve(seq, r.refs.subjects,
				func(ids []int64) ([]*recto.Subject, error) { return r.db.subjectsByIDs(ctx, r.q, ids) },
				func(s *recto.Subject) int64 { return s.ID }, func(s *recto.Subject) recto.Subject { return *s })
		},
		func() error {
			return c.collections.resolve(seq, r.refs.collections,
				func(ids []int64) ([]*recto.Collection, error) { return r.db.collectionsByIDs(ctx, r.q, ids) },
				func(c *recto.Collection) int64 { return c.ID }, func(c *recto.Collection) recto.Collection { return *c })
		},
		func() error {
			return c.repositories.resolve(seq, r.refs.repositories,
				func(ids []int64) ([]*recto.Repository, error) { return r.db.repositoriesByIDs(ctx, r.q, ids) },
				func(r *recto.Repository) int64 { return r.ID }, cloneRepository)
		},
	)
}

// firstError runs the steps in order until one fails.
func firstError(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func cloneAgent(a *recto.Agent) recto.Agent {
	c := *a
	c.Variants, c.Identifiers = slices.Clone(a.Variants), slices.Clone(a.Identifiers)
	return c
}

func clonePlace(p *recto.Place) recto.Place {
	c := *p
	c.Variants, c.Identifiers = slices.Clone(p.Variants), slices.Clone(p.Identifiers)
	if p.Coordinates != nil {
		coords := *p.Coordinates
		c.Coordinates = &coords
	}
	return c
}

func cloneRepository(r *recto.Repository) recto.Repository {
	c := *r
	if r.Place != nil {
		p := clonePlace(r.Place)
		c.Place = &p
	}
	return c
}
