package recto

import (
	"context"
	"strings"
)

// HeadingSeparator separates the levels of a subject heading, Library of
// Congress style: "China--Foreign relations--Soviet Union".
const HeadingSeparator = "--"

// Subject is a subject heading. Every heading's broader headings exist as
// subjects too ("China--Foreign relations" above the example), linked by
// ParentID, so the headings can be browsed level by level.
type Subject struct {
	ID       int64
	Heading  string // normalised, see NormalizeHeading
	ParentID int64  // the heading one level up; 0 for a top-level term
}

// Terms returns the levels of the heading: ["China", "Foreign relations", "Soviet Union"].
func (s *Subject) Terms() []string { return strings.Split(s.Heading, HeadingSeparator) }

// Term returns the last level of the heading: "Soviet Union".
func (s *Subject) Term() string {
	t := s.Terms()
	return t[len(t)-1]
}

// NormalizeHeading trims every level of a heading and joins them with "--", so
// "China -- Foreign relations" and "China--Foreign relations" are one heading.
func NormalizeHeading(h string) string {
	terms := strings.Split(h, HeadingSeparator)
	for i, t := range terms {
		terms[i] = strings.Join(strings.Fields(t), " ")
	}
	return strings.Join(terms, HeadingSeparator)
}

// Validate returns an EINVALID error naming every bad field.
func (s *Subject) Validate() error {
	v := newValidator()
	h := NormalizeHeading(s.Heading)
	if h == "" {
		v.fail("heading", "required")
	} else {
		for i, t := range strings.Split(h, HeadingSeparator) {
			if t == "" {
				v.fail("heading", "level %d is empty", i+1)
			}
		}
	}
	return v.err("subject")
}

// SubjectService reads and writes subject headings.
type SubjectService interface {
	// FindSubjectByID returns ENOTFOUND when no subject has the id.
	FindSubjectByID(ctx context.Context, id int64) (*Subject, error)
	// FindSubjects lists headings in alphabetical order with their document counts.
	FindSubjects(ctx context.Context, filter TreeFilter) ([]Counted[*Subject], error)
	// FindSubjectAncestors returns the broader headings above id, top level first.
	FindSubjectAncestors(ctx context.Context, id int64) ([]*Subject, error)
	// CreateSubject normalises the heading and returns the existing subject of
	// that heading, or creates it together with any missing broader headings.
	// It sets s.ID, s.Heading and s.ParentID. EINVALID on a malformed heading.
	CreateSubject(ctx context.Context, s *Subject) error
}
