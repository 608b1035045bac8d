package recto_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

// The README's table of roles says what UserRole.Can decides, row for row
// and in the order of Actions, so the documentation cannot drift from the
// rule.
func TestPermissions_README(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	head := "| may | contributor | translator | editor | admin |"
	_, table, ok := strings.Cut(string(data), head+"\n|---|---|---|---|---|\n")
	if !ok {
		t.Fatalf("README.md has no table headed %q", head)
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var actions []recto.Action
	for _, row := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(row, "|"), "|")
		if len(cells) != 5 {
			t.Fatalf("row %q has %d cells, want 5", row, len(cells))
		}
		a := recto.Action(strings.TrimSpace(cells[0]))
		actions = append(actions, a)
		for i, role := range recto.UserRoles {
			if got := strings.TrimSpace(cells[i+1]) == "yes"; got != role.Can(a) {
				t.Errorf("README says %s may %q: %v; Can says %v", role, a, got, role.Can(a))
			}
		}
	}
	if !slices.Equal(actions, recto.Actions) {
		t.Errorf("README rows %q, want every action in order %q", actions, recto.Actions)
	}
	if recto.UserRole("owner").Can(recto.CreateDraft) {
		t.Error("an unknown role may act")
	}
}
