package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/htmlcheck"
	"github.com/recto-archive/recto/sqlite"
)

func TestRun_Usage(t *testing.T) {
	env := func(string) string { return "" }
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"help"}, env, &out, &errOut); err != nil || !strings.Contains(out.String(), "recto serve") {
		t.Fatalf("help: %v %q", err, out.String())
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"serve", "extra"}, {"serve", "--log-level", "loud"},
		{"serve", "--base-url", "archive.example.org"}, {"bench"}, {"bench", "frob"}, {"bench", "gen"},
		{"bench", "gen", "--docs", "0", "--out", "x"}, {"bench", "search", "--db", "x"}} {
		err := Run(context.Background(), args, env, io.Discard, io.Discard)
		if exitCode(err) != 2 {
			t.Errorf("%q: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
	if err := Run(context.Background(), []string{"serve", "-h"}, env, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("serve -h: %v", err)
	}
}

func TestServeCommand_Settings(t *testing.T) {
	env := map[string]string{"RECTO_DB": "/data/a.db", "RECTO_ADDR": ":9000", "RECTO_BASE_URL": "https://x.example/"}
	c := newServeCommand(func(k string) string { return env[k] }, io.Discard)
	if err := c.parseFlags([]string{"--addr", "127.0.0.1:8181"}); err != nil {
		t.Fatal(err)
	}
	if c.DB != "/data/a.db" || c.Addr != "127.0.0.1:8181" || c.BaseURL != "https://x.example" {
		t.Fatalf("settings %+v: flags must override the environment, which overrides defaults", c)
	}
	d := newServeCommand(func(string) string { return "" }, io.Discard)
	// This machine only, as the README's first command says.
	if d.DB != "recto.db" || d.Addr != "localhost:8080" {
		t.Fatalf("defaults %+v", d)
	}
}

// TestServeCommand_Limits: the host, proxy, rate and OAI settings come from
// flags or the environment, and a bad value is a usage error naming its
// flag.
func TestServeCommand_Limits(t *testing.T) {
	env := map[string]string{"RECTO_ALLOWED_HOSTS": "archive.example.org", "RECTO_TRUSTED_PROXIES": "10.0.0.0/8",
		"RECTO_RATE_LIMIT": "5", "RECTO_OAI_REPOSITORY_ID": "archive.example.org"}
	c := newServeCommand(func(k string) string { return env[k] }, io.Discard)
	if err := c.parseFlags([]string{"--rate-burst", "3"}); err != nil {
		t.Fatal(err)
	}
	if !c.hosts.Allows("archive.example.org") || c.hosts.Allows("other.example.org") || len(c.proxies) != 1 ||
		c.limiter == nil || c.OAIRepositoryID != "archive.example.org" {
		t.Errorf("settings %+v", c)
	}
	d := newServeCommand(func(string) string { return "" }, io.Discard)
	if err := d.parseFlags(nil); err != nil || d.limiter != nil || d.hosts.Allows("archive.example.org") {
		t.Errorf("defaults: %v %+v; want no limit and loopback hosts only", err, d)
	}
	for _, args := range [][]string{{"--allowed-hosts", "https://archive.example.org"}, {"--trusted-proxies", "10.0.0.0/33"},
		{"--rate-limit", "fast"}, {"--rate-limit", "-1"}, {"--rate-limit", "NaN"}, {"--rate-burst", "0"},
		{"--oai-repository-id", "localhost:8080"}} {
		err := newServeCommand(func(string) string { return "" }, io.Discard).parseFlags(args)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%q: %v, want a usage error naming %s", args, err, args[0])
		}
	}
}

// serve runs "recto serve" with args until the test ends and returns its URL.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := newServeCommand(func(string) string { return "" }, io.Discard)
	if err := c.parseFlags(args); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	c.onReady = func(u string) { ready <- u }
	done := make(chan error, 1)
	go func() { done <- c.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve did not shut down cleanly: %v", err)
		}
	})
	select {
	case u := <-ready:
		waitReady(t, u)
		return u
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

// waitReady waits until the site at base says it is ready: it listens
// before its search index is built.
func waitReady(t *testing.T, base string) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if resp, body := getPage(t, base+"/healthz"); resp.StatusCode == http.StatusOK {
			return
		} else if time.Now().After(deadline) {
			t.Fatalf("%s not ready after a minute: %d %s", base, resp.StatusCode, body)
		}
	}
}

// TestServe_Sample runs the README's first command on a fresh archive and
// follows every link of the sample site: every page answers 200, passes the
// structure checks and, where the Nu checker is installed, validates.
func TestServe_Sample(t *testing.T) {
	db := filepath.Join(t.TempDir(), "recto.db")
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", db)
	pages := crawl(t, base)
	if len(pages) < 100 {
		t.Errorf("crawled %d pages; the sample should link many more", len(pages))
	}
	for _, want := range []string{"/", "/documents", "/collections", "/people", "/places", "/subjects",
		"/repositories", "/dates", "/dates/undated"} {
		if _, ok := pages[want]; !ok {
			t.Errorf("no link leads to %s", want)
		}
	}
	sideBySide := 0
	for path := range pages {
		if strings.HasSuffix(path, "?view=side-by-side") {
			sideBySide++
		}
	}
	if sideBySide < 15 {
		t.Errorf("%d side-by-side views linked, want one per translated document", sideBySide)
	}
	htmlcheck.Validate(t, pages)
}

// crawl fetches every page reachable from base by internal links, and a few
// search pages. Links from search pages are followed only to documents: the
// facet links of every combination of filters would never end.
func crawl(t *testing.T, base string) map[string][]byte {
	t.Helper()
	pages := map[string][]byte{}
	queue := []string{"/", "/search", "/search?q=wool", "/search?q=Kulja+-caravan", "/search?q=%22wool+and+hides%22"}
	seen := map[string]bool{}
	for _, q := range queue {
		seen[q] = true
	}
	var mu sync.Mutex
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, body := getPage(t, base+path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d (a page links to it)", path, resp.StatusCode)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		for _, p := range htmlcheck.Check(body) {
			t.Errorf("GET %s: %s", path, p)
		}
		mu.Lock()
		pages[path] = body
		mu.Unlock()
		for _, href := range htmlcheck.Links(body) {
			u, err := url.Parse(href)
			if err != nil || u.IsAbs() || !strings.HasPrefix(u.Path, "/") {
				continue
			}
			u.Fragment = ""
			if strings.HasPrefix(path, "/search") && !strings.HasPrefix(u.Path, "/documents/") {
				continue
			}
			if next := u.String(); !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return pages
}

// getPage fetches url whole.
func getPage(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestServe_Statuses checks the sample's draft and withdrawn documents and
// that a second start leaves a non-empty archive alone.
func TestServe_Statuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recto.db")
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", path)
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs, total, err := db.FindDocuments(context.Background(), recto.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[recto.Status]int{recto.StatusPublished: http.StatusOK, recto.StatusWithdrawn: http.StatusGone,
		recto.StatusDraft: http.StatusNotFound}
	for _, d := range docs {
		resp, err := http.Get(fmt.Sprintf("%s/documents/%d", base, d.ID))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want[d.Status] {
			t.Errorf("%s document %d: %d, want %d", d.Status, d.ID, resp.StatusCode, want[d.Status])
		}
	}
	serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", path)
	if _, again, err := db.FindDocuments(context.Background(), recto.DocumentFilter{}); err != nil || again != total {
		t.Fatalf("second start: %d documents (was %d), %v", again, total, err)
	}
}
