package wilson

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/search"
)

// exportAll walks h's /srv/record.json and writes every record and text
// asset into a new directory, which it returns.
func exportAll(t *testing.T, h http.Handler) string {
	t.Helper()
	ctx := context.Background()
	get := HandlerGetter(h)
	ids, err := ListRecords(ctx, get)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("/srv/record.json lists no records")
	}
	dir := t.TempDir()
	if err := Export(ctx, get, ids, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// files lists the files under dir with the extension, slash-separated and
// relative to dir, in name order.
func files(t *testing.T, dir, ext string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (ext == "" || filepath.Ext(path) == ext) {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// serve returns the API of db, with its search index built.
func serve(t *testing.T, db recto.Store) http.Handler {
	t.Helper()
	eng := search.New(db, slog.New(slog.DiscardHandler))
	if err := eng.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return New(recto.NewCatalogue(db, recto.PublicAudience), eng, Options{Publisher: testPublisher,
		BaseURL: "https://archive.example.org", Logger: slog.New(slog.DiscardHandler)})
}

// importDir imports the record files of dir into db, published.
func importDir(t *testing.T, db recto.Store, dir string) ([]FileResult, *corpus.Report) {
	t.Helper()
	var names []string
	for _, f := range files(t, dir, ".json") {
		names = append(names, filepath.Join(dir, f))
	}
	results, report, err := Import(context.Background(), db, names, corpus.ImportOptions{Status: recto.StatusPublished})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Name, r.Err)
		}
	}
	return results, report
}

// TestImportFixedPoint exports an archive through /srv/, imports the files
// into an empty archive and exports that: every record and text asset is
// the same, byte for byte.
func TestImportFixedPoint(t *testing.T) {
	src := newSampled(t)
	first := exportAll(t, src.h)
	db := storetest.OpenSQLite(t)
	importDir(t, db, first)
	second := exportAll(t, serve(t, db))
	compareDirs(t, first, second, false)
}

// compareDirs compares two exports, each file normalized.
func compareDirs(t *testing.T, a, b string, withHTML bool) {
	t.Helper()
	fa, fb := normalizedFiles(t, a, withHTML), normalizedFiles(t, b, withHTML)
	if !slices.Equal(slices.Sorted(maps.Keys(fa)), slices.Sorted(maps.Keys(fb))) {
		t.Errorf("files differ:\nfirst  %v\nsecond %v", slices.Sorted(maps.Keys(fa)), slices.Sorted(maps.Keys(fb)))
	}
	for name, da := range fa {
		if db, ok := fb[name]; ok && da != db {
			t.Errorf("%s differs:\nfirst  %s\nsecond %s", name, da, db)
		}
	}
}

// normalizedFiles reads an export, keyed by normalized name: a text asset
// is named by its record and ordinal.
func normalizedFiles(t *testing.T, dir string, withHTML bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range files(t, dir, "") {
		content := normalized(t, dir, f, withHTML)
		name := f
		if m := assetPath.FindStringSubmatch("/srv/" + f); m != nil {
			if !withHTML {
				continue
			}
			ordinal, _, _ := strings.Cut(strings.TrimPrefix(content, "text "), ":")
			name = "record/" + m[1] + "/text/" + ordinal + ".html"
		}
		out[name] = content
	}
	return out
}

// normalized gives a record file or text asset as the fixed point compares
// it. An archive numbers texts and subjects itself (the store gives a new
// text and a new heading the next number; neither takes an ID from a
// file), so a text is named by its place among the record's texts ("T1",
// transcripts first) in its id, asset_id, url, filename and the anchors of
// its HTML ("tT1-p3"), and a subject by its heading. A "related" link
// shows on both of its records and /srv/ does not say which made it: the
// import gives it to one (Reader.ownsLink), so a record that both makes
// and receives such links may list them in another order; links are
// compared in Record ID order. Without texts stored
// as HTML (withHTML false), a text's html is left out.
func normalized(t *testing.T, dir, file string, withHTML bool) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	if m := assetPath.FindStringSubmatch("/srv/" + file); m != nil {
		rec := map[string]any{}
		recData, err := os.ReadFile(filepath.Join(dir, "record", m[1]+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(recData, &rec); err != nil {
			t.Fatal(err)
		}
		ordinal := textOrdinals(rec)[m[2]]
		return "text " + ordinal + ": " + renumberAnchors(string(data), m[2], ordinal)
	}
	rec := map[string]any{}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	ordinals := textOrdinals(rec)
	for _, list := range []string{"transcripts", "translations"} {
		for _, a := range rec[list].([]any) {
			a := a.(map[string]any)
			id := a["id"].(string)
			o := ordinals[id]
			a["id"], a["asset_id"] = o, o
			a["url"] = strings.Replace(a["url"].(string), "/"+id+".html", "/"+o+".html", 1)
			a["filename"] = strings.Replace(a["filename"].(string), "-"+id+".html", "-"+o+".html", 1)
			a["html"] = renumberAnchors(a["html"].(string), id, o)
			if !withHTML {
				delete(a, "html")
			}
		}
	}
	links := rec["links"].([]any)
	slices.SortFunc(links, func(a, b any) int {
		return strings.Compare(a.(map[string]any)["id"].(string), b.(map[string]any)["id"].(string))
	})
	for _, s := range rec["subjects"].([]any) {
		s := s.(map[string]any)
		s["id"], s["uri"] = s["name"], s["name"]
	}
	out, err := json.MarshalIndent(rec, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// textOrdinals numbers a record's texts as the fixed point names them.
func textOrdinals(rec map[string]any) map[string]string {
	out := map[string]string{}
	for _, list := range []string{"transcripts", "translations"} {
		for _, a := range rec[list].([]any) {
			out[a.(map[string]any)["id"].(string)] = fmt.Sprintf("T%d", len(out)+1)
		}
	}
	return out
}

func renumberAnchors(html, id, ordinal string) string {
	return strings.ReplaceAll(html, `id="t`+id+`-`, `id="t`+ordinal+`-`)
}

// Importing the same files again changes nothing: every record is
// unchanged, and so is every document and authority.
func TestImportTwiceChangesNothing(t *testing.T) {
	src := newSampled(t)
	dir := exportAll(t, src.h)
	db := storetest.OpenSQLite(t)
	importDir(t, db, dir)
	before := exportAll(t, serve(t, db))
	results, report := importDir(t, db, dir)
	for _, r := range results {
		if r.Action != corpus.Unchanged {
			t.Errorf("%s: record %s %s, want unchanged", r.Name, r.Record, r.Action)
		}
	}
	if n := len(report.Authorities[corpus.Created]) + len(report.Authorities[corpus.Updated]); n != 0 {
		t.Errorf("%d authorities created or updated: %v", n, report.Authorities)
	}
	compareDirs(t, before, exportAll(t, serve(t, db)), true)
}
