package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/recto-archive/recto"
)

// A batch of documents is stored in one go once it holds batchSize
// documents or batchBytes of text, whichever comes first: large enough that
// committing costs little per document, small enough that a file of long
// documents is not held whole.
const (
	batchSize  = 2000
	batchBytes = 32 << 20
)

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
	pending      []queued
	pendingKeys  map[string]bool
	pendingBytes int
	positions    map[string]int // collections' sibling positions
	// held are the documents that wait for the documents their relations
	// point forward to, and heldKeys their indexes by key.
	held     []queued
	heldKeys map[string]int
	// recordIDs says where each Record ID a record of the file gives was
	// first read ("document 12" → "dump.jsonl:3"), so that a second record
	// with it is refused instead of overwriting the first.
	recordIDs map[string]string
	// made are the keys of the agents this load created.
	made map[string]bool
	// aliases maps "#12" to the key of the file's document with Record ID
	// 12: a relation to "#12" is a relation to that document.
	aliases map[string]string
	// imp is set when importing: records are matched against the archive.
	imp *importer
	// Stored counts the documents stored so far.
	Stored int
	// Readings are the dates and languages read leniently, in file order.
	Readings []Reading
}

// queued is a document ready for the store, with where it was read, the
// fields its record carries, and, while it waits, its relations to
// documents not stored yet.
type queued struct {
	key, at string
	doc     *recto.Document
	fields  recto.FieldSet
	forward []Relation
}

// NewLoader returns a loader that stores through store, creating every record.
func NewLoader(store recto.Store) *Loader {
	return &Loader{store: store,
		places: map[string]*recto.Place{}, repositories: map[string]*recto.Repository{},
		agents: map[string]*recto.Agent{}, subjects: map[string]*recto.Subject{},
		collections: map[string]*recto.Collection{}, documents: map[string]int64{}, pendingKeys: map[string]bool{},
		positions: map[string]int{}, heldKeys: map[string]int{}, recordIDs: map[string]string{}, aliases: map[string]string{}, made: map[string]bool{}}
}

// Emit returns the loader's Emit for ctx.
func (l *Loader) Emit(ctx context.Context) Emit {
	return func(rec Line, at string) error { return l.Add(ctx, rec, at) }
}

// Add stores a record, or queues a document for its batch; at is where it
// was read. Errors name the record and, when given, at.
func (l *Loader) Add(ctx context.Context, rec Line, at string) error {
	var err error
	switch {
	case rec.Place != nil:
		err = l.place(ctx, *rec.Place, at)
	case rec.Repository != nil:
		err = l.repository(ctx, *rec.Repository, at)
	case rec.Agent != nil:
		err = l.agent(ctx, *rec.Agent, at)
	case rec.Subject != nil:
		err = l.subject(ctx, *rec.Subject, rec.SubjectID)
	case rec.Collection != nil:
		err = l.collection(ctx, *rec.Collection, at)
	case rec.Document != nil:
		err = l.document(ctx, *rec.Document, at)
	default:
		if at == "" {
			return errNoRecord
		}
		return fmt.Errorf("%s: %w", at, errNoRecord)
	}
	return recordError(at, recordName(rec), err)
}

