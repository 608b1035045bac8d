package postgres_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/postgres"
)

// An archive made before sort names existed keeps its agents: a person
// stored inverted, "Goldberg, Gary", is shown "Gary Goldberg" and filed
// as stored; other names are filed as written (sqlite's
// TestMigrate_SortNames on this backend).
func TestMigrate_SortNames(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	older := storetest.MigrationsBefore(t, postgres.Migrations, "0010")
	raw, err := sql.Open("pgx", url)
	must(t, err)
	_, err = older.Apply(ctx, raw, time.Now())
	must(t, err)
	_, err = raw.ExecContext(ctx, storetest.OlderAgents)
	must(t, err)
	must(t, raw.Close())

	db := open(t, url, postgres.Options{Migrate: true})
	storetest.AgentsMigrated(t, db)
}
