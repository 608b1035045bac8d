package tei_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/corpora"
	"github.com/recto-archive/recto/tei"
)

// frusFiles returns the paths of every FRUS file in the test corpus.
func frusFiles(t testing.TB) []string {
	dir := corpora.Dir(t, "frus")
	volumes, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	split, _ := filepath.Glob(filepath.Join(dir, "frus1945v07-sinkiang", "*.xml"))
	files := append(volumes, split...)
	if len(volumes) != 4 || len(split) != 17 {
		t.Fatalf("found %d volumes and %d split files, want 4 and 17", len(volumes), len(split))
	}
	return files
}

func TestFRUSEveryFile(t *testing.T) {
	seen := map[string]string{}
	total := 0
	for _, path := range frusFiles(t) {
		name := filepath.Base(path)
		f := readFile(t, path)
		checkFile(t, name, f)
		if want := corpora.CountDivs(t, path, "document"); len(f.Documents) != want {
			t.Errorf("%s: %d documents, want %d (the document divisions)", name, len(f.Documents), want)
		}
		total += len(f.Documents)
		for _, c := range f.Collections {
			if strings.ContainsAny(c.Title[len(c.Title)-1:], ":;,") {
				t.Errorf("%s: collection %s: title %q ends in the punctuation that led into its documents", name, c.Key, c.Title)
			}
		}
		for _, d := range f.Documents {
			if d.Title == "" || d.SourceID == "" || d.Key != d.SourceID {
				t.Errorf("%s: %s: title %q, source id %q", name, d.Key, d.Title, d.SourceID)
			}
			if _, err := edtf.Parse(d.Date); err != nil {
				t.Errorf("%s: %s: %v", name, d.Key, err)
			}
			if other, dup := seen[d.SourceID]; dup {
				t.Errorf("%s: source id %s also in %s", name, d.SourceID, other)
			}
			seen[d.SourceID] = name
			if len(d.Texts) != 1 || d.Texts[0].Lang != "en" {
				t.Errorf("%s: %s: want one English text, got %d", name, d.Key, len(d.Texts))
			}
		}
	}
	if total != 138+312+478+586+17 {
		t.Errorf("%d documents in all, want 1531", total)
	}
}

// frusRead holds the FRUS files read so far, so that spot checks read each once.
var frusRead = map[string]*corpus.File{}

// frusDocument reads one FRUS file and returns it and its document key.
func frusDocument(t *testing.T, file, key string) (*corpus.File, corpus.Document) {
	t.Helper()
	f := frusRead[file]
	if f == nil {
		f = readFile(t, filepath.Join(corpora.Dir(t, "frus"), file))
		frusRead[file] = f
	}
	for _, d := range f.Documents {
		if d.Key == key {
			return f, d
		}
	}
	t.Fatalf("%s: no document %s", file, key)
	return nil, corpus.Document{}
}

// body returns the document's only text's body.
func body(t *testing.T, d corpus.Document) string {
	t.Helper()
	if len(d.Texts) != 1 {
		t.Fatalf("%s: %d texts, want 1", d.Key, len(d.Texts))
	}
	return d.Texts[0].Body
}

func contains(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q", what, sub)
		}
	}
}

