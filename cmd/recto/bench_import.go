package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/search"
)

// benchImport is "recto bench import": it times a TEI import against merely
// decoding the same XML, and the search index build after it.
func benchImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("import", stderr)
	db := fs.String("db", "", "SQLite `file` or postgres:// URL of an empty archive (default: a new file in a temporary directory)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the import to `file` (go tool pprof reads it)")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"recto bench import needs TEI files or directories"}
	}
	files, err := importFiles(paths, ".xml")
	if err != nil {
		return err
	}
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "recto-bench-import-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "recto.db")
	}

	start := time.Now()
	decoded, size, err := bench.DecodeOnly(files)
	if err != nil {
		return err
	}
	decodeTime := time.Since(start)

	store, err := openStore(ctx, path, true, "")
	if err != nil {
		return err
	}
	defer store.Close()
	if _, n, err := store.FindDocuments(ctx, recto.DocumentFilter{Limit: 1}); err != nil {
		return err
	} else if n > 0 {
		return usageError{fmt.Sprintf("%s holds %d documents: bench import needs an empty archive", displayDB(path), n)}
	}
	imp := &fileImporter{store: store, format: "tei", out: io.Discard,
		opts:     corpus.ImportOptions{Status: recto.StatusPublished},
		progress: newImportProgress(stderr, isTerminal(stderr), files)}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	start = time.Now()
	err = imp.all(ctx, files)
	importTime := time.Since(start)
	stop()
	if err != nil {
		return err
	}

	engine := search.New(store, slog.New(slog.DiscardHandler))
	defer engine.Close()
	start = time.Now()
	if err := engine.Build(ctx); err != nil {
		return err
	}
	indexTime := time.Since(start)

	_, imported, err := store.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "files                %d (%.1f MB), %d document divs\n", len(files), float64(size)/1e6, decoded)
	fmt.Fprintf(stdout, "documents imported   %d\n", imported)
	fmt.Fprintf(stdout, "decode only          %s (encoding/xml tokens)\n", decodeTime.Round(time.Millisecond))
	fmt.Fprintf(stdout, "import               %s  %.0f documents/s  %.2f× decode\n", importTime.Round(time.Millisecond),
		float64(imported)/importTime.Seconds(), importTime.Seconds()/decodeTime.Seconds())
	fmt.Fprintf(stdout, "search index build   %s\n", indexTime.Round(time.Millisecond))
	fmt.Fprintf(stdout, "import + index       %s\n", (importTime + indexTime).Round(time.Millisecond))
	return nil
}
