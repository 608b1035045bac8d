-- Harvesters (OAI-PMH, the API's cursors, sitemaps) page through documents
-- in the order of their last change.
CREATE INDEX documents_changed ON documents(updated_at, id);
