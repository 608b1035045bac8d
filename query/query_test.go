package query

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto/edtf"
)

// cases maps queries to their canonical form and to substrings of the
// problems they should report, in order. A case without problems is valid.
var cases = []struct {
	q, want  string
	problems []string
}{
	// Words.
	{"", "", nil},
	{"  \t\n ", "", nil},
	{"stalin", "stalin", nil},
	{"  stalin \t molotov\n", "stalin molotov", nil},
	{"Stalin", "Stalin", nil},
	{"Alma-Ata", "Alma-Ata", nil},
	{"a- b", "a- b", nil},
	{"Москва Сталин", "Москва Сталин", nil},
	{"伊宁 贸易", "伊宁 贸易", nil},
	{"قەشقەر", "قەشقەر", nil},
	{"don't", "don't", nil},
	{"10:30", "10:30", nil},
	{"R-9401ss:2", "R-9401ss:2", nil},
	{"meeting at 10:30 1945:", "meeting at 10:30 1945:", nil},
	{"a\u00a0b", "a b", nil}, // a no-break space separates words

	// Phrases.
	{`"non-aggression pact"`, `"non-aggression pact"`, nil},
	{`“non-aggression pact”`, `"non-aggression pact"`, nil},
	{`”mixed quotes"`, `"mixed quotes"`, nil},
	{`"  inner   spaces kept "`, `"inner   spaces kept"`, nil},
	{`"伊宁 贸易"`, `"伊宁 贸易"`, nil},
	{`a"b"c`, `a "b" c`, nil},
	{`"OR"`, `"OR"`, nil},
	{`"title:pact"`, `"title:pact"`, nil},

	// OR and precedence.
	{"stalin OR molotov", "stalin OR molotov", nil},
	{"a OR b OR c", "a OR b OR c", nil},
	{"a or b", "a or b", nil},
	{"a Or b", "a Or b", nil},
	{"a b OR c d", "a b OR c d", nil},
	{"(a OR b) OR c", "a OR b OR c", nil},
	{"a OR (b OR c)", "a OR b OR c", nil},
	{"(a b) OR c", "(a b) OR c", nil},
	{"(a b OR c) OR d", "(a b OR c) OR d", nil},
	{"a OR(b)", "a OR b", nil},
	{"OR*", "OR*", nil},

	// Exclusion.
	{"-molotov", "-molotov", nil},
	{`-"five-year plan"`, `-"five-year plan"`, nil},
	{"-person:molotov", "-person:molotov", nil},
	{"-date:1945", "-date:1945", nil},
	{"-(a OR b)", "-(a OR b)", nil},
	{"-(a b)", "-(a b)", nil},
	{"-(a)", "-a", nil},
	{"-(a -b)", "-(a -b)", nil},
	{"(-a b) OR c", "(-a b) OR c", nil},
	{"--a", "a", nil},
	{"-(-a)", "a", nil},
	{"-:x", "-:x", nil},
	{"-Alma-Ata", "-Alma-Ata", nil},

	// Prefixes.
	{"stal*", "stal*", nil},
	{"Моск*", "Моск*", nil},
	{"-stal*", "-stal*", nil},

	// Grouping.
	{"(kulja OR ghulja) trade", "kulja OR ghulja trade", nil},
	{"(a (b c)) d", "a b c d", nil},
	{"((a))", "a", nil},
	{"(a OR (b c)) d", "a OR (b c) d", nil},
	{"(a b) (c d)", "a b c d", nil},

	// Fields.
	{"title:pact", "title:pact", nil},
	{"TITLE:pact", "title:pact", nil},
	{"Person:Stalin", "person:Stalin", nil},
	{`person:"Joseph Stalin"`, `person:"Joseph Stalin"`, nil},
	{`person:“Joseph Stalin”`, `person:"Joseph Stalin"`, nil},
	{"title:stal*", "title:stal*", nil},
	{`title:"five-year plan"`, `title:"five-year plan"`, nil},
	{"place:Ghulja", "place:Ghulja", nil},
	{"place:Кульджа", "place:Кульджа", nil},
	{"subject:trade", "subject:trade", nil},
	{"collection:xinjiang", "collection:xinjiang", nil},
	{"repository:GARF", "repository:GARF", nil},
	{"lang:ru", "lang:ru", nil},
	{"translator:popova", "translator:popova", nil},
	{"classification:secret", "classification:secret", nil},
	{"type:telegram", "type:telegram", nil},
	{"title:OR", "title:OR", nil},
	{"title:a:b", "title:a:b", nil},
	{"title:-x", "title:-x", nil},
	{`title:pact"signed"`, `title:pact "signed"`, nil},
	{"place:Ghulja OR place:Kulja", "place:Ghulja OR place:Kulja", nil},

	// Dates.
	{"date:1945", "date:1945", nil},
	{"DATE:1945-04", "date:1945-04", nil},
	{"date:1945-04-22", "date:1945-04-22", nil},
	{"date:1944..1949", "date:1944..1949", nil},
	{"date:1944-06..1945-02", "date:1944-06..1945-02", nil},
	{"date:..1949", "date:..1949", nil},
	{"date:1944..", "date:1944..", nil},
	{"date:194X", "date:194X", nil},
	{"date:194x", "date:194x", nil},
	{"date:1944/1949", "date:1944/1949", nil},
	{`date:"1945"`, "date:1945", nil},

	// Quotes.
	{`"unclosed phrase`, `"unclosed phrase"`, []string{"Missing closing quote: treated the rest as a phrase."}},
	{`a “unclosed`, `a "unclosed"`, []string{"Missing closing quote"}},
	{`a ""`, "a", []string{`Empty quotes`}},
	{`a "`, "a", []string{"quote mark with nothing after it"}},
	{`-"" a`, "a", []string{`Empty quotes`}},
	{`a "" b "" c`, "a b c", []string{`Empty quotes`}},

	// Parentheses.
	{"(a b", "a b", []string{"Missing closing parenthesis"}},
	{"c OR (a b", "c OR (a b)", []string{"Missing closing parenthesis"}},
	{"a b)", "a b", []string{`Unmatched closing parenthesis`}},
	{"a)) b)", "a b", []string{`Unmatched closing parenthesis`}},
	{")(a", "a", []string{`Unmatched closing parenthesis`, "Missing closing parenthesis"}},
	{"a () b", "a b", []string{`Empty parentheses`}},
	{"-() a", "a", []string{`Empty parentheses`}},

	// OR in the wrong place.
	{"OR a", "a", []string{"OR needs an item on each side"}},
	{"a OR", "a", []string{"OR needs an item on each side"}},
	{"a OR OR b", "a OR b", []string{"OR needs an item on each side"}},
	{"(a OR) b", "a b", []string{"OR needs an item on each side"}},
	{"(OR)", "", []string{"OR needs an item on each side"}},
	{"-a OR b", "-a b", []string{"OR cannot join an exclusion (-a): the OR was ignored."}},
	{"a OR -b", "a -b", []string{"OR cannot join an exclusion (-b)"}},
	{"a OR (-b) c", "a -b c", []string{"OR cannot join an exclusion (-b)"}},

	// "-" in the wrong place.
	{"- a", "a", []string{`A "-" with nothing right after it`}},
	{"a -", "a", []string{`A "-" with nothing right after it`}},
	{"(a -)", "a", []string{`A "-" with nothing right after it`}},
	{"-OR a", "a", []string{`A "-" with nothing right after it`}},
	{"- OR a", "a", []string{`A "-" with nothing right after it`}},

	// "*" in the wrong place.
	{"*", "", []string{`A "*" only works at the end of a word`}},
	{"a * b", "a b", []string{`A "*" only works at the end of a word`}},
	{"st*lin", "stlin", []string{`A "*" only works at the end of a word`}},
	{"stal**", "stal*", []string{`A "*" only works at the end of a word`}},
	{"-* a", "a", []string{`A "*" only works at the end of a word`}},
	{`"pact"*`, `"pact"`, []string{`A "*" only works at the end of a word`}},
	{"O*R a", "a", []string{`A "*" only works at the end of a word`, "OR needs an item on each side"}},
	{"*a:b", "a b", []string{`A "*" only works at the end of a word`, `Unknown field "a:"`}},
	{"*-a *-", "a", []string{`A "*" only works at the end of a word`}},
	{"*-title:a", "title:a", []string{`A "*" only works at the end of a word`}},
	{"ti*tle:pact", "title:pact", []string{`A "*" only works at the end of a word`}},
	{"person:stal*", "person:stal", []string{`A "*" only works with title:, not with person:`}},

	// Unknown fields and empty values.
	{"foo:bar", "foo bar", []string{`Unknown field "foo:" — known fields are title, person, place, subject, collection, repository, lang, translator, classification, type, date.`}},
	{"Foo:bar", "Foo bar", []string{`Unknown field "Foo:"`}},
	{"foo:", "foo", []string{`Unknown field "foo:"`}},
	{`foo:"a b"`, `foo "a b"`, []string{`Unknown field "foo:"`}},
	{"foo:-bar", "foo -bar", []string{`Unknown field "foo:"`}},
	{"a:b:c", "a b c", []string{`Unknown field "a:"`, `Unknown field "b:"`}},
	{"OR:a b", "a b", []string{`Unknown field "OR:"`, "OR needs an item on each side"}},
	{"title:", "", []string{`"title:" needs a word or a "quoted phrase" right after the colon`}},
	{"title: pact", "pact", []string{`"title:" needs a word`}},
	{`title:""`, "", []string{`"title:" needs a word`}},
	{`title:"`, "", []string{`"title:" needs a word`}},
	{"title:(a b)", "a b", []string{`"title:" needs a word`}},
	{"title:*", "", []string{`"title:" needs a word`}},
	{`person:"Joseph`, `person:"Joseph"`, []string{"Missing closing quote"}},

	// Invalid dates.
	{"date:1945-13", "", []string{`Invalid date "1945-13": month 13 is out of range (01-12). Dates look like`}},
	{"date:soon", "", []string{`Invalid date "soon"`}},
	{"date:1950..1940", "", []string{`Invalid date "1950..1940": interval ends before it starts`}},
	{"date:..", "", []string{`Invalid date "..": an interval needs a date on at least one side`}},
	{"date:1944..1949..1950", "", []string{`Invalid date "1944..1949..1950"`}},
	{"date:1945*", "date:1945", []string{`A "*" only works with title:, not with date:`}},
	{"-date:1945-13 a", "a", []string{`Invalid date "1945-13"`}},
	{`date:"1944 .. 1949"`, "", []string{`Invalid date "1944 .. 1949"`}},
}

