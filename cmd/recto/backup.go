package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/recto-archive/recto/postgres"
	"github.com/recto-archive/recto/sqlite"
)

const backupUsage = `Usage: recto backup --out FILE [--db FILE]

Write a consistent copy of a SQLite archive to FILE, also while recto serve
or an import writes to it. FILE is replaced only once the copy is complete.
To restore, stop the server and put FILE in place of the archive (or serve
FILE with --db). PostgreSQL archives are backed up with pg_dump; given a
postgres:// --db, recto backup prints the command.

Flags:
`

// runBackup is "recto backup".
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("recto backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` of the archive (env RECTO_DB)")
	out := fs.String("out", "", "`file` to write the copy to")
	fs.Usage = func() {
		fmt.Fprint(stderr, backupUsage)
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto backup needs --out FILE and takes no arguments"}
	}
	if postgres.IsURL(*db) {
		return usageError{pgDumpAdvice(*db, *out)}
	}
	start := time.Now()
	if err := sqlite.Backup(ctx, *db, *out); err != nil {
		return err
	}
	size, err := fileSizes(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: copied to %s (%.1f MiB) in %s\n", *db, *out, float64(size)/(1<<20),
		time.Since(start).Round(time.Millisecond))
	return nil
}

// pgDumpAdvice says how to back up the PostgreSQL archive at db into out,
// with the commands to run; the password is left out of them.
func pgDumpAdvice(db, out string) string {
	if u, err := url.Parse(db); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		db = u.String()
	}
	return fmt.Sprintf(`recto backup copies SQLite archives. Back up a PostgreSQL archive with pg_dump, which reads one consistent snapshot of the live database:
  pg_dump --format=custom --file=%s --dbname='%s'
(the password in PGPASSWORD or ~/.pgpass), and restore it into a new, empty database with
  pg_restore --no-owner --dbname='postgres://…/NEW' %s
See docs/deploy.md, Backups.`, out, db, out)
}
