package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/sqlstore"
	"github.com/recto-archive/recto/postgres"
	"github.com/recto-archive/recto/sqlite"
)

// store is an open archive on either backend.
type store interface {
	recto.Store
	Core() *sqlstore.DB
	Close() error
}

// openStore opens the archive db names: a postgres:// URL or a SQLite file,
// created if missing. SQLite migrates on open; PostgreSQL when its schema
// is empty or migrate is set, and otherwise refuses a schema that is
// behind. readURL names a PostgreSQL replica for reads, or is empty.
func openStore(ctx context.Context, db string, migrate bool, readURL string) (store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db, postgres.Options{Migrate: migrate, ReadURL: readURL})
	}
	if readURL != "" {
		return nil, usageError{"a read replica (--db-read, RECTO_DB_READ) needs a postgres:// --db"}
	}
	return sqlite.Open(ctx, db)
}

// openArchive opens an archive that must exist already, for the commands
// that read one: a SQLite file that is missing is an error naming it, not
// a new empty archive to read nothing from.
func openArchive(ctx context.Context, db, hint string) (store, error) {
	if !postgres.IsURL(db) {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no archive at %s: %s", db, hint)
		}
	}
	return openStore(ctx, db, false, "")
}

// displayDB returns db fit for a log line: a URL loses its password.
func displayDB(db string) string {
	if !postgres.IsURL(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	return u.Redacted()
}

// runMigrate is "recto migrate": it applies the schema migrations a
// database lacks and says which.
func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("recto migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` or postgres:// URL (env RECTO_DB)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: recto migrate [--db FILE|URL]\n\nBring the database's schema up to date with this version of Recto.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("recto migrate takes no arguments, got %q", rest)}
	}
	applied, err := migrate(ctx, *db)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(stdout, "%s: schema up to date\n", displayDB(*db))
		return nil
	}
	fmt.Fprintf(stdout, "%s: applied %s\n", displayDB(*db), strings.Join(applied, ", "))
	return nil
}

// migrate applies the migrations db lacks and returns their names.
func migrate(ctx context.Context, db string) ([]string, error) {
	if postgres.IsURL(db) {
		return postgres.Migrate(ctx, db)
	}
	return sqlite.Migrate(ctx, db)
}
