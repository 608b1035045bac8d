package csv

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
)

func read(t *testing.T, text string) *corpus.File {
	t.Helper()
	f, err := Read(strings.NewReader(text), "docs.csv")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestReadDocument reads one full row into its corpus form.
func TestReadDocument(t *testing.T) {
	f := read(t, `source_id,title,type,date,languages,authors,recipients,obtained_by,funders,places,subjects,collections,repository,reference,source_note,text1_kind,text1_lang,text1_method,text1_translators,text1_body,text2_kind,text2_lang,text2_body
garf-r9401-2-95,Letter from Alihan Tore to Marshal Stalin,letter,1945-04-22,ru,"Alihan Tore","Stalin, Joseph",Jamil Hasanli,org:MacArthur Foundation,Yining|China,China -- Foreign relations -- Soviet Union,Xinjiang > Ghulja,GARF,fond=R-9401ss|opis=2|delo=95|folios=352-359,Original in Russian.,translation,en,human,Gary Goldberg,"To Commander-in-Chief Marshal Stalin.

We ask for your help.",transcript,ru,Маршалу Сталину.
`)
	want := &corpus.File{
		Repositories: []corpus.Repository{{Key: "repository:name:GARF", ShortName: "GARF", Name: "GARF"}},
		Places:       []corpus.Place{{Key: "place:name:Yining", Name: "Yining"}, {Key: "place:name:China", Name: "China"}},
		Agents: []corpus.Agent{
			{Key: "agent:name:Alihan Tore", Kind: "person", Name: "Alihan Tore"},
			{Key: "agent:name:Stalin, Joseph", Kind: "person", Name: "Stalin, Joseph"},
			{Key: "agent:name:Jamil Hasanli", Kind: "person", Name: "Jamil Hasanli"},
			{Key: "agent:name:MacArthur Foundation", Kind: "organisation", Name: "MacArthur Foundation"},
			{Key: "agent:name:Gary Goldberg", Kind: "person", Name: "Gary Goldberg"},
		},
		Subjects: []string{"China--Foreign relations--Soviet Union"},
		Collections: []corpus.Collection{
			{Key: "collection:path:Xinjiang", Title: "Xinjiang"},
			{Key: "collection:path:Xinjiang > Ghulja", Title: "Ghulja", Parent: "collection:path:Xinjiang"},
		},
		Documents: []corpus.Document{{
			Key: "garf-r9401-2-95", SourceID: "garf-r9401-2-95", Title: "Letter from Alihan Tore to Marshal Stalin",
			Type: "letter", Date: "1945-04-22", Languages: []string{"ru"},
			Credits: []corpus.Credit{{Role: "author", Agent: "agent:name:Alihan Tore"},
				{Role: "recipient", Agent: "agent:name:Stalin, Joseph"},
				{Role: "obtained-by", Agent: "agent:name:Jamil Hasanli"},
				{Role: "funder", Agent: "agent:name:MacArthur Foundation"}},
			Places:      []string{"place:name:Yining", "place:name:China"},
			Subjects:    []string{"China--Foreign relations--Soviet Union"},
			Collections: []string{"collection:path:Xinjiang > Ghulja"},
			Sources: []corpus.Source{{Repository: "repository:name:GARF", Note: "Original in Russian.", Parts: []corpus.RefPart{
				{Type: "fond", Label: "Fond", Value: "R-9401ss"}, {Type: "opis", Label: "Opis'", Value: "2"},
				{Type: "delo", Label: "Delo", Value: "95"}, {Type: "folios", Label: "ll.", Value: "352-359"}}}},
			Texts: []corpus.Text{
				{Kind: "translation", Lang: "en", Method: "human", Body: "To Commander-in-Chief Marshal Stalin.\n\nWe ask for your help.",
					Credits: []corpus.Credit{{Role: "translator", Agent: "agent:name:Gary Goldberg"}}},
				{Kind: "transcript", Lang: "ru", Body: "Маршалу Сталину."},
			},
			// The columns of the file: an import changes only these.
			Fields: recto.FieldSet{"source_id": true, "title": true, "type": true, "date": true, "languages": true,
				"credits.author": true, "credits.recipient": true, "credits.obtained-by": true, "credits.funder": true,
				"places": true, "subjects": true, "collections": true, "sources": true, "texts": true},
		}},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
}

// TestReadMultiValue reads cells of several values, with escaped bars and
// backslashes, and authority references of every form.
func TestReadMultiValue(t *testing.T) {
	f := read(t, `source_id,title,authors,people,places,languages,reference,media,collections
d1,A,Smith \| Jones | org:Bar\|Baz & Co. |viaf:102333412 | #12,"C:\temp\\\|x|#7|org:#7|Wikidata:Q42",geonames:1529102|#3||  Ili  ,ru | kk,"fond(F.)=R-17|box=4|(Shelfmark)=A\|12|file=a=b",image/jpeg(Page 1)=/media/1.jpg|application/pdf=https://example.org/x.pdf?a=1,#5|Top > Middle > Leaf
`)
	d := f.Documents[0]
	var credits []string
	for _, c := range d.Credits {
		credits = append(credits, c.Role+"="+c.Agent)
	}
	wantCredits := []string{"author=agent:name:Smith | Jones", "author=agent:name:Bar|Baz & Co.", "author=agent:viaf:102333412",
		"author=agent:#12", `associated=agent:name:C:\temp\|x`, "associated=agent:#7", "associated=agent:name:#7",
		"associated=agent:wikidata:Q42"}
	if !slices.Equal(credits, wantCredits) {
		t.Errorf("credits\n got %q\nwant %q", credits, wantCredits)
	}
	wantAgents := []corpus.Agent{
		{Key: "agent:name:Smith | Jones", Kind: "person", Name: "Smith | Jones"},
		{Key: "agent:name:Bar|Baz & Co.", Kind: "organisation", Name: "Bar|Baz & Co."},
		{Key: "agent:viaf:102333412", Identifiers: []corpus.Identifier{{Scheme: "viaf", Value: "102333412"}}},
		{Key: "agent:#12", ID: 12},
		{Key: `agent:name:C:\temp\|x`, Kind: "person", Name: `C:\temp\|x`},
		{Key: "agent:#7", ID: 7},
		{Key: "agent:name:#7", Kind: "organisation", Name: "#7"},
		{Key: "agent:wikidata:Q42", Identifiers: []corpus.Identifier{{Scheme: "wikidata", Value: "Q42"}}},
	}
	if diff := cmp.Diff(wantAgents, f.Agents); diff != "" {
		t.Errorf("agents (-want +got):\n%s", diff)
	}
	wantPlaces := []corpus.Place{
		{Key: "place:geonames:1529102", Identifiers: []corpus.Identifier{{Scheme: "geonames", Value: "1529102"}}},
		{Key: "place:#3", ID: 3},
		{Key: "place:name:Ili", Name: "Ili"},
	}
	if diff := cmp.Diff(wantPlaces, f.Places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	if !slices.Equal(d.Languages, []string{"ru", "kk"}) {
		t.Errorf("languages %q", d.Languages)
	}
	wantParts := []corpus.RefPart{{Type: "fond", Label: "F.", Value: "R-17"}, {Type: "box", Label: "Box", Value: "4"},
		{Label: "Shelfmark", Value: "A|12"}, {Type: "file", Label: "File No.", Value: "a=b"}}
	if diff := cmp.Diff(wantParts, d.Sources[0].Parts); diff != "" {
		t.Errorf("reference parts (-want +got):\n%s", diff)
	}
	wantMedia := []corpus.Media{{URL: "/media/1.jpg", MediaType: "image/jpeg", Label: "Page 1"},
		{URL: "https://example.org/x.pdf?a=1", MediaType: "application/pdf"}}
	if diff := cmp.Diff(wantMedia, d.Media); diff != "" {
		t.Errorf("media (-want +got):\n%s", diff)
	}
	wantCollections := []corpus.Collection{{Key: "collection:#5", ID: 5},
		{Key: "collection:path:Top", Title: "Top"},
		{Key: "collection:path:Top > Middle", Title: "Middle", Parent: "collection:path:Top"},
		{Key: "collection:path:Top > Middle > Leaf", Title: "Leaf", Parent: "collection:path:Top > Middle"}}
	if diff := cmp.Diff(wantCollections, f.Collections); diff != "" {
		t.Errorf("collections (-want +got):\n%s", diff)
	}
}

// TestSplitJoin checks that joinList writes what splitList reads.
func TestSplitJoin(t *testing.T) {
	for _, values := range [][]string{
		{"a"}, {"a", "b"}, {`a|b`, `c\`, `\|`, `\\|\`}, {`x\y`, "|", "||"},
	} {
		cell := joinList(values)
		if got := splitList(cell); !slices.Equal(got, values) {
			t.Errorf("splitList(joinList(%q)) = splitList(%q) = %q", values, cell, got)
		}
	}
	if got := splitList(` a | | b\c |`); !slices.Equal(got, []string{"a", `b\c`}) {
		t.Errorf("splitList: %q", got)
	}
}

// TestReadAuthorities checks that each authority is emitted once, in order
// of first use, that org: once makes an organisation, and that relations
// given as #id point at the row with that id.
func TestReadAuthorities(t *testing.T) {
	f := read(t, `id,source_id,title,authors,recipients,subjects,related,enclosures,collections
,a,A,Ann|Bob,Cy,China--History|China -- History -- 1900-1949,b|#9,,P > C
9,,B,Bob,org:Cy|Ann,China--History,#40,a,P
`)
	var agents []string
	for _, a := range f.Agents {
		agents = append(agents, a.Kind+" "+a.Name)
	}
	if want := []string{"person Ann", "person Bob", "organisation Cy"}; !slices.Equal(agents, want) {
		t.Errorf("agents %q, want %q", agents, want)
	}
	if want := []string{"China--History", "China--History--1900-1949"}; !slices.Equal(f.Subjects, want) {
		t.Errorf("subjects %q, want %q", f.Subjects, want)
	}
	if len(f.Collections) != 2 || f.Collections[1].Parent != f.Collections[0].Key {
		t.Errorf("collections %+v: want P, then C under it", f.Collections)
	}
	a, b := f.Documents[0], f.Documents[1]
	if b.Key != "#9" || b.ID != 9 {
		t.Errorf("second document: key %q, id %d; want #9, 9", b.Key, b.ID)
	}
	wantA := []corpus.Relation{{Kind: "related", Document: "b"}, {Kind: "related", Document: "#9"}}
	wantB := []corpus.Relation{{Kind: "related", Document: "#40"}, {Kind: "enclosure", Document: "a"}}
	if !reflect.DeepEqual(a.Relations, wantA) || !reflect.DeepEqual(b.Relations, wantB) {
		t.Errorf("relations %v and %v, want %v and %v", a.Relations, b.Relations, wantA, wantB)
	}
}

// TestReadColumnOrder reads the same rows with the columns in two orders:
// the corpora must be the same.
func TestReadColumnOrder(t *testing.T) {
	rows := [][]string{
		{"source_id", "title", "authors", "people", "funders", "places", "text2_kind", "text2_lang", "text2_body",
			"text1_kind", "text1_lang", "text1_body", "text1_translators", "text1_editors", "repository", "reference",
			"source2_repository", "source2_reference"},
		{"a", "First", "Ann|Bob", "Cy", "org:Fund", "Ili|Yining", "transcript", "ru", "Текст", "translation", "en", "Text",
			"Dee", "Eve", "SSACA", "fond=1|delo=2", "SFAA", "file=3"},
		{"b", "Second", "Eve", "Ann", "", "Yining|China", "", "", "", "translation", "de", "Text", "Fay", "", "", "", "SPA", "band=4"},
	}
	text := func(order []int) string {
		var b strings.Builder
		for _, row := range rows {
			cells := make([]string, len(order))
			for i, j := range order {
				cells[i] = row[j]
			}
			b.WriteString(strings.Join(cells, ",") + "\n")
		}
		return b.String()
	}
	order := make([]int, len(rows[0]))
	for i := range order {
		order[i] = i
	}
	first := read(t, text(order))
	slices.Reverse(order)
	reversed := read(t, text(order))
	if diff := cmp.Diff(first, reversed); diff != "" {
		t.Errorf("the column order changed the corpus (-forward +reversed):\n%s", diff)
	}
	if d := first.Documents[1]; len(d.Sources) != 1 || d.Sources[0].Repository != "repository:name:SPA" || len(d.Texts) != 1 {
		t.Errorf("second row: %d sources %+v, %d texts; want the second source only, one text", len(d.Sources), d.Sources, len(d.Texts))
	}
}

// TestReadErrors checks that each problem names the file, line, column and
// field.
func TestReadErrors(t *testing.T) {
	const header = "source_id,title,date,languages,text1_kind,text1_lang,text1_body\n"
	for _, tc := range []struct {
		name, text string
		line, col  int
		field      string
		msg        string
	}{
		{"missing required column", "title,date\nA,1945\n", 1, 0, "source_id",
			`docs.csv:1: column "source_id": required column is missing (or id, for documents in the archive)`},
		{"unknown column", "source_id,title,dates\na,A,1945\n", 1, 17, "dates",
			`docs.csv:1: column "dates": unknown column`},
		{"missing text column", "source_id,title,text2_kind,text2_body\n", 1, 0, "text2_lang",
			`docs.csv:1: column "text2_lang": required column is missing (the header has other text2_ columns)`},
		{"bad date", header + "a,A,1945-04-22,ru,,,\nb,B,1945-13,ru,,,\n", 3, 5, "date",
			`docs.csv:3: column "date": "1945-13" is not an EDTF date: month 13 is out of range (01-12)`},
		{"bad language", header + "a,A,1945,ru|Rusian,,,\n", 2, 10, "languages",
			`docs.csv:2: column "languages": "Rusian" is neither a BCP 47 language tag such as en, ru or zh-Hans nor a language's name (did you mean russian, ru?)`},
		{"unknown text kind", header + "a,A,,,\"\n\",,\nb,B,,,summary,en,Text\n", 4, 7, "text1_kind",
			`docs.csv:4: column "text1_kind": "summary" is not a kind of text (translation or transcript)`},
		{"text without body", header + "a,A,,,translation,en,\n", 2, 22, "text1_body",
			`docs.csv:2: column "text1_body": empty: text 1 needs a kind, a language and a body`},
		{"empty title", header + "a,,,,,,\n", 2, 3, "title",
			`docs.csv:2: column "title": empty: every document needs a title`},
		{"source_id twice", header + "a,A,,,,,\na,B,,,,,\n", 3, 1, "source_id",
			`docs.csv:3: column "source_id": "a" is also the source_id of the row on line 2`},
		{"bad status", "source_id,title,status\na,A,public\n", 2, 5, "status",
			`docs.csv:2: column "status": "public" is not a status (draft, in-review, published or withdrawn)`},
		{"label needed", "source_id,title,reference\na,A,shelf=12\n", 2, 5, "reference",
			`docs.csv:2: column "reference": "shelf=12": "shelf" has no standard label; give one as shelf(Label)=12`},
		{"transcript method", "source_id,title,text1_kind,text1_lang,text1_method,text1_body\na,A,transcript,ru,human,Текст\n", 2, 19, "text1_method",
			`docs.csv:2: column "text1_method": a transcript has no translation method or source language`},
		{"id twice", "id,source_id,title\n7,a,A\n7,b,B\n", 3, 1, "id",
			`docs.csv:3: column "id": Record ID 7 is also the id of the row on line 2`},
		{"relation to itself", "id,source_id,title,related\n7,,A,#7\n", 2, 6, "related",
			`docs.csv:2: column "related": "#7" is this document: a document cannot relate to itself`},
		{"text format", "source_id,title,text1_kind,text1_lang,text1_format,text1_body\na,A,translation,en,rtf,Text\n", 2, 20, "text1_format",
			`docs.csv:2: column "text1_format": "rtf" is not a text format (markdown, plain or html)`},
		{"field count", header + "a,A\n", 2, 1, "",
			`docs.csv:2: the row has 2 fields, the header 7`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.text), "docs.csv")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error", err)
			}
			if e.File != "docs.csv" || e.Line != tc.line || e.Column != tc.col || e.Field != tc.field {
				t.Errorf("error at %s:%d:%d column %q, want docs.csv:%d:%d column %q",
					e.File, e.Line, e.Column, e.Field, tc.line, tc.col, tc.field)
			}
			if e.Error() != tc.msg {
				t.Errorf("error %q\n       want %q", e.Error(), tc.msg)
			}
		})
	}
}

