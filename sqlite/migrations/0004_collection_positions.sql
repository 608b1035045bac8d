-- Appending documents to a collection reads the collection's last position;
-- without this index that read scanned every member of the collection.
CREATE INDEX collection_documents_position ON collection_documents(collection_id, position);
