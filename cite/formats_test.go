package cite_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// options are the options of every golden file: a fixed access date, so
// that the files do not change from day to day.
var options = cite.Options{BaseURL: "https://archive.example.org", Accessed: time.Date(2026, 11, 26, 15, 4, 5, 0, time.UTC)}

// loadReference stores the reference fixture in a real SQLite archive and
// reads the letter back as the site reads it, authorities in full.
func loadReference(t *testing.T) (*fixture.Reference, *recto.Document) {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	ref, err := fixture.LoadReference(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.FindDocumentByID(ctx, ref.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ref, d
}

// goldenCases are the documents the golden files describe: the reference
// letter, and variations of it on the points where formats differ.
func goldenCases(t *testing.T) map[string]*recto.Document {
	_, letter := loadReference(t)
	vary := func(f func(d *recto.Document)) *recto.Document {
		c := *letter
		c.Texts = append([]recto.Text(nil), letter.Texts...)
		c.Sources = append([]recto.Source(nil), letter.Sources...)
		c.Credits = append([]recto.Credit(nil), letter.Credits...)
		f(&c)
		return &c
	}
	molotov := &recto.Agent{ID: 901, Kind: recto.Person, Name: "Vyacheslav Molotov", SortName: "Molotov, Vyacheslav"}
	tass := &recto.Agent{ID: 902, Kind: recto.Organisation, Name: "TASS & Co.", SortName: "TASS & Co."}
	second := &recto.Agent{ID: 903, Kind: recto.Person, Name: "Jane Smith", SortName: "Smith, Jane"}
	// A family-name-first name, marked so by its sort name: never inverted.
	third := &recto.Agent{ID: 904, Kind: recto.Person, Name: "Li Wei", SortName: "Li Wei"}
	return map[string]*recto.Document{
		"letter": letter,
		"month":  vary(func(d *recto.Document) { d.Date = edtf.MustParse("1934-06") }),
		"circa":  vary(func(d *recto.Document) { d.Date = edtf.MustParse("1950~") }),
		"interval": vary(func(d *recto.Document) {
			d.Date = edtf.MustParse("1945-04/1945-06")
		}),
		"undated": vary(func(d *recto.Document) { d.Date = edtf.Date{} }),
		// No translator, no repository, no source, no author: only what
		// the archive itself knows.
		"bare": vary(func(d *recto.Document) {
			d.Sources, d.Credits, d.Subjects, d.Summary, d.WrittenAt = nil, nil, nil, "", ""
			d.Classification = recto.Classification{}
			for i := range d.Texts {
				d.Texts[i].Credits = nil
			}
		}),
		// An author the title does not name, stored "Family, Given"; an
		// organisation; three translators; an uncertain date; a legacy
		// citation beside the parts; TeX specials in the title; a
		// memorandum rather than a letter.
		"memo": vary(func(d *recto.Document) {
			d.Title = "Memorandum on Trade & Tariffs: 5% Duties_{new}"
			d.Type = "memorandum"
			d.Date = edtf.MustParse("1944?")
			d.Credits = []recto.Credit{{Role: recto.RoleAuthor, Agent: molotov}, {Role: recto.RoleAuthor, Agent: tass},
				{Role: recto.RoleRecipient, Agent: letter.CreditsIn(recto.RoleRecipient)[0]}}
			d.Sources = append(d.Sources, recto.Source{Citation: "AVP RF, f. 0100, op. 34, papka 253, d. 18, ll. 1-3"})
			for i := range d.Texts {
				if d.Texts[i].Kind == recto.Translation {
					d.Texts[i].Credits = append(append([]recto.Credit(nil), d.Texts[i].Credits...),
						recto.Credit{Role: recto.RoleTranslator, Agent: second}, recto.Credit{Role: recto.RoleTranslator, Agent: third})
				}
			}
		}),
	}
}

// formats are the outputs compared with golden files, by file extension.
var formats = map[string]func(d *recto.Document) string{
	"chicago.txt": func(d *recto.Document) string {
		return "note: " + cite.Note(d, options) + "\n" +
			"bibliography: " + cite.Bibliography(d, options) + "\n" +
			"paragraph 3: " + cite.PinpointNote(d, options, cite.Pinpoint{Paragraph: 3}) + "\n" +
			"text 2, paragraph 2: " + cite.PinpointNote(d, options, cite.Pinpoint{Text: 2, Paragraph: 2}) + "\n"
	},
	"csl.json": func(d *recto.Document) string {
		b, err := cite.CSLJSON(d, options)
		if err != nil {
			panic(err)
		}
		return string(b)
	},
	"ris":          func(d *recto.Document) string { return cite.RIS(d, options) },
	"bib":          func(d *recto.Document) string { return cite.BibTeX(d, options) },
	"biblatex.bib": func(d *recto.Document) string { return cite.BibLaTeX(d, options) },
	"meta.txt": func(d *recto.Document) string {
		var b strings.Builder
		for _, m := range cite.MetaTags(d, options) {
			b.WriteString(m.Name + ": " + m.Content + "\n")
		}
		return b.String()
	},
}

// TestGolden compares every format of every case with its golden file in
// testdata/; go test ./cite -update rewrites them.
func TestGolden(t *testing.T) {
	for name, d := range goldenCases(t) {
		for ext, format := range formats {
			t.Run(name+"."+ext, func(t *testing.T) {
				got := format(d)
				path := filepath.Join("testdata", name+"."+ext+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./cite -update to write it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden file:\ngot:\n%s\nwant:\n%s", path, got, want)
				}
			})
		}
	}
}

// TestNoteReferenceLetter checks the note against the data model's example,
// part by part, so that a golden file rewritten by mistake is caught.
func TestNoteReferenceLetter(t *testing.T) {
	_, d := loadReference(t)
	want := "“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin,” April 22, 1945, " +
		"GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359, obtained by Jamil Hasanli, translated for NKIDP by Gary Goldberg, " +
		"Recto, https://archive.example.org/documents/" + itoa(d.ID) + "."
	if got := cite.Note(d, options); got != want {
		t.Errorf("note:\ngot  %s\nwant %s", got, want)
	}
	wantBib := "“Letter from Alihan Tore to Commander-in-Chief Marshal Stalin.” April 22, 1945. " +
		"GARF, Fond R-9401ss, Opis' 2, Delo 95, ll. 352–359. Obtained by Jamil Hasanli. Translated for NKIDP by Gary Goldberg. " +
		"Recto. https://archive.example.org/documents/" + itoa(d.ID) + "."
	if got := cite.Bibliography(d, options); got != wantBib {
		t.Errorf("bibliography:\ngot  %s\nwant %s", got, wantBib)
	}
	named := cite.Options{BaseURL: "https://archive.example.org/", Archive: "History and Public Policy Program Digital Archive"}
	if got := cite.Note(d, named); !strings.HasSuffix(got, ", History and Public Policy Program Digital Archive, https://archive.example.org/documents/"+itoa(d.ID)+".") {
		t.Errorf("configured archive name: %s", got)
	}
	pin := cite.PinpointNote(d, options, cite.Pinpoint{Paragraph: 3})
	if !strings.Contains(pin, "April 22, 1945, para. 3, GARF") || !strings.HasSuffix(pin, "/documents/"+itoa(d.ID)+"#p3.") {
		t.Errorf("pinpoint: %s", pin)
	}
	if got := cite.Note(d, cite.Options{}); strings.Contains(got, "http") {
		t.Errorf("a note without a base URL has a URL: %s", got)
	}
}

// TestDates checks how each format gives the dates the data model names.
func TestDates(t *testing.T) {
	_, letter := loadReference(t)
	tests := []struct {
		edtf, chicago, ris, bibtexYear, biblatex, csl string // biblatex "" for no date
	}{
		{"1945-04-22", "April 22, 1945", "DA  - 1945/04/22/", "{1945}", "1945-04-22", `{"date-parts":[[1945,4,22]]}`},
		{"1934-06", "June 1934", "DA  - 1934/06//", "{1934}", "1934-06", `{"date-parts":[[1934,6]]}`},
		{"1936", "1936", "DA  - 1936///", "{1936}", "1936", `{"date-parts":[[1936]]}`},
		{"1950~", "c. 1950", "DA  - 1950///c. 1950", "{c. 1950}", "1950~", `{"date-parts":[[1950]],"circa":true}`},
		{"1944?", "1944?", "DA  - 1944///1944?", "{1944?}", "1944?", `{"date-parts":[[1944]],"circa":true}`},
		{"1945-04/1945-06", "April–June 1945", "DA  - 1945/04//April–June 1945", "{April--June 1945}", "1945-04/1945-06", `{"date-parts":[[1945,4],[1945,6]]}`},
		{"194X", "1940s", "DA  - 1940///1940s", "{1940s}", "194X", `{"date-parts":[[1940],[1949]]}`},
		{"1945-21", "Spring 1945", "DA  - 1945///Spring 1945", "{Spring 1945}", "1945-21", `{"date-parts":[[1945]],"season":1}`},
		{"1945/..", "1945 onwards", "DA  - 1945///1945 onwards", "{1945 onwards}", "1945/", `{"date-parts":[[1945]],"literal":"1945 onwards"}`},
		{"../1945", "until 1945", "DA  - 1945///until 1945", "{until 1945}", "", `{"date-parts":[[1945]],"literal":"until 1945"}`},
		{"1944~/1945~", "c. 1944–c. 1945", "DA  - 1944///c. 1944–c. 1945", "{c. 1944--c. 1945}", "1944~/1945~", `{"date-parts":[[1944],[1945]],"circa":true}`},
		{"1944~/1945", "c. 1944–1945", "DA  - 1944///c. 1944–1945", "{c. 1944--1945}", "1944~/1945", `{"date-parts":[[1944],[1945]],"circa":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.edtf, func(t *testing.T) {
			d := *letter
			d.Date = edtf.MustParse(tt.edtf)
			if got := cite.Note(&d, options); !strings.Contains(got, "Stalin,” "+tt.chicago+", GARF") {
				t.Errorf("note: %s", got)
			}
			if got := cite.RIS(&d, options); !strings.Contains(got, tt.ris+"\r\n") {
				t.Errorf("RIS: %s", got)
			}
			if got := cite.BibTeX(&d, options); bibField(got, "year") != tt.bibtexYear {
				t.Errorf("BibTeX year %s, want %s", bibField(got, "year"), tt.bibtexYear)
			}
			want := ""
			if tt.biblatex != "" {
				want = "{" + tt.biblatex + "}"
			}
			if got := cite.BibLaTeX(&d, options); bibField(got, "date") != want {
				t.Errorf("biblatex date %s, want %s", bibField(got, "date"), want)
			}
			issued, err := json.Marshal(cite.CSL(&d, options).Issued)
			if err != nil {
				t.Fatal(err)
			}
			if string(issued) != tt.csl {
				t.Errorf("CSL issued: %s, want %s", issued, tt.csl)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// bibField returns the value of a field of a BibTeX entry, as written.
func bibField(entry, name string) string {
	m := regexp.MustCompile(`(?m)^  ` + name + ` +=\s(.*),$`).FindStringSubmatch(entry)
	if m == nil {
		return ""
	}
	return m[1]
}
