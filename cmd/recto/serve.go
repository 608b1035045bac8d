package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/csv"
	"github.com/recto-archive/recto/downloads"
	rectohttp "github.com/recto-archive/recto/http"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/oaipmh"
	"github.com/recto-archive/recto/postgres"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/search"
)

// shutdownGrace is how long requests in flight may take to finish on SIGTERM.
const shutdownGrace = 10 * time.Second

// serveCommand is "recto serve".
type serveCommand struct {
	Addr     string
	DB       string
	DBRead   string
	BaseURL  string
	Sample   bool
	Migrate  bool
	LogLevel string
	// DownloadDir keeps the bulk downloads; by default a directory of the
	// user's cache named after the database.
	DownloadDir string
	// AdminEmail is the contact OAI-PMH's Identify gives harvesters.
	AdminEmail string
	// OAIRepositoryID is HOST in OAI-PMH identifiers oai:HOST:ID.
	OAIRepositoryID string
	// ArchiveName, when set, becomes the archive's name in its settings.
	ArchiveName string
	// AllowedHosts, TrustedProxies, RateLimit and RateBurst are read as
	// written (flags or environment) and parsed into hosts, proxies and
	// limiter by parseFlags.
	AllowedHosts   string
	TrustedProxies string
	RateLimit      string
	RateBurst      string

	hosts   web.Hosts
	proxies web.Proxies
	limiter *web.Limiter

	stderr io.Writer
	// onReady, when set, is called with the site's URL once it listens.
	onReady func(url string)
}

func newServeCommand(getenv func(string) string, stderr io.Writer) *serveCommand {
	return &serveCommand{
		Addr:        envOr(getenv, "RECTO_ADDR", rectohttp.DefaultAddr),
		DB:          envOr(getenv, "RECTO_DB", "recto.db"),
		DBRead:      getenv("RECTO_DB_READ"),
		BaseURL:     getenv("RECTO_BASE_URL"),
		LogLevel:    envOr(getenv, "RECTO_LOG_LEVEL", "info"),
		DownloadDir: getenv("RECTO_DOWNLOAD_DIR"),
		AdminEmail:  getenv("RECTO_ADMIN_EMAIL"),
		ArchiveName: getenv("RECTO_ARCHIVE_NAME"),
		stderr:      stderr,

		OAIRepositoryID: getenv("RECTO_OAI_REPOSITORY_ID"),
		AllowedHosts:    getenv("RECTO_ALLOWED_HOSTS"),
		TrustedProxies:  getenv("RECTO_TRUSTED_PROXIES"),
		RateLimit:       envOr(getenv, "RECTO_RATE_LIMIT", "0"),
		RateBurst:       envOr(getenv, "RECTO_RATE_BURST", strconv.Itoa(defaultRateBurst)),
	}
}

// defaultRateBurst is how many requests a client may make at once before
// --rate-limit spaces them.
const defaultRateBurst = 10

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

func (c *serveCommand) parseFlags(args []string) error {
	fs := flag.NewFlagSet("recto serve", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.StringVar(&c.Addr, "addr", c.Addr, "`host:port` to listen on; :8080 for every interface (env RECTO_ADDR)")
	fs.StringVar(&c.DB, "db", c.DB, "SQLite database `file`, created if missing, or postgres:// URL (env RECTO_DB)")
	fs.StringVar(&c.DBRead, "db-read", c.DBRead, "postgres:// `URL` of a read replica for reads (env RECTO_DB_READ; default: the primary)")
	fs.BoolVar(&c.Migrate, "migrate", false, "apply pending PostgreSQL migrations before serving (SQLite always migrates)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public `URL` of the site for canonical links, e.g. https://archive.example.org (env RECTO_BASE_URL; default: taken from each request, answering only localhost and --allowed-hosts)")
	fs.StringVar(&c.AllowedHosts, "allowed-hosts", c.AllowedHosts, "comma-separated host `names` answered besides localhost when --base-url is not set (env RECTO_ALLOWED_HOSTS)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "comma-separated `networks` (CIDR or addresses) of reverse proxies whose X-Forwarded-For names the client (env RECTO_TRUSTED_PROXIES)")
	fs.StringVar(&c.RateLimit, "rate-limit", c.RateLimit, "`requests` a second each client address may make to search and the APIs; 0 for no limit (env RECTO_RATE_LIMIT)")
	fs.StringVar(&c.RateBurst, "rate-burst", c.RateBurst, "`requests` a client may make at once under --rate-limit (env RECTO_RATE_BURST)")
	fs.StringVar(&c.OAIRepositoryID, "oai-repository-id", c.OAIRepositoryID, "`domain` in OAI-PMH identifiers oai:DOMAIN:ID (env RECTO_OAI_REPOSITORY_ID; default: the host of --base-url, else localhost)")
	fs.BoolVar(&c.Sample, "sample", false, "load the built-in sample collection when the archive is empty")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log `level`: debug, info, warn or error (env RECTO_LOG_LEVEL)")
	fs.StringVar(&c.AdminEmail, "admin-email", c.AdminEmail, "`address` harvesters may write to, given by OAI-PMH Identify (env RECTO_ADMIN_EMAIL; default: webmaster@ the OAI repository ID)")
	fs.StringVar(&c.ArchiveName, "archive-name", c.ArchiveName, "the archive's `name` in pages, citations, feeds, OAI-PMH and /srv/, stored in its settings for every process (env RECTO_ARCHIVE_NAME; default: the stored name, else Recto)")
	fs.StringVar(&c.DownloadDir, "download-dir", c.DownloadDir, "`directory` for the bulk downloads of /downloads (env RECTO_DOWNLOAD_DIR; default: in the user's cache, per database)")
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: recto serve [flags]\n\nRun the public site.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("recto serve takes no arguments, got %q", rest)}
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return usageError{fmt.Sprintf("--base-url %q must start with http:// or https://", c.BaseURL)}
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	return c.parseLimits()
}

// parseLimits reads the settings of who is answered and how often.
func (c *serveCommand) parseLimits() error {
	var err error
	if c.hosts, err = web.ParseHosts(c.AllowedHosts); err != nil {
		return usageError{"--allowed-hosts: " + err.Error()}
	}
	if c.proxies, err = web.ParseProxies(c.TrustedProxies); err != nil {
		return usageError{"--trusted-proxies: " + err.Error()}
	}
	if c.OAIRepositoryID != "" && !oaipmh.IsRepositoryID(c.OAIRepositoryID) {
		return usageError{fmt.Sprintf("--oai-repository-id %q must be a domain name such as archive.example.org", c.OAIRepositoryID)}
	}
	rate, err := strconv.ParseFloat(c.RateLimit, 64)
	if err != nil || rate < 0 || math.IsInf(rate, 0) || math.IsNaN(rate) {
		return usageError{fmt.Sprintf("--rate-limit %q must be a number of requests a second, 0 for no limit", c.RateLimit)}
	}
	burst, err := strconv.Atoi(c.RateBurst)
	if err != nil || burst < 1 {
		return usageError{fmt.Sprintf("--rate-burst %q must be a whole number of requests, at least 1", c.RateBurst)}
	}
	if rate > 0 {
		c.limiter = web.NewLimiter(rate, burst)
	}
	return nil
}

func (c *serveCommand) logger() (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q: use debug, info, warn or error", c.LogLevel)}
	}
	return slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: level})), nil
}