func TestFRUS1945Split(t *testing.T) {
	f, d720 := frusDocument(t, "frus1945v07-sinkiang/d720.xml", "frus1945v07/d720")
	want := corpus.Document{
		Key: "frus1945v07/d720", SourceID: "frus1945v07/d720",
		// The head has the footnote "Repeated by …" and "( Atcheson )" spacing.
		Title: "The Chargé in China (Atcheson) to the Secretary of State",
		Type:  "telegram", Date: "1945-03-31", Languages: []string{"en"},
		WrittenAt: "Chungking", WrittenOn: "March 31, 1945—2 p.m.", Signature: "Atcheson",
		Sources: []corpus.Source{{Note: "893.00/3–3145: Telegram",
			Parts: []corpus.RefPart{{Type: "volume", Label: "Foreign Relations of the United States,", Value: "frus1945v07"},
				{Type: "document", Label: "Document", Value: "720"}}}},
		// The head names the sender; the recipient is an office.
		Credits: []corpus.Credit{{Role: "author", Agent: "frus-name:Atcheson"}},
		Places:  []string{"frus-place:Chongqing"},
		// The split file's header gives the subject taxonomy's terms.
		Subjects:    []string{"Embassy"},
		Collections: []string{"frus1945v07"},
	}
	got := d720
	got.Texts = nil
	if !equalJSON(got, want) {
		t.Errorf("d720:\ngot  %s\nwant %s", toJSON(got), toJSON(want))
	}
	if notes := d720.Texts[0].Notes; !strings.HasPrefix(notes, "Repeated by the Secretary of State in his telegram No. 787") {
		t.Errorf("d720 head note: %q", notes)
	}
	contains(t, "d720 body", body(t, d720),
		"Chungking, March 31, 1945—2 p.m.\\\n\\[Received March 31—11:33 a.m.\\]",
		"\n\n548\\. Following is substance of telegrams",
		"\n\n1\\. Special tribunal of 18 members")
	if !slices.Equal(f.Subjects, []string{"Embassy"}) {
		t.Errorf("d720.xml's subjects %q", f.Subjects)
	}
	if _, d727 := frusDocument(t, "frus1945v07-sinkiang/d727.xml", "frus1945v07/d727"); !slices.Equal(d727.Subjects,
		[]string{"Propaganda", "Sovereignty", "Lend-Lease"}) {
		t.Errorf("d727 subjects %q", d727.Subjects)
	}
	volume := corpus.Collection{Key: "frus1945v07", Title: "Foreign Relations of the United States, frus1945v07"}
	if len(f.Collections) != 1 || f.Collections[0] != volume {
		t.Errorf("collections %+v, want %+v", f.Collections, volume)
	}

	// Chungking is UTC+7: 10 a.m. on April 6 was April 5 in Washington; the
	// document's date is the dateline's day.
	if _, d721 := frusDocument(t, "frus1945v07-sinkiang/d721.xml", "frus1945v07/d721"); d721.Date != "1945-04-06" {
		t.Errorf("d721 date %q, want 1945-04-06", d721.Date)
	}

	// d730 has no teiHeader: the volume comes from its directory.
	f, d730 := frusDocument(t, "frus1945v07-sinkiang/d730.xml", "frus1945v07/d730")
	if len(f.Collections) != 1 || f.Collections[0] != volume {
		t.Errorf("d730 collections %+v, want %+v", f.Collections, volume)
	}
	if d730.Date != "1945-07-03" || d730.WrittenAt != "Washington" || d730.Type != "memorandum" {
		t.Errorf("d730: date %q, place %q, type %q", d730.Date, d730.WrittenAt, d730.Type)
	}
	contains(t, "d730 body", body(t, d730),
		"8 a.m.,[^d730fn54] summarizing a report",
		"\n\n[^d730fn54]: *Ante*, p. 1003.")

	_, d735 := frusDocument(t, "frus1945v07-sinkiang/d735.xml", "frus1945v07/d735")
	contains(t, "d735 body", body(t, d735), "We advised [[page p. 1009]] Generalissimo to take up")
}

func TestFRUS1894(t *testing.T) {
	f, d2 := frusDocument(t, "frus1894Nicaragua.xml", "frus1894Nicaragua/d2")
	if d2.Title != "No. 2. Mr. Gresham to Mr. Baker." || d2.WrittenAt != "Department of State, Washington" ||
		d2.Date != "1894-02-01" || d2.Signature != "W. Q. Gresham." || d2.Type != "" || d2.Classification.Level != "" {
		t.Errorf("d2: %s", toJSON(d2))
	}
	// The last page break before d2 is page 9; page 10 starts inside it.
	wantSource := []corpus.Source{{Parts: []corpus.RefPart{{Type: "volume", Label: "Foreign Relations of the United States,", Value: "1894, Nicaragua (Mosquito Territory)"},
		{Type: "document", Label: "Document", Value: "2"}, {Type: "page", Label: "p.", Value: "9"}}}}
	if !equalJSON(d2.Sources, wantSource) {
		t.Errorf("d2 sources %s", toJSON(d2.Sources))
	}
	b := body(t, d2)
	contains(t, "d2 body", b,
		"a copy of a telegram[^d2fn1] from our consular agent",
		"\n\n[[page p. 10]]\n\n# Mr. Herbert to Mr. Gresham.\n\n*\\[Inclosure in No. 2.\\]*\n\nNavy Department,\\\n*Washington*, *January 27, 1894*.",
		"\n\n> January 27, 1894.\n>\n> Stanton, *Port au Prince:*",
		"\n\nH. A. Herbert,\\\n*Secretary of the Navy.*",
		"\n\n[^d2fn1]: No. 1.")
	if strings.Contains(b, "W. Q. Gresham") {
		t.Error("d2's signature is repeated in its body")
	}
	if f.Collections[0].Title != "Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory)" ||
		f.Collections[1] != (corpus.Collection{Key: "frus1894Nicaragua#comp1", Title: "Affairs at Bluefields", Parent: "frus1894Nicaragua"}) {
		t.Errorf("collections %+v", f.Collections)
	}

	_, d1 := frusDocument(t, "frus1894Nicaragua.xml", "frus1894Nicaragua/d1")
	if d1.Type != "telegram" || d1.WrittenAt != "Bluefields, Nicaragua" || d1.Signature != "Seat, Consular Agent" {
		t.Errorf("d1: %s", toJSON(d1))
	}
	// The closer's text besides the signature stays in the body.
	if !strings.HasSuffix(body(t, d1), "at once.\n\n(and fifty citizens of the United States).") {
		t.Errorf("d1 body %q", body(t, d1))
	}

	_, d42 := frusDocument(t, "frus1894Nicaragua.xml", "frus1894Nicaragua/d42")
	if d42.Classification.Level != "Confidential" || d42.Sources[0].Note != "[Confidential.]" {
		t.Errorf("d42 classification %q, note %q", d42.Classification.Level, d42.Sources[0].Note)
	}
}

