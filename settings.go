package recto

import (
	"cmp"
	"context"
	"unicode"
	"unicode/utf8"
)

// DefaultArchiveName is the archive's name until one is set.
const DefaultArchiveName = "Recto"

// Settings are the archive's own settings, kept in the store so that every
// process serving it agrees.
type Settings struct {
	// RecordIDFloor is the least Record ID Recto gives a document itself;
	// 0 for none. Recto otherwise gives the next number after the largest
	// it has stored, which a migration's documents raise batch by batch, so
	// a document made in Recto between two batches could take a Record ID
	// the next batch brings. Set once before a migration, above the old
	// system's highest Record ID, the floor keeps the two number spaces
	// apart: migrated documents keep theirs, in any order and in any number
	// of batches, and an import that brings one at or above the floor
	// taken by a document of Recto's is refused with an error naming it.
	RecordIDFloor int64
	// ArchiveName is the archive's name as every page, citation, feed,
	// OAI-PMH and /srv/ give it ("Wilson Center Digital Archive");
	// empty for DefaultArchiveName.
	ArchiveName string
	// ArchiveShortName follows each page's title in the browser's tab
	// ("Digital Archive"); empty for the name.
	ArchiveShortName string
	// Publisher is who publishes the archive, as TEI, Dublin Core and
	// /srv/ name it ("Wilson Center"); empty for the name.
	Publisher string
}

// Name returns the archive's name.
func (s *Settings) Name() string { return cmp.Or(s.ArchiveName, DefaultArchiveName) }

// ShortName returns the archive's short name, else its name.
func (s *Settings) ShortName() string { return cmp.Or(s.ArchiveShortName, s.Name()) }

// PublisherName returns the archive's publisher, else its name.
func (s *Settings) PublisherName() string { return cmp.Or(s.Publisher, s.Name()) }

// maxSettingText bounds the archive's name, short name and publisher.
const maxSettingText = 200

// Validate returns an EINVALID error naming every bad field.
func (s *Settings) Validate() error {
	v := newValidator()
	if s.RecordIDFloor < 0 {
		v.fail("record_id_floor", "must be a positive Record ID, or 0 for none")
	}
	for _, f := range []struct{ name, value string }{
		{"archive_name", s.ArchiveName}, {"archive_short_name", s.ArchiveShortName}, {"publisher", s.Publisher},
	} {
		if utf8.RuneCountInString(f.value) > maxSettingText || !oneLineText(f.value) {
			v.fail(f.name, "must be one line of at most 200 characters")
		}
	}
	return v.err("settings")
}

// SettingsService reads and writes the archive's settings.
type SettingsService interface {
	// FindSettings returns the archive's settings, zero where none is set.
	FindSettings(ctx context.Context) (*Settings, error)
	// UpdateSettings stores s whole. EINVALID.
	UpdateSettings(ctx context.Context, s *Settings) error
}

// oneLineText reports whether s is text on one line: no line breaks or
// other control characters.
func oneLineText(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}
