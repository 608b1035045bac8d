package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/recto-archive/recto"
)

// Keys of exported records are their kind and Record ID, "agent/12", so a
// dump refers to each record by what the archive calls it.
func placeKey(id int64) string      { return key("place", id) }
func agentKey(id int64) string      { return key("agent", id) }
func repositoryKey(id int64) string { return key("repository", id) }
func collectionKey(id int64) string { return key("collection", id) }
func documentKey(id int64) string   { return key("document", id) }

func key(kind string, id int64) string {
	if id == 0 {
		return ""
	}
	return kind + "/" + strconv.FormatInt(id, 10)
}

func fromNames(ns []recto.Name) []Name {
	var out []Name
	for _, n := range ns {
		out = append(out, Name{Name: n.Name, Lang: n.Lang})
	}
	return out
}

func fromIdentifiers(ids []recto.Identifier) []Identifier {
	var out []Identifier
	for _, id := range ids {
		out = append(out, Identifier{Scheme: id.Scheme, Value: id.Value})
	}
	return out
}

// FromPlace returns the corpus form of a place.
func FromPlace(p *recto.Place) Place {
	out := Place{Key: placeKey(p.ID), ID: p.ID, Name: p.Name, Variants: fromNames(p.Variants),
		Parent: placeKey(p.ParentID), Identifiers: fromIdentifiers(p.Identifiers)}
	if c := p.Coordinates; c != nil {
		out.Latitude, out.Longitude = &c.Latitude, &c.Longitude
	}
	return out
}

// FromRepository returns the corpus form of a repository.
func FromRepository(r *recto.Repository) Repository {
	out := Repository{Key: repositoryKey(r.ID), ID: r.ID, ShortName: r.ShortName, Name: r.Name,
		Website: r.Website, CitationNote: r.CitationNote}
	if r.Place != nil {
		out.Place = placeKey(r.Place.ID)
	}
	return out
}

// FromAgent returns the corpus form of a person or organisation.
func FromAgent(a *recto.Agent) Agent {
	return Agent{Key: agentKey(a.ID), ID: a.ID, Kind: string(a.Kind), Name: a.Name, SortName: a.SortName, Variants: fromNames(a.Variants),
		Dates: a.Dates.String(), Bio: a.Bio, Identifiers: fromIdentifiers(a.Identifiers)}
}

// FromCollection returns the corpus form of a collection.
func FromCollection(c *recto.Collection) Collection {
	return Collection{Key: collectionKey(c.ID), ID: c.ID, Title: c.Title, Description: c.Description,
		Image: c.Image, Parent: collectionKey(c.ParentID)}
}

// FromDocument returns the corpus form of a document; it refers to
// authorities by their keys, which only their Record IDs make.
func FromDocument(d *recto.Document) Document {
	out := Document{Key: documentKey(d.ID), ID: d.ID, SourceID: d.SourceID, Title: d.Title, Summary: d.Summary,
		Type: d.Type, Date: d.Date.String(), DateAsWritten: d.DateAsWritten, Languages: d.Languages,
		WrittenAt: d.WrittenAt, WrittenOn: d.WrittenOn, Signature: d.Signature, Authentication: d.Authentication,
		Classification: Classification{Level: d.Classification.Level,
			DeclassifiedOn: d.Classification.DeclassifiedOn.String(), DeclassifiedBy: d.Classification.DeclassifiedBy},
		Rights: Rights{Statement: d.Rights.Statement, URI: d.Rights.URI}, Status: string(d.Status),
		WithdrawnNote: d.WithdrawnNote, Credits: fromCredits(d.Credits),
		CreatedAt: stamp(d.CreatedAt), UpdatedAt: stamp(d.UpdatedAt), PublishedAt: stamp(d.PublishedAt),
		FormerPaths: d.FormerPaths, OriginalUploaded: stamp(d.OriginalUploaded), OriginalCreated: stamp(d.OriginalCreated)}
	if len(out.Languages) == 0 {
		out.Languages = nil
	}
	for _, t := range d.Texts {
		out.Texts = append(out.Texts, Text{ID: t.ID, Kind: string(t.Kind), Lang: t.Lang, TranslatedFrom: t.TranslatedFrom,
			Method: string(t.Method), Date: t.Date.String(), Notes: t.Notes, Credits: fromCredits(t.Credits),
			Format: ExportFormat(t.Format), Body: t.Body})
	}
	for _, s := range d.Sources {
		src := Source{Note: s.Note, Citation: s.Citation}
		if s.Repository != nil {
			src.Repository = repositoryKey(s.Repository.ID)
		}
		for _, p := range s.Parts {
			src.Parts = append(src.Parts, RefPart{Type: p.Type, Label: p.Label, Value: p.Value})
		}
		out.Sources = append(out.Sources, src)
	}
	for _, p := range d.Places {
		out.Places = append(out.Places, placeKey(p.ID))
	}
	for _, s := range d.Subjects {
		out.Subjects = append(out.Subjects, s.Heading)
	}
	for _, c := range d.Collections {
		out.Collections = append(out.Collections, collectionKey(c.ID))
	}
	for _, m := range d.Media {
		out.Media = append(out.Media, Media{URL: m.URL, MediaType: m.MediaType, Label: m.Label})
	}
	for _, r := range d.Relations {
		out.Relations = append(out.Relations, Relation{Kind: string(r.Kind), Document: documentKey(r.Document.ID)})
	}
	return out
}

