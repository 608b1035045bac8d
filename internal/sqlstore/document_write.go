package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/markup"
)

// CreateDocument stores a new document with a new Record ID, its stamps and a
// first revision. EINVALID, also for references to missing records.
func (db *DB) CreateDocument(ctx context.Context, d *recto.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		return recto.TrimFieldPrefix(createDocuments(ctx, tx, []*recto.Document{d}), "documents[0]")
	})
}

// CreateDocuments stores many documents in one transaction: all or none.
// EINVALID names the failing document's index in each field path. Rows are
// inserted many per statement, which is what makes bulk imports fast.
func (db *DB) CreateDocuments(ctx context.Context, docs []*recto.Document) error {
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return recto.PrefixFields(err, fmt.Sprintf("documents[%d]", i))
		}
	}
	return db.update(ctx, func(tx *Tx) error { return createDocuments(ctx, tx, docs) })
}

func createDocuments(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	if err := assignIDs(ctx, tx, docs); err != nil {
		return err
	}
	if err := checkSourceIDs(ctx, tx, docs); err != nil {
		return err
	}
	if err := checkFormerPaths(ctx, tx, docs); err != nil {
		return err
	}
	rows := newRowBatch("documents", "id", "title", "summary", "type", "date_edtf", "date_earliest", "date_latest",
		"date_as_written", "written_at", "written_on", "signature", "authentication", "classification", "declassified_on",
		"declassified_by", "rights_statement", "rights_uri", "status", "withdrawn_note", "created_at", "updated_at",
		"published_at", "source_id", "original_uploaded", "original_created")
	for _, d := range docs {
		if d.CreatedAt.IsZero() {
			d.CreatedAt = tx.now
		}
		if d.UpdatedAt.IsZero() {
			d.UpdatedAt = tx.now
		}
		if d.Status == recto.StatusPublished && d.PublishedAt.IsZero() {
			d.PublishedAt = tx.now
		}
		rows.add(append([]any{d.ID}, documentColumns(d)...)...)
	}
	if err := rows.flush(ctx, tx); err != nil {
		return err
	}
	// References are checked after the rows are in, so that documents of
	// one batch may relate to each other.
	if err := checkReferences(ctx, tx, docs); err != nil {
		return err
	}
	return writeParts(ctx, tx, docs, nil)
}

// assignIDs keeps the Record IDs documents come with, if free, and gives
// the others new ones, at or above the archive's Record ID floor.
func assignIDs(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	var kept []int64
	var keptAt []int
	fresh := 0
	for i, d := range docs {
		if d.ID > 0 {
			kept, keptAt = append(kept, d.ID), append(keptAt, i)
		} else {
			fresh++
		}
	}
	floor, err := recordIDFloor(ctx, tx)
	if err != nil {
		return err
	}
	if len(kept) > 0 {
		if err := tx.keepID(ctx, "documents", kept, floor, func(i int) string { return fmt.Sprintf("documents[%d].id", keptAt[i]) }); err != nil {
			return err
		}
	}
	if fresh == 0 {
		return nil
	}
	next, err := tx.dialect.ReserveIDs(ctx, tx, "documents", fresh)
	if err != nil {
		return fmt.Errorf("store: next Record ID: %w", err)
	}
	if next < floor {
		if err := tx.dialect.SetCounter(ctx, tx, "documents", "id", floor+int64(fresh)-1); err != nil {
			return fmt.Errorf("store: Record ID floor: %w", err)
		}
		next = floor
	}
	for _, d := range docs {
		if d.ID <= 0 {
			d.ID = next
			next++
		}
	}
	return nil
}

// checkSourceIDs fails when a document's source identifier is another
// document's, in the archive or in the batch.
func checkSourceIDs(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	var ids []string
	owner := map[string]int{}
	for i, d := range docs {
		if d.SourceID == "" {
			continue
		}
		if j, dup := owner[d.SourceID]; dup {
			return invalidField(fmt.Sprintf("documents[%d].source_id", i),
				fmt.Sprintf("%q is also the source identifier of documents[%d]", d.SourceID, j))
		}
		owner[d.SourceID] = i
		ids = append(ids, d.SourceID)
	}
	found, err := findIDsBySource(ctx, tx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		i := owner[id]
		if other, ok := found[id]; ok && other != docs[i].ID {
			return invalidField(fmt.Sprintf("documents[%d].source_id", i),
				fmt.Sprintf("%q is the source identifier of document %d", id, other))
		}
	}
	return nil
}

