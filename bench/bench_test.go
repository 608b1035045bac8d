package bench_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/search"
	"github.com/recto-archive/recto/sqlite"
)

// TestGenerateAndRun makes a small corpus, loads it into a real archive and
// runs the query mix over it.
func TestGenerateAndRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	m, err := bench.Generate(dir, bench.GenOptions{Docs: 300, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if m.Docs != 300 || len(m.Words["ru"]) == 0 || len(m.Phrases["en"]) != 500 || len(m.Places) < 300 {
		t.Fatalf("manifest: %d docs, %d Russian words, %d phrases, %d places", m.Docs, len(m.Words["ru"]),
			len(m.Phrases["en"]), len(m.Places))
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	engine := search.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer engine.Close()
	var out bytes.Buffer
	if err := bench.Run(ctx, db, engine, bench.RunOptions{Corpus: dir, QueriesPerClass: 3, Seed: 1, Out: &out}); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	for _, want := range []string{"load: 300 documents", "index build:", "RSS serving:"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, c := range bench.Classes {
		if !strings.Contains(report, "\n"+c[0]+" ") {
			t.Errorf("report lacks class %s", c[0])
		}
	}
	// The corpus holds what it says: several languages, dates, drafts.
	stats, err := db.Stats(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 300 || stats.Languages < 5 {
		t.Errorf("stats %+v", stats)
	}
	res, err := engine.Search(ctx, recto.SearchRequest{Query: "date:1900..1995", Limit: 1})
	if err != nil || res.Total < 200 {
		t.Errorf("dated documents: %v, %v", res, err)
	}
	// A second run finds the archive loaded and does not load it again.
	out.Reset()
	if err := bench.Run(ctx, db, engine, bench.RunOptions{Corpus: dir, QueriesPerClass: 1, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "load: skipped") {
		t.Errorf("second run: %s", out.String())
	}
}

func TestGenerate_Errors(t *testing.T) {
	if _, err := bench.Generate(t.TempDir(), bench.GenOptions{Docs: 0}); err == nil {
		t.Error("zero documents: no error")
	}
	if err := bench.Run(context.Background(), nil, nil, bench.RunOptions{Corpus: t.TempDir(), Out: io.Discard}); err == nil ||
		!strings.Contains(err.Error(), "recto bench gen") {
		t.Errorf("missing corpus: %v", err)
	}
}
