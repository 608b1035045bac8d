package recto_test

import (
	"strings"
	"testing"
	"time"

	"github.com/recto-archive/recto"
)

// wantFields checks that err is EINVALID and names exactly the given fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	if recto.ErrorCode(err) != recto.EINVALID {
		t.Fatalf("error %v, want EINVALID", err)
	}
	e := err.(*recto.Error)
	got := map[string]bool{}
	for _, f := range e.Fields {
		got[f.Field] = true
	}
	for _, f := range fields {
		if !got[f] {
			t.Errorf("error %q does not name %q", err, f)
		}
	}
	if len(got) != len(fields) {
		t.Errorf("error names %d fields (%q), want %d", len(got), err, len(fields))
	}
}

func TestDocument_Validate(t *testing.T) {
	agent := &recto.Agent{ID: 1, Kind: recto.Person, Name: "A"}
	good := recto.Document{Title: "Letter", Status: recto.StatusPublished, Languages: []string{"ru", "zh-Hant"},
		Texts: []recto.Text{
			{Kind: recto.Translation, Lang: "en", Body: "x", Method: recto.MachineRevised, TranslatedFrom: "ru",
				Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: agent}}},
			{Kind: recto.Transcript, Lang: "ug-Arab", Body: "x"},
		},
		Sources:   []recto.Source{{Repository: &recto.Repository{ID: 1}, Parts: []recto.RefPart{{Label: "Fond", Value: "R-1"}}}},
		Credits:   []recto.Credit{{Role: recto.RoleObtainedBy, Agent: agent}},
		Places:    []*recto.Place{{ID: 1}, {ID: 2}},
		Relations: []recto.Relation{{Kind: recto.Enclosure, Document: &recto.DocumentSummary{ID: 9}}},
		Rights:    recto.Rights{URI: "https://creativecommons.org/publicdomain/zero/1.0/"},
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid document: %v", err)
	}

	bad := good
	bad.ID = 9
	bad.Title = "  "
	bad.Status = "gone"
	bad.Languages = []string{"Russian"}
	bad.Texts = []recto.Text{
		{Kind: recto.Transcript, Lang: "ru", Body: "x", Method: recto.HumanTranslation},
		{Kind: recto.Translation, Lang: "en", Body: "", Method: "guess", TranslatedFrom: "??",
			Credits: []recto.Credit{{Role: recto.RoleAuthor, Agent: agent}}},
	}
	bad.Sources = []recto.Source{{}, {Parts: []recto.RefPart{{Value: "2"}}}}
	bad.Credits = []recto.Credit{{Role: "hero", Agent: nil}}
	bad.Places = []*recto.Place{{ID: 1}, {ID: 1}, {}}
	bad.Relations = []recto.Relation{{Kind: "cousin", Document: &recto.DocumentSummary{ID: 9}}}
	bad.Media = []recto.Media{{}}
	bad.Rights.URI = "rights reserved"
	wantFields(t, bad.Validate(), "title", "status", "languages[0]",
		"texts[0].kind", "texts[1].body", "texts[1].method", "texts[1].translated_from", "texts[1].credits[0].role",
		"sources[0].repository", "sources[1].parts[0].label",
		"credits[0].role", "credits[0].agent", "places[1]", "places[2]",
		"relations[0].kind", "relations[0].document", "media[0].url", "media[0].media_type", "rights.uri")
}

func TestAuthorities_Validate(t *testing.T) {
	wantFields(t, (&recto.Agent{Kind: "robot", Variants: []recto.Name{{Name: "x", Lang: "english"}},
		Identifiers: []recto.Identifier{{Scheme: "viaf"}}}).Validate(),
		"name", "kind", "variants[0].lang", "identifiers[0].value")
	wantFields(t, (&recto.Place{ID: 3, Name: "P", ParentID: 3, Coordinates: &recto.Coordinates{Latitude: 91, Longitude: -181}}).Validate(),
		"parent", "coordinates.latitude", "coordinates.longitude")
	wantFields(t, (&recto.Subject{Heading: "China----Trade"}).Validate(), "heading")
	wantFields(t, (&recto.Collection{ID: 2, ParentID: 2}).Validate(), "title", "parent")
	wantFields(t, (&recto.Repository{Website: "example.org"}).Validate(), "short_name", "name", "website")
	for _, err := range []error{
		(&recto.Agent{Kind: recto.Organisation, Name: "Foundation"}).Validate(),
		(&recto.Place{Name: "Yining", Coordinates: &recto.Coordinates{Latitude: 43.9, Longitude: 81.3}}).Validate(),
		(&recto.Subject{Heading: "China--Foreign relations--Soviet Union"}).Validate(),
		(&recto.Repository{ShortName: "GARF", Name: "State Archive", Website: "https://example.org"}).Validate(),
	} {
		if err != nil {
			t.Errorf("valid authority: %v", err)
		}
	}
}

func TestError(t *testing.T) {
	err := (&recto.Document{Status: recto.StatusDraft}).Validate()
	if got := err.Error(); got != "invalid document: title: required" {
		t.Errorf("Error() = %q", got)
	}
	if recto.ErrorMessage(err) != err.Error() {
		t.Error("ErrorMessage hides a validation message")
	}
	internal := strings.NewReader("").UnreadByte() // any non-application error
	if recto.ErrorCode(internal) != recto.EINTERNAL || recto.ErrorMessage(internal) != "Internal error." {
		t.Errorf("internal error: %q %q", recto.ErrorCode(internal), recto.ErrorMessage(internal))
	}
	if recto.ErrorCode(nil) != "" {
		t.Error("nil has a code")
	}
}

