// Package downloads makes the bulk downloads of the published archive (JSON
// Lines, CSV) on demand and keeps each in a directory until the archive
// changes. A file is made once however many ask for it, in the background,
// so a request that gives up waiting does not waste the work.
package downloads

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/recto-archive/recto"
)

// Format is one kind of download and how to write it.
type Format struct {
	Name        string // file name: "recto-archive.jsonl"
	Format      string // "JSON Lines"
	MediaType   string
	Description string
	// Write writes the published archive to w.
	Write func(ctx context.Context, w io.Writer) error
}

// Service makes downloads of the archive in a directory. Files are named
// after the change of the archive they show ("42-recto-archive.jsonl"), so
// a file is current exactly when no change came after it.
type Service struct {
	dir     string
	changes recto.ChangeService
	formats []Format
	logger  *slog.Logger

	// heartbeat and staleAfter: see newService.
	heartbeat, staleAfter time.Duration

	mu      sync.Mutex
	running map[string]*job // by file name
}

type job struct {
	done chan struct{}
	err  error
}

// New returns a service writing to dir, which it creates. It removes the
// temporary files that writers which ended without finishing left there
// at once, and those still fresh once they have had time to go stale.
func New(dir string, changes recto.ChangeService, logger *slog.Logger, formats ...Format) (*Service, error) {
	return newService(dir, changes, logger, 10*time.Second, time.Minute, formats)
}

// A file being written is a temporary file, renamed once complete. A
// process killed meanwhile leaves it behind, and several processes may
// share the directory (recto serve processes on one database), so a
// temporary file is removed only once it is stale: its writer refreshes
// its modification time every heartbeat, and one older than staleAfter
// has none.
func newService(dir string, changes recto.ChangeService, logger *slog.Logger, heartbeat, staleAfter time.Duration, formats []Format) (*Service, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}
	s := &Service{dir: dir, changes: changes, formats: formats, logger: logger, running: map[string]*job{},
		heartbeat: heartbeat, staleAfter: staleAfter}
	s.removeStale()
	time.AfterFunc(staleAfter+heartbeat, s.removeStale)
	return s, nil
}

// tmpPattern names the temporary files.
const tmpPattern = ".tmp-*"

// removeStale removes the temporary files no writer has touched for
// s.staleAfter.
func (s *Service) removeStale() {
	matches, _ := filepath.Glob(filepath.Join(s.dir, tmpPattern))
	for _, m := range matches {
		if info, err := os.Stat(m); err == nil && time.Since(info.ModTime()) > s.staleAfter {
			if err := os.Remove(m); err == nil {
				s.logger.Info("removed an unfinished download", "file", m, "modified", info.ModTime().UTC())
			}
		}
	}
}

// Downloads lists the formats with their newest file.
func (s *Service) Downloads(ctx context.Context) ([]recto.Download, error) {
	seq, err := s.changes.LatestChange(ctx)
	if err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}
	out := make([]recto.Download, len(s.formats))
	for i, f := range s.formats {
		out[i] = s.describe(f, seq)
	}
	return out, nil
}

// describe returns the download of format f with its newest file.
func (s *Service) describe(f Format, seq int64) recto.Download {
	d := recto.Download{Name: f.Name, Format: f.Format, MediaType: f.MediaType, Description: f.Description}
	if made, fseq, ok := s.newest(f.Name); ok {
		if info, err := os.Stat(made); err == nil {
			d.Size, d.Generated, d.Current = info.Size(), info.ModTime().UTC(), fseq == seq
		}
	}
	return d
}

// newest returns the path and change seq of the newest file of name.
func (s *Service) newest(name string) (string, int64, bool) {
	matches, _ := filepath.Glob(filepath.Join(s.dir, "*-"+name))
	best, bestSeq := "", int64(-1)
	for _, m := range matches {
		prefix, _, _ := strings.Cut(filepath.Base(m), "-")
		if n, err := strconv.ParseInt(prefix, 10, 64); err == nil && n > bestSeq {
			best, bestSeq = m, n
		}
	}
	return best, bestSeq, best != ""
}

