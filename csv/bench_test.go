package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// benchCSV generates a CSV of n documents like an editor's: authorities
// drawn from small pools, a reference, a translation and a transcript of
// about a kilobyte each.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	w := stdcsv.NewWriter(&b)
	w.Write([]string{"source_id", "title", "type", "date", "languages", "authors", "recipients", "funders",
		"places", "subjects", "collections", "repository", "reference", "status",
		"text1_kind", "text1_lang", "text1_method", "text1_translators", "text1_body",
		"text2_kind", "text2_lang", "text2_body"})
	para := strings.Repeat("The delegation arrived at Ghulja on the morning of the twenty-second. ", 5)
	body := strings.Repeat(para+"\n\n", 3)
	for i := range n {
		w.Write([]string{
			fmt.Sprintf("doc-%06d", i),
			fmt.Sprintf("Letter %d from the trade agent at Kulja", i),
			"letter",
			fmt.Sprintf("19%02d-%02d-%02d", 17+i%40, 1+i%12, 1+i%28),
			"ru|kk",
			fmt.Sprintf("Author %d, A.|org:Ministry %d", i%500, i%40),
			fmt.Sprintf("Recipient %d", i%300),
			"org:Sample Foundation",
			fmt.Sprintf("Place %d|Yining", i%200),
			fmt.Sprintf("Xinjiang Uygur Zizhiqu (China)--History--%d|Trade routes--Topic %d", i%10, i%50),
			fmt.Sprintf("Collection %d > Series %d", i%5, i%20),
			"SSACA",
			fmt.Sprintf("fond=R-%d|opis=%d|delo=%d|folios=%d-%d", i%90, i%3, i%400, i%100, i%100+4),
			"published",
			"translation", "en", "human", fmt.Sprintf("Translator %d", i%30), body,
			"transcript", "ru", body,
		})
	}
	w.Flush()
	return b.Bytes()
}

// BenchmarkRead reads a CSV of 10,000 documents.
func BenchmarkRead(b *testing.B) {
	data := benchCSV(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Read(bytes.NewReader(data), "bench.csv")
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Documents) != 10_000 {
			b.Fatalf("%d documents", len(f.Documents))
		}
	}
}
