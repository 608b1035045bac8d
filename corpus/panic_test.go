package corpus_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

// panicky is a real archive whose document writes panic, as a bug would.
type panicky struct{ storetest.Store }

func (panicky) CreateDocuments(context.Context, []*recto.Document) error { panic("a bug in the store") }

// A bug, in a reader or in the store, fails the file with an error and
// rolls it back; it does not stop the program.
func TestImport_PanicsBecomeErrors(t *testing.T) {
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	_, err := corpus.ImportRecords(ctx, db, func(emit corpus.Emit) error { panic("a bug in the reader") }, corpus.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "internal error, please report it: a bug in the reader") {
		t.Errorf("a reader's panic: %v", err)
	}
	_, err = corpus.ImportLines(ctx, panicky{db}, strings.NewReader(doc("a", "")), "d.jsonl", corpus.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "internal error, please report it: a bug in the store") {
		t.Errorf("a store's panic: %v", err)
	}
	assertEmpty(t, db)
}
