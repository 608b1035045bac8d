package bench

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto/corpus"
	"github.com/recto-archive/recto/edtf"
)

// The TEI corpus: the synthetic documents of Generate, written as volumes in
// the current encoding of Foreign Relations of the United States (FRUS), so
// that the FRUS reader imports them and its speed can be measured.
const (
	// TEIVolumeDocs is the number of documents in each volume file.
	TEIVolumeDocs = 1000
	// teiChapterDocs is the number of documents in each chapter of a volume.
	teiChapterDocs = 100
	// teiPageChars is about how many characters of text fill a printed page;
	// a page break falls between two words once a page is full, mostly in
	// the middle of a paragraph.
	teiPageChars = 3000
)

// TEIVolumeFile returns the file name of volume v (1-based): vol0001.xml.
func TEIVolumeFile(v int) string { return fmt.Sprintf("vol%04d.xml", v) }

// GenerateTEI writes the documents Generate writes for the same options, in
// the same order and with the same text, as FRUS-like TEI volumes of
// TEIVolumeDocs documents (vol0001.xml, vol0002.xml …) in dir, and the same
// manifest as Generate. It returns the manifest and the volume files' paths.
//
// Each volume has a persons glossary of the people its documents credit (in
// front matter, div xml:id="persons"), and chapters of 100 documents. A
// document is a div type="document" with frus:doc-dateTime-min/max (none for
// an undated one); a head naming sender and recipient with
// persName type="from"/"to" and @corresp into the glossary; a source note
// with a decimal file number, ": Telegram" for telegrams and the
// classification when there is one; a dateline with the place and, for a
// document dated to a day or a month, a date with @when (some telegrams with
// a time and a time zone); the English text's paragraphs, a word in italics
// now and then, a footnote now and then (numbers run on through the volume,
// as in FRUS 1945) and page breaks where pages fill, mostly mid-paragraph; a
// paragraph naming the people associated with it; and a signature. Only the
// English text is written: documents whose original is in another language
// have their English translation as the text, and the original's transcript
// is left out, as FRUS prints translations only.
//
// The markup choices come from a random source of their own, so the
// documents are those of Generate whatever the markup; the output depends on
// the options alone.
func GenerateTEI(dir string, opts GenOptions) (*Manifest, []string, error) {
	if opts.Docs < 1 {
		return nil, nil, fmt.Errorf("bench: --docs must be at least 1")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	g := newGenerator(opts)
	t := newTEIWriter(g, opts.Seed)
	var paths []string
	docs := make([]*corpus.Document, 0, TEIVolumeDocs)
	for start, vol := 0, 1; start < opts.Docs; start, vol = start+TEIVolumeDocs, vol+1 {
		docs = docs[:0]
		for i := start; i < min(start+TEIVolumeDocs, opts.Docs); i++ {
			docs = append(docs, g.document(i))
			if opts.Progress != nil && (i+1)%10_000 == 0 {
				opts.Progress(i + 1)
			}
		}
		path := filepath.Join(dir, TEIVolumeFile(vol))
		if err := t.writeVolumeFile(path, vol, docs); err != nil {
			return nil, nil, fmt.Errorf("bench: %w", err)
		}
		paths = append(paths, path)
	}
	m := g.manifest(opts)
	data, err := json.MarshalIndent(m, "", " ")
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, ManifestFile), data, 0o644)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("bench: %w", err)
	}
	return m, paths, nil
}

// TEIFiles returns the volume files of a TEI corpus directory, in order.
func TEIFiles(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "vol[0-9]*.xml"))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	slices.Sort(paths) // vol0001 … vol9999 sort as numbers; more volumes than that have longer names
	slices.SortStableFunc(paths, func(a, b string) int { return len(a) - len(b) })
	return paths, nil
}

// DecodeOnly tokenises every file completely with encoding/xml, as an
// importer must at the least, and counts the document divisions
// (div[@type='document'] in any namespace) and the bytes read. It is the
// baseline the TEI import is measured against.
func DecodeOnly(paths []string) (docs int, bytes int64, err error) {
	for _, path := range paths {
		n, size, err := decodeFile(path)
		docs += n
		bytes += size
		if err != nil {
			return docs, bytes, err
		}
	}
	return docs, bytes, nil
}

func decodeFile(path string) (docs int, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	cr := &CountingReader{R: f}
	dec := xml.NewDecoder(bufio.NewReaderSize(cr, 256<<10))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return docs, cr.N, nil
		}
		if err != nil {
			return docs, cr.N, fmt.Errorf("bench: %s: %w", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "div" {
			for _, a := range se.Attr {
				if a.Name.Space == "" && a.Name.Local == "type" && a.Value == "document" {
					docs++
					break
				}
			}
		}
	}
}

