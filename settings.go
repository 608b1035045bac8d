package recto

import "context"

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
}

// Validate returns an EINVALID error naming every bad field.
func (s *Settings) Validate() error {
	v := newValidator()
	if s.RecordIDFloor < 0 {
		v.fail("record_id_floor", "must be a positive Record ID, or 0 for none")
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
