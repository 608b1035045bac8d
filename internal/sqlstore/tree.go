package sqlstore

import (
	"context"
	"fmt"

	"github.com/recto-archive/recto"
)

// tree describes a hierarchical authority table and the table linking it to
// documents: places, subjects and collections share the queries below.
type tree struct {
	table string // has id and parent_id
	links string // has document_id and the column named by key
	key   string
	what  string // for messages
}

var (
	placeTree      = tree{"places", "document_places", "place_id", "place"}
	subjectTree    = tree{"subjects", "document_subjects", "subject_id", "subject"}
	collectionTree = tree{"collections", "collection_documents", "collection_id", "collection"}
)

// treeCounts returns t.counts, remembered until the archive changes.
func (db *DB) treeCounts(ctx context.Context, t tree, visible []recto.Status) (map[int64]int, error) {
	return memoized(ctx, db, "tree "+t.table+" "+statusKey(visible), func(ctx context.Context) (map[int64]int, error) {
		return t.counts(ctx, db.reads(), visible)
	})
}

// statusKey names a status filter in a memo's key.
func statusKey(status []recto.Status) string {
	if status == nil {
		return "any"
	}
	return fmt.Sprint(status)
}

// counts returns, for every node with any, the number of distinct documents
// with a visible status linked to the node or to any node below it.
func (t tree) counts(ctx context.Context, q Querier, visible []recto.Status) (map[int64]int, error) {
	query := `WITH RECURSIVE up(node, ancestor) AS (
			SELECT id, id FROM ` + t.table + `
			UNION
			SELECT up.node, t.parent_id FROM up JOIN ` + t.table + ` t ON t.id = up.ancestor
			WHERE t.parent_id IS NOT NULL)
		SELECT up.ancestor, count(DISTINCT l.document_id)
		FROM up JOIN ` + t.links + ` l ON l.` + t.key + ` = up.node
		JOIN documents d ON d.id = l.document_id` + statusClause("d", visible) + `
		GROUP BY up.ancestor`
	rows, err := q.QueryContext(ctx, query, statusArgs(visible)...)
	if err != nil {
		return nil, fmt.Errorf("count %s documents: %w", t.what, err)
	}
	counts := map[int64]int{}
	err = scanAll(rows, func() error {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		counts[id] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count %s documents: %w", t.what, err)
	}
	return counts, nil
}

// ancestors returns the ids above id, outermost first.
func (t tree) ancestors(ctx context.Context, q Querier, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `WITH RECURSIVE up(id, depth) AS (
			SELECT parent_id, 1 FROM `+t.table+` WHERE id = ? AND parent_id IS NOT NULL
			UNION ALL
			SELECT t.parent_id, up.depth + 1 FROM up JOIN `+t.table+` t ON t.id = up.id
			WHERE t.parent_id IS NOT NULL AND up.depth < 1000)
		SELECT id FROM up ORDER BY depth DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("%s ancestors: %w", t.what, err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("%s ancestors: %w", t.what, err)
	}
	return ids, nil
}

// checkParent returns an EINVALID error when parentID does not exist or when
// making it the parent of id would create a cycle.
func (t tree) checkParent(ctx context.Context, tx *Tx, id, parentID int64) error {
	if parentID == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.table+` WHERE id = ?`, parentID).Scan(&n); err != nil {
		return fmt.Errorf("check %s parent: %w", t.what, err)
	}
	if n == 0 {
		return invalidField("parent", "unknown "+t.what)
	}
	if id == 0 {
		return nil
	}
	above, err := t.ancestors(ctx, tx, parentID)
	if err != nil {
		return err
	}
	for _, a := range append(above, parentID) {
		if a == id {
			return invalidField("parent", "would place the "+t.what+" inside itself")
		}
	}
	return nil
}

// selection returns the WHERE clause and arguments that pick the nodes a
// TreeFilter asks for.
func (t tree) selection(alias string, f recto.TreeFilter) (string, []any) {
	switch {
	case f.ParentID == nil:
		return "", nil
	case *f.ParentID == 0:
		return ` WHERE ` + alias + `.parent_id IS NULL`, nil
	default:
		return ` WHERE ` + alias + `.parent_id = ?`, []any{*f.ParentID}
	}
}

// statusClause returns " AND alias.status IN (?, …)" for a status filter, or
// "" when every status counts.
func statusClause(alias string, status []recto.Status) string {
	if status == nil {
		return ""
	}
	if len(status) == 0 {
		return " AND 1 = 0"
	}
	return " AND " + alias + ".status IN (" + placeholders(len(status)) + ")"
}

func invalidField(field, msg string) error {
	return &recto.Error{Code: recto.EINVALID, Message: "invalid input",
		Fields: []recto.FieldError{{Field: field, Message: msg}}}
}
