package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestSessions(t *testing.T) { storetest.Run(t, testSessions) }

// Sessions are kept on the server: found by ID, touched by each request,
// ended one by one or all of a user's at once, and none of it a change of
// the public archive.
func testSessions(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	u := &recto.User{Email: "ed@example.org", Role: recto.UserEditor, PasswordHash: "$argon2id$fixture"}
	must(t, db.CreateUser(ctx, u))
	changed, err := db.LastChange(ctx)
	must(t, err)
	a := &recto.Session{ID: "aa11", UserID: u.ID}
	b := &recto.Session{ID: "bb22", UserID: u.ID}
	must(t, db.CreateSession(ctx, a))
	must(t, db.CreateSession(ctx, b))
	got, err := db.FindSession(ctx, "aa11")
	must(t, err)
	if got.UserID != u.ID || got.CreatedAt.IsZero() || !got.SeenAt.Equal(got.CreatedAt) || !got.Live(got.SeenAt.Add(time.Minute)) {
		t.Fatalf("session %+v", got)
	}
	must(t, db.TouchSession(ctx, "aa11"))
	touched, err := db.FindSession(ctx, "aa11")
	must(t, err)
	if !touched.SeenAt.After(got.SeenAt) || !touched.CreatedAt.Equal(got.CreatedAt) {
		t.Errorf("touched %+v after %+v", touched, got)
	}
	must(t, db.DeleteSession(ctx, "aa11"))
	if _, err := db.FindSession(ctx, "aa11"); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Errorf("a deleted session: %v", err)
	}
	if _, err := db.FindSession(ctx, "bb22"); err != nil {
		t.Errorf("the other session went too: %v", err)
	}
	must(t, db.DeleteUserSessions(ctx, u.ID))
	if _, err := db.FindSession(ctx, "bb22"); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Errorf("signed out everywhere, a session is left: %v", err)
	}
	if after, err := db.LastChange(ctx); err != nil || !after.Equal(changed) {
		t.Errorf("sessions moved the archive's change time: %v → %v (%v)", changed, after, err)
	}
}
