package tei

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/sample"
	"github.com/recto-archive/recto/sqlite"
)

// exportSampleDocuments loads the built-in sample collection into a real
// SQLite archive and returns every document read back in full.
func exportSampleDocuments(t testing.TB) []*recto.Document {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "recto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	all, _, err := db.FindDocuments(ctx, recto.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("the sample collection has no documents")
	}
	docs := make([]*recto.Document, len(all))
	for i, s := range all {
		if docs[i], err = db.FindDocumentByID(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

var exportTestOptions = WriteOptions{BaseURL: "https://archive.example.org/", Publisher: "Sample Archive"}

func exportString(t testing.TB, d *recto.Document, opts WriteOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteDocument(&b, d, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// xnode is a decoded XML element, for structural checks.
type xnode struct {
	name     xml.Name
	attrs    []xml.Attr
	children []*xnode
	text     strings.Builder
}

func (n *xnode) attr(space, local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// path returns the first descendant along local names in the TEI namespace.
func (n *xnode) path(names ...string) *xnode {
	cur := n
	for _, name := range names {
		var next *xnode
		for _, c := range cur.children {
			if c.name.Space == exportNamespace && c.name.Local == name {
				next = c
				break
			}
		}
		if next == nil {
			return nil
		}
		cur = next
	}
	return cur
}

func (n *xnode) walk(fn func(*xnode)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

// exportDecode decodes a whole document strictly, failing on any
// well-formedness error.
func exportDecode(data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xnode
	var stack []*xnode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name, attrs: tok.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("a second root element %s", tok.Name.Local)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(tok)
			} else if len(bytes.TrimSpace(tok)) > 0 {
				return nil, fmt.Errorf("text outside the root element")
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

const exportXMLNS = "http://www.w3.org/XML/1998/namespace"

// exportCheckMinimum checks the TEI minimum: root TEI in the TEI namespace;
// teiHeader/fileDesc with titleStmt/title, publicationStmt and sourceDesc;
// text/body with at least one div; every xml:lang a BCP 47 tag; xml:ids
// unique and every local pointer resolving.
func exportCheckMinimum(data []byte) error {
	root, err := exportDecode(data)
	if err != nil {
		return fmt.Errorf("not well-formed: %v", err)
	}
	if root.name.Space != exportNamespace || root.name.Local != "TEI" {
		return fmt.Errorf("root is {%s}%s, want {%s}TEI", root.name.Space, root.name.Local, exportNamespace)
	}
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(root.children) < 2 || root.children[0].name.Local != "teiHeader" {
		fail("teiHeader is not TEI's first child")
	}
	if last := root.children[len(root.children)-1]; last.name.Local != "text" {
		fail("text is not TEI's last child")
	}
	fileDesc := root.path("teiHeader", "fileDesc")
	if fileDesc == nil {
		return fmt.Errorf("no teiHeader/fileDesc")
	}
	var order []string
	for _, c := range fileDesc.children {
		order = append(order, c.name.Local)
	}
	if len(order) < 3 || order[0] != "titleStmt" || order[1] != "publicationStmt" || order[len(order)-1] != "sourceDesc" {
		fail("fileDesc holds %v, want titleStmt, publicationStmt … sourceDesc", order)
	}
	if title := root.path("teiHeader", "fileDesc", "titleStmt", "title"); title == nil || strings.TrimSpace(title.text.String()) == "" {
		fail("no titleStmt/title, or an empty one")
	}
	if pub := root.path("teiHeader", "fileDesc", "publicationStmt"); pub == nil || len(pub.children) == 0 {
		fail("empty publicationStmt")
	}
	if src := root.path("teiHeader", "fileDesc", "sourceDesc"); src == nil || len(src.children) == 0 {
		fail("empty sourceDesc")
	}
	body := root.path("text", "body")
	if body == nil {
		return fmt.Errorf("no text/body")
	}
	if len(body.children) == 0 || body.children[0].name.Local != "div" {
		fail("text/body has no div")
	}
	ids := map[string]bool{}
	var pointers []string
	root.walk(func(n *xnode) {
		if n.name.Space != exportNamespace {
			fail("element {%s}%s outside the TEI namespace", n.name.Space, n.name.Local)
		}
		if lang, ok := n.attr(exportXMLNS, "lang"); ok && !recto.ValidLanguageTag(lang) {
			fail("%s has xml:lang=%q", n.name.Local, lang)
		}
		if id, ok := n.attr(exportXMLNS, "id"); ok {
			if ids[id] {
				fail("xml:id %q twice", id)
			}
			ids[id] = true
		}
		for _, a := range []string{"ref", "resp", "corresp", "target", "scheme"} {
			if v, ok := n.attr("", a); ok {
				for _, p := range strings.Fields(v) {
					if strings.HasPrefix(p, "#") {
						pointers = append(pointers, p[1:])
					}
				}
			}
		}
	})
	for _, p := range pointers {
		if !ids[p] {
			fail("pointer #%s resolves to no xml:id", p)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// TestWriteSampleCollection exports every document of the sample collection,
// read back from a real archive, and checks the TEI minimum and that the
// output is byte for byte the same when written again.
func TestWriteSampleCollection(t *testing.T) {
	docs := exportSampleDocuments(t)
	for _, d := range docs {
		t.Run(fmt.Sprint(d.ID), func(t *testing.T) {
			for _, opts := range []WriteOptions{exportTestOptions, {}} {
				out := exportString(t, d, opts)
				if err := exportCheckMinimum([]byte(out)); err != nil {
					t.Errorf("document %d (%s), options %+v: %v", d.ID, d.Title, opts, err)
				}
				if again := exportString(t, d, opts); again != out {
					t.Errorf("document %d: a second export differs", d.ID)
				}
				if !strings.Contains(out, fmt.Sprintf(`<idno type="recto">%d</idno>`, d.ID)) {
					t.Errorf("document %d: no Record ID idno", d.ID)
				}
				if d.SourceID != "" && !strings.Contains(out, `<idno type="source">`) {
					t.Errorf("document %d: no source idno", d.ID)
				}
				if n := strings.Count(out, `<div type="translation"`) + strings.Count(out, `<div type="transcription"`); n != len(d.Texts) {
					t.Errorf("document %d: %d text divs for %d texts", d.ID, n, len(d.Texts))
				}
			}
		})
	}
}

// TestWriteSchemaValid validates every exported sample document against a
// TEI RELAX NG schema (tei_all.rng) named by $RECTO_TEI_RNG, with jing when it
// is installed and xmllint otherwise.
func TestWriteSchemaValid(t *testing.T) {
	rng := os.Getenv("RECTO_TEI_RNG")
	if rng == "" {
		t.Skip("set RECTO_TEI_RNG to a TEI RELAX NG schema (tei_all.rng) to validate the export against it")
	}
	if _, err := os.Stat(rng); err != nil {
		t.Fatalf("RECTO_TEI_RNG: %v", err)
	}
	var validate func(file string) *exec.Cmd
	if jing, err := exec.LookPath("jing"); err == nil {
		validate = func(file string) *exec.Cmd { return exec.Command(jing, rng, file) }
	} else if xmllint, err := exec.LookPath("xmllint"); err == nil {
		validate = func(file string) *exec.Cmd { return exec.Command(xmllint, "--noout", "--relaxng", rng, file) }
	} else {
		t.Skip("neither jing nor xmllint is installed (apt-get install jing, or libxml2-utils)")
	}
	dir := t.TempDir()
	docs := append(exportSampleDocuments(t), exportFullDocument())
	for _, d := range docs {
		file := filepath.Join(dir, fmt.Sprintf("recto-%d.xml", d.ID))
		if err := os.WriteFile(file, []byte(exportString(t, d, exportTestOptions)), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := validate(file).CombinedOutput(); err != nil {
			t.Errorf("document %d (%s) is not valid: %v\n%s", d.ID, d.Title, err, out)
		}
	}
}

// exportConvert converts a text body as WriteDocument does inside its div.
func exportConvert(md string) string {
	e := &wExporter{d: &recto.Document{}}
	e.x.out = &bytes.Buffer{}
	e.blocks(md, "t1-", true)
	return e.x.out.String()
}

func TestWriteMarkdown(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"paragraphs", "One\ntwo.\n\nThree & four < five > six.",
			"<p>One\ntwo.</p>\n<p>Three &amp; four &lt; five &gt; six.</p>\n"},
		{"emphasis", "*italic*, **bold**, ***both***, `code <x>`, ~~struck~~",
			`<p><hi rend="italic">italic</hi>, <hi rend="bold">bold</hi>, <hi rend="italic"><hi rend="bold">both</hi></hi>, <hi rend="code">code &lt;x&gt;</hi>, <del rend="strikethrough">struck</del></p>` + "\n"},
		{"escapes and entities", `\*not emphasis\* AT&amp;T &copy; &#8212; "quoted"`,
			`<p>*not emphasis* AT&amp;T © — &quot;quoted&quot;</p>` + "\n"},
		{"hard line breaks", "Moscow, Kremlin  \nTo Comrade Stalin\\\nSecret",
			"<p>Moscow, Kremlin<lb/>\nTo Comrade Stalin<lb/>\nSecret</p>\n"},
		{"footnote", "A pood[^1] of wheat.\n\n[^1]: A Russian unit of weight, *16.38 kg*.",
			`<p>A pood<note place="foot" n="1" xml:id="t1-fn1">A Russian unit of weight, <hi rend="italic">16.38 kg</hi>.</note> of wheat.</p>` + "\n"},
		{"footnote referenced twice", "A[^n] and B[^n].\n\n[^n]: Both.",
			`<p>A<note place="foot" n="1" xml:id="t1-fn1">Both.</note> and B<ptr target="#t1-fn1"/>.</p>` + "\n"},
		{"footnote of two paragraphs", "A[^1].\n\n[^1]: First.\n\n    Second.",
			`<p>A<note place="foot" n="1" xml:id="t1-fn1"><p>First.</p><p>Second.</p></note>.</p>` + "\n"},
		{"page marker mid-paragraph", "end of the page [[page p. 1002]] and the next",
			`<p>end of the page <pb n="1002"/> and the next</p>` + "\n"},
		{"page marker alone", "First page.\n\n[[page f. 71r]]\n\nSecond page.",
			"<p>First page.</p>\n<pb n=\"71r\"/>\n<p>Second page.</p>\n"},
		{"page marker without prefix", "[[page [VI]]]", "<pb n=\"[VI]\"/>\n"},
		{"not a page marker", "[[pages 3]] and [link](https://example.org/a?b=1&c=2)",
			`<p>[[pages 3]] and <ref target="https://example.org/a?b=1&amp;c=2">link</ref></p>` + "\n"},
		{"table", "| Direction | Caravans |\n|---|--:|\n| To Kulja | *12* |\n| To Almaty | 7 |",
			`<table rows="3" cols="2">
  <row role="label">
    <cell>Direction</cell>
    <cell>Caravans</cell>
  </row>
  <row>
    <cell>To Kulja</cell>
    <cell><hi rend="italic">12</hi></cell>
  </row>
  <row>
    <cell>To Almaty</cell>
    <cell>7</cell>
  </row>
</table>
`},
		{"headings", "Preamble.\n\n## Part one\n\nText one.\n\n### Section\n\nText two.\n\n## Part *two*\n\nText three.",
			`<p>Preamble.</p>
<div>
  <head>Part one</head>
  <p>Text one.</p>
  <div>
    <head>Section</head>
    <p>Text two.</p>
  </div>
</div>
<div>
  <head>Part <hi rend="italic">two</hi></head>
  <p>Text three.</p>
</div>
`},
		{"lists", "1. one\n2. two\n   - a\n   - b\n\n3) x\n\n- loose\n\n  second paragraph",
			`<list rend="numbered">
  <item>one</item>
  <item>two<list rend="bulleted"><item>a</item><item>b</item></list></item>
</list>
<list rend="numbered">
  <item n="3">x</item>
</list>
<list rend="bulleted">
  <item><p>loose</p><p>second paragraph</p></item>
</list>
`},
		{"quote, rule, code", "> Quoted.\n\n---\n\n```\na < b\n  c\n```",
			`<quote>
  <p>Quoted.</p>
</quote>
<milestone unit="section" rend="line"/>
<p rend="preformatted" xml:space="preserve">a &lt; b
  c</p>
`},
		{"raw HTML dropped, image", "Before <span>x</span> after ![A seal](/static/seal.png)",
			`<p>Before x after <graphic url="/static/seal.png"><desc>A seal</desc></graphic></p>` + "\n"},
		{"control characters", "bell\x07 and nul\x00 here",
			"<p>bell\uFFFD and nul\uFFFD here</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exportConvert(tt.md)
			if got != tt.want {
				t.Errorf("Markdown:\n%s\ngot:\n%s\nwant:\n%s", tt.md, got, tt.want)
			}
			if _, err := exportDecode([]byte("<div>" + got + "</div>")); err != nil {
				t.Errorf("not well-formed: %v", err)
			}
		})
	}
}

func TestWriteDates(t *testing.T) {
	tests := []struct{ edtf, want string }{
		{"1945-04-22", `<date when="1945-04-22">April 22, 1945</date>`},
		{"1934-06", `<date when="1934-06">June 1934</date>`},
		{"1936", `<date when="1936">1936</date>`},
		{"1945-04-06T10:00:00+07:00", `<date when="1945-04-06T10:00:00+07:00">April 6, 1945, 10:00:00 UTC+07:00</date>`},
		{"1950~", `<date when="1950" cert="medium">c. 1950</date>`},
		{"1945-04?", `<date when="1945-04" cert="low">April 1945?</date>`},
		{"1945-04/1945-06", `<date notBefore="1945-04" notAfter="1945-06">April–June 1945</date>`},
		{"1944-12-20/1945-01-05", `<date notBefore="1944-12-20" notAfter="1945-01-05">December 20, 1944–January 5, 1945</date>`},
		{"1944~/1946", `<date notBefore="1944-01-01" notAfter="1946" cert="medium">c. 1944–1946</date>`},
		{"../1945", `<date notAfter="1945">until 1945</date>`},
		{"194X", `<date notBefore="1940-01-01" notAfter="1949-12-31">1940s</date>`},
		{"1945-21", `<date notBefore="1945-03-01" notAfter="1945-05-31">Spring 1945</date>`},
		{"-0044", `<date>45 BCE</date>`},
	}
	for _, tt := range tests {
		e := &wExporter{d: &recto.Document{}}
		e.x.out = &bytes.Buffer{}
		e.inlineDate(edtf.MustParse(tt.edtf), "")
		if got := e.x.out.String(); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.edtf, got, tt.want)
		}
	}
}

// exportFullDocument is a document with every field set, its authorities
// resolved as the store returns them.
func exportFullDocument() *recto.Document {
	when := time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)
	author := &recto.Agent{ID: 1, Kind: recto.Person, Name: `Alihan "Tore"`, Dates: edtf.MustParse("1885/1976"),
		Variants:    []recto.Name{{Name: "Алихан Тура", Lang: "ru"}},
		Identifiers: []recto.Identifier{{Scheme: "viaf", Value: "12345"}}, Bio: "Leader of the *Ili* rising."}
	recipient := &recto.Agent{ID: 2, Kind: recto.Person, Name: "I. V. Stalin"}
	translator := &recto.Agent{ID: 3, Kind: recto.Person, Name: "Gary Goldberg"}
	obtainer := &recto.Agent{ID: 4, Kind: recto.Person, Name: "Jamil Hasanli"}
	funder := &recto.Agent{ID: 5, Kind: recto.Organisation, Name: "Fund & Co.", Identifiers: []recto.Identifier{{Scheme: "ror", Value: "0abc"}},
		Bio: "A fund."}
	moscow := &recto.Place{ID: 7, Name: "Moscow"}
	yining := &recto.Place{ID: 8, Name: "Yining", Variants: []recto.Name{{Name: "伊宁", Lang: "zh-Hans"}},
		Coordinates: &recto.Coordinates{Latitude: 43.9, Longitude: 81.3}}
	return &recto.Document{
		ID: 42, SourceID: "frus1945v07/d721", Title: "Letter from Alihan Tore to Marshal Stalin",
		Summary: "A *plea* for help.", Type: "letter", Date: edtf.MustParse("1945-04-22"),
		DateAsWritten: "22 April 1945 (in the Hijri calendar …)", Languages: []string{"ru"},
		WrittenAt: "Ghulja [Yining]", WrittenOn: "22 April 1945", Signature: "Alihan Tore", Authentication: "Authenticated by: V. Popova",
		Texts: []recto.Text{
			{ID: 1, Kind: recto.Translation, Lang: "en", Method: recto.HumanTranslation, TranslatedFrom: "ru",
				Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: translator}}, Notes: "Translated from a copy.",
				Body: "To Comrade Stalin[^1].\n\n[[page l. 352]]\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[^1]: Sic."},
			{ID: 2, Kind: recto.Transcript, Lang: "ru", Body: "Товарищу Сталину[^1].\n\n[^1]: Так."},
		},
		Sources: []recto.Source{
			{Repository: &recto.Repository{ID: 1, ShortName: "GARF", Name: "State Archive of the Russian Federation", Place: moscow},
				Parts: []recto.RefPart{{Type: "fond", Label: "Fond", Value: "R-9401ss"}, {Type: "folios", Label: "ll.", Value: "352-359"}},
				Note:  "Copy."},
			{Citation: "Hasanli, Soviet Policy, p. 12"},
		},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: author}, {Role: recto.RoleRecipient, Agent: recipient},
			{Role: recto.RoleObtainedBy, Agent: obtainer}, {Role: recto.RoleFunder, Agent: funder}},
		Places:         []*recto.Place{yining},
		Subjects:       []*recto.Subject{{ID: 9, Heading: "China--Foreign relations--Soviet Union"}},
		Collections:    []*recto.Collection{{ID: 3, Title: "Xinjiang"}},
		Classification: recto.Classification{Level: "Top Secret", DeclassifiedOn: edtf.MustParse("1995"), DeclassifiedBy: "FSB"},
		Rights:         recto.Rights{Statement: "Public domain.", URI: "https://creativecommons.org/publicdomain/mark/1.0/"},
		Media:          []recto.Media{{URL: "/media/42/1.jpg", MediaType: "image/jpeg", Label: "Page 1"}},
		Relations:      []recto.Relation{{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 43, Title: "Enclosure"}}},
		Inverse:        []recto.Relation{{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 41, Title: "Cover letter"}}},
		Status:         recto.StatusPublished, CreatedAt: when, UpdatedAt: when, PublishedAt: when,
		FormerPaths:      []string{"/document/119185", "/node/4521"},
		OriginalUploaded: time.Date(2011, 11, 2, 9, 30, 0, 0, time.UTC),
		OriginalCreated:  time.Date(2011, 10, 28, 16, 5, 0, 0, time.UTC),
	}
}

