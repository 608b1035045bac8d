package markup_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/markup"
)

func render(t *testing.T, f recto.TextFormat, src string) string {
	t.Helper()
	got, err := markup.New().Text(f, src, "")
	if err != nil {
		t.Fatal(err)
	}
	return string(got.HTML())
}

// A plain text is shown exactly as typed (issue 12's telegram): numbers
// stay as typed, "1)" stays, "- " is no bullet, marks are literal, single
// line breaks are kept, and paragraphs at blank lines are numbered.
func TestText_Plain(t *testing.T) {
	src := "227. Secret\n\n1. First point.\n2. Second point.\n\n1) as typed\n- not a bullet\n*not emphasis* _nor_ # heading\n\nMoscow,\nKremlin\r\n\r\nEnd [[page p. 3]] of <b>page</b> & more"
	want := `<p id="p1">227. Secret</p>

<p id="p2">1. First point.<br>
2. Second point.</p>

<p id="p3">1) as typed<br>
- not a bullet<br>
*not emphasis* _nor_ # heading</p>

<p id="p4">Moscow,<br>
Kremlin</p>

<p id="p5">End <span class="page-marker">[p. 3]</span> of &lt;b&gt;page&lt;/b&gt; &amp; more</p>

`
	if got := render(t, recto.PlainText, src); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, want := markup.PlainText(recto.PlainText, src), "227. Secret 1. First point. 2. Second point. 1) as typed - not a bullet *not emphasis* _nor_ # heading Moscow, Kremlin End of <b>page</b> & more"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

// wordPaste is HTML as a word processor pastes it, with a list, a table, a
// footnote, emphasis, letter-spacing and the noise around them.
const wordPaste = `<!--[if gte mso 9]><xml><w:WordDocument>Normal 0 false</w:WordDocument></xml><![endif]-->
<style>p.MsoNormal{margin:0}</style>
<div class="WordSection1">
<p class="MsoNormal" style="margin-bottom:0cm"><font face="Times">To Comrade <i>Stalin</i></font><a href="#_ftn1" name="_ftnref1"><sup>[1]</sup></a><o:p></o:p></p>
<p class="MsoNormal">Line one<br>line two <span style="letter-spacing:3.0pt">SECRET</span> <b onclick="alert(1)">bold</b></p>
<ul><li>first</li><li>second</li></ul>
<table class="MsoTableGrid"><tr><td style="border:1px">a</td><td>b</td></tr></table>
<script>alert("x")</script>
<div id="ftn1"><p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1"><sup>[1]</sup></a> The note.</p></div>
</div>`

func TestText_HTML(t *testing.T) {
	got := render(t, recto.HTML, wordPaste)
	for _, want := range []string{
		`<p id="p1">To Comrade <i>Stalin</i><a href="#x-ftn1" id="x-ftnref1" rel="nofollow"><sup>[1]</sup></a></p>`,
		`Line one<br>line two <span class="letter-spaced">SECRET</span> <b>bold</b>`,
		`<ul id="p3"><li>first</li><li>second</li></ul>`,
		`<table id="p4"><tbody><tr><td>a</td><td>b</td></tr></tbody></table>`,
		`<div id="p5"><div id="x-ftn1"><p><a href="#x-ftnref1" rel="nofollow"><sup>[1]</sup></a> The note.</p></div></div>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%s\nlacks %s", got, want)
		}
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(got, -1) {
		if ids[m[1]] {
			t.Errorf("id %s is used twice", m[1])
		}
		ids[m[1]] = true
	}
	for _, noise := range []string{"Mso", "style", "<font", "o:p", "<script", "alert", "onclick", "Normal 0", "<!--", "margin"} {
		if strings.Contains(got, noise) {
			t.Errorf("%s\nkeeps %s", got, noise)
		}
	}
	if got, want := markup.PlainText(recto.HTML, wordPaste), "To Comrade Stalin[1] Line one line two SECRET bold first second a b [1] The note."; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	stored := markup.CleanText(recto.HTML, wordPaste)
	for _, noise := range []string{"Mso", "style=", "<font", "<script", "onclick", "<!--"} {
		if strings.Contains(stored, noise) {
			t.Errorf("stored %s\nkeeps %s", stored, noise)
		}
	}
	if again := markup.CleanText(recto.HTML, stored); again != stored {
		t.Errorf("cleaning twice changes the text:\n%s\n%s", stored, again)
	}
}

// Markup typed into any format is inert in the page and absent from the
// words.
func TestText_XSSInert(t *testing.T) {
	attacks := []string{
		"<script>alert(1)</script>", `<img src=x onerror=alert(1)>`, `<a href="javascript:alert(1)">x</a>`,
		`<svg onload=alert(1)>`, `<p style="background:url(javascript:alert(1))">x</p>`,
		`[[page <script>alert(1)</script>]]`, `<iframe src="https://evil.example"></iframe>`,
	}
	for _, f := range []recto.TextFormat{recto.Markdown, recto.PlainText, recto.HTML} {
		for _, src := range attacks {
			got := strings.ToLower(render(t, f, src))
			if live.MatchString(got) {
				t.Errorf("%s: %q rendered %q", f, src, got)
			}
			if words := markup.PlainText(f, src); strings.Contains(words, "<script") && f != recto.PlainText {
				t.Errorf("%s: %q has words %q", f, src, words)
			}
		}
	}
}

// live matches markup that would run or load in a reader's browser.
var live = regexp.MustCompile(`<script|<iframe|<svg|href="?javascript:|<[a-z][^>]*\son[a-z]+=|<[a-z][^>]*\sstyle=`)

// The snippets: editorial brackets and escaped numbers read as the
// page shows them, in every format.
func TestPlainText_Formats(t *testing.T) {
	for _, c := range []struct {
		f        recto.TextFormat
		src, out string
	}{
		{recto.Markdown, "137\\. Received [Kumul Hami] *here*", "137. Received [Kumul Hami] here"},
		{recto.PlainText, "137. Received [Kumul Hami] *here*", "137. Received [Kumul Hami] *here*"},
		{recto.HTML, "<p>137. Received [Kumul Hami] <em>here</em></p>", "137. Received [Kumul Hami] here"},
		{"", "137\\. Received", "137. Received"},
	} {
		if got := markup.PlainText(c.f, c.src); got != c.out {
			t.Errorf("PlainText(%q, %q) = %q, want %q", c.f, c.src, got, c.out)
		}
	}
}

// Page markers read alike in every format, by one function.
func TestPageMarker(t *testing.T) {
	for _, c := range []struct {
		in    string
		label string
		n     int
		ok    bool
	}{
		{"[[page p. 1002]] rest", "p. 1002", 16, true},
		{"[[page f. 71r]]", "f. 71r", 15, true},
		{"[[page [VI]]]", "[VI]", 13, true},
		{"[[page  x ]]", "x", 12, true},
		{"[[page ]]", "", 0, false},
		{"[[pagex 3]]", "", 0, false},
		{"[[page 3]", "", 0, false},
		{"[[page 3\n]]", "", 0, false},
		{"[[page a]b]]", "", 0, false},
		{"text [[page 3]]", "", 0, false},
	} {
		label, n, ok := markup.PageMarker(c.in)
		if label != c.label || n != c.n || ok != c.ok {
			t.Errorf("PageMarker(%q) = %q, %d, %v; want %q, %d, %v", c.in, label, n, ok, c.label, c.n, c.ok)
		}
		if ok {
			want := `<span class="page-marker">[` + strings.ReplaceAll(label, "&", "&amp;") + `]</span>`
			for _, f := range []recto.TextFormat{recto.Markdown, recto.PlainText, recto.HTML} {
				if got := render(t, f, "a "+c.in); !strings.Contains(got, want) {
					t.Errorf("%s: %q rendered %s, lacks %s", f, c.in, got, want)
				}
			}
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"227. A\n1) b\n- c", wordPaste, "[[page [VI]]] x", "<script>x</script>", "*a* [b](c)"} {
		f.Add(s)
	}
	r := markup.New()
	f.Fuzz(func(t *testing.T, src string) {
		for _, format := range []recto.TextFormat{recto.Markdown, recto.PlainText, recto.HTML} {
			got, err := r.Text(format, src, "t1-")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(string(got.HTML())), "<script") {
				t.Fatalf("%s: %q rendered %q", format, src, got.HTML())
			}
			_ = markup.PlainText(format, src)
			_ = markup.AsMarkdown(format, src)
		}
	})
}

func BenchmarkTextFormats(b *testing.B) {
	para := "The delegation discussed the caravan routes and the customs posts at length, point 227, 1) and 2). "
	for _, c := range []struct {
		f   recto.TextFormat
		src string
	}{
		{recto.Markdown, strings.Repeat(strings.Repeat(para, 8)+"\n\n", 20)},
		{recto.PlainText, strings.Repeat(strings.Repeat(para+"\n", 8)+"\n", 20)},
		{recto.HTML, strings.Repeat(`<p class="MsoNormal">`+strings.Repeat(`<span style="font-size:12pt">`+para+"</span><br>", 8)+"</p>\n", 20)},
	} {
		r := markup.New()
		b.Run(string(c.f), func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				if _, err := r.Text(c.f, c.src, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
