package web

import (
	"math"
	"net/netip"
	"sync"
	"time"
)

// MaxClients is how many client addresses a Limiter remembers: past it,
// it forgets those whose allowance is whole again, then any. At about
// 100 bytes each that is a few MiB.
const MaxClients = 65536

// maxWait bounds the Retry-After of a very low rate, in seconds: a day.
const maxWait = 86400

// Limiter limits the rate of each client's requests, in memory: a token
// bucket per address that holds up to burst requests and refills at the
// rate. An IPv6 client is its /64 network, the block one subscriber is
// usually given, so that walking through its addresses gains nothing. It
// is safe for concurrent use.
type Limiter struct {
	rate  float64 // requests a second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	clients map[netip.Addr]bucket
	max     int
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was counted
}

// NewLimiter returns a limit of perSecond requests a second per client,
// with bursts of up to burst requests (at least 1).
func NewLimiter(perSecond float64, burst int) *Limiter {
	return &Limiter{rate: perSecond, burst: float64(max(burst, 1)), now: time.Now,
		clients: map[netip.Addr]bucket{}, max: MaxClients}
}

// Allow takes one request from client's allowance. When none is left it
// returns false and how long until one is, in whole seconds (at least 1),
// for a Retry-After header.
func (l *Limiter) Allow(client netip.Addr) (bool, time.Duration) {
	key := clientKey(client)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.clients[key]
	if !ok {
		if len(l.clients) >= l.max {
			l.forget(now)
		}
		b = bucket{tokens: l.burst, at: now}
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		l.clients[key] = b
		wait := math.Ceil((1 - b.tokens) / l.rate)
		return false, time.Duration(min(max(wait, 1), maxWait)) * time.Second
	}
	b.tokens--
	l.clients[key] = b
	return true, 0
}

// forget makes room for new clients: it drops those whose allowance has
// refilled, which are as good as new, and if that frees less than a
// quarter of the room, any others down to three quarters, so that the
// sweep happens at most once every max/4 new clients.
func (l *Limiter) forget(now time.Time) {
	refill := l.burst / l.rate // seconds
	for k, b := range l.clients {
		if now.Sub(b.at).Seconds() >= refill {
			delete(l.clients, k)
		}
	}
	for k := range l.clients {
		if len(l.clients) <= l.max*3/4 {
			break
		}
		delete(l.clients, k)
	}
}

// clientKey is the address a client is counted under: IPv4 addresses as
// they are, IPv6 ones by their /64.
func clientKey(a netip.Addr) netip.Addr {
	if a.Is6() && !a.Is4In6() {
		return netip.PrefixFrom(a.WithZone(""), 64).Masked().Addr()
	}
	return a
}