// recordName names a record in errors: `document "garf-1"`, `place "Yining"`.
func recordName(rec Line) string {
	switch {
	case rec.Place != nil:
		return fmt.Sprintf("place %q", rec.Place.Key)
	case rec.Repository != nil:
		return fmt.Sprintf("repository %q", rec.Repository.Key)
	case rec.Agent != nil:
		return fmt.Sprintf("agent %q", rec.Agent.Key)
	case rec.Subject != nil:
		return fmt.Sprintf("subject %q", *rec.Subject)
	case rec.Collection != nil:
		return fmt.Sprintf("collection %q", rec.Collection.Key)
	case rec.Document != nil:
		return documentRecord(rec.Document.Key)
	}
	return "record"
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

// claimID refuses a Record ID that another record of the file has given
// for a record of the same kind.
func (l *Loader) claimID(kind string, id int64, at string) error {
	if id <= 0 {
		return nil
	}
	k := kind + " " + strconv.FormatInt(id, 10)
	if first, dup := l.recordIDs[k]; dup {
		if first == "" {
			first = "an earlier record"
		}
		return fmt.Errorf("id: Record ID %d is also that of the %s at %s: a Record ID names one record", id, kind, first)
	}
	l.recordIDs[k] = at
	return nil
}

func (l *Loader) place(ctx context.Context, p Place, at string) error {
	if err := l.claimID("place", p.ID, at); err != nil {
		return err
	}
	place := &recto.Place{ID: p.ID, Name: p.Name, Variants: names(p.Variants), Identifiers: identifiers(p.Identifiers)}
	if p.Parent != "" {
		parent, err := lookup(l.places, "parent place", p.Parent)
		if err != nil {
			return err
		}
		place.ParentID = parent.ID
	}
	if p.Latitude != nil && p.Longitude != nil {
		place.Coordinates = &recto.Coordinates{Latitude: *p.Latitude, Longitude: *p.Longitude}
	}
	if _, err := l.keep(ctx, place); err != nil {
		return err
	}
	l.places[p.Key] = place
	return nil
}

func (l *Loader) repository(ctx context.Context, r Repository, at string) error {
	if err := l.claimID("repository", r.ID, at); err != nil {
		return err
	}
	repo := &recto.Repository{ID: r.ID, ShortName: r.ShortName, Name: r.Name, Website: r.Website, CitationNote: r.CitationNote}
	if r.Place != "" {
		p, err := lookup(l.places, "place", r.Place)
		if err != nil {
			return err
		}
		repo.Place = p
	}
	if _, err := l.keep(ctx, repo); err != nil {
		return err
	}
	l.repositories[r.Key] = repo
	return nil
}

func (l *Loader) agent(ctx context.Context, a Agent, at string) error {
	if prev, ok := l.agents[a.Key]; ok {
		return l.correctKind(ctx, a.Key, prev, agentKind(a.Kind))
	}
	if err := l.claimID("agent", a.ID, at); err != nil {
		return err
	}
	vr := &valueReader{at: at}
	dates, err := vr.date("dates", a.Dates)
	if err != nil {
		return err
	}
	l.Readings = append(l.Readings, vr.readings...)
	ag := &recto.Agent{ID: a.ID, Kind: agentKind(a.Kind), Name: a.Name, SortName: a.SortName, Variants: names(a.Variants),
		Dates: dates, Bio: a.Bio, Identifiers: identifiers(a.Identifiers)}
	created, err := l.keep(ctx, ag)
	if err != nil {
		return err
	}
	if created {
		l.made[a.Key] = true
	}
	l.agents[a.Key] = ag
	return nil
}

// agentKind reads a record's kind: none is recto.UnknownKind, for a
// source that names an agent without saying what it is.
func agentKind(kind string) recto.AgentKind {
	if kind == "" {
		return recto.UnknownKind
	}
	return recto.AgentKind(kind)
}

// correctKind takes a second record of an agent, which only corrects its
// kind: a CSV file's "org:" makes an organisation of a name it gave
// before. An agent this load created takes the kind; one of the archive,
// matched by name, keeps its own, as matching always has.
func (l *Loader) correctKind(ctx context.Context, key string, ag *recto.Agent, kind recto.AgentKind) error {
	if ag.Kind == kind || kind == recto.UnknownKind || !l.made[key] {
		return nil
	}
	ag.Kind = kind
	return l.store.UpdateAgent(ctx, ag)
}

// subject stores a subject heading, or finds it; documents refer to it by
// the heading.
func (l *Loader) subject(ctx context.Context, heading string, id int64) error {
	s := &recto.Subject{ID: id, Heading: heading}
	if l.imp != nil {
		found, err := l.imp.subject(ctx, heading)
		if err != nil {
			return err
		}
		if found != nil {
			l.subjects[heading] = found
			return nil
		}
	}
	if err := l.store.CreateSubject(ctx, s); err != nil {
		return err
	}
	if l.imp != nil {
		l.imp.report.noteAuthority(Created, fmt.Sprintf("subject %q", heading))
	}
	l.subjects[heading] = s
	return nil
}

// collection stores a collection after its siblings, or finds it when
// importing.
func (l *Loader) collection(ctx context.Context, c Collection, at string) error {
	if err := l.claimID("collection", c.ID, at); err != nil {
		return err
	}
	col := &recto.Collection{ID: c.ID, Title: c.Title, Description: c.Description, Image: c.Image,
		Position: l.positions[c.Parent]}
	l.positions[c.Parent]++
	if c.Parent != "" {
		parent, err := lookup(l.collections, "parent collection", c.Parent)
		if err != nil {
			return err
		}
		col.ParentID = parent.ID
	}
	if _, err := l.keep(ctx, col); err != nil {
		return err
	}
	l.collections[c.Key] = col
	return nil
}

// collectionPath finds or creates the collections on a path of titles
// and files the last under the path as the document named it.
func (l *Loader) collectionPath(ctx context.Context, name, at string) error {
	path, err := CollectionPath(name)
	if err != nil {
		return err
	}
	for _, c := range path {
		if _, ok := l.collections[c.Key]; !ok {
			if err := l.collection(ctx, c, at); err != nil {
				return err
			}
		}
	}
	l.collections[name] = l.collections[path[len(path)-1].Key]
	return nil
}

// keep creates an authority, or when importing finds or updates it, and
// says whether it created it (the import reports what it creates).
func (l *Loader) keep(ctx context.Context, rec any) (bool, error) {
	if l.imp != nil {
		before := len(l.imp.report.Authorities[Created])
		err := l.imp.authority(ctx, rec)
		return len(l.imp.report.Authorities[Created]) > before, err
	}
	return true, create(ctx, l.store, rec)
}

// create stores a new place, repository, agent or collection. A
// repository needs only a short name ("GARF"), as a CSV cell gives it: its
// name is the short name until a record gives one.
func create(ctx context.Context, store recto.Store, rec any) error {
	switch r := rec.(type) {
	case *recto.Place:
		return store.CreatePlace(ctx, r)
	case *recto.Repository:
		if r.Name == "" {
			r.Name = r.ShortName
		}
		return store.CreateRepository(ctx, r)
	case *recto.Agent:
		return store.CreateAgent(ctx, r)
	case *recto.Collection:
		return store.CreateCollection(ctx, r)
	}
	panic(fmt.Sprintf("corpus: cannot create a %T", rec))
}

// document queues a document for storing with the next batch. A document
// whose relations point forward, to documents not stored yet, waits for
// Flush, which stores it with them.
func (l *Loader) document(ctx context.Context, d Document, at string) error {
	if l.known(d.Key) {
		return errors.New("the key is used twice")
	}
	if err := l.claimID("document", d.ID, at); err != nil {
		return err
	}
	if d.ID > 0 {
		l.aliases["#"+strconv.FormatInt(d.ID, 10)] = d.Key
	}
	// A subject is its heading: one a document names is found or created
	// as a subject record would be, so that a file need not list it first.
	for _, heading := range d.Subjects {
		if _, ok := l.subjects[heading]; !ok {
			if err := l.subject(ctx, heading, 0); err != nil {
				return fmt.Errorf("subjects: %w", err)
			}
		}
	}
	// A collection a document names without a line of its own is its path
	// of titles, found or created as a CSV cell's is.
	for _, key := range d.Collections {
		if _, ok := l.collections[key]; !ok {
			if err := l.collectionPath(ctx, key, at); err != nil {
				return fmt.Errorf("collections: %w", err)
			}
		}
	}
	doc, err := l.convert(d, at)
	if err != nil {
		return err
	}
	q := queued{key: d.Key, at: at, doc: doc, fields: d.Fields}
	for i, r := range d.Relations {
		if target := l.target(r.Document); target == d.Key {
			return fmt.Errorf("relations[%d]: %q is this document: a document cannot relate to itself", i, r.Document)
		} else if l.pendingKeys[target] {
			if err := l.flushDocuments(ctx); err != nil {
				return err
			}
		}
		id, ok := l.documents[l.target(r.Document)]
		if !ok {
			q.forward = append(q.forward, r)
			continue
		}
		doc.Relations = append(doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
			Document: &recto.DocumentSummary{ID: id}})
	}
	if len(q.forward) > 0 {
		l.heldKeys[d.Key] = len(l.held)
		l.held = append(l.held, q)
		return nil
	}
	l.pending = append(l.pending, q)
	l.pendingKeys[d.Key] = true
	l.pendingBytes += textBytes(doc)
	if len(l.pending) >= batchSize || l.pendingBytes >= batchBytes {
		return l.flushDocuments(ctx)
	}
	return nil
}

