package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// scanChunk is how many documents ScanDocuments reads per transaction; each
// chunk costs one query per table, however many documents it holds.
const scanChunk = 256

// FindDocumentByID returns a document in full, whatever its status. ENOTFOUND.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*recto.Document, error) {
	docs, err := db.readDocuments(ctx, []int64{id}, readAll)
	if err != nil {
		return nil, err
	} else if len(docs) == 0 {
		return nil, recto.Errorf(recto.ENOTFOUND, "Document %d not found.", id)
	}
	return docs[0], nil
}

// FindDocumentsByIDs returns the listed documents in full, in the order
// given, reading them in chunks; missing ids are skipped.
func (db *DB) FindDocumentsByIDs(ctx context.Context, ids []int64) ([]*recto.Document, error) {
	out := make([]*recto.Document, 0, len(ids))
	for len(ids) > 0 {
		n := min(scanChunk, len(ids))
		docs, err := db.readDocuments(ctx, ids[:n], readAll)
		if err != nil {
			return nil, err
		}
		out = append(out, docs...)
		ids = ids[n:]
	}
	return out, nil
}

// ScanDocuments calls fn with every document whose id is listed (all
// documents, in Record ID order, when ids is nil), each in full as
// FindDocumentByID returns it except that authorities carry only their ID.
// Missing ids are skipped. Documents are read in chunks, so a scan of the
// whole archive costs a few queries per hundred documents.
func (db *DB) ScanDocuments(ctx context.Context, ids []int64, fn func(*recto.Document) error) error {
	next := func() ([]int64, error) {
		n := min(scanChunk, len(ids))
		chunk := ids[:n]
		ids = ids[n:]
		return chunk, nil
	}
	if ids == nil {
		var last int64
		next = func() ([]int64, error) {
			chunk, err := db.documentIDsAfter(ctx, last, scanChunk)
			if len(chunk) > 0 {
				last = chunk[len(chunk)-1]
			}
			return chunk, err
		}
	}
	for {
		chunk, err := next()
		if err != nil || len(chunk) == 0 {
			return err
		}
		docs, err := db.readDocuments(ctx, chunk, readAllButAuthorities)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
}

func (db *DB) documentIDsAfter(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("store: scan documents: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, fmt.Errorf("store: scan documents: %w", err)
	}
	return ids, nil
}

// FindDocumentTexts returns the listed documents with their own fields and
// texts only.
func (db *DB) FindDocumentTexts(ctx context.Context, ids []int64) ([]*recto.Document, error) {
	var docs []*recto.Document
	for len(ids) > 0 {
		n := min(scanChunk, len(ids))
		chunk, err := db.readDocuments(ctx, ids[:n], readTexts)
		if err != nil {
			return nil, err
		}
		docs, ids = append(docs, chunk...), ids[n:]
	}
	return docs, nil
}

// What readDocuments reads.
type readLevel int

const (
	readTexts             readLevel = iota // own fields, texts and former paths
	readAllButAuthorities                  // everything, authorities as IDs
	readAll                                // everything
)

// readDocuments reads the listed documents, in the order given, in one read
// transaction so their parts agree with each other.
func (db *DB) readDocuments(ctx context.Context, ids []int64, level readLevel) ([]*recto.Document, error) {
	if w, ok := ctx.Value(txKey{db}).(*Tx); ok {
		return db.readDocumentsIn(ctx, w, ids, level)
	}
	tx, err := db.read.BeginTx(ctx, db.dialect.Snapshot())
	if err != nil {
		return nil, fmt.Errorf("store: begin read: %w", err)
	}
	defer tx.Rollback()
	r := &documentReader{db: db, q: conn{cache: db.readStmts, tx: tx}, byID: map[int64]*recto.Document{},
		in: placeholders(len(ids)), args: int64Args(ids), refs: newRefs()}
	return r.read(ctx, ids, level)
}

// readDocumentsIn reads documents in the write transaction w, seeing its
// writes. The authority cache is neither used nor filled: w may roll back.
func (db *DB) readDocumentsIn(ctx context.Context, w *Tx, ids []int64, level readLevel) ([]*recto.Document, error) {
	r := &documentReader{db: db, q: w.conn, byID: map[int64]*recto.Document{},
		in: placeholders(len(ids)), args: int64Args(ids), refs: newRefs(), uncommitted: true}
	return r.read(ctx, ids, level)
}

func (r *documentReader) read(ctx context.Context, ids []int64, level readLevel) ([]*recto.Document, error) {
	steps := []func(context.Context) error{r.rows, r.texts, r.formerPaths}
	if level >= readAllButAuthorities {
		steps = append(steps, r.lists, r.credits, r.sources, r.relations)
	}
	if level == readAll {
		steps = append(steps, r.resolve)
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("store: read documents: %w", err)
		}
	}
	return inOrder(r.docs, ids, func(d *recto.Document) int64 { return d.ID }), nil
}

