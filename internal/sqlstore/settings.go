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
// needs no migration.
const recordIDFloorKey = "record_id_floor"

// FindSettings returns the archive's settings, zero where none is set.
func (db *DB) FindSettings(ctx context.Context) (*recto.Settings, error) {
	floor, err := recordIDFloor(ctx, db.reads())
	if err != nil {
		return nil, err
	}
	return &recto.Settings{RecordIDFloor: floor}, nil
}

// UpdateSettings stores s whole; a zero setting is removed.
func (db *DB) UpdateSettings(ctx context.Context, s *recto.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		return tx.setSetting(ctx, recordIDFloorKey, s.RecordIDFloor)
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
	floor, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("store: settings: %s %q is not a number", recordIDFloorKey, value)
	}
	return floor, nil
}

// setSetting stores a number under key, or removes the key for 0.
func (tx *Tx) setSetting(ctx context.Context, key string, value int64) error {
	var err error
	if value == 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, strconv.FormatInt(value, 10))
	}
	if err != nil {
		return fmt.Errorf("store: settings: %s: %w", key, err)
	}
	return nil
}
