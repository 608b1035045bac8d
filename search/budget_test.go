package search

import (
	"context"
	"errors"
	"testing"
)

func TestBudget(t *testing.T) {
	var notes []string
	b := newBudget(context.Background(), 100, &notes)
	if !b.spend(60) || b.spend(50) {
		t.Fatal("spent past the budget")
	}
	if b.spend(1) {
		t.Error("spent after a refusal: what a search finds would depend on the order of its work")
	}
	b.charge(1000) // words are always read
	if b.spend(1) || len(notes) != 1 || b.err != nil {
		t.Errorf("after the budget: notes %q, err %v", notes, b.err)
	}

	// A request that has ended stops the work within ctxInterval units.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b = newBudget(ctx, 1<<40, &notes)
	spent := 0
	for b.spend(readCost) {
		if spent += readCost; spent > 2*ctxInterval {
			t.Fatal("work goes on after the request ended")
		}
	}
	if !errors.Is(b.err, context.Canceled) || !b.stopped() {
		t.Errorf("err %v, want the context's", b.err)
	}
}
