package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/recto-archive/recto/internal/storetest"
)

// During a PostgreSQL outage the site and every protocol answer 503 with
// Retry-After (or what they keep in memory), never 500, and answer again
// once the database is back. The outage is a forwarder between the
// server and PostgreSQL, cut and restored.
func TestServe_PostgresOutage(t *testing.T) {
	url, outage := storetest.PostgresOutage(t)
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", url)
	paths := []string{"/", "/documents", "/documents/1", "/people", "/search?q=wool", "/downloads",
		"/api/v1/documents?limit=2", "/srv/record.json?q=Kulja", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
		"/feed.atom", "/sitemap.xml", "/healthz"}
	for _, path := range paths {
		if resp, _ := getPage(t, base+path); resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s before the outage: %d", path, resp.StatusCode)
		}
	}

	outage.Cut()
	unavailable := 0
	for _, path := range paths {
		resp, body := getPage(t, base+path)
		switch {
		case resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
			unavailable++
		case resp.StatusCode == http.StatusOK && path != "/healthz":
			t.Logf("GET %s during the outage: 200, from memory", path)
		default:
			t.Errorf("GET %s during the outage: %d, Retry-After %q: %.200s", path, resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
	}
	if unavailable < len(paths)/2 {
		t.Errorf("%d of %d paths said the archive is unavailable; most need the database", unavailable, len(paths))
	}

	outage.Restore()
	for _, path := range paths {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			resp, _ := getPage(t, base+path)
			if resp.StatusCode == http.StatusOK {
				break
			} else if time.Now().After(deadline) {
				t.Fatalf("GET %s after the outage: %d", path, resp.StatusCode)
			}
		}
	}
}
