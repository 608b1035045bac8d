package oaipmh

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/recto-archive/recto"
)

// TestHarvest_Windows pages through an archive whose last changes are
// spread every way a real one's are (a bulk load sharing one stamp,
// microseconds apart, minutes apart, years apart, drafts thick between
// records) with many page sizes: every page reads the next window of
// change times, and no item may be lost or repeated at a window's edge.
func TestHarvest_Windows(t *testing.T) {
	db := emptyStore(t)
	ctx := t.Context()
	coll := &recto.Collection{Title: "Half"}
	if err := db.CreateCollection(ctx, coll); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var stamps []time.Time
	for range 150 {
		stamps = append(stamps, t0) // one bulk load
	}
	for i := range 50 {
		stamps = append(stamps, t0.Add(time.Duration(i+1)*time.Microsecond))
	}
	for i := range 30 {
		stamps = append(stamps, t0.Add(time.Hour+time.Duration(i)*37*time.Second))
	}
	stamps = append(stamps, t0.AddDate(3, 0, 0), t0.AddDate(10, 0, 0), t0.AddDate(10, 0, 0).Add(time.Microsecond))
	for i := range 40 {
		stamps = append(stamps, t0.AddDate(20, 0, 0).Add(time.Duration(i)*time.Millisecond))
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(stamps), func(i, j int) { stamps[i], stamps[j] = stamps[j], stamps[i] })
	type doc struct {
		id     int64
		at     time.Time
		hidden bool // never published: not in any response
		inColl bool
	}
	var docs []doc
	for i, at := range stamps {
		d := &recto.Document{Title: "Document " + strconv.Itoa(i), CreatedAt: t0.Add(-time.Hour), UpdatedAt: at}
		// Drafts are thick in the bulk load and the last stretch.
		draftShare := 0.2
		if at.Equal(t0) || at.After(t0.AddDate(19, 0, 0)) {
			draftShare = 0.6
		}
		switch x := r.Float64(); {
		case x < draftShare:
			d.Status = recto.StatusDraft
		case x < draftShare+0.05:
			d.Status = recto.StatusInReview
			d.PublishedAt = at.Add(-time.Minute) // published once
		case x < draftShare+0.1:
			d.Status = recto.StatusWithdrawn
		default:
			d.Status = recto.StatusPublished
			d.PublishedAt = at
		}
		if i%2 == 0 {
			d.Collections = []*recto.Collection{coll}
		}
		if err := db.CreateDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{id: d.ID, at: at, hidden: d.Status != recto.StatusPublished && d.Status != recto.StatusWithdrawn && d.PublishedAt.IsZero(), inColl: i%2 == 0})
	}
	slices.SortFunc(docs, func(a, b doc) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return int(a.id - b.id)
	})
	expect := func(from, until time.Time, set bool) []string {
		var ids []string
		for _, d := range docs {
			if !d.hidden && (!set || d.inColl) &&
				(from.IsZero() || !d.at.Before(from)) && (until.IsZero() || !d.at.After(until)) {
				ids = append(ids, oaiID(d.id))
			}
		}
		return ids
	}
	now := t0.AddDate(30, 0, 0)
	f := func(t time.Time) string { return t.Format(granularityLayout) }
	set := "collection:" + strconv.FormatInt(coll.ID, 10)
	for _, size := range []int{1, 2, 3, 7, 16, 50, 1000} {
		e := &env{t: t, db: db}
		h := e.handler(Options{PageSize: size, Now: func() time.Time { return now }})
		for _, tc := range []struct {
			args        []string
			from, until time.Time
			set         bool
		}{
			{nil, time.Time{}, time.Time{}, false},
			{[]string{"set", set}, time.Time{}, time.Time{}, true},
			{[]string{"from", f(t0.Add(time.Hour)), "until", f(t0.AddDate(10, 0, 0))}, t0.Add(time.Hour), t0.AddDate(10, 0, 0).Add(time.Second - 1), false},
			{[]string{"from", f(t0)}, t0, time.Time{}, false},
			{[]string{"until", f(t0)}, time.Time{}, t0.Add(time.Second - 1), false},
		} {
			got, pages := harvest(t, h, "ListIdentifiers", append([]string{"metadataPrefix", "oai_dc"}, tc.args...)...)
			want := expect(tc.from, tc.until, tc.set)
			if !slices.Equal(identifiers(got), want) {
				t.Errorf("page size %d, %q: got %d items, want %d\n%q\n%q", size, tc.args, len(got), len(want), identifiers(got), want)
				continue
			}
			if tok := pages[0].tokenOf(); len(pages) > 1 && (tok == nil || tok.CompleteListSize != strconv.Itoa(len(want))) {
				t.Errorf("page size %d, %q: completeListSize %+v, want %d", size, tc.args, tok, len(want))
			}
			if size == 1000 && tc.args == nil {
				// Records read in parallel parts come back whole and in order.
				recs, _ := harvest(t, h, "ListRecords", "metadataPrefix", "recto")
				if !slices.Equal(identifiers(recs), want) {
					t.Errorf("ListRecords: %q, want %q", identifiers(recs), want)
				}
				for _, r := range recs {
					if r.Header.Status == "" && (r.Metadata == nil || r.Metadata.Native == nil ||
						oaiID(r.Metadata.Native.ID) != r.Header.Identifier) {
						t.Errorf("%s: metadata of another document", r.Header.Identifier)
					}
				}
			}
			for i, p := range pages[:len(pages)-1] {
				if n := len(p.items()); n != size {
					t.Errorf("page size %d, %q: page %d has %d items", size, tc.args, i, n)
				}
			}
		}
	}
}
