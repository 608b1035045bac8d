package csv

import (
	"reflect"
	"slices"
	"testing"

	"github.com/recto-archive/recto/corpus"
)

// A credit cell names the organisation a credit was made for after the
// agent, "Gary Goldberg (for NKIDP)": by name (an organisation), org:,
// #id or identifier; a name with parentheses of its own is kept whole.
func TestReadCreditFor(t *testing.T) {
	f := read(t, `source_id,title,obtained_by,text1_kind,text1_lang,text1_body,text1_translators
a,A,Gary Goldberg (for NKIDP)|Jane Roe (for org:CWIHP),translation,en,Text.,Gary Goldberg (for #12)|Li Wei (Beijing)
`)
	var agents []string
	for _, a := range f.Agents {
		if a.ID == 0 { // #12 is a reference to the archive's record
			agents = append(agents, a.Kind+" "+a.Name)
		}
	}
	want := []string{"person Gary Goldberg", "organisation NKIDP", "person Jane Roe", "organisation CWIHP",
		"person Li Wei (Beijing)"}
	if !slices.Equal(agents, want) {
		t.Errorf("agents %q, want %q", agents, want)
	}
	d := f.Documents[0]
	wantDoc := []corpus.Credit{{Role: "obtained-by", Agent: "agent:name:Gary Goldberg", For: "agent:name:NKIDP"},
		{Role: "obtained-by", Agent: "agent:name:Jane Roe", For: "agent:name:CWIHP"}}
	if !reflect.DeepEqual(d.Credits, wantDoc) {
		t.Errorf("document credits %+v, want %+v", d.Credits, wantDoc)
	}
	wantText := []corpus.Credit{{Role: "translator", Agent: "agent:name:Gary Goldberg", For: "agent:#12"},
		{Role: "translator", Agent: "agent:name:Li Wei (Beijing)"}}
	if !reflect.DeepEqual(d.Texts[0].Credits, wantText) {
		t.Errorf("text credits %+v, want %+v", d.Texts[0].Credits, wantText)
	}
}
