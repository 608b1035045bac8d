package corpus_test

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/internal/storetest"
)

func TestJSONLines_CreditsAndNames(t *testing.T) { storetest.Run(t, testJSONLines_CreditsAndNames) }

// An agent named without its kind is imported, of unknown kind, and a
// later import that gives the kind updates it; a name given inverted is
// shown in reading order and found again under either form; a sort name
// given is kept; a credit's "for" survives an export read back.
func testJSONLines_CreditsAndNames(t *testing.T, db storetest.Store) {
	first := `{"agent":{"key":"cc","name":"Central Committee"}}
{"agent":{"key":"h","kind":"person","name":"Hasanli, Jamil"}}
{"agent":{"key":"m","kind":"person","name":"Mao Zedong","sort_name":"Mao Zedong"}}
{"agent":{"key":"n","kind":"organisation","name":"NKIDP"}}
{"document":{"key":"d","source_id":"d","title":"Telegram","status":"published","credits":[{"role":"author","agent":"cc"},{"role":"author","agent":"m"},{"role":"obtained-by","agent":"h","for":"n"}]}}
`
	importLines(t, db, []byte(first), corpus.ImportOptions{})
	d := findBySource(t, db, "d")
	cc, mao, hasanli := d.Credits[0].Agent, d.Credits[1].Agent, d.Credits[2].Agent
	if cc.Kind != recto.UnknownKind {
		t.Errorf("an agent named without its kind: %q, want %q", cc.Kind, recto.UnknownKind)
	}
	if hasanli.Name != "Jamil Hasanli" || hasanli.SortName != "Hasanli, Jamil" {
		t.Errorf("inverted name stored as %q sorted %q", hasanli.Name, hasanli.SortName)
	}
	if mao.SortName != "Mao Zedong" {
		t.Errorf("the sort name given became %q", mao.SortName)
	}
	if f := d.Credits[2].For; f == nil || f.Name != "NKIDP" {
		t.Errorf("the credit's for: %+v", f)
	}

	second := `{"agent":{"key":"cc","kind":"organisation","name":"Central Committee"}}
{"agent":{"key":"h","kind":"person","name":"Jamil Hasanli"}}
{"document":{"key":"e","source_id":"e","title":"Reply","status":"published","credits":[{"role":"author","agent":"cc"},{"role":"recipient","agent":"h"}]}}
`
	importLines(t, db, []byte(second), corpus.ImportOptions{})
	e := findBySource(t, db, "e")
	if got := e.Credits[0].Agent; got.ID != cc.ID || got.Kind != recto.Organisation {
		t.Errorf("after an import that gives its kind: #%d %q, want #%d an organisation", got.ID, got.Kind, cc.ID)
	}
	if got := e.Credits[1].Agent; got.ID != hasanli.ID {
		t.Errorf("Jamil Hasanli became #%d, want #%d found by name", got.ID, hasanli.ID)
	}

	out := string(export(t, db, nil))
	for _, want := range []string{`"sort_name":"Hasanli, Jamil"`, `"for":"agent/`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
}
