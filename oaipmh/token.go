package oaipmh

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"time"

	"github.com/recto-archive/recto"
)

// tokenVersion is the first byte of every token's encoding; a change of
// the encoding takes a new version, and tokens of another version are
// refused as bad.
const tokenVersion = 1

// Set kinds in a token.
const (
	setNone       = 0
	setCollection = 'c'
	setRepository = 'r'
)

// token is the state of a harvest, carried from page to page in the
// resumptionToken: what is listed (verb, format, set, from), the harvest's
// upper bound fixed when its first page was asked for, where the next page
// starts in the order of last change, and the counts for the cursor and
// completeListSize attributes.
type token struct {
	records bool   // ListRecords; ListIdentifiers otherwise
	prefix  string // metadataPrefix
	setKind byte   // setNone, setCollection or setRepository
	setID   int64
	from    time.Time // inclusive; zero for none
	until   time.Time // inclusive upper bound of last change, fixed at the harvest's start
	after   recto.ChangeCursor
	cursor  int // records delivered before the page this token asks for
	total   int // completeListSize, counted when the harvest started
	// span is how long a stretch of last-change times the next page reads
	// at a time: learnt from the pages before, it keeps each query and
	// count to about a page of documents. Only a hint: any value is safe.
	span time.Duration
}

var errBadToken = errors.New("bad resumption token")

// tokenSum is how many bytes of the SHA-256 of the payload end a token.
const tokenSum = 8

// encode returns the token as base64url (no padding) of: version, flags,
// prefix, set, from, until, cursor place, counts (varints and
// length-prefixed strings), then the first bytes of the SHA-256 of all that,
// so that a token changed in transit or by hand is refused rather than
// misread.
func (t token) encode() string {
	b := make([]byte, 0, 64)
	b = append(b, tokenVersion)
	var flags byte
	if t.records {
		flags |= 1
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(t.prefix)))
	b = append(b, t.prefix...)
	b = append(b, t.setKind)
	b = binary.AppendUvarint(b, uint64(t.setID))
	b = appendTime(b, t.from)
	b = appendTime(b, t.until)
	b = appendTime(b, t.after.UpdatedAt)
	b = binary.AppendUvarint(b, uint64(t.after.ID))
	b = binary.AppendUvarint(b, uint64(t.cursor))
	b = binary.AppendUvarint(b, uint64(t.total))
	b = binary.AppendUvarint(b, uint64(max(t.span, 0)))
	return base64.RawURLEncoding.EncodeToString(appendSum(b))
}

// appendSum appends the checksum of payload to it.
func appendSum(payload []byte) []byte {
	sum := sha256.Sum256(payload)
	return append(payload, sum[:tokenSum]...)
}

// appendTime appends t as a presence byte, then Unix seconds and nanoseconds.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// decodeToken reads a token made by encode, refusing anything else: wrong
// alphabet or length, a checksum that does not match, an unknown version,
// or values no harvest can have.
func decodeToken(s string) (token, error) {
	var t token
	if s == "" || len(s) > 1024 {
		return t, errBadToken
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil || len(raw) < 2+tokenSum {
		return t, errBadToken
	}
	payload, sum := raw[:len(raw)-tokenSum], raw[len(raw)-tokenSum:]
	want := sha256.Sum256(payload)
	if string(want[:tokenSum]) != string(sum) {
		return t, errBadToken
	}
	d := decoder{b: payload}
	if d.byte() != tokenVersion {
		return t, errBadToken
	}
	flags := d.byte()
	t.records = flags&1 != 0
	n := d.uvarint()
	t.prefix = d.string(n)
	t.setKind = d.byte()
	t.setID = d.int64()
	t.from = d.time()
	t.until = d.time()
	t.after.UpdatedAt = d.time()
	t.after.ID = d.int64()
	t.cursor = int(d.int64())
	t.total = int(d.int64())
	t.span = time.Duration(d.int64())
	switch {
	case d.err || len(d.b) > 0, flags&^1 != 0:
		return t, errBadToken
	case formatByPrefix(t.prefix) == nil:
		return t, errBadToken
	case t.setKind != setNone && t.setKind != setCollection && t.setKind != setRepository,
		(t.setKind == setNone) != (t.setID == 0):
		return t, errBadToken
	case t.until.IsZero(), t.after.UpdatedAt.IsZero(), t.after.ID <= 0,
		!t.from.IsZero() && t.from.After(t.until), t.after.UpdatedAt.After(t.until):
		return t, errBadToken
	case t.cursor <= 0:
		// A token is only ever given after a page of at least one record.
		return t, errBadToken
	}
	return t, nil
}

// decoder reads a token's payload, remembering the first failure.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.err = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

// int64 reads an unsigned varint that must fit an int64.
func (d *decoder) int64() int64 {
	v := d.uvarint()
	if v > 1<<62 {
		d.err = true
		return 0
	}
	return int64(v)
}

func (d *decoder) string(n uint64) string {
	if n > uint64(len(d.b)) {
		d.err = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
	default:
		d.err = true
		return time.Time{}
	}
	sec, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = true
		return time.Time{}
	}
	d.b = d.b[n:]
	nsec := d.uvarint()
	// Years 1 to 9999: what the protocol's datestamps can say.
	if nsec >= 1e9 || sec < minUnix || sec > maxUnix {
		d.err = true
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}

var (
	minUnix = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxUnix = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
)
