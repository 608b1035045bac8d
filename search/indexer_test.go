package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/analysis"
)

// The terms an index gives a document must be what the analyzer makes of
// its text, whatever the documents analysed before it: the remembered words
// must not carry one word's terms over to another.
func TestDocAnalyzer_TermsDoNotDependOnOrder(t *testing.T) {
	texts := []string{
		"барғә",         // Kazakh ә: not stemmed as Russian
		"барға",         // the same transliteration, "bargha", but stemmed
		"Хрущёв хрущев", // ё and е fold alike
		"letters letter lettered",
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {1, 0, 3, 2}} {
		ix, err := newIndex()
		if err != nil {
			t.Fatal(err)
		}
		defer ix.fwd.close()
		da := newDocAnalyzer(ix)
		for _, i := range order {
			d := &recto.Document{ID: int64(i + 1), Title: "x", Texts: []recto.Text{{Body: texts[i]}}}
			a := da.analyze(d, newAuthorities())
			var got []string
			for _, tc := range a.terms {
				if term := ix.dict.text(tc.id); !strings.HasPrefix(term, titlePrefix) && term != "x" {
					got = append(got, term)
				}
			}
			if want := analyzerTerms(texts[i]); !slices.Equal(sorted(got), want) {
				t.Errorf("order %v: document %q has terms %q, want %q", order, texts[i], sorted(got), want)
			}
		}
	}
}

// analyzerTerms returns the distinct terms a fresh analyzer makes of text.
func analyzerTerms(text string) []string {
	var terms []string
	analysis.NewAnalyzer().Analyze(text, 0, func(t analysis.Token) {
		if !slices.Contains(terms, string(t.Term)) {
			terms = append(terms, string(t.Term))
		}
	})
	return sorted(terms)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestPlainText(t *testing.T) {
	got := plainText(recto.Markdown, "He *wrote*[^d4fn1] on [[page p. 1002]]page two, [Received April 1.]\n\n[^d4fn1]: A note.")
	for _, gone := range []string{"*", "[^", "[[page", "1002", "]]"} {
		if strings.Contains(got, gone) {
			t.Errorf("plainText left %q in %q", gone, got)
		}
	}
	for _, kept := range []string{"wrote", "page two", "Received April 1.", "A note."} {
		if !strings.Contains(got, kept) {
			t.Errorf("plainText lost %q: %q", kept, got)
		}
	}
}
