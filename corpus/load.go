package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// batchSize is how many documents the loader stores per transaction: large
// enough that committing costs little per document.
const batchSize = 2000

// Loader stores corpus records through a store, resolving keys to the
// records it has created or, when importing, found. Documents are stored in
// batches; call Flush at the end.
type Loader struct {
	store        recto.Store
	places       map[string]*recto.Place
	repositories map[string]*recto.Repository
	agents       map[string]*recto.Agent
	subjects     map[string]*recto.Subject
	collections  map[string]*recto.Collection
	documents    map[string]int64 // stored documents' Record IDs
	pending      []*recto.Document
	pendingKeys  []string
	positions    map[string]int // collections' sibling positions
	// held are the documents that wait for the documents their relations
	// point forward to, and heldKeys their indexes by key.
	held     []heldDocument
	heldKeys map[string]int
	// imp is set when importing: records are matched against the archive.
	imp *importer
	// Stored counts the documents stored so far.
	Stored int
}

// heldDocument is a document whose relations point forward.
type heldDocument struct {
	key     string
	doc     *recto.Document
	forward []Relation
}

// NewLoader returns a loader that stores through store, creating every record.
func NewLoader(store recto.Store) *Loader {
	return &Loader{store: store,
		places: map[string]*recto.Place{}, repositories: map[string]*recto.Repository{},
		agents: map[string]*recto.Agent{}, subjects: map[string]*recto.Subject{},
		collections: map[string]*recto.Collection{}, documents: map[string]int64{}, positions: map[string]int{},
		heldKeys: map[string]int{}}
}

// lookup returns m[key] or an error naming what was not found.
func lookup[T any](m map[string]T, what, key string) (T, error) {
	v, ok := m[key]
	if !ok {
		return v, fmt.Errorf("unknown %s %q", what, key)
	}
	return v, nil
}

func names(ns []Name) []recto.Name {
	var out []recto.Name
	for _, n := range ns {
		out = append(out, recto.Name{Name: n.Name, Lang: n.Lang})
	}
	return out
}

func identifiers(ids []Identifier) []recto.Identifier {
	var out []recto.Identifier
	for _, id := range ids {
		out = append(out, recto.Identifier{Scheme: id.Scheme, Value: id.Value})
	}
	return out
}

// Place stores a place, or finds it when importing.
func (l *Loader) Place(ctx context.Context, p Place) error {
	place := &recto.Place{ID: p.ID, Name: p.Name, Variants: names(p.Variants), Identifiers: identifiers(p.Identifiers)}
	if p.Parent != "" {
		parent, err := lookup(l.places, "parent place", p.Parent)
		if err != nil {
			return fmt.Errorf("place %q: %w", p.Key, err)
		}
		place.ParentID = parent.ID
	}
	if p.Latitude != nil && p.Longitude != nil {
		place.Coordinates = &recto.Coordinates{Latitude: *p.Latitude, Longitude: *p.Longitude}
	}
	if err := l.keep(ctx, place); err != nil {
		return fmt.Errorf("place %q: %w", p.Key, err)
	}
	l.places[p.Key] = place
	return nil
}

// Repository stores a repository, or finds it when importing.
func (l *Loader) Repository(ctx context.Context, r Repository) error {
	repo := &recto.Repository{ID: r.ID, ShortName: r.ShortName, Name: r.Name, Website: r.Website, CitationNote: r.CitationNote}
	if r.Place != "" {
		p, err := lookup(l.places, "place", r.Place)
		if err != nil {
			return fmt.Errorf("repository %q: %w", r.Key, err)
		}
		repo.Place = p
	}
	if err := l.keep(ctx, repo); err != nil {
		return fmt.Errorf("repository %q: %w", r.Key, err)
	}
	l.repositories[r.Key] = repo
	return nil
}