// CountingReader reads from R and counts the bytes read in N.
type CountingReader struct {
	R io.Reader
	N int64
}

func (c *CountingReader) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	return n, err
}

// teiWriter writes volumes. Its random source chooses markup only.
type teiWriter struct {
	g        *generator
	r        *rand.Rand
	people   map[string]int    // person key → index in g.people
	places   map[string]string // place key → name
	w        *bufio.Writer
	page     int // printed page number, running through the volume
	facs     int // scan number
	filled   int // characters on the current page
	footnote int // footnote number, running through the volume
}

func newTEIWriter(g *generator, seed uint64) *teiWriter {
	t := &teiWriter{g: g, r: rand.New(rand.NewPCG(seed^0x7e1, seed+0x7e1)), people: map[string]int{}, places: map[string]string{}}
	for i, p := range g.people {
		t.people[p.Key] = i
	}
	for _, p := range g.places {
		t.places[p.Key] = p.Name
	}
	return t
}

func (t *teiWriter) writeVolumeFile(path string, vol int, docs []*corpus.Document) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	t.w = bufio.NewWriterSize(f, 1<<20)
	t.writeVolume(vol, docs)
	if err := t.w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func (t *teiWriter) s(s string) { t.w.WriteString(s) }

// text writes s escaped for XML text and attribute values in double quotes.
func (t *teiWriter) text(s string) {
	if !strings.ContainsAny(s, `&<>"`) {
		t.w.WriteString(s)
		return
	}
	xml.EscapeText(t.w, []byte(s))
}

// personID is the glossary id of person i: "p_" and the initials, family
// name first, and a number, as FRUS ids are made (p_BND1).
func (t *teiWriter) personID(i int) string {
	given, family := splitName(t.g.people[i].Name)
	id := "p_"
	if family != "" {
		id += family[:1]
	}
	if given != "" {
		id += given[:1]
	}
	return id + strconv.Itoa(i+1)
}

// splitName splits "Given Family" into its given and family names.
func splitName(name string) (given, family string) {
	given, family, ok := strings.Cut(name, " ")
	if !ok {
		return "", name
	}
	return given, family
}

var teiOffices = []string{"Consul at", "Minister in", "Chargé d’Affaires in", "Ambassador in", "Governor of",
	"Commissioner for Foreign Affairs at", "Military attaché in", "Counselor of Embassy in", "Trade agent at"}

var teiMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// teiZones are the time zones telegrams are dated in.
var teiZones = []string{"+07:00", "+08:00", "+03:00", "+01:00", "-05:00", "+05:00"}

func (t *teiWriter) writeVolume(vol int, docs []*corpus.Document) {
	id := fmt.Sprintf("vol%04d", vol)
	t.page, t.facs, t.filled, t.footnote = 1, 10, 0, 0
	first, last := docs[0].Key, docs[len(docs)-1].Key
	t.s(`<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="` + id + `">
    <teiHeader>
        <fileDesc>
            <titleStmt>
                <title type="complete">Synthetic Foreign Relations, Volume ` + strconv.Itoa(vol) + `, Documents ` + first + `–` + last + `</title>
                <title type="series">Synthetic Foreign Relations</title>
                <title type="sub-series"/>
                <title type="volume-number">Volume ` + strconv.Itoa(vol) + `</title>
                <title type="volume">Documents ` + first + `–` + last + `</title>
            </titleStmt>
            <publicationStmt>
                <publisher>Recto benchmark</publisher>
                <pubPlace>Nowhere</pubPlace>
                <availability>
                    <p>Synthetic text made for measuring Recto; none of it is a historical source or means anything.</p>
                    <licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</licence>
                </availability>
                <idno type="frus">` + id + `</idno>
            </publicationStmt>
            <sourceDesc>
                <p>Generated by recto bench gen --format tei.</p>
            </sourceDesc>
        </fileDesc>
    </teiHeader>
    <text>
        <front>
`)
	t.pageBreak("            ")
	t.glossary(docs)
	t.s("        </front>\n        <body>\n")
	for i, d := range docs {
		if i%teiChapterDocs == 0 {
			if i > 0 {
				t.s("            </div>\n")
			}
			ch := strconv.Itoa(i/teiChapterDocs + 1)
			t.s(`            <div type="chapter" xml:id="ch` + ch + `">` + "\n" + `                <head>`)
			t.text(capitalise(pick(t.r, t.g.en.phrases)))
			t.s("</head>\n")
		}
		t.document(i+1, d)
	}
	t.s("            </div>\n        </body>\n    </text>\n</TEI>\n")
}

