package main

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/recto-archive/recto/search"
)

// heapHeadroom is how far the heap may grow past what is live before the
// collector runs, once the search index is built.
const heapHeadroom = 128 << 20

// settleMemory returns the garbage of an index build to the system and,
// unless the operator set GOGC or GOMEMLIMIT, lowers GOGC so that the heap
// grows by at most heapHeadroom beyond what is live. Go's default lets the
// heap double before collecting, and most of a large archive's heap is the
// index, which lives as long as the process: doubling it would hold
// hundreds of megabytes for nothing. Small archives keep the default.
func settleMemory(logger *slog.Logger) {
	debug.FreeOSMemory()
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	percent := gcPercent(ms.HeapAlloc)
	debug.SetGCPercent(percent)
	logger.Debug("memory settled", "heap_mib", ms.HeapAlloc>>20, "gogc", percent)
}

// gcPercent returns the GOGC that lets a live heap of live bytes grow by
// heapHeadroom, between 10 and Go's default of 100.
func gcPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(max(10, min(100, heapHeadroom*100/live)))
}

// settledEngine is a search engine that settles memory after each build.
type settledEngine struct {
	*search.Engine
	logger *slog.Logger
}

func (e settledEngine) Build(ctx context.Context) error {
	if err := e.Engine.Build(ctx); err != nil {
		return err
	}
	settleMemory(e.logger)
	return nil
}
