package oaipmh

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzRequest sends any query string to the protocol, over an archive with
// the reference fixture and the sample: arguments and resumption tokens
// never panic the handler, every answer is 200 with well-formed XML (the
// protocol answers its errors so) or 503 with Retry-After, and it comes
// within the request's deadline. Seeds are in testdata/fuzz/FuzzRequest.
func FuzzRequest(f *testing.F) {
	e := newEnv(f, 3)
	f.Fuzz(func(t *testing.T, query string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/oai", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		start := time.Now()
		e.h.ServeHTTP(rec, req)
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("%q took %v, past its 2 s deadline", query, took)
		}
		switch rec.Code {
		case http.StatusOK:
			if err := wellFormed(rec.Body.String()); err != nil {
				t.Fatalf("%q: %v\n%s", query, err, rec.Body)
			}
		case http.StatusServiceUnavailable:
			if rec.Header().Get("Retry-After") == "" {
				t.Fatalf("%q: 503 without Retry-After", query)
			}
		default:
			t.Fatalf("%q: status %d: %s", query, rec.Code, rec.Body)
		}
	})
}

// wellFormed reports the first XML error of a document, if any.
func wellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
