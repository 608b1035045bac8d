package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/wilson"
)

// importSRV is "recto import srv": every record file is read and checked
// first (a bad one is reported and left out), then the others are imported
// in one transaction, so that records may link to each other in any order.
func importSRV(ctx context.Context, store recto.Store, files []string, opts corpus.ImportOptions, out io.Writer) error {
	results, report, err := wilson.Import(ctx, store, files, opts)
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	prefix := ""
	if opts.DryRun {
		prefix = "dry run, nothing changed: "
	}
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintln(out, fileError(r.Name, r.Err))
			continue
		}
		fmt.Fprintf(out, "%s: %srecord %s %s\n", r.Name, prefix, r.Record, r.Action)
		for _, n := range r.Notes {
			fmt.Fprintf(out, "%s: %s\n", r.Name, n)
		}
	}
	for _, rd := range report.Readings {
		fmt.Fprintln(out, rd)
	}
	fmt.Fprintf(out, "%s%d files: %s\n", prefix, len(files)-failed, report.Summary())
	if failed > 0 {
		return fmt.Errorf("%d of %d files not imported", failed, len(files))
	}
	return nil
}

// exportSRV is "recto export srv": the published records of the archive,
// or of the site at from, written into dir as /srv/ serves them.
func exportSRV(ctx context.Context, store recto.Store, from, baseURL, dir string, stderr io.Writer) error {
	if err := checkExportDir(dir, "srv", func(name string) bool { return name == "record" }); err != nil {
		return err
	}
	var get wilson.Getter
	var ids []string
	var err error
	if from != "" {
		get = wilson.ClientGetter(&http.Client{Timeout: time.Minute}, from)
		if ids, err = wilson.ListRecords(ctx, get); err != nil {
			return err
		}
	} else {
		settings, err := store.FindSettings(ctx)
		if err != nil {
			return err
		}
		get = wilson.HandlerGetter(wilson.New(recto.NewCatalogue(store, recto.PublicAudience), nil,
			wilson.Options{BaseURL: baseURL, Publisher: settings.PublisherName(), Logger: slog.New(slog.DiscardHandler)}))
		err = store.ScanDocuments(ctx, nil, func(d *recto.Document) error {
			if d.Status == recto.StatusPublished {
				ids = append(ids, strconv.FormatInt(d.ID, 10))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := wilson.Export(ctx, get, ids, dir); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %d records to %s\n", len(ids), dir)
	return nil
}
