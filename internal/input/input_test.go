package input

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		enc  Encoding
	}{
		{"a,b\n", "a,b\n", UTF8},
		{"\xEF\xBB\xBFa,é\n", "a,é\n", UTF8},
		{"\xFF\xFEa\x00,\x00\xE9\x00\n\x00", "a,é\n", UTF16LE},
		{"\xFE\xFF\x00a\x00,\x00\xE9\x00\n", "a,é\n", UTF16BE},
		{"", "", UTF8},
		{"x", "x", UTF8},
	} {
		r, enc, err := Open(strings.NewReader(c.in))
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != c.want || enc != c.enc {
			t.Errorf("Open(%q) = %q, %s, %v; want %q, %s", c.in, got, enc, err, c.want, c.enc)
		}
	}
	if _, _, err := Open(strings.NewReader("\xFF\xFE\x00\x00a\x00\x00\x00")); !errors.Is(err, ErrUTF32) {
		t.Errorf("UTF-32: %v", err)
	}
}

func TestWindow(t *testing.T) {
	w := &Window{R: strings.NewReader(strings.Repeat("x", 100)), Limit: 10}
	buf := make([]byte, 64)
	n, err := w.Read(buf)
	if n != 10 || err != nil {
		t.Fatalf("first read: %d, %v", n, err)
	}
	var tl *TooLongError
	if _, err := w.Read(buf); !errors.As(err, &tl) || tl.Limit != 10 || err.Error() != "longer than 10 bytes" {
		t.Fatalf("past the limit: %v", err)
	}
	w.Mark()
	if n, err := w.Read(buf); n != 10 || err != nil {
		t.Fatalf("after Mark: %d, %v", n, err)
	}
	if Size(64<<20) != "64 MiB" || Size(16<<10) != "16 KiB" || Size(1536) != "1536 bytes" {
		t.Errorf("Size: %s %s %s", Size(64<<20), Size(16<<10), Size(1536))
	}
}