func fromCredits(cs []recto.Credit) []Credit {
	var out []Credit
	for _, c := range cs {
		cr := Credit{Role: string(c.Role), Agent: agentKey(c.Agent.ID)}
		if c.For != nil {
			cr.For = agentKey(c.For.ID)
		}
		out = append(out, cr)
	}
	return out
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// WriteLines writes the archive as a JSON Lines corpus: the complete
// model, Record IDs and stamps included, that ImportLines reads back. With
// status nil it writes every document and authority; otherwise only the
// documents with those statuses and the authorities they need, so that a
// public download holds nothing unpublished. Output is deterministic.
// Revisions, the change log and collections' curated document order are
// not part of it: `recto copy` moves an archive with all of those.
func WriteLines(ctx context.Context, w io.Writer, store recto.Store, status []recto.Status) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	ex := &exporter{store: store, status: status, enc: enc}
	if err := ex.write(ctx); err != nil {
		return fmt.Errorf("corpus: export: %w", err)
	}
	return bw.Flush()
}

type exporter struct {
	store  recto.Store
	status []recto.Status
	enc    *json.Encoder
	// used holds the Record IDs of the authorities the exported documents
	// need, by kind; nil when every authority is exported.
	used map[string]map[int64]bool
	// headings are the subjects' headings by Record ID: documents refer to
	// subjects by heading, and ScanDocuments gives only their IDs.
	headings map[int64]string
}

func (ex *exporter) write(ctx context.Context) error {
	if ex.status != nil {
		if err := ex.collectUsed(ctx); err != nil {
			return err
		}
	}
	for _, step := range []func(context.Context) error{ex.places, ex.repositories, ex.agents, ex.subjects,
		ex.collections, ex.documents} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (ex *exporter) wanted(d *recto.Document) bool {
	return ex.status == nil || slices.Contains(ex.status, d.Status)
}

// collectUsed notes every authority an exported document refers to.
func (ex *exporter) collectUsed(ctx context.Context) error {
	ex.used = map[string]map[int64]bool{"place": {}, "repository": {}, "agent": {}, "subject": {}, "collection": {}}
	ex.used["document"] = map[int64]bool{}
	use := func(kind string, id int64) { ex.used[kind][id] = true }
	return ex.store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if !ex.wanted(d) {
			return nil
		}
		use("document", d.ID)
		credits := func(cs []recto.Credit) {
			for _, c := range cs {
				use("agent", c.Agent.ID)
				if c.For != nil {
					use("agent", c.For.ID)
				}
			}
		}
		credits(d.Credits)
		for _, t := range d.Texts {
			credits(t.Credits)
		}
		for _, s := range d.Sources {
			if s.Repository != nil {
				use("repository", s.Repository.ID)
			}
		}
		for _, p := range d.Places {
			use("place", p.ID)
		}
		for _, s := range d.Subjects {
			use("subject", s.ID)
		}
		for _, c := range d.Collections {
			use("collection", c.ID)
		}
		return nil
	})
}

// isUsed reports whether the authority is exported.
func (ex *exporter) isUsed(kind string, id int64) bool { return ex.used == nil || ex.used[kind][id] }

func (ex *exporter) line(l Line) error { return ex.enc.Encode(l) }

