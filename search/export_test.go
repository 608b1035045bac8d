package search

// SetBudget changes the work a search may do, so that tests can reach the
// budget on a small archive.
func (e *Engine) SetBudget(units int) { e.budget = units }
