package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// getHost requests url with the given Host header, as a client may name
// any host, from X-Forwarded-For pairs.
func getHost(t *testing.T, url, host string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// linkingPaths are the sample site's resources that write absolute links:
// canonical links and JSON-LD (pages), sitemaps, feeds, robots.txt, OAI-PMH
// and the APIs.
var linkingPaths = []string{"/", "/documents/1", "/people/1", "/robots.txt", "/sitemap.xml", "/feed.atom",
	"/search.atom?q=letter", "/oai?verb=Identify", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc", "/api/v1/documents",
	"/srv/record/1.json"}

// TestServe_Hosts: without --base-url, a request naming another host than
// localhost or --allowed-hosts is refused with 421 on everything that
// writes links, so that no client can plant its host in them (cache
// poisoning); the allowed names are served with their own links, OAI-PMH
// identifiers stay the same whatever the host, and /healthz answers a
// load balancer probing by address. With --base-url every host is served
// with the base URL's links and identifiers.
func TestServe_Hosts(t *testing.T) {
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "recto.db"),
		"--allowed-hosts", "archive.example.org")
	port := base[strings.LastIndex(base, ":"):]
	for _, path := range linkingPaths {
		resp, body := getHost(t, base+path, "evil.example"+port)
		if resp.StatusCode != http.StatusMisdirectedRequest || !strings.Contains(body, "--base-url") ||
			!strings.Contains(body, "--allowed-hosts") || strings.Contains(body, "evil.example/") {
			t.Errorf("Host evil.example, %s: %d %.200s", path, resp.StatusCode, body)
		}
	}
	if resp, body := getHost(t, base+"/healthz", "10.1.2.3"+port); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz by address: %d %s", resp.StatusCode, body)
	}
	for _, host := range []string{"localhost" + port, "127.0.0.1" + port, "archive.example.org"} {
		for _, path := range linkingPaths {
			resp, body := getHost(t, base+path, host)
			if resp.StatusCode != http.StatusOK || strings.Contains(body, "evil.example") {
				t.Errorf("Host %s, %s: %d", host, path, resp.StatusCode)
			}
			if path == "/" && !strings.Contains(body, `<link rel="canonical" href="http://`+host+`/">`) {
				t.Errorf("Host %s: the canonical link does not name it", host)
			}
		}
		// Whatever the host, document 1 is oai:localhost:1, and never
		// oai:HOST:1.
		if _, body := getHost(t, base+"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:1", host); !strings.Contains(body, "<identifier>oai:localhost:1</identifier>") {
			t.Errorf("Host %s: %.600s", host, body)
		}
		name := strings.TrimSuffix(host, port)
		if _, body := getHost(t, base+"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:"+name+":1", host); name != "localhost" && !strings.Contains(body, `code="idDoesNotExist"`) {
			t.Errorf("Host %s: oai:%s:1 was found: %.600s", host, name, body)
		}
	}

	public := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "recto.db"),
		"--base-url", "https://archive.example.org", "--oai-repository-id", "old.example.org")
	resp, body := getHost(t, public+"/", "evil.example")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<link rel="canonical" href="https://archive.example.org/">`) ||
		strings.Contains(body, "evil.example") {
		t.Errorf("with --base-url, Host evil.example: %d", resp.StatusCode)
	}
	if _, body := getHost(t, public+"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:old.example.org:1", "evil.example"); !strings.Contains(body, "<identifier>oai:old.example.org:1</identifier>") {
		t.Errorf("--oai-repository-id: %.500s", body)
	}
}

// TestServe_RateLimit: with --rate-limit, a client past its burst gets 429
// with Retry-After on search while another client (named by a trusted
// proxy) is served; a forwarded address from an untrusted peer counts for
// nothing.
func TestServe_RateLimit(t *testing.T) {
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "recto.db"),
		"--rate-limit", "0.1", "--rate-burst", "2", "--trusted-proxies", "127.0.0.1")
	host := strings.TrimPrefix(base, "http://")
	for i := range 2 {
		if resp, body := getHost(t, base+"/search?q=letter", host, "X-Forwarded-For", "198.51.100.1"); resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, _ := getHost(t, base+"/api/v1/search?q=letter", host, "X-Forwarded-For", "198.51.100.1")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "10" {
		t.Errorf("past the burst: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp, _ := getHost(t, base+"/search?q=letter", host, "X-Forwarded-For", "198.51.100.2"); resp.StatusCode != http.StatusOK {
		t.Errorf("another client: %d", resp.StatusCode)
	}
	untrusted := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "recto.db"),
		"--rate-limit", "0.1", "--rate-burst", "1")
	host = strings.TrimPrefix(untrusted, "http://")
	getHost(t, untrusted+"/search?q=letter", host, "X-Forwarded-For", "198.51.100.3")
	if resp, _ := getHost(t, untrusted+"/search?q=letter", host, "X-Forwarded-For", "198.51.100.4"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For from an untrusted peer made another client: %d", resp.StatusCode)
	}
}
