package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/recto-archive/recto"
)

// CreateDocument stores a new document with a new Record ID, its stamps and a
// first revision. EINVALID, also for references to missing records.
func (db *DB) CreateDocument(ctx context.Context, d *recto.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error { return createDocument(ctx, tx, d) })
}

// CreateDocuments stores many documents in one transaction: all or none.
// EINVALID names the failing document's index in each field path.
func (db *DB) CreateDocuments(ctx context.Context, docs []*recto.Document) error {
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return recto.PrefixFields(err, fmt.Sprintf("documents[%d]", i))
		}
	}
	return db.update(ctx, func(tx *Tx) error {
		for i, d := range docs {
			if err := createDocument(ctx, tx, d); err != nil {
				return recto.PrefixFields(err, fmt.Sprintf("documents[%d]", i))
			}
		}
		return nil
	})
}

func createDocument(ctx context.Context, tx *Tx, d *recto.Document) error {
	d.CreatedAt, d.UpdatedAt = tx.now, tx.now
	if d.Status == recto.StatusPublished && d.PublishedAt.IsZero() {
		d.PublishedAt = tx.now
	}
	cols := documentColumns(d)
	err := tx.QueryRowContext(ctx, `INSERT INTO documents (title, summary, type, date_edtf, date_earliest,
		date_latest, date_as_written, written_at, written_on, signature, authentication, classification,
		declassified_on, declassified_by, rights_statement, rights_uri, status, withdrawn_note,
		created_at, updated_at, published_at)
		VALUES (`+placeholders(len(cols))+`) RETURNING id`, cols...).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("sqlite: insert document: %w", err)
	}
	return writeDocumentParts(ctx, tx, d)
}

// UpdateDocument replaces the stored document, keeps its creation and first
// publication stamps, and records a revision. EINVALID, ENOTFOUND.
func (db *DB) UpdateDocument(ctx context.Context, d *recto.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var created, published string
		err := tx.QueryRowContext(ctx, `SELECT created_at, published_at FROM documents WHERE id = ?`, d.ID).
			Scan(&created, &published)
		if err != nil {
			return notFound(err, "Document", d.ID)
		}
		if d.CreatedAt, err = parseTime(created); err != nil {
			return err
		}
		if d.PublishedAt, err = parseTime(published); err != nil {
			return err
		}
		if err := db.keepRevision(ctx, tx, d.ID); err != nil {
			return err
		}
		d.UpdatedAt = tx.now
		if d.Status == recto.StatusPublished && d.PublishedAt.IsZero() {
			d.PublishedAt = tx.now
		}
		cols := documentColumns(d)
		_, err = tx.ExecContext(ctx, `UPDATE documents SET title = ?, summary = ?, type = ?, date_edtf = ?,
			date_earliest = ?, date_latest = ?, date_as_written = ?, written_at = ?, written_on = ?, signature = ?,
			authentication = ?, classification = ?, declassified_on = ?, declassified_by = ?, rights_statement = ?,
			rights_uri = ?, status = ?, withdrawn_note = ?, created_at = ?, updated_at = ?, published_at = ?
			WHERE id = ?`, append(cols, d.ID)...)
		if err != nil {
			return fmt.Errorf("sqlite: update document: %w", err)
		}
		return writeDocumentParts(ctx, tx, d)
	})
}

// documentColumns returns the documents row of d in the order of the
// INSERT and UPDATE statements above.
func documentColumns(d *recto.Document) []any {
	var earliest, latest sql.NullInt64
	if day, ok := d.Date.Earliest(); ok {
		earliest = sql.NullInt64{Int64: int64(day), Valid: true}
	}
	if day, ok := d.Date.Latest(); ok {
		latest = sql.NullInt64{Int64: int64(day), Valid: true}
	}
	c := d.Classification
	return []any{d.Title, d.Summary, d.Type, d.Date.String(), earliest, latest, d.DateAsWritten,
		d.WrittenAt, d.WrittenOn, d.Signature, d.Authentication, c.Level, c.DeclassifiedOn.String(),
		c.DeclassifiedBy, d.Rights.Statement, d.Rights.URI, string(d.Status), d.WithdrawnNote,
		formatTime(d.CreatedAt), formatTime(d.UpdatedAt), formatTime(d.PublishedAt)}
}

