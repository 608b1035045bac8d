package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// batchSize is how many documents the loader stores per transaction: large
// enough that committing costs little per document.
const batchSize = 2000

// Loader stores corpus records through a store, resolving keys to the
// records it has created. Documents are stored in batches; call Flush at the end.
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
	forward      []forwardRelation // relations to documents not yet stored
	positions    map[string]int    // collections' sibling positions
	// Stored counts the documents stored so far.
	Stored int
}

type forwardRelation struct {
	from string
	rel  Relation
}

// NewLoader returns a loader that stores through store.
func NewLoader(store recto.Store) *Loader {
	return &Loader{store: store,
		places: map[string]*recto.Place{}, repositories: map[string]*recto.Repository{},
		agents: map[string]*recto.Agent{}, subjects: map[string]*recto.Subject{},
		collections: map[string]*recto.Collection{}, documents: map[string]int64{}, positions: map[string]int{}}
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

// Place stores a place.
func (l *Loader) Place(ctx context.Context, p Place) error {
	place := &recto.Place{Name: p.Name, Variants: names(p.Variants)}
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
	if err := l.store.CreatePlace(ctx, place); err != nil {
		return fmt.Errorf("place %q: %w", p.Key, err)
	}
	l.places[p.Key] = place
	return nil
}

// Repository stores a repository.
func (l *Loader) Repository(ctx context.Context, r Repository) error {
	repo := &recto.Repository{ShortName: r.ShortName, Name: r.Name, Website: r.Website, CitationNote: r.CitationNote}
	if r.Place != "" {
		p, err := lookup(l.places, "place", r.Place)
		if err != nil {
			return fmt.Errorf("repository %q: %w", r.Key, err)
		}
		repo.Place = p
	}
	if err := l.store.CreateRepository(ctx, repo); err != nil {
		return fmt.Errorf("repository %q: %w", r.Key, err)
	}
	l.repositories[r.Key] = repo
	return nil
}

// Agent stores a person or organisation.
func (l *Loader) Agent(ctx context.Context, a Agent) error {
	dates, err := edtf.Parse(a.Dates)
	if err != nil {
		return fmt.Errorf("agent %q: dates: %w", a.Key, err)
	}
	ag := &recto.Agent{Kind: recto.AgentKind(a.Kind), Name: a.Name, Variants: names(a.Variants), Dates: dates, Bio: a.Bio}
	for _, id := range a.Identifiers {
		ag.Identifiers = append(ag.Identifiers, recto.Identifier{Scheme: id.Scheme, Value: id.Value})
	}
	if err := l.store.CreateAgent(ctx, ag); err != nil {
		return fmt.Errorf("agent %q: %w", a.Key, err)
	}
	l.agents[a.Key] = ag
	return nil
}

// Subject stores a subject heading; documents refer to it by the heading.
func (l *Loader) Subject(ctx context.Context, heading string) error {
	s := &recto.Subject{Heading: heading}
	if err := l.store.CreateSubject(ctx, s); err != nil {
		return fmt.Errorf("subject %q: %w", heading, err)
	}
	l.subjects[heading] = s
	return nil
}

// Collection stores a collection, after its siblings.
func (l *Loader) Collection(ctx context.Context, c Collection) error {
	col := &recto.Collection{Title: c.Title, Description: c.Description, Position: l.positions[c.Parent]}
	l.positions[c.Parent]++
	if c.Parent != "" {
		parent, err := lookup(l.collections, "parent collection", c.Parent)
		if err != nil {
			return fmt.Errorf("collection %q: %w", c.Key, err)
		}
		col.ParentID = parent.ID
	}
	if err := l.store.CreateCollection(ctx, col); err != nil {
		return fmt.Errorf("collection %q: %w", c.Key, err)
	}
	l.collections[c.Key] = col
	return nil
}

// Document queues a document for storing with the next batch.
func (l *Loader) Document(ctx context.Context, d Document) error {
	if _, dup := l.documents[d.Key]; dup || l.isPending(d.Key) {
		return fmt.Errorf("document %q: the key is used twice", d.Key)
	}
	doc, err := l.document(d)
	if err != nil {
		return fmt.Errorf("document %q: %w", d.Key, err)
	}
	for _, r := range d.Relations {
		if l.isPending(r.Document) {
			if err := l.flushDocuments(ctx); err != nil {
				return err
			}
		}
		id, ok := l.documents[r.Document]
		if !ok {
			l.forward = append(l.forward, forwardRelation{from: d.Key, rel: r})
			continue
		}
		doc.Relations = append(doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
			Document: &recto.DocumentSummary{ID: id}})
	}
	l.pending = append(l.pending, doc)
	l.pendingKeys = append(l.pendingKeys, d.Key)
	if len(l.pending) >= batchSize {
		return l.flushDocuments(ctx)
	}
	return nil
}