// target is the key a relation names: "#12" is the file's document with
// Record ID 12 when there is one.
func (l *Loader) target(key string) string {
	if k, ok := l.aliases[key]; ok {
		return k
	}
	return key
}

// textBytes is about what a document takes in memory: its texts.
func textBytes(d *recto.Document) int {
	n := len(d.Title) + len(d.Summary)
	for _, t := range d.Texts {
		n += len(t.Body) + len(t.Notes)
	}
	return n
}

// known reports whether a document with the key was seen already.
func (l *Loader) known(key string) bool {
	_, stored := l.documents[key]
	_, held := l.heldKeys[key]
	return stored || held || l.pendingKeys[key]
}

// flushDocuments stores the pending batch.
func (l *Loader) flushDocuments(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	err := l.storeBatch(ctx, l.pending, nil)
	clear(l.pending) // let the stored documents go
	l.pending, l.pendingBytes = l.pending[:0], 0
	clear(l.pendingKeys)
	return err
}

// storeBatch stores documents in one transaction. An import first sets
// apart those the archive has (existing, when not nil, says which),
// updating the ones that changed.
func (l *Loader) storeBatch(ctx context.Context, batch []queued, existing []*recto.Document) error {
	fresh := batch
	if l.imp != nil {
		var err error
		if existing == nil {
			if existing, err = l.imp.identify(ctx, batch); err != nil {
				return err
			}
		}
		if fresh, err = l.imp.apply(ctx, batch, existing); err != nil {
			return err
		}
	}
	if len(fresh) > 0 {
		docs := make([]*recto.Document, len(fresh))
		for i, q := range fresh {
			docs[i] = q.doc
		}
		if err := l.store.CreateDocuments(ctx, docs); err != nil {
			return batchError(err, fresh)
		}
	}
	for _, q := range batch {
		l.documents[q.key] = q.doc.ID
	}
	if l.imp != nil {
		l.imp.created(fresh)
	}
	l.Stored += len(batch)
	return nil
}

