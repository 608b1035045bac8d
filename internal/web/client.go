package web

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the networks of the reverse proxies in front of a site:
// only a connection from one of them may name the client it forwards in
// X-Forwarded-For. Anyone else could write any address there.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of networks in CIDR notation
// or single addresses ("127.0.0.1, 10.0.0.0/8, ::1").
func ParseProxies(list string) (Proxies, error) {
	var p Proxies
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return nil, fmt.Errorf("%q is neither a network (10.0.0.0/8) nor an address (127.0.0.1)", item)
			}
			prefix = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		p = append(p, prefix.Masked())
	}
	return p, nil
}

// maxForwardHops bounds how many X-Forwarded-For entries are read, so
// that a header of thousands of forged trusted addresses costs no more
// than a short one.
const maxForwardHops = 32

// ClientAddr returns the address of the client a request comes from: the
// connection's peer, or, when the peer is a trusted proxy, the address the
// proxies recorded in X-Forwarded-For, read from the right (the entry the
// nearest proxy appended) past every trusted proxy to the first address
// that is not one. An entry that is not an address ends the walk at the
// last good one. The zero Addr means the peer's address could not be read
// (RemoteAddr is not an address, as in some tests).
func (p Proxies) ClientAddr(r *http.Request) netip.Addr {
	client := peerAddr(r.RemoteAddr)
	if !p.trusts(client) {
		return client
	}
	values := r.Header.Values("X-Forwarded-For")
	hops := 0
	for i := len(values) - 1; i >= 0; i-- {
		rest := values[i]
		for rest != "" {
			if hops++; hops > maxForwardHops {
				return client
			}
			var entry string
			if j := strings.LastIndexByte(rest, ','); j >= 0 {
				rest, entry = rest[:j], rest[j+1:]
			} else {
				rest, entry = "", rest
			}
			a, ok := forwardedAddr(entry)
			if !ok {
				return client
			}
			client = a
			if !p.trusts(a) {
				return client
			}
		}
	}
	return client
}

func (p Proxies) trusts(a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	for _, prefix := range p {
		if prefix.Contains(a) {
			return true
		}
	}
	return false
}

// peerAddr reads the address of RemoteAddr ("192.0.2.1:5678",
// "[2001:db8::1]:5678").
func peerAddr(remote string) netip.Addr {
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		return ap.Addr().Unmap()
	}
	if a, err := netip.ParseAddr(remote); err == nil {
		return a.Unmap()
	}
	return netip.Addr{}
}

// forwardedAddr reads one X-Forwarded-For entry: an address, which some
// proxies write with a port or in brackets.
func forwardedAddr(entry string) (netip.Addr, bool) {
	entry = strings.TrimSpace(entry)
	if a := peerAddr(entry); a.IsValid() {
		return a, true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(entry, "["), "]"))
	return a.Unmap(), err == nil
}
