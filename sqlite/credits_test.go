package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ncruces/go-sqlite3/driver"

	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sqlite"
)

// An archive made before sort names existed keeps its agents: a person
// stored inverted, "Goldberg, Gary", is shown "Gary Goldberg" and filed
// as stored; other names are filed as written.
func TestMigrate_SortNames(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "recto.db")
	older := storetest.MigrationsBefore(t, sqlite.Migrations, "0013")
	raw, err := driver.Open("file:" + path)
	must(t, err)
	_, err = older.Apply(ctx, raw, time.Now())
	must(t, err)
	_, err = raw.ExecContext(ctx, storetest.OlderAgents)
	must(t, err)
	must(t, raw.Close())

	db, err := sqlite.Open(ctx, path)
	must(t, err)
	defer db.Close()
	storetest.AgentsMigrated(t, db)
}
