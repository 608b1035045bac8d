package http_test

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestContrast checks the style sheet's colours against WCAG 2.2 AA: 4.5:1
// for text on the backgrounds it sits on, 3:1 for the focus ring.
func TestContrast(t *testing.T) {
	css, err := os.ReadFile("assets/recto.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6});`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	backgrounds := []string{"#ffffff", vars["tint"], "#fff4c2", vars["mark"]} // page, tabs, :target highlight, <mark>
	for _, fg := range []string{"text", "muted", "link", "link-visited", "accent"} {
		for _, bg := range backgrounds {
			if vars[fg] == "" || bg == "" {
				t.Fatalf("colour --%s or a background is missing from the style sheet", fg)
			}
			if r := contrast(vars[fg], bg); r < 4.5 {
				t.Errorf("--%s %s on %s: contrast %.2f:1, want at least 4.5:1", fg, vars[fg], bg, r)
			}
		}
	}
	if r := contrast(vars["focus"], "#ffffff"); r < 3 {
		t.Errorf("focus ring contrast %.2f:1, want at least 3:1", r)
	}
	if r := contrast("#ffffff", vars["link"]); r < 4.5 {
		t.Errorf("button text contrast %.2f:1, want at least 4.5:1", r)
	}
}

// contrast is the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	channel := func(s string) float64 {
		v, _ := strconv.ParseUint(s, 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(hex[1:3]) + 0.7152*channel(hex[3:5]) + 0.0722*channel(hex[5:7])
}
