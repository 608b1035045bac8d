package bench

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// AbuseOptions configure Abuse.
type AbuseOptions struct {
	BaseURL string // of a running site, e.g. http://127.0.0.1:41234
	Corpus  string // directory made by Generate, for the words of queries
	// Clients of normal traffic, each one request at a time with a pause
	// between requests; one more client, the abuser, sends the expensive
	// requests back to back.
	Clients  int
	Duration time.Duration // of each phase
	Think    time.Duration // a normal client's mean pause between requests
	Seed     uint64
	// CPU returns the processor time the server has used so far, to tell
	// what each expensive request costs alone; nil when unknown.
	CPU func() time.Duration
	Out io.Writer
}

// request is one request a client sends.
type request struct {
	name string
	path string // with its query string
}

// Abuse measures what one abusive client costs everyone else. It first
// sends each expensive request alone and prints its time, its processor
// time and its answer; then runs normal traffic alone for Duration, then
// normal traffic and the abuser together for Duration, and prints the
// normal traffic's latency in both phases and every answer that was not
// what a reader expects.
//
// Every client speaks from its own loopback address (127.0.1.N, the abuser
// 127.0.2.1), as clients on the Internet do, so that a per-address limit
// tells them apart.
func Abuse(ctx context.Context, opts AbuseOptions) error {
	m, err := readManifest(opts.Corpus)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 11))
	normal := normalRequests(m, rng, 2000)
	expensive := expensiveRequests(m, rng)

	// Counts the browse pages show are computed once after each change of
	// the archive and kept; a site that has served anyone has them.
	warm := loopbackClient(net.IPv4(127, 0, 1, 250))
	start := time.Now()
	for _, path := range browsePages {
		if res := send(ctx, warm, opts.BaseURL, request{"browse", path}); res.err != nil {
			return fmt.Errorf("bench abuse: warming %s: %w", path, res.err)
		}
	}
	fmt.Fprintf(opts.Out, "warm-up: the %d browse pages once, %s\n", len(browsePages), time.Since(start).Round(time.Millisecond))

	abuser := loopbackClient(net.IPv4(127, 0, 2, 1))
	fmt.Fprintln(opts.Out, "expensive requests, one at a time:")
	for _, r := range expensive {
		cpu0 := cpuTime(opts.CPU)
		res := send(ctx, abuser, opts.BaseURL, r)
		cpu := cpuTime(opts.CPU) - cpu0
		note := ""
		if res.err != nil {
			note = res.err.Error()
		}
		fmt.Fprintf(opts.Out, "  %-22s %3d  %9s  cpu %9s  %8d bytes  %s\n", r.name, res.status,
			ms(res.took), ms(cpu), res.bytes, note)
	}

	quiet := runNormal(ctx, opts, normal, nil)
	quiet.print(opts.Out, "normal traffic alone")
	loud := runNormal(ctx, opts, normal, func(ctx context.Context) *abuseStats {
		return runAbuser(ctx, abuser, opts.BaseURL, expensive)
	})
	loud.print(opts.Out, "normal traffic with the abuser")
	if quiet.p95() > 0 {
		fmt.Fprintf(opts.Out, "normal p95 with the abuser: %.2f× the p95 without (target ≤ 2×, no errors)\n",
			float64(loud.p95())/float64(quiet.p95()))
	}
	return nil
}

// normalRequests draws what readers ask for: document pages, searches of
// the benchmark's query mix, browse pages and the API.
func normalRequests(m *Manifest, rng *rand.Rand, n int) []request {
	var searches []string
	for _, c := range makeClasses(m, 50, rng.Uint64()) {
		for _, r := range c.requests {
			searches = append(searches, r.Query)
		}
	}
	out := make([]request, n)
	for i := range out {
		switch k := rng.IntN(10); {
		case k < 4:
			out[i] = request{"document", fmt.Sprintf("/documents/%d", 1+rng.IntN(max(1, m.Docs)))}
		case k < 8:
			out[i] = request{"search", "/search?q=" + url.QueryEscape(pick(rng, searches))}
		case k < 9:
			out[i] = request{"browse", pick(rng, browsePages)}
		default:
			out[i] = request{"api", fmt.Sprintf("/api/v1/documents/%d", 1+rng.IntN(max(1, m.Docs)))}
		}
	}
	return out
}

