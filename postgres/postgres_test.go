package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

func TestOpen_Schema(t *testing.T) {
	url := storetest.PostgresURL(t)
	ctx := context.Background()
	// A new database is behind: Open refuses it and names the way out.
	_, err := postgres.Open(ctx, url, postgres.Options{})
	if !errors.Is(err, postgres.ErrSchemaBehind) {
		t.Fatalf("open of an empty database: %v, want ErrSchemaBehind", err)
	}
	applied, err := postgres.Migrate(ctx, url)
	must(t, err)
	if len(applied) == 0 {
		t.Fatal("Migrate applied nothing to an empty database")
	}
	// Once migrated it opens, and migrating again does nothing.
	open(t, url, postgres.Options{})
	again, err := postgres.Migrate(ctx, url)
	must(t, err)
	if len(again) != 0 {
		t.Fatalf("second Migrate applied %v", again)
	}
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", postgres.Options{}); err == nil {
		t.Fatal("open of an unreachable server: no error")
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
