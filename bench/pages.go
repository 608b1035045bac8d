package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// PagesOptions configure Pages.
type PagesOptions struct {
	BaseURL  string // of a running site, e.g. http://127.0.0.1:41234
	Clients  int    // concurrent clients, each one request at a time
	Requests int    // in all
	Seed     uint64
	Out      io.Writer
}

// Pages measures the document page as readers meet it: Clients concurrent
// clients, over keep-alive HTTP connections, each asking for one random
// document's page after another. Record IDs are drawn from 1 to the
// largest; drafts and gaps answer 404, and only 200 answers are timed.
func Pages(ctx context.Context, store recto.Store, opts PagesOptions) error {
	newest, _, err := store.FindDocuments(ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusPublished},
		Sort: recto.SortNewest, Limit: 1})
	if err != nil {
		return err
	}
	if len(newest) == 0 {
		return fmt.Errorf("bench pages: the archive has no published document")
	}
	maxID := newest[0].ID
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: opts.Clients}, Timeout: 30 * time.Second}
	jobs := make(chan int64)
	var (
		mu       sync.Mutex
		times    []time.Duration
		statuses = map[int]int{}
		firstErr error
	)
	var wg sync.WaitGroup
	for range opts.Clients {
		wg.Go(func() {
			for id := range jobs {
				took, status, err := fetch(ctx, client, fmt.Sprintf("%s/documents/%d", opts.BaseURL, id))
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				statuses[status]++
				if status == http.StatusOK {
					times = append(times, took)
				}
				mu.Unlock()
			}
		})
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 2))
	start := time.Now()
	for range opts.Requests {
		jobs <- 1 + rng.Int64N(maxID)
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return fmt.Errorf("bench pages: %w", firstErr)
	}
	if len(times) == 0 {
		return fmt.Errorf("bench pages: no page answered 200 (answers: %v)", statuses)
	}
	p := percentiles(times)
	fmt.Fprintf(opts.Out, "document pages: %d requests by %d clients in %s (%.0f pages/s); answers %v\n",
		opts.Requests, opts.Clients, elapsed.Round(time.Millisecond), float64(opts.Requests)/elapsed.Seconds(), statuses)
	fmt.Fprintf(opts.Out, "latency of 200 answers: p50 %s  p95 %s  p99 %s\n", ms(p[0]), ms(p[1]), ms(p[2]))
	return nil
}

// fetch gets url and reads the whole answer, timing it.
func fetch(ctx context.Context, client *http.Client, url string) (time.Duration, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, 0, err
	}
	// Asked for explicitly, a compressed answer is not decompressed by the
	// client: the server compresses as for a browser, and the clients,
	// which share the machine's cores, do not take time from it.
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, resp.StatusCode, err
	}
	return time.Since(start), resp.StatusCode, nil
}
