package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestUsers(t *testing.T) { storetest.Run(t, testUsers) }

// Accounts are found by their address however it is typed, one address
// has one account, and an account's role, password and state change; none
// of it is a change of the public archive.
func testUsers(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	changed, err := db.LastChange(ctx)
	must(t, err)
	u := &recto.User{Email: " Editor@Example.org ", Role: recto.UserEditor, PasswordHash: "$argon2id$fixture"}
	must(t, db.CreateUser(ctx, u))
	if u.ID == 0 || u.Email != "editor@example.org" || u.CreatedAt.IsZero() {
		t.Fatalf("created %+v", u)
	}
	got, err := db.FindUserByEmail(ctx, "EDITOR@example.org")
	must(t, err)
	if got.ID != u.ID || got.Role != recto.UserEditor || got.PasswordHash != u.PasswordHash || got.Disabled {
		t.Errorf("found %+v, want %+v", got, u)
	}
	err = db.CreateUser(ctx, &recto.User{Email: "editor@EXAMPLE.org", Role: recto.UserAdmin, PasswordHash: "x"})
	if recto.ErrorCode(err) != recto.EINVALID || !strings.Contains(err.Error(), "already has an account") {
		t.Errorf("a second account for one address: %v", err)
	}
	for _, bad := range []*recto.User{{Email: "not an address", Role: recto.UserEditor, PasswordHash: "x"},
		{Email: "a@example.org", Role: "owner", PasswordHash: "x"}, {Email: "b@example.org", Role: recto.UserAdmin}} {
		if err := db.CreateUser(ctx, bad); recto.ErrorCode(err) != recto.EINVALID {
			t.Errorf("CreateUser(%+v): %v, want EINVALID", bad, err)
		}
	}
	got.Role, got.Disabled, got.PasswordHash = recto.UserAdmin, true, "$argon2id$other"
	must(t, db.UpdateUser(ctx, got))
	again, err := db.FindUserByEmail(ctx, u.Email)
	must(t, err)
	if again.Role != recto.UserAdmin || !again.Disabled || again.PasswordHash != "$argon2id$other" {
		t.Errorf("after the update: %+v", again)
	}
	if err := db.UpdateUser(ctx, &recto.User{ID: 999, Email: "x@example.org", Role: recto.UserAdmin, PasswordHash: "x"}); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Errorf("updating no user: %v", err)
	}
	must(t, db.CreateUser(ctx, &recto.User{Email: "a@example.org", Role: recto.UserContributor, PasswordHash: "x"}))
	list, err := db.FindUsers(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Email != "a@example.org" || list[1].Email != "editor@example.org" {
		t.Errorf("users %+v, want both by address", list)
	}
	if _, err := db.FindUserByEmail(ctx, "nobody@example.org"); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Errorf("no such user: %v", err)
	}
	if after, err := db.LastChange(ctx); err != nil || !after.Equal(changed) {
		t.Errorf("accounts moved the archive's change time: %v → %v (%v)", changed, after, err)
	}
}