// run opens the archive, loads the sample if asked, and serves until ctx ends.
func (c *serveCommand) run(ctx context.Context) error {
	logger, err := c.logger()
	if err != nil {
		return err
	}
	db, err := openStore(ctx, c.DB, c.Migrate, c.DBRead)
	if err != nil {
		return err
	}
	defer db.Close()
	if c.Sample {
		if err := loadSample(ctx, db, logger); err != nil {
			return err
		}
	}
	engine := search.New(db, logger)
	defer engine.Close()
	srv, err := c.site(ctx, db, engine, logger)
	if err != nil {
		return err
	}
	srv.Addr = c.Addr
	if err := srv.Open(); err != nil {
		return err
	}
	logger.Info("serving", "url", srv.URL(), "db", displayDB(c.DB))
	if c.onReady != nil {
		c.onReady(srv.URL())
	}
	// Pages are served at once; search, and /healthz, answer 503 until the
	// index is built, minutes at a million documents.
	built := make(chan error, 1)
	go func() {
		err := engine.Build(ctx)
		if err == nil {
			settleMemory(logger)
		}
		built <- err
	}()
	var buildErr error
	select {
	case <-ctx.Done():
		// A build still running ends with ctx, its error no fault of the
		// server's; the engine must not be closed under it.
		<-built
	case buildErr = <-built:
		if buildErr == nil {
			<-ctx.Done()
		} else {
			logger.Error("search index could not be built; stopping", "error", buildErr)
		}
	}
	logger.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	return errors.Join(buildErr, srv.Close(shutdown))
}

// loadSample loads the sample collection into an empty archive and leaves any
// other archive alone.
func loadSample(ctx context.Context, store recto.Store, logger *slog.Logger) error {
	stats, err := store.Stats(ctx, nil)
	if err != nil {
		return err
	}
	if stats.Documents > 0 {
		logger.Info("archive not empty; sample collection not loaded", "documents", stats.Documents)
		return nil
	}
	start := time.Now()
	if err := sample.Load(ctx, store); err != nil {
		return err
	}
	logger.Info("sample collection loaded", "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// downloads returns the bulk downloads of the archive as audience sees it:
// its documents and the authorities they name.
func (c *serveCommand) downloads(db recto.Store, audience recto.Audience, logger *slog.Logger) (*downloads.Service, error) {
	dir := c.DownloadDir
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		// One directory per database: files are named by its change
		// numbers, which another archive's would collide with.
		name := c.DB
		if abs, err := filepath.Abs(c.DB); err == nil && !postgres.IsURL(c.DB) {
			name = abs
		}
		sum := sha256.Sum256([]byte(name))
		dir = filepath.Join(cache, "recto", "downloads", hex.EncodeToString(sum[:8]))
	}
	return downloads.New(dir, db, logger,
		downloads.Format{Name: "recto-archive.jsonl", Format: "JSON Lines", MediaType: "application/jsonl",
			Description: "The complete record of every published document and the people, places, subjects, collections and repositories it names, one JSON object a line, in the format recto import jsonl reads.",
			Write:       func(ctx context.Context, w io.Writer) error { return corpus.WriteLines(ctx, w, db, audience.Shown) }},
		downloads.Format{Name: "recto-archive.csv", Format: "CSV", MediaType: "text/csv; charset=utf-8",
			Description: "One row for each published document, for spreadsheets; the columns are those recto import csv reads.",
			Write:       func(ctx context.Context, w io.Writer) error { return csv.Write(ctx, w, db, audience.Shown) }},
	)
}