func (l *Loader) isPending(key string) bool {
	for _, k := range l.pendingKeys {
		if k == key {
			return true
		}
	}
	return false
}

// flushDocuments stores the pending batch in one transaction.
func (l *Loader) flushDocuments(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	if err := l.store.CreateDocuments(ctx, l.pending); err != nil {
		return fmt.Errorf("documents %q to %q: %w", l.pendingKeys[0], l.pendingKeys[len(l.pendingKeys)-1], err)
	}
	for i, d := range l.pending {
		l.documents[l.pendingKeys[i]] = d.ID
	}
	l.Stored += len(l.pending)
	l.pending, l.pendingKeys = l.pending[:0], l.pendingKeys[:0]
	return nil
}

// Flush stores the pending documents, then the relations that pointed
// forward to documents stored after them.
func (l *Loader) Flush(ctx context.Context) error {
	if err := l.flushDocuments(ctx); err != nil {
		return err
	}
	for _, f := range l.forward {
		to, err := lookup(l.documents, "related document", f.rel.Document)
		if err != nil {
			return fmt.Errorf("document %q: %w", f.from, err)
		}
		doc, err := l.store.FindDocumentByID(ctx, l.documents[f.from])
		if err != nil {
			return fmt.Errorf("document %q: %w", f.from, err)
		}
		doc.Relations = append(doc.Relations, recto.Relation{Kind: recto.RelationKind(f.rel.Kind),
			Document: &recto.DocumentSummary{ID: to}})
		if err := l.store.UpdateDocument(ctx, doc); err != nil {
			return fmt.Errorf("document %q: %w", f.from, err)
		}
	}
	l.forward = nil
	return nil
}

// LoadFile loads a whole-file corpus.
func LoadFile(ctx context.Context, store recto.Store, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	l := NewLoader(store)
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
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

func eachOf[T any](ctx context.Context, items []T, add func(context.Context, T) error) error {
	for _, it := range items {
		if err := add(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

// LoadLines loads a JSON Lines corpus from r; progress, when set, is called
// after each stored batch with the number of documents stored. A store that
// is a recto.BulkLoader is told that a bulk load is coming.
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
	l := NewLoader(store)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	stored := 0
	for n := 1; sc.Scan(); n++ {
		if err := l.line(ctx, sc.Bytes()); err != nil {
			return fmt.Errorf("corpus: line %d: %w", n, err)
		}
		if progress != nil && l.Stored != stored {
			stored = l.Stored
			progress(stored)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := l.Flush(ctx); err != nil {
		return fmt.Errorf("corpus: %w", err)
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
		Title: d.Title, Summary: d.Summary, Type: d.Type, Date: date, DateAsWritten: d.DateAsWritten,
		Languages: d.Languages, WrittenAt: d.WrittenAt, WrittenOn: d.WrittenOn, Signature: d.Signature,
		Authentication: d.Authentication, Status: recto.Status(d.Status), WithdrawnNote: d.WithdrawnNote,
		Classification: recto.Classification{Level: d.Classification.Level, DeclassifiedOn: declassified,
			DeclassifiedBy: d.Classification.DeclassifiedBy},
		Rights: recto.Rights{Statement: d.Rights.Statement, URI: d.Rights.URI},
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
		src := recto.Source{Note: s.Note}
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
