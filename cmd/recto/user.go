package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/password"
)

const userUsage = `Usage:
  recto user add [--db FILE|URL] --role ROLE [--password-stdin] EMAIL
  recto user list [--db FILE|URL]
  recto user set-role [--db FILE|URL] EMAIL ROLE
  recto user disable [--db FILE|URL] EMAIL

Manage the staff accounts that sign in. ROLE is contributor, translator,
editor or admin. add asks for the password twice on the terminal, without
echo, or with --password-stdin reads it from the first line of standard
input (echo "$PASSWORD" | recto user add …); it needs at least 8
characters. Passwords are stored as argon2id hashes only. A disabled
account cannot sign in; its history stays.

Flags:
`

// runUser is "recto user". stdin gives --password-stdin its line.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return usageError{"recto user needs add, list, set-role or disable"}
	}
	fs := flag.NewFlagSet("recto user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` or postgres:// URL (env RECTO_DB)")
	role := fs.String("role", "", "the account's `role` (add)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (add)")
	fs.Usage = func() {
		fmt.Fprint(stderr, userUsage)
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	arity, known := map[string]int{"add": 1, "list": 0, "set-role": 2, "disable": 1}[args[0]]
	if !known || len(rest) != arity {
		fs.Usage()
		return usageError{fmt.Sprintf("recto user %s: wrong arguments %q", args[0], rest)}
	}
	db, err := openArchive(ctx, *dbPath, "give the archive's --db (or RECTO_DB)")
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "add":
		pw, err := readPassword(stdin, *fromStdin, stderr)
		if err != nil {
			return err
		}
		return addUser(ctx, db, rest[0], recto.UserRole(*role), pw, stdout)
	case "list":
		return listUsers(ctx, db, stdout)
	case "set-role":
		return changeUser(ctx, db, rest[0], stdout, func(u *recto.User) { u.Role = recto.UserRole(rest[1]) })
	default:
		return changeUser(ctx, db, rest[0], stdout, func(u *recto.User) { u.Disabled = true })
	}
}

func addUser(ctx context.Context, db recto.UserService, email string, role recto.UserRole, pw string, stdout io.Writer) error {
	if !role.Valid() {
		return usageError{fmt.Sprintf("--role %q: must be contributor, translator, editor or admin", role)}
	}
	hash, err := password.Hash(ctx, pw)
	if err != nil {
		return err
	}
	u := &recto.User{Email: email, Role: role, PasswordHash: hash}
	if err := db.CreateUser(ctx, u); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s (%s)\n", u.Email, u.Role)
	return nil
}

func listUsers(ctx context.Context, db recto.UserService, stdout io.Writer) error {
	users, err := db.FindUsers(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tROLE\tSTATE\tCREATED")
	for _, u := range users {
		state := "active"
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Email, u.Role, state, u.CreatedAt.Format("2006-01-02"))
	}
	return w.Flush()
}

// changeUser applies change to the account of email and stores it.
func changeUser(ctx context.Context, db recto.UserService, email string, stdout io.Writer, change func(*recto.User)) error {
	u, err := db.FindUserByEmail(ctx, email)
	if err != nil {
		return err
	}
	change(u)
	if err := db.UpdateUser(ctx, u); err != nil {
		return err
	}
	state := ""
	if u.Disabled {
		state = ", disabled"
	}
	fmt.Fprintf(stdout, "%s: %s%s\n", u.Email, u.Role, state)
	return nil
}

// readPassword reads the new password: the first line of stdin with
// --password-stdin, else twice from the terminal without echo.
func readPassword(stdin io.Reader, fromStdin bool, stderr io.Writer) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(io.LimitReader(stdin, password.MaxLength+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		pw := strings.TrimRight(line, "\r\n")
		return pw, password.Check(pw)
	}
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError{"no terminal to ask the password on: give it on standard input with --password-stdin"}
	}
	var pw [2]string
	for i, prompt := range []string{"Password: ", "Again: "} {
		fmt.Fprint(stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		pw[i] = string(b)
	}
	if pw[0] != pw[1] {
		return "", errors.New("the two passwords differ")
	}
	return pw[0], password.Check(pw[0])
}
