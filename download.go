package recto

import (
	"context"
	"io"
	"time"
)

// Download is a bulk download of the published archive in one format.
type Download struct {
	Name        string // file name, as in the URL: "recto-archive.jsonl"
	Format      string // "JSON Lines"
	MediaType   string
	Description string
	// Size and Generated describe the newest file made, if any: it may be
	// older than the archive, in which case Current is false and the next
	// request makes a new one.
	Size      int64
	Generated time.Time
	Current   bool
}

// DownloadService makes bulk downloads on demand and keeps them until the
// archive changes.
type DownloadService interface {
	// Downloads lists the downloads on offer.
	Downloads(ctx context.Context) ([]Download, error)
	// OpenDownload returns the current file of the named download, making
	// it first if the archive changed since it was made. ENOTFOUND for an
	// unknown name; EUNAVAILABLE when it is still being made as ctx ends,
	// which it goes on with.
	OpenDownload(ctx context.Context, name string) (io.ReadSeekCloser, Download, error)
}
