package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// summaryColumns are the columns of documents d that scanSummary reads.
const summaryColumns = `d.id, d.title, d.summary, d.type, d.date_edtf, d.status, d.published_at, d.updated_at`

// scanSummary scans the given leading columns, then summaryColumns.
func scanSummary(rows *sql.Rows, leading ...any) (*recto.DocumentSummary, error) {
	var s recto.DocumentSummary
	var date, published, updated string
	dest := append(leading, &s.ID, &s.Title, &s.Summary, &s.Type, &date, &s.Status, &published, &updated)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if s.Date, err = edtf.Parse(date); err != nil {
		return nil, fmt.Errorf("document %d: stored date: %w", s.ID, err)
	}
	if s.PublishedAt, err = parseTime(published); err != nil {
		return nil, err
	}
	if s.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &s, nil
}

// Sort keys. A document open at its start sorts by its end.
const (
	orderByDate = ` ORDER BY coalesce(d.date_earliest, d.date_latest) IS NULL,
		coalesce(d.date_earliest, d.date_latest), d.date_latest, d.id`
	orderByNewest = ` ORDER BY CASE WHEN d.published_at <> '' THEN d.published_at ELSE d.created_at END DESC, d.id DESC`
)

// descendants selects a node and every node below it in a tree table.
func descendants(table string) string {
	return `WITH RECURSIVE down(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT t.id FROM ` + table +
		` t JOIN down ON t.parent_id = down.id) SELECT id FROM down`
}

// documentWhere builds the FROM, WHERE and ORDER BY clauses of a filter.
// page is the condition that starts a page after f.After, with its
// arguments: it belongs to the listing, not to the count.
func documentWhere(f recto.DocumentFilter) (from, where, order string, args []any, page string, pageArgs []any) {
	var conds []string
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	from = `documents d`
	if f.Status != nil {
		add(strings.TrimPrefix(statusClause("d", f.Status), " AND "), statusArgs(f.Status)...)
	}
	switch {
	case f.CollectionID != 0 && f.Subtree:
		add(`d.id IN (SELECT document_id FROM collection_documents WHERE collection_id IN (`+descendants("collections")+`))`, f.CollectionID)
	case f.CollectionID != 0:
		add(`d.id IN (SELECT document_id FROM collection_documents WHERE collection_id = ?)`, f.CollectionID)
	}
	if f.AgentID != 0 {
		add(`d.id IN (SELECT document_id FROM credits WHERE agent_id = ?
			UNION ALL SELECT document_id FROM credits WHERE for_agent_id = ?)`, f.AgentID, f.AgentID)
	}
	if f.PlaceID != 0 {
		add(`d.id IN (SELECT document_id FROM document_places WHERE place_id IN (`+descendants("places")+`))`, f.PlaceID)
	}
	if f.SubjectID != 0 {
		add(`d.id IN (SELECT document_id FROM document_subjects WHERE subject_id IN (`+descendants("subjects")+`))`, f.SubjectID)
	}
	if f.RepositoryID != 0 {
		add(`d.id IN (SELECT document_id FROM sources WHERE repository_id = ?)`, f.RepositoryID)
	}
	if f.Dates != nil {
		add(`d.date_edtf <> '' AND (d.date_earliest IS NULL OR d.date_earliest <= ?)
			AND (d.date_latest IS NULL OR d.date_latest >= ?)`, int64(f.Dates.To), int64(f.Dates.From))
	}
	if f.Undated {
		add(`d.date_edtf = ''`)
	}
	if !f.ChangedFrom.IsZero() {
		add(`d.updated_at >= ?`, formatTime(f.ChangedFrom))
	}
	if !f.ChangedUntil.IsZero() {
		add(`d.updated_at <= ?`, formatTime(f.ChangedUntil))
	}
	switch f.Sort {
	case recto.SortChanged:
		order = ` ORDER BY d.updated_at, d.id`
		if f.After != nil {
			at := formatTime(f.After.UpdatedAt)
			// The first term, implied by the rest, is what lets the
			// planner start from the cursor in the index.
			page, pageArgs = `d.updated_at >= ? AND (d.updated_at > ? OR d.updated_at = ? AND d.id > ?)`,
				[]any{at, at, at, f.After.ID}
		}
	case recto.SortNewest:
		order = orderByNewest
		if slices.Equal(f.Status, []recto.Status{recto.StatusPublished}) {
			// Every published document has a publication time, so this is
			// the same order, and the (status, published_at) index gives it
			// without sorting the archive.
			order = ` ORDER BY d.published_at DESC, d.id DESC`
		}
	case recto.SortCurated:
		if f.CollectionID != 0 {
			from = `documents d JOIN collection_documents cd ON cd.document_id = d.id AND cd.collection_id = ?`
			args = append([]any{f.CollectionID}, args...)
			order = ` ORDER BY cd.position, d.id`
			break
		}
		order = orderByDate
	default:
		order = orderByDate
	}
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, ` AND `)
	}
	return from, where, order, args, page, pageArgs
}

