package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/recto-archive/recto"
)

// User writes go through write, not update: an account is no change of the
// public archive, so it moves neither its change time nor its change log.

const userColumns = `id, email, role, password_hash, disabled, created_at`

// FindUserByEmail returns the user with the normalised address.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*recto.User, error) {
	u, err := scanUser(db.reads().QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`,
		recto.NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, recto.Errorf(recto.ENOTFOUND, "No user has the address %q.", recto.NormalizeEmail(email))
	} else if err != nil {
		return nil, fmt.Errorf("store: find user: %w", err)
	}
	return u, nil
}

// FindUsers lists every user by address.
func (db *DB) FindUsers(ctx context.Context) ([]*recto.User, error) {
	rows, err := db.reads().QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: find users: %w", err)
	}
	var users []*recto.User
	err = scanAll(rows, func() error {
		u, err := scanUser(rows)
		users = append(users, u)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: find users: %w", err)
	}
	return users, nil
}

// CreateUser stores a new user; an address already held is a field error.
func (db *DB) CreateUser(ctx context.Context, u *recto.User) error {
	u.Email = recto.NormalizeEmail(u.Email)
	if err := u.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = ?`, u.Email).Scan(&n); err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		if n > 0 {
			return invalidField("email", fmt.Sprintf("%q already has an account", u.Email))
		}
		u.CreatedAt = tx.now
		err := tx.QueryRowContext(ctx, `INSERT INTO users (email, role, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, u.Email, string(u.Role), u.PasswordHash, boolInt(u.Disabled),
			formatTime(u.CreatedAt)).Scan(&u.ID)
		if err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		return nil
	})
}

// UpdateUser stores the user's role, password hash and disabled flag.
func (db *DB) UpdateUser(ctx context.Context, u *recto.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET role = ?, password_hash = ?, disabled = ? WHERE id = ?`,
			string(u.Role), u.PasswordHash, boolInt(u.Disabled), u.ID)
		if err != nil {
			return fmt.Errorf("store: update user: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: update user: %w", err)
		} else if n == 0 {
			return recto.Errorf(recto.ENOTFOUND, "No user has the ID %d.", u.ID)
		}
		return nil
	})
}

func scanUser(row interface{ Scan(...any) error }) (*recto.User, error) {
	var u recto.User
	var role, created string
	var disabled int
	if err := row.Scan(&u.ID, &u.Email, &role, &u.PasswordHash, &disabled, &created); err != nil {
		return nil, err
	}
	u.Role, u.Disabled = recto.UserRole(role), disabled != 0
	var err error
	u.CreatedAt, err = parseTime(created)
	return &u, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
