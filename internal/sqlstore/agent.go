package sqlstore

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// FindAgentByID returns the person or organisation with the id. ENOTFOUND.
func (db *DB) FindAgentByID(ctx context.Context, id int64) (*recto.Agent, error) {
	agents, err := db.agentsByIDs(ctx, db.reads(), []int64{id})
	if err != nil {
		return nil, err
	} else if len(agents) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Person or organisation %d not found.", id)
	}
	return agents[0], nil
}

// FindAgents lists agents by name with the number of documents crediting them.
func (db *DB) FindAgents(ctx context.Context, f recto.AgentFilter) ([]recto.Counted[*recto.Agent], int, error) {
	if f.NoCounts {
		f.Visible = nil
	}
	// Counting every agent's documents reads every credit: the page's IDs
	// and counts are remembered until the archive changes; the agents are
	// read afresh.
	page, err := memoized(ctx, db, fmt.Sprintf("agents %+v", f), func(ctx context.Context) (countedPage, error) {
		return db.agentPage(ctx, f)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: find agents: %w", err)
	}
	ids, counts, total := page.ids, page.counts, page.total
	agents, err := db.agentsByIDs(ctx, db.reads(), ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]recto.Counted[*recto.Agent], len(agents))
	for i, a := range agents {
		out[i] = recto.Counted[*recto.Agent]{Item: a, Documents: counts[a.ID]}
	}
	return out, total, nil
}

// countedPage is a page of counted records: their IDs in order, their
// document counts and how many records the filter lists in all.
type countedPage struct {
	ids    []int64
	counts map[int64]int
	total  int
}

func (db *DB) agentPage(ctx context.Context, f recto.AgentFilter) (countedPage, error) {
	var conds []string
	var args []any
	switch f.Kind {
	case "":
	case recto.UnknownKind:
		conds = append(conds, `a.kind_known = 0`)
	default:
		conds = append(conds, `a.kind = ? AND a.kind_known = 1`)
		args = append(args, string(f.Kind))
	}
	if f.Visible != nil {
		// Agents some visible document credits, or names as whom a
		// credit was made for: a probe of a credits index each, rather
		// than grouping every credit.
		credited := func(key string) string {
			return `EXISTS (SELECT 1 FROM credits c JOIN documents d ON d.id = c.document_id
			WHERE c.` + key + ` = a.id` + statusClause("d", f.Visible) + `)`
		}
		conds = append(conds, `(`+credited("agent_id")+` OR `+credited("for_agent_id")+`)`)
		args = append(args, statusArgs(f.Visible)...)
		args = append(args, statusArgs(f.Visible)...)
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, ` AND `)
	}
	rows, err := db.reads().QueryContext(ctx, `SELECT a.id FROM agents a`+where+
		` ORDER BY `+db.dialect.NoCase("a.sort_name")+`, a.id`+limitClause(f.Offset, f.Limit), args...)
	if err != nil {
		return countedPage{}, err
	}
	p := countedPage{counts: map[int64]int{}}
	if p.ids, err = scanIDs(rows); err != nil {
		return p, err
	}
	if err := db.reads().QueryRowContext(ctx, `SELECT count(*) FROM agents a`+where, args...).Scan(&p.total); err != nil {
		return p, err
	}
	if f.NoCounts || len(p.ids) == 0 {
		return p, nil
	}
	// In chunks: a page with no limit may list more agents than a
	// statement takes variables.
	_, err = inChunks(p.ids, func(chunk []int64) ([]struct{}, error) {
		in := placeholders(len(chunk))
		rows, err := db.reads().QueryContext(ctx, `SELECT c.agent_id, count(DISTINCT c.document_id) FROM (
				SELECT agent_id, document_id FROM credits WHERE agent_id IN (`+in+`)
				UNION ALL SELECT for_agent_id, document_id FROM credits WHERE for_agent_id IN (`+in+`)) c
			JOIN documents d ON d.id = c.document_id
			WHERE 1 = 1`+statusClause("d", f.Visible)+` GROUP BY c.agent_id`,
			slices.Concat(int64Args(chunk), int64Args(chunk), statusArgs(f.Visible))...)
		if err != nil {
			return nil, err
		}
		return nil, scanAll(rows, func() error {
			var id int64
			var n int
			err := rows.Scan(&id, &n)
			p.counts[id] = n
			return err
		})
	})
	return p, err
}

