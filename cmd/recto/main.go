// Command recto runs the Recto archive: recto serve starts the public site on
// an embedded SQLite archive or on PostgreSQL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "recto:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError is an error in how the command was called; it exits with 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.Is(err, flag.ErrHelp) || errors.As(err, &u) {
		return 2
	}
	return 1
}

const usage = `Recto: an archive of primary sources in translation.

Usage:
  recto serve [flags]    run the public site (recto serve -h lists the flags)
  recto migrate [--db]   bring the database's schema up to date
  recto copy --from A --to B
                         copy a whole archive into a new one (SQLite or PostgreSQL)
  recto backup --out FILE [--db FILE]
                         write a consistent copy of a live SQLite archive
  recto settings [--db] [--record-id-floor N]
                         show or change the archive's settings
  recto user add|list|set-role|disable
                         manage staff accounts (recto user -h)
  recto import tei|csv|jsonl [--dry-run] [--status S] PATH…
                         import files; re-importing updates, never duplicates
  recto export jsonl|csv|tei --out PATH [--status S,…]
                         export the archive (tei: one file per document)
  recto bench gen|search|pages|import|reimport|oai|abuse
                         make a synthetic corpus; measure search, pages, import, re-import, OAI-PMH, abuse
  recto help             show this help

Environment:
  RECTO_DB            SQLite file (default ./recto.db) or postgres:// URL, as --db
  RECTO_DB_READ       postgres:// URL of a read replica, as --db-read
  RECTO_ADDR          listen address (default localhost:8080), as --addr
  RECTO_BASE_URL      public URL of the site, as --base-url
  RECTO_ALLOWED_HOSTS host names answered without a base URL, as --allowed-hosts
  RECTO_TRUSTED_PROXIES  proxies whose X-Forwarded-For is read, as --trusted-proxies
  RECTO_RATE_LIMIT    requests a second per client to search and the APIs, as --rate-limit
  RECTO_RATE_BURST    requests a client may make at once (default 10), as --rate-burst
  RECTO_OAI_REPOSITORY_ID  domain of OAI-PMH identifiers, as --oai-repository-id
  RECTO_LOG_LEVEL     debug, info, warn or error (default info), as --log-level
  RECTO_DOWNLOAD_DIR  where /downloads keeps its files, as --download-dir
  RECTO_ADMIN_EMAIL   the contact OAI-PMH gives harvesters, as --admin-email
  RECTO_ARCHIVE_NAME  the archive's name, stored in its settings, as --archive-name
`

// Run runs the command line args, reading settings from getenv.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	switch args[0] {
	case "serve":
		cmd := newServeCommand(getenv, stderr)
		if err := cmd.parseFlags(args[1:]); err != nil {
			return err
		}
		return cmd.run(ctx)
	case "migrate":
		return runMigrate(ctx, args[1:], getenv, stdout, stderr)
	case "copy":
		return runCopy(ctx, args[1:], stderr)
	case "backup":
		return runBackup(ctx, args[1:], getenv, stdout, stderr)
	case "settings":
		return runSettings(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args[1:], getenv, os.Stdin, stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], getenv, stdout, stderr)
	case "bench":
		return runBench(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}
