package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// Search is what the benchmark measures: an engine that can be built.
type Search interface {
	recto.SearchService
	Build(ctx context.Context) error
}

// RunOptions configures Run.
type RunOptions struct {
	Corpus          string // directory made by Generate
	QueriesPerClass int
	Seed            uint64
	// Size returns the database's size on disk.
	Size func() (int64, error)
	Out  io.Writer
}

// class is one kind of query in the mix, with the requests to time.
type class struct {
	name     string
	about    string
	requests []recto.SearchRequest
}

// Classes describes the query mix, in the order Run reports it.
var Classes = [][2]string{
	{"rare", "one English word ranked 20,000–40,000 in frequency"},
	{"common", "one English word ranked 3–30"},
	{"and", "two English words ranked 100–3,000"},
	{"phrase", "a quoted two- or three-word collocation"},
	{"prefix", "the first four letters of a word ranked 30–3,000, with *"},
	{"field", "place:\"name\" and a word ranked 50–2,000"},
	{"browse", "no words; one facet value (a language or a decade)"},
	{"dates", "date:Y1..Y2 spanning 1–5 years"},
	{"variant", "a place's Chinese or alternative romanised name"},
	{"cyrillic", "an inflected Russian word ranked 50–5,000"},
}

// Run loads the corpus into store unless it already holds documents, builds
// the search index, runs the query mix and prints the figures.
func Run(ctx context.Context, store recto.Store, engine Search, opts RunOptions) error {
	out := opts.Out
	m, err := readManifest(opts.Corpus)
	if err != nil {
		return err
	}
	stats, err := store.Stats(ctx, nil)
	if err != nil {
		return err
	}
	if stats.Documents == 0 {
		if err := load(ctx, store, opts.Corpus, out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "load: skipped, the database already holds %d documents\n", stats.Documents)
	}
	runtime.GC()
	debug.FreeOSMemory()
	start := time.Now()
	if err := engine.Build(ctx); err != nil {
		return err
	}
	fmt.Fprintf(out, "index build: %s\n", time.Since(start).Round(time.Millisecond))
	if opts.Size != nil {
		if size, err := opts.Size(); err == nil {
			fmt.Fprintf(out, "database size: %s\n", megabytes(size))
		}
	}
	classes := makeClasses(m, opts.QueriesPerClass, opts.Seed)
	if err := measure(ctx, engine, classes, out); err != nil {
		return err
	}
	runtime.GC()
	rss, peak := memory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(out, "RSS serving: %s (after the queries and a GC); peak RSS of the whole run: %s\n", megabytes(rss), megabytes(peak))
	fmt.Fprintf(out, "Go heap: %s in use, %s held from the system; the rest of the RSS is the database driver's (SQLite's page caches when embedded) and the runtime's\n",
		megabytes(int64(ms.HeapInuse)), megabytes(int64(ms.HeapSys-ms.HeapReleased)))
	return nil
}

func readManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("bench: %w (make a corpus with recto bench gen)", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", ManifestFile, err)
	}
	return &m, nil
}

func load(ctx context.Context, store recto.Store, dir string, out io.Writer) error {
	f, err := os.Open(filepath.Join(dir, CorpusFile))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	start := time.Now()
	last := start
	err = corpus.LoadLines(ctx, store, f, func(stored int) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(out, "  loaded %d documents (%.0f/s)\n", stored, float64(stored)/time.Since(start).Seconds())
		}
	})
	if err != nil {
		return err
	}
	stats, err := store.Stats(ctx, nil)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(out, "load: %d documents in %s (%.0f documents/s)\n", stats.Documents, el.Round(time.Millisecond),
		float64(stats.Documents)/el.Seconds())
	return nil
}

