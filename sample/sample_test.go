package sample_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

// TestLoad loads the sample into a real archive and checks that it has what
// the site needs to show every block of every page.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "recto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	all, total, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total < 20 {
		t.Errorf("%d documents, want about 20", total)
	}
	var (
		statuses              = map[recto.Status]int{}
		languages             = map[string]bool{}
		enclosures, pairs     int
		approximate, interval bool
		rtlTranscript         bool
	)
	for _, s := range all {
		d, err := db.FindDocumentByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		statuses[d.Status]++
		for _, l := range d.Languages {
			languages[recto.PrimaryLanguage(l)] = true
		}
		for _, r := range d.Relations {
			if r.Kind == recto.Enclosure {
				enclosures++
			}
		}
		approximate = approximate || d.Date.String() == "1950~"
		interval = interval || d.Date.IsInterval()
		translations, transcripts := 0, 0
		for _, tx := range d.Texts {
			if tx.Kind == recto.Translation {
				translations++
			} else {
				transcripts++
				rtlTranscript = rtlTranscript || recto.LanguageDirection(tx.Lang) == "rtl"
			}
		}
		if translations > 0 && transcripts > 0 {
			pairs++
		}
	}
	for _, lang := range []string{"ru", "zh", "de", "ug"} {
		if !languages[lang] {
			t.Errorf("no original in %s", lang)
		}
	}
	if statuses[recto.StatusDraft] != 1 || statuses[recto.StatusWithdrawn] != 1 {
		t.Errorf("statuses %v, want one draft and one withdrawn", statuses)
	}
	if enclosures != 1 || pairs < 15 || !approximate || !interval || !rtlTranscript {
		t.Errorf("enclosures %d, translation+transcript pairs %d, approximate %v, interval %v, rtl %v",
			enclosures, pairs, approximate, interval, rtlTranscript)
	}
	cols, err := db.FindCollections(ctx, recto.TreeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	nested := 0
	for _, c := range cols {
		if c.Item.ParentID != 0 {
			nested++
		}
	}
	if len(cols) != 3 || nested != 1 {
		t.Errorf("%d collections with %d nested, want 3 with 1 nested", len(cols), nested)
	}
}
