package tei

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// A credit made for an organisation names it in its respStmt (role="for"),
// a translator credited on the document has a respStmt of its own, and
// each agent of particDesc carries its sort name.
func TestWriteCreditsFor(t *testing.T) {
	hasanli := &recto.Agent{ID: 1, Kind: recto.Person, Name: "Jamil Hasanli", SortName: "Hasanli, Jamil"}
	goldberg := &recto.Agent{ID: 2, Kind: recto.Person, Name: "Gary Goldberg", SortName: "Goldberg, Gary"}
	nkidp := &recto.Agent{ID: 3, Kind: recto.Organisation, Name: "NKIDP", SortName: "NKIDP"}
	d := &recto.Document{ID: 9, Title: "Telegram", Date: edtf.MustParse("1950"), Status: recto.StatusPublished,
		Credits: []recto.Credit{
			{Role: recto.RoleObtainedBy, Agent: hasanli, For: nkidp},
			{Role: recto.RoleTranslator, Agent: goldberg},
		},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Text."}}}
	out := exportString(t, d, WriteOptions{})
	for _, want := range []string{
		"<resp>Obtained by</resp>\n" + indentOf(out, "<persName ref=\"#agent1\">") + `<persName ref="#agent1">Jamil Hasanli</persName>` + "\n" +
			indentOf(out, "<persName ref=\"#agent1\">") + `<orgName ref="#agent3" role="for">NKIDP</orgName>`,
		"<resp>Translated by</resp>\n" + indentOf(out, "<persName ref=\"#agent2\">") + `<persName ref="#agent2">Gary Goldberg</persName>`,
		`<person xml:id="agent1" role="obtained-by" sortKey="Hasanli, Jamil">`,
		`<org xml:id="agent3" role="for" sortKey="NKIDP">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("TEI lacks %q:\n%s", want, out)
		}
	}
}

// indentOf returns the indentation of the line holding s in out.
func indentOf(out, s string) string {
	i := strings.Index(out, s)
	if i < 0 {
		return ""
	}
	start := strings.LastIndexByte(out[:i], '\n') + 1
	return out[start:i]
}
