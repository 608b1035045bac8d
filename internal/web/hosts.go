package web

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// Hosts are the host names a site without a configured base URL answers,
// besides loopback ones. Such a site makes its links (canonical URLs,
// sitemaps, feeds, JSON-LD, robots.txt) from each request's Host header,
// so answering any name would let a client choose the links a cache keeps
// and serves to everyone else.
type Hosts struct {
	names map[string]bool
}

// ParseHosts reads a comma-separated list of host names or IP addresses
// ("archive.example.org, 192.0.2.7"), without scheme or port. An empty
// list allows loopback names only.
func ParseHosts(list string) (Hosts, error) {
	h := Hosts{names: map[string]bool{}}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name := bareName(item)
		if !validHostName(name) {
			return Hosts{}, fmt.Errorf("%q is not a host name or IP address (no scheme, port or path)", item)
		}
		h.names[name] = true
	}
	return h, nil
}

// Allows reports whether a request for host (a Host header: a name or IP
// address, with or without a port, an IPv6 address in brackets) is
// answered: loopback names (localhost, 127.0.0.0/8, ::1) and the listed
// ones are; an empty Host, which HTTP/1.0 clients send, is taken for
// localhost. A malformed Host is not answered.
func (h Hosts) Allows(host string) bool {
	if host == "" {
		return true
	}
	name, ok := hostName(host)
	return ok && (IsLoopback(name) || h.names[name])
}

// IsLoopback reports whether a host name (without port) names this
// machine's loopback interface: localhost or a loopback address.
func IsLoopback(name string) bool {
	if name == "localhost" {
		return true
	}
	a, err := netip.ParseAddr(name)
	return err == nil && a.Unmap().IsLoopback()
}

// hostName is the name of a Host header in the form it is compared in
// (bareName), without its port; false when the header is malformed: a
// port that is not digits, a colon outside brackets that is not a port's,
// or brackets around anything but an IPv6 address.
func hostName(host string) (string, bool) {
	name, port, err := net.SplitHostPort(host)
	switch {
	case err == nil:
		if strings.Trim(port, "0123456789") != "" {
			return "", false
		}
	case strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]"):
		name = host[1 : len(host)-1]
	case strings.Contains(host, ":"):
		return "", false
	default:
		name = host
	}
	if strings.HasPrefix(host, "[") {
		if a, err := netip.ParseAddr(name); err != nil || !a.Is6() {
			return "", false
		}
	}
	return bareName(name), true
}

// bareName is a name or address without port in the form it is compared
// in.
func bareName(name string) string {
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// validHostName reports whether name is an IP address or a DNS name:
// dot-separated labels of letters, digits and inner hyphens.
func validHostName(name string) bool {
	if _, err := netip.ParseAddr(name); err == nil {
		return true
	}
	if name == "" || len(name) > 253 {
		return false
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
