package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/recto-archive/recto"
)

const settingsUsage = `Usage: recto settings [--db FILE|URL] [--record-id-floor N]

Show the archive's settings, which every process serving it shares, and
change those given.

--record-id-floor N makes N the least Record ID Recto gives a document
itself (0 removes the floor). Set it once before migrating an archive,
above the old system's highest Record ID: the migrated documents keep
theirs, in any order and in any number of batches, and documents made in
Recto meanwhile never take one of them.

Flags:
`

// runSettings is "recto settings".
func runSettings(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("recto settings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` or postgres:// URL (env RECTO_DB)")
	floor := fs.Int64("record-id-floor", -1, "the least Record `ID` Recto gives a document itself; 0 for none")
	fs.Usage = func() {
		fmt.Fprint(stderr, settingsUsage)
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fs.Usage()
		return usageError{fmt.Sprintf("recto settings takes no arguments, got %q", rest)}
	}
	db, err := openArchive(ctx, *dbPath, "give the archive's --db (or RECTO_DB)")
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.FindSettings(ctx)
	if err != nil {
		return err
	}
	if isSet(fs, "record-id-floor") {
		s.RecordIDFloor = *floor
		if err := db.UpdateSettings(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", displayDB(*dbPath), err)
		}
	}
	printSettings(stdout, s)
	return nil
}

// isSet reports whether the command line gave the flag.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func printSettings(w io.Writer, s *recto.Settings) {
	floor := "none (new documents take the next Record ID after the largest)"
	if s.RecordIDFloor > 0 {
		floor = fmt.Sprint(s.RecordIDFloor)
	}
	fmt.Fprintf(w, "record-id-floor  %s\n", floor)
}
