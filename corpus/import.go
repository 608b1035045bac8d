package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

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
	// Drafts counts the documents created as drafts because their record
	// gave no status and the import's default was draft.
	Drafts int
	// Readings are the dates and languages read leniently ("June 1934",
	// "Russian"), in file order; a dry run lists them too.
	Readings []Reading
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
	r.Drafts += other.Drafts
	r.Readings = append(r.Readings, other.Readings...)
}

// draftNote says what "recto import" does about drafts made by default:
// they are not public, and the command's --status flag (ImportOptions.Status)
// publishes them.
const draftNote = "not public; use --status published"

// Summary is the report in one line: "3 documents created, 1 updated, 0
// unchanged; 4 authorities created, 0 updated" ("1 document", "1
// authority"). Documents created as drafts by default are said to be:
// "3 documents created as drafts (not public; use --status published)",
// or "3 documents created, 2 of them as drafts (…)". Values read
// leniently (Readings) are counted at the end: "…; 2 values read leniently".
func (r *Report) Summary() string {
	docs, auths := "documents", "authorities"
	created := len(r.Documents[Created])
	if created == 1 {
		docs = "document"
	}
	if len(r.Authorities[Created]) == 1 {
		auths = "authority"
	}
	var drafts string
	switch {
	case r.Drafts == 0:
	case r.Drafts == created && created == 1:
		drafts = " as a draft (" + draftNote + ")"
	case r.Drafts == created:
		drafts = " as drafts (" + draftNote + ")"
	default:
		drafts = fmt.Sprintf(", %d of them as drafts (%s)", r.Drafts, draftNote)
	}
	s := fmt.Sprintf("%d %s created%s, %d updated, %d unchanged; %d %s created, %d updated",
		created, docs, drafts, len(r.Documents[Updated]), len(r.Documents[Unchanged]),
		len(r.Authorities[Created]), auths, len(r.Authorities[Updated]))
	switch n := len(r.Readings); {
	case n == 1:
		s += "; 1 value read leniently"
	case n > 1:
		s += fmt.Sprintf("; %d values read leniently", n)
	}
	return s
}

