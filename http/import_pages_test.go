package http_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/corpora"
	"github.com/recto-archive/recto/internal/htmlcheck"
	"github.com/recto-archive/recto/tei"
)

// Imported documents keep every rule of a public page: FRUS enclosures as
// sections, footnotes, page markers and tables; Suriano letters with texts
// in three languages.
func TestImportedPages(t *testing.T) {
	dir := filepath.Dir(corpora.Dir(t, "frus"))
	s := mustSite(t)
	ctx := context.Background()
	for _, name := range []string{"frus/frus1901China.xml", "frus/frus1894Nicaragua.xml",
		"frus/frus1945v07-sinkiang/d726.xml", "suriano/tei/02/004.xml", "suriano/tei/02/002.xml"} {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		file, err := tei.Read(f, path)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := corpus.Import(ctx, s.db, file, corpus.ImportOptions{Status: recto.StatusPublished}); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := s.db.FindDocumentIDsBySource(ctx, []string{"frus1901China/d69", "frus1894Nicaragua/d2",
		"frus1945v07/d726", "suriano/02/004", "suriano/02/002"})
	if err != nil || len(ids) != 5 {
		t.Fatalf("imported %v: %v", ids, err)
	}
	h := mustHandler(t, s.db)
	pages := map[string][]byte{}
	for source, id := range ids {
		for _, query := range []string{"", "?text=2", "?view=side-by-side"} {
			path := fmt.Sprintf("/documents/%d%s", id, query)
			rec := get(t, h, path)
			if rec.Code != http.StatusOK {
				continue // a document with one text has no side-by-side view
			}
			for _, p := range htmlcheck.Check(rec.Body.Bytes()) {
				t.Errorf("%s (%s): %s", path, source, p)
			}
			pages[path] = rec.Body.Bytes()
		}
	}
	suriano := string(pages[fmt.Sprintf("/documents/%d", ids["suriano/02/004"])])
	wantInOrder(t, suriano, `<h3 id="`, "Attachment III", `<span class="page-marker">[f. 93r]</span>`)
	htmlcheck.Validate(t, pages)
}