// FindDocumentIDsBySource returns the Record IDs of the documents with the
// given source identifiers.
func (db *DB) FindDocumentIDsBySource(ctx context.Context, sourceIDs []string) (map[string]int64, error) {
	if w, ok := ctx.Value(txKey{db}).(*Tx); ok {
		return findIDsBySource(ctx, w, sourceIDs)
	}
	return findIDsBySource(ctx, db.reads(), sourceIDs)
}

func findIDsBySource(ctx context.Context, q Querier, sourceIDs []string) (map[string]int64, error) {
	found := make(map[string]int64, len(sourceIDs))
	for len(sourceIDs) > 0 {
		n := min(len(sourceIDs), 500)
		args := make([]any, n)
		for i, s := range sourceIDs[:n] {
			args[i] = s
		}
		rows, err := q.QueryContext(ctx, `SELECT source_id, id FROM documents WHERE source_id IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: find by source identifier: %w", err)
		}
		if err := scanAll(rows, func() error {
			var s string
			var id int64
			err := rows.Scan(&s, &id)
			found[s] = id
			return err
		}); err != nil {
			return nil, fmt.Errorf("store: find by source identifier: %w", err)
		}
		sourceIDs = sourceIDs[n:]
	}
	return found, nil
}

// UpdateDocument replaces the stored document, keeps its creation and first
// publication stamps, the IDs of texts it keeps and its places in
// collections, and records a revision. EINVALID, ENOTFOUND.
func (db *DB) UpdateDocument(ctx context.Context, d *recto.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		return recto.TrimFieldPrefix(db.updateDocuments(ctx, tx, []*recto.Document{d}), "documents[0]")
	})
}

// UpdateDocuments replaces many stored documents in one transaction, as
// UpdateDocument does each: all or none. EINVALID names the failing
// document's index in each field path. Their lists are deleted and
// inserted many rows per statement: updated one by one, a document took 39
// statements, each a round trip on PostgreSQL, where re-importing a
// 1,000-document volume took 10 s.
func (db *DB) UpdateDocuments(ctx context.Context, docs []*recto.Document) error {
	for i, d := range docs {
		if err := d.Validate(); err != nil {
			return recto.PrefixFields(err, fmt.Sprintf("documents[%d]", i))
		}
	}
	return db.update(ctx, func(tx *Tx) error { return db.updateDocuments(ctx, tx, docs) })
}

func (db *DB) updateDocuments(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if err := readStamps(ctx, tx, docs); err != nil {
		return err
	}
	if err := checkReferences(ctx, tx, docs); err != nil {
		return err
	}
	if err := checkSourceIDs(ctx, tx, docs); err != nil {
		return err
	}
	if err := checkFormerPaths(ctx, tx, docs); err != nil {
		return err
	}
	if err := db.keepRevisions(ctx, tx, ids); err != nil {
		return err
	}
	for _, d := range docs {
		d.UpdatedAt = tx.now
		if d.Status == recto.StatusPublished && d.PublishedAt.IsZero() {
			d.PublishedAt = tx.now
		}
		_, err := tx.ExecContext(ctx, `UPDATE documents SET title = ?, summary = ?, type = ?, date_edtf = ?,
			date_earliest = ?, date_latest = ?, date_as_written = ?, written_at = ?, written_on = ?, signature = ?,
			authentication = ?, classification = ?, declassified_on = ?, declassified_by = ?, rights_statement = ?,
			rights_uri = ?, status = ?, withdrawn_note = ?, created_at = ?, updated_at = ?, published_at = ?,
			source_id = ?, original_uploaded = ?, original_created = ? WHERE id = ?`, append(documentColumns(d), d.ID)...)
		if err != nil {
			return fmt.Errorf("store: update document %d: %w", d.ID, err)
		}
	}
	kept, err := clearParts(ctx, tx, ids)
	if err != nil {
		return err
	}
	return writeParts(ctx, tx, docs, kept)
}

// readStamps sets the creation and first publication stamps of documents
// from the stored ones, which an update keeps. ENOTFOUND for a document
// not stored.
func readStamps(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	type stamps struct{ created, published string }
	stored := make(map[int64]stamps, len(docs))
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	_, err := inChunks(ids, func(chunk []int64) ([]struct{}, error) {
		rows, err := tx.QueryContext(ctx, `SELECT id, created_at, published_at FROM documents WHERE id IN (`+
			placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, err
		}
		return nil, scanAll(rows, func() error {
			var id int64
			var st stamps
			err := rows.Scan(&id, &st.created, &st.published)
			stored[id] = st
			return err
		})
	})
	if err != nil {
		return fmt.Errorf("store: read documents' stamps: %w", err)
	}
	for _, d := range docs {
		st, ok := stored[d.ID]
		if !ok {
			return recto.Errorf(recto.ENOTFOUND, "Document %d not found.", d.ID)
		}
		if d.CreatedAt, err = parseTime(st.created); err != nil {
			return err
		}
		if d.PublishedAt, err = parseTime(st.published); err != nil {
			return err
		}
	}
	return nil
}

// documentColumns returns the documents row of d, without its id, in the
// order of the INSERT and UPDATE statements above.
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
		formatTime(d.CreatedAt), formatTime(d.UpdatedAt), formatTime(d.PublishedAt),
		sql.NullString{String: d.SourceID, Valid: d.SourceID != ""},
		formatTime(d.OriginalUploaded), formatTime(d.OriginalCreated)}
}

// keptParts is what updated documents keep from before: their texts' IDs
// and their positions in collections.
type keptParts struct {
	texts     map[int64]bool
	byDoc     map[int64][]int64  // each document's text IDs in order
	positions map[[2]int64]int64 // (document, collection) → position
}

// clearParts deletes every list the documents own, returning what
// writeParts should keep.
func clearParts(ctx context.Context, tx *Tx, ids []int64) (*keptParts, error) {
	kept := &keptParts{texts: map[int64]bool{}, byDoc: map[int64][]int64{}, positions: map[[2]int64]int64{}}
	_, err := inChunks(ids, func(chunk []int64) ([]struct{}, error) {
		in, args := placeholders(len(chunk)), int64Args(chunk)
		if err := queryRows(ctx, tx, `SELECT id, document_id, 0 FROM texts WHERE document_id IN (`+in+`) ORDER BY document_id, position`, args,
			func(id, doc, _ int64) {
				kept.texts[id] = true
				kept.byDoc[doc] = append(kept.byDoc[doc], id)
			}); err != nil {
			return nil, err
		}
		if err := queryRows(ctx, tx, `SELECT document_id, collection_id, position FROM collection_documents WHERE document_id IN (`+in+`)`,
			args, func(d, c, pos int64) { kept.positions[[2]int64{d, c}] = pos }); err != nil {
			return nil, err
		}
		for _, table := range []string{"document_languages", "credits", "texts", "sources", "document_places",
			"document_subjects", "collection_documents", "document_relations", "media", "document_former_paths"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE document_id IN (`+in+`)`, args...); err != nil {
				return nil, fmt.Errorf("store: clear %s: %w", table, err)
			}
		}
		return nil, nil
	})
	return kept, err
}