func (ex *exporter) places(ctx context.Context) error {
	list, err := ex.store.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	places := sortedByID(list)
	if ex.used != nil {
		repos, err := ex.store.FindRepositories(ctx, recto.RepositoryFilter{NoCounts: true})
		if err != nil {
			return err
		}
		for _, r := range repos {
			if ex.used["repository"][r.Item.ID] && r.Item.Place != nil {
				ex.used["place"][r.Item.Place.ID] = true
			}
		}
		markAncestors(places, ex.used["place"], func(p *recto.Place) (int64, int64) { return p.ID, p.ParentID })
	}
	for _, p := range parentsFirst(places, func(p *recto.Place) (int64, int64) { return p.ID, p.ParentID }) {
		if ex.isUsed("place", p.ID) {
			pl := FromPlace(p)
			if err := ex.line(Line{Place: &pl}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ex *exporter) repositories(ctx context.Context) error {
	list, err := ex.store.FindRepositories(ctx, recto.RepositoryFilter{NoCounts: true})
	if err != nil {
		return err
	}
	for _, r := range sortedByID(list) {
		if ex.isUsed("repository", r.ID) {
			rep := FromRepository(r)
			if err := ex.line(Line{Repository: &rep}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ex *exporter) agents(ctx context.Context) error {
	list, _, err := ex.store.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	if err != nil {
		return err
	}
	for _, a := range sortedByID(list) {
		if ex.isUsed("agent", a.ID) {
			ag := FromAgent(a)
			if err := ex.line(Line{Agent: &ag}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ex *exporter) subjects(ctx context.Context) error {
	list, err := ex.store.FindSubjects(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	subjects := sortedByID(list)
	ex.headings = make(map[int64]string, len(subjects))
	for _, s := range subjects {
		ex.headings[s.ID] = s.Heading
	}
	if ex.used != nil {
		markAncestors(subjects, ex.used["subject"], func(s *recto.Subject) (int64, int64) { return s.ID, s.ParentID })
	}
	for _, s := range parentsFirst(subjects, func(s *recto.Subject) (int64, int64) { return s.ID, s.ParentID }) {
		if ex.isUsed("subject", s.ID) {
			if err := ex.line(Line{Subject: &s.Heading, SubjectID: s.ID}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ex *exporter) collections(ctx context.Context) error {
	list, err := ex.store.FindCollections(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return err
	}
	cols := make([]*recto.Collection, len(list))
	for i, c := range list {
		cols[i] = c.Item
	}
	// Siblings go in their curated order, which the importer gives back.
	slices.SortStableFunc(cols, func(a, b *recto.Collection) int {
		if a.Position != b.Position {
			return a.Position - b.Position
		}
		return int(a.ID - b.ID)
	})
	if ex.used != nil {
		markAncestors(cols, ex.used["collection"], func(c *recto.Collection) (int64, int64) { return c.ID, c.ParentID })
	}
	for _, c := range parentsFirst(cols, func(c *recto.Collection) (int64, int64) { return c.ID, c.ParentID }) {
		if ex.isUsed("collection", c.ID) {
			col := FromCollection(c)
			if err := ex.line(Line{Collection: &col}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (ex *exporter) documents(ctx context.Context) error {
	return ex.store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
		if !ex.wanted(d) {
			return nil
		}
		for _, s := range d.Subjects {
			s.Heading = ex.headings[s.ID]
		}
		// Links to documents left out are left out too.
		d.Relations = slices.DeleteFunc(d.Relations, func(r recto.Relation) bool { return !ex.isUsed("document", r.Document.ID) })
		doc := FromDocument(d)
		return ex.line(Line{Document: &doc})
	})
}

func sortedByID[T interface {
	*recto.Place | *recto.Repository | *recto.Agent | *recto.Subject
}](list []recto.Counted[T]) []T {
	out := make([]T, len(list))
	for i, c := range list {
		out[i] = c.Item
	}
	slices.SortFunc(out, func(a, b T) int { return int(idOf(a) - idOf(b)) })
	return out
}

func idOf(rec any) int64 {
	if s, ok := rec.(*recto.Subject); ok {
		return s.ID
	}
	return recordID(rec)
}

// markAncestors adds to used the ancestors of every used node, so that a
// tree is exported whole down to what is used.
func markAncestors[T any](nodes []T, used map[int64]bool, ids func(T) (id, parent int64)) {
	parent := make(map[int64]int64, len(nodes))
	for _, n := range nodes {
		id, p := ids(n)
		parent[id] = p
	}
	for id := range used {
		for p := parent[id]; p != 0 && !used[p]; p = parent[p] {
			used[p] = true
		}
	}
}

// parentsFirst orders a tree's nodes so that each comes after its parent,
// keeping the given order among siblings: the order an import needs.
func parentsFirst[T any](nodes []T, ids func(T) (id, parent int64)) []T {
	children := map[int64][]T{}
	for _, n := range nodes {
		_, p := ids(n)
		children[p] = append(children[p], n)
	}
	out := make([]T, 0, len(nodes))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, n := range children[parent] {
			out = append(out, n)
			id, _ := ids(n)
			walk(id)
		}
	}
	walk(0)
	return out
}

// ExportFormat leaves Markdown, the format of a text without one, unsaid, so
// that exports made before formats existed stay as they were: JSON Lines
// and CSV write it so.
func ExportFormat(f recto.TextFormat) string {
	if f == recto.Markdown {
		return ""
	}
	return string(f)
}
