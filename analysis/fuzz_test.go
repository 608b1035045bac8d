package analysis

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze checks Analyze's contract on any input, that the caches do
// not change results, and that a text finds itself: QueryTerms splits it
// into the same word positions and every index term of each word is among
// that word's query forms.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Stalin's letters, 1945年 北京条约",
		"Хрущёва и\u0306од м'ясо Ёлка ьъ",
		"ｶﾞｷﾞ コーヒー 한국어 ͺ ﷺ ½",
		"العَرَبِيَّة كـتـاب ١٩٤٥ Ἀθῆναι ΟΔΟΣ",
		"Gorʹkiĭ O'Brien 80's '’ʼ",
		"\xff\xfe\u0301\u3099abc",
		"Троцкий Грозный Юрий",
	} {
		f.Add(s, 0)
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, text string, pos0 int) {
		if pos0 < 0 || pos0 > 1<<30 {
			pos0 = 0
		}
		last := pos0
		var idx []string // terms, one entry per word position
		var words [][]string
		next := a.Analyze(text, pos0, func(tk Token) {
			if tk.Start < 0 || tk.Start > tk.End || tk.End > len(text) {
				t.Fatalf("token %q spans [%d:%d] of %d bytes", tk.Term, tk.Start, tk.End, len(text))
			}
			if tk.Pos < last {
				t.Fatalf("position %d after %d", tk.Pos, last)
			}
			if len(tk.Term) == 0 || !utf8.Valid(tk.Term) || !utf8.Valid(tk.Surface) {
				t.Fatalf("bad term %q (surface %q) at [%d:%d]", tk.Term, tk.Surface, tk.Start, tk.End)
			}
			if tk.Pos > last || len(words) == 0 {
				words = append(words, nil)
			}
			words[len(words)-1] = append(words[len(words)-1], string(tk.Term))
			idx = append(idx, string(tk.Term))
			last = tk.Pos
		})
		if next != pos0+len(words) {
			t.Fatalf("Analyze returned %d after %d positions from %d", next, len(words), pos0)
		}
		q := a.QueryTerms(text)
		if len(q) != len(words) {
			t.Fatalf("QueryTerms gives %d words, Analyze %d positions", len(q), len(words))
		}
		for i, forms := range q {
			if len(forms) == 0 {
				t.Fatalf("word %d has no query forms", i)
			}
			for _, term := range words[i] {
				if !slices.Contains(forms, term) {
					t.Fatalf("word %d: index term %q not among query forms %q", i, term, forms)
				}
			}
		}
		if f := Fold(text); !utf8.ValidString(f) {
			t.Fatalf("Fold(%q) = %q, not UTF-8", text, f)
		}
		if x := Translit(text); utf8.ValidString(text) && !utf8.ValidString(x) {
			t.Fatalf("Translit(%q) = %q, not UTF-8", text, x)
		}
		// The stem caches must not change results: a fresh Analyzer agrees.
		if fresh := terms(NewAnalyzer(), text); !slices.Equal(fresh, idx) {
			t.Fatalf("terms %q with warm caches, %q with fresh ones", idx, fresh)
		}
	})
}
