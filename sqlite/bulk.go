package sqlite

import (
	"context"
	"errors"
	"fmt"
)

// deferredIndexes are the indexes whose upkeep dominates a large load,
// by name and what they index. Their entries arrive in no useful order (by
// agent, place, subject, repository, language, date), so every batch of
// documents dirties pages all over them, which each commit writes again: at
// a million documents they made a load take half as long again. A bulk load
// into a small archive drops them and builds them at the end by sorting,
// which is far cheaper. They must be what the migrations created; a test
// checks. While they are dropped, the foreign keys to agents, places,
// subjects and repositories have no index (TestForeignKeysIndexed sees
// them after the load): that would slow deleting those records, which a
// load never does.
var deferredIndexes = []struct{ name, on string }{
	{"documents_status_date", "documents(status, date_earliest, date_latest, id)"},
	{"documents_status_order", "documents(status, (coalesce(date_earliest, date_latest) IS NULL),\n\tcoalesce(date_earliest, date_latest), date_latest, id)"},
	{"document_languages_lang", "document_languages(lang)"},
	{"credits_agent", "credits(agent_id, role)"},
	{"sources_repository", "sources(repository_id)"},
	{"document_places_place", "document_places(place_id)"},
	{"document_subjects_subject", "document_subjects(subject_id)"},
}

// bulkBelow is the default of DB.bulkBelow: rebuilding the deferred indexes
// costs time in proportion to the whole archive, and saves it in proportion
// to the load, so only loads into an archive smaller than this defer them.
const bulkBelow = 50_000

// BeginBulk prepares for a large load. When the archive holds fewer than
// bulkBelow documents it drops the deferred indexes until EndBulk; reads stay
// correct meanwhile, if slower. If the process ends before EndBulk, the next
// Open builds them again. Calls nest: only the outermost pair acts.
func (db *DB) BeginBulk(ctx context.Context) error {
	db.writing.Lock()
	defer db.writing.Unlock()
	db.bulkDepth++
	if db.bulkDepth > 1 {
		return nil
	}
	var n int
	if err := db.wconn.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		db.bulkDepth--
		return fmt.Errorf("sqlite: begin bulk load: %w", err)
	}
	if n >= db.bulkBelow {
		return nil
	}
	for _, ix := range deferredIndexes {
		if _, err := db.wconn.ExecContext(ctx, `DROP INDEX IF EXISTS `+ix.name); err != nil {
			db.bulkDepth--
			return errors.Join(fmt.Errorf("sqlite: begin bulk load: %w", err), db.ensureIndexes(ctx))
		}
	}
	db.bulkDropped = true
	return nil
}

// EndBulk ends a bulk load begun by BeginBulk, building any index it
// dropped.
func (db *DB) EndBulk(ctx context.Context) error {
	db.writing.Lock()
	defer db.writing.Unlock()
	if db.bulkDepth == 0 {
		return fmt.Errorf("sqlite: end bulk load: no bulk load begun")
	}
	db.bulkDepth--
	if db.bulkDepth > 0 {
		return nil
	}
	if db.bulkDropped {
		if err := db.ensureIndexes(ctx); err != nil {
			return fmt.Errorf("sqlite: end bulk load: %w", err)
		}
		db.bulkDropped = false
	}
	if err := db.optimize(ctx, optimizeAtEnd); err != nil {
		return fmt.Errorf("sqlite: end bulk load: %w", err)
	}
	return nil
}

// ensureIndexes creates any deferred index that is missing: all of them
// after an interrupted bulk load, none otherwise.
func (db *DB) ensureIndexes(ctx context.Context) error {
	for _, ix := range deferredIndexes {
		if _, err := db.wconn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS `+ix.name+` ON `+ix.on); err != nil {
			return fmt.Errorf("create index %s: %w", ix.name, err)
		}
	}
	return nil
}
