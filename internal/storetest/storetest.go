// Package storetest opens a new, empty archive on each storage backend for
// tests, so that one test body holds every backend to the same contract.
//
// SQLite always runs, in a temporary file. PostgreSQL runs when the
// environment variable RECTO_TEST_POSTGRES_URL names a database the tests may
// create schemas in; each archive is a schema of its own, dropped when the
// test ends. Without the variable the PostgreSQL half skips, saying why
// (go test -v shows it).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for database/sql

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/sqlstore"
	"github.com/recto-archive/recto/postgres"
	"github.com/recto-archive/recto/sqlite"
)

// EnvPostgres names the environment variable with the PostgreSQL URL.
const EnvPostgres = "RECTO_TEST_POSTGRES_URL"

// Store is an open archive of any backend.
type Store interface {
	recto.Store
	recto.Transactor
	Core() *sqlstore.DB
	Close() error
}

// Backend opens new archives of one storage backend.
type Backend struct {
	Name string
	// Open returns a new, empty archive whose clock starts at
	// 2026-01-02T03:04:05.123456789Z and moves a second at each reading. It
	// is closed when the test ends.
	Open func(tb testing.TB) Store
}

// Backends returns SQLite and, when configured, PostgreSQL.
func Backends() []Backend {
	return []Backend{{"sqlite", OpenSQLite}, {"postgres", OpenPostgres}}
}

// Run runs fn as a subtest on a new archive of each backend.
func Run(t *testing.T, fn func(t *testing.T, db Store)) {
	t.Helper()
	for _, b := range Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open(t)) })
	}
}

// OpenSQLite opens a new archive in a temporary file.
func OpenSQLite(tb testing.TB) Store {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "recto.db"))
	return opened(tb, db, err)
}

// OpenPostgres opens a new archive in a schema of its own, or skips the
// test when no PostgreSQL is configured.
func OpenPostgres(tb testing.TB) Store {
	tb.Helper()
	db, err := postgres.Open(context.Background(), PostgresURL(tb), postgres.Options{Migrate: true})
	return opened(tb, db, err)
}