// documentReader fills a set of documents table by table. Authority
// references collect IDs first; resolve loads each authority once at the end.
type documentReader struct {
	db   *DB
	q    conn
	docs []*recto.Document
	byID map[int64]*recto.Document
	in   string // placeholders for the ids
	args []any
	refs *refs
	// uncommitted is set when reading in a write transaction.
	uncommitted bool
}

// refs are placeholders for the authorities documents point to, by ID.
type refs struct {
	agents       map[int64]*recto.Agent
	places       map[int64]*recto.Place
	subjects     map[int64]*recto.Subject
	collections  map[int64]*recto.Collection
	repositories map[int64]*recto.Repository
}

func newRefs() *refs {
	return &refs{agents: map[int64]*recto.Agent{}, places: map[int64]*recto.Place{}, subjects: map[int64]*recto.Subject{},
		collections: map[int64]*recto.Collection{}, repositories: map[int64]*recto.Repository{}}
}

// ref returns the placeholder for id in m, made by mk on first use.
func ref[T any](m map[int64]*T, id int64, mk func(int64) *T) *T {
	p, ok := m[id]
	if !ok {
		p = mk(id)
		m[id] = p
	}
	return p
}

// query runs a child-table query over the reader's documents. Its first
// column is document_id; the others scan into dest, then add is called with
// the row's document.
func (r *documentReader) query(ctx context.Context, query string, dest []any, add func(d *recto.Document) error) error {
	rows, err := r.q.QueryContext(ctx, query, r.args...)
	if err != nil {
		return err
	}
	var id int64
	all := append([]any{&id}, dest...)
	return scanAll(rows, func() error {
		if err := rows.Scan(all...); err != nil {
			return err
		}
		return add(r.byID[id])
	})
}

func (r *documentReader) rows(ctx context.Context) error {
	rows, err := r.q.QueryContext(ctx, `SELECT id, title, summary, type, date_edtf, date_as_written, written_at,
		written_on, signature, authentication, classification, declassified_on, declassified_by,
		rights_statement, rights_uri, status, withdrawn_note, created_at, updated_at, published_at,
		coalesce(source_id, ''), original_uploaded, original_created FROM documents WHERE id IN (`+r.in+`)`, r.args...)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		d, err := scanDocument(rows)
		if err == nil {
			r.docs = append(r.docs, d)
			r.byID[d.ID] = d
		}
		return err
	})
}

func scanDocument(rows *sql.Rows) (*recto.Document, error) {
	var d recto.Document
	var date, declassified, created, updated, published, uploadedThere, createdThere string
	err := rows.Scan(&d.ID, &d.Title, &d.Summary, &d.Type, &date, &d.DateAsWritten,
		&d.WrittenAt, &d.WrittenOn, &d.Signature, &d.Authentication, &d.Classification.Level, &declassified,
		&d.Classification.DeclassifiedBy, &d.Rights.Statement, &d.Rights.URI, &d.Status, &d.WithdrawnNote,
		&created, &updated, &published, &d.SourceID, &uploadedThere, &createdThere)
	if err != nil {
		return nil, err
	}
	for _, p := range []struct {
		dst *edtf.Date
		src string
	}{{&d.Date, date}, {&d.Classification.DeclassifiedOn, declassified}} {
		if *p.dst, err = edtf.Parse(p.src); err != nil {
			return nil, fmt.Errorf("document %d: stored date: %w", d.ID, err)
		}
	}
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&d.CreatedAt, created}, {&d.UpdatedAt, updated}, {&d.PublishedAt, published},
		{&d.OriginalUploaded, uploadedThere}, {&d.OriginalCreated, createdThere}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

