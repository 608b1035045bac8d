package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// recto settings shows the settings, sets the Record ID floor that the
// store then numbers from, refuses a bad one with the field named, and
// refuses a missing archive.
func TestSettingsCommand(t *testing.T) {
	ctx := context.Background()
	env := func(string) string { return "" }
	dir := t.TempDir()
	db := filepath.Join(dir, "recto.db")
	if err := Run(ctx, []string{"settings", "--db", db}, env, io.Discard, io.Discard); err == nil {
		t.Fatal("settings of a missing archive: no error")
	}
	if err := Run(ctx, []string{"migrate", "--db", db}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Run(ctx, []string{"settings", "--db", db}, env, &out, io.Discard); err != nil || !strings.Contains(out.String(), "record-id-floor     none") {
		t.Fatalf("a new archive's settings: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := Run(ctx, []string{"settings", "--record-id-floor", "500000", "--db", db}, env, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "record-id-floor     500000") {
		t.Fatalf("setting the floor: %v\n%s", err, out.String())
	}
	err := Run(ctx, []string{"settings", "--db", db, "--record-id-floor", "-5"}, env, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "record_id_floor") {
		t.Fatalf("a negative floor: %v", err)
	}
	out.Reset()
	if err := Run(ctx, []string{"settings", "--db", db}, env, &out, io.Discard); err != nil || !strings.Contains(out.String(), "500000") {
		t.Fatalf("the floor after a refused change: %v\n%s", err, out.String())
	}
}

// The archive's name, set once with --archive-name and kept in its
// settings, and its publisher, set with recto settings, name it in every
// page, citation, feed, OAI-PMH's Identify, /srv/ and TEI, and "Recto"
// stays only where it names the software.
func TestServe_ArchiveName(t *testing.T) {
	ctx := context.Background()
	env := func(string) string { return "" }
	db := filepath.Join(t.TempDir(), "recto.db")
	for _, args := range [][]string{{"migrate", "--db", db},
		{"settings", "--db", db, "--publisher", "Wilson Center", "--archive-short-name", "Digital Archive"}} {
		if err := Run(ctx, args, env, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	const name = "Wilson Center Digital Archive"
	base := serve(t, "--sample", "--addr", "127.0.0.1:0", "--db", db, "--archive-name", name)
	for path, wants := range map[string][]string{
		"/":                          {"<title>" + name + ": primary sources in translation</title>", `<a href="/">` + name + `</a>`},
		"/documents":                 {"<title>All documents · Digital Archive</title>"},
		"/documents/1":               {name + ", http", `"publisher":{"@type":"Organization","name":"` + name + `"`},
		"/documents/1/citation.ris":  {"\nDP  - " + name},
		"/documents/1/citation.json": {`"source": "` + name + `"`},
		"/documents/1/citation.bib":  {"howpublished = {" + name + "}"},
		"/documents/1/tei.xml":       {"<publisher>Wilson Center</publisher>"},
		"/feed.atom":                 {"<title>" + name + ": newly published documents</title>"},
		"/oai?verb=Identify":         {"<repositoryName>" + name + "</repositoryName>"},
		"/srv/record/1.json":         {`"Wilson Center"`},
	} {
		resp, body := getHost(t, base+path, "localhost")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
	}
	var out strings.Builder
	if err := Run(ctx, []string{"settings", "--db", db}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "archive-name        "+name) {
		t.Errorf("the name --archive-name gave is not kept:\n%s", out.String())
	}
}