// Agent stores a person or organisation, or finds it when importing.
func (l *Loader) Agent(ctx context.Context, a Agent) error {
	dates, err := edtf.Parse(a.Dates)
	if err != nil {
		return fmt.Errorf("agent %q: dates: %w", a.Key, err)
	}
	ag := &recto.Agent{ID: a.ID, Kind: recto.AgentKind(a.Kind), Name: a.Name, Variants: names(a.Variants),
		Dates: dates, Bio: a.Bio, Identifiers: identifiers(a.Identifiers)}
	if err := l.keep(ctx, ag); err != nil {
		return fmt.Errorf("agent %q: %w", a.Key, err)
	}
	l.agents[a.Key] = ag
	return nil
}

// Subject stores a subject heading, or finds it; documents refer to it by
// the heading.
func (l *Loader) Subject(ctx context.Context, heading string) error {
	s := &recto.Subject{Heading: heading}
	if l.imp != nil {
		found, err := l.imp.subject(ctx, heading)
		if err != nil {
			return fmt.Errorf("subject %q: %w", heading, err)
		}
		if found != nil {
			l.subjects[heading] = found
			return nil
		}
	}
	if err := l.store.CreateSubject(ctx, s); err != nil {
		return fmt.Errorf("subject %q: %w", heading, err)
	}
	l.subjects[heading] = s
	return nil
}

// Collection stores a collection after its siblings, or finds it when
// importing.
func (l *Loader) Collection(ctx context.Context, c Collection) error {
	col := &recto.Collection{ID: c.ID, Title: c.Title, Description: c.Description, Image: c.Image,
		Position: l.positions[c.Parent]}
	l.positions[c.Parent]++
	if c.Parent != "" {
		parent, err := lookup(l.collections, "parent collection", c.Parent)
		if err != nil {
			return fmt.Errorf("collection %q: %w", c.Key, err)
		}
		col.ParentID = parent.ID
	}
	if err := l.keep(ctx, col); err != nil {
		return fmt.Errorf("collection %q: %w", c.Key, err)
	}
	l.collections[c.Key] = col
	return nil
}

// keep creates an authority, or when importing finds or updates it.
func (l *Loader) keep(ctx context.Context, rec any) error {
	if l.imp != nil {
		return l.imp.authority(ctx, rec)
	}
	return create(ctx, l.store, rec)
}

// create stores a new place, repository, agent or collection.
func create(ctx context.Context, store recto.Store, rec any) error {
	switch r := rec.(type) {
	case *recto.Place:
		return store.CreatePlace(ctx, r)
	case *recto.Repository:
		return store.CreateRepository(ctx, r)
	case *recto.Agent:
		return store.CreateAgent(ctx, r)
	case *recto.Collection:
		return store.CreateCollection(ctx, r)
	}
	panic(fmt.Sprintf("corpus: cannot create a %T", rec))
}

// Document queues a document for storing with the next batch. A document
// whose relations point forward, to documents not stored yet, waits for
// Flush, which stores it with them.
func (l *Loader) Document(ctx context.Context, d Document) error {
	if l.known(d.Key) {
		return fmt.Errorf("document %q: the key is used twice", d.Key)
	}
	doc, err := l.document(d)
	if err != nil {
		return fmt.Errorf("document %q: %w", d.Key, err)
	}
	var forward []Relation
	for _, r := range d.Relations {
		if l.isPending(r.Document) {
			if err := l.flushDocuments(ctx); err != nil {
				return err
			}
		}
		id, ok := l.documents[r.Document]
		if !ok {
			forward = append(forward, r)
			continue
		}
		doc.Relations = append(doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
			Document: &recto.DocumentSummary{ID: id}})
	}
	if len(forward) > 0 {
		l.held = append(l.held, heldDocument{key: d.Key, doc: doc, forward: forward})
		l.heldKeys[d.Key] = len(l.held) - 1
		return nil
	}
	l.pending = append(l.pending, doc)
	l.pendingKeys = append(l.pendingKeys, d.Key)
	if len(l.pending) >= batchSize {
		return l.flushDocuments(ctx)
	}
	return nil
}

// known reports whether a document with the key was seen already.
func (l *Loader) known(key string) bool {
	_, stored := l.documents[key]
	_, held := l.heldKeys[key]
	return stored || held || l.isPending(key)
}

func (l *Loader) isPending(key string) bool {
	for _, k := range l.pendingKeys {
		if k == key {
			return true
		}
	}
	return false
}

