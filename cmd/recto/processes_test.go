package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/postgres"
)

// TestTwoProcesses starts two recto serve processes on one PostgreSQL
// database, writes to the archive from outside both, and expects each to
// show the change in its search results, facets and pages within a second.
func TestTwoProcesses(t *testing.T) {
	url := storetest.PostgresURL(t)
	bin := buildRecto(t)
	first := startServe(t, bin, "--db", url, "--migrate", "--sample")
	second := startServe(t, bin, "--db", url)

	ctx := context.Background()
	db, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	place := &recto.Place{Name: "Zanzibar Quay"}
	if err := db.CreatePlace(ctx, place); err != nil {
		t.Fatal(err)
	}
	d := &recto.Document{Title: "Note on the okapi trade", Status: recto.StatusPublished, Languages: []string{"en"},
		Places: []*recto.Place{place},
		Texts:  []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "The okapi trade resumed in spring."}}}
	if err := db.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	written := time.Now()
	for _, base := range []string{first, second} {
		for _, check := range []struct{ path, want string }{
			{"/search?q=okapi", "Note on the okapi trade"},
			{"/search?q=okapi", "Zanzibar Quay"}, // the place facet
			{fmt.Sprintf("/documents/%d", d.ID), "The okapi trade resumed in spring."},
		} {
			waitFor(t, base+check.path, check.want, written.Add(time.Second))
		}
	}
}

// buildRecto builds the recto command into a temporary directory.
func buildRecto(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "recto")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var servingLine = regexp.MustCompile(`msg=serving url=(\S+)`)

// startServe starts "recto serve" as a process of its own on a free port,
// stopped when the test ends, and returns its URL.
func startServe(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "RECTO_DB=", "RECTO_ADDR=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	// The reader hands over the URL, or the whole log if the process ends
	// before serving; it reports nothing itself, since it may outlive the
	// test.
	found, failed := make(chan string, 1), make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stderr)
		var log strings.Builder
		for scanner.Scan() {
			log.WriteString(scanner.Text() + "\n")
			if m := servingLine.FindStringSubmatch(scanner.Text()); m != nil {
				found <- m[1]
				io.Copy(io.Discard, stderr)
				return
			}
		}
		failed <- log.String()
	}()
	select {
	case u := <-found:
		waitReady(t, u)
		return u
	case log := <-failed:
		t.Fatalf("recto serve %v stopped before serving:\n%s", args, log)
	case <-time.After(60 * time.Second):
		t.Fatalf("recto serve %v did not start", args)
	}
	return ""
}

// waitFor fetches url until its page contains want, failing once the
// deadline has passed.
func waitFor(t *testing.T, url, want string, deadline time.Time) {
	t.Helper()
	for {
		resp, body := getPage(t, url)
		if strings.Contains(string(body), want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no %q a second after the write (status %d)", url, want, resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMigrate runs recto migrate twice on a new database of each backend,
// and checks that serve refuses a PostgreSQL schema that is behind (an
// empty one it migrates: TestOpen_Schema in package postgres).
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	noEnv := func(string) string { return "" }
	run := func(t *testing.T, args ...string) string {
		t.Helper()
		var out strings.Builder
		if err := Run(ctx, args, noEnv, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	for _, b := range []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "recto.db") }},
		{"postgres", func(t *testing.T) string { return storetest.PostgresURL(t) }},
	} {
		t.Run(b.name, func(t *testing.T) {
			db := b.db(t)
			if postgres.IsURL(db) {
				older := b.db(t)
				storetest.PostgresOlderSchema(t, older)
				err := Run(ctx, []string{"serve", "--db", older, "--addr", "127.0.0.1:0"}, noEnv, io.Discard, io.Discard)
				if !errors.Is(err, postgres.ErrSchemaBehind) {
					t.Fatalf("serve on an older schema: %v, want ErrSchemaBehind", err)
				}
			}
			if got := run(t, "migrate", "--db", db); !strings.Contains(got, ": applied migrations/0001_catalogue.sql") {
				t.Errorf("first migrate: %q", got)
			}
			if got := run(t, "migrate", "--db", db); !strings.HasSuffix(got, ": schema up to date\n") {
				t.Errorf("second migrate: %q", got)
			}
		})
	}
}
