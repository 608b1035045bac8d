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

	mu      sync.Mutex
	running map[string]*job // by file name
}

type job struct {
	done chan struct{}
	err  error
}

// New returns a service writing to dir, which it creates.
func New(dir string, changes recto.ChangeService, logger *slog.Logger, formats ...Format) (*Service, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}
	return &Service{dir: dir, changes: changes, formats: formats, logger: logger, running: map[string]*job{}}, nil
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
// files of its format.
func (s *Service) run(j *job, f Format, seq int64) {
	path := s.path(seq, f.Name)
	start := time.Now()
	j.err = s.write(f, path)
	s.mu.Lock()
	delete(s.running, path)
	s.mu.Unlock()
	close(j.done)
	if j.err != nil {
		s.logger.Error("download failed", "download", f.Name, "error", j.err)
		return
	}
	s.logger.Info("download made", "download", f.Name, "change", seq, "took", time.Since(start).Round(time.Millisecond))
	matches, _ := filepath.Glob(filepath.Join(s.dir, "*-"+f.Name))
	for _, m := range matches {
		prefix, _, _ := strings.Cut(filepath.Base(m), "-")
		if n, err := strconv.ParseInt(prefix, 10, 64); err == nil && n < seq {
			os.Remove(m)
		}
	}
}

// write writes f to a temporary file renamed to path once complete, so a
// reader never sees half a file.
func (s *Service) write(f Format, path string) (err error) {
	tmp, err := os.CreateTemp(s.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("downloads: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	err = f.Write(context.Background(), tmp)
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
