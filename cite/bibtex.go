package cite

import (
	"fmt"
	"strings"

	"github.com/recto-archive/recto"
)

// field is one field of a BibTeX entry; raw values (month macros) are
// written without braces.
type field struct {
	name, value string
	raw         bool
}

// BibTeX returns the document as a BibTeX @misc entry keyed Key(d); see
// the package documentation for the mapping.
func BibTeX(d *recto.Document, o Options) string {
	date := splitDate(d.Date)
	var f []field
	add := func(name, value string) {
		if value = oneLine(value); value != "" {
			f = append(f, field{name: name, value: value})
		}
	}
	add("author", bibNames(d.CreditsIn(recto.RoleAuthor)))
	// Double braces keep BibTeX styles from lower-casing the title.
	if t := oneLine(d.Title); t != "" {
		f = append(f, field{name: "title", value: "{" + tex(t) + "}"})
	}
	switch {
	case date.zero:
	case date.exact():
		p := date.start.parts()
		add("year", fourDigits(p[0]))
		if len(p) > 1 {
			f = append(f, field{name: "month", value: bibtexMonths[p[1]-1], raw: true})
		}
	default:
		add("year", tex(date.display))
	}
	add("howpublished", tex(o.archive()))
	var note []string
	if d.Type != "" {
		note = append(note, sentence(capitalize(d.Type)))
	}
	if date.exact() && len(date.start.parts()) == 3 {
		note = append(note, sentence(date.display)) // BibTeX has no day
	}
	_, _, src := archiveOf(d)
	if src != nil {
		note = append(note, sentence(CitedReference(*src)))
	}
	// notes says for whom, when a translation was made for someone.
	if tr := d.TranslatorCredits(); len(tr) > 0 && !madeFor(tr) {
		note = append(note, "Translated by "+chicagoList(displayNames(d.Translators()))+".")
	}
	note = append(note, notes(d, src)...)
	add("note", texSentences(note))
	add("url", o.URL(d))
	if !o.Accessed.IsZero() {
		add("urldate", o.Accessed.UTC().Format("2006-01-02"))
	}
	return entry("misc", Key(d), f)
}

// BibLaTeX returns the document as a biblatex entry keyed Key(d): @letter
// for a letter, else @misc with its type; see the package documentation
// for the mapping.
func BibLaTeX(d *recto.Document, o Options) string {
	date := splitDate(d.Date)
	var f []field
	add := func(name, value string) {
		if value = oneLine(value); value != "" {
			f = append(f, field{name: name, value: value})
		}
	}
	kind := "misc"
	if strings.EqualFold(d.Type, "letter") {
		kind = "letter"
	}
	add("author", bibNames(d.CreditsIn(recto.RoleAuthor)))
	add("title", tex(d.Title))
	if kind == "misc" && d.Type != "" {
		add("type", tex(capitalize(d.Type)))
	}
	if s := date.biblatex(); s != "" {
		add("date", s)
	}
	add("translator", bibNames(d.Translators()))
	add("origlanguage", langName(language(d)))
	add("location", tex(d.WrittenAt))
	_, _, src := archiveOf(d)
	if src != nil {
		add("library", tex(CitedReference(*src)))
	}
	add("howpublished", tex(o.archive()))
	var addendum []string
	if date.biblatex() == "" && !date.zero {
		addendum = append(addendum, sentence(capitalize(date.display)))
	}
	addendum = append(addendum, notes(d, src)...)
	add("addendum", texSentences(addendum))
	add("url", o.URL(d))
	if !o.Accessed.IsZero() {
		add("urldate", o.Accessed.UTC().Format("2006-01-02"))
	}
	var kw []string
	for _, s := range d.Subjects {
		kw = append(kw, strings.ReplaceAll(s.Heading, ",", ""))
	}
	add("keywords", tex(strings.Join(kw, ", ")))
	return entry(kind, Key(d), f)
}

func entry(kind, key string, fields []field) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", kind, key)
	width := 0
	for _, f := range fields {
		width = max(width, len(f.name))
	}
	for _, f := range fields {
		v := "{" + f.value + "}"
		if f.raw {
			v = f.value
		}
		fmt.Fprintf(&b, "  %-*s = %s,\n", width, f.name, v)
	}
	b.WriteString("}\n")
	return b.String()
}

// bibNames joins names with "and"; a name not stored "Family, Given" is
// braced whole, so that BibTeX does not guess its family name.
func bibNames(agents []*recto.Agent) string {
	names := make([]string, len(agents))
	for i, a := range agents {
		if family, given, ok := personName(a); ok {
			names[i] = braceIfAnd(tex(family)) + ", " + braceIfAnd(tex(given))
		} else {
			names[i] = "{" + tex(a.Name) + "}"
		}
	}
	return strings.Join(names, " and ")
}

func braceIfAnd(s string) string {
	if strings.Contains(" "+strings.ToLower(s)+" ", " and ") {
		return "{" + s + "}"
	}
	return s
}

// texSentences joins sentences already escaped or not: it escapes them.
func texSentences(s []string) string { return tex(strings.Join(s, " ")) }

// texEscapes replaces TeX's special characters, and writes dashes the TeX
// way.
var texEscapes = strings.NewReplacer(
	`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `#`, `\#`, `$`, `\$`, `%`, `\%`,
	`&`, `\&`, `_`, `\_`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	"–", "--", "—", "---",
)

func tex(s string) string { return texEscapes.Replace(s) }

// langName returns the language as biblatex names languages: the English
// name in lower case ("russian"), which biblatex localises when it knows it
// and prints as written otherwise.
func langName(tag string) string {
	if tag == "" {
		return ""
	}
	return strings.ToLower(recto.LanguageName(tag))
}