// batchError places the error of storing a batch at the document it is
// about, when it names one ("documents[3].title: required").
func batchError(err error, batch []queued) error {
	var e *recto.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		var i int
		if _, scanErr := fmt.Sscanf(e.Fields[0].Field, "documents[%d]", &i); scanErr == nil && i >= 0 && i < len(batch) {
			q := batch[i]
			return recordError(q.at, documentRecord(q.key), recto.TrimFieldPrefix(err, fmt.Sprintf("documents[%d]", i)))
		}
	}
	return fmt.Errorf("documents %q to %q: %w", batch[0].key, batch[len(batch)-1].key, err)
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
	var existing []*recto.Document
	if l.imp != nil {
		var err error
		if existing, err = l.imp.identify(ctx, l.held); err != nil {
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
	if err := l.storeBatch(ctx, l.held, existing); err != nil {
		return err
	}
	for _, h := range late {
		for _, r := range h.forward {
			h.doc.Relations = append(h.doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
				Document: &recto.DocumentSummary{ID: l.documents[l.target(r.Document)]}})
		}
		if err := l.store.UpdateDocument(ctx, h.doc); err != nil {
			return recordError(h.at, documentRecord(h.key), err)
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
			target := l.target(r.Document)
			_, stored := l.documents[target]
			_, held := l.heldKeys[target]
			if stored || held {
				continue
			}
			if n, ok := strings.CutPrefix(target, "#"); ok {
				id, err := l.archiveDocument(ctx, n)
				if err != nil {
					return recordError(h.at, documentRecord(h.key), fmt.Errorf("relations: related document %q: %w", r.Document, err))
				}
				l.documents[target] = id
				continue
			}
			sourceIDs = append(sourceIDs, target)
		}
	}
	found, err := l.store.FindDocumentIDsBySource(ctx, sourceIDs)
	for key, id := range found {
		l.documents[key] = id
	}
	return err
}

