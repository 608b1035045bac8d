-- Harvesters mostly page through the published documents only; with the
-- status first, the order of last change comes from the index, not a sort.
CREATE INDEX documents_status_changed ON documents(status, updated_at, id);
