package web

import (
	"net/netip"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a settable time for a Limiter.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestLimiter(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := NewLimiter(2, 4) // 2 a second, bursts of 4
	l.now = c.now
	a, b := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2")
	for i := range 4 {
		if ok, _ := l.Allow(a); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow(a)
	if ok || wait != time.Second {
		t.Fatalf("past the burst: %v, retry after %v; want refused, 1s", ok, wait)
	}
	if ok, _ := l.Allow(b); !ok {
		t.Fatal("another client was refused")
	}
	c.t = c.t.Add(500 * time.Millisecond) // one request's worth
	if ok, _ := l.Allow(a); !ok {
		t.Fatal("refused after its allowance refilled by one")
	}
	if ok, _ := l.Allow(a); ok {
		t.Fatal("allowed twice on one refill")
	}
	c.t = c.t.Add(time.Hour)
	for i := range 4 {
		if ok, _ := l.Allow(a); !ok {
			t.Fatalf("after an hour, request %d refused: the burst is not whole again", i+1)
		}
	}
	if ok, _ := l.Allow(a); ok {
		t.Fatal("the allowance grew past the burst")
	}
	slow := NewLimiter(0.1, 1) // one request every 10 s
	slow.now = c.now
	slow.Allow(a)
	if _, wait := slow.Allow(a); wait != 10*time.Second {
		t.Errorf("Retry-After %v, want 10s", wait)
	}
	glacial := NewLimiter(1e-15, 1)
	glacial.Allow(a)
	if _, wait := glacial.Allow(a); wait != 24*time.Hour {
		t.Errorf("Retry-After %v at a rate of one request in 30 million years, want a day", wait)
	}
}

// TestLimiter_IPv6Network: the addresses of one /64 share an allowance.
func TestLimiter_IPv6Network(t *testing.T) {
	l := NewLimiter(1, 2)
	l.Allow(netip.MustParseAddr("2001:db8:1:2::1"))
	l.Allow(netip.MustParseAddr("2001:db8:1:2:ffff::9"))
	if ok, _ := l.Allow(netip.MustParseAddr("2001:db8:1:2::abcd")); ok {
		t.Error("a third address of the same /64 was allowed past the burst")
	}
	if ok, _ := l.Allow(netip.MustParseAddr("2001:db8:1:3::1")); !ok {
		t.Error("another /64 was refused")
	}
}

// TestLimiter_Bounded: however many clients come, at most max are
// remembered; room is made first by forgetting those whose allowance is
// whole again, so a client still limited stays limited.
func TestLimiter_Bounded(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := NewLimiter(1, 1) // an allowance refills in 1 s
	l.now, l.max = c.now, 100
	for i := range 99 {
		l.Allow(netip.AddrFrom4([4]byte{10, 0, 0, byte(i)}))
	}
	c.t = c.t.Add(1500 * time.Millisecond)
	limited := netip.MustParseAddr("198.51.100.1")
	l.Allow(limited)
	l.Allow(netip.MustParseAddr("198.51.100.2")) // the 101st: the 99 whole ones go
	if len(l.clients) != 2 {
		t.Errorf("%d clients remembered, want the 2 still counting", len(l.clients))
	}
	if ok, _ := l.Allow(limited); ok {
		t.Error("a limited client was forgotten")
	}
	for i := range 10000 { // a flood of new addresses within the second
		l.Allow(netip.AddrFrom4([4]byte{172, 16, byte(i >> 8), byte(i)}))
		if len(l.clients) > l.max {
			t.Fatalf("%d clients remembered, at most %d", len(l.clients), l.max)
		}
	}
}

// BenchmarkLimiter_Allow: the cost the rate limit adds to a request, with
// clients spread over 10,000 addresses and requests from every core.
func BenchmarkLimiter_Allow(b *testing.B) {
	l := NewLimiter(1000, 1000)
	var n atomic.Uint32
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1) % 10000
			l.Allow(netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}))
		}
	})
}

// BenchmarkLimiter_Flood: a flood of new addresses, each forgotten in
// turn, costs about as much as known ones (forget runs once every
// MaxClients/4 new clients).
func BenchmarkLimiter_Flood(b *testing.B) {
	l := NewLimiter(1, 1)
	for i := range b.N {
		l.Allow(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}))
	}
}