// flushDocuments stores the pending batch.
func (l *Loader) flushDocuments(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	err := l.storeBatch(ctx, l.pending, l.pendingKeys, nil)
	l.pending, l.pendingKeys = l.pending[:0], l.pendingKeys[:0]
	return err
}

// storeBatch stores documents in one transaction. An import first sets
// apart those the archive has (existing, when not nil, says which),
// updating the ones that changed.
func (l *Loader) storeBatch(ctx context.Context, docs []*recto.Document, keys []string, existing []*recto.Document) error {
	fresh, freshKeys := docs, keys
	if l.imp != nil {
		var err error
		if existing == nil {
			if existing, err = l.imp.identify(ctx, docs); err != nil {
				return err
			}
		}
		if fresh, freshKeys, err = l.imp.apply(ctx, docs, keys, existing); err != nil {
			return err
		}
	}
	if len(fresh) > 0 {
		if err := l.store.CreateDocuments(ctx, fresh); err != nil {
			return fmt.Errorf("documents %q to %q: %w", freshKeys[0], freshKeys[len(freshKeys)-1], err)
		}
	}
	for i, d := range docs {
		l.documents[keys[i]] = d.ID
	}
	if l.imp != nil {
		l.imp.created(freshKeys, fresh)
	}
	l.Stored += len(docs)
	return nil
}

// Flush stores the pending documents, then those that waited for the
// documents their relations point to. A relation whose target has no
// Record ID until it is created is added by an update after both are in.
func (l *Loader) Flush(ctx context.Context) error {
	if err := l.flushDocuments(ctx); err != nil {
		return err
	}
	if len(l.held) == 0 {
		return nil
	}
	docs, keys := make([]*recto.Document, len(l.held)), make([]string, len(l.held))
	for i, h := range l.held {
		docs[i], keys[i] = h.doc, h.key
	}
	var existing []*recto.Document
	if l.imp != nil {
		var err error
		if existing, err = l.imp.identify(ctx, docs); err != nil {
			return err
		}
	}
	if err := l.resolveOutside(ctx); err != nil {
		return err
	}
	late, err := l.resolveForward()
	if err != nil {
		return err
	}
	if err := l.storeBatch(ctx, docs, keys, existing); err != nil {
		return err
	}
	for _, h := range late {
		for _, r := range h.forward {
			h.doc.Relations = append(h.doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
				Document: &recto.DocumentSummary{ID: l.documents[r.Document]}})
		}
		if err := l.store.UpdateDocument(ctx, h.doc); err != nil {
			return fmt.Errorf("document %q: %w", h.key, err)
		}
	}
	l.held, l.heldKeys = nil, map[string]int{}
	return nil
}

// resolveOutside looks up, when importing, the relation targets that are
// not in the file: "#12" is the document with Record ID 12, any other key
// a source identifier. Found targets count as stored documents.
func (l *Loader) resolveOutside(ctx context.Context) error {
	if l.imp == nil {
		return nil
	}
	var sourceIDs []string
	for _, h := range l.held {
		for _, r := range h.forward {
			_, stored := l.documents[r.Document]
			_, held := l.heldKeys[r.Document]
			if stored || held {
				continue
			}
			if n, ok := strings.CutPrefix(r.Document, "#"); ok {
				id, err := strconv.ParseInt(n, 10, 64)
				if err == nil {
					_, err = l.store.FindDocumentByID(ctx, id)
				}
				if err != nil {
					return fmt.Errorf("document %q: related document %q: %w", h.key, r.Document, err)
				}
				l.documents[r.Document] = id
				continue
			}
			sourceIDs = append(sourceIDs, r.Document)
		}
	}
	found, err := l.store.FindDocumentIDsBySource(ctx, sourceIDs)
	for key, id := range found {
		l.documents[key] = id
	}
	return err
}

