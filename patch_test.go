package recto_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// A partial update leaves alone what it does not carry, clears what it
// carries empty, and carries lists whole; credits and relations go by role
// and kind.
func TestFieldSet_Patch(t *testing.T) {
	a, b, c := &recto.Agent{ID: 1}, &recto.Agent{ID: 2}, &recto.Agent{ID: 3}
	date, _ := edtf.Parse("1945-04-22")
	stored := &recto.Document{ID: 7, SourceID: "s-7", Title: "Letter", Summary: "About trade", Date: date,
		Languages: []string{"ru"}, Status: recto.StatusPublished,
		Classification: recto.Classification{Level: "Secret", DeclassifiedBy: "NARA"},
		Texts:          []recto.Text{{Kind: recto.Transcript, Lang: "ru", Body: "Текст"}},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a}, {Role: recto.RoleRecipient, Agent: b},
			{Role: recto.RoleAssociated, Agent: c}},
		Collections: []*recto.Collection{{ID: 4}},
		Relations: []recto.Relation{{Kind: recto.Related, Document: &recto.DocumentSummary{ID: 8}},
			{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 9}}},
	}
	update := &recto.Document{ID: 7, Title: "Letter to Stalin", Summary: "",
		Classification: recto.Classification{Level: "Top Secret"},
		Credits:        []recto.Credit{{Role: recto.RoleRecipient, Agent: a}},
		Relations:      []recto.Relation{{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 10}}},
	}
	recto.FieldSet{"id": true, "title": true, "summary": true, "classification.level": true,
		"credits.recipient": true, "relations.enclosure": true}.Patch(stored, update)
	want := &recto.Document{ID: 7, SourceID: "s-7", Title: "Letter to Stalin", Summary: "", Date: date,
		Languages: []string{"ru"}, Status: recto.StatusPublished,
		Classification: recto.Classification{Level: "Top Secret", DeclassifiedBy: "NARA"},
		Texts:          stored.Texts,
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a}, {Role: recto.RoleRecipient, Agent: a},
			{Role: recto.RoleAssociated, Agent: c}},
		Collections: stored.Collections,
		Relations: []recto.Relation{{Kind: recto.Related, Document: &recto.DocumentSummary{ID: 8}},
			{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 10}}},
	}
	if diff := cmp.Diff(want, update); diff != "" {
		t.Errorf("patched document (-want +got):\n%s", diff)
	}

	// A group carries every member: "credits" replaces all of them; an
	// empty list carried clears the list.
	update = &recto.Document{ID: 7, Title: "Letter"}
	recto.FieldSet{"credits": true, "texts": true, "classification": true}.Patch(stored, update)
	if len(update.Credits) != 0 || len(update.Texts) != 0 || update.Classification != (recto.Classification{}) ||
		update.Summary != stored.Summary || len(update.Relations) != 2 {
		t.Errorf("groups: %+v", update)
	}

	// Credits carried whole keep the update's order; carried role by role
	// (a CSV file's columns), the stored order across roles.
	swapped := []recto.Credit{stored.Credits[1], stored.Credits[0], stored.Credits[2]}
	update = &recto.Document{ID: 7, Title: "Letter", Credits: swapped}
	recto.FieldSet{"credits": true}.Patch(stored, update)
	if diff := cmp.Diff(swapped, update.Credits); diff != "" {
		t.Errorf("credits carried whole (-want +got):\n%s", diff)
	}
	update = &recto.Document{ID: 7, Title: "Letter", Credits: swapped}
	recto.FieldSet{"credits.author": true, "credits.recipient": true, "credits.associated": true}.Patch(stored, update)
	if diff := cmp.Diff(stored.Credits, update.Credits); diff != "" {
		t.Errorf("credits carried by role (-want +got):\n%s", diff)
	}

	// Roles interleaved in the stored order (an author, a person mentioned,
	// a second author) keep their places when the update repeats them; a
	// role that grows continues after its last place, one that shrinks
	// gives up its last places, a new role comes last.
	d := &recto.Agent{ID: 4}
	mixed := &recto.Document{ID: 7, Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a},
		{Role: recto.RoleAssociated, Agent: c}, {Role: recto.RoleAuthor, Agent: b}, {Role: recto.RoleAssociated, Agent: d}}}
	byRole := recto.FieldSet{"credits.author": true, "credits.associated": true, "credits.recipient": true}
	update = &recto.Document{ID: 7, Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: a}, {Role: recto.RoleAuthor, Agent: b},
		{Role: recto.RoleAssociated, Agent: c}, {Role: recto.RoleAssociated, Agent: d}}}
	byRole.Patch(mixed, update)
	if diff := cmp.Diff(mixed.Credits, update.Credits); diff != "" {
		t.Errorf("interleaved roles repeated (-want +got):\n%s", diff)
	}
	update = &recto.Document{ID: 7, Credits: []recto.Credit{{Role: recto.RoleRecipient, Agent: d},
		{Role: recto.RoleAuthor, Agent: b}, {Role: recto.RoleAuthor, Agent: a}, {Role: recto.RoleAuthor, Agent: d},
		{Role: recto.RoleAssociated, Agent: a}}}
	byRole.Patch(mixed, update)
	want.Credits = []recto.Credit{{Role: recto.RoleAuthor, Agent: b}, {Role: recto.RoleAssociated, Agent: a},
		{Role: recto.RoleAuthor, Agent: a}, {Role: recto.RoleAuthor, Agent: d}, {Role: recto.RoleRecipient, Agent: d}}
	if diff := cmp.Diff(want.Credits, update.Credits); diff != "" {
		t.Errorf("interleaved roles changed (-want +got):\n%s", diff)
	}

	// A nil set is a whole document.
	update = &recto.Document{ID: 7, Title: "Letter"}
	recto.FieldSet(nil).Patch(stored, update)
	if update.Summary != "" || update.Credits != nil {
		t.Errorf("nil set kept stored fields: %+v", update)
	}
}
