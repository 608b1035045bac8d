package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestAgent_SortName(t *testing.T) { storetest.Run(t, testAgent_SortName) }

// A new agent's sort name is inferred when it has none and kept when
// given; listings file agents by it; an update that gives none keeps it.
func testAgent_SortName(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	for _, tc := range []struct{ name, sortName, wantName, wantSort string }{
		{"Jamil Hasanli", "", "Jamil Hasanli", "Hasanli, Jamil"},
		{"Goldberg, Gary", "", "Gary Goldberg", "Goldberg, Gary"},
		{"毛泽东", "", "毛泽东", "毛泽东"},
		{"Mao Zedong", "Mao Zedong", "Mao Zedong", "Mao Zedong"},
		{"Alihan Tore", "", "Alihan Tore", "Tore, Alihan"},
	} {
		a := &recto.Agent{Kind: recto.Person, Name: tc.name, SortName: tc.sortName}
		must(t, db.CreateAgent(ctx, a))
		got, err := db.FindAgentByID(ctx, a.ID)
		must(t, err)
		if got.Name != tc.wantName || got.SortName != tc.wantSort {
			t.Errorf("%q stored as %q sorted %q, want %q sorted %q", tc.name, got.Name, got.SortName, tc.wantName, tc.wantSort)
		}
	}
	org := &recto.Agent{Kind: recto.Organisation, Name: "North Korea International Documentation Project"}
	must(t, db.CreateAgent(ctx, org))

	listed, _, err := db.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	must(t, err)
	var order []string
	for _, c := range listed {
		order = append(order, c.Item.Name)
	}
	want := []string{"Gary Goldberg", "Jamil Hasanli", "Mao Zedong", "North Korea International Documentation Project",
		"Alihan Tore", "毛泽东"}
	if !slices.Equal(order, want) {
		t.Errorf("agents listed %q, want by sort name %q", order, want)
	}

	hasanli := listed[1].Item
	hasanli.SortName = ""
	must(t, db.UpdateAgent(ctx, hasanli))
	got, err := db.FindAgentByID(ctx, hasanli.ID)
	must(t, err)
	if got.SortName != "Hasanli, Jamil" {
		t.Errorf("after an update with no sort name: %q, want the stored one kept", got.SortName)
	}
}

func TestCredit_For(t *testing.T) { storetest.Run(t, testCredit_For) }

// A credit keeps the organisation it was made for, on the document and on
// a text; one the archive lacks is refused, naming the field.
func testCredit_For(t *testing.T, db storetest.Store) {
	ctx := context.Background()
	person := &recto.Agent{Kind: recto.Person, Name: "Gary Goldberg"}
	nkidp := &recto.Agent{Kind: recto.Organisation, Name: "NKIDP"}
	must(t, db.CreateAgent(ctx, person))
	must(t, db.CreateAgent(ctx, nkidp))
	d := &recto.Document{Title: "Telegram", Date: edtf.MustParse("1950"), Status: recto.StatusPublished,
		Credits: []recto.Credit{{Role: recto.RoleObtainedBy, Agent: person, For: nkidp}},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Text.",
			Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: person, For: nkidp}, {Role: recto.RoleEditor, Agent: person}}}}}
	must(t, db.CreateDocument(ctx, d))
	got, err := db.FindDocumentByID(ctx, d.ID)
	must(t, err)
	if f := got.Credits[0].For; f == nil || f.Name != "NKIDP" {
		t.Errorf("document credit for %+v, want NKIDP", f)
	}
	if f := got.Texts[0].Credits[0].For; f == nil || f.Name != "NKIDP" {
		t.Errorf("text credit for %+v, want NKIDP", f)
	}
	if f := got.Texts[0].Credits[1].For; f != nil {
		t.Errorf("a credit made for no one reads for %+v", f)
	}

	d.Texts[0].Credits[0].For = &recto.Agent{ID: 9999}
	wantCode(t, db.UpdateDocument(ctx, d), recto.EINVALID, "texts[0].credits[0].for")
}
