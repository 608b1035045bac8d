package slug_test

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto/slug"
)

func TestMake(t *testing.T) {
	for title, want := range map[string]string{
		"Letter from Alihan Töre to Commander-in-Chief Marshal Stalin": "letter-from-alihan-tore-to-commander-in-chief-marshal-stalin",
		"  No. 27.  Mr. Baker to Mr. Gresham. ":                        "no-27-mr-baker-to-mr-gresham",
		"Записка о положении в Кульдже":                                "",
		"伊宁 1945": "1945",
	} {
		if got := slug.Make(title); got != want {
			t.Errorf("Make(%q) = %q, want %q", title, got, want)
		}
	}
	if got := slug.Make(strings.Repeat("word ", 40)); len(got) > 84 || strings.HasSuffix(got, "-") {
		t.Errorf("a long title gives %q (%d bytes)", got, len(got))
	}
}
