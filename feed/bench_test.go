package feed_test

import (
	"context"
	"os"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/sqlite"
)

// openBenchDB opens the large benchmark archive named by RECTO_BENCH_DB
// (/tmp/b100k.db by default), or skips. The benchmarks only read it.
func openBenchDB(b *testing.B) recto.Store {
	b.Helper()
	path := os.Getenv("RECTO_BENCH_DB")
	if path == "" {
		path = "/tmp/b100k.db"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no large archive to benchmark on: %v (set RECTO_BENCH_DB)", err)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
