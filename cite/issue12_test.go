package cite_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/edtf"
)

// meta returns the contents of the page metadata tag name, in order.
func meta(d *recto.Document, name string) []string {
	var out []string
	for _, m := range cite.MetaTags(d, options) {
		if m.Name == name {
			out = append(out, m.Content)
		}
	}
	return out
}

// risTag returns the values of one RIS tag.
func risTag(ris, tag string) []string {
	var out []string
	for _, line := range strings.Split(ris, "\r\n") {
		if v, ok := strings.CutPrefix(line, tag+"  - "); ok {
			out = append(out, v)
		}
	}
	return out
}

// TestLanguage_Original: every format that carries a language gives the
// original's, and none when the original's is unknown, never that of a
// text (the translation's "en").
func TestLanguage_Original(t *testing.T) {
	_, letter := loadReference(t)
	if len(letter.Texts) == 0 || letter.Texts[letter.ReadingOrder()[0]].Lang != "en" {
		t.Fatal("the reference letter should show its English translation first")
	}
	for _, tt := range []struct {
		languages        []string
		want, biblatexLg string
	}{{[]string{"ru"}, "ru", "{russian}"}, {nil, "", ""}} {
		d := *letter
		d.Languages = tt.languages
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if got := risTag(cite.RIS(&d, options), "LA"); !equal(got, want) {
			t.Errorf("languages %v: RIS LA %q, want %q", tt.languages, got, want)
		}
		if got := cite.CSL(&d, options).Language; got != tt.want {
			t.Errorf("languages %v: CSL language %q, want %q", tt.languages, got, tt.want)
		}
		if got := meta(&d, "citation_language"); !equal(got, want) {
			t.Errorf("languages %v: citation_language %q, want %q", tt.languages, got, want)
		}
		if got := bibField(cite.BibLaTeX(&d, options), "origlanguage"); got != tt.biblatexLg {
			t.Errorf("languages %v: biblatex origlanguage %q, want %q", tt.languages, got, tt.biblatexLg)
		}
	}
}

