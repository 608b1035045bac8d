package main

import (
	"context"
	"io"
	"log/slog"
	"syscall"
	"time"

	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/search"
)

const benchAbuseUsage = `  recto bench abuse --db FILE|URL --corpus DIR [--clients 16] [--duration 1m] [--think 500ms]
                    [--rate-limit 5] [--rate-burst 20] [--seed S]
      serve the archive as recto serve does (with the deploy guide's rate limit;
      --rate-limit 0 for none), fetch each browse page once to warm the counts
      kept between changes, send each expensive request alone
      (time and CPU), then run normal traffic (document pages, searches, browse
      pages, the API) for the duration, alone and then with one abusive client
      sending the expensive requests back to back; prints the normal traffic's
      p50/p95/p99 in both phases and every unexpected answer
`

// benchAbuse serves an archive as "recto serve" does and measures what one
// abusive client costs the others.
func benchAbuse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("abuse", stderr)
	dbPath := fs.String("db", "", "SQLite database file or postgres:// URL of an archive that recto bench search loaded")
	dir := fs.String("corpus", "", "the corpus directory it was loaded from, for the words of queries")
	clients := fs.Int("clients", 16, "clients of normal traffic")
	duration := fs.Duration("duration", time.Minute, "length of each phase")
	think := fs.Duration("think", 500*time.Millisecond, "a normal client's mean pause between requests (readers, not robots: under the rate limit)")
	seed := fs.Uint64("seed", 1, "random seed")
	site := newServeCommand(func(string) string { return "" }, stderr)
	fs.StringVar(&site.RateLimit, "rate-limit", "5", "`requests` a second each client address may make to search and the APIs, as recto serve's flag; 0 for no limit")
	fs.StringVar(&site.RateBurst, "rate-burst", "20", "`requests` a client may make at once under --rate-limit")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || *dir == "" || *clients < 1 || *duration <= 0 || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto bench abuse needs --db FILE|URL and --corpus DIR"}
	}
	if err := site.parseLimits(); err != nil {
		return err
	}
	site.DB = *dbPath
	db, err := openArchive(ctx, *dbPath, benchArchiveHint)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	engine := search.New(db, logger)
	defer engine.Close()
	if err := engine.Build(ctx); err != nil {
		return err
	}
	settleMemory(logger)
	srv, err := site.site(ctx, db, engine, logger)
	if err != nil {
		return err
	}
	srv.Addr = "127.0.0.1:0"
	if err := srv.Open(); err != nil {
		return err
	}
	defer srv.Close(context.WithoutCancel(ctx))
	return bench.Abuse(ctx, bench.AbuseOptions{BaseURL: srv.URL(), Corpus: *dir, Clients: *clients,
		Duration: *duration, Think: *think, Seed: *seed, CPU: processCPU, Out: stdout})
}

// processCPU returns the processor time this process has used, user and
// system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
