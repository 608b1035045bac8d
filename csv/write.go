package csv

import (
	"context"
	stdcsv "encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// Write writes the documents with one of the given statuses (nil for all)
// as CSV, in Record ID order, with the columns in the documented order and
// as many text and source column groups as the documents need. Authorities
// are written by name (agents and places by preferred name, collections by
// path, repositories by short name, subjects by heading) or, where a name
// would not find the one record again, as "#id". The same archive gives the
// same bytes.
//
// A cell a spreadsheet would read as a formula (one starting with =, +, -,
// @, a tab or a carriage return) is guarded by a leading apostrophe, as
// spreadsheet-safe exporters do, and Read removes that guard again.
//
// Write reads the archive twice, once to size the header and once to write
// the rows; a document that gains a text or source in between fails the
// export.
func Write(ctx context.Context, w io.Writer, store recto.Store, status []recto.Status) error {
	if err := write(ctx, w, store, status); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

func write(ctx context.Context, w io.Writer, store recto.Store, status []recto.Status) error {
	x := &exporter{store: store}
	if err := x.loadAuthorities(ctx); err != nil {
		return err
	}
	wanted := func(d *recto.Document) bool { return status == nil || slices.Contains(status, d.Status) }
	texts, sources := 0, 1
	// targets keeps how the exported documents that others relate to are
	// named: by source_id, or by #id.
	x.targets = map[int64]string{}
	err := store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if wanted(d) {
			texts, sources = max(texts, len(d.Texts)), max(sources, len(d.Sources))
			if len(d.Inverse) > 0 {
				x.targets[d.ID] = documentKey(d)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw := stdcsv.NewWriter(w)
	h := exportHeader(texts, sources)
	if err := cw.Write(h); err != nil {
		return err
	}
	x.textsAt = len(docCols) + sources*len(sourceCols)
	rec := make([]string, len(h))
	err = store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if !wanted(d) {
			return nil
		}
		if len(d.Texts) > texts || len(d.Sources) > sources {
			return fmt.Errorf("document %d changed during the export; export again", d.ID)
		}
		if err := x.row(ctx, d, rec); err != nil {
			return fmt.Errorf("document %d: %w", d.ID, err)
		}
		for i, v := range rec {
			rec[i] = guard(v)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// documentKey is how a CSV names a document: its source_id, or #id.
func documentKey(d *recto.Document) string {
	if d.SourceID != "" {
		return d.SourceID
	}
	return "#" + strconv.FormatInt(d.ID, 10)
}

// exporter writes rows, with the cells of every authority worked out once.
type exporter struct {
	store        recto.Store
	agents       map[int64]string
	places       map[int64]string
	collections  map[int64]string
	repositories map[int64]string
	subjects     map[int64]string
	targets      map[int64]string
	textsAt      int // index of the first text column
}

// loadAuthorities reads every authority once and works out its cell: its
// name, unless another record of its kind has the same name or the name
// would read back as something else, in which case "#id".
func (x *exporter) loadAuthorities(ctx context.Context) error {
	agents, _, err := x.store.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	if err != nil {
		return err
	}
	x.agents = cells(agents, func(a *recto.Agent) (int64, string) { return a.ID, a.Name },
		func(a *recto.Agent) (string, bool) {
			cell := a.Name
			if a.Kind == recto.Organisation {
				cell = "org:" + a.Name
			}
			r, err := parseRef(cell, withIdentifiers|withOrg)
			return cell, err == nil && r.name == a.Name && r.org == (a.Kind == recto.Organisation)
		})

	places, err := x.store.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	x.places = cells(places, func(p *recto.Place) (int64, string) { return p.ID, p.Name },
		func(p *recto.Place) (string, bool) {
			r, err := parseRef(p.Name, withIdentifiers)
			return p.Name, err == nil && r.name == p.Name
		})

	repos, err := x.store.FindRepositories(ctx, recto.RepositoryFilter{NoCounts: true})
	if err != nil {
		return err
	}
	x.repositories = cells(repos, func(r *recto.Repository) (int64, string) { return r.ID, r.ShortName },
		func(r *recto.Repository) (string, bool) {
			ref, err := parseRef(r.ShortName, 0)
			return r.ShortName, err == nil && ref.name == r.ShortName
		})

	cols, err := x.store.FindCollections(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	byID := make(map[int64]*recto.Collection, len(cols))
	for _, c := range cols {
		byID[c.Item.ID] = c.Item
	}
	paths := make(map[int64]string, len(cols))
	for _, c := range cols {
		paths[c.Item.ID] = collectionPath(c.Item, byID)
	}
	x.collections = cells(cols, func(c *recto.Collection) (int64, string) { return c.ID, paths[c.ID] },
		func(c *recto.Collection) (string, bool) { return paths[c.ID], paths[c.ID] != "" })

	subjects, err := x.store.FindSubjects(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	x.subjects = make(map[int64]string, len(subjects))
	for _, s := range subjects {
		x.subjects[s.Item.ID] = s.Item.Heading
	}
	return nil
}

// cells works out the cells of a kind of authority: name gives a record's
// ID and the name it is matched by, cell its cell and whether the cell
// reads back as that name.
func cells[T any](items []recto.Counted[T], name func(T) (int64, string), cell func(T) (string, bool)) map[int64]string {
	count := make(map[string]int, len(items))
	for _, it := range items {
		_, n := name(it.Item)
		count[n]++
	}
	out := make(map[int64]string, len(items))
	for _, it := range items {
		id, n := name(it.Item)
		c, ok := cell(it.Item)
		if !ok || count[n] > 1 || strings.TrimSpace(c) != c {
			c = "#" + strconv.FormatInt(id, 10)
		}
		out[id] = c
	}
	return out
}

// collectionPath returns the titles from the top collection down to c,
// joined by " > ", or "" when a title cannot be written in a path.
func collectionPath(c *recto.Collection, byID map[int64]*recto.Collection) string {
	var titles []string
	for depth := 0; c != nil && depth < 100; depth++ {
		t := c.Title
		if t == "" || strings.TrimSpace(t) != t || strings.Contains(t, corpus.CollectionSeparator) {
			return ""
		}
		titles = append(titles, t)
		if c.ParentID == 0 {
			slices.Reverse(titles)
			path := strings.Join(titles, " "+corpus.CollectionSeparator+" ")
			if r, err := parseRef(path, 0); err != nil || r.name != path {
				return ""
			}
			return path
		}
		c = byID[c.ParentID]
	}
	return ""
}

// cellOf returns the cell of authority id from cells, or "#id" for an
// authority created since they were read.
func cellOf(cells map[int64]string, id int64) string {
	if c, ok := cells[id]; ok {
		return c
	}
	return "#" + strconv.FormatInt(id, 10)
}

// subject returns a subject's heading, reading it if it is new.
func (x *exporter) subject(ctx context.Context, id int64) (string, error) {
	if h, ok := x.subjects[id]; ok {
		return h, nil
	}
	s, err := x.store.FindSubjectByID(ctx, id)
	if err != nil {
		return "", err
	}
	x.subjects[id] = s.Heading
	return s.Heading, nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// row fills rec with the cells of d.
func (x *exporter) row(ctx context.Context, d *recto.Document, rec []string) error {
	clear(rec)
	for i, c := range docCols {
		var v string
		switch c.f {
		case fID:
			v = strconv.FormatInt(d.ID, 10)
		case fSourceID:
			v = d.SourceID
		case fStatus:
			v = string(d.Status)
		case fTitle:
			v = d.Title
		case fType:
			v = d.Type
		case fDate:
			v = d.Date.String()
		case fDateAsWritten:
			v = d.DateAsWritten
		case fSummary:
			v = d.Summary
		case fLanguages:
			v = joinList(d.Languages)
		case fWrittenAt:
			v = d.WrittenAt
		case fWrittenOn:
			v = d.WrittenOn
		case fSignature:
			v = d.Signature
		case fAuthentication:
			v = d.Authentication
		case fClassification:
			v = d.Classification.Level
		case fDeclassifiedOn:
			v = d.Classification.DeclassifiedOn.String()
		case fDeclassifiedBy:
			v = d.Classification.DeclassifiedBy
		case fRightsStatement:
			v = d.Rights.Statement
		case fRightsURI:
			v = d.Rights.URI
		case fWithdrawnNote:
			v = d.WithdrawnNote
		case fCreatedAt:
			v = formatTime(d.CreatedAt)
		case fPublishedAt:
			v = formatTime(d.PublishedAt)
		case fOriginalUploaded:
			v = formatTime(d.OriginalUploaded)
		case fOriginalCreated:
			v = formatTime(d.OriginalCreated)
		case fFormerPaths:
			v = joinList(d.FormerPaths)
		case fCredits:
			v = x.credits(d.Credits, c.role)
		case fPlaces:
			var vs []string
			for _, p := range d.Places {
				vs = append(vs, cellOf(x.places, p.ID))
			}
			v = joinList(vs)
		case fSubjects:
			var vs []string
			for _, s := range d.Subjects {
				h, err := x.subject(ctx, s.ID)
				if err != nil {
					return err
				}
				vs = append(vs, h)
			}
			v = joinList(vs)
		case fCollections:
			var vs []string
			for _, col := range d.Collections {
				vs = append(vs, cellOf(x.collections, col.ID))
			}
			v = joinList(vs)
		case fRelated, fEnclosures:
			kind := recto.Related
			if c.f == fEnclosures {
				kind = recto.Enclosure
			}
			var vs []string
			for _, r := range d.Relations {
				// A document left out of the export is left out of
				// the links too: a public export names no draft.
				if cell, ok := x.targets[r.Document.ID]; ok && r.Kind == kind {
					vs = append(vs, cell)
				}
			}
			v = joinList(vs)
		case fMedia:
			var vs []string
			for _, m := range d.Media {
				vs = append(vs, formatPart(m.MediaType, m.Label, "", m.URL))
			}
			v = joinList(vs)
		}
		rec[i] = v
	}
	for n, s := range d.Sources {
		at := len(docCols) + n*len(sourceCols)
		if s.Repository != nil {
			rec[at] = cellOf(x.repositories, s.Repository.ID)
		}
		var parts []string
		for _, p := range s.Parts {
			parts = append(parts, formatPart(p.Type, p.Label, standardLabels[p.Type], p.Value))
		}
		rec[at+1] = joinList(parts)
		rec[at+2] = s.Note
		rec[at+3] = s.Citation
	}
	for n, t := range d.Texts {
		at := x.textsAt + n*len(textCols)
		for i, c := range textCols {
			var v string
			switch c.f {
			case fTextKind:
				v = string(t.Kind)
			case fTextLang:
				v = t.Lang
			case fTextTranslatedFrom:
				v = t.TranslatedFrom
			case fTextMethod:
				v = string(t.Method)
			case fTextDate:
				v = t.Date.String()
			case fTextCredits:
				v = x.credits(t.Credits, c.role)
			case fTextNotes:
				v = t.Notes
			case fTextFormat:
				v = corpus.ExportFormat(t.Format)
			case fTextBody:
				v = t.Body
			}
			rec[at+i] = v
		}
	}
	return nil
}

// credits returns the cell of the agents credited in role, each with the
// organisation it was made for: "Gary Goldberg (for NKIDP)".
func (x *exporter) credits(cs []recto.Credit, role recto.Role) string {
	var vs []string
	for _, c := range cs {
		if c.Role != role {
			continue
		}
		v := cellOf(x.agents, c.Agent.ID)
		if c.For != nil {
			v += " (for " + strings.TrimPrefix(cellOf(x.agents, c.For.ID), "org:") + ")"
		}
		vs = append(vs, v)
	}
	return joinList(vs)
}
