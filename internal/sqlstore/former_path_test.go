package sqlstore_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/storetest"
)

// A former path leads to one document: found by it whatever its status,
// refused to a second document with an error naming the path and both
// documents, free again once its document gives it up.
func TestFormerPaths(t *testing.T) { storetest.Run(t, testFormerPaths) }

func testFormerPaths(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	a := &recto.Document{Title: "A", Status: recto.StatusDraft, FormerPaths: []string{"/document/a-letter", "/node/7"}}
	must(t, db.CreateDocument(ctx, a))
	id, err := db.FindDocumentIDByFormerPath(ctx, "/node/7")
	must(t, err)
	if id != a.ID {
		t.Fatalf("/node/7 found document %d, want %d", id, a.ID)
	}
	_, err = db.FindDocumentIDByFormerPath(ctx, "/node/8")
	wantCode(t, err, recto.ENOTFOUND)

	b := &recto.Document{Title: "B", Status: recto.StatusPublished, FormerPaths: []string{"/node/9", "/node/7"}}
	err = db.CreateDocument(ctx, b)
	wantCode(t, err, recto.EINVALID, "former_paths[1]")
	if msg := err.Error(); !strings.Contains(msg, `"/node/7"`) || !strings.Contains(msg, "document "+itoa(a.ID)) ||
		!strings.Contains(msg, "document "+itoa(b.ID)) {
		t.Errorf("collision error %q names not the path and both documents", msg)
	}
	if _, err := db.FindDocumentIDByFormerPath(ctx, "/node/9"); recto.ErrorCode(err) != recto.ENOTFOUND {
		t.Fatalf("a refused create stored its paths: %v", err)
	}

	// In one batch, one path twice is refused; a path may move from one
	// document of the batch to another.
	c := &recto.Document{Title: "C", Status: recto.StatusPublished, FormerPaths: []string{"/node/10"}}
	d := &recto.Document{Title: "D", Status: recto.StatusPublished, FormerPaths: []string{"/node/10"}}
	wantCode(t, db.CreateDocuments(ctx, []*recto.Document{c, d}), recto.EINVALID, "documents[1].former_paths[0]")
	b.ID, b.FormerPaths = 0, []string{"/node/9"}
	must(t, db.CreateDocument(ctx, b))
	a.FormerPaths, b.FormerPaths = []string{"/document/a-letter"}, []string{"/node/9", "/node/7"}
	must(t, db.UpdateDocuments(ctx, []*recto.Document{a, b}))
	if id, err := db.FindDocumentIDByFormerPath(ctx, "/node/7"); err != nil || id != b.ID {
		t.Fatalf("/node/7 after moving = %d, %v; want %d", id, err, b.ID)
	}
	got, err := db.FindDocumentsByIDs(ctx, []int64{a.ID, b.ID})
	must(t, err)
	if strings.Join(got[0].FormerPaths, " ") != "/document/a-letter" || strings.Join(got[1].FormerPaths, " ") != "/node/9 /node/7" {
		t.Fatalf("former paths read back = %q, %q", got[0].FormerPaths, got[1].FormerPaths)
	}
	// Not in normal form: refused by validation, naming the field.
	a.FormerPaths = []string{"https://example.org/node/7?x=1"}
	wantCode(t, db.UpdateDocument(ctx, a), recto.EINVALID, "former_paths[0]")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
