package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/recto-archive/recto"
)

// FindSubjectByID returns the heading with the id. ENOTFOUND.
func (db *DB) FindSubjectByID(ctx context.Context, id int64) (*recto.Subject, error) {
	subjects, err := db.findSubjects(ctx, db.reads(), ` WHERE s.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(subjects) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Subject %d not found.", id)
	}
	return subjects[0], nil
}

// FindSubjects lists headings alphabetically with counts that include their
// narrower headings.
func (db *DB) FindSubjects(ctx context.Context, f recto.TreeFilter) ([]recto.Counted[*recto.Subject], error) {
	where, args := subjectTree.selection("s", f)
	subjects, err := db.findSubjects(ctx, db.reads(), where, args...)
	if err != nil {
		return nil, err
	}
	counts := map[int64]int{}
	if !f.NoCounts {
		if counts, err = db.treeCounts(ctx, subjectTree, f.Visible); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	} else {
		f.Visible = nil
	}
	return countedVisible(subjects, counts, f.Visible, func(s *recto.Subject) int64 { return s.ID }), nil
}

// FindSubjectAncestors returns the broader headings above id, top level first.
func (db *DB) FindSubjectAncestors(ctx context.Context, id int64) ([]*recto.Subject, error) {
	ids, err := subjectTree.ancestors(ctx, db.reads(), id)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return db.subjectsByIDs(ctx, db.reads(), ids)
}

func (db *DB) subjectsByIDs(ctx context.Context, q Querier, ids []int64) ([]*recto.Subject, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	subjects, err := inChunks(ids, func(chunk []int64) ([]*recto.Subject, error) {
		return db.findSubjects(ctx, q, ` WHERE s.id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
	})
	return inOrder(subjects, ids, func(s *recto.Subject) int64 { return s.ID }), err
}

func (db *DB) findSubjects(ctx context.Context, q Querier, where string, args ...any) ([]*recto.Subject, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.heading, s.parent_id FROM subjects s`+where+
		` ORDER BY `+db.dialect.NoCase("s.heading"), args...)
	if err != nil {
		return nil, fmt.Errorf("store: find subjects: %w", err)
	}
	var subjects []*recto.Subject
	err = scanAll(rows, func() error {
		var s recto.Subject
		var parent sql.NullInt64
		err := rows.Scan(&s.ID, &s.Heading, &parent)
		s.ParentID = parent.Int64
		subjects = append(subjects, &s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find subjects: %w", err)
	}
	return subjects, nil
}

// CreateSubject returns the existing subject of the normalised heading, or
// creates it and every missing broader heading. A new heading keeps a
// positive ID it is given when no subject has it, so that a restored or
// migrated archive answers at the same subject URLs. EINVALID.
func (db *DB) CreateSubject(ctx context.Context, s *recto.Subject) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.subjectWithID(ctx, recto.NormalizeHeading(s.Heading), s.ID); err != nil {
			return err
		}
		return tx.createSubjectIn(ctx, s)
	})
}

// createSubjectIn finds the subject of the normalised heading, creating it
// and every missing broader heading, in the transaction.
func (tx *Tx) createSubjectIn(ctx context.Context, s *recto.Subject) error {
	heading := recto.NormalizeHeading(s.Heading)
	var parent int64
	terms := strings.Split(heading, recto.HeadingSeparator)
	for i := range terms {
		h := strings.Join(terms[:i+1], recto.HeadingSeparator)
		// Not ON CONFLICT DO NOTHING: in PostgreSQL that takes an ID from
		// the sequence even when it inserts nothing, and the backends
		// would number subjects differently.
		res, err := tx.ExecContext(ctx, `INSERT INTO subjects (heading, parent_id) SELECT ?, CAST(? AS BIGINT)
			WHERE NOT EXISTS (SELECT 1 FROM subjects WHERE heading = ?)`, h, nullInt64(parent), h)
		if err != nil {
			return fmt.Errorf("store: insert subject: %w", err)
		}
		s.ParentID = parent
		if err := tx.QueryRowContext(ctx, `SELECT id FROM subjects WHERE heading = ?`, h).Scan(&parent); err != nil {
			return fmt.Errorf("store: insert subject: %w", err)
		}
		// Only a heading that is new is a change.
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: insert subject: %w", err)
		} else if n > 0 {
			if err := tx.changed(ctx, recto.SubjectChange, parent); err != nil {
				return err
			}
		}
	}
	s.ID, s.Heading = parent, heading
	return nil
}

// subjectWithID stores a new heading under the ID it is given, when the ID
// is positive and free, its broader headings first (numbered by the
// store); CreateSubject then finds them all. A taken ID is not an error: the
// heading is numbered as any other.
func (tx *Tx) subjectWithID(ctx context.Context, heading string, id int64) error {
	if id <= 0 {
		return nil
	}
	var taken int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM subjects WHERE id = ? OR heading = ?`, id, heading).Scan(&taken)
	if err != nil || taken > 0 {
		return err
	}
	var parent int64
	if i := strings.LastIndex(heading, recto.HeadingSeparator); i >= 0 {
		broader := &recto.Subject{Heading: heading[:i]}
		if err := tx.createSubjectIn(ctx, broader); err != nil {
			return err
		}
		parent = broader.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO subjects (id, heading, parent_id) VALUES (?, ?, CAST(? AS BIGINT))`,
		id, heading, nullInt64(parent)); err != nil {
		return fmt.Errorf("store: insert subject: %w", err)
	}
	if err := tx.dialect.SetCounter(ctx, tx, "subjects", "id", id); err != nil {
		return fmt.Errorf("store: insert subject: %w", err)
	}
	return tx.changed(ctx, recto.SubjectChange, id)
}
