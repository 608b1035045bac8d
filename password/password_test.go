package password

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestHashVerify(t *testing.T) {
	ctx := context.Background()
	h, err := Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "correct") {
		t.Fatalf("hash %q", h)
	}
	if err := Verify(ctx, h, "correct horse battery"); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if err := Verify(ctx, h, "correct horse batterY"); !errors.Is(err, ErrMismatch) {
		t.Errorf("a wrong password: %v", err)
	}
	if again, _ := Hash(ctx, "correct horse battery"); again == h {
		t.Error("two hashes of one password are the same: no salt")
	}
}

func TestCheck(t *testing.T) {
	for _, pw := range []string{"", "short", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", strings.Repeat("a", MaxLength+1)} {
		if _, err := Hash(context.Background(), pw); err == nil {
			t.Errorf("Hash(%q) accepted", pw)
		}
	}
	if err := Check("eight ch"); err != nil {
		t.Errorf("an eight-character password: %v", err)
	}
}

// A stored hash that is not one Hash made, or asks for more memory than a
// sign-in may take, is refused rather than run.
func TestVerify_BadHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$a2V5a2V5a2V5a2V5a2V5a2V5"} {
		if err := Verify(context.Background(), h, "whatever pw"); err == nil || errors.Is(err, ErrMismatch) {
			t.Errorf("Verify(%q): %v, want a bad-hash error", h, err)
		}
	}
}

// At most Concurrency hashes run at once; a request whose context ends
// while it waits gives up.
func TestHash_Bounded(t *testing.T) {
	for range Concurrency {
		slots <- struct{}{}
	}
	defer func() {
		for range Concurrency {
			<-slots
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Hash(ctx, "waiting password"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a hash past the bound: %v, want it to give up with its context", err)
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash(context.Background(), "correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
