package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/recto-archive/recto"
)

// Action is what an import did, or in a dry run would do, with a record.
type Action string

// Actions.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
)

// Report lists what an import did: documents by their source identifier
// (or key, when they have none) and authorities by a short description,
// each in file order.
type Report struct {
	Documents   map[Action][]string
	Authorities map[Action][]string
}

func (r *Report) note(a Action, doc string) { r.Documents[a] = append(r.Documents[a], doc) }
func (r *Report) noteAuthority(a Action, what string) {
	r.Authorities[a] = append(r.Authorities[a], what)
}

// Add adds what other reports to r.
func (r *Report) Add(other *Report) {
	if r.Documents == nil {
		r.Documents, r.Authorities = map[Action][]string{}, map[Action][]string{}
	}
	for a, docs := range other.Documents {
		r.Documents[a] = append(r.Documents[a], docs...)
	}
	for a, what := range other.Authorities {
		r.Authorities[a] = append(r.Authorities[a], what...)
	}
}

// Summary is the report in one line: "3 documents created, 1 updated, 0
// unchanged; 4 authorities created, 0 updated" ("1 document", "1 authority").
func (r *Report) Summary() string {
	docs, auths := "documents", "authorities"
	if len(r.Documents[Created]) == 1 {
		docs = "document"
	}
	if len(r.Authorities[Created]) == 1 {
		auths = "authority"
	}
	return fmt.Sprintf("%d %s created, %d updated, %d unchanged; %d %s created, %d updated",
		len(r.Documents[Created]), docs, len(r.Documents[Updated]), len(r.Documents[Unchanged]),
		len(r.Authorities[Created]), auths, len(r.Authorities[Updated]))
}

// ImportOptions control an import.
type ImportOptions struct {
	// Status is given to new documents whose record has none: draft when
	// empty. A document already in the archive keeps its status unless its
	// record gives one.
	Status recto.Status
	// DryRun works everything out, checks and reports it, and writes nothing.
	DryRun bool
	// Progress, when set, is called with the number of documents handled.
	Progress func(done int)
}

var errDryRun = errors.New("dry run")

// Import brings the records of f into the archive, in one transaction: all
// of them or, on any error, none.
//
// Unlike a plain load, an import matches records with the archive, so that
// importing the same file again changes nothing. A document is the one with
// its source identifier, or, having none, with its Record ID; it is updated
// when it differs and left alone when not. An authority with a Record ID is
// that record (created with the ID when missing, updated when different);
// otherwise an existing authority is used when one has any of its external
// identifiers or, failing that, exactly its name (places: under the same
// parent; repositories: its short name; collections: its title under the
// same parent), and a new one is created only when none matches. An
// authority record without a name only refers to an existing one: it is an
// error when none matches.
func Import(ctx context.Context, store recto.Store, f *File, opts ImportOptions) (*Report, error) {
	return importWith(ctx, store, opts, func(ctx context.Context, l *Loader) error { return l.File(ctx, f) })
}

// ImportLines imports a JSON Lines corpus as Import does; name starts
// error messages.
func ImportLines(ctx context.Context, store recto.Store, r io.Reader, name string, opts ImportOptions) (*Report, error) {
	return importWith(ctx, store, opts, func(ctx context.Context, l *Loader) error {
		return l.Lines(ctx, r, name, opts.Progress)
	})
}

