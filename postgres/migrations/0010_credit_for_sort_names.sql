-- A credit may name the organisation it was made for ("translated for
-- NKIDP by Gary Goldberg"); TestForeignKeysIndexed keeps the key indexed.
ALTER TABLE credits ADD COLUMN for_agent_id BIGINT REFERENCES agents(id);
CREATE INDEX credits_for_agent ON credits(for_agent_id);

-- An agent is shown by its name and filed by its sort name (see
-- sqlite/migrations/0013 and recto.Agent.DefaultSortName).
ALTER TABLE agents ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE agents SET sort_name = name;
UPDATE agents
SET name = btrim(split_part(name, ',', 2)) || ' ' || btrim(split_part(name, ',', 1)),
	sort_name = btrim(split_part(name, ',', 1)) || ', ' || btrim(split_part(name, ',', 2))
WHERE kind = 'person' AND length(name) - length(replace(name, ',', '')) = 1
	AND btrim(split_part(name, ',', 1)) <> '' AND btrim(split_part(name, ',', 2)) <> '';
CREATE INDEX agents_sort_name ON agents(lower(sort_name));

-- An agent a source names without its kind (recto.UnknownKind) is stored
-- with kind_known 0; kind keeps its check of the two kinds, which SQLite
-- cannot change without rebuilding a table that others refer to.
ALTER TABLE agents ADD COLUMN kind_known integer NOT NULL DEFAULT 1;
