package main

import "testing"

func TestGCPercent(t *testing.T) {
	tests := []struct {
		live uint64
		want int
	}{
		{0, 100},
		{20 << 20, 100},  // a small archive keeps Go's default
		{128 << 20, 100}, // growing by 128 MiB is doubling
		{256 << 20, 50},  // half of the live heap
		{1024 << 20, 12}, // a million documents' index
		{4096 << 20, 10}, // never below 10
	}
	for _, tt := range tests {
		if got := gcPercent(tt.live); got != tt.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}