// archiveDocument returns the Record ID n when the archive has a document
// with it.
func (l *Loader) archiveDocument(ctx context.Context, n string) (int64, error) {
	id, err := strconv.ParseInt(n, 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New("not a Record ID (a positive integer after #)")
	}
	_, err = l.store.FindDocumentByID(ctx, id)
	if recto.ErrorCode(err) == recto.ENOTFOUND {
		return 0, fmt.Errorf("the archive has no document %d", id)
	}
	return id, err
}

// resolveForward gives the waiting documents the relations whose targets
// have Record IDs now, and returns, with the relations still unresolved,
// the documents whose targets will have one only once created.
func (l *Loader) resolveForward() ([]queued, error) {
	var late []queued
	for _, h := range l.held {
		var rest []Relation
		for _, r := range h.forward {
			target := l.target(r.Document)
			if target == h.key {
				return nil, recordError(h.at, documentRecord(h.key),
					fmt.Errorf("relations: %q is this document: a document cannot relate to itself", r.Document))
			}
			id, ok := l.documents[target]
			if i, held := l.heldKeys[target]; held {
				id, ok = l.held[i].doc.ID, l.held[i].doc.ID > 0
				if !ok {
					rest = append(rest, r)
					continue
				}
			}
			if !ok {
				return nil, recordError(h.at, documentRecord(h.key), fmt.Errorf("relations: unknown related document %q", r.Document))
			}
			h.doc.Relations = append(h.doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind),
				Document: &recto.DocumentSummary{ID: id}})
		}
		if len(rest) > 0 {
			late = append(late, queued{key: h.key, at: h.at, doc: h.doc, forward: rest})
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
	if err := f.Each(l.Emit(ctx)); err != nil {
		return err
	}
	return l.Flush(ctx)
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
	l := NewLoader(store)
	read := func(emit Emit) error { return ReadLines(r, "", false, emit) }
	if err := l.records(ctx, read, progress); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// records loads what read emits, read on a goroutine of its own a little
// ahead of the store, and flushes; progress, when set, is called after
// each stored batch with the number of documents stored.
func (l *Loader) records(ctx context.Context, read func(Emit) error, progress func(stored int)) error {
	stored := 0
	emit := func(rec Line, at string) error {
		if err := l.Add(ctx, rec, at); err != nil {
			return err
		}
		if progress != nil && l.Stored != stored {
			stored = l.Stored
			progress(stored)
		}
		return nil
	}
	if err := readAhead(ctx, read, emit); err != nil {
		return err
	}
	if err := l.Flush(ctx); err != nil {
		return err
	}
	if progress != nil {
		progress(l.Stored)
	}
	return nil
}

// convert builds a document from its corpus form, without relations: what
// the record says by itself (readDocument), then the records it names.
// at is where it was read, for the report of what was read leniently.
func (l *Loader) convert(d Document, at string) (*recto.Document, error) {
	vr := &valueReader{at: at}
	doc, err := vr.document(d)
	if err != nil {
		return nil, err
	}
	l.Readings = append(l.Readings, vr.readings...)
	if doc.Credits, err = l.credits(d.Credits); err != nil {
		return nil, err
	}
	for i, t := range d.Texts {
		if doc.Texts[i].Credits, err = l.credits(t.Credits); err != nil {
			return nil, fmt.Errorf("texts[%d]: %w", i, err)
		}
	}
	for i, s := range d.Sources {
		if s.Repository == "" {
			continue
		}
		if doc.Sources[i].Repository, err = lookup(l.repositories, "repository", s.Repository); err != nil {
			return nil, fmt.Errorf("sources[%d]: %w", i, err)
		}
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

func (l *Loader) credits(cs []Credit) ([]recto.Credit, error) {
	var out []recto.Credit
	for _, c := range cs {
		a, err := lookup(l.agents, "agent", c.Agent)
		if err != nil {
			return nil, err
		}
		cr := recto.Credit{Role: recto.Role(c.Role), Agent: a}
		if c.For != "" {
			if cr.For, err = lookup(l.agents, "agent", c.For); err != nil {
				return nil, fmt.Errorf("for: %w", err)
			}
		}
		out = append(out, cr)
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