func TestFRUS1901(t *testing.T) {
	f, d1 := frusDocument(t, "frus1901China.xml", "frus1901China/d1")
	// An empty head (a presidential message), and no dateline.
	if d1.Title != "Document 1" || d1.Date != "" || d1.WrittenAt != "" || d1.Signature != "Theodore Roosevelt." {
		t.Errorf("d1: %s", toJSON(d1))
	}
	contains(t, "d1 body", body(t, d1), "*To the Senate and House of Representatives:*\n\nI transmit a report",
		"\n\nWhite House,\\\n*Washington, December 11, 1901.*")
	for _, d := range f.Documents {
		if d.Key == "frus1901China/d69" {
			contains(t, "d69 body", body(t, d), "\n\n# Enclosure\n\n",
				"\n\n## First memorial. Secret memorial by Yuan-ch’ang denouncing the Boxers")
			if d.Classification.Level != "" {
				t.Errorf("d69 is %q: an attachment's head does not classify the document", d.Classification.Level)
			}
		}
	}
}

func TestFRUS1918(t *testing.T) {
	f, d1 := frusDocument(t, "frus1918Russiav03.xml", "frus1918Russiav03/d1")
	if glossary := slices.IndexFunc(f.Agents, func(a corpus.Agent) bool { return len(a.Identifiers) == 0 }); glossary != 88 {
		t.Errorf("%d agents before the first from a heading, want the 88 persons of the glossary", glossary)
	}
	baker := corpus.Agent{Key: "frus1918Russiav03#p_BND1", Kind: "person", Name: "Baker, Newton D.", Bio: "Secretary of War.",
		Identifiers: []corpus.Identifier{{Scheme: "frus", Value: "frus1918Russiav03#p_BND1"}}}
	if !equalJSON(f.Agents[0], baker) {
		t.Errorf("first agent %s", toJSON(f.Agents[0]))
	}
	// Francis is the recipient in the head; Lansing signs.
	wantCredits := []corpus.Credit{{Role: "recipient", Agent: "frus1918Russiav03#p_FDR1"}, {Role: "author", Agent: "frus1918Russiav03#p_LR1"}}
	if !equalJSON(d1.Credits, wantCredits) {
		t.Errorf("d1 credits %s", toJSON(d1.Credits))
	}
	if d1.Date != "1917-04-03" || d1.WrittenOn != "April 3, 1917, 6 p.m." || d1.Collections[0] != "frus1918Russiav03#ch1subch1" ||
		d1.Sources[0].Note != "File No. 861.51/131\n[Telegram]" || d1.Type != "telegram" {
		t.Errorf("d1: %s", toJSON(d1))
	}
	if i := slices.IndexFunc(f.Collections, func(c corpus.Collection) bool { return c.Key == "frus1918Russiav03#ch1" }); i < 0 ||
		f.Collections[i].Title != "Chapter I. Loans to the Provisional Government—Soviet Financial Decrees" ||
		f.Collections[i].Parent != "frus1918Russiav03#comp1" {
		t.Errorf("chapter 1 missing or wrong: %+v", f.Collections)
	}

	_, d15 := frusDocument(t, "frus1918Russiav03.xml", "frus1918Russiav03/d15")
	if d15.Title != "The Acting Secretary of State to the Ambassador in Russia (Francis)" ||
		d15.Texts[0].Notes != "Sent at the request of the Secretary of the Treasury." {
		t.Errorf("d15 title %q, notes %q", d15.Title, d15.Texts[0].Notes)
	}

	// d187's only dateline is in its attachment: its date is unknown.
	_, d187 := frusDocument(t, "frus1918Russiav03.xml", "frus1918Russiav03/d187")
	if d187.Date != "" || d187.WrittenAt != "" {
		t.Errorf("d187 date %q, place %q: an attachment's dateline dated the document", d187.Date, d187.WrittenAt)
	}

	// A note from the Italian Ambassador, printed in translation.
	_, d409 := frusDocument(t, "frus1918Russiav03.xml", "frus1918Russiav03/d409")
	if d409.Texts[0].Kind != "translation" || d409.Languages != nil || d409.Date != "1918-09-20" {
		t.Errorf("d409 kind %q, languages %v, date %q", d409.Texts[0].Kind, d409.Languages, d409.Date)
	}
}

