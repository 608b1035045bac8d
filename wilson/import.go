package wilson

import (
	"context"
	"os"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
)

// FileResult is what an import did with one record file: Err when the file
// was refused (and changed nothing), else what became of its document.
type FileResult struct {
	Name   string
	Record string // its Record ID
	Action corpus.Action
	Err    error
	Notes  []string // what the import left out of the record, and why
}

// Import brings record files into the archive. Every file is read and
// checked first; a file with a problem is refused with every problem named
// and the others go on. Those are imported in one transaction, so that
// records may link to each other whatever their order (a relation shows on
// both of its records); a link to a record neither imported nor held is
// left out and noted in the file's result; an error of the archive names
// the file and stops the import, which then changes nothing. Importing the files again changes nothing;
// a corrected file changes its document and what it names.
func Import(ctx context.Context, store recto.Store, files []string, opts corpus.ImportOptions) ([]FileResult, *corpus.Report, error) {
	results := make([]FileResult, len(files))
	rd := NewReader(ctx, store)
	var good []string
	for i, name := range files {
		if err := ctx.Err(); err != nil {
			return results, nil, err
		}
		results[i].Name = name
		rec, err := parseFile(name)
		if err != nil {
			results[i].Err = err
			continue
		}
		results[i].Record = rec.ID()
		rd.Note(rec)
		good = append(good, name)
	}
	if len(good) == 0 {
		return results, &corpus.Report{}, nil
	}
	// The files are read again as they are stored, so that the import
	// holds a few records at a time, not every text of the run.
	report, err := corpus.ImportRecords(ctx, store, func(emit corpus.Emit) error {
		if err := rd.Authorities(emit); err != nil {
			return err
		}
		for _, name := range good {
			rec, err := parseFile(name)
			if err != nil {
				return err
			}
			if err := rd.Document(rec, emit); err != nil {
				return err
			}
		}
		return nil
	}, opts)
	if err != nil {
		return results, nil, err
	}
	action := map[string]corpus.Action{}
	for a, keys := range report.Documents {
		for _, k := range keys {
			action[k] = a
		}
	}
	for i := range results {
		if results[i].Err == nil {
			results[i].Action = action[authorityKey("record", results[i].Record)]
			id, _ := parseID(results[i].Record)
			results[i].Notes = rd.leftOut[id]
		}
	}
	return results, report, nil
}

func parseFile(name string) (*Record, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, name)
}