// FindDocuments lists the documents that match, and how many match in all.
func (db *DB) FindDocuments(ctx context.Context, f recto.DocumentFilter) ([]*recto.DocumentSummary, int, error) {
	from, where, order, args, page, pageArgs := documentWhere(f)
	// Totals are counted apart, and remembered: counting a million
	// documents takes longer than finding a page of them.
	count := `SELECT count(*) FROM ` + from + where
	countAll := func() (int, error) {
		total, err := memoized(ctx, db, fmt.Sprint(count, args), func(ctx context.Context) (int, error) {
			var n int
			err := db.reads().QueryRowContext(ctx, count, args...).Scan(&n)
			return n, err
		})
		if err != nil {
			return 0, fmt.Errorf("store: count documents: %w", err)
		}
		return total, nil
	}
	// A page past the first is weighed against the total before it is
	// read: an OFFSET past the end walks the whole index to find nothing
	// (a millionth page of /documents, 17 ms at 100,000 documents, however
	// often it is asked for), while the total is usually remembered from
	// the first page.
	if page == "" && f.Offset > 0 {
		total, err := countAll()
		if err != nil || f.Offset >= total {
			return nil, total, err
		}
	}
	pageWhere := where
	if page != "" {
		pageWhere = ` WHERE ` + page
		if where != "" {
			pageWhere = where + ` AND ` + page
		}
	}
	rows, err := db.reads().QueryContext(ctx, `SELECT `+summaryColumns+` FROM `+from+pageWhere+order+
		limitClause(f.Offset, f.Limit), append(slices.Clone(args), pageArgs...)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find documents: %w", err)
	}
	var docs []*recto.DocumentSummary
	err = scanAll(rows, func() error {
		s, err := scanSummary(rows)
		docs = append(docs, s)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: find documents: %w", err)
	}
	// A first page that is not full counts itself.
	if page == "" && f.Offset == 0 && (f.Limit == 0 || len(docs) < f.Limit) {
		return docs, len(docs), nil
	}
	total, err := countAll()
	return docs, total, err
}

// CountByDates counts, per range, the documents whose date overlaps it.
func (db *DB) CountByDates(ctx context.Context, status []recto.Status, ranges []recto.DayRange) ([]int, error) {
	spans, err := db.dateSpans(ctx, status)
	if err != nil {
		return nil, err
	}
	counts := make([]int, len(ranges))
	for i, r := range ranges {
		counts[i] = spans.overlapping(int64(r.From), int64(r.To))
	}
	return counts, nil
}

// DateBounds returns the earliest and latest known days of the documents.
func (db *DB) DateBounds(ctx context.Context, status []recto.Status) (recto.DayRange, bool, error) {
	spans, err := db.dateSpans(ctx, status)
	if err != nil || !spans.bounded {
		return recto.DayRange{}, false, err
	}
	return recto.DayRange{From: edtf.Day(spans.lo), To: edtf.Day(spans.hi)}, true, nil
}

// dateSpans holds the day ranges of the dated documents of some statuses,
// for counting them by periods: the earliest possible days sorted, and the
// latest sorted, an open side as far as it goes. Every date's earliest day
// is at most its latest, so the documents overlapping [from, to] are those
// whose earliest day is at most to, less those whose latest day is before
// from: two binary searches, where SQL compared every dated document with
// every period (0.3–0.7 s for each page of /dates at 100,000 documents,
// on every request).
type dateSpans struct {
	earliest, latest []int64
	// lo and hi are the earliest and latest days any date names, what the
	// date browser shows from and to; bounded is false when no date has one.
	lo, hi  int64
	bounded bool
}

func (s *dateSpans) overlapping(from, to int64) int {
	started, _ := slices.BinarySearch(s.earliest, to+1) // earliest <= to
	ended, _ := slices.BinarySearch(s.latest, from)     // latest < from
	return started - ended
}

// dateSpans reads the documents' day ranges once the archive changes, and
// keeps them until it changes again.
func (db *DB) dateSpans(ctx context.Context, status []recto.Status) (*dateSpans, error) {
	return memoized(ctx, db, "date spans "+statusKey(status), func(ctx context.Context) (*dateSpans, error) {
		// A date has a day on at least one side, so this is every dated
		// document, read from the (status, date_earliest, date_latest)
		// index alone: testing date_edtf read every row of the table too,
		// 36 s at a million documents when it was not in the page cache.
		rows, err := db.reads().QueryContext(ctx, `SELECT date_earliest, date_latest FROM documents d
			WHERE (d.date_earliest IS NOT NULL OR d.date_latest IS NOT NULL)`+statusClause("d", status), statusArgs(status)...)
		if err != nil {
			return nil, fmt.Errorf("store: date spans: %w", err)
		}
		s := &dateSpans{lo: math.MaxInt64, hi: math.MinInt64}
		err = scanAll(rows, func() error {
			var e, l sql.NullInt64
			if err := rows.Scan(&e, &l); err != nil {
				return err
			}
			first, last := int64(math.MinInt64), int64(math.MaxInt64)
			if e.Valid {
				first = e.Int64
				s.lo, s.hi = min(s.lo, e.Int64), max(s.hi, e.Int64)
			}
			if l.Valid {
				last = l.Int64
				s.lo, s.hi = min(s.lo, l.Int64), max(s.hi, l.Int64)
			}
			s.earliest, s.latest = append(s.earliest, first), append(s.latest, last)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store: date spans: %w", err)
		}
		slices.Sort(s.earliest)
		slices.Sort(s.latest)
		s.bounded = s.lo <= s.hi
		return s, nil
	})
}

// Stats counts documents and the authorities linked to them.
func (db *DB) Stats(ctx context.Context, status []recto.Status) (recto.Stats, error) {
	return memoized(ctx, db, "stats "+statusKey(status), func(ctx context.Context) (recto.Stats, error) { return db.stats(ctx, status) })
}

func (db *DB) stats(ctx context.Context, status []recto.Status) (recto.Stats, error) {
	var s recto.Stats
	args := statusArgs(status)
	// Each authority is counted by asking whether any visible document
	// links it: one short probe of an index per authority, where counting
	// distinct values over every link read millions of rows.
	linked := func(links, key, outer string) string {
		return `EXISTS (SELECT 1 FROM ` + links + ` l JOIN documents d ON d.id = l.document_id
			WHERE l.` + key + ` = ` + outer + statusClause("d", status) + `)`
	}
	queries := []struct {
		dst   *int
		query string
		args  []any
	}{
		{&s.Documents, `SELECT count(*) FROM documents d WHERE 1 = 1` + statusClause("d", status), args},
		{&s.People, `SELECT count(*) FROM agents a WHERE a.kind = 'person' AND ` + linked("credits", "agent_id", "a.id"), args},
		{&s.Organisations, `SELECT count(*) FROM agents a WHERE a.kind = 'organisation' AND (` +
			linked("credits", "agent_id", "a.id") + ` OR ` + linked("credits", "for_agent_id", "a.id") + `)`, slices.Concat(args, args)},
		{&s.Places, `SELECT count(*) FROM places p WHERE ` + linked("document_places", "place_id", "p.id"), args},
		// A collection counts when it, or one below it, holds a visible
		// document: walk up from those that hold one.
		{&s.Collections, `WITH RECURSIVE up(id) AS (SELECT c.id FROM collections c WHERE ` +
			linked("collection_documents", "collection_id", "c.id") + `
			UNION SELECT c.parent_id FROM collections c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL)
			SELECT count(*) FROM up`, args},
		{&s.Languages, `SELECT count(*) FROM (SELECT DISTINCT lang FROM document_languages) AS langs
			WHERE ` + linked("document_languages", "lang", "langs.lang"), args},
	}
	for _, q := range queries {
		if err := db.reads().QueryRowContext(ctx, q.query, q.args...).Scan(q.dst); err != nil {
			return s, fmt.Errorf("store: stats: %w", err)
		}
	}
	return s, nil
}