// TestReadErrorsTogether checks that Read reports every problem of a file,
// in file order, and that a date problem keeps the edtf error.
func TestReadErrorsTogether(t *testing.T) {
	_, err := Read(strings.NewReader("source_id,title,date,languages\na,A,1945-13,xx-\nb,,1945,en\n"), "docs.csv")
	want := `docs.csv:2: column "date": "1945-13" is not an EDTF date: month 13 is out of range (01-12)
docs.csv:2: column "languages": "xx-" is neither a BCP 47 language tag such as en, ru or zh-Hans nor a language's name (English names such as Russian, Chinese, German, Uyghur or Kazakh, or a language's own name such as русский)
docs.csv:3: column "title": empty: every document needs a title`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
	var pe *edtf.ParseError
	if !errors.As(err, &pe) {
		t.Error("the date's *edtf.ParseError is not reachable")
	}
}

// TestDocExample reads the example of docs/csv.md.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/csv.md")
	if err != nil {
		t.Fatal(err)
	}
	_, example, ok := strings.Cut(string(doc), "```csv\n")
	if example, _, ok2 := strings.Cut(example, "```"); ok && ok2 {
		f := read(t, example)
		if len(f.Documents) != 2 || len(f.Documents[0].Texts) != 2 || f.Documents[1].Sources[0].Parts[3].Label != "l." {
			t.Errorf("the example reads as %+v", f.Documents)
		}
		return
	}
	t.Fatal("docs/csv.md has no csv example")
}