func TestParse(t *testing.T) {
	for _, c := range cases {
		tree, problems := Parse(c.q)
		if got := String(tree); got != c.want {
			t.Errorf("String(Parse(%q)) = %q, want %q", c.q, got, c.want)
		}
		checkProblems(t, c.q, problems, c.problems)
	}
}

func checkProblems(t *testing.T, q string, got []Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("Parse(%q) problems = %v, want %q", q, got, want)
		return
	}
	for i, w := range want {
		if !strings.Contains(got[i].Message, w) {
			t.Errorf("Parse(%q) problem %d = %q, want it to contain %q", q, i, got[i].Message, w)
		}
		if got[i].Offset < 0 || got[i].Offset > len(q) {
			t.Errorf("Parse(%q) problem %d offset %d is outside the query", q, i, got[i].Offset)
		}
	}
}

// TestRoundTrip checks that the canonical form of every table query parses
// back to the same tree without problems.
func TestRoundTrip(t *testing.T) {
	for _, c := range cases {
		checkRoundTrip(t, c.q)
	}
	for _, q := range limitQueries() {
		checkRoundTrip(t, q)
	}
}

func checkRoundTrip(t *testing.T, q string) {
	t.Helper()
	tree, _ := Parse(q)
	s := String(tree)
	again, problems := Parse(s)
	if len(problems) > 0 {
		t.Errorf("Parse(%q): canonical form %q has problems %v", q, s, problems)
	}
	if !reflect.DeepEqual(again, tree) {
		t.Errorf("Parse(%q): canonical form %q parses to %#v, not %#v", q, s, again, tree)
	}
}

