package downloads

import (
	"log/slog"
	"time"

	"github.com/recto-archive/recto"
)

// NewTimed is New with the writers' heartbeat and the age of a stale
// temporary file given.
func NewTimed(dir string, changes recto.ChangeService, logger *slog.Logger, heartbeat, staleAfter time.Duration, formats ...Format) (*Service, error) {
	return newService(dir, changes, logger, heartbeat, staleAfter, formats)
}
