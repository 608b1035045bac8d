-- A revision's snapshot may now be NULL: the newest revision of a document
-- is the document as its tables hold it, so storing it again would double
-- the archive's size on every import. When the document changes next, the
-- snapshot of what it was is filled in before the tables are overwritten.
CREATE TABLE revisions_new (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	created_at  TEXT NOT NULL,
	status      TEXT NOT NULL,
	snapshot    TEXT
);
INSERT INTO revisions_new (id, document_id, created_at, status, snapshot)
	SELECT id, document_id, created_at, status, snapshot FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;
CREATE INDEX revisions_document ON revisions(document_id, id);