func TestTrees(t *testing.T) {
	a, b, c, d := &Term{Text: "a"}, &Term{Text: "b"}, &Term{Text: "c"}, &Term{Text: "d"}
	tests := []struct {
		q    string
		want *And
	}{
		{"", &And{}},
		{"a b OR c d", &And{Nodes: []Node{a, &Or{Nodes: []Node{b, c}}, d}}},
		{"-a OR b", &And{Nodes: []Node{&Not{Node: a}, b}}},
		{"(a OR b) (c OR d)", &And{Nodes: []Node{&Or{Nodes: []Node{a, b}}, &Or{Nodes: []Node{c, d}}}}},
		{"a OR (b c) OR d", &And{Nodes: []Node{&Or{Nodes: []Node{a, &And{Nodes: []Node{b, c}}, d}}}}},
		{"-(a OR (b -c))", &And{Nodes: []Node{&Not{Node: &Or{Nodes: []Node{a, &And{Nodes: []Node{b, &Not{Node: c}}}}}}}}},
		{"((a OR b) c) OR d", &And{Nodes: []Node{&Or{Nodes: []Node{&And{Nodes: []Node{&Or{Nodes: []Node{a, b}}, c}}, d}}}}},
		{"stal* Alma-Ata", &And{Nodes: []Node{&Term{Text: "stal", Prefix: true}, &Term{Text: "Alma-Ata"}}}},
		{`"a b" -Title:"c d" title:e*`, &And{Nodes: []Node{
			&Phrase{Text: "a b"},
			&Not{Node: &Field{Name: "title", Value: "c d", Phrase: true}},
			&Field{Name: "title", Value: "e", Prefix: true},
		}}},
	}
	for _, tt := range tests {
		if got, _ := Parse(tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %s, want %s", tt.q, String(got), String(tt.want))
		}
	}
}

