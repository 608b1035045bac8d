package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/csv"
	"github.com/recto-archive/recto/tei"
)

const importUsage = `Usage: recto import tei|csv|jsonl|srv [flags] PATH…

Import files into the archive. PATH is a file or, for tei, csv and jsonl, a
directory whose .xml, .csv or .jsonl files are imported in name order. Each
file is imported in one transaction: a bad file changes nothing and the
command goes on with the next, then exits with status 1. Importing a file
again updates what changed and duplicates nothing: documents are keyed by
their source identifier (FRUS "frus1936v03/d15", a CSV row's source_id).

srv reads the record files of the former Digital Archive's API
(/srv/record/{id}.json; a directory's .json files, such as "recto export
srv" writes): each keeps its Record ID, and new documents are published
unless --status says otherwise. Every file is checked first and a bad one
left out; the others are imported in one transaction, so that records may
link to each other in any order.

Flags:
`

// importReaders read a file of a format and give its records to the
// importer as they read them, so that an import holds about a record at a
// time, not the file.
var importReaders = map[string]func(io.Reader, string, corpus.Emit) error{
	"tei": tei.Decode,
	"csv": csv.Decode,
	"jsonl": func(r io.Reader, name string, emit corpus.Emit) error {
		return corpus.ReadLines(r, name, true, emit)
	},
}

var importExtensions = map[string]string{"tei": ".xml", "csv": ".csv", "jsonl": ".jsonl", "srv": ".json"}