// TestReadTooManyErrors stops after 20 problems.
func TestReadTooManyErrors(t *testing.T) {
	text := "source_id,title,date\n" + strings.Repeat("a,A,1945-13\n", 30)
	_, err := Read(strings.NewReader(text), "docs.csv")
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != 21 || lines[20] != "docs.csv: too many problems; reading stopped" {
		t.Errorf("%d lines of errors, ending %q", len(lines), lines[len(lines)-1])
	}
}

// A text's format column is read beside its body: a plain telegram stays
// plain, an HTML text stays HTML, and an absent or empty format is Markdown.
func TestReadTextFormat(t *testing.T) {
	f := read(t, "source_id,title,text1_kind,text1_lang,text1_format,text1_body,text2_kind,text2_lang,text2_format,text2_body\n"+
		"a,A,transcript,ru,plain,\"227.\n1) a\",translation,en,html,<p>Hi</p>\nb,B,translation,en,,*x*,,,,\n")
	var got []string
	for _, d := range f.Documents {
		for _, tx := range d.Texts {
			got = append(got, tx.Format+":"+tx.Body)
		}
	}
	want := []string{"plain:227.\n1) a", "html:<p>Hi</p>", ":*x*"}
	if !slices.Equal(got, want) {
		t.Errorf("texts %q, want %q", got, want)
	}
}
