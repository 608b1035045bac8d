package api

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// This file is a small JSON Schema checker for the subset of keywords the
// OpenAPI document uses, and only those: type (a name or a list of names,
// which is how a schema allows null), properties, required, items, enum,
// $ref to #/components/schemas, and format (uri, date, date-time), with
// description as an annotation. Objects are closed: a property the schema
// does not describe is an error, so that every field a handler writes is
// documented.

// schemaKeywords are the keywords a response schema may use.
var schemaKeywords = map[string]bool{"type": true, "properties": true, "required": true, "items": true,
	"enum": true, "$ref": true, "format": true, "description": true}

// paramKeywords are those a parameter's schema may use besides: bounds and
// defaults, which only describe what the handlers check.
var paramKeywords = map[string]bool{"type": true, "items": true, "enum": true, "minimum": true, "maximum": true,
	"default": true, "description": true}

type openAPIDoc struct {
	raw map[string]any
}

func loadOpenAPI(t testing.TB) *openAPIDoc {
	t.Helper()
	var raw map[string]any
	dec := json.NewDecoder(strings.NewReader(string(openAPIJSON)))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &openAPIDoc{raw: raw}
}

// at walks a path of keys from the document's root; nil when absent.
func (d *openAPIDoc) at(keys ...string) any {
	var v any = d.raw
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// resolve follows a local $ref ("#/components/…") if v is one.
func (d *openAPIDoc) resolve(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object: %v", v)
	}
	for range 10 {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		if !strings.HasPrefix(ref, "#/") {
			return nil, fmt.Errorf("non-local $ref %q", ref)
		}
		target, ok := d.at(strings.Split(strings.TrimPrefix(ref, "#/"), "/")...).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q resolves to nothing", ref)
		}
		m = target
	}
	return nil, fmt.Errorf("$ref chain too long")
}

// schemaProblems lists what is wrong with a schema itself: keywords outside
// the subset, $refs that resolve to nothing. seen stops at each named schema.
func (d *openAPIDoc) schemaProblems(s any, where string, seen map[string]bool) []string {
	m, ok := s.(map[string]any)
	if !ok {
		return []string{where + ": schema is not an object"}
	}
	var out []string
	for k := range m {
		if !schemaKeywords[k] {
			out = append(out, fmt.Sprintf("%s: keyword %q is outside the checked subset", where, k))
		}
	}
	if ref, ok := m["$ref"].(string); ok {
		if !strings.HasPrefix(ref, "#/components/schemas/") {
			out = append(out, fmt.Sprintf("%s: $ref %q is not to a component schema", where, ref))
			return out
		}
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		target := d.at("components", "schemas", name)
		if target == nil {
			return append(out, fmt.Sprintf("%s: $ref %q resolves to nothing", where, ref))
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, d.schemaProblems(target, ref, seen)...)
		}
	}
	if t, ok := m["type"]; ok {
		for _, name := range typeNames(t) {
			if !slices.Contains([]string{"object", "array", "string", "integer", "number", "boolean", "null"}, name) {
				out = append(out, fmt.Sprintf("%s: unknown type %q", where, name))
			}
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		for name, p := range props {
			out = append(out, d.schemaProblems(p, where+"."+name, seen)...)
		}
	}
	if req, ok := m["required"].([]any); ok {
		props, _ := m["properties"].(map[string]any)
		for _, r := range req {
			if _, ok := props[fmt.Sprint(r)]; !ok {
				out = append(out, fmt.Sprintf("%s: required %v is not among the properties", where, r))
			}
		}
	}
	if items, ok := m["items"]; ok {
		out = append(out, d.schemaProblems(items, where+"[]", seen)...)
	}
	return out
}

