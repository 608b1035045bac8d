package recto

import (
	"context"
	"net/mail"
	"strings"
	"time"
)

// UserRole says what a member of staff may do.
type UserRole string

// User roles.
const (
	// UserContributor creates drafts, edits their own drafts and submits
	// them for review.
	UserContributor UserRole = "contributor"
	// UserTranslator adds and edits the texts of documents assigned to them.
	UserTranslator UserRole = "translator"
	// UserEditor edits everything, reviews, publishes and withdraws, and
	// manages the authorities.
	UserEditor UserRole = "editor"
	// UserAdmin also manages users and the archive's settings.
	UserAdmin UserRole = "admin"
)

// UserRoles lists the roles from the least to the most allowed.
var UserRoles = []UserRole{UserContributor, UserTranslator, UserEditor, UserAdmin}

// Valid reports whether r is a known role.
func (r UserRole) Valid() bool {
	for _, known := range UserRoles {
		if r == known {
			return true
		}
	}
	return false
}

// User is a member of staff who signs in. The public site has no users.
type User struct {
	ID    int64
	Email string // normalised (NormalizeEmail); unique
	Role  UserRole
	// PasswordHash is the password's hash in PHC string form (argon2id);
	// never shown, logged or exported.
	PasswordHash string
	Disabled     bool // a disabled user cannot sign in
	CreatedAt    time.Time
}

// maxEmail bounds an address, as RFC 5321 bounds a path.
const maxEmail = 254

// NormalizeEmail trims an address and lowers its case, so that one person
// has one account however they type it.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate returns an EINVALID error naming every bad field.
func (u *User) Validate() error {
	v := newValidator()
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > maxEmail {
		v.fail("email", "%q is not an e-mail address such as editor@example.org", u.Email)
	}
	if !u.Role.Valid() {
		v.fail("role", "%q is not a role: must be contributor, translator, editor or admin", u.Role)
	}
	if u.PasswordHash == "" {
		v.fail("password", "required")
	}
	return v.err("user")
}

// UserService reads and writes staff accounts.
type UserService interface {
	// FindUserByEmail returns ENOTFOUND when no user has the address
	// (normalised first).
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// FindUsers lists every user by address.
	FindUsers(ctx context.Context) ([]*User, error)
	// CreateUser validates u, stores it and sets its ID and CreatedAt.
	// EINVALID, also when the address is taken.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser stores u's role, password hash and disabled flag.
	// EINVALID, ENOTFOUND.
	UpdateUser(ctx context.Context, u *User) error
}

// Session lengths, as the OWASP Session Management Cheat Sheet advises for
// an application of this kind: a session ends after IdleTimeout without a
// request, and after SessionLifetime however busy.
const (
	IdleTimeout     = 2 * time.Hour
	SessionLifetime = 12 * time.Hour
)

// Session is a signed-in user's session. Its ID is the hash of the token
// the browser holds, so that the store never holds a token that works.
type Session struct {
	ID        string // hex SHA-256 of the token
	UserID    int64
	CreatedAt time.Time
	SeenAt    time.Time // the last request
}

// Live reports whether the session is still valid at now.
func (s *Session) Live(now time.Time) bool {
	return now.Sub(s.SeenAt) < IdleTimeout && now.Sub(s.CreatedAt) < SessionLifetime
}

// SessionService keeps sessions on the server, so that they can be revoked.
type SessionService interface {
	// CreateSession stores s; its CreatedAt and SeenAt are set to now.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns ENOTFOUND for an unknown ID.
	FindSession(ctx context.Context, id string) (*Session, error)
	// TouchSession moves the session's SeenAt to now.
	TouchSession(ctx context.Context, id string) error
	// DeleteSession ends one session (signing out).
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of the user (signing out
	// everywhere, a changed password, a disabled account).
	DeleteUserSessions(ctx context.Context, userID int64) error
}
