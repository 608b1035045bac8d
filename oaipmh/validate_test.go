package oaipmh

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

// schemas returns the shared schema folder and xmllint, or skips.
func schemas(t *testing.T) (dir, xmllint string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "OAI-PMH.xsd")); err != nil {
		t.Skipf("schemas not validated: %s is absent", dir)
	}
	xmllint, err = exec.LookPath("xmllint")
	if err != nil {
		t.Skip("schemas not validated: xmllint is not installed (apt-get install libxml2-utils)")
	}
	return dir, xmllint
}

// validate checks an XML document against a schema with xmllint, offline,
// resolving the official schema URLs through the shared catalog.
func validate(t *testing.T, dir, xmllint, schema, name, doc string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xmllint, "--nonet", "--noout", "--schema", schema, f)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(dir, "catalog.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		if len(doc) > 4000 {
			doc = doc[:4000] + "…"
		}
		t.Errorf("%s does not validate against %s: %v\n%s\n%s", name, filepath.Base(schema), err, out, doc)
	}
}

// TestValidate validates responses of every verb, every error and both
// formats against the official OAI-PMH, oai_dc and oai-identifier schemas,
// and the native format against recto.xsd.
func TestValidate(t *testing.T) {
	dir, xmllint := schemas(t)
	e := newEnv(t, 4)
	withdrawn, _, err := e.db.FindDocuments(e.ctx, recto.DocumentFilter{Status: []recto.Status{recto.StatusWithdrawn}})
	if err != nil || len(withdrawn) == 0 {
		t.Fatal("no withdrawn document", err)
	}
	letter := oaiID(e.ref.Document.ID)
	dcSchema := filepath.Join(dir, "oai-pmh-oai_dc.xsd")
	queries := []string{
		"verb=Identify",
		"verb=ListMetadataFormats",
		q("verb", "ListMetadataFormats", "identifier", letter),
		"verb=ListSets",
		q("verb", "GetRecord", "identifier", letter, "metadataPrefix", "oai_dc"),
		q("verb", "GetRecord", "identifier", oaiID(withdrawn[0].ID), "metadataPrefix", "oai_dc"),
		q("verb", "ListIdentifiers", "metadataPrefix", "oai_dc", "set", "collection:1", "from", "2000-01-01"),
		// errors of every kind
		"verb=Nonsense",
		"verb=ListRecords&metadataPrefix=oai_dc&bogus=1",
		"verb=ListRecords&metadataPrefix=marc21",
		q("verb", "GetRecord", "identifier", "oai:archive.example.org:999", "metadataPrefix", "marc21"),
		"verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01",
		q("verb", "ListMetadataFormats", "identifier", oaiID(withdrawn[0].ID)),
		q("verb", "ListRecords", "resumptionToken", "bad<&>\"token"),
	}
	for _, query := range queries {
		validate(t, dir, xmllint, dcSchema, "?"+query, get(t, e.h, query))
	}
	// Every page of whole harvests: first pages with a token, middle pages,
	// last pages with an empty one, deleted records among them.
	for _, verb := range []string{"ListIdentifiers", "ListRecords"} {
		_, pages := harvest(t, e.h, verb, "metadataPrefix", "oai_dc")
		for i, p := range pages {
			validate(t, dir, xmllint, dcSchema, verb+" oai_dc page "+strconv.Itoa(i), p.Body)
		}
	}
	// noSetHierarchy, from an archive without sets.
	empty := &env{t: t, db: emptyStore(t)}
	validate(t, dir, xmllint, dcSchema, "noSetHierarchy", get(t, empty.handler(Options{}), "verb=ListSets"))
	// Stored values with markup, controls and non-characters stay valid.
	nasty := &recto.Document{Title: "A <b> & \"q\" \x01\x0b \r\n ok \ufffe", Summary: "]]> </metadata>\x00",
		Type: "x&y", Status: recto.StatusPublished, Languages: []string{"ru"}}
	if err := empty.db.CreateDocument(t.Context(), nasty); err != nil {
		t.Fatal(err)
	}
	validate(t, dir, xmllint, dcSchema, "escaped oai_dc", get(t, empty.handler(Options{}), "verb=ListRecords&metadataPrefix=oai_dc"))

	// The native format: whole responses against OAI-PMH.xsd with recto.xsd
	// for the strict wildcard in <metadata>, and each record's metadata
	// alone against recto.xsd.
	recto, err := filepath.Abs("recto.xsd")
	if err != nil {
		t.Fatal(err)
	}
	driver := filepath.Join(t.TempDir(), "oai-pmh-recto.xsd")
	err = os.WriteFile(driver, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-recto:oai-driver" elementFormDefault="qualified">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="`+filepath.ToSlash(filepath.Join(dir, "OAI-PMH.xsd"))+`"/>
  <xs:import namespace="`+Namespace+`" schemaLocation="`+filepath.ToSlash(recto)+`"/>
</xs:schema>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	records, pages := harvest(t, e.h, "ListRecords", "metadataPrefix", "recto")
	for i, p := range pages {
		validate(t, dir, xmllint, driver, "ListRecords recto page "+strconv.Itoa(i), p.Body)
	}
	native := 0
	for _, rec := range records {
		if rec.Metadata == nil {
			continue
		}
		native++
		validate(t, dir, xmllint, recto, "native metadata of "+rec.Header.Identifier,
			`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+strings.TrimSpace(rec.Metadata.Inner))
	}
	if native < 20 {
		t.Errorf("only %d native records validated", native)
	}
	validate(t, dir, xmllint, driver, "GetRecord recto", get(t, e.h, q("verb", "GetRecord", "identifier", letter, "metadataPrefix", "recto")))
	validate(t, dir, xmllint, driver, "escaped recto", get(t, empty.handler(Options{}), "verb=ListRecords&metadataPrefix=recto"))
}