// runImport is "recto import".
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("recto import", flag.ContinueOnError)
	fset.SetOutput(stderr)
	db := fset.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` or postgres:// URL (env RECTO_DB)")
	status := fset.String("status", "draft", "`status` of new documents the files give none: draft, in-review, published or withdrawn (srv: published)")
	dryRun := fset.Bool("dry-run", false, "print what would be created, updated and left alone, and change nothing")
	fset.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fset.PrintDefaults()
	}
	args, err := parseArgs(fset, args)
	if err != nil {
		return err
	}
	if len(args) == 0 || importExtensions[args[0]] == "" {
		fset.Usage()
		return usageError{"recto import needs a format: tei, csv, jsonl or srv"}
	}
	format := args[0]
	if format == "srv" && !flagSet(fset, "status") {
		// /srv/ shows published records only.
		*status = string(recto.StatusPublished)
	}
	if !recto.Status(*status).Valid() {
		return usageError{fmt.Sprintf("--status %q: must be draft, in-review, published or withdrawn", *status)}
	}
	files, err := importFiles(args[1:], importExtensions[format])
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *db, false, "")
	if err != nil {
		return err
	}
	defer store.Close()
	if format == "srv" {
		return importSRV(ctx, store, files, corpus.ImportOptions{Status: recto.Status(*status), DryRun: *dryRun}, stdout)
	}
	imp := &fileImporter{store: store, format: format, out: stdout,
		opts:     corpus.ImportOptions{Status: recto.Status(*status), DryRun: *dryRun},
		progress: newImportProgress(stderr, isTerminal(stderr), files)}
	return imp.all(ctx, files)
}

// importFiles expands the paths: a directory stands for the files in it
// (and below it) with the extension, in name order.
func importFiles(paths []string, ext string) ([]string, error) {
	if len(paths) == 0 {
		return nil, usageError{"recto import needs at least one file or directory"}
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(path), ext) {
				found = append(found, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no %s files in the directory", p, ext)
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return files, nil
}

// fileImporter imports files one by one, each in its own transaction.
type fileImporter struct {
	store    recto.Store
	format   string
	opts     corpus.ImportOptions
	out      io.Writer
	progress *importProgress
}

// all imports every file, going on after a bad one, and fails if any did.
func (imp *fileImporter) all(ctx context.Context, files []string) error {
	failed := 0
	var total corpus.Report
	for _, name := range files {
		report, err := imp.file(ctx, name)
		if err != nil {
			imp.progress.clear()
			fmt.Fprintf(imp.out, "%s\n", fileError(name, err))
			failed++
			continue
		}
		imp.print(name, report)
		total.Add(report)
	}
	imp.progress.clear()
	if len(files) > 1 {
		fmt.Fprintf(imp.out, "%s%d files: %s\n", imp.dryRunPrefix(), len(files)-failed, total.Summary())
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files not imported", failed, len(files))
	}
	return nil
}

// file imports one file, read on another goroutine as it is stored:
// reading and storing share the cores.
func (imp *fileImporter) file(ctx context.Context, name string) (*corpus.Report, error) {
	opts := imp.opts
	opts.Progress = func(done int) { imp.progress.documents(name, done) }
	defer imp.progress.fileDone(name)
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	read := func(emit corpus.Emit) error { return importReaders[imp.format](f, name, emit) }
	return corpus.ImportRecords(ctx, imp.store, read, opts)
}

func (imp *fileImporter) dryRunPrefix() string {
	if imp.opts.DryRun {
		return "dry run, nothing changed: "
	}
	return ""
}

// print writes what the import of a file did, with every value it read
// leniently ("June 1934" read as 1934-06); a dry run lists every record.
func (imp *fileImporter) print(name string, r *corpus.Report) {
	imp.progress.clear()
	if imp.opts.DryRun {
		for _, a := range []corpus.Action{corpus.Created, corpus.Updated, corpus.Unchanged} {
			verb := map[corpus.Action]string{corpus.Created: "create", corpus.Updated: "update", corpus.Unchanged: "leave alone"}[a]
			for _, what := range r.Authorities[a] {
				fmt.Fprintf(imp.out, "%s: would %s %s\n", name, verb, what)
			}
			for _, doc := range r.Documents[a] {
				fmt.Fprintf(imp.out, "%s: would %s document %s\n", name, verb, doc)
			}
		}
	}
	for _, rd := range r.Readings {
		fmt.Fprintln(imp.out, rd)
	}
	fmt.Fprintf(imp.out, "%s: %s%s\n", name, imp.dryRunPrefix(), r.Summary())
}

// fileError makes sure an error names the file it is about.
func fileError(name string, err error) string {
	if msg := err.Error(); strings.HasPrefix(msg, name+":") {
		return msg
	}
	return name + ": " + err.Error()
}

// importProgress shows an import's progress: documents, their rate and,
// from the bytes of the files done, the time left. On a terminal it redraws
// one line; elsewhere (a log, a pipe) it writes a line every ten seconds, so
// that a long import is seen to be alive. Each file's result line is
// written apart.
type importProgress struct {
	w        io.Writer
	terminal bool
	sizes    map[string]int64
	total    int64 // bytes of all files
	doneSize int64 // bytes of the files done
	docs     int   // documents of the files done
	current  int   // documents of the file under way
	started  time.Time
	last     time.Time
	drawn    bool
}

func newImportProgress(w io.Writer, terminal bool, files []string) *importProgress {
	now := time.Now()
	p := &importProgress{w: w, terminal: terminal, sizes: map[string]int64{}, started: now, last: now}
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			p.sizes[f] = info.Size()
			p.total += info.Size()
		}
	}
	return p
}

func (p *importProgress) documents(name string, done int) {
	p.current = done
	p.draw(name, false)
}

func (p *importProgress) fileDone(name string) {
	p.doneSize += p.sizes[name]
	p.docs += p.current
	p.current = 0
	p.draw(name, true)
}

func (p *importProgress) draw(name string, force bool) {
	now := time.Now()
	switch {
	case p.terminal && !force && now.Sub(p.last) < 200*time.Millisecond:
		return
	case !p.terminal && now.Sub(p.last) < progressLogEvery:
		return
	}
	p.last = now
	docs := p.docs + p.current
	took := now.Sub(p.started).Seconds()
	line := fmt.Sprintf("%s: %d documents", filepath.Base(name), docs)
	if took > 0.5 {
		line += fmt.Sprintf("  %.0f documents/s", float64(docs)/took)
	}
	if p.total > 0 && p.doneSize > 0 && p.doneSize < p.total {
		left := time.Duration(float64(p.total-p.doneSize) / float64(p.doneSize) * took * float64(time.Second))
		line += fmt.Sprintf("  %d%%  ETA %s", p.doneSize*100/p.total, left.Round(time.Second))
	}
	if !p.terminal {
		fmt.Fprintln(p.w, line)
		return
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.drawn = true
}

// progressLogEvery is how often a progress line is written where it cannot
// be redrawn.
var progressLogEvery = 10 * time.Second

// clear removes the progress line, so that a result line can be written.
func (p *importProgress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