func TestDates(t *testing.T) {
	day := edtf.DayOf
	y1944, _ := edtf.YearSpan(1944)
	y1945a, y1945b := edtf.YearSpan(1945)
	_, y1949 := edtf.YearSpan(1949)
	m1945a, m1945b := edtf.MonthSpan(1945, 4)
	jun1944, _ := edtf.MonthSpan(1944, 6)
	_, feb1945 := edtf.MonthSpan(1945, 2)
	tests := []struct {
		q        string
		from, to edtf.Day
		open     [2]bool
	}{
		{"date:1945", y1945a, y1945b, [2]bool{}},
		{"date:1945-04", m1945a, m1945b, [2]bool{}},
		{"date:1945-04-22", day(1945, 4, 22), day(1945, 4, 22), [2]bool{}},
		{"date:1944..1949", y1944, y1949, [2]bool{}},
		{"date:1944-06..1945-02", jun1944, feb1945, [2]bool{}},
		{"date:1945-04-22..1945-04-22", day(1945, 4, 22), day(1945, 4, 22), [2]bool{}},
		{"date:..1949", 0, y1949, [2]bool{true, false}},
		{"date:1944..", y1944, 0, [2]bool{false, true}},
		{"date:194X", day(1940, 1, 1), day(1949, 12, 31), [2]bool{}},
		{"date:194x..1945-04", day(1940, 1, 1), m1945b, [2]bool{}},
		{"date:1944/1949", y1944, y1949, [2]bool{}},
		{"date:../1949", 0, y1949, [2]bool{true, false}},
		{`date:"1945"`, y1945a, y1945b, [2]bool{}},
		{"date:1945-04-22T10:30:00", day(1945, 4, 22), day(1945, 4, 22), [2]bool{}},
		{"date:-0044-03-15", day(-44, 3, 15), day(-44, 3, 15), [2]bool{}},
	}
	for _, tt := range tests {
		tree, problems := Parse(tt.q)
		if len(problems) > 0 || len(tree.Nodes) != 1 {
			t.Errorf("Parse(%q) = %s, %v", tt.q, String(tree), problems)
			continue
		}
		r, ok := tree.Nodes[0].(*DateRange)
		if !ok {
			t.Errorf("Parse(%q) = %#v, want a *DateRange", tt.q, tree.Nodes[0])
			continue
		}
		if r.From != tt.from || r.To != tt.to || r.Open != tt.open {
			t.Errorf("Parse(%q) = %s..%s open %v, want %s..%s open %v", tt.q, r.From, r.To, r.Open, tt.from, tt.to, tt.open)
		}
		if want := strings.Trim(strings.TrimPrefix(tt.q, "date:"), `"`); r.Text != want {
			t.Errorf("Parse(%q).Text = %q", tt.q, r.Text)
		}
	}
}

