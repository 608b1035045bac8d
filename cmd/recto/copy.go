package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/recto-archive/recto/internal/sqlstore"
)

// runCopy is "recto copy": it copies a whole archive into a new, empty one,
// between or within backends.
func runCopy(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("recto copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the archive to copy: `sqlite:///path/recto.db`, a file path, or a postgres:// URL")
	to := fs.String("to", "", "the new archive: `sqlite:///path/recto.db`, a file path, or a postgres:// URL of an empty database")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: recto copy --from ARCHIVE --to ARCHIVE\n\n"+
			"Copy every record, Record IDs, revisions and change log included, into an empty archive,\n"+
			"in one transaction: on any error the destination is left as it was.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *from == "" || *to == "" || len(rest) > 0 {
		fs.Usage()
		return usageError{"recto copy needs --from and --to"}
	}
	src, err := openStore(ctx, archivePath(*from), false, "")
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	defer src.Close()
	dst, err := openStore(ctx, archivePath(*to), true, "")
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	defer dst.Close()
	start := time.Now()
	bar := newProgressBar(stderr, isTerminal(stderr))
	if err := sqlstore.Copy(ctx, src.Core(), dst.Core(), bar.report); err != nil {
		bar.end()
		return err
	}
	bar.end()
	fmt.Fprintf(stderr, "copied %s to %s in %s\n", displayDB(*from), displayDB(*to), time.Since(start).Round(time.Millisecond))
	return nil
}

// archivePath accepts sqlite:///path for a SQLite file, as well as a plain
// path or a postgres:// URL.
func archivePath(s string) string {
	if rest, ok := strings.CutPrefix(s, "sqlite://"); ok {
		return rest
	}
	return s
}

// isTerminal reports whether w is a character device, where a progress bar
// may redraw its line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressBar shows a copy's progress: one redrawn line on a terminal,
// otherwise a log line per table and at most one every ten seconds.
type progressBar struct {
	w        io.Writer
	terminal bool
	table    string
	copied   int64     // last reported for the current table
	started  time.Time // of the current table
	last     time.Time // last line written
	drawn    bool
}

func newProgressBar(w io.Writer, terminal bool) *progressBar {
	return &progressBar{w: w, terminal: terminal}
}

func (b *progressBar) report(table string, copied, total int64) {
	now := time.Now()
	if table != b.table {
		b.table, b.started, b.copied = table, now, -1
	}
	if copied == b.copied {
		return
	}
	b.copied = copied
	done := copied == total
	if !b.terminal && !done && now.Sub(b.last) < progressLogEvery {
		return
	}
	b.last = now
	line := fmt.Sprintf("copy %-20s %s", table, progressLine(copied, total, now.Sub(b.started)))
	if b.terminal {
		fmt.Fprintf(b.w, "\r\033[K%s", line)
		b.drawn = true
		if done {
			fmt.Fprintln(b.w)
			b.drawn = false
		}
		return
	}
	fmt.Fprintln(b.w, line)
}

// end leaves the terminal on a fresh line.
func (b *progressBar) end() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

// progressLine says how far a table's copy is: rows, percentage, rate and
// time left.
func progressLine(copied, total int64, took time.Duration) string {
	if total == 0 {
		return "no rows"
	}
	line := fmt.Sprintf("%d/%d rows %3d%%", copied, total, copied*100/total)
	if secs := took.Seconds(); secs > 0.5 && copied > 0 {
		rate := float64(copied) / secs
		line += fmt.Sprintf("  %.0f rows/s", rate)
		if copied < total {
			left := time.Duration(float64(total-copied) / rate * float64(time.Second))
			line += fmt.Sprintf("  ETA %s", left.Round(time.Second))
		}
	}
	return line
}
