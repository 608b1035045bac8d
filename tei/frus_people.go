package tei

import (
	"bufio"
	_ "embed"
	"regexp"
	"strings"
	"unicode"

	"github.com/recto-archive/recto/corpus"
)

// This file reads who wrote a FRUS document, to whom, and where, from what
// the volume prints rather than from links the editors encoded: the
// document's heading and its dateline's place.

// headSerial is the serial number old volumes print before the heading
// ("No. 27. Mr. Baker to Mr. Gresham.").
var headSerial = regexp.MustCompile(`^No\.\s*\d+\.\s*`)

// headParty matches one side of a heading the way FRUS prints it:
// an office with the holder's surname in parentheses ("The Ambassador in
// China (Hurley)"), "Mr." and a name, then perhaps the office
// ("Mr. Everett F. Drumright of the Division of Chinese Affairs"), or an
// office alone ("the Secretary of State").
var (
	headOfficeName = regexp.MustCompile(`^[Tt]he [^()]+ \(([^()]+)\)$`)
	headMister     = regexp.MustCompile(`^Mr\. ((?:\p{Lu}(?:[\p{L}'’-]+|\.) ){0,3}\p{Lu}[\p{L}'’-]+)(?:,? of [^()]+)?$`)
	headOffice     = regexp.MustCompile(`^[Tt]he [^()]+$`)
	// personName is a name of up to four words, each capitalised or a
	// particle ("Macchi di Cellere"): not "Able and Baker".
	personName = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|de|di|da|del|van|von|la|le)){0,3}$`)
)

// headParty reads one side of a heading: ok when it is a form FRUS uses,
// with the person's name when it names one. An office alone is not
// credited: "the Secretary of State" is a different person from volume to
// volume, and an agent for the office would merge them.
func headParty(s string) (name string, ok bool) {
	if m := headOfficeName.FindStringSubmatch(s); m != nil {
		name = strings.TrimSpace(m[1])
		return name, personName.MatchString(name)
	}
	if m := headMister.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", headOffice.MatchString(s)
}

// headParties reads a heading as "X to Y", "Memorandum by X" or
// "Memorandum by X to Y" and returns the sender's and recipient's names
// ("" when a side is an office alone or absent). It is conservative: every
// side must be a form headParty knows, and a heading that splits at "to" in
// more than one way that does ("The Commissioner to China to …") names
// nobody.
func headParties(title string) (from, to string) {
	s := strings.TrimSuffix(strings.TrimSpace(headSerial.ReplaceAllString(title, "")), ".")
	s, memo := strings.CutPrefix(s, "Memorandum by ")
	found := 0
	for i := 0; ; {
		j := strings.Index(s[i:], " to ")
		if j < 0 {
			break
		}
		at := i + j
		a, okA := headParty(s[:at])
		b, okB := headParty(s[at+len(" to "):])
		if okA && okB {
			from, to = a, b
			found++
		}
		i = at + 1
	}
	if found > 1 {
		return "", ""
	}
	if found == 0 && memo {
		from, _ = headParty(s)
	}
	return from, to
}

// headCredits credits the sender and recipient that the heading names,
// for a role the persons list's links have not credited already. A name
// that is the surname of exactly one person of the volume's persons list is
// that person; any other is an agent of that name, shared with every
// document and volume that prints it.
func (f *frusReader) headCredits(div *node, title string, credits []corpus.Credit) ([]corpus.Credit, error) {
	from, to := headParties(title)
	for _, side := range []struct{ role, name string }{{"author", from}, {"recipient", to}} {
		if side.name == "" || hasRole(credits, side.role) {
			continue
		}
		key, err := f.person(side.name, div)
		if err != nil {
			return nil, err
		}
		credits = append(credits, corpus.Credit{Role: side.role, Agent: key})
	}
	return credits, nil
}

func hasRole(credits []corpus.Credit, role string) bool {
	for _, c := range credits {
		if c.Role == role {
			return true
		}
	}
	return false
}

// person returns the key of the agent named name, emitting it on first use.
func (f *frusReader) person(name string, at *node) (string, error) {
	if key := f.surnames[name]; key != "" {
		return key, nil
	}
	key := "frus-name:" + name
	if f.agents[key] {
		return key, nil
	}
	f.agents[key] = true
	return key, f.add(corpus.Line{Agent: &corpus.Agent{Key: key, Kind: "person", Name: name}}, at)
}

// noteSurname remembers the surname of a persons list entry ("Baker,
// Newton D." is Baker) so that headings can name it; a surname two entries
// share names neither.
func (f *frusReader) noteSurname(name, key string) {
	surname, _, ok := strings.Cut(name, ",")
	if !ok {
		return
	}
	if _, dup := f.surnames[surname]; dup {
		f.surnames[surname] = ""
		return
	}
	f.surnames[surname] = key
}

// readEditors emits the volume's editors (titleStmt/editor) and returns their
// keys, credited as editors on every document of the volume.
func (f *frusReader) readEditors(root *node) ([]corpus.Credit, error) {
	var credits []corpus.Credit
	for _, ed := range root.path("teiHeader", "fileDesc", "titleStmt").children("editor") {
		name := plainText(ed, nil)
		if name == "" {
			continue
		}
		key, err := f.person(name, ed)
		if err != nil {
			return nil, err
		}
		credits = append(credits, corpus.Credit{Role: "editor", Agent: key})
	}
	return credits, nil
}

// gazetteer is the hand-curated list of the other names of places FRUS
// datelines give; see frus_places.txt.
//
//go:embed frus_places.txt
var gazetteer string

// placeNames maps every name in the gazetteer to its line: the preferred
// name first, then the variants.
var placeNames = func() map[string][]string {
	m := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(gazetteer))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "|")
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		for _, n := range names {
			m[n] = names
		}
	}
	return m
}()

// officeWord marks a part of a dateline's place that names an office, not
// a town: "Department of State", "Legation of the United States", "British
// Embassy", "Commissioner of the United States to China".
var officeWord = regexp.MustCompile(`\b(Department|Legation|Embassy|Consulate|Commissioner|Mission|Headquarters)\b`)

// datelinePlace returns the town a dateline's placeName names: its first
// line or comma-separated part that names no office ("Department of
// State,<lb/>Washington" is Washington), without the country after it
// ("Peking, China" is Peking) or the editors' brackets.
func datelinePlace(placeName *node) string {
	if placeName == nil {
		return ""
	}
	var lines []string
	line := &node{}
	for _, k := range append(placeName.kids, &node{name: placeName.name}) {
		if k.is("lb") || k.name == placeName.name {
			lines = append(lines, strings.Split(plainText(line, nil), ",")...)
			line = &node{}
			continue
		}
		line.kids = append(line.kids, k)
	}
	for _, part := range lines {
		town := strings.TrimFunc(part, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("[].:;", r) })
		if town != "" && unicode.IsUpper([]rune(town)[0]) && !officeWord.MatchString(town) {
			return town
		}
	}
	return ""
}

// place returns the key of the place a document was written at, emitting
// the place on first use under its preferred name, with the gazetteer's
// variants so that "Tihwa" and "Urumqi" meet; "" when the dateline names
// none.
func (f *frusReader) place(placeName *node) (string, error) {
	town := datelinePlace(placeName)
	if town == "" {
		return "", nil
	}
	names := placeNames[town]
	if names == nil {
		names = []string{town}
	}
	key := "frus-place:" + names[0]
	if f.places[key] {
		return key, nil
	}
	f.places[key] = true
	p := corpus.Place{Key: key, Name: names[0]}
	for _, v := range names[1:] {
		p.Variants = append(p.Variants, corpus.Name{Name: v})
	}
	return key, f.add(corpus.Line{Place: &p}, placeName)
}
