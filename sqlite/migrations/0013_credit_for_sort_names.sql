-- A credit may name the organisation it was made for ("translated for
-- NKIDP by Gary Goldberg"); TestForeignKeysIndexed keeps the key indexed.
ALTER TABLE credits ADD COLUMN for_agent_id INTEGER REFERENCES agents(id);
CREATE INDEX credits_for_agent ON credits(for_agent_id);

-- An agent is shown by its name and filed by its sort name (see
-- recto.Agent.DefaultSortName). A person stored inverted, "Hasanli, Jamil",
-- is shown "Jamil Hasanli" and filed as stored; every other agent is filed
-- under its name as written until given a sort name.
ALTER TABLE agents ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE agents SET sort_name = name;
UPDATE agents
SET name = trim(substr(name, instr(name, ',') + 1)) || ' ' || trim(substr(name, 1, instr(name, ',') - 1)),
	sort_name = trim(substr(name, 1, instr(name, ',') - 1)) || ', ' || trim(substr(name, instr(name, ',') + 1))
WHERE kind = 'person' AND instr(name, ',') > 0
	AND instr(substr(name, instr(name, ',') + 1), ',') = 0
	AND trim(substr(name, 1, instr(name, ',') - 1)) <> ''
	AND trim(substr(name, instr(name, ',') + 1)) <> '';
CREATE INDEX agents_sort_name ON agents(sort_name COLLATE NOCASE);

-- An agent a source names without its kind (recto.UnknownKind) is stored
-- with kind_known 0; kind keeps its check of the two kinds, which SQLite
-- cannot change without rebuilding a table that others refer to.
ALTER TABLE agents ADD COLUMN kind_known INTEGER NOT NULL DEFAULT 1;
