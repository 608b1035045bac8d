// Package sample holds Recto's built-in sample collection: about twenty short
// documents written for Recto in several languages and scripts, with their
// translations, authorities and collections, so that a new archive shows every
// part of every page. None of it is a historical source; every document says so.
package sample

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/edtf"
)

//go:embed collection.json
var collectionJSON []byte

// The file format: authorities and documents refer to each other by key.
type file struct {
	Repositories []repository `json:"repositories"`
	Places       []place      `json:"places"`
	Agents       []agent      `json:"agents"`
	Subjects     []string     `json:"subjects"`
	Collections  []collection `json:"collections"`
	Documents    []document   `json:"documents"`
}

type name struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
}

type identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

type repository struct {
	Key          string `json:"key"`
	ShortName    string `json:"short_name"`
	Name         string `json:"name"`
	Place        string `json:"place"`
	Website      string `json:"website"`
	CitationNote string `json:"citation_note"`
}

type place struct {
	Key       string   `json:"key"`
	Name      string   `json:"name"`
	Variants  []name   `json:"variants"`
	Parent    string   `json:"parent"`
	Latitude  *float64 `json:"lat"`
	Longitude *float64 `json:"lon"`
}

type agent struct {
	Key         string       `json:"key"`
	Kind        string       `json:"kind"`
	Name        string       `json:"name"`
	Variants    []name       `json:"variants"`
	Dates       string       `json:"dates"`
	Bio         string       `json:"bio"`
	Identifiers []identifier `json:"identifiers"`
}

