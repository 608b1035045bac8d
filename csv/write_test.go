package csv

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// rows parses an export into maps from column name to cell.
func rows(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	recs, err := stdcsv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestWriteStatus exports only published documents: the header has the
// fixed columns and as many text groups as needed, and relations to
// documents left out are written as #id.
func TestWriteStatus(t *testing.T) {
	db := sampleStore(t)
	all := rows(t, export(t, db, nil))
	out := export(t, db, recto.Public)
	published := rows(t, out)
	if len(all) != 23 || len(published) != 21 {
		t.Fatalf("%d documents in all, %d published; want 23 and 21", len(all), len(published))
	}
	left := map[string]bool{} // keys of the documents left out
	for _, r := range all {
		if r["status"] != "published" {
			left["#"+r["id"]] = true
		}
	}
	for _, r := range published {
		if r["status"] != "published" {
			t.Errorf("document %s is %s", r["id"], r["status"])
		}
	}
	f, err := Read(bytes.NewReader(out), "published.csv")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, d := range f.Documents {
		keys[d.Key] = true
	}
	// Links to documents left out are left out too: a public export does
	// not even name a draft by its Record ID.
	for _, d := range f.Documents {
		for _, rel := range d.Relations {
			switch {
			case left[rel.Document]:
				t.Errorf("document %s relates to %s, which the export leaves out", d.Key, rel.Document)
			case !keys[rel.Document]:
				t.Errorf("document %s relates to %s, which is not in the file", d.Key, rel.Document)
			}
		}
	}
	linksOut := 0
	for _, r := range all {
		if r["status"] == "published" && (strings.Contains(r["related"], "#") || strings.Contains(r["enclosures"], "#")) {
			for key := range left {
				if strings.Contains(r["related"]+"|"+r["enclosures"], key) {
					linksOut++
				}
			}
		}
	}
	if linksOut == 0 {
		t.Error("no published document links to one left out: the sample no longer tests this")
	}
	if h := bytes.SplitN(out, []byte("\n"), 2)[0]; !bytes.HasPrefix(h, []byte("id,source_id,status,title,")) ||
		!bytes.HasSuffix(h, []byte(",text3_notes,text3_format,text3_body")) {
		t.Errorf("header %s", h)
	}
}

// TestWriteCells exports authorities whose names need care: names shared
// by two records and names that would read as something else are written
// as #id; bars are escaped; organisations get org:. Everything the row
// holds reads back.
func TestWriteCells(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	agent := func(kind recto.AgentKind, name string) *recto.Agent {
		a := &recto.Agent{Kind: kind, Name: name}
		if err := db.CreateAgent(ctx, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	ann1, ann2 := agent(recto.Person, "Ann"), agent(recto.Person, "Ann")
	bar := agent(recto.Organisation, `Bar|Baz \ Co.`)
	viaf := agent(recto.Person, "viaf:123")
	hash := agent(recto.Organisation, "#5")
	place := &recto.Place{Name: "Ili"}
	if err := db.CreatePlace(ctx, place); err != nil {
		t.Fatal(err)
	}
	top := &recto.Collection{Title: "Top"}
	if err := db.CreateCollection(ctx, top); err != nil {
		t.Fatal(err)
	}
	child := &recto.Collection{Title: "Child", ParentID: top.ID}
	arrow := &recto.Collection{Title: "A > B", ParentID: top.ID}
	for _, c := range []*recto.Collection{child, arrow} {
		if err := db.CreateCollection(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	repo := &recto.Repository{ShortName: "GARF", Name: "State Archive of the Russian Federation"}
	if err := db.CreateRepository(ctx, repo); err != nil {
		t.Fatal(err)
	}
	other := &recto.Document{Title: "Other", Status: recto.StatusPublished, SourceID: "other-1"}
	if err := db.CreateDocument(ctx, other); err != nil {
		t.Fatal(err)
	}
	d := &recto.Document{
		Title: "Letter", SourceID: "garf/95", Status: recto.StatusDraft, Date: edtf.MustParse("1945-04~"),
		Languages: []string{"ru", "ug-Arab"},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: ann1}, {Role: recto.RoleAuthor, Agent: bar},
			{Role: recto.RoleRecipient, Agent: viaf}, {Role: recto.RoleTranslator, Agent: hash},
			{Role: recto.RoleAssociated, Agent: ann2}},
		Places:      []*recto.Place{place},
		Collections: []*recto.Collection{child, arrow},
		Sources: []recto.Source{{Repository: repo, Parts: []recto.RefPart{
			{Type: "fond", Label: "Fond", Value: "R-9401ss"}, {Type: "opis", Label: "Op.", Value: "2"},
			{Label: "Shelfmark", Value: "A|1"}}, Note: "Copy."}, {Citation: "Legacy citation"}},
		Media:     []recto.Media{{URL: "/media/1.jpg?a=b", MediaType: "image/jpeg", Label: "Page 1"}},
		Relations: []recto.Relation{{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: other.ID}}},
		Texts: []recto.Text{{Kind: recto.Translation, Lang: "en", Body: "Text, \"quoted\".\n\nSecond.",
			Method: recto.MachineRevised, Credits: []recto.Credit{{Role: recto.RoleEditor, Agent: bar}}}},
	}
	if err := db.CreateDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	out := export(t, db, nil)
	r := rows(t, out)[1]
	id := func(n int64) string { return "#" + strconv.FormatInt(n, 10) }
	for col, want := range map[string]string{
		"source_id":          "garf/95",
		"date":               "1945-04~",
		"languages":          "ru|ug-Arab",
		"authors":            id(ann1.ID) + `|org:Bar\|Baz \\ Co.`,
		"recipients":         id(viaf.ID),
		"translators":        "org:#5",
		"people":             id(ann2.ID),
		"places":             "Ili",
		"collections":        "Top > Child|" + id(arrow.ID),
		"enclosures":         "other-1",
		"media":              "image/jpeg(Page 1)=/media/1.jpg?a=b",
		"repository":         "GARF",
		"reference":          `fond=R-9401ss|opis(Op.)=2|(Shelfmark)=A\|1`,
		"source_note":        "Copy.",
		"source2_citation":   "Legacy citation",
		"text1_method":       "machine-revised",
		"text1_editors":      `org:Bar\|Baz \\ Co.`,
		"text1_body":         "Text, \"quoted\".\n\nSecond.",
		"source2_repository": "",
	} {
		if r[col] != want {
			t.Errorf("column %s: %q, want %q", col, r[col], want)
		}
	}
	f, err := Read(bytes.NewReader(out), "cells.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := f.Documents[1]
	if len(got.Sources) != 2 || got.Sources[0].Parts[2].Value != "A|1" || got.Sources[0].Parts[1].Label != "Op." ||
		len(got.Relations) != 1 || got.Relations[0].Document != "other-1" || got.Key != "garf/95" {
		t.Errorf("read back: %+v", got)
	}
	var names []string
	for _, a := range f.Agents {
		names = append(names, a.Kind+":"+a.Name+":"+strconv.FormatInt(a.ID, 10))
	}
	want := []string{":" + ":" + strconv.FormatInt(ann1.ID, 10), `organisation:Bar|Baz \ Co.:0`,
		"::" + strconv.FormatInt(viaf.ID, 10), "organisation:#5:0", "::" + strconv.FormatInt(ann2.ID, 10)}
	if len(names) != len(want) {
		t.Fatalf("agents %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("agent %d: %q, want %q", i, names[i], want[i])
		}
	}
}
