package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// FindDocumentByID returns a document in full, whatever its status. ENOTFOUND.
// It reads in one transaction so the parts are consistent with each other.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*recto.Document, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin read: %w", err)
	}
	defer tx.Rollback()
	d, err := readDocumentRow(ctx, cachedReader{db: db, tx: tx}, id)
	if err != nil {
		return nil, err
	}
	r := &documentReader{db: db, tx: cachedReader{db: db, tx: tx}, d: d, agents: map[int64]*recto.Agent{}}
	steps := []func(context.Context) error{
		r.languages, r.texts, r.credits, r.sources, r.places, r.subjects, r.collections, r.relations, r.media,
		r.resolveAgents,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("sqlite: read document %d: %w", id, err)
		}
	}
	return d, nil
}

func readDocumentRow(ctx context.Context, q querier, id int64) (*recto.Document, error) {
	var d recto.Document
	var date, declassified, created, updated, published string
	err := q.QueryRowContext(ctx, `SELECT id, title, summary, type, date_edtf, date_as_written, written_at,
		written_on, signature, authentication, classification, declassified_on, declassified_by,
		rights_statement, rights_uri, status, withdrawn_note, created_at, updated_at, published_at
		FROM documents WHERE id = ?`, id).Scan(&d.ID, &d.Title, &d.Summary, &d.Type, &date, &d.DateAsWritten,
		&d.WrittenAt, &d.WrittenOn, &d.Signature, &d.Authentication, &d.Classification.Level, &declassified,
		&d.Classification.DeclassifiedBy, &d.Rights.Statement, &d.Rights.URI, &d.Status, &d.WithdrawnNote,
		&created, &updated, &published)
	if err != nil {
		return nil, notFound(err, "Document", id)
	}
	for _, p := range []struct {
		dst *edtf.Date
		src string
	}{{&d.Date, date}, {&d.Classification.DeclassifiedOn, declassified}} {
		if *p.dst, err = edtf.Parse(p.src); err != nil {
			return nil, fmt.Errorf("sqlite: document %d: stored date: %w", id, err)
		}
	}
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&d.CreatedAt, created}, {&d.UpdatedAt, updated}, {&d.PublishedAt, published}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

// documentReader fills the lists of one document. Credits first collect agent
// IDs; resolveAgents loads every agent once at the end.
type documentReader struct {
	db     *DB
	tx     querier
	d      *recto.Document
	agents map[int64]*recto.Agent
}

// agent returns a placeholder for agent id, filled by resolveAgents.
func (r *documentReader) agent(id int64) *recto.Agent {
	a, ok := r.agents[id]
	if !ok {
		a = &recto.Agent{ID: id}
		r.agents[id] = a
	}
	return a
}

func (r *documentReader) resolveAgents(ctx context.Context) error {
	ids := make([]int64, 0, len(r.agents))
	for id := range r.agents {
		ids = append(ids, id)
	}
	loaded, err := r.db.agentsByIDs(ctx, r.tx, ids)
	if err != nil {
		return err
	}
	for _, a := range loaded {
		*r.agents[a.ID] = *a
	}
	return nil
}

func (r *documentReader) languages(ctx context.Context) error {
	rows, err := r.tx.QueryContext(ctx, `SELECT lang FROM document_languages WHERE document_id = ? ORDER BY position`, r.d.ID)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var lang string
		err := rows.Scan(&lang)
		r.d.Languages = append(r.d.Languages, lang)
		return err
	})
}

func (r *documentReader) texts(ctx context.Context) error {
	rows, err := r.tx.QueryContext(ctx, `SELECT id, kind, lang, body, translated_from, method, date_edtf, notes
		FROM texts WHERE document_id = ? ORDER BY position`, r.d.ID)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var t recto.Text
		var date string
		if err := rows.Scan(&t.ID, &t.Kind, &t.Lang, &t.Body, &t.TranslatedFrom, &t.Method, &date, &t.Notes); err != nil {
			return err
		}
		var err error
		t.Date, err = edtf.Parse(date)
		r.d.Texts = append(r.d.Texts, t)
		return err
	})
}

func (r *documentReader) credits(ctx context.Context) error {
	textIndex := map[int64]int{}
	for i, t := range r.d.Texts {
		textIndex[t.ID] = i
	}
	rows, err := r.tx.QueryContext(ctx, `SELECT text_id, role, agent_id FROM credits WHERE document_id = ?
		ORDER BY text_id IS NOT NULL, text_id, position`, r.d.ID)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var textID sql.NullInt64
		var role string
		var agentID int64
		if err := rows.Scan(&textID, &role, &agentID); err != nil {
			return err
		}
		c := recto.Credit{Role: recto.Role(role), Agent: r.agent(agentID)}
		if textID.Valid {
			t := &r.d.Texts[textIndex[textID.Int64]]
			t.Credits = append(t.Credits, c)
		} else {
			r.d.Credits = append(r.d.Credits, c)
		}
		return nil
	})
}

