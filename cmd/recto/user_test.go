package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto/password"
	"github.com/recto-archive/recto/sqlite"
)

// user runs "recto user" with stdin and returns its output.
func user(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runUser(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

// An admin is added with a password from standard input, stored as an
// argon2id hash that checks; roles change, accounts are disabled and listed;
// bad input is refused with a usage error or a message naming it.
func TestUser_Commands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "recto.db")
	newSampleArchive(t, db)
	if out, err := user(t, "correct horse battery\n", "add", "--db", db, "--role", "admin", "--password-stdin", "Admin@Example.org"); err != nil ||
		!strings.Contains(out, "added admin@example.org (admin)") {
		t.Fatalf("add: %v\n%s", err, out)
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := store.FindUserByEmail(context.Background(), "admin@example.org")
	store.Close()
	if err != nil || password.Verify(context.Background(), u.PasswordHash, "correct horse battery") != nil ||
		strings.Contains(u.PasswordHash, "correct") {
		t.Fatalf("stored account %+v: %v", u, err)
	}
	if out, err := user(t, "", "set-role", "--db", db, "admin@example.org", "editor"); err != nil || !strings.Contains(out, "admin@example.org: editor") {
		t.Errorf("set-role: %v\n%s", err, out)
	}
	if out, err := user(t, "", "disable", "--db", db, "admin@example.org"); err != nil || !strings.Contains(out, "editor, disabled") {
		t.Errorf("disable: %v\n%s", err, out)
	}
	if out, err := user(t, "", "list", "--db", db); err != nil || !strings.Contains(out, "admin@example.org") ||
		!strings.Contains(out, "disabled") || strings.Contains(out, "argon2") {
		t.Errorf("list: %v\n%s", err, out)
	}
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"short\n", []string{"add", "--db", db, "--role", "editor", "--password-stdin", "e@example.org"}, "at least 8"},
		{"long enough pw\n", []string{"add", "--db", db, "--role", "owner", "--password-stdin", "e@example.org"}, `--role "owner"`},
		{"long enough pw\n", []string{"add", "--db", db, "--role", "editor", "--password-stdin", "not-an-address"}, "not an e-mail address"},
		{"long enough pw\n", []string{"add", "--db", db, "--role", "editor", "--password-stdin", "ADMIN@example.org"}, "already has an account"},
		{"", []string{"add", "--db", db, "--role", "editor", "e@example.org"}, "--password-stdin"},
		{"", []string{"set-role", "--db", db, "nobody@example.org", "editor"}, "No user has the address"},
		{"", []string{"set-role", "--db", db, "admin@example.org", "owner"}, "not a role"},
		{"", []string{"remove", "--db", db, "x"}, "wrong arguments"},
	} {
		out, err := user(t, c.stdin, c.args...)
		if err == nil || !strings.Contains(err.Error()+out, c.want) {
			t.Errorf("%q: %v\n%s: want an error saying %q", c.args, err, out, c.want)
		}
	}
}
