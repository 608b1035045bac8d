-- Recto's catalogue: documents, their texts and provenance, and the shared
-- authorities they link to. Every list that a page filters or facets on is a
-- table of its own (no JSON columns), so later search and facet queries can
-- index it. Times are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ', which sorts.

CREATE TABLE places (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	parent_id INTEGER REFERENCES places(id),
	latitude  REAL,
	longitude REAL
);
CREATE INDEX places_parent ON places(parent_id);

CREATE TABLE place_names (
	place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name     TEXT NOT NULL,
	lang     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (place_id, position)
);

CREATE TABLE agents (
	id    INTEGER PRIMARY KEY,
	kind  TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
	name  TEXT NOT NULL,
	dates TEXT NOT NULL DEFAULT '',
	bio   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agents_name ON agents(name COLLATE NOCASE);

CREATE TABLE agent_names (
	agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name     TEXT NOT NULL,
	lang     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (agent_id, position)
);

-- Identifiers of places and agents in external systems (VIAF, Wikidata, GeoNames).
CREATE TABLE place_identifiers (
	place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	scheme   TEXT NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (place_id, position)
);
CREATE TABLE agent_identifiers (
	agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	scheme   TEXT NOT NULL,
	value    TEXT NOT NULL,
	PRIMARY KEY (agent_id, position)
);

CREATE TABLE subjects (
	id        INTEGER PRIMARY KEY,
	heading   TEXT NOT NULL UNIQUE,
	parent_id INTEGER REFERENCES subjects(id)
);
CREATE INDEX subjects_parent ON subjects(parent_id);

CREATE TABLE collections (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	image       TEXT NOT NULL DEFAULT '',
	parent_id   INTEGER REFERENCES collections(id),
	position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX collections_parent ON collections(parent_id);

CREATE TABLE repositories (
	id            INTEGER PRIMARY KEY,
	short_name    TEXT NOT NULL,
	name          TEXT NOT NULL,
	place_id      INTEGER REFERENCES places(id),
	website       TEXT NOT NULL DEFAULT '',
	citation_note TEXT NOT NULL DEFAULT ''
);

-- AUTOINCREMENT because a Record ID is never reused, even after a delete.
CREATE TABLE documents (
	id                  INTEGER PRIMARY KEY AUTOINCREMENT,
	title               TEXT NOT NULL,
	summary             TEXT NOT NULL DEFAULT '',
	type                TEXT NOT NULL DEFAULT '',
	date_edtf           TEXT NOT NULL DEFAULT '',
	-- earliest and latest possible day, as days since 1970-01-01; NULL when
	-- the date is unknown or that end is open.
	date_earliest       INTEGER,
	date_latest         INTEGER,
	date_as_written     TEXT NOT NULL DEFAULT '',
	written_at          TEXT NOT NULL DEFAULT '',
	written_on          TEXT NOT NULL DEFAULT '',
	signature           TEXT NOT NULL DEFAULT '',
	authentication      TEXT NOT NULL DEFAULT '',
	classification      TEXT NOT NULL DEFAULT '',
	declassified_on     TEXT NOT NULL DEFAULT '',
	declassified_by     TEXT NOT NULL DEFAULT '',
	rights_statement    TEXT NOT NULL DEFAULT '',
	rights_uri          TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'published', 'withdrawn')),
	withdrawn_note      TEXT NOT NULL DEFAULT '',
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	published_at        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_status_date ON documents(status, date_earliest, date_latest, id);
CREATE INDEX documents_status_published ON documents(status, published_at);

CREATE TABLE document_languages (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	lang        TEXT NOT NULL,
	PRIMARY KEY (document_id, position)
);
CREATE INDEX document_languages_lang ON document_languages(lang);

CREATE TABLE texts (
	id              INTEGER PRIMARY KEY,
	document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position        INTEGER NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('translation', 'transcript')),
	lang            TEXT NOT NULL,
	body            TEXT NOT NULL,
	translated_from TEXT NOT NULL DEFAULT '',
	method          TEXT NOT NULL DEFAULT '',
	date_edtf       TEXT NOT NULL DEFAULT '',
	notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX texts_document ON texts(document_id, position);

-- Credits on the document (text_id NULL) or on one of its texts.
CREATE TABLE credits (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	text_id     INTEGER REFERENCES texts(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	role        TEXT NOT NULL,
	agent_id    INTEGER NOT NULL REFERENCES agents(id)
);
CREATE INDEX credits_document ON credits(document_id, text_id, position);
CREATE INDEX credits_agent ON credits(agent_id, role);

CREATE TABLE sources (
	id            INTEGER PRIMARY KEY,
	document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	repository_id INTEGER REFERENCES repositories(id),
	note          TEXT NOT NULL DEFAULT '',
	citation      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sources_document ON sources(document_id, position);
CREATE INDEX sources_repository ON sources(repository_id);

CREATE TABLE source_parts (
	source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	type      TEXT NOT NULL DEFAULT '',
	label     TEXT NOT NULL,
	value     TEXT NOT NULL,
	PRIMARY KEY (source_id, position)
);

CREATE TABLE document_places (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	place_id    INTEGER NOT NULL REFERENCES places(id),
	position    INTEGER NOT NULL,
	PRIMARY KEY (document_id, place_id)
);
CREATE INDEX document_places_place ON document_places(place_id);

CREATE TABLE document_subjects (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	subject_id  INTEGER NOT NULL REFERENCES subjects(id),
	position    INTEGER NOT NULL,
	PRIMARY KEY (document_id, subject_id)
);
CREATE INDEX document_subjects_subject ON document_subjects(subject_id);

-- position orders a collection's documents as its editors arranged them;
-- document_position orders a document's own list of collections.
CREATE TABLE collection_documents (
	collection_id     INTEGER NOT NULL REFERENCES collections(id),
	document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position          INTEGER NOT NULL,
	document_position INTEGER NOT NULL,
	PRIMARY KEY (collection_id, document_id)
);
CREATE INDEX collection_documents_document ON collection_documents(document_id);

CREATE TABLE document_relations (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('related', 'enclosure')),
	related_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	PRIMARY KEY (document_id, position)
);
CREATE INDEX document_relations_related ON document_relations(related_id);

CREATE TABLE media (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	url         TEXT NOT NULL,
	media_type  TEXT NOT NULL,
	label       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, position)
);

-- Every change of a document, with the document as it stood after it, as the
-- JSON of the catalogue model: history is read whole, never filtered inside.
CREATE TABLE revisions (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	created_at  TEXT NOT NULL,
	status      TEXT NOT NULL,
	snapshot    TEXT NOT NULL
);
CREATE INDEX revisions_document ON revisions(document_id, id);

-- One row: when anything in the archive last changed (HTTP Last-Modified).
CREATE TABLE archive_state (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	changed_at TEXT NOT NULL
);
