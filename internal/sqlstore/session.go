package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/recto-archive/recto"
)

// Sessions, like accounts, are written with write, not update: they are no
// change of the public archive.

// CreateSession stores a new session, created and seen now.
func (db *DB) CreateSession(ctx context.Context, s *recto.Session) error {
	return db.write(ctx, func(tx *Tx) error {
		s.CreatedAt, s.SeenAt = tx.now, tx.now
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, seen_at) VALUES (?, ?, ?, ?)`,
			s.ID, s.UserID, formatTime(s.CreatedAt), formatTime(s.SeenAt))
		if err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return nil
	})
}

// FindSession returns the session with the ID.
func (db *DB) FindSession(ctx context.Context, id string) (*recto.Session, error) {
	s := &recto.Session{ID: id}
	var created, seen string
	err := db.reads().QueryRowContext(ctx, `SELECT user_id, created_at, seen_at FROM sessions WHERE id = ?`, id).
		Scan(&s.UserID, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, recto.Errorf(recto.ENOTFOUND, "No such session.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find session: %w", err)
	}
	if s.CreatedAt, err = parseTime(created); err == nil {
		s.SeenAt, err = parseTime(seen)
	}
	return s, err
}

// TouchSession records a request of the session now.
func (db *DB) TouchSession(ctx context.Context, id string) error {
	return db.sessionWrite(ctx, `UPDATE sessions SET seen_at = ? WHERE id = ?`, func(tx *Tx) []any {
		return []any{formatTime(tx.now), id}
	})
}

// DeleteSession ends the session.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.sessionWrite(ctx, `DELETE FROM sessions WHERE id = ?`, func(*Tx) []any { return []any{id} })
}

// DeleteUserSessions ends every session of the user.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	return db.sessionWrite(ctx, `DELETE FROM sessions WHERE user_id = ?`, func(*Tx) []any { return []any{userID} })
}

// sessionWrite runs one statement on the sessions table.
func (db *DB) sessionWrite(ctx context.Context, query string, args func(tx *Tx) []any) error {
	return db.write(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, query, args(tx)...); err != nil {
			return fmt.Errorf("store: sessions: %w", err)
		}
		return nil
	})
}