// queryRows calls fn with the three integer columns of each row.
func queryRows(ctx context.Context, q Querier, query string, args []any, fn func(a, b, c int64)) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return scanAll(rows, func() error {
		var a, b, c int64
		err := rows.Scan(&a, &b, &c)
		fn(a, b, c)
		return err
	})
}

// partsWriter collects the rows of the lists documents own, for batched inserts.
type partsWriter struct {
	languages, texts, credits, sources, parts, places, subjects, collections, relations, media, revisions, changes *rowBatch
	nextText, nextSource                                                                                           int64           // the next reserved IDs
	positions                                                                                                      map[int64]int64 // next position in each collection
	// freeTexts are the positive text IDs the documents bring that no
	// stored text has: a text keeps its ID when first stored, so that an
	// archive restored or migrated answers at the same text URLs.
	freeTexts map[int64]bool
	usedTexts map[int64]bool // the text IDs given in this write
	// reservedTexts is the end of the IDs reserved for new texts: texts
	// numbered past it (after IDs kept) move the backend's counter on.
	reservedTexts int64

	formerPaths *rowBatch
}

// writeParts inserts the lists of documents whose rows exist and whose lists
// are empty, records a revision and a change for each, and sets the IDs of
// new texts. kept is nil for new documents.
func writeParts(ctx context.Context, tx *Tx, docs []*recto.Document, kept *keptParts) error {
	w := &partsWriter{
		languages:   newRowBatch("document_languages", "document_id", "position", "lang"),
		texts:       newRowBatch("texts", "id", "document_id", "position", "kind", "lang", "format", "body", "translated_from", "method", "date_edtf", "notes"),
		credits:     newRowBatch("credits", "document_id", "text_id", "position", "role", "agent_id", "for_agent_id"),
		sources:     newRowBatch("sources", "id", "document_id", "position", "repository_id", "note", "citation"),
		parts:       newRowBatch("source_parts", "source_id", "position", "type", "label", "value"),
		places:      newRowBatch("document_places", "document_id", "place_id", "position"),
		subjects:    newRowBatch("document_subjects", "document_id", "subject_id", "position"),
		collections: newRowBatch("collection_documents", "collection_id", "document_id", "position", "document_position"),
		relations:   newRowBatch("document_relations", "document_id", "position", "kind", "related_id"),
		media:       newRowBatch("media", "document_id", "position", "url", "media_type", "label"),
		formerPaths: newRowBatch("document_former_paths", "path", "document_id", "position"),
		revisions:   newRowBatch("revisions", "document_id", "created_at", "status"),
		changes:     newRowBatch("changes", "kind", "id"),
	}
	if err := w.start(ctx, tx, docs, kept); err != nil {
		return err
	}
	for _, d := range docs {
		w.document(d, kept, tx)
	}
	for _, b := range []*rowBatch{w.languages, w.texts, w.credits, w.sources, w.parts, w.places, w.subjects,
		w.collections, w.relations, w.media, w.formerPaths, w.revisions, w.changes} {
		if err := b.flush(ctx, tx); err != nil {
			return err
		}
	}
	if w.nextText > w.reservedTexts {
		if err := tx.dialect.SetCounter(ctx, tx, "texts", "id", w.nextText-1); err != nil {
			return fmt.Errorf("store: text ids: %w", err)
		}
	}
	return nil
}

