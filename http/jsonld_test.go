package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// vocabulary is the schema.org vocabulary (release 30.0): its classes with
// their superclasses, and its properties with the classes they apply to.
type vocabulary struct {
	super   map[string][]string // class → direct superclasses
	domains map[string][]string // property → domainIncludes
}

var (
	vocabOnce sync.Once
	vocab     *vocabulary
	vocabErr  error
)

// loadVocabulary reads ../../shared/schemas/schemaorg (beside the module,
// never in it), or skips the test where it is absent.
func loadVocabulary(t *testing.T) *vocabulary {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "schemas", "schemaorg", "schemaorg-current-https.jsonld")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the schema.org vocabulary is not present at %s (it lives outside the repository)", path)
	}
	vocabOnce.Do(func() {
		raw, err := os.ReadFile(path)
		if err != nil {
			vocabErr = err
			return
		}
		var file struct {
			Graph []map[string]any `json:"@graph"`
		}
		if vocabErr = json.Unmarshal(raw, &file); vocabErr != nil {
			return
		}
		vocab = &vocabulary{super: map[string][]string{}, domains: map[string][]string{}}
		for _, n := range file.Graph {
			id, _ := n["@id"].(string)
			name, ok := strings.CutPrefix(id, "schema:")
			if !ok {
				continue
			}
			types := ids(n["@type"])
			switch {
			case slices.Contains(types, "rdfs:Class"):
				vocab.super[name] = schemaIDs(n["rdfs:subClassOf"])
			case slices.Contains(types, "rdf:Property"):
				vocab.domains[name] = schemaIDs(n["schema:domainIncludes"])
			}
		}
	})
	if vocabErr != nil {
		t.Fatal(vocabErr)
	}
	return vocab
}

// ids reads a JSON-LD value that is a string, an {"@id"} object, or a list
// of either.
func ids(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		if id, ok := v["@id"].(string); ok {
			return []string{id}
		}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, ids(e)...)
		}
		return out
	}
	return nil
}

func schemaIDs(v any) []string {
	var out []string
	for _, id := range ids(v) {
		if name, ok := strings.CutPrefix(id, "schema:"); ok {
			out = append(out, name)
		}
	}
	return out
}

// isA reports whether class is target or one of its subclasses.
func (v *vocabulary) isA(class, target string) bool {
	if class == target {
		return true
	}
	for _, s := range v.super[class] {
		if v.isA(s, target) {
			return true
		}
	}
	return false
}

// check walks a JSON-LD node and reports every type that is not a
// schema.org class, every property that is not a schema.org property, and
// every property used on a node none of whose types is in its domain. It
// collects the terms used.
func (v *vocabulary) check(node any, at string, used map[string]bool) []string {
	var problems []string
	switch n := node.(type) {
	case []any:
		for i, e := range n {
			problems = append(problems, v.check(e, fmt.Sprintf("%s[%d]", at, i), used)...)
		}
	case map[string]any:
		types := ids(n["@type"])
		for _, typ := range types {
			used[typ] = true
			if _, ok := v.super[typ]; !ok {
				problems = append(problems, fmt.Sprintf("%s: @type %q is not a schema.org class", at, typ))
			}
		}
		keys := make([]string, 0, len(n))
		for k := range n {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.HasPrefix(k, "@") {
				continue
			}
			used[k] = true
			domains, ok := v.domains[k]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("%s: %q is not a schema.org property", at, k))
			case len(types) > 0 && !slices.ContainsFunc(types, func(typ string) bool {
				return slices.ContainsFunc(domains, func(d string) bool { return v.isA(typ, d) })
			}):
				problems = append(problems, fmt.Sprintf("%s: %q does not apply to %v (domain %v)", at, k, types, domains))
			}
			problems = append(problems, v.check(n[k], at+"."+k, used)...)
		}
	}
	return problems
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// jsonLD returns the JSON-LD blocks of a page, parsed; it fails unless each
// is JSON with the schema.org context.
func jsonLD(t *testing.T, path, page string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range ldScript.FindAllStringSubmatch(page, -1) {
		var n map[string]any
		if err := json.Unmarshal([]byte(m[1]), &n); err != nil {
			t.Fatalf("%s: JSON-LD is not JSON: %v\n%s", path, err, m[1])
		}
		if n["@context"] != "https://schema.org" {
			t.Errorf("%s: @context %v, want https://schema.org", path, n["@context"])
		}
		out = append(out, n)
	}
	return out
}

