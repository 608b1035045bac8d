package tei_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/tei"
)

// peopleVolume is a small FRUS volume of our own wording whose headings
// name their senders and recipients without links to the persons list.
const peopleVolume = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1998v02">
<teiHeader><fileDesc><titleStmt>
  <title type="complete">Foreign Relations of the United States, 1998, Deserts, Volume II</title>
  <editor role="primary">Jane Q. Editor</editor><editor role="general"/>
</titleStmt></fileDesc></teiHeader>
<text><front><div type="section" xml:id="persons"><head>Persons</head><list type="names">
<item><persName xml:id="p_A1">Able, Ann</persName>, Director.</item>
<item><persName xml:id="p_B1">Baker, Bea</persName>, Minister.</item>
<item><persName xml:id="p_B2">Baker, Bob</persName>, Consul.</item>
</list></div></front>
<body><div type="chapter" xml:id="ch1"><head>Oases</head>
<pb n="5"/>
<div type="document" xml:id="d1" n="1"><head>The Consul at Tihwa (Ward) to the Secretary of State</head>
<dateline><placeName>Tihwa</placeName>, <date when="1998-01-01">January 1</date>.</dateline><p>One.</p></div>
<div type="document" xml:id="d2" n="2"><head>Memorandum by the Director (Able) to the Consul at Urumqi (Ward)</head>
<dateline><placeName>Department of State,<lb/>Washington</placeName>, <date when="1998-01-02">January 2</date>.</dateline><p>Two.</p></div>
<div type="document" xml:id="d3" n="3"><head>The Secretary to the Treasury to the Minister (Baker)</head>
<dateline>[<placeName>Urumqi, Sinkiang</placeName>,] <date when="1998-01-03">January 3</date>.</dateline><p>Three.</p></div>
<div type="document" xml:id="d4" n="4"><head>The Minister in Egypt (Baker) to the Secretary of State</head><p>Four.</p></div>
</div></body></text></TEI>`

func TestFRUSHeadingsPlacesEditors(t *testing.T) {
	f := readString(t, "frus1998v02.xml", peopleVolume)
	checkFile(t, "frus1998v02.xml", f)
	editor := corpus.Credit{Role: "editor", Agent: "frus-name:Jane Q. Editor"}
	want := map[string][]corpus.Credit{
		// An office alone ("the Secretary of State") is credited to nobody.
		"frus1998v02/d1": {{Role: "author", Agent: "frus-name:Ward"}, editor},
		// Able is the one person of the persons list of that surname.
		"frus1998v02/d2": {{Role: "author", Agent: "frus1998v02#p_A1"}, {Role: "recipient", Agent: "frus-name:Ward"}, editor},
		// The heading reads two ways at "to": nobody, not a guess.
		"frus1998v02/d3": {editor},
		// Two persons of the list are Bakers: the heading's is neither.
		"frus1998v02/d4": {{Role: "author", Agent: "frus-name:Baker"}, editor},
	}
	wantPlaces := map[string][]string{
		"frus1998v02/d1": {"frus-place:Ürümqi"}, "frus1998v02/d2": {"frus-place:Washington"}, "frus1998v02/d3": {"frus-place:Ürümqi"}, "frus1998v02/d4": nil,
	}
	for _, d := range f.Documents {
		if !equalJSON(d.Credits, want[d.Key]) {
			t.Errorf("%s credits %s, want %s", d.Key, toJSON(d.Credits), toJSON(want[d.Key]))
		}
		if !equalJSON(d.Places, wantPlaces[d.Key]) {
			t.Errorf("%s places %q, want %q", d.Key, d.Places, wantPlaces[d.Key])
		}
		volume := corpus.RefPart{Type: "volume", Label: "Foreign Relations of the United States,", Value: "1998, Deserts, Volume II"}
		if len(d.Sources) != 1 || len(d.Sources[0].Parts) != 3 || d.Sources[0].Parts[0] != volume {
			t.Errorf("%s sources %s, want the volume first", d.Key, toJSON(d.Sources))
		}
	}
	// Each agent and place once, the place with the gazetteer's variants.
	var agents []string
	for _, a := range f.Agents {
		agents = append(agents, a.Key)
	}
	if want := "frus-name:Jane Q. Editor frus1998v02#p_A1 frus1998v02#p_B1 frus1998v02#p_B2 frus-name:Ward frus-name:Baker"; strings.Join(agents, " ") != want {
		t.Errorf("agents %q, want %q", agents, want)
	}
	if len(f.Places) != 2 || f.Places[0].Name != "Ürümqi" || !hasVariant(f.Places[0], "Tihwa") || !hasVariant(f.Places[0], "Urumqi") ||
		f.Places[1].Name != "Washington" {
		t.Errorf("places %s", toJSON(f.Places))
	}
}

func hasVariant(p corpus.Place, name string) bool {
	for _, v := range p.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}

func TestFRUSHeadParties(t *testing.T) {
	for _, tt := range []struct{ head, from, to string }{
		{"The Ambassador in China (Hurley) to the Secretary of State", "Hurley", ""},
		{"The Secretary of State to the Ambassador in China (Hurley)", "", "Hurley"},
		{"Memorandum by the Director of the Office (Able) to the Under Secretary of State (Baker)", "Able", "Baker"},
		{"Memorandum by Mr. Carl C. Doe of the Division of Desert Affairs", "Carl C. Doe", ""},
		{"No. 27. Mr. Able to Mr. Baker.", "Able", "Baker"},
		{"Memorandum by the Secretary of State", "", ""},
		{"The Secretary to the Treasury to the Minister (Baker)", "", ""},
		{"The Consul (Able and Baker) to the Secretary", "", ""},
		{"Translation of a cablegram received by Minister Doe, to be sent to the taotai", "", ""},
		{"Document 7", "", ""},
	} {
		from, to := tei.HeadParties(tt.head)
		if from != tt.from || to != tt.to {
			t.Errorf("%q: from %q to %q, want %q and %q", tt.head, from, to, tt.from, tt.to)
		}
	}
}

// The real volumes: senders and recipients the persons list does not
// link, read from the heading.
func TestFRUSHeadCreditsCorpus(t *testing.T) {
	for _, tt := range []struct {
		file, key string
		want      []corpus.Credit
	}{
		{"frus1945v07-sinkiang/d732.xml", "frus1945v07/d732", []corpus.Credit{{Role: "author", Agent: "frus-name:Ward"}}},
		{"frus1945v07-sinkiang/d736.xml", "frus1945v07/d736",
			[]corpus.Credit{{Role: "author", Agent: "frus-name:Ballantine"}, {Role: "recipient", Agent: "frus-name:Acheson"}}},
		{"frus1894Nicaragua.xml", "frus1894Nicaragua/d2",
			[]corpus.Credit{{Role: "author", Agent: "frus-name:Gresham"}, {Role: "recipient", Agent: "frus-name:Baker"}}},
	} {
		_, d := frusDocument(t, tt.file, tt.key)
		if !equalJSON(d.Credits, tt.want) {
			t.Errorf("%s credits %s, want %s", tt.key, toJSON(d.Credits), toJSON(tt.want))
		}
	}
	// Tihwa, in a split file of 1945, is the gazetteer's Ürümqi.
	f, d732 := frusDocument(t, "frus1945v07-sinkiang/d732.xml", "frus1945v07/d732")
	if !equalJSON(d732.Places, []string{"frus-place:Ürümqi"}) || len(f.Places) != 1 || !hasVariant(f.Places[0], "Tihwa") {
		t.Errorf("d732 places %q, file places %s", d732.Places, toJSON(f.Places))
	}
}

// A volume split into one file per document takes its title from
// volume-title.txt beside its files.
func TestFRUSVolumeTitleFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "frus1998v02")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	split := `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">
<text><body><div type="document" xml:id="d9" n="9"><head>The Consul at Tihwa (Ward) to the Secretary of State</head><p>Nine.</p></div></body></text></TEI>`
	path := filepath.Join(dir, "d9.xml")
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("d9.xml", split)
	write(tei.VolumeTitleFile, "\ufeffForeign Relations of the United States, 1998, Deserts, Volume II\r\nignored\n")
	f := readFile(t, path)
	title := "Foreign Relations of the United States, 1998, Deserts, Volume II"
	if len(f.Collections) != 1 || f.Collections[0].Title != title {
		t.Errorf("collections %s, want the volume titled %q", toJSON(f.Collections), title)
	}
	if parts := f.Documents[0].Sources[0].Parts; len(parts) != 2 || cite(parts) != title+", Document 9" {
		t.Errorf("parts %s", toJSON(parts))
	}

	// A title without the series' comma is cited "in" it.
	write(tei.VolumeTitleFile, "Desert Papers\n")
	if parts := readFile(t, path).Documents[0].Sources[0].Parts; cite(parts) != "in Desert Papers, Document 9" {
		t.Errorf("parts %s", toJSON(parts))
	}

	write(tei.VolumeTitleFile, "\n")
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = tei.Read(r, path)
	if want := filepath.Join(dir, tei.VolumeTitleFile) + ":1: the first line should be the volume's title, and is empty"; err == nil ||
		!strings.Contains(err.Error(), want) {
		t.Errorf("empty title file: %v, want %q", err, want)
	}
}

// cite joins parts as citations do.
func cite(parts []corpus.RefPart) string {
	var s []string
	for _, p := range parts {
		s = append(s, p.Label+" "+p.Value)
	}
	return strings.Join(s, ", ")
}
