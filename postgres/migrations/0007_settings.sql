-- The archive's own settings (recto.Settings), a value per key, so that
-- settings added later need no migration: record_id_floor, the least
-- Record ID Recto gives a document itself.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
