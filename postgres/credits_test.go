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
	_, err = raw.ExecContext(ctx, `INSERT INTO agents (id, kind, name) VALUES
		(1, 'person', 'Goldberg, Gary'), (2, 'person', 'Alihan Tore'), (3, 'organisation', 'Fund, Inc.'),
		(4, 'person', 'Smith, John, Jr.')`)
	must(t, err)
	must(t, raw.Close())

	db := open(t, url, postgres.Options{Migrate: true})
	for id, want := range map[int64][2]string{
		1: {"Gary Goldberg", "Goldberg, Gary"},
		2: {"Alihan Tore", "Alihan Tore"},
		3: {"Fund, Inc.", "Fund, Inc."},
		4: {"Smith, John, Jr.", "Smith, John, Jr."},
	} {
		a, err := db.FindAgentByID(ctx, id)
		must(t, err)
		if a.Name != want[0] || a.SortName != want[1] {
			t.Errorf("agent %d: %q filed %q, want %q filed %q", id, a.Name, a.SortName, want[0], want[1])
		}
	}
}