// makeClasses draws n requests of each class from the manifest.
func makeClasses(m *Manifest, n int, seed uint64) []class {
	r := rand.New(rand.NewPCG(seed, 7))
	en, ru := m.Words["en"], m.Words["ru"]
	rank := func(words []string, lo, hi int) string { return words[lo+r.IntN(min(hi, len(words))-lo)] }
	q := func(s string) recto.SearchRequest { return recto.SearchRequest{Query: s, Limit: 10} }
	gen := map[string]func() recto.SearchRequest{
		"rare":   func() recto.SearchRequest { return q(rank(en, 20_000, 40_000)) },
		"common": func() recto.SearchRequest { return q(rank(en, 3, 30)) },
		"and":    func() recto.SearchRequest { return q(rank(en, 100, 3000) + " " + rank(en, 100, 3000)) },
		"phrase": func() recto.SearchRequest { return q(`"` + pick(r, m.Phrases["en"]) + `"`) },
		"prefix": func() recto.SearchRequest {
			w := []rune(rank(en, 30, 3000))
			for len(w) < 4 {
				w = []rune(rank(en, 30, 3000))
			}
			return q(string(w[:4]) + "*")
		},
		"field": func() recto.SearchRequest {
			return q(fmt.Sprintf(`place:"%s" %s`, pick(r, m.Places).Name, rank(en, 50, 2000)))
		},
		"browse": func() recto.SearchRequest {
			if r.IntN(2) == 0 {
				return recto.SearchRequest{Limit: 10, Filters: map[string][]string{recto.FacetLanguage: {pick(r, []string{"ru", "zh", "de", "ug", "kk", "en"})}}}
			}
			return recto.SearchRequest{Limit: 10, Filters: map[string][]string{recto.FacetDecade: {fmt.Sprint(1900 + 10*r.IntN(10))}}}
		},
		"dates": func() recto.SearchRequest {
			y := 1900 + r.IntN(91)
			return q(fmt.Sprintf("date:%d..%d", y, y+r.IntN(5)))
		},
		"variant": func() recto.SearchRequest {
			p := pick(r, m.Places)
			return q(p.Variants[len(p.Variants)-1].Name)
		},
		"cyrillic": func() recto.SearchRequest {
			return q(rank(ru, 50, 5000) + pick(r, cyrillicScript.endings))
		},
	}
	var classes []class
	for _, c := range Classes {
		cl := class{name: c[0], about: c[1]}
		for range n {
			cl.requests = append(cl.requests, gen[c[0]]())
		}
		classes = append(classes, cl)
	}
	return classes
}

// measure runs every class once to warm up, then times each request and
// prints the latency percentiles per class and over the whole mix.
func measure(ctx context.Context, engine recto.SearchService, classes []class, out io.Writer) error {
	for _, c := range classes {
		if _, err := engine.Search(ctx, c.requests[0]); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "\n%-9s %7s %9s %9s %9s %9s  %s\n", "class", "queries", "p50", "p95", "p99", "results", "query")
	var all []time.Duration
	for _, c := range classes {
		var times []time.Duration
		results := 0
		for _, req := range c.requests {
			start := time.Now()
			res, err := engine.Search(ctx, req)
			if err != nil {
				return fmt.Errorf("bench: %s query %q: %w", c.name, req.Query, err)
			}
			times = append(times, time.Since(start))
			results += res.Total
		}
		all = append(all, times...)
		p := percentiles(times)
		fmt.Fprintf(out, "%-9s %7d %9s %9s %9s %9d  %s\n", c.name, len(times), ms(p[0]), ms(p[1]), ms(p[2]),
			results/len(times), c.about)
	}
	p := percentiles(all)
	fmt.Fprintf(out, "%-9s %7d %9s %9s %9s\n\n", "all", len(all), ms(p[0]), ms(p[1]), ms(p[2]))
	return nil
}

// percentiles returns p50, p95 and p99.
func percentiles(times []time.Duration) [3]time.Duration {
	slices.Sort(times)
	at := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
	return [3]time.Duration{at(0.50), at(0.95), at(0.99)}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func megabytes(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// memory returns the process's resident set size and its peak, from Linux's
// /proc; zero elsewhere.
func memory() (rss, peak int64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kb int64
		switch {
		case strings.HasPrefix(line, "VmRSS:"):
			fmt.Sscan(strings.TrimPrefix(line, "VmRSS:"), &kb)
			rss = kb << 10
		case strings.HasPrefix(line, "VmHWM:"):
			fmt.Sscan(strings.TrimPrefix(line, "VmHWM:"), &kb)
			peak = kb << 10
		}
	}
	return rss, peak
}
