package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/postgres"
	"github.com/recto-archive/recto/search"
)

const benchUsage = `Usage:
  recto bench gen --docs N --out DIR [--seed S] [--format jsonl|tei]
      write a synthetic corpus of N documents to DIR (corpus.jsonl, manifest.json);
      --format tei writes them as FRUS-like TEI volumes vol0001.xml … instead
  recto bench search --db FILE|URL --corpus DIR [--queries N] [--seed S]
      load the corpus into FILE unless it holds documents, build the search index,
      run N queries of each class of the mix and print load time, database size,
      p50/p95/p99 latency per class and memory; --cpuprofile FILE and
      --memprofile FILE write profiles for go tool pprof
  recto bench pages --db FILE|URL [--clients 16] [--requests 5000] [--seed S] [--cpuprofile FILE]
      serve the archive on a loopback port and fetch random documents' pages with
      that many concurrent clients; print pages/s and p50/p95/p99 latency
  recto bench import [--db FILE|URL] [--cpuprofile FILE] PATH…
      time the TEI import of PATH (files or directories) into an empty archive
      against merely decoding the XML with encoding/xml, then the search index
      build; prints documents/s and the import's multiple of the decode time
` + benchReimportUsage + benchOAIUsage + benchAbuseUsage

// benchArchiveHint says where the archive the benchmarks read comes from.
const benchArchiveHint = "recto bench search --db FILE --corpus DIR loads the benchmark archive"

// runBench dispatches "recto bench".
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, benchUsage)
		return usageError{"recto bench needs gen, search, pages, import, reimport, oai or abuse"}
	}
	switch args[0] {
	case "gen":
		return benchGen(args[1:], stdout, stderr)
	case "search":
		return benchSearch(ctx, args[1:], stdout, stderr)
	case "pages":
		return benchPages(ctx, args[1:], stdout, stderr)
	case "import":
		return benchImport(ctx, args[1:], stdout, stderr)
	case "reimport":
		return benchReimport(ctx, args[1:], stdout, stderr)
	case "oai":
		return benchOAI(ctx, args[1:], stdout, stderr)
	case "abuse":
		return benchAbuse(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, benchUsage)
	return usageError{fmt.Sprintf("unknown bench command %q", args[0])}
}

func benchFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("recto bench "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, benchUsage) }
	return fs
}

func benchGen(args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("gen", stderr)
	docs := fs.Int("docs", 0, "number of documents")
	out := fs.String("out", "", "output directory")
	seed := fs.Uint64("seed", 1, "random seed")
	format := fs.String("format", "jsonl", "corpus format: jsonl, or tei for FRUS-like TEI volumes")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *docs < 1 || *out == "" || len(rest) > 0 || (*format != "jsonl" && *format != "tei") {
		fs.Usage()
		return usageError{"recto bench gen needs --docs N (at least 1) and --out DIR, and --format jsonl or tei"}
	}
	start := time.Now()
	opts := bench.GenOptions{Docs: *docs, Seed: *seed, Progress: func(done int) {
		if done%100_000 == 0 {
			fmt.Fprintf(stderr, "  %d documents\n", done)
		}
	}}
	files := []string{filepath.Join(*out, bench.CorpusFile)}
	if *format == "tei" {
		_, files, err = bench.GenerateTEI(*out, opts)
	} else {
		_, err = bench.Generate(*out, opts)
	}
	if err != nil {
		return err
	}
	size, err := fileSizes(files...)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d documents to %s (%.1f MiB) in %s\n", *docs, *out, float64(size)/(1<<20),
		time.Since(start).Round(time.Millisecond))
	return nil
}

func benchSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("search", stderr)
	dbPath := fs.String("db", "", "SQLite database file or postgres:// URL; the corpus is loaded into it when it holds no document")
	dir := fs.String("corpus", "", "corpus directory made by recto bench gen")
	queries := fs.Int("queries", 200, "queries per class")
	seed := fs.Uint64("seed", 1, "random seed of the query mix")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `file` (go tool pprof reads it)")
	memProfile := fs.String("memprofile", "", "write a heap profile taken after the queries to `file`")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	if *dbPath == "" || *dir == "" || *queries < 1 || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto bench search needs --db FILE|URL and --corpus DIR"}
	}
	db, err := openStore(ctx, *dbPath, true, "")
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	engine := search.New(db, logger)
	defer engine.Close()
	size := func() (int64, error) { return fileSizes(*dbPath, *dbPath+"-wal") }
	if pg, ok := db.(*postgres.DB); ok {
		size = func() (int64, error) { return pg.Size(ctx) }
	}
	err = bench.Run(ctx, db, settledEngine{engine, logger}, bench.RunOptions{Corpus: *dir, QueriesPerClass: *queries, Seed: *seed, Out: stdout,
		Size: size})
	if err == nil && *memProfile != "" {
		err = writeHeapProfile(*memProfile)
	}
	return err
}

// benchPages serves the archive on a loopback port, without building the
// search index (document pages do not use it), and measures its document
// pages with concurrent clients.
func benchPages(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("pages", stderr)
	dbPath := fs.String("db", "", "SQLite database file or postgres:// URL of an archive")
	clients := fs.Int("clients", 16, "concurrent clients")
	requests := fs.Int("requests", 5000, "requests in all")
	seed := fs.Uint64("seed", 1, "random seed of the documents asked for")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the requests to `file` (go tool pprof reads it)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || *clients < 1 || *requests < 1 || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto bench pages needs --db FILE|URL"}
	}
	db, err := openArchive(ctx, *dbPath, benchArchiveHint)
	if err != nil {
		return err
	}
	defer db.Close()
	// Errors only: a line per request would time the log.
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	engine := search.New(db, logger)
	defer engine.Close()
	srv, err := rectohttp.NewServer(recto.NewCatalogue(db, recto.PublicAudience), engine, logger)
	if err != nil {
		return err
	}
	srv.Addr = "127.0.0.1:0"
	if err := srv.Open(); err != nil {
		return err
	}
	defer srv.Close(context.WithoutCancel(ctx))
	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	return bench.Pages(ctx, db, bench.PagesOptions{BaseURL: srv.URL(), Clients: *clients, Requests: *requests, Seed: *seed, Out: stdout})
}

// startCPUProfile starts a CPU profile into the file at path, if any, and
// returns what stops it.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// fileSizes adds the sizes of the files that exist.
func fileSizes(paths ...string) (int64, error) {
	var total int64
	for _, p := range paths {
		info, err := os.Stat(p)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return 0, err
		}
		total += info.Size()
	}
	return total, nil
}
