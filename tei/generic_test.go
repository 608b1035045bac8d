package tei_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/corpora"
)

// suriano reads letter n of filza 2.
func suriano(t *testing.T, n int) (*corpus.File, corpus.Document) {
	t.Helper()
	f := readFile(t, filepath.Join(corpora.Dir(t, "suriano"), "tei", "02", fmt.Sprintf("%03d.xml", n)))
	if len(f.Documents) != 1 {
		t.Fatalf("letter %d: %d documents, want 1", n, len(f.Documents))
	}
	return f, f.Documents[0]
}

func TestSurianoEveryLetter(t *testing.T) {
	asve := []corpus.Repository{{Key: "asve", ShortName: "ASVe", Name: "Archivio di Stato di Venezia"}}
	filza := []corpus.Collection{{Key: "suriano/02", Title: "Dispatches of Christofforo Suriano, filza 2"}}
	for n := 1; n <= 8; n++ {
		f, d := suriano(t, n)
		checkFile(t, d.Key, f)
		if want := fmt.Sprintf("suriano/02/%03d", n); d.Key != want || d.SourceID != want {
			t.Errorf("letter %d: key %q, source id %q", n, d.Key, d.SourceID)
		}
		if !strings.HasPrefix(d.Title, "Letter from Christofforo Suriano to Doge and Senate of Venice, ") ||
			!strings.HasPrefix(d.Date, "1616-07-") || d.Summary == "" || d.Languages[0] != "it" || d.Texts[0].Lang != "it" {
			t.Errorf("letter %d: %s", n, toJSON(d))
		}
		if !equalJSON(f.Repositories, asve) || !equalJSON(f.Collections, filza) {
			t.Errorf("letter %d: repositories %s, collections %s", n, toJSON(f.Repositories), toJSON(f.Collections))
		}
	}
}

func TestSuriano001(t *testing.T) {
	f, d := suriano(t, 1)
	want := corpus.Document{
		Key: "suriano/02/001", SourceID: "suriano/02/001",
		Title:     "Letter from Christofforo Suriano to Doge and Senate of Venice, Stuttgart, 9 July 1616",
		Date:      "1616-07-09",
		Languages: []string{"it"}, WrittenAt: "Stuttgart", WrittenOn: "9 luglio 1616",
		Sources: []corpus.Source{{Repository: "asve", Note: "ASVe, Senato, Dispacci, Signori Stati, Filza 2, 71r-74v",
			Parts: []corpus.RefPart{{Type: "series", Label: "series", Value: "Senato, Dispacci, Signori Stati"},
				{Type: "filza", Label: "filza", Value: "2"}, {Type: "folios", Label: "cc.", Value: "71r-74v"}}}},
		Credits:     []corpus.Credit{{Role: "author", Agent: "bio.xml#cs"}, {Role: "recipient", Agent: "Doge and Senate of Venice"}},
		Collections: []string{"suriano/02"},
	}
	got := d
	got.Summary, got.Texts = "", nil
	if !equalJSON(got, want) {
		t.Errorf("got  %s\nwant %s", toJSON(got), toJSON(want))
	}
	if !strings.HasPrefix(d.Summary, "Reports on his audience with John Frederick, Duke of Württemburg, who has informed him") {
		t.Errorf("summary %q", d.Summary)
	}
	agents := []corpus.Agent{
		{Key: "bio.xml#cs", Kind: "person", Name: "Christofforo Suriano", Identifiers: []corpus.Identifier{{Scheme: "suriano", Value: "bio.xml#cs"}}},
		{Key: "Doge and Senate of Venice", Kind: "organisation", Name: "Doge and Senate of Venice"},
		{Key: "Nina Lamal", Kind: "person", Name: "Nina Lamal"},
	}
	if !equalJSON(f.Agents, agents) {
		t.Errorf("agents %s", toJSON(f.Agents))
	}
	text := d.Texts[0]
	if len(d.Texts) != 1 || text.Kind != "transcript" || !equalJSON(text.Credits, []corpus.Credit{{Role: "editor", Agent: "Nina Lamal"}}) {
		t.Errorf("texts %s", toJSON(d.Texts))
	}
	contains(t, "001", text.Body,
		"[[page f. 71r]]\n\nPrima\n\nSerenissimo Principe\n\nnel venirmene in questa città, ove arrivai lunedì, mi è conve-\\\nnuto metter",
		"me ne\\\n[[page f. 71v]] passassi a quel Principe",
		"esser certo che sua Altezza[^tn1] et tutti gl’altri",
		"\n\n*\\[Trace of a seal\\]*\n\n# Secretarial notes\n\n",
		"\n\n[^tn1]: \"che sua Altezza\" added above the line with an insertion mark.")
}

