package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// tok is a Token with copied bytes, for comparing.
type tok struct {
	Term, Surface   string
	Pos, Start, End int
}

func analyze(a *Analyzer, text string, pos0 int) ([]tok, int) {
	var out []tok
	next := a.Analyze(text, pos0, func(t Token) {
		out = append(out, tok{string(t.Term), string(t.Surface), t.Pos, t.Start, t.End})
	})
	return out, next
}

// terms returns the index terms of text.
func terms(a *Analyzer, text string) []string {
	toks, _ := analyze(a, text, 0)
	var out []string
	for _, t := range toks {
		out = append(out, t.Term)
	}
	return out
}

func intersects(x, y []string) bool {
	for _, s := range x {
		if slices.Contains(y, s) {
			return true
		}
	}
	return false
}

func TestSplit(t *testing.T) {
	type w struct {
		Text  string
		Class class
	}
	L, C, K, O := clLatin, clCyrillic, clCJK, clOther
	tests := []struct {
		in   string
		want []w
	}{
		{"Stalin's letters", []w{{"Stalin's", L}, {"letters", L}}},
		{"Stalin’s", []w{{"Stalin’s", L}}},
		{"'tis the soldiers' O'Brien", []w{{"tis", L}, {"the", L}, {"soldiers", L}, {"O'Brien", L}}},
		{"80's rock'n'roll", []w{{"80's", L}, {"rock'n'roll", L}}},
		{"it's'", []w{{"it's", L}}},
		{"Molotov-Ribbentrop pact", []w{{"Molotov", L}, {"Ribbentrop", L}, {"pact", L}}},
		{"r9401ss 1945 3.14", []w{{"r9401ss", L}, {"1945", L}, {"3", L}, {"14", L}}},
		{"1945年", []w{{"1945", L}, {"年", K}}},
		{"Ту144", []w{{"Ту", C}, {"144", L}}},
		{"abcабв", []w{{"abc", L}, {"абв", C}}},
		{"Привет, мир!", []w{{"Привет", C}, {"мир", C}}},
		{"м'ясо п’ять", []w{{"м'ясо", C}, {"п’ять", C}}},
		{"Gorʹkiĭ", []w{{"Gorʹkiĭ", L}}},
		{"e\u0301cole", []w{{"e\u0301cole", L}}},
		{"\u0301abc", []w{{"abc", L}}},
		{"コーヒー、東京タワー", []w{{"コーヒー", K}, {"東京タワー", K}}},
		{"ｶﾞｷﾞ", []w{{"ｶﾞｷﾞ", K}}},
		{"한국어 문서", []w{{"한국어", K}, {"문서", K}}},
		{"العَرَبِيَّة ١٩٤٥", []w{{"العَرَبِيَّة", O}, {"١٩٤٥", L}}},
		{"Ελληνικά", []w{{"Ελληνικά", O}}},
		{"Älihan Töre", []w{{"Älihan", L}, {"Töre", L}}},
		{"a×b", []w{{"a", L}, {"b", L}}},
		{"北京条约", []w{{"北京条约", K}}},
		{"", nil},
		{" ,.;— ", nil},
	}
	for _, tt := range tests {
		var got []w
		for i := 0; ; {
			wd, ok := nextWord(tt.in, i)
			if !ok {
				break
			}
			got = append(got, w{tt.in[wd.start:wd.end], wd.cl})
			i = wd.end
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("words of %q (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Töre", "tore"},
		{"TORE", "tore"},
		{"Tore", "tore"},
		{"  Älihan   TÖRE ", "alihan tore"},
		{"Größe GROẞE", "grosse grosse"},
		{"Ælfric Œuvre", "aelfric oeuvre"},
		{"Łódź", "lodz"},
		{"Øresund Đorđe Ðóra Þór", "oresund dorde dora thor"},
		{"Iıİi", "iiii"},
		{"coŀlecció", "colleccio"},
		{"ﬁnance", "finance"},
		{"e\u0301cole", "ecole"},
		{"Ёлка ёж", "елка еж"},
		{"йод ЙОД", "йод йод"},
		{"и\u0306од", "йод"},
		{"за\u0301мок", "замок"},
		{"Київ Ўзбекистон Ќерка Ѓорѓи", "київ ўзбекистон ќерка ѓорѓи"},
		{"Ѐ ѝ", "е и"},
		{"м'ясо", "мясо"},
		{"Stalin’s", "stalin's"},
		{"Gorʹkiĭ", "gorkii"},
		{"العَرَبِيَّة", "العربية"},
		{"كـتـاب", "كتاب"},
		{"کی", "كي"},
		{"ٱلله", "الله"},
		{"ئۇيغۇر", "يۇيغۇر"},
		{"Ἀθῆναι ΟΔΟΣ οδος", "αθηναι οδοσ οδοσ"},
		{"שָׁלוֹם", "שלום"},
		{"١٩٤٥ ۱۳۵۰ १९४७ １９４５", "1945 1350 1947 1945"},
		{"Ⅻ", "xii"},
		{"1945年", "1945 年"},
		{"ｶﾞｷﾞ コーヒー", "ガギ コーヒー"},
		{"한국어", "한국어"},
		{"ͺ", "ͺ"},
		{"", ""},
		{"—", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDigitTable checks the property digitValue relies on: every range of
// decimal digits is a whole number of 0–9 runs.
func TestDigitTable(t *testing.T) {
	check := func(lo, hi, stride uint32) {
		if stride != 1 || (hi-lo+1)%10 != 0 {
			t.Errorf("Nd range %#x..%#x stride %d is not runs of ten digits", lo, hi, stride)
		}
	}
	for _, r := range unicode.Nd.R16 {
		check(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
	}
	for _, r := range unicode.Nd.R32 {
		check(r.Lo, r.Hi, r.Stride)
	}
	for r, want := range map[rune]int{'٠': 0, '٩': 9, '۵': 5, '७': 7, '𝟗': 9, '𝟘': 0, '𑁦': 0} {
		if got := digitValue(r); got != want {
			t.Errorf("digitValue(%q) = %d, want %d", r, got, want)
		}
	}
}

func TestStemming(t *testing.T) {
	a := NewAnalyzer()
	same := [][]string{
		{"letters", "letter", "Letters"},
		{"negotiations", "negotiation"},
		{"Stalin's", "Stalin", "Stalin’s", "STALIN"},
		{"Töre", "Tore", "TORE"},
		{"письмо", "письма", "письмах", "Письмом"},
		{"революция", "революции", "Революцию"},
		{"ёлка", "елки", "Ёлкой"},
	}
	for _, group := range same {
		first := terms(a, group[0])
		for _, w := range group[1:] {
			if got := terms(a, w); !slices.Equal(got, first) {
				t.Errorf("terms(%q) = %q, want those of %q: %q", w, got, group[0], first)
			}
		}
	}
	// Numbers and words with digits are not stemmed.
	for in, want := range map[string]string{"1940s": "1940s", "r9401ss": "r9401ss", "1945": "1945", "٤٥": "45"} {
		if got := terms(a, in); !slices.Equal(got, []string{want}) {
			t.Errorf("terms(%q) = %q, want [%q]", in, got, want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		in   string
		pos0 int
		want []tok
		next int
	}{
		{"Stalin's letters", 0, []tok{
			{"stalin", "stalin's", 0, 0, 8},
			{"letter", "letters", 1, 9, 16},
		}, 2},
		{"Сталина", 0, []tok{
			{"сталин", "сталина", 0, 0, 14},
			{"stalin", "stalina", 0, 0, 14},
		}, 1},
		{"北京条约", 0, []tok{
			{"北京", "北京", 0, 0, 6},
			{"京条", "京条", 1, 3, 9},
			{"条约", "条约", 2, 6, 12},
		}, 3},
		{"年", 5, []tok{{"年", "年", 5, 0, 3}}, 6},
		{"ｶﾞｷﾞ!", 0, []tok{{"ガギ", "ガギ", 0, 0, 12}}, 1},
		{"Ἀθῆναι", 0, []tok{{"αθηναι", "αθηναι", 0, 0, len("Ἀθῆναι")}}, 1},
		{"Тов. Molotov, 1945年 北京. Ельцин", 100, []tok{
			{"тов", "тов", 100, 0, 6},
			{"tov", "tov", 100, 0, 6},
			{"molotov", "molotov", 101, 8, 15},
			{"1945", "1945", 102, 17, 21},
			{"年", "年", 103, 21, 24},
			{"北京", "北京", 104, 25, 31},
			{"ельцин", "ельцин", 105, 33, 45},
			{"eltsin", "eltsin", 105, 33, 45},
		}, 106},
		{"", 7, nil, 7},
		{"— …", 7, nil, 7},
		{"ь", 0, []tok{{"ь", "ь", 0, 0, 2}}, 1}, // no transliteration to index
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		got, next := analyze(a, tt.in, tt.pos0)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Analyze(%q) (-want +got):\n%s", tt.in, diff)
		}
		if next != tt.next {
			t.Errorf("Analyze(%q, %d) = %d, want %d", tt.in, tt.pos0, next, tt.next)
		}
	}
}

// TestOffsets checks that offsets slice the input exactly at the words.
func TestOffsets(t *testing.T) {
	in := "«Хрущёв’s» visit (1959): Stalin’s, Mao's & 毛泽东 — ｶﾞｷﾞ; Ἀθῆναι! За\u0301мок."
	want := []string{"Хрущёв", "Хрущёв", "s", "visit", "1959", "Stalin’s", "Mao's",
		"毛泽", "泽东", "ｶﾞｷﾞ", "Ἀθῆναι", "За\u0301мок", "За\u0301мок"}
	toks, _ := analyze(NewAnalyzer(), in, 0)
	var got []string
	for _, tk := range toks {
		got = append(got, in[tk.Start:tk.End])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
}

// TestPos0 analyzes two fields into one position space with a gap.
func TestPos0(t *testing.T) {
	a := NewAnalyzer()
	var pos []int
	record := func(t Token) { pos = append(pos, t.Pos) }
	next := a.Analyze("Stalin wrote", 0, record)
	next = a.Analyze("Сталин писал 北京条约", next+100, record)
	if want := []int{0, 1, 102, 102, 103, 103, 104, 105, 106}; !slices.Equal(pos, want) {
		t.Errorf("positions = %v, want %v", pos, want)
	}
	if next != 107 {
		t.Errorf("next = %d, want 107", next)
	}
}

// TestNames checks that Russian names meet across scripts: the Cyrillic
// nominative and genitive are found by the Latin name, and the Cyrillic
// nominative finds the Latin name and its possessive.
func TestNames(t *testing.T) {
	names := []struct {
		latin string
		cyr   []string
	}{
		{"Stalin", []string{"Сталин", "Сталина"}},
		{"Khrushchev", []string{"Хрущёв", "Хрущёва", "Хрущев"}},
		{"Molotov", []string{"Молотов", "Молотова"}},
		{"Brezhnev", []string{"Брежнев", "Брежнева"}},
		{"Gorbachev", []string{"Горбачёв", "Горбачёва"}},
		{"Zhukov", []string{"Жуков", "Жукова"}},
		{"Tolstoy", []string{"Толстой", "Толстого"}},
		{"Dostoevsky", []string{"Достоевский", "Достоевского"}},
		{"Dostoyevsky", []string{"Достоевский", "Достоевского"}},
		{"Trotsky", []string{"Троцкий", "Троцкого"}},
		{"Yeltsin", []string{"Ельцин", "Ельцина"}},
		{"Lenin", []string{"Ленин", "Ленина"}},
		{"Gogol", []string{"Гоголь", "Гоголя"}},
		{"Pushkin", []string{"Пушкин", "Пушкина"}},
	}
	a := NewAnalyzer()
	for _, n := range names {
		q := a.QueryForms(n.latin)
		for _, c := range n.cyr {
			if idx := terms(a, c); !intersects(q, idx) {
				t.Errorf("QueryForms(%q) = %q does not find %q, indexed as %q", n.latin, q, c, idx)
			}
		}
		cq := a.QueryForms(n.cyr[0])
		for _, l := range []string{n.latin, n.latin + "'s", n.latin + "’s", strings.ToUpper(n.latin) + "'S"} {
			if idx := terms(a, l); !intersects(cq, idx) {
				t.Errorf("QueryForms(%q) = %q does not find %q, indexed as %q", n.cyr[0], cq, l, idx)
			}
		}
	}
}

func TestQueryForms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Stalin", []string{"stalin"}},
		{"Stalin's", []string{"stalin"}},
		{"Khrushchev", []string{"khrushchev", "khrushch"}},
		{"Trotsky", []string{"trotski", "trotsk"}},
		{"Töre", []string{"tore", "tor"}},
		{"Älihan", []string{"alihan"}}, // h alone: not a romanised Russian word
		{"letters", []string{"letter", "letters"}},
		{"1945", []string{"1945"}},
		{"r9401ss", []string{"r9401ss"}},
		{"Сталин", []string{"сталин", "stalin"}},
		{"Хрущёв", []string{"хрущ", "khrushch", "khrushchev"}},
		{"Ельцин", []string{"ельцин", "eltsin", "yeltsin"}},
		{"Достоевский", []string{"достоевск", "dostoevsk", "dostoevski", "dostoyevski"}},
		{"письма", []string{"письм", "pism", "pisma"}},
		{"ь", []string{"ь"}},
		{"北京条约", []string{"北京", "京条", "条约"}},
		{"年", []string{"年"}},
		{"Ἀθῆναι", []string{"αθηναι"}},
		{"العَرَبِيَّة", []string{"العربية"}},
		{"1945年", []string{"1945", "年"}},
		{"", nil},
		{"—!", nil},
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, a.QueryForms(tt.in)); diff != "" {
			t.Errorf("QueryForms(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
	}{
		{"Stalin's letters", [][]string{{"stalin"}, {"letter", "letters"}}},
		{"письмо Сталина", [][]string{{"письм", "pism", "pismo"}, {"сталин", "stalin", "stalina"}}},
		{"北京条约 1945年", [][]string{{"北京"}, {"京条"}, {"条约"}, {"1945"}, {"年"}}},
		{"Ἀθῆναι", [][]string{{"αθηναι"}}},
		{"  ", nil},
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, a.QueryTerms(tt.in)); diff != "" {
			t.Errorf("QueryTerms(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTranslit(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Хрущёв, 1956", "khrushchev, 1956"},
		{"Сталин", "stalin"},
		{"Щука Жук Цех Чай Шар Юг Яма Эра", "shchuka zhuk tsekh chay shar yug yama era"},
		{"объявление подъезд мыло", "obyavlenie podezd mylo"},
		{"Троцкий Грозный ГРОЗНЫЙ", "trotsky grozny grozny"},
		{"Юрий, Дмитрий.", "yury, dmitry."},
		{"Толстой Алексей", "tolstoy aleksey"},
		{"Йошкар-Ола", "yoshkar-ola"},
		{"Київ Ґанок Європа", "kiyiv ganok yevropa"},
		{"Ўзбек", "wzbek"},
		{"Қазақстан Әлихан Төре Ұлы Үй Ғалым Һ Ң", "qazaqstan alikhan tore uly uy ghalym h ng"},
		{"Љубљана Ђорђе Његош Ћирилица Џеп Ѓорѓи Ќерка Ѕвезда Ј", "ljubljana djordje njegosh cirilitsa dzep gjorgji kjerka dzvezda j"},
		{"Ѳеодоръ мѣсто мѵро", "feodor mesto miro"},
		{"ӣ Ӯ ӧ", "i u o"},
		{"ьъ", ""},
		{"Stalin, 北京", "Stalin, 北京"},
		{"\xff\xfeд", "\xff\xfed"},
	}
	for _, tt := range tests {
		if got := Translit(tt.in); got != tt.want {
			t.Errorf("Translit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestXlatASCII checks that xlat is ASCII for every Cyrillic rune, so the
// transliterated index terms are.
func TestXlatASCII(t *testing.T) {
	for r := rune(xlatFirst); r <= xlatLast; r++ {
		s := xlatTab[r-xlatFirst]
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf || s[i] < 'a' || s[i] > 'z' {
				t.Errorf("xlat(%q) = %q, not ASCII lower case", r, s)
			}
		}
	}
}

func TestBack(t *testing.T) {
	tests := []struct{ in, want string }{
		{"stalin", "сталин"},
		{"khrushchev", "хрущев"},
		{"tolstoy", "толстой"},
		{"trotsky", "троцкй"},
		{"chaykovsky", "чайковскй"},
		{"krym", "крым"},
		{"yeltsin", "елцин"}, // ь is not restored: xlat drops it anyway,
		{"pyotr", "петр"},
		{"maxim", "максим"},
		{"yuzhnyy", "южный"},
		{"dmitriy", "дмитрий"},
		{"zhukov", "жуков"},
	}
	for _, tt := range tests {
		got, ok := back(nil, []byte(tt.in))
		if !ok || string(got) != tt.want {
			t.Errorf("back(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{"cat", "john", "wagner", "quiz", "alihan", "hello"} {
		if got, ok := back(nil, []byte(in)); ok {
			t.Errorf("back(%q) = %q, want no back form", in, got)
		}
	}
}

// TestCacheBound checks that the stem caches stay within their capacity and
// keep the words in use when they age.
func TestCacheBound(t *testing.T) {
	a := NewAnalyzerCapacity(10)
	terms(a, "letters")
	for i := range 100 {
		terms(a, "word"+strings.Repeat("a", i%50)+" letters")
		if n := len(a.en) + len(a.ru) + len(a.enOld) + len(a.ruOld); n > 10 {
			t.Fatalf("caches hold %d entries, capacity 10", n)
		}
	}
	if _, ok := a.en["letters"]; !ok {
		t.Error("a word in use was dropped")
	}
	if got := terms(a, "letters письма"); !slices.Equal(got, []string{"letter", "письм", "pism"}) {
		t.Errorf("terms after ageing = %q", got)
	}
}

// TestNoAllocs checks that analysis does not allocate once the caches hold
// the vocabulary.
func TestNoAllocs(t *testing.T) {
	a := NewAnalyzer()
	text := "Stalin’s letters to Молотов about the Sino-Soviet treaty (北京条约, 1950年) and Ἀθῆναι. Töre wrote: «Хрущёва». ｶﾞｷﾞ"
	n := 0
	fn := func(t Token) { n += len(t.Term) }
	a.Analyze(text, 0, fn)
	if allocs := testing.AllocsPerRun(100, func() { a.Analyze(text, 0, fn) }); allocs != 0 {
		t.Errorf("Analyze allocates %.1f times per run in steady state", allocs)
	}
}
