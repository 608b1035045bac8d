-- The change log: one row per committed write of a document or an authority,
-- in commit order. Derived structures (the search index) read it to stay in
-- step with the archive, also when another process wrote.
CREATE TABLE changes (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL CHECK (kind IN ('document', 'agent', 'place', 'subject', 'collection', 'repository')),
	id   INTEGER NOT NULL
);