// TestJSONLD parses the JSON-LD of every kind of page that has some,
// checks every type and property against the schema.org vocabulary, and
// wants the terms each kind of page is described with.
func TestJSONLD(t *testing.T) {
	v := loadVocabulary(t)
	// The check itself catches an unknown type, an unknown property and a
	// property out of its domain.
	bad := map[string]any{"@type": []any{"ArchiveComponent", "Letter"}, "recipient": "x", "folio": "1",
		"holdingArchive": map[string]any{"@type": "Place", "holdingArchive": "y"}}
	if got := v.check(bad, "$", map[string]bool{}); len(got) != 4 {
		t.Errorf("the check found %d problems in a bad node, want 4: %q", len(got), got)
	}
	s := mustSite(t)
	ref := s.ref
	tests := []struct {
		path  string
		terms []string
	}{
		{fmt.Sprintf("/documents/%d", ref.Document.ID), []string{"ArchiveComponent", "Message", "name", "url", "holdingArchive",
			"ArchiveOrganization", "itemLocation", "dateCreated", "inLanguage", "translator", "Person", "author", "recipient",
			"workTranslation", "translationOfWork", "workExample", "exampleOfWork", "CreativeWork", "about", "DefinedTerm",
			"mentions", "spatialCoverage", "Place", "geo", "GeoCoordinates", "isPartOf", "Collection", "funder",
			"Organization", "license", "locationCreated", "associatedMedia", "MediaObject", "publisher", "genre", "description"}},
		{fmt.Sprintf("/documents/%d?view=side-by-side", ref.Document.ID), []string{"ArchiveComponent", "workTranslation"}},
		{fmt.Sprintf("/documents/%d", ref.Related.ID), []string{"ArchiveComponent", "dateCreated", "isPartOf"}},
		{fmt.Sprintf("/people/%d", ref.Author.ID), []string{"Person", "name", "alternateName", "description", "sameAs", "identifier", "PropertyValue"}},
		{fmt.Sprintf("/people/%d", ref.Funder.ID), []string{"Organization", "name", "url"}},
		{fmt.Sprintf("/places/%d", ref.Yining.ID), []string{"Place", "geo", "GeoCoordinates", "containedInPlace", "alternateName"}},
		{fmt.Sprintf("/subjects/%d", ref.Subject.ID), []string{"DefinedTerm", "inDefinedTermSet", "DefinedTermSet"}},
		{fmt.Sprintf("/collections/%d", ref.Collection.ID), []string{"Collection", "name", "description"}},
		{fmt.Sprintf("/collections/%d", ref.Child.ID), []string{"Collection", "isPartOf"}},
		{fmt.Sprintf("/repositories/%d", ref.GARF.ID), []string{"ArchiveOrganization", "alternateName", "sameAs", "location", "Place"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			page := mustPage(t, s.handler, tt.path, http.StatusOK)
			blocks := jsonLD(t, tt.path, page)
			if len(blocks) != 1 {
				t.Fatalf("%d JSON-LD blocks, want 1", len(blocks))
			}
			used := map[string]bool{}
			for _, p := range v.check(blocks[0], "$", used) {
				t.Error(p)
			}
			for _, term := range tt.terms {
				if !used[term] {
					t.Errorf("the JSON-LD does not use %q", term)
				}
			}
		})
	}
}

