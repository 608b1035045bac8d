package http_test

import (
	"net/http"
	"testing"
)

// The people index files each name by its sort name ("Jamil Hasanli"
// under H) and shows it as written; an organisation named only as whom a
// credit was made for is listed too.
func TestPeople_SortName(t *testing.T) {
	s := mustSite(t)
	body := mustPage(t, s.handler, "/people", http.StatusOK)
	wantInOrder(t, body, ">Alihan Tore<", ">Petr Andreyevich<", ">Gary Goldberg<", ">Jamil Hasanli<",
		">MacArthur Foundation<", ">NKIDP<", ">Stalin<")
	wantAbsent(t, body, "Hasanli, Jamil")
}