func importWith(ctx context.Context, store recto.Store, opts ImportOptions, run func(context.Context, *Loader) error) (*Report, error) {
	tx, ok := store.(recto.Transactor)
	if !ok {
		return nil, fmt.Errorf("corpus: the store %T cannot import in one transaction", store)
	}
	if opts.Status == "" {
		opts.Status = recto.StatusDraft
	}
	report := &Report{Documents: map[Action][]string{}, Authorities: map[Action][]string{}}
	err := tx.Atomically(ctx, func(ctx context.Context) error {
		l := NewLoader(store)
		l.imp = &importer{store: store, opts: opts, report: report}
		if err := run(ctx, l); err != nil {
			return err
		}
		if opts.Progress != nil {
			opts.Progress(l.Stored)
		}
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	return report, nil
}

// importer matches a Loader's records with the archive.
type importer struct {
	store  recto.Store
	opts   ImportOptions
	report *Report
	index  *authorityIndex // read on first use
}

// identify returns the archive's version of each document, nil for those
// it lacks, and gives the others their Record IDs.
func (imp *importer) identify(ctx context.Context, docs []*recto.Document) ([]*recto.Document, error) {
	var sourceIDs []string
	for _, d := range docs {
		if d.SourceID != "" {
			sourceIDs = append(sourceIDs, d.SourceID)
		}
	}
	bySource, err := imp.store.FindDocumentIDsBySource(ctx, sourceIDs)
	if err != nil {
		return nil, err
	}
	// A document is the one with its source identifier or, having none,
	// its Record ID; all of a batch are read at once.
	ids := make([]int64, len(docs))
	for i, d := range docs {
		if ids[i] = d.ID; d.SourceID != "" {
			ids[i] = bySource[d.SourceID]
		}
	}
	found, err := imp.store.FindDocumentsByIDs(ctx, slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id <= 0 }))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*recto.Document, len(found))
	for _, d := range found {
		byID[d.ID] = d
	}
	existing := make([]*recto.Document, len(docs))
	for i, d := range docs {
		if ex := byID[ids[i]]; ex != nil {
			d.ID = ex.ID
			existing[i] = ex
		}
	}
	return existing, nil
}

// apply updates the documents the archive has where they changed, and
// returns the others, to be created, with their keys.
func (imp *importer) apply(ctx context.Context, docs []*recto.Document, keys []string, existing []*recto.Document) ([]*recto.Document, []string, error) {
	var fresh []*recto.Document
	var freshKeys []string
	for i, d := range docs {
		ex := existing[i]
		if ex == nil {
			if d.Status == "" {
				d.Status = imp.opts.Status
			}
			fresh, freshKeys = append(fresh, d), append(freshKeys, keys[i])
			continue
		}
		if d.Status == "" {
			d.Status = ex.Status
		}
		if err := imp.update(ctx, keys[i], ex, d); err != nil {
			return nil, nil, err
		}
	}
	return fresh, freshKeys, nil
}

func (imp *importer) update(ctx context.Context, key string, ex, d *recto.Document) error {
	if imp.unchanged(ex, d) {
		imp.report.note(Unchanged, reportName(key, d))
		return nil
	}
	if err := imp.store.UpdateDocument(ctx, d); err != nil {
		return fmt.Errorf("document %q: %w", key, err)
	}
	imp.report.note(Updated, reportName(key, d))
	return nil
}

// created reports the documents a batch created.
func (imp *importer) created(keys []string, docs []*recto.Document) {
	for i, d := range docs {
		imp.report.note(Created, reportName(keys[i], d))
	}
}

func reportName(key string, d *recto.Document) string {
	if d.SourceID != "" {
		return d.SourceID
	}
	return key
}

// unchanged reports whether storing d would change nothing of ex but its
// stamps.
func (imp *importer) unchanged(ex, d *recto.Document) bool {
	a, b := FromDocument(ex), FromDocument(d)
	for _, x := range []*Document{&a, &b} {
		x.CreatedAt, x.UpdatedAt, x.PublishedAt = "", "", ""
	}
	return reflect.DeepEqual(a, b)
}

// authority finds, updates or creates the place, repository, agent or
// collection rec, and makes rec that record.
func (imp *importer) authority(ctx context.Context, rec any) error {
	if id := recordID(rec); id > 0 {
		return imp.byRecordID(ctx, rec)
	}
	if err := imp.readIndex(ctx); err != nil {
		return err
	}
	if found := imp.index.match(rec); found != nil {
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(found).Elem())
		return nil
	}
	if _, name, noun := about(rec); name == "" {
		return fmt.Errorf("unknown %s %s: nothing in the archive has it, and without a name it cannot be created",
			noun, describeRef(rec))
	}
	if err := create(ctx, imp.store, rec); err != nil {
		return err
	}
	imp.index.add(rec)
	imp.report.noteAuthority(Created, label(rec))
	return nil
}

// readIndex reads the archive's authorities on first use.
func (imp *importer) readIndex(ctx context.Context) error {
	if imp.index != nil {
		return nil
	}
	var err error
	imp.index, err = readIndex(ctx, imp.store)
	return err
}

// subject returns the archive's subject with the heading, or nil.
func (imp *importer) subject(ctx context.Context, heading string) (*recto.Subject, error) {
	if err := imp.readIndex(ctx); err != nil {
		return nil, err
	}
	return imp.index.subjects[recto.NormalizeHeading(heading)], nil
}

