package htmlcheck

import (
	"fmt"
	"strings"
	"testing"
)

const good = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body><a href="#main">Skip to content</a><header><nav aria-label="x"><a href="/">Home</a></nav></header>
<main id="main"><h1>Title</h1><h2>Part</h2><h3>Sub</h3><h2>Other</h2><p lang="ru">Привет</p><img src="/a.png" alt=""></main>
<footer><p>f</p></footer></body></html>`

func TestCheck(t *testing.T) {
	if p := Check([]byte(good)); len(p) != 0 {
		t.Fatalf("good page: %v", p)
	}
	bad := []struct{ from, to, want string }{
		{`<p lang="ru">Привет</p>`, `<p lang="ru">Привет`, "</main> closes <p>"},
		{`</html>`, `</html><div>`, "unclosed"},
		{`<h3>Sub</h3>`, `<h4>Sub</h4>`, "heading h4 follows h2"},
		{`<h2>Other</h2>`, `<h1>Other</h1>`, "2 h1 headings"},
		{`<p lang="ru">`, `<p lang="Russian">`, "not a language tag"},
		{`<h3>Sub</h3>`, `<h3 id="main">Sub</h3>`, "duplicate id"},
		{`alt=""`, ``, "without alt"},
		{`<html lang="en">`, `<html>`, "no lang"},
		{`<a href="#main">Skip to content</a>`, `<a href="#top">Top</a>`, "skip link"},
		{`<footer><p>f</p></footer>`, ``, "no <footer>"},
		{`<p>f</p>`, `<p>f</div>`, "</div> closes <p>"},
	}
	for _, b := range bad {
		page := strings.Replace(good, b.from, b.to, 1)
		problems := fmt.Sprint(Check([]byte(page)))
		if !strings.Contains(problems, b.want) {
			t.Errorf("%q → %q: problems %s, want %q", b.from, b.to, problems, b.want)
		}
	}
}

// recorder is a testing.TB that records errors instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestValidate(t *testing.T) {
	r := &recorder{TB: t}
	Validate(r, map[string][]byte{"good": []byte(good), "bad": []byte(strings.Replace(good, "<title>t</title>", "", 1))})
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "bad line") || !strings.Contains(r.errors[0], "title") {
		t.Fatalf("errors = %q, want one about the missing title of page bad", r.errors)
	}
}
