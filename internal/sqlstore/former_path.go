package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/recto-archive/recto"
)

// FindDocumentIDByFormerPath returns the Record ID of the document holding
// path among its former paths: one look-up in the table's primary key.
// ENOTFOUND.
func (db *DB) FindDocumentIDByFormerPath(ctx context.Context, path string) (int64, error) {
	var id int64
	err := db.reads().QueryRowContext(ctx, `SELECT document_id FROM document_former_paths WHERE path = ?`, path).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, recto.Errorf(recto.ENOTFOUND, "No document had the path %q.", path)
	case err != nil:
		return 0, fmt.Errorf("store: find former path: %w", err)
	}
	return id, nil
}

// checkFormerPaths fails when a document's former path is another
// document's, in the batch or in the archive, naming the path and both
// documents. A path held by a document of the batch may move to another of
// it, since the batch replaces the paths of its documents.
func checkFormerPaths(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	type holder struct{ doc, path int }
	owner := map[string]holder{}
	inBatch := map[int64]bool{}
	var args []any
	for i, d := range docs {
		inBatch[d.ID] = true
		for j, p := range d.FormerPaths {
			if h, dup := owner[p]; dup && h.doc != i {
				return invalidField(fmt.Sprintf("documents[%d].former_paths[%d]", i, j),
					fmt.Sprintf("%q of document %d is also a former path of document %d (documents[%d])", p, d.ID, docs[h.doc].ID, h.doc))
			}
			owner[p] = holder{i, j}
			args = append(args, p)
		}
	}
	for len(args) > 0 {
		n := min(len(args), maxInList)
		rows, err := tx.QueryContext(ctx, `SELECT path, document_id FROM document_former_paths WHERE path IN (`+
			placeholders(n)+`)`, args[:n]...)
		if err != nil {
			return fmt.Errorf("store: check former paths: %w", err)
		}
		var taken error
		if err := scanAll(rows, func() error {
			var p string
			var other int64
			if err := rows.Scan(&p, &other); err != nil {
				return err
			}
			if h := owner[p]; taken == nil && !inBatch[other] {
				taken = invalidField(fmt.Sprintf("documents[%d].former_paths[%d]", h.doc, h.path),
					fmt.Sprintf("%q of document %d is already a former path of document %d", p, docs[h.doc].ID, other))
			}
			return nil
		}); err != nil {
			return fmt.Errorf("store: check former paths: %w", err)
		}
		if taken != nil {
			return taken
		}
		args = args[n:]
	}
	return nil
}
