package markup_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/markup"
)

// blockAnchor is what the /srv/ importer (wilson's pageBody) strips from a
// text page it reads back: the ids Recto gives the numbered blocks.
var blockAnchor = regexp.MustCompile(` id="t[0-9]+-p[0-9]+"`)

// reread renders src in format f with prefix, strips the block anchors as
// the /srv/ importer does, and renders the result again as an HTML text.
func reread(t *testing.T, r *markup.Renderer, f recto.TextFormat, src, prefix string) (first, again markup.Text) {
	t.Helper()
	first, err := r.Text(f, src, prefix)
	if err != nil {
		t.Fatal(err)
	}
	page := blockAnchor.ReplaceAllString(string(first.HTML()), "")
	again, err = r.Text(recto.HTML, markup.CleanText(recto.HTML, page), prefix)
	if err != nil {
		t.Fatal(err)
	}
	return first, again
}

// sameText reports where two rendered texts differ.
func sameText(t *testing.T, name string, want, got markup.Text) {
	t.Helper()
	if len(got.Blocks) != len(want.Blocks) {
		t.Errorf("%s: %d blocks read back, want %d:\n%s\nwant\n%s", name, len(got.Blocks), len(want.Blocks), got.HTML(), want.HTML())
		return
	}
	for i := range want.Blocks {
		if got.Blocks[i] != want.Blocks[i] {
			t.Errorf("%s: block %d read back as\n%q\nwant\n%q", name, i+1, got.Blocks[i].HTML, want.Blocks[i].HTML)
		}
	}
	if got.Footnotes != want.Footnotes {
		t.Errorf("%s: footnotes read back as\n%q\nwant\n%q", name, got.Footnotes, want.Footnotes)
	}
	if got.HTML() != want.HTML() {
		t.Errorf("%s: page reads back as\n%s\nwant\n%s", name, got.HTML(), want.HTML())
	}
}

// markdownBodies are the kinds of Markdown Recto's importers and editors
// produce.
var markdownBodies = map[string]string{
	"paragraphs":  "First paragraph.\n\nSecond paragraph,\nwith a soft break.\n\nThird  \nwith a hard break.",
	"emphasis":    "*Secret* and **urgent**, ~~struck~~, `code`, <u>raw</u> and \"quotes\" & 'apostrophes' < > done.",
	"lists":       "- one\n- two\n  - nested\n\n1. first\n2. second\n\n3) third\n\n- loose\n\n- list",
	"table":       "| a | b |\n|:--|--:|\n| 1 | 2 |\n| *x* | [y](https://example.org/y) |",
	"footnotes":   "A note.[^1] Another.[^n] Again.[^1]\n\n[^1]: The first note.\n[^n]: The *second*\n    with two lines.\n\nAfter the notes.",
	"headings":    "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\nText.",
	"deep only":   "#### Four\n\nText.",
	"pagemarkers": "The page ends [[page p. 1002]]mid-sentence; [[page f. 71r]] a folio; [[page <b>]] [[page [VI]]]\n\n[[page 3]]",
	"hr":          "Above.\n\n---\n\nBelow.\n\n***",
	"links":       "See [the treaty](https://example.org/t?a=1&b=2 \"Title\"), <https://example.org/auto>, [mail](mailto:a@example.org) and [mail again](mailto:b@example.org).",
	"brackets":    "The Governor [Kumul Hami] replied [illegible] [sic] [...]: 137\\. Received 10 p.m.",
	"scripts":     "Генеральному секретарю товарищу Сталину.\n\n毛泽东同志：\n\n東京 昭和二十年",
	"rtl":         "إلى الرفيق ستالين.\n\nשלום עליכם.",
	"quote":       "> Quoted\n> text.\n\n> - in a list",
	"code":        "    indented code\n    two lines\n\n```\nfenced <code>\n```",
	"raw html":    "<div>raw block</div>\n\nText <span>inline</span>.",
	"entities":    "Tom &amp; Jerry &#8212; &copy; &nbsp; non\u00a0breaking",
	"empty":       "",
}

// A text Recto rendered, read back as HTML the way `recto import srv` reads
// a /srv/ text page, renders to the same blocks and footnotes: the /srv/
// export is a fixed point (issue 12, item 2).
func TestText_HTMLFixedPointOfMarkdown(t *testing.T) {
	r := markup.New()
	for name, src := range markdownBodies {
		for _, prefix := range []string{"t3-", "t1234-"} {
			first, again := reread(t, r, recto.Markdown, src, prefix)
			sameText(t, name+" "+prefix, first, again)
		}
	}
}

