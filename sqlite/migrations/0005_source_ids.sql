-- A document's identifier in the source it was imported from (a FRUS
-- document "frus1936v03/d15", a CSV row's source_id): re-imports find the
-- document by it, so they update rather than duplicate. NULL for none.
ALTER TABLE documents ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX documents_source_id ON documents(source_id);
