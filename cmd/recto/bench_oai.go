package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/oaipmh"
)

// benchOAIUsage is the usage of "recto bench oai", for benchUsage.
const benchOAIUsage = `  recto bench oai --db FILE|URL [--prefix oai_dc|recto] [--page N] [--set SPEC] [--gzip=false] [--cpuprofile FILE]
      serve the archive's OAI-PMH interface on a loopback port and harvest ListRecords
      from start to end over one HTTP connection, as a harvester does; print records,
      time, records/s, bytes on the wire and of XML, and page latencies
`

// benchOAI harvests the whole archive through the OAI-PMH handler. It only
// reads the archive.
func benchOAI(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := benchFlags("oai", stderr)
	dbPath := fs.String("db", "", "SQLite database file or postgres:// URL of an archive")
	prefix := fs.String("prefix", "oai_dc", "metadataPrefix to harvest: oai_dc or recto")
	page := fs.Int("page", 0, "records per page (0: the handler's default)")
	set := fs.String("set", "", "harvest only this set (collection:ID…, repository:ID)")
	compress := fs.Bool("gzip", true, "ask for gzip-compressed responses, as harvesters do")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the harvest to `file` (go tool pprof reads it)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *dbPath == "" || *page < 0 || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto bench oai needs --db FILE|URL"}
	}
	db, err := openArchive(ctx, *dbPath, benchArchiveHint)
	if err != nil {
		return err
	}
	defer db.Close()
	h := oaipmh.New(recto.NewCatalogue(db, recto.PublicAudience), oaipmh.Options{BaseURL: "https://bench.example.org", RepositoryName: "Recto bench",
		AdminEmail: "bench@example.org", PageSize: *page})
	mux := http.NewServeMux()
	mux.Handle(oaipmh.Path, h)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	stop, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	// One connection, kept alive from the first page to the last.
	tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 5 * time.Minute}
	h2 := &harvester{ctx: ctx, client: client, base: "http://" + ln.Addr().String() + oaipmh.Path, gzip: *compress}
	fmt.Fprintf(stdout, "harvest: ListRecords metadataPrefix=%s set=%q from %s, one connection, gzip %v\n", *prefix, *set,
		displayDB(*dbPath), *compress)
	start := time.Now()
	query := url.Values{"verb": {"ListRecords"}, "metadataPrefix": {*prefix}}
	if *set != "" {
		query.Set("set", *set)
	}
	for {
		token, err := h2.page(query)
		if err != nil {
			return err
		}
		if h2.pages == 1 {
			size := h2.listSize
			if size == "" {
				size = "all"
			}
			fmt.Fprintf(stdout, "  first page: %d records of %s in %s\n", h2.records, size, h2.times[0].Round(time.Microsecond))
		}
		if token == "" {
			break
		}
		query = url.Values{"verb": {"ListRecords"}, "resumptionToken": {token}}
	}
	el := time.Since(start)
	slices.Sort(h2.times)
	pct := func(p float64) time.Duration {
		return h2.times[int(p*float64(len(h2.times)-1))].Round(time.Microsecond)
	}
	fmt.Fprintf(stdout, "records: %d (%d deleted) in %d pages over %d connection(s)\n", h2.records, h2.deleted, h2.pages, h2.conns)
	fmt.Fprintf(stdout, "time: %s, %.0f records/s\n", el.Round(time.Millisecond), float64(h2.records)/el.Seconds())
	fmt.Fprintf(stdout, "bytes: %.1f MiB on the wire, %.1f MiB of XML (%.0f bytes/record)\n",
		float64(h2.wire)/(1<<20), float64(h2.xml)/(1<<20), float64(h2.xml)/float64(max(h2.records, 1)))
	fmt.Fprintf(stdout, "page latency: p50 %s, p95 %s, p99 %s, max %s\n", pct(0.5), pct(0.95), pct(0.99), h2.times[len(h2.times)-1].Round(time.Microsecond))
	return nil
}

// harvester asks for pages and keeps count.
type harvester struct {
	ctx    context.Context
	client *http.Client
	base   string
	gzip   bool

	pages, records, deleted int
	conns                   int // connections opened
	wire, xml               int64
	listSize                string
	times                   []time.Duration
	buf                     bytes.Buffer
}

var (
	recordTag  = []byte("<record>")
	deletedTag = []byte(`<header status="deleted">`)
	errorTag   = []byte("<error ")
	tokenTag   = []byte("<resumptionToken")
)

// page fetches one page and returns its resumptionToken, "" on the last.
func (h *harvester) page(query url.Values) (string, error) {
	t := time.Now()
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			h.conns++
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(h.ctx, trace), http.MethodGet, h.base+"?"+query.Encode(), nil)
	if err != nil {
		return "", err
	}
	if h.gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return "", fmt.Errorf("page %d: status %s: %s", h.pages+1, resp.Status, b)
	}
	counter := &bench.CountingReader{R: resp.Body}
	var body io.Reader = counter
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(counter)
		if err != nil {
			return "", err
		}
		body = zr
	}
	h.buf.Reset()
	if _, err := h.buf.ReadFrom(body); err != nil {
		return "", fmt.Errorf("page %d: %w", h.pages+1, err)
	}
	h.times = append(h.times, time.Since(t))
	h.pages++
	h.wire += counter.N
	b := h.buf.Bytes()
	h.xml += int64(len(b))
	if bytes.Contains(b, errorTag) {
		return "", fmt.Errorf("page %d: OAI-PMH error: %.500s", h.pages, b)
	}
	h.records += bytes.Count(b, recordTag)
	h.deleted += bytes.Count(b, deletedTag)
	i := bytes.Index(b, tokenTag)
	if i < 0 {
		return "", nil // the whole list in one page
	}
	tag := b[i:]
	end := bytes.IndexByte(tag, '>')
	if end < 0 {
		return "", errors.New("unterminated resumptionToken")
	}
	if h.listSize == "" {
		if j := bytes.Index(tag[:end], []byte(`completeListSize="`)); j >= 0 {
			rest := tag[j+len(`completeListSize="`):]
			h.listSize = string(rest[:bytes.IndexByte(rest, '"')])
		}
	}
	if tag[end-1] == '/' {
		return "", nil
	}
	tag = tag[end+1:]
	close := bytes.IndexByte(tag, '<')
	if close < 0 {
		return "", errors.New("unterminated resumptionToken")
	}
	return string(tag[:close]), nil
}
