package postgres

// Unreachable is unreachable, for tests.
var Unreachable = unreachable
