package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/recto-archive/recto"
)

const settingsUsage = `Usage: recto settings [--db FILE|URL] [--archive-name NAME] [--archive-short-name NAME]
                      [--publisher NAME] [--record-id-floor N]

Show the archive's settings, which every process serving it shares, and
change those given (an empty value removes one). A server reads them when
it starts.

--archive-name names the archive in every page, citation, feed, OAI-PMH's
Identify and /srv/ (default Recto); --archive-short-name follows each page's
title in the browser's tab (default the name); --publisher is who publishes
it, in TEI, Dublin Core and /srv/ (default the name).

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
	name := fs.String("archive-name", "", "the archive's `name`")
	short := fs.String("archive-short-name", "", "the archive's short `name`")
	publisher := fs.String("publisher", "", "`who` publishes the archive")
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
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	delete(given, "db")
	if len(given) == 0 {
		printSettings(stdout, s)
		return nil
	}
	for flagName, set := range map[string]func(){
		"record-id-floor":    func() { s.RecordIDFloor = *floor },
		"archive-name":       func() { s.ArchiveName = *name },
		"archive-short-name": func() { s.ArchiveShortName = *short },
		"publisher":          func() { s.Publisher = *publisher },
	} {
		if given[flagName] {
			set()
		}
	}
	if err := db.UpdateSettings(ctx, s); err != nil {
		return fmt.Errorf("%s: %w", displayDB(*dbPath), err)
	}
	printSettings(stdout, s)
	return nil
}

// printSettings shows the settings, saying what an unset one stands for.
func printSettings(w io.Writer, s *recto.Settings) {
	floor := "none (new documents take the next Record ID after the largest)"
	if s.RecordIDFloor > 0 {
		floor = fmt.Sprint(s.RecordIDFloor)
	}
	orDefault := func(value, fallback string) string {
		if value == "" {
			return fallback + " (not set)"
		}
		return value
	}
	fmt.Fprintf(w, "archive-name        %s\n", orDefault(s.ArchiveName, s.Name()))
	fmt.Fprintf(w, "archive-short-name  %s\n", orDefault(s.ArchiveShortName, s.ShortName()))
	fmt.Fprintf(w, "publisher           %s\n", orDefault(s.Publisher, s.PublisherName()))
	fmt.Fprintf(w, "record-id-floor     %s\n", floor)
}