// byRecordID makes rec the record with its ID: created with the ID when
// the archive lacks it, updated when it differs.
func (imp *importer) byRecordID(ctx context.Context, rec any) error {
	stored, err := find(ctx, imp.store, rec)
	if id, name, noun := about(rec); name == "" {
		// Only a reference: the record must exist, and is used as it is.
		if recto.ErrorCode(err) == recto.ENOTFOUND {
			return fmt.Errorf("unknown %s #%d: the archive has no such record", noun, id)
		} else if err != nil {
			return err
		}
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(stored).Elem())
		return nil
	}
	switch {
	case recto.ErrorCode(err) == recto.ENOTFOUND:
		if err := create(ctx, imp.store, rec); err != nil {
			return err
		}
		if imp.index != nil {
			imp.index.add(rec)
		}
		imp.report.noteAuthority(Created, label(rec))
		return nil
	case err != nil:
		return err
	case sameAuthority(stored, rec):
		return nil
	}
	if err := update(ctx, imp.store, rec); err != nil {
		return err
	}
	imp.report.noteAuthority(Updated, label(rec))
	return nil
}

func find(ctx context.Context, store recto.Store, rec any) (any, error) {
	switch r := rec.(type) {
	case *recto.Place:
		return store.FindPlaceByID(ctx, r.ID)
	case *recto.Repository:
		return store.FindRepositoryByID(ctx, r.ID)
	case *recto.Agent:
		return store.FindAgentByID(ctx, r.ID)
	case *recto.Collection:
		return store.FindCollectionByID(ctx, r.ID)
	}
	panic(fmt.Sprintf("corpus: cannot find a %T", rec))
}

func update(ctx context.Context, store recto.Store, rec any) error {
	switch r := rec.(type) {
	case *recto.Place:
		return store.UpdatePlace(ctx, r)
	case *recto.Repository:
		return store.UpdateRepository(ctx, r)
	case *recto.Agent:
		return store.UpdateAgent(ctx, r)
	case *recto.Collection:
		return store.UpdateCollection(ctx, r)
	}
	panic(fmt.Sprintf("corpus: cannot update a %T", rec))
}

// sameAuthority reports whether two versions of a record hold the same
// data, as their corpus forms do; a collection's position is not data of
// the file, which gives it by order.
func sameAuthority(a, b any) bool {
	switch x := a.(type) {
	case *recto.Place:
		return reflect.DeepEqual(FromPlace(x), FromPlace(b.(*recto.Place)))
	case *recto.Repository:
		return reflect.DeepEqual(FromRepository(x), FromRepository(b.(*recto.Repository)))
	case *recto.Agent:
		return reflect.DeepEqual(FromAgent(x), FromAgent(b.(*recto.Agent)))
	case *recto.Collection:
		return reflect.DeepEqual(FromCollection(x), FromCollection(b.(*recto.Collection)))
	}
	return false
}

// about gives what the importer says of an authority: its Record ID, its
// name (a repository's short name, a collection's title) and what it is.
func about(rec any) (id int64, name, noun string) {
	switch r := rec.(type) {
	case *recto.Place:
		return r.ID, r.Name, "place"
	case *recto.Repository:
		return r.ID, r.ShortName, "repository"
	case *recto.Agent:
		if r.Kind == recto.Organisation {
			return r.ID, r.Name, "organisation"
		}
		return r.ID, r.Name, "person"
	case *recto.Collection:
		return r.ID, r.Title, "collection"
	}
	return 0, "", "record"
}

func recordID(rec any) int64 {
	id, _, _ := about(rec)
	return id
}

// label names an authority in a report: `person "Baker, Newton D."`.
func label(rec any) string {
	_, name, noun := about(rec)
	return fmt.Sprintf("%s %q", noun, name)
}

// describeRef names a reference without a name by its identifiers.
func describeRef(rec any) string {
	var ids []recto.Identifier
	switch r := rec.(type) {
	case *recto.Place:
		ids = r.Identifiers
	case *recto.Agent:
		ids = r.Identifiers
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.Scheme + ":" + id.Value
	}
	if len(parts) == 0 {
		return "(no name, no identifier)"
	}
	return strings.Join(parts, ", ")
}

