// Package password hashes and checks staff passwords with argon2id, as the
// OWASP Password Storage Cheat Sheet advises (19 MiB of memory, two passes,
// one lane), and keeps the hashing from exhausting the machine: each hash
// takes its memory for tens of milliseconds, so at most Concurrency run at
// once and the rest wait, or give up with their request's context.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters of new hashes. A stored hash keeps its own, so
// raising them later leaves old hashes readable.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// Bounds of a password: long enough to resist guessing (NIST SP 800-63B's
// minimum), short enough that hashing one costs what any other does.
const (
	MinLength = 8
	MaxLength = 1024
)

// Concurrency is how many hashes run at once.
const Concurrency = 2

var slots = make(chan struct{}, Concurrency)

// ErrMismatch is Verify's answer for a wrong password.
var ErrMismatch = errors.New("password: wrong password")

// Check returns an error saying why pw cannot be a password, or nil.
func Check(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case !utf8.ValidString(pw):
		return errors.New("the password is not valid UTF-8")
	case n < MinLength:
		return fmt.Errorf("the password has %d characters; it needs at least %d", n, MinLength)
	case len(pw) > MaxLength:
		return fmt.Errorf("the password is longer than %d bytes", MaxLength)
	}
	return nil
}

// Hash returns pw's argon2id hash in PHC string form:
// $argon2id$v=19$m=19456,t=2,p=1$salt$key.
func Hash(ctx context.Context, pw string) (string, error) {
	if err := Check(pw); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key, err := derive(ctx, pw, salt, passes, memoryKiB, lanes, keyLen)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, lanes,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether pw matches hash: nil when it does, ErrMismatch
// when it does not, another error when hash is not one Hash made.
func Verify(ctx context.Context, hash, pw string) error {
	p, err := parse(hash)
	if err != nil {
		return err
	}
	if len(pw) > MaxLength {
		return ErrMismatch
	}
	key, err := derive(ctx, pw, p.salt, p.passes, p.memory, p.lanes, uint32(len(p.key)))
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(key, p.key) != 1 {
		return ErrMismatch
	}
	return nil
}

// derive runs argon2id once a slot is free, or gives up with ctx.
func derive(ctx context.Context, pw string, salt []byte, t, m uint32, p uint8, n uint32) ([]byte, error) {
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("password: %w", ctx.Err())
	}
	defer func() { <-slots }()
	return argon2.IDKey([]byte(pw), salt, t, m, p, n), nil
}

// params are a stored hash's parts.
type params struct {
	memory, passes uint32
	lanes          uint8
	salt, key      []byte
}

// maxMemoryKiB bounds what a stored hash may ask for, so that a tampered
// row cannot make a sign-in allocate gigabytes.
const maxMemoryKiB = 256 * 1024

func parse(hash string) (params, error) {
	var p params
	parts := strings.Split(hash, "$")
	bad := fmt.Errorf("password: not an argon2id hash")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, bad
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.passes, &p.lanes); err != nil {
		return p, bad
	}
	if p.memory == 0 || p.memory > maxMemoryKiB || p.passes == 0 || p.passes > 10 || p.lanes == 0 {
		return p, bad
	}
	var err1, err2 error
	p.salt, err1 = base64.RawStdEncoding.DecodeString(parts[4])
	p.key, err2 = base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(p.salt) < 8 || len(p.key) < 16 {
		return p, bad
	}
	return p, nil
}
