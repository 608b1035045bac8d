-- Signed-in sessions (recto.Session), by the hash of the browser's token,
-- so that a copy of the table holds no token that works.
CREATE TABLE sessions (
	id         text COLLATE "C" PRIMARY KEY,
	user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at text NOT NULL,
	seen_at    text NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
