package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

// recto backup copies an archive while another connection keeps writing
// batches of documents to it, each batch in one transaction. Each copy
// opens as an archive, passes SQLite's integrity and foreign key checks,
// and holds every batch whole or not at all: a snapshot, not a mixture.
func TestBackup_WhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "recto.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	const perBatch = 25
	stop := make(chan struct{})
	var wg sync.WaitGroup
	written := 0
	wg.Go(func() {
		for batch := 0; ; batch++ {
			select {
			case <-stop:
				return
			default:
			}
			docs := make([]*recto.Document, perBatch)
			for i := range docs {
				docs[i] = &recto.Document{Title: fmt.Sprintf("batch %d", batch), Status: recto.StatusPublished,
					Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: strings.Repeat("Written during the backup. ", 50)}}}
			}
			if err := db.CreateDocuments(ctx, docs); err != nil {
				t.Error(err)
				return
			}
			written++
		}
	})
	var copies []string
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		var stdout bytes.Buffer
		if err := Run(ctx, []string{"backup", "--db", path, "--out", out}, func(string) string { return "" }, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout.String(), "copied to "+out) {
			t.Errorf("backup said %q", stdout.String())
		}
		copies = append(copies, out)
	}
	close(stop)
	wg.Wait()
	if written == 0 {
		t.Fatal("nothing was written during the backups")
	}
	for _, c := range copies {
		checkBackup(t, c, perBatch)
	}
}

// checkBackup opens a copy as an archive and checks it.
func checkBackup(t *testing.T, path string, perBatch int) {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var integrity string
	if err := raw.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("%s: integrity_check %q, %v", path, integrity, err)
	}
	if rows, err := raw.QueryContext(ctx, `PRAGMA foreign_key_check`); err != nil {
		t.Fatal(err)
	} else if bad := rows.Next(); rows.Close() != nil || bad {
		t.Fatalf("%s: foreign_key_check finds rows pointing nowhere", path)
	}
	copied, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	docs, _, err := copied.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	batches := map[string]int{}
	for _, d := range docs {
		if strings.HasPrefix(d.Title, "batch ") {
			batches[d.Title]++
		}
	}
	for title, n := range batches {
		if n != perBatch {
			t.Errorf("%s: %s has %d of its %d documents", path, title, n, perBatch)
		}
	}
	if len(docs)-len(batches)*perBatch < 20 {
		t.Errorf("%s: %d documents, the sample's are missing", path, len(docs))
	}
	t.Logf("%s: %d whole batches", filepath.Base(path), len(batches))
}

// recto backup refuses a PostgreSQL archive, giving the pg_dump command
// without the password, and a missing archive, creating nothing.
func TestBackup_Refusals(t *testing.T) {
	ctx := context.Background()
	env := func(string) string { return "" }
	err := Run(ctx, []string{"backup", "--db", "postgres://recto:s3cret@db1/recto", "--out", "recto.dump"}, env, io.Discard, io.Discard)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "pg_dump --format=custom --file=recto.dump --dbname='postgres://recto@db1/recto'") ||
		strings.Contains(err.Error(), "s3cret") {
		t.Errorf("backup of PostgreSQL: %v", err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	if err := Run(ctx, []string{"backup", "--db", filepath.Join(dir, "missing.db"), "--out", out}, env, io.Discard, io.Discard); err == nil {
		t.Error("backup of a missing archive: no error")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
		t.Errorf("a refused backup left %v", left)
	}
}
