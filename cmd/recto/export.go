package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/csv"
	"github.com/recto-archive/recto/tei"
)

const exportUsage = `Usage: recto export jsonl|csv|tei|srv --out PATH [flags]

Export the archive. jsonl is the complete model (authorities, documents,
texts, credits, sources, links, status, stamps and Record IDs), which
"recto import jsonl" reads back; csv is one row per document (docs/csv.md);
tei writes one TEI P5 file per document into the directory PATH. --out -
writes jsonl or csv to standard output. srv writes every published record
into the directory PATH as the former Digital Archive's API serves it
(record/{id}.json, record/{id}/text/{textid}.html), which "recto import
srv" reads back; with --from URL it reads the records from the /srv/ API
of the site at URL instead of the archive.

Flags:
`

// runExport is "recto export".
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("recto export", flag.ContinueOnError)
	fset.SetOutput(stderr)
	db := fset.String("db", envOr(getenv, "RECTO_DB", "recto.db"), "SQLite `file` or postgres:// URL (env RECTO_DB)")
	out := fset.String("out", "", "the `path` to write: a file, - for standard output, or for tei a directory")
	statuses := fset.String("status", "all", "comma-separated `statuses` of the documents to export, or all")
	baseURL := fset.String("base-url", envOr(getenv, "RECTO_BASE_URL", ""), "tei: public `URL` of the site, for documents' permanent links")
	from := fset.String("from", "", "srv: the `URL` of a site whose /srv/ API to export (\"https://digitalarchive.example.org\") instead of the archive")
	fset.Usage = func() {
		fmt.Fprint(stderr, exportUsage)
		fset.PrintDefaults()
	}
	rest, err := parseArgs(fset, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 || !strings.Contains(" jsonl csv tei srv ", " "+rest[0]+" ") {
		fset.Usage()
		return usageError{"recto export needs a format: jsonl, csv, tei or srv"}
	}
	format := rest[0]
	if *out == "" || len(rest) > 1 {
		fset.Usage()
		return usageError{"recto export needs --out and takes no other arguments"}
	}
	status, err := parseStatuses(*statuses)
	if err != nil {
		return err
	}
	if format == "srv" && *from != "" {
		return exportSRV(ctx, nil, *from, *baseURL, *out, stderr)
	}
	store, err := openArchive(ctx, *db, "give the archive to export with --db or RECTO_DB")
	if err != nil {
		return err
	}
	defer store.Close()
	if format == "srv" {
		return exportSRV(ctx, store, "", *baseURL, *out, stderr)
	}
	if format == "tei" {
		settings, err := store.FindSettings(ctx)
		if err != nil {
			return err
		}
		n, err := exportTEI(ctx, store, *out, status, tei.WriteOptions{BaseURL: *baseURL, Publisher: settings.PublisherName()})
		if err == nil {
			fmt.Fprintf(stderr, "wrote %d TEI files to %s\n", n, *out)
		}
		return err
	}
	_, documents, err := store.FindDocuments(ctx, recto.DocumentFilter{Status: status, Limit: 1})
	if err != nil {
		return err
	}
	err = writeOut(*out, stdout, func(w io.Writer) error {
		if format == "csv" {
			return csv.Write(ctx, w, store, status)
		}
		return corpus.WriteLines(ctx, w, store, status)
	})
	if err != nil || *out == "-" {
		return err
	}
	info, err := os.Stat(*out)
	if err != nil {
		return err
	}
	noun := "documents"
	if documents == 1 {
		noun = "document"
	}
	fmt.Fprintf(stderr, "wrote %d %s to %s (%.1f MiB)\n", documents, noun, *out, float64(info.Size())/(1<<20))
	return nil
}

// parseStatuses reads "all" (nil: every status) or a comma-separated list.
func parseStatuses(s string) ([]recto.Status, error) {
	if s == "all" {
		return nil, nil
	}
	var out []recto.Status
	for _, part := range strings.Split(s, ",") {
		st := recto.Status(strings.TrimSpace(part))
		if !st.Valid() {
			return nil, usageError{fmt.Sprintf("--status: %q is not draft, in-review, published or withdrawn", st)}
		}
		out = append(out, st)
	}
	return out, nil
}

// writeOut writes to stdout for "-", else to a new file that
// replaces path only once complete, so that a failed export leaves no
// half-written file behind.
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		w := bufio.NewWriter(stdout)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	tmp, err := createBeside(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createBeside creates a new, hidden temporary file in path's directory, to
// be renamed to path once complete. Unlike os.CreateTemp, which makes the
// file private (0600), it makes it as any other file is made (0666 less the
// umask): an export is there to be shared.
func createBeside(path string) (*os.File, error) {
	for {
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// exportTEI writes each exported document to dir as document-ID.xml.
func exportTEI(ctx context.Context, store recto.Store, dir string, status []recto.Status, opts tei.WriteOptions) (int, error) {
	if err := checkExportDir(dir, "TEI", teiExportName.MatchString); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var ids []int64
	err := store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if status == nil || slices.Contains(status, d.Status) {
			ids = append(ids, d.ID)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	exported := make(map[int64]bool, len(ids))
	for _, id := range ids {
		exported[id] = true
	}
	left := func(r recto.Relation) bool { return !exported[r.Document.ID] }
	for _, id := range ids {
		// FindDocumentByID gives the authorities in full, as TEI needs them.
		d, err := store.FindDocumentByID(ctx, id)
		if err != nil {
			return 0, err
		}
		// Links to documents left out of the export are left out too.
		d.Relations, d.Inverse = slices.DeleteFunc(d.Relations, left), slices.DeleteFunc(d.Inverse, left)
		path := filepath.Join(dir, fmt.Sprintf("document-%d.xml", id))
		if err := writeOut(path, nil, func(w io.Writer) error { return tei.WriteDocument(w, d, opts) }); err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
	}
	return len(ids), nil
}

// teiExportName is the name of a file a TEI export writes.
var teiExportName = regexp.MustCompile(`^document-[0-9]+\.xml$`)

// checkExportDir refuses a directory that holds anything but what an
// earlier export of the format wrote (names ours says are its own), so that
// a mistyped --out (the tei/ source package of a checkout, a home
// directory) is not filled with a thousand files.
func checkExportDir(dir, format string, ours func(name string) bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	var others []string
	for _, e := range entries {
		if !ours(e.Name()) {
			others = append(others, e.Name())
		}
	}
	if len(others) == 0 {
		return nil
	}
	if len(others) > 3 {
		others = append(others[:3], "…")
	}
	return usageError{fmt.Sprintf("--out %s: the directory holds files a %s export did not write (%s); "+
		"give a new or empty directory, or one an earlier %s export wrote", dir, format, strings.Join(others, ", "), format)}
}
