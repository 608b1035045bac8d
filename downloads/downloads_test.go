package downloads_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
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
