-- Document listings are in date order (undated last, then the earliest
-- possible day, the latest, the Record ID): an index in exactly that order
-- lets a page of /documents read its 25 rows from the index instead of
-- sorting every published document first (see the SQLite migration of the
-- same name).
CREATE INDEX documents_status_order ON documents(status, (coalesce(date_earliest, date_latest) IS NULL),
	(coalesce(date_earliest, date_latest)), date_latest, id);
