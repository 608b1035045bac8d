package cite_test

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/edtf"
)

// creditsDoc is a telegram obtained for NKIDP by Jamil Hasanli and
// translated for CWIHP by a translator credited on the document, not on
// its text, as a former system records one.
func creditsDoc() *recto.Document {
	hasanli := &recto.Agent{ID: 1, Kind: recto.Person, Name: "Jamil Hasanli", SortName: "Hasanli, Jamil"}
	mao := &recto.Agent{ID: 2, Kind: recto.Person, Name: "毛泽东", SortName: "毛泽东"}
	translator := &recto.Agent{ID: 3, Kind: recto.Person, Name: "Gary Goldberg", SortName: "Goldberg, Gary"}
	nkidp := &recto.Agent{ID: 4, Kind: recto.Organisation, Name: "NKIDP", SortName: "NKIDP"}
	cwihp := &recto.Agent{ID: 5, Kind: recto.Organisation, Name: "CWIHP", SortName: "CWIHP"}
	return &recto.Document{ID: 7, Title: "Telegram", Date: edtf.MustParse("1950-01-02"), Status: recto.StatusPublished,
		Credits: []recto.Credit{
			{Role: recto.RoleAuthor, Agent: hasanli},
			{Role: recto.RoleAuthor, Agent: mao},
			{Role: recto.RoleObtainedBy, Agent: hasanli, For: nkidp},
			{Role: recto.RoleTranslator, Agent: translator, For: cwihp},
		},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Text."}}}
}

// The organisation a credit was made for, and a translator credited on
// the document, are kept in the source sentence and every citation format.
func TestCredits_ForAndDocumentTranslator(t *testing.T) {
	d := creditsDoc()
	if got, want := cite.SourceNote(d), "Obtained for NKIDP by Jamil Hasanli and translated for CWIHP by Gary Goldberg."; got != want {
		t.Errorf("source sentence %q, want %q", got, want)
	}
	csl, err := cite.CSLJSON(d, options)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{
		"note":         cite.Note(d, options),
		"bibliography": cite.Bibliography(d, options),
		"RIS":          cite.RIS(d, options),
		"BibTeX":       cite.BibTeX(d, options),
		"BibLaTeX":     cite.BibLaTeX(d, options),
		"CSL-JSON":     string(csl),
	} {
		for _, want := range []string{"for NKIDP by Jamil Hasanli", "for CWIHP by Gary Goldberg"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, out)
			}
		}
	}
	if got := metaValues(d, "z.translators"); len(got) != 1 || got[0] != "Goldberg, Gary" {
		t.Errorf("z.translators = %q, want the document's translator", got)
	}
}

// One clause when the same person obtained and translated for the same
// organisation, as the former archive wrote it.
func TestCredits_ObtainedAndTranslated(t *testing.T) {
	d := creditsDoc()
	d.Credits[3].Agent, d.Credits[3].For = d.Credits[2].Agent, d.Credits[2].For
	if got, want := cite.SourceNote(d), "Obtained and translated for NKIDP by Jamil Hasanli."; got != want {
		t.Errorf("source sentence %q, want %q", got, want)
	}
}

// Citations invert a name from its stored sort name, and a name whose
// sort name is not inverted (a Chinese name) stays as written.
func TestCredits_SortNames(t *testing.T) {
	d := creditsDoc()
	ris := cite.RIS(d, options)
	for _, want := range []string{"AU  - Hasanli, Jamil\r\n", "AU  - 毛泽东\r\n"} {
		if !strings.Contains(ris, want) {
			t.Errorf("RIS lacks %q:\n%s", want, ris)
		}
	}
	it := cite.CSL(d, options)
	if a := it.Author; len(a) != 2 || a[0].Family != "Hasanli" || a[0].Given != "Jamil" || a[1].Literal != "毛泽东" {
		t.Errorf("CSL authors %+v", a)
	}
	if got := cite.Bibliography(d, options); !strings.HasPrefix(got, "Hasanli, Jamil, and 毛泽东.") {
		t.Errorf("bibliography %q, want the first author inverted from the sort name", got)
	}
	if got := cite.Note(d, options); !strings.HasPrefix(got, "Jamil Hasanli and 毛泽东,") {
		t.Errorf("note %q, want the names as shown", got)
	}
	// The name as shown is never split: one written inverted, with no
	// sort name to say so, is given as written.
	d.Credits[0].Agent = &recto.Agent{ID: 9, Kind: recto.Person, Name: "Hasanli, Jamil"}
	if it := cite.CSL(d, options); it.Author[0].Literal != "Hasanli, Jamil" {
		t.Errorf("CSL author %+v, want the name as written", it.Author[0])
	}
}

func metaValues(d *recto.Document, name string) []string {
	var out []string
	for _, m := range cite.MetaTags(d, options) {
		if m.Name == name {
			out = append(out, m.Content)
		}
	}
	return out
}