// glossary writes the persons glossary: everyone the volume's documents
// credit, in the generator's order.
func (t *teiWriter) glossary(docs []*corpus.Document) {
	var people []int
	seen := map[int]bool{}
	for _, d := range docs {
		for _, c := range d.Credits {
			if i, ok := t.people[c.Agent]; ok && !seen[i] {
				seen[i] = true
				people = append(people, i)
			}
		}
	}
	slices.Sort(people)
	t.s(`            <div type="section" xml:id="persons" subtype="index">
                <head>Persons</head>
                <list type="names">
`)
	for _, i := range people {
		given, family := splitName(t.g.people[i].Name)
		t.s(`                    <item><persName xml:id="` + t.personID(i) + `"><hi rend="strong">`)
		t.text(family)
		if given != "" {
			t.s(", ")
			t.text(given)
		}
		t.s("</hi></persName>, ")
		t.text(pick(t.r, teiOffices) + " " + t.g.places[t.g.leafPlaces[t.r.IntN(len(t.g.leafPlaces))]].Name)
		t.s(".</item>\n")
	}
	t.s("                </list>\n            </div>\n")
}

// pageBreak writes a page break on a line of its own.
func (t *teiWriter) pageBreak(indent string) {
	t.s(indent)
	t.inlinePageBreak()
	t.s("\n")
}

func (t *teiWriter) inlinePageBreak() {
	n := strconv.Itoa(t.page)
	t.s(`<pb n="` + n + `" xml:id="pg_` + n + `" facs="` + fmt.Sprintf("%04d", t.facs) + `"/>`)
	t.page++
	t.facs++
	t.filled = 0
}

// teiDate is how a document's date is written: the dateline date, if any,
// and the editors' normalised range.
type teiDate struct {
	when, display string // dateline date; empty for none
	min, max      string // frus:doc-dateTime-min/max; empty for an undated document
}

const teiRangeZone = "-05:00" // FRUS normalises to US Eastern time

func (t *teiWriter) date(d *corpus.Document) teiDate {
	var td teiDate
	if d.Date == "" {
		return td
	}
	date, err := edtf.Parse(d.Date)
	if err != nil {
		return td
	}
	first, ok1 := date.Earliest()
	last, ok2 := date.Latest()
	if ok1 {
		td.min = first.String() + "T00:00:00" + teiRangeZone
	}
	if ok2 {
		td.max = last.String() + "T23:59:59" + teiRangeZone
	}
	switch len(d.Date) {
	case len("1945-04-06"):
		y, m, day := first.Date()
		td.when, td.display = d.Date, fmt.Sprintf("%s %d, %d", teiMonths[m-1], day, y)
		if (d.Type == "telegram" || d.Type == "cable") && t.r.IntN(2) == 0 {
			hour, zone := 1+t.r.IntN(23), pick(t.r, teiZones)
			td.when += fmt.Sprintf("T%02d:00:00%s", hour, zone)
			ampm := "a.m."
			switch {
			case hour == 12:
				ampm = "noon"
			case hour > 12:
				ampm = "p.m."
			}
			h12 := hour
			if hour > 12 {
				h12 -= 12
			}
			if ampm == "noon" {
				td.display += "—noon"
			} else {
				td.display += fmt.Sprintf("—%d %s", h12, ampm)
			}
			if at, err := time.Parse(time.RFC3339, td.when); err == nil {
				eastern := at.In(time.FixedZone("", -5*3600)).Format("2006-01-02T15:04:05") + teiRangeZone
				td.min, td.max = eastern, eastern
			}
		}
	case len("1945-04"):
		y, m, _ := first.Date()
		td.when, td.display = d.Date, fmt.Sprintf("%s %d", teiMonths[m-1], y)
	}
	return td
}

func (t *teiWriter) personName(key string) (id, name string, ok bool) {
	i, ok := t.people[key]
	if !ok {
		return "", "", false
	}
	return t.personID(i), t.g.people[i].Name, true
}