// findFreeTexts finds which of the positive text IDs the documents bring,
// other than their own stored texts', no stored text has, and numbers new
// texts after them.
func (w *partsWriter) findFreeTexts(ctx context.Context, tx *Tx, docs []*recto.Document, kept *keptParts) error {
	w.freeTexts, w.usedTexts = map[int64]bool{}, map[int64]bool{}
	var asked []int64
	for _, d := range docs {
		for _, t := range d.Texts {
			if t.ID > 0 && (kept == nil || !kept.texts[t.ID]) && !w.freeTexts[t.ID] {
				w.freeTexts[t.ID] = true
				asked = append(asked, t.ID)
			}
		}
	}
	_, err := inChunks(asked, func(chunk []int64) ([]struct{}, error) {
		return nil, queryRows(ctx, tx, `SELECT id, 0, 0 FROM texts WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk),
			func(id, _, _ int64) { delete(w.freeTexts, id) })
	})
	if err != nil {
		return fmt.Errorf("store: text ids: %w", err)
	}
	for id := range w.freeTexts {
		w.nextText = max(w.nextText, id+1)
	}
	return nil
}

// textIDs gives the document's texts their IDs: a text keeps the ID it
// brings when that is one of the document's stored texts' or free; a text
// without one takes the stored text's ID in its place, so that an update
// from a file that names no text IDs (a CSV row) keeps the texts' URLs;
// every other text gets a new ID. No ID is given twice.
func (w *partsWriter) textIDs(d *recto.Document, kept *keptParts) {
	keep := func(id int64) bool {
		ok := id > 0 && !w.usedTexts[id] && (w.freeTexts[id] || kept != nil && kept.texts[id])
		if ok {
			w.usedTexts[id] = true
		}
		return ok
	}
	for i := range d.Texts {
		if t := &d.Texts[i]; !keep(t.ID) {
			t.ID = 0
		}
	}
	var stored []int64
	if kept != nil {
		stored = kept.byDoc[d.ID]
	}
	for i := range d.Texts {
		t := &d.Texts[i]
		if t.ID == 0 && i < len(stored) && keep(stored[i]) {
			t.ID = stored[i]
		}
	}
	for i := range d.Texts {
		if t := &d.Texts[i]; t.ID == 0 {
			t.ID = w.nextText
			w.nextText++
		}
	}
}

// start reserves the IDs of new texts and sources and reads the next positions in
// the collections the documents join.
func (w *partsWriter) start(ctx context.Context, tx *Tx, docs []*recto.Document, kept *keptParts) error {
	var texts, sources int
	for _, d := range docs {
		texts += len(d.Texts)
		sources += len(d.Sources)
	}
	var err error
	if w.nextText, err = tx.dialect.ReserveIDs(ctx, tx, "texts", texts); err != nil {
		return fmt.Errorf("store: next text ids: %w", err)
	}
	w.reservedTexts = w.nextText + int64(texts)
	// The texts kept are out of the table until they are inserted again,
	// so a backend that numbers after the largest ID stored could hand out
	// theirs.
	if kept != nil {
		for id := range kept.texts {
			w.nextText = max(w.nextText, id+1)
		}
	}
	if err := w.findFreeTexts(ctx, tx, docs, kept); err != nil {
		return err
	}
	if w.nextSource, err = tx.dialect.ReserveIDs(ctx, tx, "sources", sources); err != nil {
		return fmt.Errorf("store: next source ids: %w", err)
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, d := range docs {
		for _, c := range d.Collections {
			if !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
	}
	w.positions = map[int64]int64{}
	// One query per collection: the database finds each maximum in the
	// (collection_id, position) index at once, where a grouped query over
	// them all would read every member.
	for _, id := range ids {
		var pos int64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) FROM collection_documents WHERE collection_id = ?`, id).
			Scan(&pos)
		if err != nil {
			return fmt.Errorf("store: collection positions: %w", err)
		}
		w.positions[id] = pos + 1
	}
	return nil
}

// document adds the rows of one document's lists.
func (w *partsWriter) document(d *recto.Document, kept *keptParts, tx *Tx) {
	for i, lang := range d.Languages {
		w.languages.add(d.ID, i, lang)
	}
	for i, c := range d.Credits {
		w.credits.add(d.ID, nil, i, string(c.Role), c.Agent.ID, nullInt64(forAgentID(c)))
	}
	w.textIDs(d, kept)
	for i := range d.Texts {
		t := &d.Texts[i]
		// A text is stored as it is read back: in a named format, its HTML
		// sanitised.
		t.Format = cmp.Or(t.Format, recto.Markdown)
		t.Body = markup.CleanText(t.Format, t.Body)
		w.texts.add(t.ID, d.ID, i, string(t.Kind), t.Lang, string(t.Format), t.Body, t.TranslatedFrom, string(t.Method), t.Date.String(), t.Notes)
		for j, c := range t.Credits {
			w.credits.add(d.ID, t.ID, j, string(c.Role), c.Agent.ID, nullInt64(forAgentID(c)))
		}
	}
	for i, s := range d.Sources {
		w.sources.add(w.nextSource, d.ID, i, nullInt64(repositoryID(s.Repository)), s.Note, s.Citation)
		for j, p := range s.Parts {
			w.parts.add(w.nextSource, j, p.Type, p.Label, p.Value)
		}
		w.nextSource++
	}
	for i, p := range d.Places {
		w.places.add(d.ID, p.ID, i)
	}
	for i, s := range d.Subjects {
		w.subjects.add(d.ID, s.ID, i)
	}
	for i, c := range d.Collections {
		pos, ok := int64(0), false
		if kept != nil {
			pos, ok = kept.positions[[2]int64{d.ID, c.ID}]
		}
		if !ok {
			pos = w.positions[c.ID]
			w.positions[c.ID]++
		}
		w.collections.add(c.ID, d.ID, pos, i)
	}
	for i, r := range d.Relations {
		w.relations.add(d.ID, i, string(r.Kind), r.Document.ID)
	}
	for i, m := range d.Media {
		w.media.add(d.ID, i, m.URL, m.MediaType, m.Label)
	}
	for i, p := range d.FormerPaths {
		w.formerPaths.add(p, d.ID, i)
	}
	w.revisions.add(d.ID, formatTime(tx.now), string(d.Status))
	w.changes.add(string(recto.DocumentChange), d.ID)
}

func repositoryID(r *recto.Repository) int64 {
	if r == nil {
		return 0
	}
	return r.ID
}

// forAgentID is the organisation a credit was made for, 0 for none.
func forAgentID(c recto.Credit) int64 {
	if c.For == nil {
		return 0
	}
	return c.For.ID
}

// reference is a document's pointer to another record, with the field that
// holds it.
type reference struct {
	doc   int
	field string
	id    int64
}

// checkReferences returns an EINVALID error naming the first field of each
// document that points to a record that does not exist. The foreign keys
// would refuse it too, but could not say which field.
func checkReferences(ctx context.Context, tx *Tx, docs []*recto.Document) error {
	refs := map[string][]reference{}
	add := func(table string, doc int, field string, id int64) {
		refs[table] = append(refs[table], reference{doc, field, id})
	}
	for i, d := range docs {
		credits := func(field string, cs []recto.Credit) {
			for j, c := range cs {
				add("agents", i, fmt.Sprintf("%s[%d].agent", field, j), c.Agent.ID)
				if c.For != nil {
					add("agents", i, fmt.Sprintf("%s[%d].for", field, j), c.For.ID)
				}
			}
		}
		credits("credits", d.Credits)
		for j, t := range d.Texts {
			credits(fmt.Sprintf("texts[%d].credits", j), t.Credits)
		}
		for j, s := range d.Sources {
			if s.Repository != nil {
				add("repositories", i, fmt.Sprintf("sources[%d].repository", j), s.Repository.ID)
			}
		}
		for j, p := range d.Places {
			add("places", i, fmt.Sprintf("places[%d]", j), p.ID)
		}
		for j, s := range d.Subjects {
			add("subjects", i, fmt.Sprintf("subjects[%d]", j), s.ID)
		}
		for j, c := range d.Collections {
			add("collections", i, fmt.Sprintf("collections[%d]", j), c.ID)
		}
		for j, r := range d.Relations {
			add("documents", i, fmt.Sprintf("relations[%d].document", j), r.Document.ID)
		}
	}
	var fields []recto.FieldError
	for _, table := range []string{"agents", "repositories", "places", "subjects", "collections", "documents"} {
		missing, err := missingIDs(ctx, tx, table, refs[table])
		if err != nil {
			return err
		}
		for _, r := range missing {
			fields = append(fields, recto.FieldError{Field: fmt.Sprintf("documents[%d].%s", r.doc, r.field),
				Message: "unknown " + referenceNoun[table]})
		}
	}
	if len(fields) > 0 {
		return &recto.Error{Code: recto.EINVALID, Message: "invalid reference", Fields: fields}
	}
	return nil
}

var referenceNoun = map[string]string{"agents": "person or organisation", "repositories": "repository",
	"places": "place", "subjects": "subject", "collections": "collection", "documents": "document"}

// missingIDs returns the references to ids that table does not hold.
func missingIDs(ctx context.Context, tx *Tx, table string, refs []reference) ([]reference, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	found := map[int64]bool{}
	var ids []int64
	for _, r := range refs {
		if !found[r.id] {
			found[r.id] = true
			ids = append(ids, r.id)
		}
	}
	clear(found)
	for len(ids) > 0 {
		n := min(len(ids), 500)
		rows, err := tx.QueryContext(ctx, `SELECT id FROM `+table+` WHERE id IN (`+placeholders(n)+`)`, int64Args(ids[:n])...)
		if err != nil {
			return nil, fmt.Errorf("store: check references: %w", err)
		}
		if err := scanAll(rows, func() error {
			var id int64
			err := rows.Scan(&id)
			found[id] = true
			return err
		}); err != nil {
			return nil, fmt.Errorf("store: check references: %w", err)
		}
		ids = ids[n:]
	}
	var missing []reference
	for _, r := range refs {
		if !found[r.id] {
			missing = append(missing, r)
		}
	}
	return missing, nil
}

// maxVariables bounds the values of one statement, well under the limits
// of SQLite (32,766) and PostgreSQL (65,535), so a batch of rows goes in a
// few statements.
const maxVariables = 8000

// rowBatch collects rows for one table and inserts them many per statement.
type rowBatch struct {
	table string
	cols  []string
	args  []any
}

func newRowBatch(table string, cols ...string) *rowBatch { return &rowBatch{table: table, cols: cols} }

func (b *rowBatch) add(values ...any) { b.args = append(b.args, values...) }

// keptRows is the most rows of a statement kept prepared below a full
// chunk: the lists of one document (a few languages, texts, credits,
// places), which updating documents one by one inserts again and again.
// Preparing those statements anew took a tenth of a re-import's time.
const keptRows = 8

// flush inserts the collected rows and empties the batch. Only the
// statements for a full chunk and for the few rows of one document are
// kept prepared, at most keptRows+1 per table, whereas keeping one for
// every remainder would fill the connection's memory.
func (b *rowBatch) flush(ctx context.Context, tx *Tx) error {
	width := len(b.cols)
	per := max(1, maxVariables/width)
	row := "(" + placeholders(width) + ")"
	head := `INSERT INTO ` + b.table + ` (` + strings.Join(b.cols, ", ") + `) VALUES `
	for len(b.args) > 0 {
		n := min(per, len(b.args)/width)
		query := head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		exec := tx.ExecContext
		if n < per && n > keptRows {
			exec = tx.execOnce
		}
		if _, err := exec(ctx, query, b.args[:n*width]...); err != nil {
			return fmt.Errorf("store: insert into %s: %w", b.table, err)
		}
		b.args = b.args[n*width:]
	}
	return nil
}
