-- Signed-in sessions (recto.Session), by the hash of the browser's token,
-- so that a copy of the table holds no token that works.
CREATE TABLE sessions (
	id         TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	seen_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