func (r *documentReader) texts(ctx context.Context) error {
	var t recto.Text
	var date string
	return r.query(ctx, `SELECT document_id, id, kind, lang, format, body, translated_from, method, date_edtf, notes
		FROM texts WHERE document_id IN (`+r.in+`) ORDER BY document_id, position`,
		[]any{&t.ID, &t.Kind, &t.Lang, &t.Format, &t.Body, &t.TranslatedFrom, &t.Method, &date, &t.Notes},
		func(d *recto.Document) error {
			var err error
			t.Date, err = edtf.Parse(date)
			d.Texts = append(d.Texts, t)
			return err
		})
}

// formerPaths reads the documents' former paths, in order. Every level
// reads them, since a listing names a document by its former slug too
// (/srv/'s "slug").
func (r *documentReader) formerPaths(ctx context.Context) error {
	var p string
	return r.query(ctx, `SELECT document_id, path FROM document_former_paths WHERE document_id IN (`+r.in+`)
		ORDER BY document_id, position`, []any{&p}, func(d *recto.Document) error {
		d.FormerPaths = append(d.FormerPaths, p)
		return nil
	})
}

// credits attaches credits to their documents or texts; it runs after texts
// and, so that text credits are in order, adds them in the order read.
func (r *documentReader) credits(ctx context.Context) error {
	var textID, forID sql.NullInt64
	var role string
	var agentID int64
	return r.query(ctx, `SELECT document_id, text_id, role, agent_id, for_agent_id FROM credits WHERE document_id IN (`+r.in+`)
		ORDER BY document_id, text_id IS NOT NULL, text_id, position`, []any{&textID, &role, &agentID, &forID},
		func(d *recto.Document) error {
			c := recto.Credit{Role: recto.Role(role), Agent: ref(r.refs.agents, agentID, newAgent)}
			if forID.Valid {
				c.For = ref(r.refs.agents, forID.Int64, newAgent)
			}
			if !textID.Valid {
				d.Credits = append(d.Credits, c)
				return nil
			}
			for i := range d.Texts {
				if d.Texts[i].ID == textID.Int64 {
					d.Texts[i].Credits = append(d.Texts[i].Credits, c)
				}
			}
			return nil
		})
}

func (r *documentReader) sources(ctx context.Context) error {
	var id, last int64
	var repo sql.NullInt64
	var note, citation string
	var typ, label, value sql.NullString
	return r.query(ctx, `SELECT s.document_id, s.id, s.repository_id, s.note, s.citation, p.type, p.label, p.value
		FROM sources s LEFT JOIN source_parts p ON p.source_id = s.id
		WHERE s.document_id IN (`+r.in+`) ORDER BY s.document_id, s.position, p.position`,
		[]any{&id, &repo, &note, &citation, &typ, &label, &value}, func(d *recto.Document) error {
			if id != last {
				last = id
				s := recto.Source{Note: note, Citation: citation}
				if repo.Valid {
					s.Repository = ref(r.refs.repositories, repo.Int64, newRepository)
				}
				d.Sources = append(d.Sources, s)
			}
			if label.Valid {
				s := &d.Sources[len(d.Sources)-1]
				s.Parts = append(s.Parts, recto.RefPart{Type: typ.String, Label: label.String, Value: value.String})
			}
			return nil
		})
}