func typeNames(t any) []string {
	switch t := t.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

// validate checks an instance (decoded with UseNumber) against a schema and
// returns every violation, each with its JSON path.
func (d *openAPIDoc) validate(s any, v any, path string) []string {
	m, err := d.resolve(s)
	if err != nil {
		return []string{path + ": " + err.Error()}
	}
	if _, isRef := s.(map[string]any)["$ref"]; isRef {
		// A $ref replaces the schema here; any sibling description is an annotation.
		return d.validate(m, v, path)
	}
	var out []string
	if t, ok := m["type"]; ok {
		names := typeNames(t)
		if !slices.ContainsFunc(names, func(n string) bool { return hasType(v, n) }) {
			return []string{fmt.Sprintf("%s: %s is not of type %v", path, short(v), names)}
		}
	}
	if enum, ok := m["enum"].([]any); ok {
		if !slices.ContainsFunc(enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) && (e == nil) == (v == nil) }) {
			out = append(out, fmt.Sprintf("%s: %s is not one of %v", path, short(v), enum))
		}
	}
	if f, ok := m["format"].(string); ok {
		if s, isString := v.(string); isString {
			if msg := checkFormat(f, s); msg != "" {
				out = append(out, fmt.Sprintf("%s: %q %s", path, s, msg))
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := m["properties"].(map[string]any)
		if req, ok := m["required"].([]any); ok {
			for _, r := range req {
				if _, ok := v[fmt.Sprint(r)]; !ok {
					out = append(out, fmt.Sprintf("%s: required property %v is missing", path, r))
				}
			}
		}
		if _, described := m["properties"]; described {
			for _, k := range slices.Sorted(mapKeys(v)) {
				p, ok := props[k]
				if !ok {
					out = append(out, fmt.Sprintf("%s: property %q is not described", path, k))
					continue
				}
				out = append(out, d.validate(p, v[k], path+"."+k)...)
			}
		}
	case []any:
		if items, ok := m["items"]; ok {
			for i, x := range v {
				out = append(out, d.validate(items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return out
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func hasType(v any, name string) bool {
	switch name {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := n.Int64()
		return err == nil
	}
	return false
}

var isoDay = regexp.MustCompile(`^-?\d{4,}-\d{2}-\d{2}$`)

func checkFormat(format, s string) string {
	switch format {
	case "uri":
		u, err := url.Parse(s)
		if err != nil || !u.IsAbs() || u.Host == "" {
			return "is not an absolute URL"
		}
	case "date":
		if !isoDay.MatchString(s) {
			return "is not an ISO 8601 day"
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return "is not an RFC 3339 time"
		}
	}
	return ""
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// responseSchema returns the schema of the response an operation documents
// for a status, falling back on its default response.
func (d *openAPIDoc) responseSchema(path string, status int) (any, error) {
	responses, ok := d.at("paths", path, "get", "responses").(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no GET operation for %s", path)
	}
	resp, ok := responses[fmt.Sprint(status)]
	if !ok {
		if resp, ok = responses["default"]; !ok {
			return nil, fmt.Errorf("%s documents no %d response and no default", path, status)
		}
	}
	r, err := d.resolve(resp)
	if err != nil {
		return nil, err
	}
	content, _ := r["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	if media == nil {
		return nil, nil // documented without a body (304)
	}
	return media["schema"], nil
}

// TestSchemaChecker checks the checker on instances it must refuse.
func TestSchemaChecker(t *testing.T) {
	d := loadOpenAPI(t)
	decode := func(s string) any {
		var v any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	ref := func(name string) any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	good := `{"edtf":"1945","display":"1945","earliest":"1945-01-01","latest":null}`
	if p := d.validate(ref("Date"), decode(good), "$"); len(p) > 0 {
		t.Errorf("valid date refused: %v", p)
	}
	if p := d.validate(ref("Date"), decode(`null`), "$"); len(p) > 0 {
		t.Errorf("null date refused: %v", p)
	}
	for _, bad := range []struct{ schema, instance string }{
		{"Date", `{"edtf":"1945","display":"1945","earliest":"1945-01-01"}`},                                                                                           // missing required
		{"Date", `{"edtf":"1945","display":"1945","earliest":"1945-01-01","latest":null,"x":1}`},                                                                       // undescribed
		{"Date", `{"edtf":1945,"display":"1945","earliest":"1945-01-01","latest":null}`},                                                                               // wrong type
		{"Date", `{"edtf":"1945","display":"1945","earliest":"1 January 1945","latest":null}`},                                                                         // format
		{"YearCount", `{"year":1945.5,"count":1}`},                                                                                                                     // not an integer
		{"Text", `{"kind":"summary","lang":"en","label":"","translated_from":null,"method":null,"date":null,"notes":null,"credits":[],"format":"markdown","body":""}`}, // enum
		{"DocumentLinks", `{"self":"/api/v1/documents/1","html":"https://x.org/documents/1"}`},                                                                         // relative URL
		{"DocumentList", `{"data":[{}],"next":null,"total":0}`},                                                                                                        // items
		{"ErrorInfo", `null`}, // not nullable
	} {
		if p := d.validate(ref(bad.schema), decode(bad.instance), "$"); len(p) == 0 {
			t.Errorf("%s accepted %s", bad.schema, bad.instance)
		}
	}
}

// TestOpenAPISchemasInSubset checks that every schema of the document uses
// only the keywords the checker understands, and that every $ref resolves.
func TestOpenAPISchemasInSubset(t *testing.T) {
	d := loadOpenAPI(t)
	if v := d.at("openapi"); v != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", v)
	}
	seen := map[string]bool{}
	schemas, _ := d.at("components", "schemas").(map[string]any)
	for _, name := range slices.Sorted(mapKeys(schemas)) {
		for _, p := range d.schemaProblems(schemas[name], name, seen) {
			t.Error(p)
		}
	}
	paths, _ := d.at("paths").(map[string]any)
	for _, path := range slices.Sorted(mapKeys(paths)) {
		responses, _ := d.at("paths", path, "get", "responses").(map[string]any)
		for code := range responses {
			r, err := d.resolve(responses[code])
			if err != nil {
				t.Errorf("%s %s: %v", path, code, err)
				continue
			}
			content, _ := r["content"].(map[string]any)
			for mt, media := range content {
				if mt != "application/json" {
					t.Errorf("%s %s: media type %s", path, code, mt)
				}
				schema := media.(map[string]any)["schema"]
				for _, p := range d.schemaProblems(schema, path+" "+code, seen) {
					t.Error(p)
				}
			}
		}
		for _, p := range d.parameters(t, path) {
			for k := range p.schema {
				if !paramKeywords[k] {
					t.Errorf("%s parameter %s: keyword %q", path, p.name, k)
				}
			}
		}
	}
	for name := range schemas {
		if !seen[name] {
			t.Errorf("schema %s is described but no response uses it", name)
		}
	}
}

type apiParam struct {
	name, in string
	schema   map[string]any
}

// parameters returns the parameters of a path's GET operation, $refs resolved.
func (d *openAPIDoc) parameters(t testing.TB, path string) []apiParam {
	t.Helper()
	list, _ := d.at("paths", path, "get", "parameters").([]any)
	var out []apiParam
	for _, p := range list {
		m, err := d.resolve(p)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		schema, _ := m["schema"].(map[string]any)
		out = append(out, apiParam{name: fmt.Sprint(m["name"]), in: fmt.Sprint(m["in"]), schema: schema})
	}
	return out
}
