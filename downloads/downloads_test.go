package downloads_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/downloads"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestService(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	must(t, db.CreateDocument(ctx, &recto.Document{Title: "First", Status: recto.StatusPublished}))
	dir := t.TempDir()
	writes := 0
	release := make(chan struct{}, 10)
	svc, err := downloads.New(dir, db, slog.New(slog.DiscardHandler), downloads.Format{
		Name: "titles.txt", Format: "Titles", MediaType: "text/plain",
		Write: func(ctx context.Context, w io.Writer) error {
			<-release
			writes++
			_, n, err := db.FindDocuments(ctx, recto.DocumentFilter{})
			_, werr := io.WriteString(w, strings.Repeat("x", n))
			return errors.Join(err, werr)
		}})
	must(t, err)

	list, err := svc.Downloads(ctx)
	must(t, err)
	if len(list) != 1 || list[0].Current || !list[0].Generated.IsZero() {
		t.Fatalf("before any request: %+v", list)
	}

	// A request that gives up waiting is told to come back; the file is
	// still made, once, for the next request.
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, _, err := svc.OpenDownload(short, "titles.txt"); recto.ErrorCode(err) != recto.EUNAVAILABLE {
		t.Fatalf("impatient request: %v, want EUNAVAILABLE", err)
	}
	release <- struct{}{}
	body := open(t, svc, "titles.txt")
	if body != "x" || writes != 1 {
		t.Fatalf("download %q after %d writes, want one document's worth from one write", body, writes)
	}
	if open(t, svc, "titles.txt"); writes != 1 {
		t.Fatal("an unchanged archive's download was made again")
	}
	list, err = svc.Downloads(ctx)
	must(t, err)
	if !list[0].Current || list[0].Size != 1 || list[0].Generated.IsZero() {
		t.Fatalf("after making it: %+v", list)
	}

	// A change makes the file stale: the next request makes a new one and
	// the old file goes.
	must(t, db.CreateDocument(ctx, &recto.Document{Title: "Second", Status: recto.StatusPublished}))
	if list, _ = svc.Downloads(ctx); list[0].Current {
		t.Fatal("the download is still current after a change")
	}
	release <- struct{}{}
	if body := open(t, svc, "titles.txt"); body != "xx" || writes != 2 {
		t.Fatalf("after a change: %q after %d writes", body, writes)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*titles.txt"))
	if len(files) != 1 {
		t.Fatalf("files kept: %v, want only the current one", files)
	}
	if _, _, err := svc.OpenDownload(ctx, "secrets.txt"); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Fatalf("unknown download: %v", err)
	}
}

func open(t *testing.T, svc *downloads.Service, name string) string {
	t.Helper()
	f, d, err := svc.OpenDownload(context.Background(), name)
	must(t, err)
	defer f.Close()
	data, err := io.ReadAll(f)
	must(t, err)
	if d.Name != name || d.Size != int64(len(data)) {
		t.Fatalf("download described as %+v for %d bytes", d, len(data))
	}
	return string(data)
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// A download's temporary file left by a process killed while writing it is
// removed when a service starts on the directory, at once when it is old,
// and soon after when it was being written a moment before. A file that
// another process is writing, however slowly, is left alone.
func TestService_StaleTemporaryFiles(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	must(t, db.CreateDocument(ctx, &recto.Document{Title: "First", Status: recto.StatusPublished}))
	dir := t.TempDir()
	old, fresh := filepath.Join(dir, ".tmp-111"), filepath.Join(dir, ".tmp-222")
	for _, f := range []string{old, fresh} {
		must(t, os.WriteFile(f, []byte("half a download"), 0o644))
	}
	hourAgo := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(old, hourAgo, hourAgo))

	const heartbeat, staleAfter = 20 * time.Millisecond, 600 * time.Millisecond
	slow := downloads.Format{Name: "slow.txt", Format: "Slow", MediaType: "text/plain",
		Write: func(ctx context.Context, w io.Writer) error {
			io.WriteString(w, "waited ")
			time.Sleep(3 * staleAfter) // as a writer waiting for a busy database
			_, err := io.WriteString(w, "long")
			return err
		}}
	logger := slog.New(slog.DiscardHandler)
	svc, err := downloads.NewTimed(dir, db, logger, heartbeat, staleAfter, slow)
	must(t, err)
	if exists(old) || !exists(fresh) {
		t.Fatalf("at start: old temporary file kept %v, fresh one kept %v; want only the fresh one", exists(old), exists(fresh))
	}
	made := make(chan error)
	go func() {
		_, _, err := svc.OpenDownload(ctx, "slow.txt")
		made <- err
	}()
	time.Sleep(2 * staleAfter)
	// Another process starting on the directory while the file is written.
	_, err = downloads.NewTimed(dir, db, logger, heartbeat, staleAfter, slow)
	must(t, err)
	must(t, <-made)
	if got := open(t, svc, "slow.txt"); got != "waited long" {
		t.Fatalf("slow download %q", got)
	}
	if exists(fresh) {
		t.Fatal("a temporary file fresh at start is still there after it went stale")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