// lists reads the documents' languages, places, subjects, collections and
// media in one query, each list in its order: one round trip rather than
// five, which on PostgreSQL is most of what reading them costs.
func (r *documentReader) lists(ctx context.Context) error {
	const (
		language = iota
		place
		subject
		collection
		media
	)
	var kind int
	var id sql.NullInt64
	var a, b, c sql.NullString
	noID, noText := `CAST(NULL AS BIGINT)`, `CAST(NULL AS TEXT)`
	query := fmt.Sprintf(`SELECT document_id, %d AS kind, position, %s AS id, lang, %s, %s FROM document_languages WHERE document_id IN (%s)
		UNION ALL SELECT document_id, %d, position, place_id, %s, %s, %s FROM document_places WHERE document_id IN (%s)
		UNION ALL SELECT document_id, %d, position, subject_id, %s, %s, %s FROM document_subjects WHERE document_id IN (%s)
		UNION ALL SELECT document_id, %d, document_position, collection_id, %s, %s, %s FROM collection_documents WHERE document_id IN (%s)
		UNION ALL SELECT document_id, %d, position, %s, url, media_type, label FROM media WHERE document_id IN (%s)
		ORDER BY 1, 2, 3`,
		language, noID, noText, noText, r.in,
		place, noText, noText, noText, r.in,
		subject, noText, noText, noText, r.in,
		collection, noText, noText, noText, r.in,
		media, noID, r.in)
	rows, err := r.q.QueryContext(ctx, query, slices.Concat(r.args, r.args, r.args, r.args, r.args)...)
	if err != nil {
		return err
	}
	var docID, position int64
	return scanAll(rows, func() error {
		if err := rows.Scan(&docID, &kind, &position, &id, &a, &b, &c); err != nil {
			return err
		}
		d := r.byID[docID]
		switch kind {
		case language:
			d.Languages = append(d.Languages, a.String)
		case place:
			d.Places = append(d.Places, ref(r.refs.places, id.Int64, newPlace))
		case subject:
			d.Subjects = append(d.Subjects, ref(r.refs.subjects, id.Int64, newSubject))
		case collection:
			d.Collections = append(d.Collections, ref(r.refs.collections, id.Int64, newCollection))
		case media:
			d.Media = append(d.Media, recto.Media{URL: a.String, MediaType: b.String, Label: c.String})
		}
		return nil
	})
}

// Placeholders of authorities, filled by resolve.
func newAgent(id int64) *recto.Agent           { return &recto.Agent{ID: id} }
func newPlace(id int64) *recto.Place           { return &recto.Place{ID: id} }
func newSubject(id int64) *recto.Subject       { return &recto.Subject{ID: id} }
func newCollection(id int64) *recto.Collection { return &recto.Collection{ID: id} }
func newRepository(id int64) *recto.Repository { return &recto.Repository{ID: id} }

// relations reads the links the documents make, in the editor's order, and
// those other documents make to them, in Record ID order.
func (r *documentReader) relations(ctx context.Context) error {
	args := append(append([]any{}, r.args...), r.args...)
	rows, err := r.q.QueryContext(ctx, `SELECT rel.document_id, 0, rel.position, rel.kind, `+summaryColumns+`
		FROM document_relations rel JOIN documents d ON d.id = rel.related_id WHERE rel.document_id IN (`+r.in+`)
		UNION ALL
		SELECT rel.related_id, 1, rel.document_id, rel.kind, `+summaryColumns+`
		FROM document_relations rel JOIN documents d ON d.id = rel.document_id WHERE rel.related_id IN (`+r.in+`)
		ORDER BY 1, 2, 3`, args...)
	if err != nil {
		return err
	}
	return scanAll(rows, func() error {
		var id, order int64
		var inverse bool
		var kind string
		s, err := scanSummary(rows, &id, &inverse, &order, &kind)
		if err != nil {
			return err
		}
		d := r.byID[id]
		rel := recto.Relation{Kind: recto.RelationKind(kind), Document: s}
		if inverse {
			d.Inverse = append(d.Inverse, rel)
		} else {
			d.Relations = append(d.Relations, rel)
		}
		return nil
	})
}