// resolveForward gives the waiting documents the relations whose targets
// have Record IDs now, and returns, with the relations still unresolved,
// the documents whose targets will have one only once created.
func (l *Loader) resolveForward() ([]heldDocument, error) {
	var late []heldDocument
	for _, h := range l.held {
		var rest []Relation
		for _, r := range h.forward {
			id, ok := l.documents[r.Document]
			if i, held := l.heldKeys[r.Document]; held {
				id, ok = l.held[i].doc.ID, l.held[i].doc.ID > 0
				if !ok {
					rest = append(rest, r)
					continue
				}
			}
			if !ok {
				return nil, fmt.Errorf("document %q: unknown related document %q", h.key, r.Document)
			}
			h.doc.Relations = append(h.doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
				Document: &recto.DocumentSummary{ID: id}})
		}
		if len(rest) > 0 {
			late = append(late, heldDocument{key: h.key, doc: h.doc, forward: rest})
		}
	}
	return late, nil
}

// LoadFile loads a whole-file corpus, creating every record.
func LoadFile(ctx context.Context, store recto.Store, data []byte) error {
	f, err := DecodeFile(data)
	if err == nil {
		err = NewLoader(store).File(ctx, f)
	}
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// DecodeFile decodes a whole-file corpus; unknown fields are errors.
func DecodeFile(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	return &f, nil
}

// File loads every record of f, in the order the format requires, and
// flushes.
func (l *Loader) File(ctx context.Context, f *File) error {
	err := eachOf(ctx, f.Places, l.Place)
	if err == nil {
		err = eachOf(ctx, f.Repositories, l.Repository)
	}
	if err == nil {
		err = eachOf(ctx, f.Agents, l.Agent)
	}
	if err == nil {
		err = eachOf(ctx, f.Subjects, l.Subject)
	}
	if err == nil {
		err = eachOf(ctx, f.Collections, l.Collection)
	}
	if err == nil {
		err = eachOf(ctx, f.Documents, l.Document)
	}
	if err == nil {
		err = l.Flush(ctx)
	}
	return err
}

func eachOf[T any](ctx context.Context, items []T, add func(context.Context, T) error) error {
	for _, it := range items {
		if err := add(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

// LoadLines loads a JSON Lines corpus from r, creating every record;
// progress, when set, is called after each stored batch with the number of
// documents stored. A store that is a recto.BulkLoader is told that a bulk
// load is coming.
func LoadLines(ctx context.Context, store recto.Store, r io.Reader, progress func(stored int)) (err error) {
	if bulk, ok := store.(recto.BulkLoader); ok {
		if err := bulk.BeginBulk(ctx); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		defer func() {
			if eerr := bulk.EndBulk(context.WithoutCancel(ctx)); eerr != nil {
				err = errors.Join(err, fmt.Errorf("corpus: %w", eerr))
			}
		}()
	}
	if err := NewLoader(store).Lines(ctx, r, "", progress); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// Lines loads the JSON Lines corpus r and flushes; name, when not empty,
// starts error messages ("archive.jsonl:12: …").
func (l *Loader) Lines(ctx context.Context, r io.Reader, name string, progress func(stored int)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	stored := 0
	where := func(n int) string {
		if name == "" {
			return fmt.Sprintf("line %d", n)
		}
		return fmt.Sprintf("%s:%d", name, n)
	}
	n := 0
	for sc.Scan() {
		n++
		if err := l.line(ctx, sc.Bytes()); err != nil {
			return fmt.Errorf("%s: %w", where(n), err)
		}
		if progress != nil && l.Stored != stored {
			stored = l.Stored
			progress(stored)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", where(n+1), err)
	}
	if err := l.Flush(ctx); err != nil {
		return err
	}
	if progress != nil {
		progress(l.Stored)
	}
	return nil
}

// line stores the record of one JSON line.
func (l *Loader) line(ctx context.Context, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var ln Line
	if err := dec.Decode(&ln); err != nil {
		return err
	}
	switch {
	case ln.Place != nil:
		return l.Place(ctx, *ln.Place)
	case ln.Repository != nil:
		return l.Repository(ctx, *ln.Repository)
	case ln.Agent != nil:
		return l.Agent(ctx, *ln.Agent)
	case ln.Subject != nil:
		return l.Subject(ctx, *ln.Subject)
	case ln.Collection != nil:
		return l.Collection(ctx, *ln.Collection)
	case ln.Document != nil:
		return l.Document(ctx, *ln.Document)
	}
	return errors.New("no record: a line needs one of repository, place, agent, subject, collection, document")
}

// document builds a document from its corpus form, without relations.
func (l *Loader) document(d Document) (*recto.Document, error) {
	date, err := edtf.Parse(d.Date)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	declassified, err := edtf.Parse(d.Classification.DeclassifiedOn)
	if err != nil {
		return nil, fmt.Errorf("classification.declassified_on: %w", err)
	}
	doc := &recto.Document{
		ID: d.ID, SourceID: d.SourceID,
		Title: d.Title, Summary: d.Summary, Type: d.Type, Date: date, DateAsWritten: d.DateAsWritten,
		Languages: d.Languages, WrittenAt: d.WrittenAt, WrittenOn: d.WrittenOn, Signature: d.Signature,
		Authentication: d.Authentication, Status: recto.Status(d.Status), WithdrawnNote: d.WithdrawnNote,
		Classification: recto.Classification{Level: d.Classification.Level, DeclassifiedOn: declassified,
			DeclassifiedBy: d.Classification.DeclassifiedBy},
		Rights: recto.Rights{Statement: d.Rights.Statement, URI: d.Rights.URI},
	}
	for _, s := range []struct {
		field string
		src   string
		dst   *time.Time
	}{{"created_at", d.CreatedAt, &doc.CreatedAt}, {"updated_at", d.UpdatedAt, &doc.UpdatedAt},
		{"published_at", d.PublishedAt, &doc.PublishedAt}} {
		if s.src == "" {
			continue
		}
		if *s.dst, err = time.Parse(time.RFC3339Nano, s.src); err != nil {
			return nil, fmt.Errorf("%s: %q is not an RFC 3339 time", s.field, s.src)
		}
	}
	if doc.Credits, err = l.credits(d.Credits); err != nil {
		return nil, err
	}
	for i, t := range d.Texts {
		text, err := l.text(t)
		if err != nil {
			return nil, fmt.Errorf("texts[%d]: %w", i, err)
		}
		doc.Texts = append(doc.Texts, text)
	}
	for i, s := range d.Sources {
		src := recto.Source{Note: s.Note, Citation: s.Citation}
		if s.Repository != "" {
			if src.Repository, err = lookup(l.repositories, "repository", s.Repository); err != nil {
				return nil, fmt.Errorf("sources[%d]: %w", i, err)
			}
		}
		for _, p := range s.Parts {
			src.Parts = append(src.Parts, recto.RefPart{Type: p.Type, Label: p.Label, Value: p.Value})
		}
		doc.Sources = append(doc.Sources, src)
	}
	for _, m := range d.Media {
		doc.Media = append(doc.Media, recto.Media{URL: m.URL, MediaType: m.MediaType, Label: m.Label})
	}
	if doc.Places, err = resolve(l.places, "place", d.Places); err != nil {
		return nil, err
	}
	if doc.Subjects, err = resolve(l.subjects, "subject", d.Subjects); err != nil {
		return nil, err
	}
	if doc.Collections, err = resolve(l.collections, "collection", d.Collections); err != nil {
		return nil, err
	}
	return doc, nil
}

func (l *Loader) text(t Text) (recto.Text, error) {
	date, err := edtf.Parse(t.Date)
	if err != nil {
		return recto.Text{}, fmt.Errorf("date: %w", err)
	}
	credits, err := l.credits(t.Credits)
	return recto.Text{Kind: recto.TextKind(t.Kind), Lang: t.Lang, Body: t.Body, TranslatedFrom: t.TranslatedFrom,
		Method: recto.TranslationMethod(t.Method), Date: date, Notes: t.Notes, Credits: credits}, err
}

func (l *Loader) credits(cs []Credit) ([]recto.Credit, error) {
	var out []recto.Credit
	for _, c := range cs {
		a, err := lookup(l.agents, "agent", c.Agent)
		if err != nil {
			return nil, err
		}
		out = append(out, recto.Credit{Role: recto.Role(c.Role), Agent: a})
	}
	return out, nil
}

func resolve[T any](m map[string]T, what string, keys []string) ([]T, error) {
	var out []T
	for _, k := range keys {
		v, err := lookup(m, what, k)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
