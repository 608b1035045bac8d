package http

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/recto-archive/recto"
)

// downloadWait is how long a request waits for a download being made;
// past it, the page says to come back, and the download goes on being made.
const downloadWait = 15 * time.Second

func (s *Server) handleDownloads(w http.ResponseWriter, r *http.Request) error {
	if s.Downloads == nil {
		return recto.Errorf(recto.ENOTFOUND, "This archive offers no bulk downloads.")
	}
	list, err := s.Downloads.Downloads(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "downloads", struct {
		page
		Downloads []recto.Download
	}{s.newPage(r, "Downloads", "downloads", "/downloads"), list})
	return nil
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) error {
	if s.Downloads == nil {
		return recto.Errorf(recto.ENOTFOUND, "This archive offers no bulk downloads.")
	}
	ctx, cancel := context.WithTimeout(r.Context(), downloadWait)
	defer cancel()
	f, d, err := s.Downloads.OpenDownload(ctx, r.PathValue("name"))
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", d.MediaType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, d.Name, d.Generated, f)
	return nil
}

// byteSize says how big a file is, as people read it: "4.2 MB".
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
