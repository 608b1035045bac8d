package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// People are listed by sort name with it, shown by name; a credit names
// the organisation it was made for, which is listed too.
func TestPeople_SortNameAndFor(t *testing.T) {
	e := newEnv(t)
	var people List[Person]
	e.getJSON(t, api("/people?limit=500"), http.StatusOK, &people)
	var names, sorted []string
	for _, p := range people.Data {
		names = append(names, p.Name)
		sorted = append(sorted, p.SortName)
	}
	if !slices.IsSortedFunc(sorted, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("people listed by %q, want by sort name", sorted)
	}
	i, j := slices.Index(names, "Jamil Hasanli"), slices.Index(names, "Gary Goldberg")
	if i < 0 || j < 0 || j > i || sorted[i] != "Hasanli, Jamil" {
		t.Errorf("names %q sorted %q: want Gary Goldberg before Jamil Hasanli, filed \"Hasanli, Jamil\"", names, sorted)
	}
	if !slices.Contains(names, "NKIDP") {
		t.Errorf("NKIDP, named only as whom a credit was made for, is not listed: %q", names)
	}
	var d Document
	e.getJSON(t, api("/documents/"+strconv.FormatInt(e.ref.Document.ID, 10)), http.StatusOK, &d)
	translators := 0
	for _, tx := range d.Texts {
		for _, c := range tx.Credits {
			if c.Role == "translator" {
				translators++
				if c.For == nil || c.For.Name != "NKIDP" {
					t.Errorf("translator credit for %+v, want NKIDP", c.For)
				}
			}
		}
	}
	if translators == 0 {
		t.Error("no translator credit in the document")
	}
}