// browsePages are the pages of normal traffic that list and count.
var browsePages = []string{"/", "/documents", "/collections", "/people", "/places", "/subjects", "/repositories",
	"/dates", "/dates/1940s", "/dates/1945", "/feed.atom"}

// expensiveRequests are the requests issue 11 found that cost the most:
// deep pages, long phrases of common words, many OR terms, nested groups,
// many short prefixes, an enormous query, and odd bytes in parameters.
func expensiveRequests(m *Manifest, rng *rand.Rand) []request {
	common := m.Words["en"][:min(40, len(m.Words["en"]))]
	words := func(n int, sep string) string {
		w := make([]string, n)
		for i := range w {
			w[i] = common[rng.IntN(len(common))]
		}
		return strings.Join(w, sep)
	}
	upTo := func(s string, n int) string { return s[:min(len(s), n)] }
	var prefixes []string
	for _, w := range common {
		prefixes = append(prefixes, upTo(w, 1)+"*")
	}
	q := func(name, query string, extra ...string) request {
		return request{name, "/search?q=" + url.QueryEscape(query) + strings.Join(extra, "")}
	}
	return []request{
		q("deep page", common[0], "&page=1000000000"),
		q("long phrase", `"`+upTo(words(200, " "), 988)+`"`),
		q("many ORs", upTo(words(300, " OR "), 1000)),
		q("nested groups", strings.Repeat("(", 400)+common[0]+strings.Repeat(")", 400)),
		q("many prefixes", strings.Join(prefixes, " OR ")),
		q("huge query", strings.Repeat(common[1]+" ", 150_000)),
		q("every facet", common[0], "&lang=ru&lang=zh&lang=de&lang=en&decade=1930&decade=1940&decade=1950&sort=title&per=50"),
		{"search feed", "/search.atom?q=" + url.QueryEscape(`"`+upTo(words(200, " "), 988)+`"`)},
		{"api deep offset", "/api/v1/search?q=" + url.QueryEscape(common[0]) + "&offset=10000&limit=100"},
		{"srv odd term", "/srv/contributor.json?term=%ff%00"},
		{"deep listing", "/documents?page=1000000"},
		{"oai page", "/oai?verb=ListRecords&metadataPrefix=recto"},
	}
}

// loopbackClient returns a client whose connections come from ip.
func loopbackClient(ip net.IP) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DialContext: dialer.DialContext,
		MaxIdleConnsPerHost: 2, DisableCompression: true}}
}

// result is the outcome of one request.
type result struct {
	status int
	took   time.Duration
	bytes  int64
	err    error
}

func send(ctx context.Context, client *http.Client, base string, r request) result {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+r.path, nil)
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Accept-Encoding", "gzip") // and left compressed: see fetch
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return result{took: time.Since(start), err: err}
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	return result{status: resp.StatusCode, took: time.Since(start), bytes: n, err: err}
}

// abuseStats gathers a phase's answers.
type abuseStats struct {
	mu       sync.Mutex
	times    []time.Duration // of normal requests that answered as expected
	byKind   map[string][]time.Duration
	statuses map[string]map[int]int
	errors   []string // unexpected answers, a few of each kind
	abuser   *abuseStats
	elapsed  time.Duration
}

func newAbuseStats() *abuseStats {
	return &abuseStats{statuses: map[string]map[int]int{}, byKind: map[string][]time.Duration{}}
}

func (s *abuseStats) add(r request, res result, expected bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.statuses[r.name] == nil {
		s.statuses[r.name] = map[int]int{}
	}
	s.statuses[r.name][res.status]++
	if expected {
		s.times = append(s.times, res.took)
		s.byKind[r.name] = append(s.byKind[r.name], res.took)
	} else if len(s.errors) < 20 {
		s.errors = append(s.errors, fmt.Sprintf("%s %s: %d %v", r.name, upToRunes(r.path, 80), res.status, res.err))
	}
}

