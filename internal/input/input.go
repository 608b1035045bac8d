// Package input is what the importers' readers (packages tei, csv and
// corpus) share: the byte order marks and UTF-16 they accept, and reading
// that stops at a limit instead of holding whatever a file holds.
package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
)

// Encoding is how a file's bytes were found to be written.
type Encoding string

// Encodings a byte order mark tells.
const (
	UTF8    Encoding = "UTF-8"
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
)

// Byte order marks; a UTF-32 one is recognised only to be refused by name.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// ErrUTF32 is the error for a file that starts with a UTF-32 byte order mark.
var ErrUTF32 = errors.New("the file is UTF-32 (it starts with a UTF-32 byte order mark), which Recto does not read: save it as UTF-8")

// Open returns r as UTF-8 text: a UTF-8 byte order mark is dropped, and a
// file that starts with a UTF-16 one is converted from UTF-16. It says
// which encoding the mark named; UTF8 when there was none.
func Open(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, bomUTF32LE), bytes.HasPrefix(head, bomUTF32BE):
		return nil, "", ErrUTF32
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
		return br, UTF8, nil
	case bytes.HasPrefix(head, bomUTF16LE):
		return FromUTF16(br, UTF16LE), UTF16LE, nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return FromUTF16(br, UTF16BE), UTF16BE, nil
	}
	return br, UTF8, nil
}

// FromUTF16 converts UTF-16 in the byte order given to UTF-8, dropping a
// byte order mark at the start. Unpaired surrogates become U+FFFD.
func FromUTF16(r io.Reader, order Encoding) io.Reader {
	endian := unicode.LittleEndian
	if order == UTF16BE {
		endian = unicode.BigEndian
	}
	return unicode.UTF16(endian, unicode.UseBOM).NewDecoder().Reader(r)
}

// TooLongError is the error of a Window that went past its limit.
type TooLongError struct{ Limit int64 }

func (e *TooLongError) Error() string { return fmt.Sprintf("longer than %s", Size(e.Limit)) }

// Window reads from R and fails with a *TooLongError once more than Limit
// bytes have been read since the last Mark: a reader that holds what it
// reads from one mark to the next holds at most that much. Buffering above
// it reads a little ahead, so the limit holds to within a buffer.
type Window struct {
	R     io.Reader
	Limit int64
	read  int64
	mark  int64
}

// Mark starts a new window at what has been read so far.
func (w *Window) Mark() { w.mark = w.read }

// Read reads from R, up to the end of the window.
func (w *Window) Read(p []byte) (int, error) {
	left := w.Limit - (w.read - w.mark)
	if left <= 0 {
		return 0, &TooLongError{Limit: w.Limit}
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := w.R.Read(p)
	w.read += int64(n)
	return n, err
}

// Size writes a byte count as the README gives limits: "64 MiB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
