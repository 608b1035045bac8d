package cite_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/recto-archive/recto/cite"
)

// TestCSLSchema validates the CSL-JSON of every golden case against the
// official CSL input schema (csl-data.json, JSON Schema draft-07), with the
// small validator below. No external validator is at hand, so the validator
// implements exactly the keywords that schema uses (type, enum, properties,
// additionalProperties, required, items, minItems, maxItems, anyOf, $ref)
// and fails on any other, so that a new schema version cannot pass unchecked.
func TestCSLSchema(t *testing.T) {
	schemaPath := filepath.Join(sharedDir(t), "schemas", "csl", "csl-data.json")
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	v := &validator{root: schema}
	for name, d := range goldenCases(t) {
		b, err := cite.CSLJSON(d, options)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		for _, p := range v.validate(schema, doc, "$") {
			t.Errorf("%s: %s", name, p)
		}
	}
	// The validator itself catches what it should.
	var bad any
	if err := json.Unmarshal([]byte(`[{"id": "x", "type": "letter", "title": 3, "issued": {"date-parts": [[1, 2, 3, 4]]},
		"author": [{"name": "x"}], "extra": true}]`), &bad); err != nil {
		t.Fatal(err)
	}
	if got := v.validate(schema, bad, "$"); len(got) != 5 {
		t.Errorf("the validator found %d problems in a bad item, want 5: %q", len(got), got)
	}
}

// sharedDir returns ../shared beside the module (the package test runs in
// cite/), where the third-party schemas live, never in the repository.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the shared reference folder is not present at %s (it lives outside the repository)", dir)
	}
	return dir
}

type validator struct{ root map[string]any }

// known are the keywords validate implements, and the annotations it may
// ignore.
var known = []string{"type", "enum", "properties", "additionalProperties", "required", "items", "minItems", "maxItems",
	"anyOf", "$ref", "$schema", "$id", "description", "title", "examples", "definitions"}

func (v *validator) validate(s map[string]any, x any, at string) []string {
	var out []string
	fail := func(format string, args ...any) { out = append(out, at+": "+fmt.Sprintf(format, args...)) }
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			fail("schema keyword %q is not implemented by this test", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		target := any(v.root)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			target = target.(map[string]any)[part]
		}
		out = append(out, v.validate(target.(map[string]any), x, at)...)
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, e := range t {
				types = append(types, e.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(x, t) }) {
			fail("%v is not of type %v", short(x), types)
			return out
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, x) {
		fail("%v is not one of the enumerated values", short(x))
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		var all []string
		matched := false
		for _, sub := range anyOf {
			p := v.validate(sub.(map[string]any), x, at)
			if len(p) == 0 {
				matched = true
				break
			}
			all = append(all, p...)
		}
		if !matched {
			out = append(out, all...)
		}
	}
	switch x := x.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := x[r]; !ok {
				fail("required property %q is missing", r)
			}
		}
		names := make([]string, 0, len(x))
		for k := range x {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if ps, ok := props[k]; ok {
				out = append(out, v.validate(ps.(map[string]any), x[k], at+"."+k)...)
			} else if s["additionalProperties"] == false {
				fail("property %q is not allowed", k)
			}
		}
	case []any:
		if n, ok := s["minItems"].(float64); ok && float64(len(x)) < n {
			fail("%d items, fewer than %v", len(x), n)
		}
		if n, ok := s["maxItems"].(float64); ok && float64(len(x)) > n {
			fail("%d items, more than %v", len(x), n)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				out = append(out, v.validate(items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return out
}

func hasType(x any, t string) bool {
	switch t {
	case "string":
		_, ok := x.(string)
		return ok
	case "number":
		_, ok := x.(float64)
		return ok
	case "integer":
		f, ok := x.(float64)
		return ok && f == math.Trunc(f)
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "null":
		return x == nil
	}
	return false
}

func asStrings(x any) []string {
	var out []string
	if a, ok := x.([]any); ok {
		for _, e := range a {
			out = append(out, e.(string))
		}
	}
	return out
}

func short(x any) string {
	s := fmt.Sprint(x)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}