func TestSuriano004(t *testing.T) {
	_, d := suriano(t, 4)
	if d.Title != "Letter from Christofforo Suriano to Doge and Senate of Venice, Ilshofen, 16 July 1616" ||
		d.WrittenAt != "Ilshofen" || d.Date != "1616-07-16" {
		t.Errorf("title %q, place %q, date %q", d.Title, d.WrittenAt, d.Date)
	}
	// The summary's editorial brackets are escaped for Markdown.
	contains(t, "summary", d.Summary, "letters by Frederick V in French (written on 4 July 1615 and \\[4 July\\] 1616) and in Italian translation.")
	if len(d.Texts) != 2 || d.Texts[0].Lang != "it" || d.Texts[1].Lang != "fr" || !equalJSON(d.Languages, []string{"it", "fr"}) {
		t.Fatalf("texts %s", toJSON(d.Texts))
	}
	italian, french := d.Texts[0].Body, d.Texts[1].Body
	// The letter, then the Italian translations (III, IV); the French
	// originals (I, II) with the secretarial note on I.
	contains(t, "Italian text", italian, "Serenissimo Principe\n\nero incaminato da Heidelbergh",
		"\n\n# Attachment III\n\n[[page f. 93r]]\n\nScritta del serenissimo Principe palatino",
		"\n\n# Attachment IV\n\n", "\n\n[^tn25]: First \"-r-\" is the result of a correction.")
	contains(t, "French text", french, "# Attachment I\n\n[[page f. 91r]]\n\nMonsieur. Ce m’a esté beaucoup de contentement\\\n",
		"\n\n## Secretarial notes\n\n4 luglio 1616 ricevuta 2 agosto[^tn15]",
		"\n\n# Attachment II\n\n", "electorale \\[…\\][^tn16] 1616",
		"\n\n[^tn15]: \"2 agosto\" uncertain, transcribed as it appears.\n\n[^tn16]: Seal.")
	for _, notIn := range []struct{ body, s string }{{italian, "# Attachment I\n"}, {italian, "[^tn15]:"}, {french, "[^tn1]:"}} {
		if strings.Contains(notIn.body, notIn.s) {
			t.Errorf("%q is in the wrong text", notIn.s)
		}
	}
}

func TestSuriano002Latin(t *testing.T) {
	_, d := suriano(t, 2)
	if !equalJSON(d.Languages, []string{"it", "la"}) {
		t.Fatalf("languages %v", d.Languages)
	}
	contains(t, "Latin text", d.Texts[1].Body, "# Attachment I\n\n[[page f. 78r]]\n\nSerenissime Princeps, amice nobis cha-\\\n")
}

func TestGenericLanguages(t *testing.T) {
	const letter = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
	<sourceDesc><msDesc><msIdentifier><idno>L 7</idno></msIdentifier></msDesc></sourceDesc></fileDesc></teiHeader>
	<text><body>
	<div type="letter"><div type="main"><head>main text</head><p>Il signore che ha scritto questa lettera della città<ptr target="#n1"/>.</p></div></div>
	<div type="attachment" facs="I"><p>Der Brief, den ich mit dem Boten schicke, ist nicht von mir.</p></div>
	<div type="attachment" facs="II" xml:lang="es"><p>Muy breve.</p></div>
	<div type="attachment" facs="III"><p>Ok.</p></div>
	<div type="notes"><note xml:id="n1"><p>A note.</p></note></div>
	</body></text></TEI>`
	d := readString(t, "x/letter.xml", letter).Documents[0]
	// No author, no filza: the key is the idno; the title the header's.
	if d.Key != "L 7" || d.Title != "A letter" || !equalJSON(d.Languages, []string{"it", "de", "es"}) {
		t.Fatalf("%s", toJSON(d))
	}
	want := []string{
		"Il signore che ha scritto questa lettera della città[^n1].\n\n# Attachment III\n\nOk.\n\n[^n1]: A note.",
		"# Attachment I\n\nDer Brief, den ich mit dem Boten schicke, ist nicht von mir.",
		"# Attachment II\n\nMuy breve.",
	}
	for i, tx := range d.Texts {
		if tx.Body != want[i] {
			t.Errorf("text %d (%s):\ngot  %q\nwant %q", i, tx.Lang, tx.Body, want[i])
		}
	}
	bad := strings.Replace(letter, `target="#n1"`, `target="#n2"`, 1)
	if err := readError(t, "letter.xml", bad); !strings.Contains(err.Error(), `letter.xml:4:`) ||
		!strings.HasSuffix(err.Error(), `ptr/@target "#n2": no note with that xml:id`) {
		t.Errorf("got %v", err)
	}
}