// limitClause returns a LIMIT/OFFSET clause; the numbers are ints, not input text.
func limitClause(offset, limit int) string {
	if limit <= 0 {
		if offset > 0 {
			// SQLite takes no OFFSET without a LIMIT, PostgreSQL no LIMIT -1.
			return fmt.Sprintf(" LIMIT %d OFFSET %d", math.MaxInt64, offset)
		}
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// agentsByIDs returns the agents with the given ids in the order given.
func (db *DB) agentsByIDs(ctx context.Context, q Querier, ids []int64) ([]*recto.Agent, error) {
	agents, err := inChunks(ids, func(chunk []int64) ([]*recto.Agent, error) { return db.agentsIn(ctx, q, chunk) })
	if err != nil {
		return nil, err
	}
	return inOrder(agents, ids, func(a *recto.Agent) int64 { return a.ID }), nil
}

// agentsIn reads the agents with a few ids, in no order.
func (db *DB) agentsIn(ctx context.Context, q Querier, ids []int64) ([]*recto.Agent, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, kind_known, name, sort_name, dates, bio FROM agents WHERE id IN (`+
		placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: find agents: %w", err)
	}
	var agents []*recto.Agent
	err = scanAll(rows, func() error {
		var a recto.Agent
		var dates string
		var known int
		if err := rows.Scan(&a.ID, &a.Kind, &known, &a.Name, &a.SortName, &dates, &a.Bio); err != nil {
			return err
		}
		if known == 0 {
			a.Kind = recto.UnknownKind
		}
		var err error
		a.Dates, err = edtf.Parse(dates)
		agents = append(agents, &a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find agents: %w", err)
	}
	v, err := agentVariants.load(ctx, q, ids)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for _, a := range agents {
		a.Variants, a.Identifiers = v.names[a.ID], v.ids[a.ID]
	}
	return agents, nil
}

// CreateAgent stores a new agent and sets its ID, and its sort name when it
// has none (recto.Agent.DefaultSortName). EINVALID.
func (db *DB) CreateAgent(ctx context.Context, a *recto.Agent) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.DefaultSortName()
	return db.update(ctx, func(tx *Tx) error {
		kind, known := storedKind(a.Kind)
		err := tx.insertRecord(ctx, "agents", "person or organisation", &a.ID, []string{"kind", "kind_known", "name", "sort_name", "dates", "bio"},
			kind, known, a.Name, a.SortName, a.Dates.String(), a.Bio)
		if err != nil {
			return err
		}
		if err := agentVariants.replace(ctx, tx, a.ID, a.Variants, a.Identifiers); err != nil {
			return err
		}
		return tx.changed(ctx, recto.AgentChange, a.ID)
	})
}

// UpdateAgent replaces the stored agent; an agent given no sort name keeps
// the stored one, since a sort name is inferred for a new agent only.
// EINVALID, ENOTFOUND.
func (db *DB) UpdateAgent(ctx context.Context, a *recto.Agent) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		kind, known := storedKind(a.Kind)
		res, err := tx.ExecContext(ctx, `UPDATE agents SET kind = ?, kind_known = ?, name = ?, sort_name = COALESCE(NULLIF(?, ''), sort_name),
			dates = ?, bio = ? WHERE id = ?`,
			kind, known, a.Name, a.SortName, a.Dates.String(), a.Bio, a.ID)
		if err := mustAffect(res, err, "Person or organisation", a.ID); err != nil {
			return err
		}
		if err := agentVariants.replace(ctx, tx, a.ID, a.Variants, a.Identifiers); err != nil {
			return err
		}
		return tx.changed(ctx, recto.AgentChange, a.ID)
	})
}

// storedKind returns the kind column and kind_known flag of a kind: an
// agent of unknown kind is stored as a person not known to be one.
func storedKind(k recto.AgentKind) (string, int) {
	if k == recto.UnknownKind {
		return string(recto.Person), 0
	}
	return string(k), 1
}