// ImportOptions control an import.
type ImportOptions struct {
	// Status is given to new documents whose record has none: draft when
	// empty. A document already in the archive keeps its status unless its
	// record gives one. "recto import --status" sets it.
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
// when it differs and left alone when not. A document record that carries
// only some fields (Document.Fields) updates only those: the rule of
// recto.FieldSet. An authority with a Record ID is that record (created
// with the ID when missing, updated when different); otherwise an existing
// authority is used when one has any of its external identifiers or,
// failing that, exactly its name (places: under the same parent;
// repositories: its short name; collections: its title under the same
// parent), and a new one is created only when none matches. An authority
// record without a name only refers to an existing one: it is an error
// when none matches. A document may not enclose, directly or through
// others, a document that encloses it.
func Import(ctx context.Context, store recto.Store, f *File, opts ImportOptions) (*Report, error) {
	return ImportRecords(ctx, store, f.Each, opts)
}

// ImportLines imports a JSON Lines corpus as Import does; name starts
// error messages. A line carries the fields it has (ReadLines).
func ImportLines(ctx context.Context, store recto.Store, r io.Reader, name string, opts ImportOptions) (*Report, error) {
	return ImportRecords(ctx, store, func(emit Emit) error { return ReadLines(r, name, true, emit) }, opts)
}

// ImportRecords imports the records read gives its Emit, as Import does.
// read runs on a goroutine of its own, a few records ahead of the import,
// so that reading a file and storing it share the cores; it is the
// reader of a format (tei.Decode, csv.Decode, ReadLines).
func ImportRecords(ctx context.Context, store recto.Store, read func(Emit) error, opts ImportOptions) (*Report, error) {
	tx, ok := store.(recto.Transactor)
	if !ok {
		return nil, fmt.Errorf("corpus: the store %T cannot import in one transaction", store)
	}
	if opts.Status == "" {
		opts.Status = recto.StatusDraft
	}
	report := &Report{Documents: map[Action][]string{}, Authorities: map[Action][]string{}}
	lastChange, err := lastRecordChange(ctx, store)
	if err != nil {
		return nil, err
	}
	err = tx.Atomically(ctx, func(ctx context.Context) (err error) {
		defer func() {
			// A bug fails its file, rolled back, not the run of every file.
			if v := recover(); v != nil {
				err = fmt.Errorf("the import stopped on an internal error, please report it: %v", v)
			}
		}()
		l := NewLoader(store)
		l.imp = &importer{store: store, opts: opts, report: report, lastChange: lastChange}
		if err := l.records(ctx, read, opts.Progress); err != nil {
			return err
		}
		report.Readings = l.Readings
		if err := l.imp.checkEnclosures(ctx, l.documents); err != nil {
			return err
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
	// lastChange is when the archive last changed before the import.
	lastChange time.Time
	// enclosing are the keys of the documents written that enclose others,
	// and where each was read, for checkEnclosures.
	enclosing []queued
}

// identify returns the archive's version of each document, nil for those
// it lacks, and gives the others their Record IDs.
func (imp *importer) identify(ctx context.Context, batch []queued) ([]*recto.Document, error) {
	var sourceIDs []string
	for _, q := range batch {
		if q.doc.SourceID != "" {
			sourceIDs = append(sourceIDs, q.doc.SourceID)
		}
	}
	bySource, err := imp.store.FindDocumentIDsBySource(ctx, sourceIDs)
	if err != nil {
		return nil, err
	}
	// A document is the one with its source identifier or, having none,
	// its Record ID; all of a batch are read at once.
	ids := make([]int64, len(batch))
	for i, q := range batch {
		if ids[i] = q.doc.ID; q.doc.SourceID != "" {
			ids[i] = bySource[q.doc.SourceID]
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
	existing := make([]*recto.Document, len(batch))
	for i, q := range batch {
		if ex := byID[ids[i]]; ex != nil {
			q.doc.ID = ex.ID
			existing[i] = ex
		}
	}
	return existing, nil
}

// apply updates the documents the archive has where they changed, all in
// one call, and returns the others, to be created.
func (imp *importer) apply(ctx context.Context, batch []queued, existing []*recto.Document) ([]queued, error) {
	var fresh, changed []queued
	for i, q := range batch {
		if slices.ContainsFunc(q.doc.Relations, func(r recto.Relation) bool { return r.Kind == recto.Enclosure }) ||
			slices.ContainsFunc(q.forward, func(r Relation) bool { return r.Kind == string(recto.Enclosure) }) {
			imp.enclosing = append(imp.enclosing, queued{key: q.key, at: q.at})
		}
		ex := existing[i]
		if ex == nil {
			if q.doc.Status == "" {
				q.doc.Status = imp.opts.Status
				if q.doc.Status == recto.StatusDraft {
					imp.report.Drafts++
				}
			}
			// Recto's change stamp, which harvesters page by, never
			// goes back: a document new to the archive is a change of
			// now, whatever older stamp its record brings, or a harvest
			// already past that stamp would never see it. Into an empty
			// archive a restored export keeps its stamps.
			if q.doc.UpdatedAt.Before(imp.lastChange) {
				q.doc.UpdatedAt = time.Time{}
			}
			fresh = append(fresh, q)
			continue
		}
		q.fields.Patch(ex, q.doc)
		if q.doc.Status == "" {
			q.doc.Status = ex.Status
		}
		if imp.unchanged(ex, q.doc) {
			imp.report.note(Unchanged, reportName(q))
			continue
		}
		changed = append(changed, q)
	}
	if len(changed) == 0 {
		return fresh, nil
	}
	docs := make([]*recto.Document, len(changed))
	for i, q := range changed {
		docs[i] = q.doc
	}
	if err := imp.store.UpdateDocuments(ctx, docs); err != nil {
		return nil, batchError(err, changed)
	}
	for _, q := range changed {
		imp.report.note(Updated, reportName(q))
	}
	return fresh, nil
}

// created reports the documents a batch created.
func (imp *importer) created(fresh []queued) {
	for _, q := range fresh {
		imp.report.note(Created, reportName(q))
	}
}

// checkEnclosures refuses an enclosure cycle through a document written:
// a document that encloses, directly or through others, a document that
// encloses it. ids gives the written documents' Record IDs by key. The
// archive is read as the import has left it, in its transaction.
func (imp *importer) checkEnclosures(ctx context.Context, ids map[string]int64) error {
	if len(imp.enclosing) == 0 {
		return nil
	}
	encloses := map[int64][]int64{} // the enclosure links reachable from the documents written
	var frontier []int64
	asked := map[int64]bool{}
	ask := func(id int64) {
		if !asked[id] {
			asked[id] = true
			frontier = append(frontier, id)
		}
	}
	for _, e := range imp.enclosing {
		ask(ids[e.key])
	}
	for len(frontier) > 0 {
		n := min(len(frontier), 500)
		docs, err := imp.store.FindDocumentsByIDs(ctx, frontier[:n])
		if err != nil {
			return err
		}
		frontier = frontier[n:]
		for _, d := range docs {
			var targets []int64
			for _, r := range d.Relations {
				if r.Kind == recto.Enclosure {
					targets = append(targets, r.Document.ID)
				}
			}
			encloses[d.ID] = targets
			for _, t := range targets {
				ask(t)
			}
		}
	}
	for _, e := range imp.enclosing {
		if cycle := enclosureCycle(encloses, ids[e.key]); cycle != nil {
			return recordError(e.at, documentRecord(e.key), fmt.Errorf(
				"relations: document %d encloses %s: a document cannot enclose one that encloses it", cycle[0], cycleText(cycle[1:])))
		}
	}
	return nil
}

// enclosureCycle returns a path of enclosures from start back to start,
// or nil. It walks without recursion, however long the chains.
func enclosureCycle(encloses map[int64][]int64, start int64) []int64 {
	parent := map[int64]int64{start: 0}
	stack := []int64{start}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, t := range encloses[id] {
			if t == start {
				path := []int64{start}
				for at := id; at != start; at = parent[at] {
					path = append(path, at)
				}
				slices.Reverse(path[1:])
				return append(path, start)
			}
			if _, seen := parent[t]; !seen {
				parent[t] = id
				stack = append(stack, t)
			}
		}
	}
	return nil
}

// cycleText writes the rest of a cycle: "12, which encloses 7".
func cycleText(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", which encloses ")
		}
		fmt.Fprint(&b, id)
	}
	return b.String()
}

func reportName(q queued) string {
	if q.doc.SourceID != "" {
		return q.doc.SourceID
	}
	return q.key
}

// unchanged reports whether storing d would change nothing of ex but its
// stamps.
func (imp *importer) unchanged(ex, d *recto.Document) bool {
	a, b := FromDocument(ex), FromDocument(d)
	for _, x := range []*Document{&a, &b} {
		x.CreatedAt, x.UpdatedAt, x.PublishedAt = "", "", ""
		// A text's ID is the store's: kept when first stored, never
		// changed by an import.
		for i := range x.Texts {
			x.Texts[i].ID = 0
		}
	}
	return reflect.DeepEqual(a, b)
}

// lastRecordChange is when the archive's records last changed, or zero
// when it has never held one: settings written before a migration (a
// Record ID floor) are no change a harvester could have seen, and leave the
// archive empty, so that a restored export keeps its stamps.
func lastRecordChange(ctx context.Context, store recto.Store) (time.Time, error) {
	if seq, err := store.LatestChange(ctx); err != nil || seq == 0 {
		return time.Time{}, err
	}
	return store.LastChange(ctx)
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
		return imp.matched(ctx, found, rec)
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

// matched makes rec the archive's record found for it. A record that gives
// the kind of an agent the archive has of unknown kind updates it.
func (imp *importer) matched(ctx context.Context, found, rec any) error {
	var given recto.AgentKind
	if a, ok := rec.(*recto.Agent); ok {
		given = a.Kind
	}
	reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(found).Elem())
	a, ok := rec.(*recto.Agent)
	if !ok || a.Kind != recto.UnknownKind || given == recto.UnknownKind {
		return nil
	}
	a.Kind = given
	if err := imp.store.UpdateAgent(ctx, a); err != nil {
		return err
	}
	found.(*recto.Agent).Kind = given
	imp.report.noteAuthority(Updated, label(rec))
	return nil
}

// keepStored gives rec what a record that leaves it out keeps of the
// stored record: an agent's sort name, and its kind when the record does
// not know it.
func keepStored(stored, rec any) {
	s, ok := stored.(*recto.Agent)
	if !ok {
		return
	}
	a := rec.(*recto.Agent)
	if a.SortName == "" {
		a.SortName = s.SortName
	}
	if a.Kind == recto.UnknownKind {
		a.Kind = s.Kind
	}
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
	}
	keepStored(stored, rec)
	if sameAuthority(stored, rec) {
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
		// A name given inverted, "Hasanli, Jamil", finds the person shown
		// "Jamil Hasanli" and filed so.
		for _, name := range []string{r.Name, r.SortName} {
			if name != "" && ix.agentsByName[name] == nil {
				ix.agentsByName[name] = r
			}
		}
	case *recto.Place:
		setOnce(ix.placesByIdent, r.Identifiers)
		// A place is found under its variants too, so that "Tihwa" and
		// "Urumqi" meet.
		for _, name := range append([]recto.Name{{Name: r.Name}}, r.Variants...) {
			ix.placesByName[name.Name] = append(ix.placesByName[name.Name], r)
		}
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
		// A place named without a parent is the first of that name (or
		// of one of its variants); with one, the one under it.
		for _, name := range append([]recto.Name{{Name: r.Name}}, r.Variants...) {
			for _, p := range ix.placesByName[name.Name] {
				if r.ParentID == 0 || p.ParentID == r.ParentID {
					return p
				}
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
