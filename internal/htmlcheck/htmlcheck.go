// Package htmlcheck checks the pages Recto serves, for tests: structure and
// accessibility rules every public page must keep (balanced elements, unique
// ids, one h1, headings in order, landmarks, a skip link, lang attributes),
// and, where the Nu Html Checker is installed, full HTML5 validation.
package htmlcheck

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// void elements have no end tag.
var void = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

var langTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// checker walks a page's tokens once and collects problems.
type checker struct {
	problems  []string
	stack     []string
	ids       map[string]bool
	headings  []int
	landmarks map[string]int
	firstLink string
	htmlLang  bool
	hrefs     []string
}

func (c *checker) fail(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// Check returns the problems of an HTML page; none means the page passes.
func Check(page []byte) []string {
	c := &checker{ids: map[string]bool{}, landmarks: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				c.fail("tokenizer: %v", z.Err())
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken:
			c.start(tok)
			if !void[tok.DataAtom] {
				c.stack = append(c.stack, tok.Data)
			}
		case html.SelfClosingTagToken:
			c.start(tok)
			if !void[tok.DataAtom] {
				c.fail("<%s/> is not a void element and cannot self-close", tok.Data)
			}
		case html.EndTagToken:
			c.end(tok)
		}
	}
	c.finish()
	return c.problems
}

func attr(t html.Token, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func (c *checker) start(t html.Token) {
	if id, ok := attr(t, "id"); ok {
		if c.ids[id] {
			c.fail("duplicate id %q", id)
		}
		c.ids[id] = true
	}
	if lang, ok := attr(t, "lang"); ok && !langTag.MatchString(lang) {
		c.fail("<%s lang=%q> is not a language tag", t.Data, lang)
	}
	switch t.DataAtom {
	case atom.Html:
		_, c.htmlLang = attr(t, "lang")
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.headings = append(c.headings, int(t.Data[1]-'0'))
	case atom.Main, atom.Header, atom.Footer, atom.Nav:
		c.landmarks[t.Data]++
	case atom.Img:
		if _, ok := attr(t, "alt"); !ok {
			c.fail("<img> without alt")
		}
	case atom.A:
		href, _ := attr(t, "href")
		if c.firstLink == "" {
			c.firstLink = href
		}
		c.hrefs = append(c.hrefs, href)
	}
}

func (c *checker) end(t html.Token) {
	if void[t.DataAtom] {
		c.fail("end tag </%s> of a void element", t.Data)
		return
	}
	if len(c.stack) == 0 || c.stack[len(c.stack)-1] != t.Data {
		c.fail("</%s> closes <%s>", t.Data, strings.Join(c.stack[max(0, len(c.stack)-1):], ""))
		// Recover by popping to the matching element, if open.
		for i := len(c.stack) - 1; i >= 0; i-- {
			if c.stack[i] == t.Data {
				c.stack = c.stack[:i]
				return
			}
		}
		return
	}
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *checker) finish() {
	if len(c.stack) > 0 {
		c.fail("unclosed elements: %v", c.stack)
	}
	if !c.htmlLang {
		c.fail("<html> has no lang")
	}
	if c.landmarks["main"] != 1 {
		c.fail("%d <main> elements, want 1", c.landmarks["main"])
	}
	for _, l := range []string{"header", "nav", "footer"} {
		if c.landmarks[l] == 0 {
			c.fail("no <%s> landmark", l)
		}
	}
	if c.firstLink != "#main" || !c.ids["main"] {
		c.fail("the first link is %q, want a skip link to #main", c.firstLink)
	}
	c.checkHeadings()
	for _, h := range c.hrefs {
		if target, ok := strings.CutPrefix(h, "#"); ok && target != "" && !c.ids[target] {
			c.fail("link to #%s, which no element has", target)
		}
	}
}

// checkHeadings wants exactly one h1, first, and no level skipped going down.
func (c *checker) checkHeadings() {
	h1 := 0
	for i, h := range c.headings {
		if h == 1 {
			h1++
		}
		if i == 0 && h != 1 {
			c.fail("the first heading is h%d, want h1", h)
		}
		if i > 0 && h > c.headings[i-1]+1 {
			c.fail("heading h%d follows h%d", h, c.headings[i-1])
		}
	}
	if h1 != 1 {
		c.fail("%d h1 headings, want 1", h1)
	}
}

// Links returns the href of every link on a page, in order.
func Links(page []byte) []string {
	c := &checker{ids: map[string]bool{}, landmarks: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.StartTagToken {
			if tok := z.Token(); tok.DataAtom == atom.A {
				href, _ := attr(tok, "href")
				c.hrefs = append(c.hrefs, href)
			}
		}
	}
	return c.hrefs
}
