package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/recto-archive/recto"
)

// The settings table holds a value per key, so that a setting added later
// needs no migration. A setting at its zero value has no row.
const recordIDFloorKey = "record_id_floor"

// textSettings are the settings held as text, by key.
func textSettings(s *recto.Settings) map[string]*string {
	return map[string]*string{
		"archive_name":       &s.ArchiveName,
		"archive_short_name": &s.ArchiveShortName,
		"publisher":          &s.Publisher,
	}
}

// FindSettings returns the archive's settings, zero where none is set.
func (db *DB) FindSettings(ctx context.Context) (*recto.Settings, error) {
	s := &recto.Settings{}
	text := textSettings(s)
	rows, err := db.reads().QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	err = scanAll(rows, func() error {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return err
		}
		if key == recordIDFloorKey {
			s.RecordIDFloor, err = parseFloor(value)
		} else if field, ok := text[key]; ok {
			*field = value
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	return s, nil
}

// UpdateSettings stores s whole.
func (db *DB) UpdateSettings(ctx context.Context, s *recto.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		floor := ""
		if s.RecordIDFloor != 0 {
			floor = strconv.FormatInt(s.RecordIDFloor, 10)
		}
		if err := tx.setSetting(ctx, recordIDFloorKey, floor); err != nil {
			return err
		}
		for key, value := range textSettings(s) {
			if err := tx.setSetting(ctx, key, *value); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordIDFloor returns the least Record ID the store gives a document
// itself, 0 for none.
func recordIDFloor(ctx context.Context, q Querier) (int64, error) {
	var value string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, recordIDFloorKey).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: settings: %w", err)
	}
	return parseFloor(value)
}

func parseFloor(value string) (int64, error) {
	floor, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("store: settings: %s %q is not a number", recordIDFloorKey, value)
	}
	return floor, nil
}

// setSetting stores value under key, or removes the key for "".
func (tx *Tx) setSetting(ctx context.Context, key, value string) error {
	var err error
	if value == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	}
	if err != nil {
		return fmt.Errorf("store: settings: %s: %w", key, err)
	}
	return nil
}
