package oaipmh

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/bench"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

// benchDocs is the size of the generated archive BenchmarkListRecords
// harvests.
const benchDocs = 3000

// BenchmarkListRecords harvests a generated archive of benchDocs documents
// from start to end, one ListRecords request after another as a harvester
// makes them, in each format, uncompressed and gzipped, and reports
// records/s. recto bench oai does the same over HTTP against a real
// archive.
func BenchmarkListRecords(b *testing.B) {
	db := storetest.OpenSQLite(b)
	dir := b.TempDir()
	if _, err := bench.Generate(dir, bench.GenOptions{Docs: benchDocs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, bench.CorpusFile))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := corpus.LoadLines(b.Context(), db, f, nil); err != nil {
		b.Fatal(err)
	}
	// The real clock: the harvest's bound must lie after every stamp.
	h := New(recto.NewCatalogue(db, recto.PublicAudience), Options{BaseURL: testBase, RepositoryName: "Bench", AdminEmail: "oai@archive.example.org",
		Now: func() time.Time { return time.Now().AddDate(1, 0, 0) }})
	// Warm the store's caches, as a running site's are.
	harvestAll(b, h, "recto", false)
	for _, tc := range []struct {
		name, prefix string
		gzip         bool
	}{
		{"oai_dc", "oai_dc", false},
		{"oai_dc_gzip", "oai_dc", true},
		{"recto", "recto", false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var records, bytes int
			for b.Loop() {
				n, size := harvestAll(b, h, tc.prefix, tc.gzip)
				records += n
				bytes += size
			}
			if records == 0 {
				b.Fatal("no records")
			}
			b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(bytes)/float64(records), "bytes/record")
		})
	}
}

// harvestAll harvests every record and returns how many there were and the
// bytes of the responses.
func harvestAll(b *testing.B, h http.Handler, prefix string, gz bool) (records, size int) {
	query := "verb=ListRecords&metadataPrefix=" + prefix
	for {
		req := httptest.NewRequest(http.MethodGet, "/oai?"+query, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body := rec.Body.String()
		size += len(body)
		if gz {
			body = gunzip(b, rec.Body)
		}
		if rec.Code != http.StatusOK || strings.Contains(body, "<error ") {
			b.Fatalf("%d: %.300s", rec.Code, body)
		}
		records += strings.Count(body, "<record>")
		i := strings.Index(body, "<resumptionToken")
		if i < 0 {
			return records, size
		}
		rest := body[i:]
		rest = rest[strings.IndexByte(rest, '>')+1:]
		token := rest[:strings.IndexByte(rest, '<')]
		if token == "" {
			return records, size
		}
		query = "verb=ListRecords&resumptionToken=" + token
	}
}

func gunzip(b *testing.B, r io.Reader) string {
	zr, err := gzip.NewReader(r)
	if err != nil {
		b.Fatal(err)
	}
	return readAll(b, zr)
}