// OpenDownload returns the current file of the named download.
func (s *Service) OpenDownload(ctx context.Context, name string) (io.ReadSeekCloser, recto.Download, error) {
	f, ok := s.format(name)
	if !ok {
		return nil, recto.Download{}, recto.Errorf(recto.ENOTFOUND, "There is no download %q.", name)
	}
	seq, err := s.changes.LatestChange(ctx)
	if err != nil {
		return nil, recto.Download{}, fmt.Errorf("downloads: %w", err)
	}
	path := s.path(seq, name)
	if _, err := os.Stat(path); err != nil {
		if err := s.make(ctx, f, seq); err != nil {
			return nil, recto.Download{}, err
		}
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, recto.Download{}, fmt.Errorf("downloads: %w", err)
	}
	return file, s.describe(f, seq), nil
}

func (s *Service) format(name string) (Format, bool) {
	for _, f := range s.formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

func (s *Service) path(seq int64, name string) string {
	return filepath.Join(s.dir, strconv.FormatInt(seq, 10)+"-"+name)
}

// make writes the file of f for change seq, or waits for the writing under
// way, until ctx ends.
func (s *Service) make(ctx context.Context, f Format, seq int64) error {
	path := s.path(seq, f.Name)
	s.mu.Lock()
	j := s.running[path]
	if j == nil {
		j = &job{done: make(chan struct{})}
		s.running[path] = j
		go s.run(j, f, seq)
	}
	s.mu.Unlock()
	select {
	case <-j.done:
		return j.err
	case <-ctx.Done():
		return recto.Errorf(recto.EUNAVAILABLE, "The %s download is being prepared. Please try again in a minute.", f.Format)
	}
}

// run writes a file detached from any request, then removes the older
// files of its format, before it says it is done, so that whoever waits for
// it finds the directory as it will stay.
func (s *Service) run(j *job, f Format, seq int64) {
	path := s.path(seq, f.Name)
	start := time.Now()
	j.err = s.write(f, path)
	if j.err == nil {
		s.logger.Info("download made", "download", f.Name, "change", seq, "took", time.Since(start).Round(time.Millisecond))
		s.removeOlder(f, seq)
	} else {
		s.logger.Error("download failed", "download", f.Name, "error", j.err)
	}
	s.mu.Lock()
	delete(s.running, path)
	s.mu.Unlock()
	close(j.done)
}

// removeOlder removes the files of f made for changes before seq, and the
// temporary files gone stale.
func (s *Service) removeOlder(f Format, seq int64) {
	matches, _ := filepath.Glob(filepath.Join(s.dir, "*-"+f.Name))
	for _, m := range matches {
		prefix, _, _ := strings.Cut(filepath.Base(m), "-")
		if n, err := strconv.ParseInt(prefix, 10, 64); err == nil && n < seq {
			os.Remove(m)
		}
	}
	s.removeStale()
}

// write writes f to a temporary file renamed to path once complete, so a
// reader never sees half a file.
func (s *Service) write(f Format, path string) (err error) {
	tmp, err := os.CreateTemp(s.dir, tmpPattern)
	if err != nil {
		return fmt.Errorf("downloads: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	stop := keepFresh(tmp.Name(), s.heartbeat)
	err = f.Write(context.Background(), tmp)
	stop()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("downloads: %s: %w", f.Name, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("downloads: %w", err)
	}
	return nil
}

// keepFresh sets the file's modification time every heartbeat until stop
// is called, so that no process takes it for stale while it is written,
// however long the writer waits for the database between two writes.
func keepFresh(path string, heartbeat time.Duration) (stop func()) {
	ticker := time.NewTicker(heartbeat)
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case now := <-ticker.C:
				os.Chtimes(path, time.Time{}, now)
			case <-done:
				return
			}
		}
	}()
	return func() {
		ticker.Stop()
		close(done)
		<-stopped
	}
}