// opened fails the test on err, or sets the archive's clock and closes it
// when the test ends.
func opened(tb testing.TB, db Store, err error) Store {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	setClock(db.Core())
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// PostgresURL creates an empty schema for the test, dropped when it ends,
// and returns a URL that works in it; it skips the test when no PostgreSQL
// is configured.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		tb.Skipf("PostgreSQL not tested: %s is not set (see the README, Quick start)", EnvPostgres)
	}
	ctx := context.Background()
	admin, err := pgxpool.New(ctx, base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	schema := "recto_test_" + randomHex(6)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("%s: create schema: %v", EnvPostgres, err)
	}
	tb.Cleanup(func() {
		admin, err := pgxpool.New(ctx, base)
		if err != nil {
			tb.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(tb, base, schema)
}

// PostgresOlderSchema gives the empty database at url the schema of an
// older Recto: its first migration only.
func PostgresOlderSchema(tb testing.TB, url string) {
	tb.Helper()
	older := MigrationsBefore(tb, postgres.Migrations, "0002")
	db, err := sql.Open("pgx", url)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := older.Apply(context.Background(), db, time.Now()); err != nil {
		tb.Fatalf("older schema: %v", err)
	}
}

// WithSearchPath returns the URL u with its search_path set to schema.
func WithSearchPath(tb testing.TB, u, schema string) string {
	tb.Helper()
	parsed, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("%s: %v", EnvPostgres, err)
	}
	q := parsed.Query()
	q.Set("search_path", schema)
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// setClock makes the archive's clock start at a fixed time and move a
// second at each reading, so stamps are known and distinct.
func setClock(db *sqlstore.DB) {
	var mu sync.Mutex
	clock := time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC)
	db.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
}

// EnvBenchDB names the environment variable with the path of a large
// SQLite archive for benchmarks; /tmp/bench100k.db, which `recto bench search`
// loads, by default.
const EnvBenchDB = "RECTO_BENCH_DB"

// OpenBenchArchive opens the large benchmark archive, or skips the
// benchmark without one. Benchmarks only read it; opening migrates it.
func OpenBenchArchive(b *testing.B) Store {
	b.Helper()
	path := os.Getenv(EnvBenchDB)
	if path == "" {
		path = "/tmp/bench100k.db"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no large archive to benchmark on: %v (set %s)", err, EnvBenchDB)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// Outage is a TCP forwarder between Recto and the test PostgreSQL server
// that a test cuts and restores, as a database outage would: while cut,
// connections are refused and those open are broken.
type Outage struct {
	tb     testing.TB
	target string // the server's host:port
	addr   string // the forwarder's
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
}

// PostgresOutage creates an empty schema for the test as PostgresURL does,
// and returns a URL that reaches it through a forwarder the test can cut.
func PostgresOutage(tb testing.TB) (string, *Outage) {
	tb.Helper()
	u, err := url.Parse(PostgresURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	o := &Outage{tb: tb, target: u.Host, addr: "127.0.0.1:0", conns: map[net.Conn]bool{}}
	if u.Port() == "" {
		o.target = net.JoinHostPort(u.Hostname(), "5432")
	}
	o.Restore()
	tb.Cleanup(o.Cut)
	u.Host = o.addr
	return u.String(), o
}

// Cut refuses new connections and breaks those open.
func (o *Outage) Cut() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ln != nil {
		o.ln.Close()
		o.ln = nil
	}
	for c := range o.conns {
		c.Close()
	}
	clear(o.conns)
}

// Restore accepts connections again, on the same address.
func (o *Outage) Restore() {
	o.tb.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		o.tb.Fatalf("outage forwarder: %v", err)
	}
	o.ln, o.addr = ln, ln.Addr().String()
	go o.accept(ln)
}

func (o *Outage) accept(ln net.Listener) {
	for {
		client, err := ln.Accept()
		if err != nil {
			return // cut
		}
		server, err := net.Dial("tcp", o.target)
		if err != nil {
			client.Close()
			continue
		}
		o.mu.Lock()
		if o.ln != ln { // cut meanwhile
			o.mu.Unlock()
			client.Close()
			server.Close()
			return
		}
		o.conns[client], o.conns[server] = true, true
		o.mu.Unlock()
		go o.pipe(client, server)
		go o.pipe(server, client)
	}
}

// pipe copies from one side to the other until either closes, then
// closes both.
func (o *Outage) pipe(from, to net.Conn) {
	io.Copy(to, from)
	from.Close()
	to.Close()
	o.mu.Lock()
	delete(o.conns, from)
	delete(o.conns, to)
	o.mu.Unlock()
}

// MigrationsBefore returns m with only the migrations whose file names sort
// before name ("0013"), to build an archive as an older Recto left it.
func MigrationsBefore(tb testing.TB, m sqlstore.Migrations, name string) sqlstore.Migrations {
	tb.Helper()
	names, err := fs.Glob(m.FS, "migrations/*.sql")
	if err != nil {
		tb.Fatal(err)
	}
	older := fstest.MapFS{}
	for _, n := range names {
		if path.Base(n) < name {
			data, err := fs.ReadFile(m.FS, n)
			if err != nil {
				tb.Fatal(err)
			}
			older[n] = &fstest.MapFile{Data: data}
		}
	}
	m.FS = older
	return m
}

// OlderAgents are agents as an archive made before sort names held them,
// and AgentsMigrated checks what the sort-name migration made of them: a
// person stored inverted, "Goldberg, Gary", is shown "Gary Goldberg" and
// filed as stored; other names are filed as written.
const OlderAgents = `INSERT INTO agents (id, kind, name) VALUES
	(1, 'person', 'Goldberg, Gary'), (2, 'person', 'Alihan Tore'), (3, 'organisation', 'Fund, Inc.'),
	(4, 'person', 'Smith, John, Jr.')`

// AgentsMigrated checks the agents OlderAgents stored, once migrated.
func AgentsMigrated(t *testing.T, db recto.AgentService) {
	t.Helper()
	for id, want := range map[int64][2]string{
		1: {"Gary Goldberg", "Goldberg, Gary"},
		2: {"Alihan Tore", "Alihan Tore"},
		3: {"Fund, Inc.", "Fund, Inc."},
		4: {"Smith, John, Jr.", "Smith, John, Jr."},
	} {
		a, err := db.FindAgentByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != want[0] || a.SortName != want[1] {
			t.Errorf("agent %d: %q filed %q, want %q filed %q", id, a.Name, a.SortName, want[0], want[1])
		}
	}
}
