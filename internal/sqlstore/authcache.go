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
// that rarely change. A read that sees a later change starts the cache
// afresh, so no document is shown with an authority older than itself.
type authorityCache struct {
	mu           sync.Mutex
	seq          int64
	agents       map[int64]*recto.Agent
	places       map[int64]*recto.Place
	subjects     map[int64]*recto.Subject
	collections  map[int64]*recto.Collection
	repositories map[int64]*recto.Repository
}

// at readies the cache for readers at change seq and reports whether it
// holds that change's authorities. A reader behind the cache's change gets
// false and reads everything itself.
func (c *authorityCache) at(seq int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.agents != nil && seq == c.seq:
		return true
	case c.agents != nil && seq < c.seq:
		return false
	}
	c.seq = seq
	c.agents, c.places, c.subjects = map[int64]*recto.Agent{}, map[int64]*recto.Place{}, map[int64]*recto.Subject{}
	c.collections, c.repositories = map[int64]*recto.Collection{}, map[int64]*recto.Repository{}
	return true
}

// resolveCached fills the placeholders in refs: from the cache of kind
// where it holds them (when cached is set), else with load, keeping what
// load read for the next reader at seq. Each placeholder gets a copy, so
// that no caller can change the cache.
func resolveCached[T any](c *authorityCache, seq int64, cached bool, kind func(*authorityCache) map[int64]*T,
	refs map[int64]*T, load func(ids []int64) ([]*T, error), id func(*T) int64, clone func(*T) T) error {
	var missing []int64
	c.mu.Lock()
	for key, p := range refs {
		if v, ok := kind(c)[key]; cached && c.seq == seq && ok {
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
	if err != nil || !cached {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq {
		return nil
	}
	m := kind(c)
	if len(m)+len(loaded) > maxCachedAuthorities {
		clear(m)
	}
	for _, v := range loaded {
		m[id(v)] = v
	}
	return nil
}

// resolve loads every authority the documents point to, once each.
func (r *documentReader) resolve(ctx context.Context) error {
	var seq int64
	if err := r.q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&seq); err != nil {
		return err
	}
	c := &r.db.authorities
	cached := c.at(seq)
	return firstError(
		func() error {
			return resolveCached(c, seq, cached, func(c *authorityCache) map[int64]*recto.Agent { return c.agents }, r.refs.agents,
				func(ids []int64) ([]*recto.Agent, error) { return r.db.agentsByIDs(ctx, r.q, ids) },
				func(a *recto.Agent) int64 { return a.ID }, cloneAgent)
		},
		func() error {
			return resolveCached(c, seq, cached, func(c *authorityCache) map[int64]*recto.Place { return c.places }, r.refs.places,
				func(ids []int64) ([]*recto.Place, error) { return r.db.placesByIDs(ctx, r.q, ids) },
				func(p *recto.Place) int64 { return p.ID }, clonePlace)
		},
		func() error {
			return resolveCached(c, seq, cached, func(c *authorityCache) map[int64]*recto.Subject { return c.subjects }, r.refs.subjects,
				func(ids []int64) ([]*recto.Subject, error) { return r.db.subjectsByIDs(ctx, r.q, ids) },
				func(s *recto.Subject) int64 { return s.ID }, func(s *recto.Subject) recto.Subject { return *s })
		},
		func() error {
			return resolveCached(c, seq, cached, func(c *authorityCache) map[int64]*recto.Collection { return c.collections }, r.refs.collections,
				func(ids []int64) ([]*recto.Collection, error) { return r.db.collectionsByIDs(ctx, r.q, ids) },
				func(c *recto.Collection) int64 { return c.ID }, func(c *recto.Collection) recto.Collection { return *c })
		},
		func() error {
			return resolveCached(c, seq, cached, func(c *authorityCache) map[int64]*recto.Repository { return c.repositories }, r.refs.repositories,
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