func TestFRUS1936(t *testing.T) {
	f, d67 := frusDocument(t, "frus1936v03.xml", "frus1936v03/d67")
	// "Addis Ababa [undated]." has a place but no date.
	if d67.Title != "The Minister Resident in Ethiopia (Engert) to the Secretary of State" || d67.Date != "" ||
		d67.WrittenAt != "Addis Ababa" || d67.Type != "telegram" || d67.Classification.Level != "" {
		t.Errorf("d67: %s", toJSON(d67))
	}
	contains(t, "d67 body", body(t, d67), "253\\. My 250, April 29.[^d67fn34] The Emperor", "[^d67fn34]: Not printed.")
	var compilations, chapters, subchapters int
	for _, c := range f.Collections[1:] {
		switch {
		case strings.Contains(c.Key, "subch"):
			subchapters++
		case strings.Contains(c.Key, "#ch"):
			chapters++
		case strings.Contains(c.Key, "#comp"):
			compilations++
		}
	}
	// The volume has 24 chapters, but ch24 holds only a cross-reference
	// paragraph, no document, so it is no collection.
	if compilations != 10 || chapters != 23 || subchapters != 10 {
		t.Errorf("%d compilations, %d chapters, %d subchapters; want 10, 23, 10", compilations, chapters, subchapters)
	}
}

// testVolume is a small FRUS volume in the current encoding.
const testVolume = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v01">
<teiHeader><fileDesc><titleStmt>
  <title type="series">Foreign Relations of the United States</title>
  <title type="sub-series">1999</title>
  <title type="volume-number">Volume I</title>
  <title type="volume">Tests</title>
</titleStmt><publicationStmt><idno type="frus">frus1999v01</idno>
<availability><p>Public <hi rend="italic">domain</hi>.</p></availability></publicationStmt></fileDesc></teiHeader>
<text><front><div type="section" subtype="index" xml:id="persons"><head>Persons</head><list type="names">
<item><persName xml:id="p_A1"><hi rend="strong">Able, Ann</hi></persName>, Secretary of Tests.</item>
</list></div></front>
<body>
<div type="chapter" xml:id="ch1"><head>Chapter One<note n="1" xml:id="ch1fn1">Continued.</note></head>
<pb n="7"/>
<div type="document" xml:id="d1" n="1" subtype="historical-document">
<head>Memorandum by the Secretary (<persName type="from" corresp="#p_A1">Able</persName>)<note n="1" xml:id="d1fn1" type="source">711.00/1: Secret; Priority</note></head>
<opener><dateline><placeName>Department of State,<lb/>Washington</placeName>, <date when="1999-01-02T10:00:00-05:00">January 2, 1999</date>.</dateline></opener>
<p>548. Text with [brackets], *stars*, _under_, a #hash and &lt;tags&gt;<note n="2" xml:id="d1fn2"><p>First.</p><p>Second.</p></note> then <hi rend="italic">italic
   words</hi>.<lb/>
   Next line <pb n="8"/> on page eight.</p>
