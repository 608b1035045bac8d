// Package sample holds Recto's built-in sample collection: about twenty short
// documents written for Recto in several languages and scripts, with their
// translations, authorities and collections, so that a new archive shows every
// part of every page. None of it is a historical source; every document says so.
package sample

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// collectionJSON is a whole-file corpus in the format of package corpus.
//
//go:embed collection.json
var collectionJSON []byte

// Load stores the sample collection through s. It does not check that the
// archive is empty; callers decide when to load it.
func Load(ctx context.Context, s recto.Store) error {
	if err := corpus.LoadFile(ctx, s, collectionJSON); err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	return nil
}
