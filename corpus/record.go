package corpus

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/recto-archive/recto"
)

// Emit takes a corpus's records one at a time, each as a JSON Lines line
// holds it (exactly one field set), in an order where every record refers
// only to records before it, except that relations between documents may
// point forward. at says where the record was read, for errors:
// "docs.csv:7", "frus1936v03.xml:1234:5"; "" when there is no such place.
// The readers of the formats (package tei, package csv, ReadLines) give
// their records to an Emit as they read them, so that an import holds
// about one record at a time, not the whole file.
type Emit func(rec Line, at string) error

// Add adds a record to f, in its list.
func (f *File) Add(rec Line, _ string) error {
	switch {
	case rec.Repository != nil:
		f.Repositories = append(f.Repositories, *rec.Repository)
	case rec.Place != nil:
		f.Places = append(f.Places, *rec.Place)
	case rec.Agent != nil:
		if i := f.earlierAgent(*rec.Agent); i >= 0 {
			f.Agents[i].Kind = rec.Agent.Kind
			return nil
		}
		f.Agents = append(f.Agents, *rec.Agent)
	case rec.Subject != nil:
		f.Subjects = append(f.Subjects, *rec.Subject)
	case rec.Collection != nil:
		f.Collections = append(f.Collections, *rec.Collection)
	case rec.Document != nil:
		f.Documents = append(f.Documents, *rec.Document)
	default:
		return errNoRecord
	}
	return nil
}

// earlierAgent returns the index of an agent with a's key, which a is a
// correction of (Loader.Add takes it so too), or -1. Only an organisation
// corrects an agent, so only it is looked for.
func (f *File) earlierAgent(a Agent) int {
	if a.Kind != string(recto.Organisation) {
		return -1
	}
	return slices.IndexFunc(f.Agents, func(b Agent) bool { return b.Key == a.Key })
}

var errNoRecord = errors.New("no record: a line needs one of repository, place, agent, subject, collection, document")

// Each gives emit f's records in the order the format requires: places,
// repositories, agents, subjects, collections, documents.
func (f *File) Each(emit Emit) error {
	for i := range f.Places {
		if err := emit(Line{Place: &f.Places[i]}, ""); err != nil {
			return err
		}
	}
	for i := range f.Repositories {
		if err := emit(Line{Repository: &f.Repositories[i]}, ""); err != nil {
			return err
		}
	}
	for i := range f.Agents {
		if err := emit(Line{Agent: &f.Agents[i]}, ""); err != nil {
			return err
		}
	}
	for i := range f.Subjects {
		if err := emit(Line{Subject: &f.Subjects[i]}, ""); err != nil {
			return err
		}
	}
	for i := range f.Collections {
		if err := emit(Line{Collection: &f.Collections[i]}, ""); err != nil {
			return err
		}
	}
	for i := range f.Documents {
		if err := emit(Line{Document: &f.Documents[i]}, ""); err != nil {
			return err
		}
	}
	return nil
}

// RecordError is a problem with one record: where it was read, which
// record it is, and what is wrong, such as
// `docs.csv:7: document "garf-1": relations[0]: unknown related document "#99"`.
type RecordError struct {
	At     string // where the record was read; "" when unknown
	Record string // `document "garf-1"`, `place "Yining"`
	Err    error
}

func (e *RecordError) Error() string {
	if e.At == "" {
		return fmt.Sprintf("%s: %v", e.Record, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.At, e.Record, e.Err)
}

// Unwrap returns the problem.
func (e *RecordError) Unwrap() error { return e.Err }

// recordError places err at a record, unless it is placed already.
func recordError(at, record string, err error) error {
	if err == nil {
		return nil
	}
	if _, placed := errors.AsType[*RecordError](err); placed {
		return err
	}
	return &RecordError{At: at, Record: record, Err: err}
}

func documentRecord(key string) string { return fmt.Sprintf("document %q", key) }

// readAheadBytes is how far, in the bytes of the records' texts, a reader
// may run ahead of the store (and 32 chunks of records, 2,048 at most):
// about a batch of documents, so that reading the next batch overlaps with
// storing the last.
const readAheadBytes = 8 << 20

// readAhead runs read on a goroutine of its own and gives what it emits to
// emit on this one, up to readAheadBytes behind (and at least one record):
// reading a file and storing its records then share the cores, and no
// more than that is held between them. An error of emit stops read; the
// first error of either is returned.
func readAhead(ctx context.Context, read func(Emit) error, emit Emit) error {
	type record struct {
		rec  Line
		at   string
		size int
	}
	// Records go in chunks, so that the channel costs little; a chunk
	// goes as soon as it holds chunkRecords records or chunkBytes bytes.
	const chunkRecords, chunkBytes = 64, 1 << 20
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []record, 32)
	readErr := make(chan error, 1)
	budget := newBudget(readAheadBytes)
	go func() {
		defer close(chunks)
		defer func() {
			// A reader's bug fails its file, not the run of every file.
			if v := recover(); v != nil {
				readErr <- fmt.Errorf("reading stopped on an internal error, please report it: %v", v)
			}
		}()
		var buf []record
		bufBytes := 0
		send := func() error {
			if len(buf) == 0 {
				return nil
			}
			select {
			case chunks <- buf:
				buf, bufBytes = nil, 0
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := read(func(rec Line, at string) error {
			size := recordSize(rec)
			if !budget.fits(size) {
				// What waits here must be on its way to the store first.
				if err := send(); err != nil {
					return err
				}
			}
			if !budget.take(size) {
				return context.Cause(ctx)
			}
			buf, bufBytes = append(buf, record{rec, at, size}), bufBytes+size
			if len(buf) == chunkRecords || bufBytes >= chunkBytes {
				return send()
			}
			return nil
		})
		if err == nil {
			err = send()
		}
		readErr <- err
	}()
	for c := range chunks {
		for _, r := range c {
			err := emit(r.rec, r.at)
			budget.give(r.size)
			if err != nil {
				cancel()
				budget.stop()
				for range chunks { // let the reader see the cancellation and stop
				}
				<-readErr
				return err
			}
		}
	}
	return <-readErr
}

// recordSize is about what a record takes in memory: its texts.
func recordSize(rec Line) int {
	d := rec.Document
	if d == nil {
		return 256
	}
	n := len(d.Title) + len(d.Summary) + 256
	for _, t := range d.Texts {
		n += len(t.Body) + len(t.Notes)
	}
	return n
}

// budget counts the bytes a reader has running ahead, up to a limit.
type budget struct {
	mu      sync.Mutex
	changed *sync.Cond
	used    int
	limit   int
	stopped bool
}

func newBudget(limit int) *budget {
	b := &budget{limit: limit}
	b.changed = sync.NewCond(&b.mu)
	return b
}

// fits reports whether n more bytes fit without waiting.
func (b *budget) fits(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used == 0 || b.used+n <= b.limit
}

// take waits until n more bytes fit (always, when nothing is taken), and
// takes them; false when the budget was stopped.
func (b *budget) take(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.stopped && b.used > 0 && b.used+n > b.limit {
		b.changed.Wait()
	}
	b.used += n
	return !b.stopped
}

// give returns n bytes.
func (b *budget) give(n int) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.changed.Broadcast()
}

// stop lets every take return at once.
func (b *budget) stop() {
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
	b.changed.Broadcast()
}
