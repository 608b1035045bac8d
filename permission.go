package recto

import "slices"

// Action is something a member of staff may be allowed to do. Which role
// may do what is decided here, once, for the staff pages and the write API
// alike (the table is in the README).
type Action string

// Actions.
const (
	CreateDraft       Action = "create drafts"
	EditOwnDraft      Action = "edit their own drafts"
	SubmitForReview   Action = "submit for review"
	EditAssignedTexts Action = "edit the texts of documents assigned to them"
	EditAnyDocument   Action = "edit every document and text"
	Review            Action = "review, and send back with a comment"
	Publish           Action = "publish and withdraw"
	ManageAuthorities Action = "manage people, places, subjects, collections and repositories"
	ImportFiles       Action = "import files"
	ManageUsers       Action = "manage users"
	ManageSettings    Action = "change the archive's settings"
)

// Actions lists every action, in the order of the README's table.
var Actions = []Action{CreateDraft, EditOwnDraft, SubmitForReview, EditAssignedTexts, EditAnyDocument,
	Review, Publish, ManageAuthorities, ImportFiles, ManageUsers, ManageSettings}

// permissions gives each role what it may do: a translator may do what a
// contributor may, and edit the texts of the documents assigned to them;
// an editor everything but users and settings; an admin everything.
var permissions = func() map[UserRole]map[Action]bool {
	contributor := []Action{CreateDraft, EditOwnDraft, SubmitForReview}
	translator := slices.Concat(contributor, []Action{EditAssignedTexts})
	editor := slices.Concat(translator, []Action{EditAnyDocument, Review, Publish, ManageAuthorities, ImportFiles})
	admin := slices.Concat(editor, []Action{ManageUsers, ManageSettings})
	out := map[UserRole]map[Action]bool{}
	for role, actions := range map[UserRole][]Action{UserContributor: contributor, UserTranslator: translator,
		UserEditor: editor, UserAdmin: admin} {
		out[role] = map[Action]bool{}
		for _, a := range actions {
			out[role][a] = true
		}
	}
	return out
}()

// Can reports whether a user of role r may do a. An unknown role may do
// nothing.
func (r UserRole) Can(a Action) bool { return permissions[r][a] }