func TestText_HTMLFixedPointOfPlainText(t *testing.T) {
	r := markup.New()
	for name, src := range map[string]string{
		"telegram": "227. Secret\n\n1. First point.\n2. Second point.\n\n1) as typed\n- not a bullet\n*not emphasis* _nor_ # heading\n\nMoscow,\nKremlin\r\n\r\nEnd [[page p. 3]] of <b>page</b> & more",
		"scripts":  "Генеральному секретарю\nтоварищу Сталину.\n\nإلى الرفيق ستالين.",
		"empty":    "",
	} {
		first, again := reread(t, r, recto.PlainText, src, "t7-")
		sameText(t, name, first, again)
	}
}

// htmlBodies are HTML texts as editors paste them and former systems wrote
// them.
var htmlBodies = map[string]string{
	"word paste": wordPaste,
	"headings":   "<h1>Title</h1><h2>Part</h2><p>Text with a <a href=\"#Note-1\">note</a>.</p><p id=\"Note-1\">The note.</p>",
	"h2 only":    "<h2>Part</h2><p>Text.</p>",
	"bare text":  "Loose words <b>and</b> a line<br>break<hr>After [[page 4]] the rule.",
	"code":       "<div><pre>kept\n  as typed</pre></div><pre>bare</pre>",
	"clashes":    `<p id="t3-p2">one <a href="#t3-p2">self</a></p><p id="a">two</p><p id="t3-x-a">three <a href="#a">a</a></p>`,
}

// An HTML text Recto rendered, read back the same way, renders to the same
// page: its anchors keep the prefix they were given once, its headings the
// level they were moved to.
func TestText_HTMLFixedPointOfHTML(t *testing.T) {
	r := markup.New()
	for name, src := range htmlBodies {
		first, again := reread(t, r, recto.HTML, src, "t5-")
		sameText(t, name, first, again)
	}
}

var (
	hrefPattern = regexp.MustCompile(`href="#([^"]*)"`)
	idPattern   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// Every in-text link of a rendered text points at an id the page has, and
// no id is given twice, in every format, rendered once or read back.
func TestText_AnchorsAgree(t *testing.T) {
	r := markup.New()
	check := func(name string, text markup.Text) {
		page := string(text.HTML())
		ids := map[string]bool{}
		for _, m := range idPattern.FindAllStringSubmatch(page, -1) {
			if ids[m[1]] {
				t.Errorf("%s: id %q given twice in\n%s", name, m[1], page)
			}
			ids[m[1]] = true
		}
		for _, m := range hrefPattern.FindAllStringSubmatch(page, -1) {
			if !ids[m[1]] {
				t.Errorf("%s: link to #%s, which no id names, in\n%s", name, m[1], page)
			}
		}
	}
	for format, bodies := range map[recto.TextFormat]map[string]string{recto.Markdown: markdownBodies, recto.HTML: htmlBodies} {
		for name, src := range bodies {
			first, again := reread(t, r, format, src, "t3-")
			check(name, first)
			check(name+" read back", again)
		}
	}
}

// An HTML text's own ids are guarded by "x-" after the prefix, so none
// takes a block's number or another's id, whatever it was called.
func TestText_HTMLForeignIDs(t *testing.T) {
	src := `<p id="t3-p2">one <a href="#t3-p2">self</a></p><p id="a">two</p><p id="t3-x-a">three <a href="#a">a</a></p><p id="t3-note">four</p>`
	got, err := markup.New().Text(recto.HTML, src, "t3-")
	if err != nil {
		t.Fatal(err)
	}
	want := `<div id="t3-p1"><p id="t3-x-t3-p2">one <a href="#t3-x-t3-p2" rel="nofollow">self</a></p></div>

<div id="t3-p2"><p id="t3-x-a">two</p></div>

<p id="t3-p3">three <a href="#t3-x-a" rel="nofollow">a</a></p>

<div id="t3-p4"><p id="t3-note">four</p></div>

`
	if string(got.HTML()) != want {
		t.Errorf("got\n%s\nwant\n%s", got.HTML(), want)
	}
}

// Any Markdown reads back as it rendered, but for what an editor types that
// no importer writes: raw HTML (dropped, so nothing to read back), links
// to an anchor ("#p3"), which Markdown leaves as typed, and NUL, which HTML
// cannot carry.
func FuzzTextFixedPoint(f *testing.F) {
	for _, src := range markdownBodies {
		f.Add(src)
	}
	r := markup.New()
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsAny(src, "<#\x00") {
			t.Skip()
		}
		first, again := reread(t, r, recto.Markdown, src, "t3-")
		if first.HTML() != again.HTML() {
			t.Fatalf("%q renders\n%s\nreads back as\n%s", src, first.HTML(), again.HTML())
		}
	})
}