func TestStringOfBuiltTrees(t *testing.T) {
	from, to := edtf.YearSpan(1945)
	tests := []struct {
		n    Node
		want string
	}{
		{&DateRange{From: from, To: to}, "date:1945-01-01..1945-12-31"},
		{&DateRange{To: to, Open: [2]bool{true, false}}, "date:..1945-12-31"},
		{&Not{Node: &Phrase{Text: "a b"}}, `-"a b"`},
		{&Field{Name: "Person", Value: "Stalin"}, "person:Stalin"},
		{&Or{Nodes: []Node{&Term{Text: "a"}, &Not{Node: &Term{Text: "b"}}}}, "a OR (-b)"},
		{&And{Nodes: []Node{&Term{Text: "a"}, &And{Nodes: []Node{&Term{Text: "b"}, &Term{Text: "c"}}}}}, "a (b c)"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := String(tt.n); got != tt.want {
			t.Errorf("String(%#v) = %q, want %q", tt.n, got, tt.want)
		}
	}
	// A range written from its days parses back to the same days.
	tree, problems := Parse(String(tests[0].n))
	if r, ok := tree.Nodes[0].(*DateRange); len(problems) > 0 || !ok || r.From != from || r.To != to {
		t.Errorf("Parse(%q) = %#v, %v", String(tests[0].n), tree.Nodes[0], problems)
	}
}

func TestWalk(t *testing.T) {
	tree, _ := Parse(`a -(b OR "c d") -person:f`)
	var got []string
	Walk(tree, func(n Node, negated bool) {
		s := String(n)
		if negated {
			s = "!" + s
		}
		got = append(got, s)
	})
	want := []string{
		`a -(b OR "c d") -person:f`, "a", `-(b OR "c d")`, `!b OR "c d"`, "!b", `!"c d"`, "-person:f", "!person:f",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Walk visited %q, want %q", got, want)
	}
}

func TestIsEmpty(t *testing.T) {
	for q, want := range map[string]bool{"": true, "  ": true, "()": true, "*": true, "a": false, "-a": false} {
		if tree, _ := Parse(q); tree.IsEmpty() != want {
			t.Errorf("Parse(%q).IsEmpty() = %v, want %v", q, !want, want)
		}
	}
	if !(*And)(nil).IsEmpty() {
		t.Error("a nil *And is not empty")
	}
}

// words returns w1, w2 … wn.
func words(n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = "w" + strconv.Itoa(i+1)
	}
	return w
}

func limitQueries() []string {
	return []string{
		strings.Join(words(64), " "),
		strings.Join(words(65), " "),
		"(" + strings.Join(words(70), " ") + ")",
		strings.Join(words(64), " ") + " OR w -x",
		strings.Repeat("я", 1001),
		`"` + strings.Repeat("a ", 1000) + `"`,
		strings.Repeat(" ", 5000) + "a",
		strings.Repeat(")", 100000) + "a",
		strings.Repeat("(", 999) + "a",
		strings.Repeat("(", 500) + "a" + strings.Repeat(")", 500),
		strings.Repeat("-(a ", 300),
		strings.Repeat(")", 7000) + "a",
		strings.Repeat(" ", 900_000) + "a",
		"a" + strings.Repeat(" ", 7998) + "伊宁",
	}
}

