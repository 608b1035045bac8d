package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/recto-archive/recto"
)

// keepRevisions stores each document as it stands before a change in its
// newest revision, whose snapshot is empty until the document changes again.
func (db *DB) keepRevisions(ctx context.Context, tx *Tx, ids []int64) error {
	_, err := inChunks(ids, func(chunk []int64) ([]struct{}, error) {
		// Read in tx: the documents may have been written earlier in it.
		docs, err := db.readDocumentsIn(ctx, tx, chunk, readAll)
		if err != nil {
			return nil, err
		}
		for _, old := range docs {
			old.Inverse = nil // other documents' links, not this one's state
			snapshot, err := json.Marshal(old)
			if err != nil {
				return nil, fmt.Errorf("store: revision snapshot: %w", err)
			}
			_, err = tx.ExecContext(ctx, `UPDATE revisions SET snapshot = ? WHERE id =
				(SELECT max(id) FROM revisions WHERE document_id = ?) AND snapshot IS NULL`, string(snapshot), old.ID)
			if err != nil {
				return nil, fmt.Errorf("store: keep revision: %w", err)
			}
		}
		return nil, nil
	})
	return err
}

// FindRevisions lists a document's revisions, newest first, without snapshots.
func (db *DB) FindRevisions(ctx context.Context, documentID int64) ([]*recto.Revision, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, document_id, created_at, status FROM revisions
		WHERE document_id = ? ORDER BY id DESC`, documentID)
	if err != nil {
		return nil, fmt.Errorf("store: find revisions: %w", err)
	}
	var revs []*recto.Revision
	err = scanAll(rows, func() error {
		var r recto.Revision
		var created string
		if err := rows.Scan(&r.ID, &r.DocumentID, &created, &r.Status); err != nil {
			return err
		}
		var err error
		r.CreatedAt, err = parseTime(created)
		revs = append(revs, &r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find revisions: %w", err)
	}
	return revs, nil
}

// FindRevisionByID returns a revision with its snapshot. ENOTFOUND.
func (db *DB) FindRevisionByID(ctx context.Context, id int64) (*recto.Revision, error) {
	var r recto.Revision
	var created string
	var snapshot sql.NullString
	err := db.reads().QueryRowContext(ctx, `SELECT id, document_id, created_at, status, snapshot FROM revisions WHERE id = ?`, id).
		Scan(&r.ID, &r.DocumentID, &created, &r.Status, &snapshot)
	if err != nil {
		return nil, notFound(err, "Revision", id)
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if !snapshot.Valid {
		// The newest revision is the document as it stands.
		if r.Document, err = db.FindDocumentByID(ctx, r.DocumentID); err != nil {
			return nil, err
		}
		r.Document.Inverse = nil
		return &r, nil
	}
	r.Document = new(recto.Document)
	if err := json.Unmarshal([]byte(snapshot.String), r.Document); err != nil {
		return nil, fmt.Errorf("store: revision %d snapshot: %w", id, err)
	}
	return &r, nil
}
