package bench_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/recto-archive/recto/bench"
)

// TestGenerateTEI generates a small TEI corpus, checks that every volume is
// well-formed XML holding as many document divisions as documents were asked
// for, and that a second run writes the same bytes.
func TestGenerateTEI(t *testing.T) {
	dir := t.TempDir()
	const docs = 200
	m, paths, err := bench.GenerateTEI(dir, bench.GenOptions{Docs: docs, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if m.Docs != docs || len(paths) != 1 || filepath.Base(paths[0]) != "vol0001.xml" {
		t.Fatalf("manifest for %d documents, volumes %v", m.Docs, paths)
	}
	if _, err := os.Stat(filepath.Join(dir, bench.ManifestFile)); err != nil {
		t.Errorf("no manifest: %v", err)
	}
	found, err := bench.TEIFiles(dir)
	if err != nil || len(found) != 1 || found[0] != paths[0] {
		t.Errorf("TEIFiles = %v, %v; want %v", found, err, paths)
	}

	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	// Well-formed, in the TEI namespace, with the FRUS namespace declared.
	dec := xml.NewDecoder(bytes.NewReader(data))
	var divs, persons, pbs, notes int
	var root xml.Name
	ids := map[string]bool{}
	var refs []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("vol0001.xml is not well-formed: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root.Local == "" {
			root = se.Name
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Space+" "+a.Name.Local] = a.Value
		}
		if id := attr["http://www.w3.org/XML/1998/namespace id"]; id != "" {
			if ids[id] {
				t.Errorf("xml:id %q twice", id)
			}
			ids[id] = true
		}
		if c := attr[" corresp"]; c != "" {
			refs = append(refs, strings.TrimPrefix(c, "#"))
		}
		switch {
		case se.Name.Local == "div" && attr[" type"] == "document":
			divs++
			if attr[" subtype"] != "historical-document" || attr[" n"] == "" {
				t.Errorf("document div attributes %v", se.Attr)
			}
		case se.Name.Local == "persName" && attr["http://www.w3.org/XML/1998/namespace id"] != "":
			persons++
		case se.Name.Local == "pb":
			pbs++
		case se.Name.Local == "note" && attr[" n"] != "":
			notes++
		}
	}
	if root.Space != "http://www.tei-c.org/ns/1.0" || root.Local != "TEI" {
		t.Errorf("root %v", root)
	}
	if divs != docs {
		t.Errorf("%d document divisions, want %d", divs, docs)
	}
	if persons == 0 || pbs < 2 || notes == 0 {
		t.Errorf("%d glossary persons, %d page breaks, %d footnotes; want some of each", persons, pbs, notes)
	}
	for _, r := range refs {
		if !ids[r] {
			t.Errorf("persName/@corresp #%s is not in the glossary", r)
		}
	}
	for _, want := range []string{`xmlns:frus="http://history.state.gov/frus/ns/1.0"`, `<title type="complete">`,
		`<idno type="frus">vol0001</idno>`, `<div type="section" xml:id="persons" subtype="index">`,
		`<div type="chapter" xml:id="ch2">`, `frus:doc-dateTime-min="`, `<persName type="from" corresp="#p_`,
		`<note rend="inline" type="source">`, ": Telegram", `<date calendar="gregorian" when="`, "<closer>"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("vol0001.xml lacks %s", want)
		}
	}

	n, size, err := bench.DecodeOnly(paths)
	if err != nil || n != docs || size != int64(len(data)) {
		t.Errorf("DecodeOnly = %d documents, %d bytes, %v; want %d, %d", n, size, err, docs, len(data))
	}

	// The same seed writes the same bytes.
	dir2 := t.TempDir()
	if _, _, err := bench.GenerateTEI(dir2, bench.GenOptions{Docs: docs, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	again, err := os.ReadFile(filepath.Join(dir2, "vol0001.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Error("a second run with the same seed wrote different bytes")
	}
}

// TestGenerateTEIVolumes checks that documents are split into volumes of
// bench.TEIVolumeDocs.
func TestGenerateTEIVolumes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 1,001 documents")
	}
	dir := t.TempDir()
	_, paths, err := bench.GenerateTEI(dir, bench.GenOptions{Docs: bench.TEIVolumeDocs + 1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || filepath.Base(paths[1]) != "vol0002.xml" {
		t.Fatalf("volumes %v", paths)
	}
	for i, want := range []int{bench.TEIVolumeDocs, 1} {
		n, _, err := bench.DecodeOnly(paths[i : i+1])
		if err != nil || n != want {
			t.Errorf("%s: %d documents, %v; want %d", paths[i], n, err, want)
		}
	}
}

// BenchmarkGenerateTEI generates a volume of 1,000 documents; most of the
// time goes to setting the generator up (vocabularies, authorities) and to
// the manifest, as with Generate.
func BenchmarkGenerateTEI(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, _, err := bench.GenerateTEI(dir, bench.GenOptions{Docs: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeOnly(b *testing.B) {
	dir := b.TempDir()
	_, paths, err := bench.GenerateTEI(dir, bench.GenOptions{Docs: 1000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	info, _ := os.Stat(paths[0])
	b.SetBytes(info.Size())
	for b.Loop() {
		if n, _, err := bench.DecodeOnly(paths); err != nil || n != 1000 {
			b.Fatal(n, err)
		}
	}
}