type collection struct {
	Key         string `json:"key"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Parent      string `json:"parent"`
}

type credit struct {
	Role  string `json:"role"`
	Agent string `json:"agent"`
}

type text struct {
	Kind           string   `json:"kind"`
	Lang           string   `json:"lang"`
	TranslatedFrom string   `json:"translated_from"`
	Method         string   `json:"method"`
	Date           string   `json:"date"`
	Notes          string   `json:"notes"`
	Credits        []credit `json:"credits"`
	Body           string   `json:"body"`
}

type refPart struct {
	Type  string `json:"type"`
	Label string `json:"label"`
	Value string `json:"value"`
}

type source struct {
	Repository string    `json:"repository"`
	Parts      []refPart `json:"parts"`
	Note       string    `json:"note"`
}

type classification struct {
	Level          string `json:"level"`
	DeclassifiedOn string `json:"declassified_on"`
	DeclassifiedBy string `json:"declassified_by"`
}

type rights struct {
	Statement string `json:"statement"`
	URI       string `json:"uri"`
}

type relation struct {
	Kind     string `json:"kind"`
	Document string `json:"document"`
}

type document struct {
	Key            string         `json:"key"`
	Title          string         `json:"title"`
	Summary        string         `json:"summary"`
	Type           string         `json:"type"`
	Date           string         `json:"date"`
	DateAsWritten  string         `json:"date_as_written"`
	Languages      []string       `json:"languages"`
	WrittenAt      string         `json:"written_at"`
	WrittenOn      string         `json:"written_on"`
	Signature      string         `json:"signature"`
	Authentication string         `json:"authentication"`
	Classification classification `json:"classification"`
	Rights         rights         `json:"rights"`
	Status         string         `json:"status"`
	WithdrawnNote  string         `json:"withdrawn_note"`
	Texts          []text         `json:"texts"`
	Sources        []source       `json:"sources"`
	Credits        []credit       `json:"credits"`
	Places         []string       `json:"places"`
	Subjects       []string       `json:"subjects"`
	Collections    []string       `json:"collections"`
	Relations      []relation     `json:"relations"`
}

// loader resolves keys to the stored authorities as it creates them.
type loader struct {
	store        recto.Store
	places       map[string]*recto.Place
	repositories map[string]*recto.Repository
	agents       map[string]*recto.Agent
	subjects     map[string]*recto.Subject
	collections  map[string]*recto.Collection
	documents    map[string]*recto.Document
}

// Load stores the sample collection through s. It does not check that the
// archive is empty; callers decide when to load it. On error, what was stored
// before the error stays stored.
func Load(ctx context.Context, s recto.Store) error {
	f, err := parse(collectionJSON)
	if err != nil {
		return err
	}
	l := &loader{store: s,
		places: map[string]*recto.Place{}, repositories: map[string]*recto.Repository{},
		agents: map[string]*recto.Agent{}, subjects: map[string]*recto.Subject{},
		collections: map[string]*recto.Collection{}, documents: map[string]*recto.Document{}}
	steps := []func(context.Context, *file) error{
		l.loadPlaces, l.loadRepositories, l.loadAgents, l.loadSubjects, l.loadCollections, l.loadDocuments,
	}
	for _, step := range steps {
		if err := step(ctx, f); err != nil {
			return fmt.Errorf("sample: %w", err)
		}
	}
	return nil
}

// parse decodes the sample file strictly, so a typo in a field name fails.
func parse(data []byte) (*file, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("sample: collection.json: %w", err)
	}
	return &f, nil
}

func names(ns []name) []recto.Name {
	var out []recto.Name
	for _, n := range ns {
		out = append(out, recto.Name{Name: n.Name, Lang: n.Lang})
	}
	return out
}

// lookup returns m[key] or an error naming what was not found.
func lookup[T any](m map[string]T, what, key string) (T, error) {
	v, ok := m[key]
	if !ok {
		return v, fmt.Errorf("unknown %s %q", what, key)
	}
	return v, nil
}

func (l *loader) loadPlaces(ctx context.Context, f *file) error {
	for _, p := range f.Places {
		place := &recto.Place{Name: p.Name, Variants: names(p.Variants)}
		if p.Parent != "" {
			parent, err := lookup(l.places, "parent place", p.Parent)
			if err != nil {
				return fmt.Errorf("place %q: %w", p.Key, err)
			}
			place.ParentID = parent.ID
		}
		if p.Latitude != nil && p.Longitude != nil {
			place.Coordinates = &recto.Coordinates{Latitude: *p.Latitude, Longitude: *p.Longitude}
		}
		if err := l.store.CreatePlace(ctx, place); err != nil {
			return fmt.Errorf("place %q: %w", p.Key, err)
		}
		l.places[p.Key] = place
	}
	return nil
}

func (l *loader) loadRepositories(ctx context.Context, f *file) error {
	for _, r := range f.Repositories {
		repo := &recto.Repository{ShortName: r.ShortName, Name: r.Name, Website: r.Website, CitationNote: r.CitationNote}
		if r.Place != "" {
			p, err := lookup(l.places, "place", r.Place)
			if err != nil {
				return fmt.Errorf("repository %q: %w", r.Key, err)
			}
			repo.Place = p
		}
		if err := l.store.CreateRepository(ctx, repo); err != nil {
			return fmt.Errorf("repository %q: %w", r.Key, err)
		}
		l.repositories[r.Key] = repo
	}
	return nil
}

func (l *loader) loadAgents(ctx context.Context, f *file) error {
	for _, a := range f.Agents {
		dates, err := edtf.Parse(a.Dates)
		if err != nil {
			return fmt.Errorf("agent %q: dates: %w", a.Key, err)
		}
		ag := &recto.Agent{Kind: recto.AgentKind(a.Kind), Name: a.Name, Variants: names(a.Variants), Dates: dates, Bio: a.Bio}
		for _, id := range a.Identifiers {
			ag.Identifiers = append(ag.Identifiers, recto.Identifier{Scheme: id.Scheme, Value: id.Value})
		}
		if err := l.store.CreateAgent(ctx, ag); err != nil {
			return fmt.Errorf("agent %q: %w", a.Key, err)
		}
		l.agents[a.Key] = ag
	}
	return nil
}

func (l *loader) loadSubjects(ctx context.Context, f *file) error {
	for _, h := range f.Subjects {
		s := &recto.Subject{Heading: h}
		if err := l.store.CreateSubject(ctx, s); err != nil {
			return fmt.Errorf("subject %q: %w", h, err)
		}
		l.subjects[h] = s
	}
	return nil
}

func (l *loader) loadCollections(ctx context.Context, f *file) error {
	for i, c := range f.Collections {
		col := &recto.Collection{Title: c.Title, Description: c.Description, Position: i}
		if c.Parent != "" {
			parent, err := lookup(l.collections, "parent collection", c.Parent)
			if err != nil {
				return fmt.Errorf("collection %q: %w", c.Key, err)
			}
			col.ParentID = parent.ID
		}
		if err := l.store.CreateCollection(ctx, col); err != nil {
			return fmt.Errorf("collection %q: %w", c.Key, err)
		}
		l.collections[c.Key] = col
	}
	return nil
}

// loadDocuments creates every document, then adds the relations, which may
// point forward in the file.
func (l *loader) loadDocuments(ctx context.Context, f *file) error {
	for _, d := range f.Documents {
		doc, err := l.document(d)
		if err != nil {
			return fmt.Errorf("document %q: %w", d.Key, err)
		}
		if err := l.store.CreateDocument(ctx, doc); err != nil {
			return fmt.Errorf("document %q: %w", d.Key, err)
		}
		l.documents[d.Key] = doc
	}
	for _, d := range f.Documents {
		if len(d.Relations) == 0 {
			continue
		}
		doc := l.documents[d.Key]
		for _, r := range d.Relations {
			other, err := lookup(l.documents, "related document", r.Document)
			if err != nil {
				return fmt.Errorf("document %q: %w", d.Key, err)
			}
			doc.Relations = append(doc.Relations, recto.Relation{Kind: recto.RelationKind(r.Kind), Document: other.Summarize()})
		}
		if err := l.store.UpdateDocument(ctx, doc); err != nil {
			return fmt.Errorf("document %q: %w", d.Key, err)
		}
	}
	return nil
}

// document builds a document from its file form, without relations.
func (l *loader) document(d document) (*recto.Document, error) {
	date, err := edtf.Parse(d.Date)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	declassified, err := edtf.Parse(d.Classification.DeclassifiedOn)
	if err != nil {
		return nil, fmt.Errorf("classification.declassified_on: %w", err)
	}
	doc := &recto.Document{
		Title: d.Title, Summary: d.Summary, Type: d.Type, Date: date, DateAsWritten: d.DateAsWritten,
		Languages: d.Languages, WrittenAt: d.WrittenAt, WrittenOn: d.WrittenOn, Signature: d.Signature,
		Authentication: d.Authentication, Status: recto.Status(d.Status), WithdrawnNote: d.WithdrawnNote,
		Classification: recto.Classification{Level: d.Classification.Level, DeclassifiedOn: declassified,
			DeclassifiedBy: d.Classification.DeclassifiedBy},
		Rights: recto.Rights{Statement: d.Rights.Statement, URI: d.Rights.URI},
	}
	if doc.Credits, err = l.credits(d.Credits); err != nil {
		return nil, err
	}
	for i, t := range d.Texts {
		text, err := l.text(t)
		if err != nil {
			return nil, fmt.Errorf("texts[%d]: %w", i, err)
		}
		doc.Texts = append(doc.Texts, text)
	}
	for i, s := range d.Sources {
		src := recto.Source{Note: s.Note}
		if s.Repository != "" {
			if src.Repository, err = lookup(l.repositories, "repository", s.Repository); err != nil {
				return nil, fmt.Errorf("sources[%d]: %w", i, err)
			}
		}
		for _, p := range s.Parts {
			src.Parts = append(src.Parts, recto.RefPart{Type: p.Type, Label: p.Label, Value: p.Value})
		}
		doc.Sources = append(doc.Sources, src)
	}
	if doc.Places, err = resolve(l.places, "place", d.Places); err != nil {
		return nil, err
	}
	if doc.Subjects, err = resolve(l.subjects, "subject", d.Subjects); err != nil {
		return nil, err
	}
	if doc.Collections, err = resolve(l.collections, "collection", d.Collections); err != nil {
		return nil, err
	}
	return doc, nil
}

func (l *loader) text(t text) (recto.Text, error) {
	date, err := edtf.Parse(t.Date)
	if err != nil {
		return recto.Text{}, fmt.Errorf("date: %w", err)
	}
	credits, err := l.credits(t.Credits)
	return recto.Text{Kind: recto.TextKind(t.Kind), Lang: t.Lang, Body: t.Body, TranslatedFrom: t.TranslatedFrom,
		Method: recto.TranslationMethod(t.Method), Date: date, Notes: t.Notes, Credits: credits}, err
}

func (l *loader) credits(cs []credit) ([]recto.Credit, error) {
	var out []recto.Credit
	for _, c := range cs {
		a, err := lookup(l.agents, "agent", c.Agent)
		if err != nil {
			return nil, err
		}
		out = append(out, recto.Credit{Role: recto.Role(c.Role), Agent: a})
	}
	return out, nil
}

func resolve[T any](m map[string]T, what string, keys []string) ([]T, error) {
	var out []T
	for _, k := range keys {
		v, err := lookup(m, what, k)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
