-- The paths a document had on a former site (recto.Document.FormerPaths,
-- in the normal form of recto.NormalFormerPath), each answered with a
-- permanent redirect to its page; a path leads to one document only.
CREATE TABLE document_former_paths (
	path        text COLLATE "C" PRIMARY KEY,
	document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	position    integer NOT NULL
);
CREATE INDEX document_former_paths_document ON document_former_paths(document_id, position);
-- The former system's own stamps, kept as it had them: '' when unknown.
ALTER TABLE documents ADD COLUMN original_uploaded text NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN original_created text NOT NULL DEFAULT '';
