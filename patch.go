package recto

import "strings"

// FieldSet names the fields of a document that a partial update carries,
// by their names in the corpus format and the JSON API: "title",
// "summary", "type", "date", "date_as_written", "languages", "written_at",
// "written_on", "signature", "authentication", "classification.level",
// "classification.declassified_on", "classification.declassified_by",
// "rights.statement", "rights.uri", "status", "withdrawn_note",
// "source_id", "texts", "sources", "places", "subjects", "collections",
// "media", "former_paths", "original_uploaded", "original_created",
// "credits.ROLE" (the credits in one role: "credits.author") and
// "relations.KIND" ("relations.enclosure"). A group name stands for all its
// members: "credits", "relations", "classification", "rights".
//
// The rule of partial updates, for every format and every writer: a field
// the update does not carry keeps its stored value; a field it carries
// takes the update's value, so an empty value clears it; a list (texts,
// sources, places…) is carried whole or not at all. A nil FieldSet carries
// every field: the update is the whole document.
type FieldSet map[string]bool

// Has reports whether the set carries field, itself or through its group.
func (s FieldSet) Has(field string) bool {
	if s == nil || s[field] {
		return true
	}
	group, _, ok := strings.Cut(field, ".")
	return ok && s[group]
}

// Patch gives update the stored value of every field the set does not
// carry. Record IDs, stamps and the inverse relations are the store's.
func (s FieldSet) Patch(stored, update *Document) {
	if s == nil {
		return
	}
	for _, f := range documentFields {
		if !s.Has(f.name) {
			f.keep(update, stored)
		}
	}
	// Credits and relations carried whole keep the update's order; carried
	// by role or kind (CSV columns), the stored order across them.
	if !s["credits"] {
		update.Credits = mergeGroups(stored.Credits, update.Credits,
			func(c Credit) string { return "credits." + string(c.Role) }, s.Has)
	}
	if !s["relations"] {
		update.Relations = mergeGroups(stored.Relations, update.Relations,
			func(r Relation) string { return "relations." + string(r.Kind) }, s.Has)
	}
}

// documentFields are the fields Patch copies whole, each with how.
var documentFields = []struct {
	name string
	keep func(dst, src *Document)
}{
	{"title", func(d, s *Document) { d.Title = s.Title }},
	{"summary", func(d, s *Document) { d.Summary = s.Summary }},
	{"type", func(d, s *Document) { d.Type = s.Type }},
	{"date", func(d, s *Document) { d.Date = s.Date }},
	{"date_as_written", func(d, s *Document) { d.DateAsWritten = s.DateAsWritten }},
	{"languages", func(d, s *Document) { d.Languages = s.Languages }},
	{"written_at", func(d, s *Document) { d.WrittenAt = s.WrittenAt }},
	{"written_on", func(d, s *Document) { d.WrittenOn = s.WrittenOn }},
	{"signature", func(d, s *Document) { d.Signature = s.Signature }},
	{"authentication", func(d, s *Document) { d.Authentication = s.Authentication }},
	{"classification.level", func(d, s *Document) { d.Classification.Level = s.Classification.Level }},
	{"classification.declassified_on", func(d, s *Document) {
		d.Classification.DeclassifiedOn = s.Classification.DeclassifiedOn
	}},
	{"classification.declassified_by", func(d, s *Document) {
		d.Classification.DeclassifiedBy = s.Classification.DeclassifiedBy
	}},
	{"rights.statement", func(d, s *Document) { d.Rights.Statement = s.Rights.Statement }},
	{"rights.uri", func(d, s *Document) { d.Rights.URI = s.Rights.URI }},
	{"status", func(d, s *Document) { d.Status = s.Status }},
	{"withdrawn_note", func(d, s *Document) { d.WithdrawnNote = s.WithdrawnNote }},
	{"source_id", func(d, s *Document) { d.SourceID = s.SourceID }},
	{"texts", func(d, s *Document) { d.Texts = s.Texts }},
	{"sources", func(d, s *Document) { d.Sources = s.Sources }},
	{"places", func(d, s *Document) { d.Places = s.Places }},
	{"subjects", func(d, s *Document) { d.Subjects = s.Subjects }},
	{"collections", func(d, s *Document) { d.Collections = s.Collections }},
	{"media", func(d, s *Document) { d.Media = s.Media }},
	{"former_paths", func(d, s *Document) { d.FormerPaths = s.FormerPaths }},
	{"original_uploaded", func(d, s *Document) { d.OriginalUploaded = s.OriginalUploaded }},
	{"original_created", func(d, s *Document) { d.OriginalCreated = s.OriginalCreated }},
}

// mergeGroups returns stored with the items of each carried group replaced
// by update's, one for one in the places stored had them: the first of
// update's items of a group takes the place of the first stored one, and so
// on; items beyond the stored ones follow the last of them, stored items
// beyond update's are dropped, and groups stored lacks come last, in
// update's order. So an update that repeats what is stored gives the
// stored list back exactly, however its groups interleave (a FRUS letter's
// author, then a person mentioned, then a second author).
func mergeGroups[T any](stored, update []T, group func(T) string, carried func(string) bool) []T {
	pending := map[string][]T{} // update's items of carried groups not yet placed
	var order []string          // those groups, in update's order
	for _, it := range update {
		g := group(it)
		if !carried(g) {
			continue
		}
		if _, ok := pending[g]; !ok {
			order = append(order, g)
		}
		pending[g] = append(pending[g], it)
	}
	left := map[string]int{} // stored items of each carried group still to come
	for _, it := range stored {
		if g := group(it); carried(g) {
			left[g]++
		}
	}
	var out []T
	for _, it := range stored {
		g := group(it)
		if !carried(g) {
			out = append(out, it)
			continue
		}
		left[g]--
		switch q := pending[g]; {
		case len(q) == 0:
		case left[g] == 0: // the group's last stored place takes the rest
			out = append(out, q...)
			pending[g] = nil
		default:
			out = append(out, q[0])
			pending[g] = q[1:]
		}
	}
	for _, g := range order {
		out = append(out, pending[g]...)
	}
	return out
}