// writeDocumentParts replaces every list a document owns and records the
// revision. Texts keep their IDs; the other lists are rewritten.
func writeDocumentParts(ctx context.Context, tx *Tx, d *recto.Document) error {
	for _, table := range []string{"document_languages", "credits", "sources", "document_places",
		"document_subjects", "document_relations", "media"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE document_id = ?`, d.ID); err != nil {
			return fmt.Errorf("sqlite: clear %s: %w", table, err)
		}
	}
	steps := []func(context.Context, *Tx, *recto.Document) error{
		writeLanguages, writeTexts, writeCredits, writeSources, writeLinks, writeCollections,
		writeRelations, writeMedia, writeRevision,
	}
	for _, step := range steps {
		if err := step(ctx, tx, d); err != nil {
			return err
		}
	}
	return tx.changed(ctx, recto.DocumentChange, d.ID)
}

func writeLanguages(ctx context.Context, tx *Tx, d *recto.Document) error {
	for i, lang := range d.Languages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_languages (document_id, position, lang) VALUES (?, ?, ?)`,
			d.ID, i, lang); err != nil {
			return fmt.Errorf("sqlite: insert language: %w", err)
		}
	}
	return nil
}

// writeTexts updates the texts that keep their ID, inserts new ones and
// deletes the ones no longer listed.
func writeTexts(ctx context.Context, tx *Tx, d *recto.Document) error {
	keep := make([]any, 0, len(d.Texts)+1)
	keep = append(keep, d.ID)
	for i := range d.Texts {
		t := &d.Texts[i]
		cols := []any{i, string(t.Kind), t.Lang, t.Body, t.TranslatedFrom, string(t.Method), t.Date.String(), t.Notes}
		updated := false
		if t.ID != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE texts SET position = ?, kind = ?, lang = ?, body = ?, translated_from = ?,
				method = ?, date_edtf = ?, notes = ? WHERE id = ? AND document_id = ?`, append(cols, t.ID, d.ID)...)
			if err != nil {
				return fmt.Errorf("sqlite: update text: %w", err)
			}
			n, _ := res.RowsAffected()
			updated = n == 1
		}
		if !updated {
			err := tx.QueryRowContext(ctx, `INSERT INTO texts (document_id, position, kind, lang, body, translated_from,
				method, date_edtf, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append([]any{d.ID}, cols...)...).Scan(&t.ID)
			if err != nil {
				return fmt.Errorf("sqlite: insert text: %w", err)
			}
		}
		keep = append(keep, t.ID)
	}
	// SQLite accepts an empty "NOT IN ()", which keeps nothing.
	_, err := tx.ExecContext(ctx, `DELETE FROM texts WHERE document_id = ? AND id NOT IN (`+placeholders(len(keep)-1)+`)`,
		keep...)
	if err != nil {
		return fmt.Errorf("sqlite: delete texts: %w", err)
	}
	return nil
}

// writeCredits stores the document's credits and those of its texts.
func writeCredits(ctx context.Context, tx *Tx, d *recto.Document) error {
	insert := func(field string, textID sql.NullInt64, credits []recto.Credit) error {
		for i, c := range credits {
			_, err := tx.ExecContext(ctx, `INSERT INTO credits (document_id, text_id, position, role, agent_id)
				VALUES (?, ?, ?, ?, ?)`, d.ID, textID, i, string(c.Role), c.Agent.ID)
			if err != nil {
				return refError(err, fmt.Sprintf("%s[%d].agent", field, i), "person or organisation")
			}
		}
		return nil
	}
	if err := insert("credits", sql.NullInt64{}, d.Credits); err != nil {
		return err
	}
	for i, t := range d.Texts {
		if err := insert(fmt.Sprintf("texts[%d].credits", i), nullInt64(t.ID), t.Credits); err != nil {
			return err
		}
	}
	return nil
}

