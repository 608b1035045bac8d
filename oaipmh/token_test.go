package oaipmh

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/recto-archive/recto"
)

func validToken() token {
	at := time.Date(2026, 3, 4, 5, 6, 7, 891234000, time.UTC)
	return token{records: true, prefix: "recto", setKind: setCollection, setID: 12,
		from: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), until: at.Add(time.Hour),
		after: recto.ChangeCursor{UpdatedAt: at, ID: 4567}, cursor: 500, total: 100000, span: 1234567 * time.Microsecond}
}

func TestToken_RoundTrip(t *testing.T) {
	for _, tok := range []token{
		validToken(),
		{prefix: "oai_dc", until: time.Unix(1e9, 5).UTC(), after: recto.ChangeCursor{UpdatedAt: time.Unix(1e9, 0).UTC(), ID: 1}, cursor: 1},
	} {
		s := tok.encode()
		got, err := decodeToken(s)
		if err != nil {
			t.Fatalf("decode %q: %v", s, err)
		}
		if got.records != tok.records || got.prefix != tok.prefix || got.setKind != tok.setKind || got.setID != tok.setID ||
			!got.from.Equal(tok.from) || !got.until.Equal(tok.until) || !got.after.UpdatedAt.Equal(tok.after.UpdatedAt) ||
			got.after.ID != tok.after.ID || got.cursor != tok.cursor || got.total != tok.total || got.span != tok.span {
			t.Errorf("round trip:\n%+v\n%+v", got, tok)
		}
		if len(s) > 80 {
			t.Errorf("token of %d characters: %s", len(s), s)
		}
	}
}

// TestToken_Refused: tokens that decode and check out but carry values no
// harvest has are refused, as are changed ones.
func TestToken_Refused(t *testing.T) {
	bad := map[string]func(*token){
		"unknown prefix":        func(t *token) { t.prefix = "marc21" },
		"unknown set kind":      func(t *token) { t.setKind = 'x' },
		"set kind without id":   func(t *token) { t.setID = 0 },
		"set id without kind":   func(t *token) { t.setKind = setNone },
		"no bound":              func(t *token) { t.until = time.Time{} },
		"from after bound":      func(t *token) { t.from = t.until.Add(time.Second) },
		"cursor after bound":    func(t *token) { t.after.UpdatedAt = t.until.Add(time.Nanosecond) },
		"no cursor place":       func(t *token) { t.after.ID = 0 },
		"nothing delivered yet": func(t *token) { t.cursor = 0 },
	}
	for name, change := range bad {
		tok := validToken()
		change(&tok)
		if _, err := decodeToken(tok.encode()); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	s := validToken().encode()
	raw, _ := base64.RawURLEncoding.DecodeString(s)
	for i := range raw {
		for _, bit := range []byte{1, 0x80} {
			changed := append([]byte(nil), raw...)
			changed[i] ^= bit
			if _, err := decodeToken(base64.RawURLEncoding.EncodeToString(changed)); err == nil {
				t.Errorf("byte %d changed by %#x: accepted", i, bit)
			}
		}
	}
	for _, s := range []string{"", "=", s + "=", s + "A", s[:len(s)-1], "AQ", "!!!!"} {
		if _, err := decodeToken(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	// Another version is refused even with a right checksum.
	tok := validToken()
	enc := tok.encode()
	raw, _ = base64.RawURLEncoding.DecodeString(enc)
	raw[0] = 2
	if _, err := decodeToken(resum(raw[:len(raw)-tokenSum])); err == nil {
		t.Error("version 2 accepted")
	}
	// And trailing bytes.
	raw, _ = base64.RawURLEncoding.DecodeString(enc)
	if _, err := decodeToken(resum(append(raw[:len(raw)-tokenSum:len(raw)-tokenSum], 0))); err == nil {
		t.Error("trailing byte accepted")
	}
}

// resum returns payload with a right checksum, encoded.
func resum(payload []byte) string {
	return base64.RawURLEncoding.EncodeToString(appendSum(payload))
}

func FuzzDecodeToken(f *testing.F) {
	tok := validToken()
	f.Add(tok.encode())
	f.Add("")
	f.Add("AQEGb2FpX2RjAAAAAfzXuZUNmIzvOgHo17mVDYCU7zoGBRnA7xoiUw496Q")
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := decodeToken(s)
		if err != nil {
			return
		}
		// Whatever decodes encodes back the same.
		if again := tok.encode(); again != s {
			t.Errorf("%q decodes, then encodes as %q", s, again)
		}
	})
}

// TestHarvestBound: a harvest ends where the next, from its responseDate,
// starts.
func TestHarvestBound(t *testing.T) {
	now := time.Date(2026, 5, 6, 7, 8, 9, 500_000_000, time.UTC)
	responseDate, _ := time.Parse(granularityLayout, now.Format(granularityLayout))
	b := harvestBound(now, time.Time{})
	if !b.Before(responseDate) || !b.Add(time.Nanosecond).Equal(responseDate) {
		t.Errorf("bound %v, responseDate %v", b, responseDate)
	}
	until := time.Date(2026, 5, 6, 7, 8, 7, 999_999_999, time.UTC)
	if got := harvestBound(now, until); !got.Equal(until) {
		t.Errorf("bound with an earlier until: %v", got)
	}
	if got := harvestBound(now, now.Add(time.Hour)); !got.Equal(b) {
		t.Errorf("bound with a later until: %v", got)
	}
}
