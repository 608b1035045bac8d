package recto_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

// A search read from URL parameters writes back in one canonical form.
func TestSearchParams(t *testing.T) {
	v, _ := url.ParseQuery("sort=date&lang=ru&q=+Kulja+Ili+&person=12&lang=ru&lang=&lang=de&page=3&other=x")
	req, err := recto.SearchFromParams(v)
	if err != nil {
		t.Fatal(err)
	}
	if req.Query != "Kulja Ili" || req.Sort != recto.SortDateAsc || strings.Join(req.Filters[recto.FacetLanguage], ",") != "de,ru" {
		t.Fatalf("read %+v", req)
	}
	if got := strings.Join(req.Params(), "&"); got != "q=Kulja+Ili&person=12&lang=de&lang=ru&sort=date" {
		t.Errorf("written as %s", got)
	}
	if rel, _ := recto.SearchFromParams(url.Values{"sort": {"relevance"}}); rel.Sort != "" || len(rel.Params()) != 0 {
		t.Errorf("the default sort is written: %+v", rel)
	}
	if _, err := recto.SearchFromParams(url.Values{"sort": {"random"}}); recto.ErrorCode(err) != recto.EINVALID {
		t.Errorf("unknown sort: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10_000: "10,000", 1_234_567: "1,234,567", -1000: "-1,000", -999: "-999"} {
		if got := recto.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
