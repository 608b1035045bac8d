package markup_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/markup"
)

func TestText_NumbersBlocks(t *testing.T) {
	r := markup.New()
	src := "First *paragraph*.\n\n# A heading\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\nLast.[^n]\n\n[^n]: The note."
	got, err := r.Text(recto.Markdown, src, "t2-")
	if err != nil {
		t.Fatal(err)
	}
	wantStarts := []string{`<p id="t2-p1">First <em>paragraph</em>.</p>`, `<h3 id="t2-p2">A heading</h3>`,
		`<ul id="t2-p3">`, `<table id="t2-p4">`, `<div id="t2-p5"><pre><code>code`, `<p id="t2-p6">Last.<sup id="t2-fnref:1">`}
	if len(got.Blocks) != len(wantStarts) {
		t.Fatalf("%d blocks, want %d: %+v", len(got.Blocks), len(wantStarts), got.Blocks)
	}
	for i, b := range got.Blocks {
		if b.N != i+1 || !strings.HasPrefix(string(b.HTML), wantStarts[i]) {
			t.Errorf("block %d = %d %q, want start %q", i, b.N, b.HTML, wantStarts[i])
		}
	}
	fn := string(got.Footnotes)
	for _, want := range []string{`<div class="footnotes" role="doc-endnotes">`, `<li id="t2-fn:1">`, `href="#t2-fnref:1"`} {
		if !strings.Contains(fn, want) {
			t.Errorf("footnotes %q lack %q", fn, want)
		}
	}
	if !strings.Contains(string(got.HTML()), "t2-p6") || !strings.Contains(string(got.HTML()), "The note.") {
		t.Errorf("HTML() misses blocks or footnotes: %s", got.HTML())
	}
}

func TestText_Sanitises(t *testing.T) {
	r := markup.New()
	for _, src := range []string{
		"<script>alert(1)</script>",
		"[x](javascript:alert(1))",
		"<img src=x onerror=alert(1)>",
		"Text <a href=\"#\" onclick=\"alert(1)\">a</a>",
		"{#evil onclick=x}",
	} {
		got, err := r.Text(recto.Markdown, src, "")
		if err != nil {
			t.Fatal(err)
		}
		html := strings.ToLower(string(got.HTML()))
		if unsafe.MatchString(html) {
			t.Errorf("%q rendered %q", src, html)
		}
	}
}

// unsafe matches a script element, a javascript: URL or an event handler
// attribute inside a tag.
var unsafe = regexp.MustCompile(`<script|javascript:|<[^>]*\son[a-z]+=`)

func TestFragment(t *testing.T) {
	got, err := markup.New().Fragment("A *short* summary.\n\n## Heading")
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>A <em>short</em> summary.</p>\n<h4>Heading</h4>\n"; string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func BenchmarkText(b *testing.B) {
	r := markup.New()
	para := strings.Repeat("The delegation discussed the *caravan* routes and the customs posts at length. ", 8)
	src := strings.Repeat(para+"\n\n", 20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Text(recto.Markdown, src, ""); err != nil {
			b.Fatal(err)
		}
	}
}

func TestText_PageMarkers(t *testing.T) {
	r := markup.New()
	got, err := r.Text(recto.Markdown, "The page ends [[page p. 1002]]mid-sentence; [[page f. 71r]] a folio; [[page <b>]] [[pagex 3]] [Received.] [[page ]]", "")
	if err != nil {
		t.Fatal(err)
	}
	html := string(got.HTML())
	for _, want := range []string{
		`ends <span class="page-marker">[p. 1002]</span>mid-sentence`,
		`<span class="page-marker">[f. 71r]</span> a folio`,
		`<span class="page-marker">[&lt;b&gt;]</span>`, // the label is escaped
		`[[pagex 3]]`, `[Received.]`, `[[page ]]`, // not markers: left as text
	} {
		if !strings.Contains(html, want) {
			t.Errorf("%s\nlacks %s", html, want)
		}
	}
}

// PlainText shows a text's words as a reader sees them: no markup, escapes
// resolved, editorial brackets kept.
func TestPlainText(t *testing.T) {
	for src, want := range map[string]string{
		`137\. Received 10 p.m.`:                   "137. Received 10 p.m.",
		"the Governor [Kumul Hami] replied":        "the Governor [Kumul Hami] replied",
		"*Secret* and **urgent**, ~~struck~~":      "Secret and urgent, struck",
		"[[page p. 1002]]Text on the next page":    "Text on the next page",
		"See [the treaty](https://example.org/t).": "See the treaty.",
		"Address block\nline two  \nline three":    "Address block line two line three",
		"- one\n- two\n\n1) three":                 "one two three",
		"A note.[^1]\n\n[^1]: The footnote.":       "A note. The footnote.",
		"| a | b |\n|---|---|\n| c | d |":          "a b c d",
		"Tom &amp; Jerry &#8212; <b>bold</b> text": "Tom & Jerry — bold text",
		"`code` and\n\n    indented code":          "code and indented code",
	} {
		if got := markup.PlainText(recto.Markdown, src); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", src, got, want)
		}
	}
}