func equal(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// TestFreeStringReference: a source whose reference is a legacy string
// still gives the repository it links as the archive, in every format with
// an archive field, and the rest of the string as the location.
func TestFreeStringReference(t *testing.T) {
	ref, letter := loadReference(t)
	for _, tt := range []struct{ citation, location string }{
		{"GARF, f. 9401, op. 2, d. 95, ll. 352-359", "f. 9401, op. 2, d. 95, ll. 352-359"},
		{"State Archive of the Russian Federation, f. 9401", "f. 9401"},
		{"Fond 9401, opis 2", "Fond 9401, opis 2"},
		{"GARFIELD papers, box 2", "GARFIELD papers, box 2"},
	} {
		d := *letter
		d.Sources = []recto.Source{{Repository: ref.GARF, Citation: tt.citation}}
		ris := cite.RIS(&d, options)
		if got := risTag(ris, "DB"); !equal(got, []string{"GARF"}) {
			t.Errorf("%q: RIS DB %q, want GARF", tt.citation, got)
		}
		if got := risTag(ris, "AN"); !equal(got, []string{tt.location}) {
			t.Errorf("%q: RIS AN %q, want %q", tt.citation, got, tt.location)
		}
		csl := cite.CSL(&d, options)
		if csl.Archive != "GARF" || csl.ArchiveLocation != tt.location || csl.ArchivePlace != "Moscow" {
			t.Errorf("%q: CSL archive %q, archive_location %q, archive-place %q", tt.citation, csl.Archive, csl.ArchiveLocation, csl.ArchivePlace)
		}
		if got := meta(&d, "z.archive"); !equal(got, []string{"GARF"}) {
			t.Errorf("%q: z.archive %q, want GARF", tt.citation, got)
		}
		if got := meta(&d, "z.archiveLocation"); !equal(got, []string{tt.location}) {
			t.Errorf("%q: z.archiveLocation %q, want %q", tt.citation, got, tt.location)
		}
		if got := bibField(cite.BibLaTeX(&d, options), "library"); !strings.Contains(got, "GARF") {
			t.Errorf("%q: biblatex library %s names no repository", tt.citation, got)
		}
		if got := bibField(cite.BibTeX(&d, options), "note"); !strings.Contains(got, "GARF") {
			t.Errorf("%q: BibTeX note %s names no repository", tt.citation, got)
		}
	}
}

// TestChicagoQuotes: a title within a title gets curly single quotation
// marks inside the double ones, with the comma or full stop inside both;
// straight marks and apostrophes become curly.
func TestChicagoQuotes(t *testing.T) {
	_, letter := loadReference(t)
	tests := []struct{ title, note, bibliography string }{
		{`Comments on "The Long Telegram"`, `“Comments on ‘The Long Telegram,’” April`, `“Comments on ‘The Long Telegram.’” April`},
		{`Review of “Memoirs” by Zhukov`, `“Review of ‘Memoirs’ by Zhukov,” April`, `“Review of ‘Memoirs’ by Zhukov.” April`},
		{`On 'Socialism in One Country'`, `“On ‘Socialism in One Country,’” April`, `“On ‘Socialism in One Country.’” April`},
		{`Stalin's Reply`, `“Stalin’s Reply,” April`, `“Stalin’s Reply.” April`},
		{`Letter to the Soldiers'`, `“Letter to the Soldiers’,” April`, `“Letter to the Soldiers’.” April`},
		{`Who Lost "China?"`, `“Who Lost ‘China?’” April`, `“Who Lost ‘China?’” April`},
		{`Report ("Secret")`, `“Report (‘Secret’),” April`, `“Report (‘Secret’).” April`},
	}
	for _, tt := range tests {
		d := *letter
		d.Title = tt.title
		if got := cite.Note(&d, options); !strings.Contains(got, tt.note) {
			t.Errorf("note of %s:\ngot  %s\nwant %s…", tt.title, got, tt.note)
		}
		if got := cite.Bibliography(&d, options); !strings.Contains(got, tt.bibliography) {
			t.Errorf("bibliography of %s:\ngot  %s\nwant %s…", tt.title, got, tt.bibliography)
		}
	}
}

// zoteroRISDate is the pattern by which Zotero's RIS import reads DA
// ("YYYY/MM/DD/other, everything but year optional", RIS.js,
// dateRIStoZotero); a value it does not match is kept as text, without a
// year.
var zoteroRISDate = regexp.MustCompile(`^(\d+)(?:/(\d{0,2})(?:/(\d{0,2})(?:(?:/|\s)([^/]*))?)?)?$`)

// TestInexactDates: each EDTF level 1 shape keeps its year in RIS DA, as
// Zotero reads it, and in CSL date-parts, with circa or a range for what
// is not exact.
func TestInexactDates(t *testing.T) {
	_, letter := loadReference(t)
	tests := []struct {
		edtf, da, year, csl string
	}{
		{"194X", "1940///1940s", "1940", `{"date-parts":[[1940],[1949]]}`},
		{"19XX", "1900///1900s", "1900", `{"date-parts":[[1900],[1999]]}`},
		{"1945-04?", "1945/04//April 1945?", "1945", `{"date-parts":[[1945,4]],"circa":true}`},
		{"1950~", "1950///c. 1950", "1950", `{"date-parts":[[1950]],"circa":true}`},
		{"1945-04/1945-06", "1945/04//April–June 1945", "1945", `{"date-parts":[[1945,4],[1945,6]]}`},
		{"../1930", "1930///until 1930", "1930", `{"date-parts":[[1930]],"literal":"until 1930"}`},
		{"/1930", "1930///unknown–1930", "1930", `{"date-parts":[[1930]],"literal":"unknown–1930"}`},
		{"1944-11-XX", "1944/11//", "1944", `{"date-parts":[[1944,11]]}`},
		{"1945-22", "1945///Summer 1945", "1945", `{"date-parts":[[1945]],"season":2}`},
		{"194X/1950~", "1940///1940s–c. 1950", "1940", `{"date-parts":[[1940],[1950]],"circa":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.edtf, func(t *testing.T) {
			d := *letter
			d.Date = edtf.MustParse(tt.edtf)
			da := risTag(cite.RIS(&d, options), "DA")
			if !equal(da, []string{tt.da}) {
				t.Fatalf("RIS DA %q, want %q", da, tt.da)
			}
			if m := zoteroRISDate.FindStringSubmatch(da[0]); m == nil || m[1] != tt.year {
				t.Errorf("Zotero reads DA %q as %q, want the year %s", da[0], m, tt.year)
			}
			issued, err := json.Marshal(cite.CSL(&d, options).Issued)
			if err != nil {
				t.Fatal(err)
			}
			if string(issued) != tt.csl {
				t.Errorf("CSL issued %s, want %s", issued, tt.csl)
			}
		})
	}
}

// TestISO8601: the date as ISO 8601 without EDTF's extensions, never an
// EDTF string such as 194X or 1945-04?.
func TestISO8601(t *testing.T) {
	iso := regexp.MustCompile(`^-?\d{4}(-\d{2}(-\d{2})?)?(/-?\d{4}(-\d{2}(-\d{2})?)?)?$`)
	tests := map[string]string{
		"1945-04-22": "1945-04-22", "1934-06": "1934-06", "1936": "1936",
		"194X": "1940/1949", "19XX": "1900/1999", "1945-04?": "1945-04", "1950~": "1950", "1945%": "1945",
		"1945-04/1945-06": "1945-04/1945-06", "194X/1955": "1940/1955", "1944~/1945-03?": "1944/1945-03",
		"1944-11-XX": "1944-11", "1945-XX": "1945", "1945-21": "1945", "-0044": "-0044",
		"1945-04-22T10:00:00": "1945-04-22",
		"../1930":             "", "1945/..": "", "/1930": "", "Y12345": "",
	}
	for in, want := range tests {
		got := cite.ISO8601(edtf.MustParse(in))
		if got != want {
			t.Errorf("ISO8601(%s) = %q, want %q", in, got, want)
		}
		if got != "" && !iso.MatchString(got) {
			t.Errorf("ISO8601(%s) = %q is not ISO 8601", in, got)
		}
	}
	if got := cite.ISO8601(edtf.Date{}); got != "" {
		t.Errorf("ISO8601 of no date = %q", got)
	}
}

// TestMetaTags: the page metadata Zotero's Embedded Metadata translator
// reads carries the archive, the archival location, the translators, the
// original's language and the date, each in its tag.
func TestMetaTags(t *testing.T) {
	ref, letter := loadReference(t)
	noAuthor := *letter
	noAuthor.Credits = nil
	for _, tt := range []struct {
		name string
		d    *recto.Document
		date string
		want map[string][]string
	}{
		{"letter", letter, "", map[string][]string{
			"citation_title":      {letter.Title},
			"citation_author":     {"Alihan Tore"},
			"citation_date":       {"1945-04-22"},
			"citation_public_url": {options.URL(letter)},
			"citation_language":   {"ru"},
			"z.itemType":          {"manuscript"},
			"z.manuscriptType":    {"letter"},
			"z.archive":           {"GARF"},
			"z.archiveLocation":   {"Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359"},
			"z.translators":       {"Goldberg, Gary"},
		}},
		{"decade", letter, "194X", map[string][]string{"citation_date": {"1940–1949"}}},
		{"interval", letter, "1945-04/1945-06", map[string][]string{"citation_date": {"April–June 1945"}}},
		{"circa", letter, "1950~", map[string][]string{"citation_date": {"c. 1950"}}},
		{"no author", &noAuthor, "", map[string][]string{"citation_author": nil, "z.translators": {"Goldberg, Gary"}}},
	} {
		d := *tt.d
		if tt.date != "" {
			d.Date = edtf.MustParse(tt.date)
		}
		for name, want := range tt.want {
			if got := meta(&d, name); !equal(got, want) {
				t.Errorf("%s: %s = %q, want %q", tt.name, name, got, want)
			}
		}
	}
	if ref.GARF.ShortName != "GARF" {
		t.Fatal("the fixture's repository changed")
	}
}
