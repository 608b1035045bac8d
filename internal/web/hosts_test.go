package web_test

import (
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/recto-archive/recto/internal/web"
)

func TestHosts(t *testing.T) {
	h, err := web.ParseHosts(" Archive.Example.org, 192.0.2.7 ,[2001:db8::7],")
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]bool{
		"": true, "localhost": true, "LOCALHOST:8080": true, "localhost.": true, "127.0.0.1": true,
		"127.1.2.3:9000": true, "[::1]": true, "[::1]:8080": true, "[::ffff:127.0.0.1]:80": true,
		"archive.example.org": true, "ARCHIVE.example.org.:443": true, "192.0.2.7:8080": true, "[2001:db8::7]:80": true,
		"evil.example": false, "archive.example.org.evil.example": false, "localhost.evil.example": false,
		"10.0.0.1": false, "[2001:db8::8]": false, "example.org": false, "0.0.0.0": false,
		"[::1": false, "::1": false, "[localhost]:80": false, "[127.0.0.1]": false, "localhost:80:80": false, "[::1]:A": false, "localhost:http": false,
	} {
		if got := h.Allows(host); got != want {
			t.Errorf("Allows(%q) = %v, want %v", host, got, want)
		}
	}
	for _, bad := range []string{"https://archive.example.org", "archive.example.org:8080", "archive.example.org/x",
		"*.example.org", "-a.example", "a b", "exa_mple.org"} {
		if _, err := web.ParseHosts(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseHosts(%q): %v, want an error naming it", bad, err)
		}
	}
}

// FuzzHosts: any Host header is judged without panic, and one that is
// answered makes links (http://HOST/) naming only a loopback host or a
// listed one.
func FuzzHosts(f *testing.F) {
	h, err := web.ParseHosts("archive.example.org,192.0.2.7")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, host string) {
		if host == "" || !h.Allows(host) {
			return
		}
		u, err := url.Parse("http://" + host + "/")
		if err != nil {
			t.Fatalf("Allows(%q), whose links do not parse: %v", host, err)
		}
		name := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if name == "localhost" || name == "archive.example.org" || name == "192.0.2.7" {
			return
		}
		if a, err := netip.ParseAddr(name); err == nil && a.Unmap().IsLoopback() {
			return
		}
		t.Errorf("Allows(%q): its links name %q", host, name)
	})
}

func TestClientAddr(t *testing.T) {
	proxies, err := web.ParseProxies("127.0.0.1, 10.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		remote string
		xff    []string
		want   string
	}{
		{"192.0.2.1:5000", nil, "192.0.2.1"},
		{"192.0.2.1:5000", []string{"198.51.100.9"}, "192.0.2.1"}, // not a proxy: its header is ignored
		{"127.0.0.1:5000", nil, "127.0.0.1"},
		{"127.0.0.1:5000", []string{"198.51.100.9"}, "198.51.100.9"},
		{"127.0.0.1:5000", []string{"203.0.113.5, 198.51.100.9"}, "198.51.100.9"},           // a forged first entry
		{"127.0.0.1:5000", []string{"203.0.113.5, 198.51.100.9, 10.1.2.3"}, "198.51.100.9"}, // past a second proxy
		{"127.0.0.1:5000", []string{"203.0.113.5", "198.51.100.9"}, "198.51.100.9"},         // two headers
		{"127.0.0.1:5000", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1"},                      // proxies all the way
		{"127.0.0.1:5000", []string{"nonsense, 198.51.100.9"}, "198.51.100.9"},
		{"127.0.0.1:5000", []string{"198.51.100.9, nonsense"}, "127.0.0.1"}, // unreadable: the last good hop
		{"127.0.0.1:5000", []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"127.0.0.1:5000", []string{"198.51.100.9:1234"}, "198.51.100.9"},
		{"[::1]:5000", []string{"::ffff:198.51.100.9"}, "198.51.100.9"},
		{"127.0.0.1:5000", []string{strings.Repeat("10.0.0.1,", 1000) + "198.51.100.9"}, "198.51.100.9"},
		{"127.0.0.1:5000", []string{"198.51.100.9," + strings.Repeat("10.0.0.1,", 1000) + "10.0.0.1"}, "10.0.0.1"}, // walk bounded
		{"bufconn", []string{"198.51.100.9"}, "invalid IP"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		for _, v := range c.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := proxies.ClientAddr(r).String(); got != c.want {
			t.Errorf("%s %.60q: %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "localhost", "10.0.0.0/8/8"} {
		if _, err := web.ParseProxies(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseProxies(%q): %v", bad, err)
		}
	}
}

// FuzzClientAddr: whatever X-Forwarded-For holds, the client is the peer
// unless the peer is a trusted proxy, and otherwise an address that the
// header holds or the peer.
func FuzzClientAddr(f *testing.F) {
	proxies, err := web.ParseProxies("127.0.0.0/8, 10.0.0.0/8")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, remote, xff string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		got := proxies.ClientAddr(r)
		peer := netip.Addr{}
		if ap, err := netip.ParseAddrPort(remote); err == nil {
			peer = ap.Addr().Unmap()
		} else if a, err := netip.ParseAddr(remote); err == nil {
			peer = a.Unmap()
		}
		if got == peer {
			return
		}
		if !peer.IsValid() || !(netip.MustParsePrefix("127.0.0.0/8").Contains(peer) || netip.MustParsePrefix("10.0.0.0/8").Contains(peer)) {
			t.Fatalf("RemoteAddr %q is no proxy, yet the client is %v from X-Forwarded-For %q", remote, got, xff)
		}
		for _, entry := range strings.Split(xff, ",") {
			entry = strings.TrimSpace(entry)
			if ap, err := netip.ParseAddrPort(entry); err == nil && ap.Addr().Unmap() == got {
				return
			}
			if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(entry, "["), "]")); err == nil && a.Unmap() == got {
				return
			}
		}
		t.Errorf("RemoteAddr %q, X-Forwarded-For %q: client %v is in neither", remote, xff, got)
	})
}
