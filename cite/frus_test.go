package cite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/tei"
)

// frusVolume is a FRUS document of our own wording, in the volume's
// encoding: the volume's title and editor in the header, the document's
// number, and the page it starts on.
const frusVolume = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1998v02">
<teiHeader><fileDesc><titleStmt>
  <title type="complete">Foreign Relations of the United States, 1998, Deserts, Volume II</title>
  <editor role="primary">Editor, Jane Q.</editor>
</titleStmt></fileDesc></teiHeader>
<text><body><div type="chapter" xml:id="ch1"><head>Oases</head>
<pb n="1010"/>
<div type="document" xml:id="d732" n="732"><head>The Consul at Tihwa (Ward) to the Secretary of State</head>
<dateline><placeName>Tihwa</placeName>, <date when="1998-07-03">July 3, 1998</date>.</dateline><p>Text.</p></div>
</div></body></text></TEI>`

// frusDocument imports frusVolume into a new SQLite archive and returns
// its document as the archive reads it.
func frusDocument(t *testing.T) *recto.Document {
	t.Helper()
	ctx := context.Background()
	f, err := tei.Read(strings.NewReader(frusVolume), "frus1998v02.xml")
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.OpenSQLite(t)
	if _, err := corpus.Import(ctx, db, f, corpus.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	list, _, err := db.FindDocuments(ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusDraft}})
	if err != nil || len(list) != 1 {
		t.Fatalf("%d documents (%v), want 1", len(list), err)
	}
	d, err := db.FindDocumentByID(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Every citation of a FRUS document names its volume, "Foreign Relations
// of the United States, 1998, Deserts, Volume II, Document 732", and its
// editors where the format has them.
func TestFRUS_Volume(t *testing.T) {
	d := frusDocument(t)
	const (
		title  = "The Consul at Tihwa (Ward) to the Secretary of State"
		volume = "Foreign Relations of the United States, 1998, Deserts, Volume II"
	)
	url := options.URL(d)
	if got, want := cite.Note(d, options), "“"+title+",” July 3, 1998, "+volume+", Document 732, p. 1010, ed. Jane Q. Editor, Recto, "+url+"."; got != want {
		t.Errorf("Chicago note:\ngot  %s\nwant %s", got, want)
	}
	if got, want := cite.Bibliography(d, options), "“"+title+".” July 3, 1998. "+volume+", Document 732, p. 1010. Edited by Jane Q. Editor. Recto. "+url+"."; got != want {
		t.Errorf("Chicago bibliography:\ngot  %s\nwant %s", got, want)
	}
	if got, want := cite.SourceNote(d), volume+", Document 732, p. 1010."; got != want {
		t.Errorf("source sentence %q, want %q", got, want)
	}
	csl := cite.CSL(d, options)
	if csl.ContainerTitle != volume || csl.Number != "732" || len(csl.Editor) != 1 || csl.Editor[0] != (cite.CSLName{Family: "Editor", Given: "Jane Q."}) ||
		csl.ArchiveLocation != volume+", Document 732, p. 1010" {
		t.Errorf("CSL container %q, number %q, editors %+v, location %q", csl.ContainerTitle, csl.Number, csl.Editor, csl.ArchiveLocation)
	}
	ris := cite.RIS(d, options)
	if t2, a2 := risTag(ris, "T2"), risTag(ris, "A2"); len(t2) != 1 || t2[0] != volume || len(a2) != 1 || a2[0] != "Editor, Jane Q." {
		t.Errorf("RIS T2 %q, A2 %q", t2, a2)
	}
	if got := meta(d, "z.archiveLocation"); len(got) != 1 || got[0] != volume+", Document 732, p. 1010" {
		t.Errorf("z.archiveLocation %q", got)
	}
	if bib := cite.BibTeX(d, options); !strings.Contains(bib, volume+", Document 732, p.~1010") && !strings.Contains(bib, volume+", Document 732, p. 1010") {
		t.Errorf("BibTeX names no volume:\n%s", bib)
	}
}