func (r *documentReader) sources(ctx context.Context) error {
	rows, err := r.tx.QueryContext(ctx, `SELECT s.id, s.repository_id, s.note, s.citation, p.type, p.label, p.value
		FROM sources s LEFT JOIN source_parts p ON p.source_id = s.id
		WHERE s.document_id = ? ORDER BY s.position, p.position`, r.d.ID)
	if err != nil {
		return err
	}
	var last int64
	repos := map[int]int64{}
	err = scanAll(rows, func() error {
		var id int64
		var repo sql.NullInt64
		var note, citation string
		var typ, label, value sql.NullString
		if err := rows.Scan(&id, &repo, &note, &citation, &typ, &label, &value); err != nil {
			return err
		}
		if id != last {
			last = id
			if repo.Valid {
				repos[len(r.d.Sources)] = repo.Int64
			}
			r.d.Sources = append(r.d.Sources, recto.Source{Note: note, Citation: citation})
		}
		if label.Valid {
			s := &r.d.Sources[len(r.d.Sources)-1]
			s.Parts = append(s.Parts, recto.RefPart{Type: typ.String, Label: label.String, Value: value.String})
		}
		return nil
	})
	if err != nil || len(repos) == 0 {
		return err
	}
	ids := make([]int64, 0, len(repos))
	for _, id := range repos {
		ids = append(ids, id)
	}
	loaded, err := r.db.repositoriesByIDs(ctx, r.tx, ids)
	if err != nil {
		return err
	}
	byID := map[int64]*recto.Repository{}
	for _, repo := range loaded {
		byID[repo.ID] = repo
	}
	for i, id := range repos {
		r.d.Sources[i].Repository = byID[id]
	}
	return nil
}

// linkedIDs returns the ids in the given column of a document's link table,
// in the document's order.
func (r *documentReader) linkedIDs(ctx context.Context, query string) ([]int64, error) {
	rows, err := r.tx.QueryContext(ctx, query, r.d.ID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = scanAll(rows, func() error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

func (r *documentReader) places(ctx context.Context) error {
	ids, err := r.linkedIDs(ctx, `SELECT place_id FROM document_places WHERE document_id = ? ORDER BY position`)
	if err == nil {
		r.d.Places, err = r.db.placesByIDs(ctx, r.tx, ids)
	}
	return err
}

func (r *documentReader) subjects(ctx context.Context) error {
	ids, err := r.linkedIDs(ctx, `SELECT subject_id FROM document_subjects WHERE document_id = ? ORDER BY position`)
	if err == nil {
		r.d.Subjects, err = r.db.subjectsByIDs(ctx, r.tx, ids)
	}
	return err
}

func (r *documentReader) collections(ctx context.Context) error {
	ids, err := r.linkedIDs(ctx, `SELECT collection_id FROM collection_documents WHERE document_id = ? ORDER BY document_position`)
	if err == nil {
		r.d.Collections, err = r.db.collectionsByIDs(ctx, r.tx, ids)
	}
	return err
}

// relations reads the links this document makes, in the editor's order,
// and those other documents make to it, in Record ID order.
func (r *documentReader) relations(ctx context.Context) error {
	rows, err := r.tx.QueryContext(ctx, `SELECT 0, rel.position, rel.kind, `+summaryColumns+`
		FROM document_relations rel JOIN documents d ON d.id = rel.related_id WHERE rel.document_id = ?
		UNION ALL
		SELECT 1, rel.document_id, rel.kind, `+summaryColumns+`
		FROM document_relations rel JOIN documents d ON d.id = rel.document_id WHERE rel.related_id = ?
		ORDER BY 1, 2`, r.d.ID, r.d.ID)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var inverse bool
		var order int64
		var kind string
		s, err := scanSummary(rows, &inverse, &order, &kind)
		if err != nil {
			return err
		}
		rel := recto.Relation{Kind: recto.RelationKind(kind), Document: s}
		if inverse {
			r.d.Inverse = append(r.d.Inverse, rel)
		} else {
			r.d.Relations = append(r.d.Relations, rel)
		}
		return nil
	})
}

func (r *documentReader) media(ctx context.Context) error {
	rows, err := r.tx.QueryContext(ctx, `SELECT url, media_type, label FROM media WHERE document_id = ? ORDER BY position`, r.d.ID)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var m recto.Media
		err := rows.Scan(&m.URL, &m.MediaType, &m.Label)
		r.d.Media = append(r.d.Media, m)
		return err
	})
}