func writeSources(ctx context.Context, tx *Tx, d *recto.Document) error {
	for i, s := range d.Sources {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO sources (document_id, position, repository_id, note, citation)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, d.ID, i, nullInt64(repositoryID(s.Repository)), s.Note, s.Citation).Scan(&id)
		if err != nil {
			return refError(err, fmt.Sprintf("sources[%d].repository", i), "repository")
		}
		for j, p := range s.Parts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO source_parts (source_id, position, type, label, value)
				VALUES (?, ?, ?, ?, ?)`, id, j, p.Type, p.Label, p.Value); err != nil {
				return fmt.Errorf("sqlite: insert source part: %w", err)
			}
		}
	}
	return nil
}

func repositoryID(r *recto.Repository) int64 {
	if r == nil {
		return 0
	}
	return r.ID
}

// writeLinks stores the document's places and subjects.
func writeLinks(ctx context.Context, tx *Tx, d *recto.Document) error {
	for i, p := range d.Places {
		_, err := tx.ExecContext(ctx, `INSERT INTO document_places (document_id, place_id, position) VALUES (?, ?, ?)`,
			d.ID, p.ID, i)
		if err != nil {
			return refError(err, fmt.Sprintf("places[%d]", i), "place")
		}
	}
	for i, s := range d.Subjects {
		_, err := tx.ExecContext(ctx, `INSERT INTO document_subjects (document_id, subject_id, position) VALUES (?, ?, ?)`,
			d.ID, s.ID, i)
		if err != nil {
			return refError(err, fmt.Sprintf("subjects[%d]", i), "subject")
		}
	}
	return nil
}

// writeCollections keeps the document's place in collections it stays in and
// appends it to the end of collections it joins.
func writeCollections(ctx context.Context, tx *Tx, d *recto.Document) error {
	keep := []any{d.ID}
	for i, c := range d.Collections {
		_, err := tx.ExecContext(ctx, `INSERT INTO collection_documents (collection_id, document_id, position, document_position)
			VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM collection_documents WHERE collection_id = ?), ?)
			ON CONFLICT (collection_id, document_id) DO UPDATE SET document_position = excluded.document_position`,
			c.ID, d.ID, c.ID, i)
		if err != nil {
			return refError(err, fmt.Sprintf("collections[%d]", i), "collection")
		}
		keep = append(keep, c.ID)
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM collection_documents WHERE document_id = ? AND collection_id NOT IN (`+
		placeholders(len(keep)-1)+`)`, keep...)
	if err != nil {
		return fmt.Errorf("sqlite: leave collections: %w", err)
	}
	return nil
}

func writeRelations(ctx context.Context, tx *Tx, d *recto.Document) error {
	for i, r := range d.Relations {
		_, err := tx.ExecContext(ctx, `INSERT INTO document_relations (document_id, position, kind, related_id)
			VALUES (?, ?, ?, ?)`, d.ID, i, string(r.Kind), r.Document.ID)
		if err != nil {
			return refError(err, fmt.Sprintf("relations[%d].document", i), "document")
		}
	}
	return nil
}

func writeMedia(ctx context.Context, tx *Tx, d *recto.Document) error {
	for i, m := range d.Media {
		if _, err := tx.ExecContext(ctx, `INSERT INTO media (document_id, position, url, media_type, label)
			VALUES (?, ?, ?, ?, ?)`, d.ID, i, m.URL, m.MediaType, m.Label); err != nil {
			return fmt.Errorf("sqlite: insert media: %w", err)
		}
	}
	return nil
}

// writeRevision records a revision for the change. Its snapshot stays empty:
// the document's tables hold it until the next change, which calls
// keepRevision first.
func writeRevision(ctx context.Context, tx *Tx, d *recto.Document) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions (document_id, created_at, status) VALUES (?, ?, ?)`,
		d.ID, formatTime(tx.now), string(d.Status))
	if err != nil {
		return fmt.Errorf("sqlite: insert revision: %w", err)
	}
	return nil
}

// keepRevision stores the document as it stands before a change in its
// newest revision, whose snapshot was left empty. It reads the committed
// state through the read pool, which the write transaction does not affect.
func (db *DB) keepRevision(ctx context.Context, tx *Tx, id int64) error {
	old, err := db.FindDocumentByID(ctx, id)
	if err != nil {
		return err
	}
	old.Inverse = nil // other documents' links, not this one's state
	snapshot, err := json.Marshal(old)
	if err != nil {
		return fmt.Errorf("sqlite: revision snapshot: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE revisions SET snapshot = ? WHERE id =
		(SELECT max(id) FROM revisions WHERE document_id = ?) AND snapshot IS NULL`, string(snapshot), id)
	if err != nil {
		return fmt.Errorf("sqlite: keep revision: %w", err)
	}
	return nil
}

// FindRevisions lists a document's revisions, newest first, without snapshots.
func (db *DB) FindRevisions(ctx context.Context, documentID int64) ([]*recto.Revision, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id, document_id, created_at, status FROM revisions
		WHERE document_id = ? ORDER BY id DESC`, documentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find revisions: %w", err)
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
		return nil, fmt.Errorf("sqlite: find revisions: %w", err)
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
		return nil, fmt.Errorf("sqlite: revision %d snapshot: %w", id, err)
	}
	return &r, nil
}