// TestJSONLD_Document checks the values of the reference letter's JSON-LD,
// and that it names nothing the page does not show.
func TestJSONLD_Document(t *testing.T) {
	s := mustSite(t)
	ref := s.ref
	base := "https://archive.example.org"
	page := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", ref.Document.ID), http.StatusOK)
	blocks := jsonLD(t, "document", page)
	if len(blocks) != 1 {
		t.Fatalf("%d JSON-LD blocks", len(blocks))
	}
	var d struct {
		ID             string   `json:"@id"`
		Type           []string `json:"@type"`
		Name           string   `json:"name"`
		DateCreated    string   `json:"dateCreated"`
		InLanguage     string   `json:"inLanguage"`
		HoldingArchive struct {
			Type, Name, AlternateName string
		} `json:"holdingArchive"`
		ItemLocation string `json:"itemLocation"`
		Recipient    []struct {
			ID string `json:"@id"`
		} `json:"recipient"`
		WorkTranslation []struct {
			ID                string `json:"@id"`
			InLanguage        string `json:"inLanguage"`
			TranslationOfWork struct {
				ID string `json:"@id"`
			} `json:"translationOfWork"`
			Translator []struct{ Name string } `json:"translator"`
		} `json:"workTranslation"`
		SpatialCoverage []struct {
			Name string
			Geo  *struct{ Latitude, Longitude float64 }
		} `json:"spatialCoverage"`
	}
	raw, _ := json.Marshal(blocks[0])
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("%s/documents/%d", base, ref.Document.ID)
	if d.ID != url || !slices.Equal(d.Type, []string{"ArchiveComponent", "Message"}) || d.Name != ref.Document.Title ||
		d.DateCreated != "1945-04-22" || d.InLanguage != "ru" {
		t.Errorf("document: %+v", d)
	}
	if h := d.HoldingArchive; h.Name != "State Archive of the Russian Federation" || h.AlternateName != "GARF" ||
		d.ItemLocation != "GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359" {
		t.Errorf("archive: %+v, %q", h, d.ItemLocation)
	}
	if len(d.Recipient) != 1 || d.Recipient[0].ID != fmt.Sprintf("%s/people/%d", base, ref.Recipient.ID) {
		t.Errorf("recipient: %+v", d.Recipient)
	}
	if len(d.WorkTranslation) != 1 || d.WorkTranslation[0].ID != url+"?text=1" || d.WorkTranslation[0].InLanguage != "en" ||
		d.WorkTranslation[0].TranslationOfWork.ID != url || len(d.WorkTranslation[0].Translator) != 1 ||
		d.WorkTranslation[0].Translator[0].Name != "Gary Goldberg" {
		t.Errorf("translation: %+v", d.WorkTranslation)
	}
	if len(d.SpatialCoverage) != 2 || d.SpatialCoverage[0].Geo == nil || d.SpatialCoverage[0].Geo.Latitude != 43.9 ||
		d.SpatialCoverage[1].Geo != nil {
		t.Errorf("places: %+v", d.SpatialCoverage)
	}
	// Relations are not described at all, so the related draft cannot be.
	script := ldScript.FindString(page)
	for _, s := range []string{ref.Draft.Title, fmt.Sprintf("/documents/%d\"", ref.Draft.ID), ref.Related.Title} {
		if strings.Contains(script, s) {
			t.Errorf("the JSON-LD names %q", s)
		}
	}
}

// TestJSONLD_ScriptInjection: a title that closes the script element stays
// inside it, as JSON.
func TestJSONLD_ScriptInjection(t *testing.T) {
	s := mustSite(t)
	title := `Report </script><script>alert("x")</script> <!-- & "more"`
	d := &recto.Document{Title: title, Date: edtf.MustParse("1944~/1945"), Status: recto.StatusPublished}
	must(t, s.db.CreateDocument(context.Background(), d))
	page := mustPage(t, s.handler, fmt.Sprintf("/documents/%d", d.ID), http.StatusOK)
	if strings.Contains(page, `<script>alert`) {
		t.Fatal("the title closed the JSON-LD script")
	}
	blocks := jsonLD(t, "hostile", page)
	if len(blocks) != 1 || blocks[0]["name"] != title || blocks[0]["dateCreated"] != "1944/1945" {
		t.Errorf("JSON-LD: %v", blocks)
	}
}