// authorityIndex finds the archive's authorities by identifier and name.
type authorityIndex struct {
	agentsByIdent, placesByIdent map[recto.Identifier]any
	agentsByName                 map[string]*recto.Agent
	placesByName                 map[string][]*recto.Place
	repositories                 map[string]*recto.Repository // short name
	collections                  map[string]*recto.Collection // parent, title
	subjects                     map[string]*recto.Subject    // heading
}

func readIndex(ctx context.Context, store recto.Store) (*authorityIndex, error) {
	ix := &authorityIndex{agentsByIdent: map[recto.Identifier]any{}, placesByIdent: map[recto.Identifier]any{},
		agentsByName: map[string]*recto.Agent{}, placesByName: map[string][]*recto.Place{},
		repositories: map[string]*recto.Repository{}, collections: map[string]*recto.Collection{},
		subjects: map[string]*recto.Subject{}}
	agents, _, err := store.FindAgents(ctx, recto.AgentFilter{NoCounts: true})
	if err != nil {
		return nil, err
	}
	places, err := store.FindPlaces(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, err
	}
	repos, err := store.FindRepositories(ctx, recto.RepositoryFilter{NoCounts: true})
	if err != nil {
		return nil, err
	}
	cols, err := store.FindCollections(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, err
	}
	subjects, err := store.FindSubjects(ctx, recto.TreeFilter{NoCounts: true})
	if err != nil {
		return nil, err
	}
	for _, s := range subjects {
		ix.subjects[s.Item.Heading] = s.Item
	}
	// Listings come in name order; the lowest Record ID wins a tie, so that
	// matching does not depend on the order.
	for _, list := range [][]any{items(agents), items(places), items(repos), items(cols)} {
		slices.SortStableFunc(list, func(a, b any) int { return int(recordID(a) - recordID(b)) })
		for _, rec := range list {
			ix.add(rec)
		}
	}
	return ix, nil
}

func items[T any](counted []recto.Counted[T]) []any {
	out := make([]any, len(counted))
	for i, c := range counted {
		out[i] = c.Item
	}
	return out
}

// add indexes rec, unless an earlier record holds its name or identifier.
func (ix *authorityIndex) add(rec any) {
	setOnce := func(m map[recto.Identifier]any, ids []recto.Identifier) {
		for _, id := range ids {
			if _, ok := m[id]; !ok {
				m[id] = rec
			}
		}
	}
	switch r := rec.(type) {
	case *recto.Agent:
		setOnce(ix.agentsByIdent, r.Identifiers)
		if ix.agentsByName[r.Name] == nil {
			ix.agentsByName[r.Name] = r
		}
	case *recto.Place:
		setOnce(ix.placesByIdent, r.Identifiers)
		ix.placesByName[r.Name] = append(ix.placesByName[r.Name], r)
	case *recto.Repository:
		if ix.repositories[r.ShortName] == nil {
			ix.repositories[r.ShortName] = r
		}
	case *recto.Collection:
		if k := fmt.Sprint(r.ParentID, "\x00", r.Title); ix.collections[k] == nil {
			ix.collections[k] = r
		}
	}
}

// match returns the archive's record that rec stands for, or nil.
func (ix *authorityIndex) match(rec any) any {
	byIdent := func(m map[recto.Identifier]any, ids []recto.Identifier) any {
		for _, id := range ids {
			if found := m[id]; found != nil {
				return found
			}
		}
		return nil
	}
	switch r := rec.(type) {
	case *recto.Agent:
		if found := byIdent(ix.agentsByIdent, r.Identifiers); found != nil {
			return found
		}
		if found := ix.agentsByName[r.Name]; found != nil {
			return found
		}
	case *recto.Place:
		if found := byIdent(ix.placesByIdent, r.Identifiers); found != nil {
			return found
		}
		// A place named without a parent is the first of that name;
		// with one, the one under it.
		for _, p := range ix.placesByName[r.Name] {
			if r.ParentID == 0 || p.ParentID == r.ParentID {
				return p
			}
		}
	case *recto.Repository:
		if found := ix.repositories[r.ShortName]; found != nil {
			return found
		}
	case *recto.Collection:
		if found := ix.collections[fmt.Sprint(r.ParentID, "\x00", r.Title)]; found != nil {
			return found
		}
	}
	return nil
}