func TestLanguages(t *testing.T) {
	for tag, want := range map[string]bool{"en": true, "zh-Hans": true, "ug-Arab": true, "ru-Latn-alalc97": true,
		"yue": true, "x-sample": true, "": false, "Russian": false, "e": false, "en--US": false, "en_US": false, "ру": false} {
		if got := recto.ValidLanguageTag(tag); got != want {
			t.Errorf("ValidLanguageTag(%q) = %v", tag, got)
		}
	}
	for tag, want := range map[string]string{"ug-Arab": "rtl", "ug": "rtl", "ug-Latn": "ltr", "ar": "rtl", "uz-Arab": "rtl",
		"ru": "ltr", "zh-Hant": "ltr", "he": "rtl"} {
		if got := recto.LanguageDirection(tag); got != want {
			t.Errorf("LanguageDirection(%q) = %q", tag, got)
		}
	}
	if recto.LanguageName("zh-Hant") != "Chinese" || recto.LanguageName("qaa") != "qaa" {
		t.Error("LanguageName")
	}
}

func TestSubjectHeadings(t *testing.T) {
	s := recto.Subject{Heading: recto.NormalizeHeading("  China --  Foreign   relations--Soviet Union ")}
	if s.Heading != "China--Foreign relations--Soviet Union" || s.Term() != "Soviet Union" || len(s.Terms()) != 3 {
		t.Fatalf("%q %q %q", s.Heading, s.Term(), s.Terms())
	}
}

func TestDocument_Texts(t *testing.T) {
	a, b := &recto.Agent{ID: 1, Name: "A"}, &recto.Agent{ID: 2, Name: "B"}
	d := recto.Document{Texts: []recto.Text{
		{Kind: recto.Transcript, Lang: "ru"},
		{Kind: recto.Translation, Lang: "de", Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: b}}},
		{Kind: recto.Translation, Lang: "en-GB", Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: a},
			{Role: recto.RoleEditor, Agent: b}}},
		{Kind: recto.Translation, Lang: "en", Credits: []recto.Credit{{Role: recto.RoleTranslator, Agent: a}}},
	}}
	order := d.ReadingOrder()
	if want := []int{2, 3, 1, 0}; len(order) != 4 || order[0] != want[0] || order[1] != want[1] || order[2] != want[2] || order[3] != want[3] {
		t.Errorf("ReadingOrder = %v, want %v", order, want)
	}
	tr := d.Translators()
	if len(tr) != 2 || tr[0] != b || tr[1] != a {
		t.Errorf("Translators = %v", tr)
	}
	if d.Texts[0].Label() != "Russian original" || d.Texts[3].Label() != "English translation" {
		t.Errorf("labels %q %q", d.Texts[0].Label(), d.Texts[3].Label())
	}
	if recto.RoleTranslator.MARCRelator() != "trl" || recto.RoleObtainedBy.MARCRelator() != "" || recto.Role("x").Valid() {
		t.Error("roles")
	}
}

// Media and collection images may point to the site or the web, never to
// anything a browser or an API client would run.
func TestLinkURLs(t *testing.T) {
	good := []string{"/media/12/1.jpg", "/m?a=1&b=2", "https://example.org/scan.jpg", "http://example.org/a.pdf"}
	bad := []string{"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"data:image/png;base64,AAAA", "//evil.example/x.jpg", "/\\evil.example/x.jpg", "vbscript:x", "file:///etc/passwd",
		"media/1.jpg", " /media/1.jpg", "https://", "/a\x00b"}
	for _, u := range good {
		d := recto.Document{Title: "T", Status: recto.StatusDraft, Media: []recto.Media{{URL: u, MediaType: "image/jpeg"}}}
		if err := d.Validate(); err != nil {
			t.Errorf("media %q: %v", u, err)
		}
		if err := (&recto.Collection{Title: "C", Image: u}).Validate(); err != nil {
			t.Errorf("image %q: %v", u, err)
		}
	}
	for _, u := range bad {
		d := recto.Document{Title: "T", Status: recto.StatusDraft, Media: []recto.Media{{URL: u, MediaType: "text/html"}}}
		wantFields(t, d.Validate(), "media[0].url")
		wantFields(t, (&recto.Collection{Title: "C", Image: u}).Validate(), "image")
	}
}

// A session ends after its idle time without a request, and after its
// lifetime however busy.
func TestSession_Live(t *testing.T) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	s := &recto.Session{CreatedAt: start, SeenAt: start}
	if !s.Live(start.Add(recto.IdleTimeout - time.Second)) {
		t.Error("ended before its idle time")
	}
	if s.Live(start.Add(recto.IdleTimeout)) {
		t.Error("live after its idle time without a request")
	}
	s.SeenAt = start.Add(recto.SessionLifetime - time.Minute)
	if s.Live(start.Add(recto.SessionLifetime)) {
		t.Error("live past its lifetime, though busy")
	}
}