<list><label>1.</label><item>First item.</item><label>2.</label><item>Second.</item></list>
<table><row><cell role="label">A</cell><cell role="label">B</cell></row><row><cell cols="2">wide | cell</cell></row></table>
<quote rend="blockquote"><p>Quoted.</p><p>Again.</p></quote>
<closer><salute>Sincerely,</salute><signed><persName corresp="#p_A1">Ann Able</persName></signed></closer>
<frus:attachment><note rend="inline" type="source">[Enclosure.—Translation.]</note><head/><p>Attached.</p>
<closer><signed>Baker</signed></closer>
<frus:attachment><head>Inner</head><p>Deeper.</p></frus:attachment></frus:attachment>
<pb n="9"/>
</div>
<div type="document" xml:id="d2" n="2" subtype="editorial-note"><head/><p>Editors' note.</p></div>
</div>
<div type="chapter" xml:id="ch2"><head>Empty chapter</head></div>
</body></text></TEI>`

func TestFRUSConventions(t *testing.T) {
	f := readString(t, "frus1999v01.xml", testVolume)
	checkFile(t, "frus1999v01.xml", f)
	wantCollections := []corpus.Collection{
		{Key: "frus1999v01", Title: "Foreign Relations of the United States, 1999, Tests, Volume I"},
		{Key: "frus1999v01#ch1", Title: "Chapter One", Parent: "frus1999v01", Description: "Continued."},
	}
	if !equalJSON(f.Collections, wantCollections) {
		t.Errorf("collections %s", toJSON(f.Collections))
	}
	d1 := f.Documents[0]
	want := corpus.Document{
		Key: "frus1999v01/d1", SourceID: "frus1999v01/d1", Title: "Memorandum by the Secretary (Able)",
		Type: "memorandum", Date: "1999-01-02", Languages: []string{"en"},
		WrittenAt: "Department of State, Washington", WrittenOn: "January 2, 1999", Signature: "Ann Able",
		Classification: corpus.Classification{Level: "Secret"},
		Rights:         corpus.Rights{Statement: "Public *domain*."},
		Sources: []corpus.Source{{Note: "711.00/1: Secret; Priority",
			Parts: []corpus.RefPart{{Type: "volume", Label: "Foreign Relations of the United States,", Value: "1999, Tests, Volume I"},
				{Type: "document", Label: "Document", Value: "1"}, {Type: "page", Label: "p.", Value: "7"}}}},
		Places:      []string{"frus-place:Washington"},
		Credits:     []corpus.Credit{{Role: "author", Agent: "frus1999v01#p_A1"}},
		Collections: []string{"frus1999v01#ch1"},
		Texts: []corpus.Text{{Kind: "transcript", Lang: "en", Body: `Department of State,\
Washington, January 2, 1999.

548\. Text with \[brackets\], \*stars\*, \_under\_, a \#hash and \<tags\>[^d1fn2] then *italic words*.\
Next line [[page p. 8]] on page eight.

1\. First item.

2\. Second.

| A | B |
| --- | --- |
| wide \| cell |  |

> Quoted.
>
> Again.

Sincerely,

# Enclosure

*\[Enclosure.—Translation.\]*

Attached.

Baker

## Inner

Deeper.

[^d1fn2]: First.

    Second.`}},
	}
	if !equalJSON(d1, want) {
		t.Errorf("d1:\ngot  %s\nwant %s", toJSON(d1), toJSON(want))
	}
	if d2 := f.Documents[1]; d2.Type != "editorial note" || d2.Title != "Document 2" || d2.Sources[0].Parts[2].Value != "9" {
		t.Errorf("d2: %s", toJSON(d2))
	}
}

func TestFRUSUnknownPerson(t *testing.T) {
	xml := strings.Replace(testVolume, `corresp="#p_A1">Ann`, `corresp="#p_ZZ9">Ann`, 1)
	err := readError(t, "frus1999v01.xml", xml)
	if want := `frus1999v01.xml:25:44: persName/@corresp "#p_ZZ9": no such person in the volume's persons list`; err.Error() != want {
		t.Errorf("got  %q\nwant %q", err, want)
	}
}

func TestFRUSClassification(t *testing.T) {
	tests := []struct{ note, want string }{
		{"[Confidential.]", "Confidential"},
		{"Top Secret; Eyes Only", "Top Secret"},
		{"Strictly confidential", "Strictly Confidential"},
		{"Secret. Drafted by the Secretary", "Secret"},
		{"Drafted by the Secretary of State", ""},
	}
	for _, tt := range tests {
		xml := strings.Replace(testVolume, "711.00/1: Secret; Priority", tt.note, 1)
		if got := readString(t, "frus1999v01.xml", xml).Documents[0].Classification.Level; got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.note, got, tt.want)
		}
	}
}

func BenchmarkReadFRUS(b *testing.B) {
	files := frusFiles(b)
	var data [][]byte
	size := 0
	for _, p := range files {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, d := range data {
			if _, err := tei.Read(bytes.NewReader(d), files[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
