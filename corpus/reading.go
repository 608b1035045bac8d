package corpus

import (
	"fmt"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

// Reading is a value read leniently: a date or a language written as
// people write them ("June 1934", "Russian"), and what it was read as.
// Imports report every one, so that nothing is changed without a word.
type Reading struct {
	At      string // where the record was read ("docs.csv:7"); "" when unknown
	Field   string // the record's field: "date", "languages[0]", "texts[0].lang"
	Written string // the value as written
	Read    string // what it was read as: EDTF or a language tag; "" for no date
}

// String returns the reading as `docs.csv:7: date "June 1934" read as 1934-06`.
func (r Reading) String() string {
	read := r.Read
	if read == "" {
		read = "no date"
	}
	s := fmt.Sprintf("%s %q read as %s", r.Field, r.Written, read)
	if r.At != "" {
		s = r.At + ": " + s
	}
	return s
}

// valueReader reads what a record says by itself, without the archive or
// the other records: dates and languages, leniently, noting each reading
// of the record read at at, and times. A loader converts with it, and
// ReadLines checks every line with it.
type valueReader struct {
	at       string
	readings []Reading
}

// date reads an EDTF date, or a date as people write it; field names the
// record's field in errors and readings.
func (vr *valueReader) date(field, v string) (edtf.Date, error) {
	d, lenient, err := edtf.ParseLenient(v)
	if err != nil {
		return d, fmt.Errorf("%s: %w", field, err)
	}
	if lenient {
		vr.readings = append(vr.readings, Reading{At: vr.at, Field: field, Written: v, Read: d.String()})
	}
	return d, nil
}

// language reads a BCP 47 tag, or a language's name. An empty value stays
// empty: whether it may be is the record's rule.
func (vr *valueReader) language(field, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	tag, named, err := recto.ReadLanguage(v)
	if err != nil {
		return "", fmt.Errorf("%s: %w", field, err)
	}
	if named {
		vr.readings = append(vr.readings, Reading{At: vr.at, Field: field, Written: v, Read: tag})
	}
	return tag, nil
}

// document builds a document from what its record says by itself: all
// but its credits' agents, its sources' repositories, places, subjects,
// collections and relations, which name other records.
func (vr *valueReader) document(d Document) (*recto.Document, error) {
	date, err := vr.date("date", d.Date)
	if err != nil {
		return nil, err
	}
	declassified, err := vr.date("classification.declassified_on", d.Classification.DeclassifiedOn)
	if err != nil {
		return nil, err
	}
	doc := &recto.Document{
		ID: d.ID, SourceID: d.SourceID,
		Title: d.Title, Summary: d.Summary, Type: d.Type, Date: date, DateAsWritten: d.DateAsWritten,
		WrittenAt: d.WrittenAt, WrittenOn: d.WrittenOn, Signature: d.Signature,
		Authentication: d.Authentication, Status: recto.Status(d.Status), WithdrawnNote: d.WithdrawnNote,
		Classification: recto.Classification{Level: d.Classification.Level, DeclassifiedOn: declassified,
			DeclassifiedBy: d.Classification.DeclassifiedBy},
		Rights: recto.Rights{Statement: d.Rights.Statement, URI: d.Rights.URI},
	}
	for i, v := range d.Languages {
		tag, err := vr.language(fmt.Sprintf("languages[%d]", i), v)
		if err != nil {
			return nil, err
		}
		doc.Languages = append(doc.Languages, tag)
	}
	for _, s := range []struct {
		field string
		src   string
		dst   *time.Time
	}{{"created_at", d.CreatedAt, &doc.CreatedAt}, {"updated_at", d.UpdatedAt, &doc.UpdatedAt},
		{"published_at", d.PublishedAt, &doc.PublishedAt}, {"original_uploaded", d.OriginalUploaded, &doc.OriginalUploaded},
		{"original_created", d.OriginalCreated, &doc.OriginalCreated}} {
		if s.src == "" {
			continue
		}
		if *s.dst, err = time.Parse(time.RFC3339Nano, s.src); err != nil {
			return nil, fmt.Errorf("%s: %q is not an RFC 3339 time", s.field, s.src)
		}
	}
	for i, p := range d.FormerPaths {
		path, err := recto.NormalFormerPath(p)
		if err != nil {
			return nil, fmt.Errorf("former_paths[%d]: %w", i, err)
		}
		doc.FormerPaths = append(doc.FormerPaths, path)
	}
	for i, t := range d.Texts {
		text, err := vr.text(t, fmt.Sprintf("texts[%d]", i))
		if err != nil {
			return nil, err
		}
		doc.Texts = append(doc.Texts, text)
	}
	for _, s := range d.Sources {
		src := recto.Source{Note: s.Note, Citation: s.Citation}
		for _, p := range s.Parts {
			src.Parts = append(src.Parts, recto.RefPart{Type: p.Type, Label: p.Label, Value: p.Value})
		}
		doc.Sources = append(doc.Sources, src)
	}
	for _, m := range d.Media {
		doc.Media = append(doc.Media, recto.Media{URL: m.URL, MediaType: m.MediaType, Label: m.Label})
	}
	return doc, nil
}

// text builds a text but for its credits; path ("texts[0]") starts its
// fields' names.
func (vr *valueReader) text(t Text, path string) (recto.Text, error) {
	date, err := vr.date(path+".date", t.Date)
	if err != nil {
		return recto.Text{}, err
	}
	lang, err := vr.language(path+".lang", t.Lang)
	if err != nil {
		return recto.Text{}, err
	}
	from, err := vr.language(path+".translated_from", t.TranslatedFrom)
	if err != nil {
		return recto.Text{}, err
	}
	return recto.Text{Kind: recto.TextKind(t.Kind), Lang: lang, Body: t.Body, TranslatedFrom: from,
		Method: recto.TranslationMethod(t.Method), Date: date, Notes: t.Notes}, nil
}

// check reads what a record says by itself, as a loader would, for its
// errors only.
func (vr *valueReader) check(rec Line) error {
	switch {
	case rec.Document != nil:
		_, err := vr.document(*rec.Document)
		return err
	case rec.Agent != nil:
		_, err := vr.date("dates", rec.Agent.Dates)
		return err
	}
	return nil
}
