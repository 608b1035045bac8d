package cite_test

import (
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
)

func TestSourceNote(t *testing.T) {
	garf := &recto.Repository{ShortName: "GARF"}
	hasanli := &recto.Agent{ID: 1, Name: "Jamil Hasanli"}
	goldberg := &recto.Agent{ID: 2, Name: "Gary Goldberg"}
	other := &recto.Agent{ID: 3, Name: "A. N. Other"}
	reference := []recto.RefPart{
		{Type: "fond", Label: "Fond", Value: "R-9401ss"}, {Type: "opis", Label: "Opis'", Value: "2"},
		{Type: "delo", Label: "Delo", Value: "95"}, {Type: "folios", Label: "ll.", Value: "352-359"},
	}
	translation := func(agents ...*recto.Agent) recto.Text {
		t := recto.Text{Kind: recto.Translation, Lang: "en"}
		for _, a := range agents {
			t.Credits = append(t.Credits, recto.Credit{Role: recto.RoleTranslator, Agent: a})
		}
		return t
	}
	tests := []struct {
		name string
		doc  recto.Document
		want string
	}{
		{"reference page", recto.Document{
			Sources: []recto.Source{{Repository: garf, Parts: reference}},
			Credits: []recto.Credit{{Role: recto.RoleObtainedBy, Agent: hasanli}, {Role: recto.RoleAuthor, Agent: other}},
			Texts:   []recto.Text{translation(goldberg)},
		}, "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352-359. Obtained by Jamil Hasanli and translated by Gary Goldberg."},
		{"two sources, translators once each", recto.Document{
			Sources: []recto.Source{{Repository: garf, Parts: reference[:1]}, {Citation: "Legacy citation, box 4."}},
			Texts:   []recto.Text{translation(goldberg, other), translation(goldberg)},
		}, "GARF, Fond R-9401ss. Legacy citation, box 4. Translated by Gary Goldberg and A. N. Other."},
		{"obtained only", recto.Document{
			Credits: []recto.Credit{{Role: recto.RoleObtainedBy, Agent: hasanli}, {Role: recto.RoleObtainedBy, Agent: goldberg},
				{Role: recto.RoleObtainedBy, Agent: other}},
		}, "Obtained by Jamil Hasanli, Gary Goldberg and A. N. Other."},
		{"nothing", recto.Document{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cite.SourceNote(&tt.doc); got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
