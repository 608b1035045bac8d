package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/postgres"
)

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func open(tb testing.TB, url string, opts postgres.Options) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), url, opts)
	must(tb, err)
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, "recto.db": false, "/var/lib/recto/postgres.db": false,
	} {
		if got := postgres.IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v", s, got)
		}
	}
}

// An empty database gets its schema at the first start, however many
// processes start at once; an older schema is refused with the way out.
func TestOpen_Schema(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	errs := make(chan error, 3)
	for range cap(errs) {
		go func() {
			db, err := postgres.Open(ctx, url, postgres.Options{})
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Fatalf("first start on an empty database: %v", err)
		}
	}
	db := open(t, url, postgres.Options{})
	must(t, db.CreateDocument(ctx, &recto.Document{Title: "In a new database", Status: recto.StatusDraft}))
	if applied, err := postgres.Migrate(ctx, url); err != nil || len(applied) != 0 {
		t.Fatalf("migrate after the first start applied %v, %v", applied, err)
	}

	older := storetest.PostgresURL(t)
	storetest.PostgresOlderSchema(t, older)
	_, err := postgres.Open(ctx, older, postgres.Options{})
	if !errors.Is(err, postgres.ErrSchemaBehind) || !strings.Contains(err.Error(), "recto migrate") {
		t.Fatalf("open of an older schema: %v, want ErrSchemaBehind naming recto migrate", err)
	}
	applied, err := postgres.Migrate(ctx, older)
	must(t, err)
	if len(applied) == 0 {
		t.Fatal("Migrate applied nothing to an older schema")
	}
	open(t, older, postgres.Options{})
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", postgres.Options{}); err == nil {
		t.Fatal("open of an unreachable server: no error")
	}
}

// A schema holding another program's tables is refused, by Open with or
// without Migrate and by Migrate, with a message naming them, and nothing
// is created in it.
func TestOpen_ForeignSchema(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	admin, err := sql.Open("pgx", url)
	must(t, err)
	defer admin.Close()
	_, err = admin.ExecContext(ctx, `CREATE TABLE invoices (id integer PRIMARY KEY)`)
	must(t, err)
	refusals := []error{}
	for _, migrate := range []bool{false, true} {
		_, err := postgres.Open(ctx, url, postgres.Options{Migrate: migrate})
		refusals = append(refusals, err)
	}
	_, err = postgres.Migrate(ctx, url)
	refusals = append(refusals, err)
	for _, err := range refusals {
		if !errors.Is(err, postgres.ErrForeignSchema) || !strings.Contains(err.Error(), "invoices") ||
			!strings.Contains(err.Error(), "search_path") {
			t.Errorf("schema with another program's table: %v, want ErrForeignSchema naming it and the way out", err)
		}
	}
	var tables int
	must(t, admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables))
	if tables != 1 {
		t.Fatalf("%d tables in the refused schema, want its own one", tables)
	}
}

// Two processes writing at once: every write lands, Record IDs do not
// collide, a reader following the change log misses nothing, and each
// process's own writes keep their order in the log.
func TestConcurrentWriters(t *testing.T) {
	url := storetest.PostgresURL(t)
	a := open(t, url, postgres.Options{Migrate: true})
	b := open(t, url, postgres.Options{})
	ctx := context.Background()
	const each = 20
	ids := make([][]int64, 2)
	var wg sync.WaitGroup
	for w, db := range []*postgres.DB{a, b} {
		wg.Go(func() {
			for i := range each {
				docs := []*recto.Document{{Title: fmt.Sprintf("%d-%d", w, i), Status: recto.StatusPublished},
					{Title: fmt.Sprintf("%d-%d'", w, i), Status: recto.StatusDraft}}
				if err := db.CreateDocuments(ctx, docs); err != nil {
					t.Error(err)
					return
				}
				ids[w] = append(ids[w], docs[0].ID, docs[1].ID)
			}
		})
	}
	// A reader following the log as the search index does, from the last
	// change it saw, must miss none: sequence numbers are handed out in
	// commit order.
	seen := 0
	written := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var last int64
		for finished := false; ; {
			select {
			case <-written:
				finished = true
			default:
			}
			changes, err := b.FindChanges(ctx, last, 1000)
			if err != nil {
				t.Error(err)
				return
			}
			for _, c := range changes {
				last = c.Seq
				seen++
			}
			if finished && len(changes) == 0 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	close(written)
	<-done
	if seen != 4*each {
		t.Fatalf("a reader following the log saw %d changes of %d", seen, 4*each)
	}
	all := slices.Concat(ids...)
	slices.Sort(all)
	if len(slices.Compact(all)) != 4*each {
		t.Fatalf("Record IDs collide: %v", ids)
	}
	changes, err := b.FindChanges(ctx, 0, 1000)
	must(t, err)
	if len(changes) != 4*each {
		t.Fatalf("%d changes, want %d", len(changes), 4*each)
	}
	pos := map[int64]int{}
	for i, c := range changes {
		if i > 0 && c.Seq <= changes[i-1].Seq {
			t.Fatalf("change log out of order: %+v", changes)
		}
		pos[c.ID] = i
	}
	for _, own := range ids {
		for i := 1; i < len(own); i++ {
			if pos[own[i]] < pos[own[i-1]] {
				t.Fatalf("document %d logged before %d, written earlier by the same process", own[i], own[i-1])
			}
		}
	}
}

// Reads go to the replica, writes to the primary. The test points the
// "replica" at a second, empty schema to see which one a read reaches, and
// then at the primary itself, as a streaming replica would mirror it.
func TestReadReplica(t *testing.T) {
	ctx := context.Background()
	primary, other := storetest.PostgresURL(t), storetest.PostgresURL(t)
	_, err := postgres.Migrate(ctx, other)
	must(t, err)
	split := open(t, primary, postgres.Options{Migrate: true, ReadURL: other})
	d := &recto.Document{Title: "Written to the primary", Status: recto.StatusPublished}
	must(t, split.CreateDocument(ctx, d))
	if _, err := split.FindDocumentByID(ctx, d.ID); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Fatalf("read through the replica found the primary's document: %v", err)
	}
	mirrored := open(t, primary, postgres.Options{ReadURL: primary})
	got, err := mirrored.FindDocumentByID(ctx, d.ID)
	must(t, err)
	if got.Title != d.Title {
		t.Fatalf("title %q", got.Title)
	}
	if _, err := postgres.Open(ctx, primary, postgres.Options{ReadURL: "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}); err == nil {
		t.Fatal("an unreachable replica: no error")
	}
}