func TestLimits(t *testing.T) {
	q := limitQueries()
	tests := []struct {
		q, want  string
		problems []string
	}{
		{q[0], q[0], nil},
		{q[1], q[0], []string{"too many items: only the first 64 were used"}},
		{q[2], q[0], []string{"too many items"}},
		{q[3], q[0], []string{"too many items"}},
		{q[4], strings.Repeat("я", 1000), []string{"too long: only its first 1,000 characters were used"}},
		{q[5], `"` + strings.Repeat("a ", 499) + `a"`, []string{"too long"}},
		{q[6], "a", nil},
		// Dropped characters count towards the bytes read: a query of
		// 100,000 ")" is read no further than 8,000 bytes.
		{q[7], "", []string{"Unmatched closing parenthesis", "too long: only its first 8,000 bytes were used"}},
		{q[8], "a", []string{"Missing closing parenthesis"}},
		{q[9], "a", nil},
		{q[10], strings.Repeat("-(a ", 63) + "-a" + strings.Repeat(")", 63), []string{"too many items"}},
		{q[11], "a", []string{"Unmatched closing parenthesis"}},
		{q[12], "", []string{"8,000 bytes"}},
		{q[13], "a", []string{"8,000 bytes"}}, // not half a character either
	}
	for _, tt := range tests {
		tree, problems := Parse(tt.q)
		if got := String(tree); got != tt.want {
			t.Errorf("String(Parse(%.40q…)) = %.40q…, want %.40q…", tt.q, got, tt.want)
		}
		checkProblems(t, tt.q, problems, tt.problems)
	}
	// The limits keep the offsets of the whole query.
	if _, problems := Parse(q[1]); problems[0].Offset != strings.Index(q[1], words(65)[64]) {
		t.Errorf("too many items reported at %d", problems[0].Offset)
	}
}

// Cut returns the part of a query that Parse reads, and the problem saying
// which limit stopped it, so that what is shown back is what was searched.
func TestCut(t *testing.T) {
	q := limitQueries()
	tests := []struct {
		q, want string
		problem string
	}{
		{"stalin molotov", "stalin molotov", ""},
		{`"unclosed phrase`, `"unclosed phrase`, ""},
		{q[1], q[0] + " ", "too many items"},
		{q[3], q[0] + " OR ", "too many items"},
		{q[4], strings.Repeat("я", 1000), "1,000 characters"},
		{q[6], q[6], ""},
		{q[7], q[7][:8000], "8,000 bytes"},
		{q[12], q[12][:8000], "8,000 bytes"},
		{q[13], q[13][:7999], "8,000 bytes"},
	}
	for _, tt := range tests {
		got, problems := Cut(tt.q)
		if got != tt.want {
			t.Errorf("Cut(%.40q…) = %.40q… (%d bytes), want %.40q… (%d bytes)", tt.q, got, len(got), tt.want, len(tt.want))
		}
		if tt.problem == "" && len(problems) > 0 || tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0].Message, tt.problem)) {
			t.Errorf("Cut(%.40q…) problems %v, want one about %q", tt.q, problems, tt.problem)
		}
		// Parsing the part finds what parsing the whole finds.
		whole, _ := Parse(tt.q)
		part, _ := Parse(got)
		if !reflect.DeepEqual(whole, part) {
			t.Errorf("Parse(Cut(%.40q…)) = %.80q, Parse of the whole = %.80q", tt.q, String(part), String(whole))
		}
	}
}

func BenchmarkParse(b *testing.B) {
	const q = `person:stalin (kulja OR ghulja) "trade agreement" -molotov date:1944..1949 title:soviet* Кульджа`
	for b.Loop() {
		Parse(q)
	}
}