// TestWriteDocumentFields checks where a document's fields go.
func TestWriteDocumentFields(t *testing.T) {
	out := exportString(t, exportFullDocument(), exportTestOptions)
	if err := exportCheckMinimum([]byte(out)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="recto-42" xml:lang="en">`,
		`<title>Letter from Alihan Tore to Marshal Stalin</title>`,
		`<author ref="#agent1">Alihan "Tore"</author>`,
		`<funder ref="#agent5">Fund &amp; Co.</funder>`,
		"<respStmt>\n          <resp>Obtained by</resp>\n          <persName ref=\"#agent4\">Jamil Hasanli</persName>",
		"<resp>Translation into English from Russian</resp>\n          <persName ref=\"#agent3\">Gary Goldberg</persName>",
		`<publisher>Sample Archive</publisher>`,
		`<idno type="recto">42</idno>`,
		`<idno type="source">frus1945v07/d721</idno>`,
		`<idno type="URI">https://archive.example.org/documents/42</idno>`,
		`<idno type="former-path">/document/119185</idno>`, `<idno type="former-path">/node/4521</idno>`,
		`<licence target="https://creativecommons.org/publicdomain/mark/1.0/">Public domain.</licence>`,
		`<date when="2024-05-01">2024-05-01</date>`,
		`<note type="classification">Top Secret</note>`,
		`<note type="declassification">Declassified on <date when="1995">1995</date> by FSB.</note>`,
		`<note type="authentication">Authenticated by: V. Popova</note>`,
		`<relatedItem type="enclosed-in">`,
		`<idno type="URI">https://archive.example.org/documents/41</idno>`,
		"<msDesc xml:id=\"source1\">\n          <msIdentifier>\n            <settlement>Moscow</settlement>\n            <repository>State Archive of the Russian Federation</repository>\n            <idno type=\"fond\">R-9401ss</idno>\n            <idno type=\"folios\">352-359</idno>",
		`<bibl type="citation" corresp="#source1">GARF, Fond R-9401ss, ll. 352-359<note>Copy.</note></bibl>`,
		`<bibl type="citation">Hasanli, Soviet Policy, p. 12</bibl>`,
		`<abstract>`, `<p>A <hi rend="italic">plea</hi> for help.</p>`,
		`<language ident="ru">Russian</language>`,
		`<classCode scheme="#recto-genres">letter</classCode>`,
		`<term ref="https://archive.example.org/subjects/9">China--Foreign relations--Soviet Union</term>`,
		"<correspAction type=\"sent\">\n          <persName ref=\"#agent1\">Alihan \"Tore\"</persName>\n          <placeName>Ghulja [Yining]</placeName>\n          <date when=\"1945-04-22\">April 22, 1945</date>\n          <date type=\"dateline\">22 April 1945</date>\n          <date type=\"as-written\">22 April 1945 (in the Hijri calendar …)</date>",
		"<correspAction type=\"received\">\n          <persName ref=\"#agent2\">I. V. Stalin</persName>",
		`<person xml:id="agent1" role="author">`,
		`<persName type="variant" xml:lang="ru">Алихан Тура</persName>`,
		`<birth when="1885"/>`, `<death when="1976"/>`,
		`<note>Leader of the <hi rend="italic">Ili</hi> rising.</note>`,
		`<idno type="viaf">12345</idno>`,
		"<org xml:id=\"agent5\" role=\"funder\">\n            <orgName>Fund &amp; Co.</orgName>\n            <idno type=\"URI\">https://archive.example.org/people/5</idno>\n            <idno type=\"ror\">0abc</idno>\n            <note>A fund.</note>",
		`<place xml:id="place8">`, `<geo>43.9 81.3</geo>`,
		`<revisionDesc status="published">`,
		`<change when="2011-10-28T16:05:00Z">Created in the former system</change>`,
		`<change when="2011-11-02T09:30:00Z">Original Uploaded Date: first published by the former system</change>`,
		`<change when="2024-05-01T12:30:00Z">First published</change>`,
		`<graphic url="https://archive.example.org/media/42/1.jpg" mimeType="image/jpeg">`,
		`<div type="translation" xml:id="text1" xml:lang="en" subtype="human" resp="#agent3">`,
		`<note type="editorial">Translated from a copy.</note>`,
		`<p>To Comrade Stalin<note place="foot" n="1" xml:id="text1-fn1">Sic.</note>.</p>`,
		`<pb n="l. 352"/>`,
		`<row role="label">`,
		`<div type="transcription" xml:id="text2" xml:lang="ru">`,
		`<note place="foot" n="1" xml:id="text2-fn1">Так.</note>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks\n%s", want)
		}
	}
	if t.Failed() {
		t.Logf("export:\n%s", out)
	}
}

// TestWriteEscaping checks that markup and characters XML cannot hold in any
// field come out escaped or replaced, and the file stays well-formed.
func TestWriteEscaping(t *testing.T) {
	nasty := "a & b < c > d \" e ' f ]]> g \x01 h \uFFFE i \xff j \r\n k\t"
	d := &recto.Document{ID: 1, Title: nasty, Summary: nasty, Type: nasty, WrittenAt: nasty, Signature: nasty,
		SourceID: nasty, Status: recto.StatusDraft, Languages: []string{"en"},
		Texts:   []recto.Text{{Kind: recto.Transcript, Lang: "en", Body: nasty + "\n\n| " + nasty + " |\n|--|\n| x |"}},
		Sources: []recto.Source{{Repository: &recto.Repository{ID: 1, Name: nasty}, Parts: []recto.RefPart{{Type: "a b", Label: nasty, Value: nasty}}}},
		Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: &recto.Agent{ID: 1, Kind: recto.Person, Name: nasty,
			Identifiers: []recto.Identifier{{Scheme: "x y", Value: nasty}}}}},
		Rights: recto.Rights{URI: "https://example.org/?a=1&b=\"2\""},
		Media:  []recto.Media{{URL: "/m?a=1&b=2", MediaType: "image/png"}},
	}
	out := exportString(t, d, WriteOptions{BaseURL: "https://e.org/a?x=1&y=2", Publisher: nasty})
	if err := exportCheckMinimum([]byte(out)); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	root, _ := exportDecode([]byte(out))
	title := root.path("teiHeader", "fileDesc", "titleStmt", "title").text.String()
	if want := "a & b < c > d \" e ' f ]]> g \uFFFD h \uFFFD i \uFFFD j \r\n k\t"; title != want {
		t.Errorf("title read back as %q, want %q", title, want)
	}
	if !strings.Contains(out, `<idno type="a-b">`) {
		t.Errorf("a reference part type with a space is not made a token")
	}
}

func TestWriteNoTextsNoSources(t *testing.T) {
	d := &recto.Document{ID: 7, Title: "Undated fragment", Status: recto.StatusDraft}
	out := exportString(t, d, WriteOptions{})
	if err := exportCheckMinimum([]byte(out)); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{`<publisher>Recto</publisher>`, `<p>No source of the original is recorded.</p>`,
		`<div type="notice">`, `<change>Status: draft</change>`} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
}

// BenchmarkWriteDocument exports the sample collection's longest document
// and a document with every field.
func BenchmarkWriteDocument(b *testing.B) {
	docs := exportSampleDocuments(b)
	longest := docs[0]
	for _, d := range docs {
		if exportTextSize(d) > exportTextSize(longest) {
			longest = d
		}
	}
	for _, bc := range []struct {
		name string
		d    *recto.Document
	}{{"sample-longest", longest}, {"full", exportFullDocument()}} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := WriteDocument(&buf, bc.d, exportTestOptions); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}