// document writes document number n of the volume.
func (t *teiWriter) document(n int, d *corpus.Document) {
	ns := strconv.Itoa(n)
	td := t.date(d)
	t.s(`                <div type="document" xml:id="d` + ns + `" n="` + ns + `" subtype="historical-document"`)
	if td.min != "" {
		t.s(` frus:doc-dateTime-min="` + td.min + `"`)
	}
	if td.max != "" {
		t.s(` frus:doc-dateTime-max="` + td.max + `"`)
	}
	t.s(">\n")

	note := fmt.Sprintf("%d.%02d/%d", 700+t.r.IntN(200), t.r.IntN(100), 1+t.r.IntN(9999))
	if d.Type == "telegram" || d.Type == "cable" {
		note += ": Telegram"
	}
	if d.Classification.Level != "" {
		note += ". " + d.Classification.Level
	}
	t.s(`                    <note rend="inline" type="source">`)
	t.text(note)
	t.s("</note>\n")

	t.head(d)

	t.s("                    <opener>\n                        <dateline>")
	if len(d.Places) > 0 {
		t.s("<placeName>")
		t.text(t.places[d.Places[0]])
		t.s("</placeName>")
		if td.when != "" {
			t.s(", ")
		}
	}
	if td.when != "" {
		t.s(`<date calendar="gregorian" when="` + td.when + `">`)
		t.text(td.display)
		t.s("</date>")
	}
	t.s("</dateline>\n                    </opener>\n")

	var body string
	if len(d.Texts) > 0 {
		body = d.Texts[0].Body // English: the transcript of an English original, or the translation
	}
	for _, para := range strings.Split(body, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			t.paragraph(n, para)
		}
	}
	var associated []string
	for _, c := range d.Credits {
		if c.Role == "associated" {
			associated = append(associated, c.Agent)
		}
	}
	if len(associated) > 0 {
		t.s("                    <p>Copies to ")
		for i, key := range associated {
			if i > 0 {
				t.s(" and ")
			}
			if id, name, ok := t.personName(key); ok {
				t.s(`<persName corresp="#` + id + `">`)
				t.text(name)
				t.s("</persName>")
			}
		}
		t.s(".</p>\n")
	}
	t.s("                    <closer>\n                        <signed>\n                            <hi rend=\"smallcaps\">")
	for _, c := range d.Credits {
		if c.Role == "author" {
			if _, name, ok := t.personName(c.Agent); ok {
				_, family := splitName(name)
				t.text(family)
			}
			break
		}
	}
	t.s("</hi>\n                        </signed>\n                    </closer>\n                </div>\n")
}

// head writes the document's head: "Letter from A to B on …", the sender
// and recipient marked, as FRUS marks them.
func (t *teiWriter) head(d *corpus.Document) {
	var from, to string
	for _, c := range d.Credits {
		switch {
		case c.Role == "author" && from == "":
			from = c.Agent
		case c.Role == "recipient" && to == "":
			to = c.Agent
		}
	}
	fromID, fromName, ok1 := t.personName(from)
	toID, toName, ok2 := t.personName(to)
	prefix := capitalise(d.Type) + " from " + fromName + " to " + toName + " on "
	topic, ok3 := strings.CutPrefix(d.Title, prefix)
	t.s("                    <head>\n                        ")
	if !ok1 || !ok2 || !ok3 {
		t.text(d.Title)
		t.s("\n                    </head>\n")
		return
	}
	t.s(`<hi rend="italic">`)
	t.text(capitalise(d.Type) + " from")
	t.s(`</hi> <persName type="from" corresp="#` + fromID + `">`)
	t.text(fromName)
	t.s(`</persName> <hi rend="italic">to</hi>` + "\n                        " + `<persName type="to" corresp="#` + toID + `">`)
	t.text(toName)
	t.s(`</persName> <hi rend="italic">on `)
	t.text(topic)
	t.s("</hi>\n                    </head>\n")
}

// paragraph writes one paragraph of document n, wrapped as FRUS files are,
// with an italic word, a footnote and page breaks now and then.
func (t *teiWriter) paragraph(n int, para string) {
	const indent = "\n                        "
	words := strings.Split(para, " ")
	italic, footnote := -1, -1
	if t.r.IntN(5) == 0 {
		italic = t.r.IntN(len(words))
	}
	if t.r.IntN(8) == 0 {
		footnote = t.r.IntN(len(words))
	}
	t.s("                    <p>")
	col := 0
	for i, w := range words {
		if i > 0 {
			if col > 80 {
				t.s(indent)
				col = 0
			} else {
				t.s(" ")
				col++
			}
		}
		if t.filled >= teiPageChars {
			t.inlinePageBreak()
			t.s(" ")
		}
		if i == italic {
			t.s(`<hi rend="italic">`)
			t.text(w)
			t.s("</hi>")
		} else {
			t.text(w)
		}
		col += len(w)
		t.filled += len(w) + 1
		if i == footnote {
			t.footnote++
			fn := strconv.Itoa(t.footnote)
			t.s(`<note n="` + fn + `" xml:id="d` + strconv.Itoa(n) + "fn" + fn + `">`)
			if n > 1 && t.r.IntN(2) == 0 {
				m := strconv.Itoa(1 + t.r.IntN(n-1))
				t.s(`See <ref target="#d` + m + `">Document ` + m + `</ref>.`)
			} else {
				t.s("Not printed.")
			}
			t.s("</note>")
		}
	}
	t.s("</p>\n")
}
