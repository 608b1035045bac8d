package recto

import (
	"context"
	"strings"
	"unicode"

	"github.com/recto-archive/recto/edtf"
)

// AgentKind tells a person from an organisation.
type AgentKind string

// Agent kinds. UnknownKind is an agent a source names without saying
// whether it is a person or an organisation: it is shown and cited by its
// name as written, never inverted, until a later record gives its kind.
const (
	Person       AgentKind = "person"
	Organisation AgentKind = "organisation"
	UnknownKind  AgentKind = "unknown"
)

// Agent is a person or an organisation: an authority shared by all documents,
// linked to them through credits (author, recipient, translator, funder…).
type Agent struct {
	ID   int64
	Kind AgentKind
	Name string // preferred name, as shown: "Jamil Hasanli", "Mao Zedong"
	// SortName files the agent in indexes and gives citations its inverted
	// form: "Hasanli, Jamil"; "Mao Zedong" for a family-name-first name.
	SortName    string
	Variants    []Name    // other spellings, romanisations and scripts
	Dates       edtf.Date // life dates or dates of existence, e.g. "1885/1976"
	Bio         string    // short biography, light Markdown
	Identifiers []Identifier
}

// Validate returns an EINVALID error naming every bad field.
func (a *Agent) Validate() error {
	v := newValidator()
	v.required("name", a.Name)
	if a.Kind != Person && a.Kind != Organisation && a.Kind != UnknownKind {
		v.fail("kind", "must be %q, %q or %q", Person, Organisation, UnknownKind)
	}
	validateNames(v, "variants", a.Variants)
	validateIdentifiers(v, a.Identifiers)
	return v.err("person or organisation")
}

// AgentFilter selects agents for a listing.
type AgentFilter struct {
	Kind AgentKind // empty for every kind
	// Visible lists the document statuses that count towards document counts,
	// and an agent is listed only when it has at least one such document.
	// Nil lists every agent and counts every document.
	Visible []Status
	// NoCounts lists every item without counting documents, for callers
	// that need only the authorities; Visible is then ignored.
	NoCounts bool
	Offset   int
	Limit    int // 0 for no limit
}

// AgentService reads and writes people and organisations.
type AgentService interface {
	// FindAgentByID returns ENOTFOUND when no agent has the id.
	FindAgentByID(ctx context.Context, id int64) (*Agent, error)
	// FindAgents lists agents by preferred name with their document counts,
	// and the total number that match the filter.
	FindAgents(ctx context.Context, filter AgentFilter) ([]Counted[*Agent], int, error)
	// CreateAgent validates a, stores it and sets its ID. EINVALID on bad input.
	// A positive ID is kept if no record has it (restoring an export).
	CreateAgent(ctx context.Context, a *Agent) error
	// UpdateAgent replaces the stored agent with a. EINVALID, ENOTFOUND.
	UpdateAgent(ctx context.Context, a *Agent) error
}

// Counted is a listed item and the number of visible documents linked to it.
type Counted[T any] struct {
	Item      T
	Documents int
}

// DefaultSortName gives an agent that has no sort name the one inferred
// from its name; the store calls it for a new agent only, so a sort name
// once stored, given or inferred, is never inferred again. The rule:
//
//   - an organisation, or an agent of unknown kind, files under its name
//     as written;
//   - a person's name given inverted, "Hasanli, Jamil" (one comma), is
//     shown in reading order, "Jamil Hasanli", and filed as given;
//   - a name in a script that writes the family name first (Han, kana,
//     Hangul: "毛泽东") keeps its order;
//   - any other person's name of two or more words is filed under its last
//     word: "Jamil Hasanli" under "Hasanli, Jamil".
//
// The last word is a guess: a romanised family-name-first name ("Mao
// Zedong"), a compound family name ("Ramón y Cajal") or a suffix ("Jr.")
// needs its sort name given ("Mao Zedong"), which is then kept as given.
func (a *Agent) DefaultSortName() {
	if a.SortName != "" {
		return
	}
	a.SortName = a.Name
	if a.Kind != Person {
		return
	}
	if family, given, ok := InvertedName(a.Name); ok {
		a.Name, a.SortName = given+" "+family, family+", "+given
		return
	}
	words := strings.Fields(a.Name)
	if len(words) < 2 || familyNameFirst(a.Name) {
		return
	}
	a.SortName = words[len(words)-1] + ", " + strings.Join(words[:len(words)-1], " ")
}

// InvertedName splits a name written "Family, Given" (exactly one comma,
// both parts set); ok is false for every other name. Citations read it from
// the sort name, never from the name as shown.
func InvertedName(name string) (family, given string, ok bool) {
	family, given, ok = strings.Cut(name, ",")
	family, given = strings.TrimSpace(family), strings.TrimSpace(given)
	if !ok || family == "" || given == "" || strings.Contains(given, ",") {
		return "", "", false
	}
	return family, given, true
}

// familyNameFirst reports whether a name is written in a script whose
// names put the family name first.
func familyNameFirst(name string) bool {
	for _, r := range name {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}