func (s *abuseStats) p95() time.Duration {
	if len(s.times) == 0 {
		return 0
	}
	return percentiles(slices.Clone(s.times))[1]
}

func (s *abuseStats) print(out io.Writer, title string) {
	fmt.Fprintf(out, "%s: %d requests in %s", title, len(s.times)+len(s.errors), s.elapsed.Round(time.Second))
	if len(s.times) > 0 {
		p := percentiles(slices.Clone(s.times))
		fmt.Fprintf(out, ", p50 %s  p95 %s  p99 %s", ms(p[0]), ms(p[1]), ms(p[2]))
	}
	fmt.Fprintf(out, "\n  answers: %v\n", s.statuses)
	for _, kind := range slices.Sorted(maps.Keys(s.byKind)) {
		p := percentiles(slices.Clone(s.byKind[kind]))
		fmt.Fprintf(out, "  %-9s p50 %s  p95 %s  p99 %s\n", kind, ms(p[0]), ms(p[1]), ms(p[2]))
	}
	for _, e := range s.errors {
		fmt.Fprintf(out, "  unexpected: %s\n", e)
	}
	if s.abuser != nil {
		fmt.Fprintf(out, "  abuser's answers: %v\n", s.abuser.statuses)
		if len(s.abuser.times) > 0 {
			p := percentiles(slices.Clone(s.abuser.times))
			fmt.Fprintf(out, "  abuser's latency: p50 %s  p95 %s  max %s\n", ms(p[0]), ms(p[1]), ms(slices.Max(s.abuser.times)))
		}
	}
}

// runNormal runs the normal clients for opts.Duration, and the abuser
// beside them when given.
func runNormal(ctx context.Context, opts AbuseOptions, normal []request, abuse func(context.Context) *abuseStats) *abuseStats {
	ctx, cancel := context.WithTimeout(ctx, opts.Duration)
	defer cancel()
	stats := newAbuseStats()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range opts.Clients {
		wg.Go(func() {
			client := loopbackClient(net.IPv4(127, 0, 1, byte(1+i)))
			rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
			for ctx.Err() == nil {
				r := normal[rng.IntN(len(normal))]
				res := send(ctx, client, opts.BaseURL, r)
				if ctx.Err() != nil {
					return // cut by the end of the phase, not the server's answer
				}
				stats.add(r, res, res.err == nil && expectedStatus(r, res.status))
				pause(ctx, rng, opts.Think)
			}
		})
	}
	if abuse != nil {
		wg.Go(func() { stats.abuser = abuse(ctx) })
	}
	wg.Wait()
	stats.elapsed = time.Since(start)
	return stats
}

// expectedStatus says whether a normal request answered as it should: 200,
// or for a document picked at random a 404 (a draft or a gap) or 410 (a
// withdrawn one). Anything else, a 429 or a 503 included, is an error a
// reader would see.
func expectedStatus(r request, status int) bool {
	switch status {
	case http.StatusOK:
		return true
	case http.StatusNotFound, http.StatusGone:
		return r.name == "document" || r.name == "api"
	}
	return false
}

// runAbuser sends the expensive requests back to back until ctx ends.
func runAbuser(ctx context.Context, client *http.Client, base string, expensive []request) *abuseStats {
	stats := newAbuseStats()
	for i := 0; ctx.Err() == nil; i++ {
		r := expensive[i%len(expensive)]
		res := send(ctx, client, base, r)
		if ctx.Err() != nil {
			break
		}
		stats.add(r, res, true)
	}
	return stats
}

func pause(ctx context.Context, rng *rand.Rand, mean time.Duration) {
	if mean <= 0 {
		return
	}
	t := time.NewTimer(time.Duration(rng.ExpFloat64() * float64(mean)))
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func cpuTime(f func() time.Duration) time.Duration {
	if f == nil {
		return 0
	}
	return f()
}

func upToRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
