package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/corpus"
)

const benchReimportUsage = `  recto bench reimport --corpus DIR [--db FILE|URL] [--runs N] [--cpuprofile FILE]
      import the TEI volumes of DIR (recto bench gen --format tei) into the archive
      unless it holds documents, then N times change the text of every document
      of the first volume and import that volume again; prints each re-import's time
`

// benchReimport is "recto bench reimport": the routine re-import of a
// corrected volume into a large archive, which updates every document of
// the volume (their texts, credits and revisions) and leaves the rest alone.
func benchReimport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("reimport", stderr)
	dir := fs.String("corpus", "", "`directory` of TEI volumes made by recto bench gen --format tei")
	db := fs.String("db", "", "SQLite `file` or postgres:// URL; loaded with the corpus unless it holds documents (default: a new file in a temporary directory)")
	runs := fs.Int("runs", 3, "re-imports to time")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the re-imports to `file` (go tool pprof reads it)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" || *runs < 1 || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto bench reimport needs --corpus DIR"}
	}
	files, err := bench.TEIFiles(*dir)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s: no TEI volumes (vol0001.xml …); make them with recto bench gen --format tei", *dir)
	}
	work, err := os.MkdirTemp("", "recto-bench-reimport-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	path := *db
	if path == "" {
		path = filepath.Join(work, "recto.db")
	}
	store, err := openStore(ctx, path, true, "")
	if err != nil {
		return err
	}
	defer store.Close()
	if err := benchLoad(ctx, store, files, stdout, stderr); err != nil {
		return err
	}
	original, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	changed := filepath.Join(work, filepath.Base(files[0]))
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	for run := 1; run <= *runs; run++ {
		if err := os.WriteFile(changed, reviseParagraphs(original, time.Now().UnixNano()), 0o644); err != nil {
			return err
		}
		imp := &fileImporter{store: store, format: "tei", out: io.Discard,
			opts: corpus.ImportOptions{Status: recto.StatusPublished}, progress: newImportProgress(stderr, false, nil)}
		start := time.Now()
		report, err := imp.file(ctx, changed)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "re-import %d   %s  (%s)\n", run, time.Since(start).Round(time.Millisecond), report.Summary())
	}
	return nil
}

// benchLoad imports the volumes into an empty archive, and leaves one that
// holds documents as it is.
func benchLoad(ctx context.Context, store recto.Store, files []string, stdout, stderr io.Writer) error {
	_, n, err := store.FindDocuments(ctx, recto.DocumentFilter{Limit: 1})
	if err != nil {
		return err
	}
	if n == 0 {
		imp := &fileImporter{store: store, format: "tei", out: io.Discard,
			opts:     corpus.ImportOptions{Status: recto.StatusPublished},
			progress: newImportProgress(stderr, isTerminal(stderr), files)}
		start := time.Now()
		if err := imp.all(ctx, files); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "load          %s\n", time.Since(start).Round(time.Millisecond))
		if _, n, err = store.FindDocuments(ctx, recto.DocumentFilter{Limit: 1}); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "archive       %d documents\n", n)
	return nil
}

// reviseParagraphs returns the volume with a word made of stamp put at the
// start of every paragraph of its documents, so that each import of it
// updates every document, whatever was imported before.
func reviseParagraphs(volume []byte, stamp int64) []byte {
	const para = "\n                    <p>" // a document's paragraph, as bench gen writes it
	return bytes.ReplaceAll(volume, []byte(para), fmt.Appendf(nil, "%sRevised%d ", para, stamp))
}
