package oaipmh

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/fixture"
	"github.com/recto-archive/recto/internal/storetest"
	"github.com/recto-archive/recto/sample"
)

const testBase = "https://archive.example.org"

// env is an archive with the reference fixture and the sample collection,
// and a handler over it on the archive's own clock.
type env struct {
	t   testing.TB
	ctx context.Context
	db  storetest.Store
	ref *fixture.Reference
	h   *Handler
}

func newEnv(t testing.TB, pageSize int) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	ref, err := fixture.LoadReference(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := sample.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, db: db, ref: ref}
	e.h = e.handler(Options{PageSize: pageSize})
	return e
}

// handler returns a handler on the archive with the test's base URL and
// the archive's clock, unless opts say otherwise.
func (e *env) handler(opts Options) *Handler {
	if opts.BaseURL == "" {
		opts.BaseURL = testBase
	}
	if opts.Now == nil {
		opts.Now = e.db.Core().Now
	}
	if opts.RepositoryName == "" {
		opts.RepositoryName = "Test Archive"
	}
	if opts.AdminEmail == "" {
		opts.AdminEmail = "oai@archive.example.org"
	}
	return New(recto.NewCatalogue(e.db, recto.PublicAudience), opts)
}

// get asks h with GET and the query, and returns the body.
func get(t testing.TB, h http.Handler, query string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/oai?"+query, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET ?%s: status %d: %s", query, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Fatalf("GET ?%s: Content-Type %q", query, ct)
	}
	return rec.Body.String()
}

// ask asks with GET and parses the response.
func ask(t testing.TB, h http.Handler, query string) *oaiResponse {
	t.Helper()
	return parse(t, get(t, h, query))
}

func parse(t testing.TB, body string) *oaiResponse {
	t.Helper()
	var r oaiResponse
	if err := xml.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("response is not XML: %v\n%s", err, body)
	}
	r.Body = body
	return &r
}

// q builds a query string from name, value pairs.
func q(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v.Encode()
}

type oaiResponse struct {
	Body         string      `xml:"-"`
	ResponseDate string      `xml:"responseDate"`
	Request      requestElem `xml:"request"`
	Errors       []struct {
		Code    string `xml:"code,attr"`
		Message string `xml:",chardata"`
	} `xml:"error"`
	Identify *struct {
		RepositoryName    string   `xml:"repositoryName"`
		BaseURL           string   `xml:"baseURL"`
		ProtocolVersion   string   `xml:"protocolVersion"`
		AdminEmail        []string `xml:"adminEmail"`
		EarliestDatestamp string   `xml:"earliestDatestamp"`
		DeletedRecord     string   `xml:"deletedRecord"`
		Granularity       string   `xml:"granularity"`
		Compression       []string `xml:"compression"`
		RepositoryID      string   `xml:"description>oai-identifier>repositoryIdentifier"`
		SampleIdentifier  string   `xml:"description>oai-identifier>sampleIdentifier"`
	} `xml:"Identify"`
	ListMetadataFormats *struct {
		Formats []struct {
			Prefix    string `xml:"metadataPrefix"`
			Schema    string `xml:"schema"`
			Namespace string `xml:"metadataNamespace"`
		} `xml:"metadataFormat"`
	} `xml:"ListMetadataFormats"`
	ListSets *struct {
		Sets []struct {
			Spec        string `xml:"setSpec"`
			Name        string `xml:"setName"`
			Description string `xml:"setDescription>dc>description"`
		} `xml:"set"`
		Token *tokenElem `xml:"resumptionToken"`
	} `xml:"ListSets"`
	GetRecord *struct {
		Record recordElem `xml:"record"`
	} `xml:"GetRecord"`
	ListIdentifiers *struct {
		Headers []headerElem `xml:"header"`
		Token   *tokenElem   `xml:"resumptionToken"`
	} `xml:"ListIdentifiers"`
	ListRecords *struct {
		Records []recordElem `xml:"record"`
		Token   *tokenElem   `xml:"resumptionToken"`
	} `xml:"ListRecords"`
}

type requestElem struct {
	Attrs []xml.Attr `xml:",any,attr"`
	URL   string     `xml:",chardata"`
}

func (r requestElem) attr(name string) string {
	for _, a := range r.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

type headerElem struct {
	Status     string   `xml:"status,attr"`
	Identifier string   `xml:"identifier"`
	Datestamp  string   `xml:"datestamp"`
	SetSpecs   []string `xml:"setSpec"`
}

type recordElem struct {
	Header   headerElem `xml:"header"`
	Metadata *struct {
		DC     *dcElem     `xml:"http://www.openarchives.org/OAI/2.0/oai_dc/ dc"`
		Native *nativeElem `xml:"https://recto-archive.org/ns/oai/1.0 document"`
		Inner  string      `xml:",innerxml"`
	} `xml:"metadata"`
}

type dcElem struct {
	Title       []string `xml:"http://purl.org/dc/elements/1.1/ title"`
	Creator     []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Subject     []string `xml:"http://purl.org/dc/elements/1.1/ subject"`
	Description []string `xml:"http://purl.org/dc/elements/1.1/ description"`
	Publisher   []string `xml:"http://purl.org/dc/elements/1.1/ publisher"`
	Contributor []string `xml:"http://purl.org/dc/elements/1.1/ contributor"`
	Date        []string `xml:"http://purl.org/dc/elements/1.1/ date"`
	Type        []string `xml:"http://purl.org/dc/elements/1.1/ type"`
	Identifier  []string `xml:"http://purl.org/dc/elements/1.1/ identifier"`
	Source      []string `xml:"http://purl.org/dc/elements/1.1/ source"`
	Language    []string `xml:"http://purl.org/dc/elements/1.1/ language"`
	Relation    []string `xml:"http://purl.org/dc/elements/1.1/ relation"`
	Coverage    []string `xml:"http://purl.org/dc/elements/1.1/ coverage"`
	Rights      []string `xml:"http://purl.org/dc/elements/1.1/ rights"`
}

type tokenElem struct {
	Value            string `xml:",chardata"`
	CompleteListSize string `xml:"completeListSize,attr"`
	Cursor           string `xml:"cursor,attr"`
}

// nativeElem reads the native format back.
type nativeElem struct {
	ID    int64  `xml:"id,attr"`
	URL   string `xml:"url,attr"`
	Title string `xml:"title"`
	Date  struct {
		EDTF     string `xml:"edtf,attr"`
		Earliest string `xml:"earliest,attr"`
		Latest   string `xml:"latest,attr"`
		Display  string `xml:",chardata"`
	} `xml:"date"`
	Languages []string `xml:"language"`
	Texts     []struct {
		Kind           string       `xml:"kind,attr"`
		Lang           string       `xml:"lang,attr"`
		TranslatedFrom string       `xml:"translatedFrom,attr"`
		Method         string       `xml:"method,attr"`
		Credits        []creditElem `xml:"credit"`
		Notes          string       `xml:"notes"`
		Body           string       `xml:"body"`
	} `xml:"text"`
	Signature string `xml:"signature"`
	Sources   []struct {
		Repository struct {
			ID        int64  `xml:"id,attr"`
			ShortName string `xml:"shortName,attr"`
			Name      string `xml:",chardata"`
		} `xml:"repository"`
		Parts []struct {
			Type  string `xml:"type,attr"`
			Label string `xml:"label,attr"`
			Value string `xml:",chardata"`
		} `xml:"part"`
		Note      string `xml:"note"`
		Reference string `xml:"reference"`
	} `xml:"source"`
	Credits     []creditElem `xml:"credit"`
	Places      []authElem   `xml:"place"`
	Subjects    []authElem   `xml:"subject"`
	Collections []authElem   `xml:"collection"`
	Class       struct {
		Level string `xml:"level,attr"`
	} `xml:"classification"`
	Rights struct {
		URI       string `xml:"uri,attr"`
		Statement string `xml:",chardata"`
	} `xml:"rights"`
	Media []struct {
		URL string `xml:"url,attr"`
	} `xml:"media"`
	Relations []struct {
		Kind      string `xml:"kind,attr"`
		Direction string `xml:"direction,attr"`
		ID        int64  `xml:"id,attr"`
		Title     string `xml:",chardata"`
	} `xml:"relation"`
	Status    string `xml:"status"`
	Created   string `xml:"created"`
	Updated   string `xml:"updated"`
	Published string `xml:"published"`
}

type creditElem struct {
	Role  string `xml:"role,attr"`
	Marc  string `xml:"marcRelator,attr"`
	Agent struct {
		ID   int64  `xml:"id,attr"`
		Kind string `xml:"kind,attr"`
		Name string `xml:",chardata"`
	} `xml:"agent"`
}

type authElem struct {
	ID      int64  `xml:"id,attr"`
	Parent  int64  `xml:"parent,attr"`
	SetSpec string `xml:"setSpec,attr"`
	Label   string `xml:",chardata"`
}

// errorCodes returns the codes of a response's errors.
func (r *oaiResponse) errorCodes() []string {
	var codes []string
	for _, e := range r.Errors {
		codes = append(codes, e.Code)
	}
	return codes
}

// harvest runs a whole list request, following resumption tokens, and
// returns every record (headers only for ListIdentifiers) and the
// responses.
func harvest(t testing.TB, h http.Handler, verb string, args ...string) (records []recordElem, pages []*oaiResponse) {
	t.Helper()
	query := q(append([]string{"verb", verb}, args...)...)
	for i := 0; ; i++ {
		if i > 10000 {
			t.Fatal("harvest does not end")
		}
		r := ask(t, h, query)
		pages = append(pages, r)
		if len(r.Errors) > 0 {
			if i == 0 && r.Errors[0].Code == noRecordsMatch {
				return nil, pages
			}
			t.Fatalf("%s: errors %v\n%s", query, r.errorCodes(), r.Body)
		}
		var token *tokenElem
		switch verb {
		case "ListRecords":
			records = append(records, r.ListRecords.Records...)
			token = r.ListRecords.Token
		case "ListIdentifiers":
			for _, hd := range r.ListIdentifiers.Headers {
				records = append(records, recordElem{Header: hd})
			}
			token = r.ListIdentifiers.Token
		default:
			t.Fatalf("harvest of %s", verb)
		}
		if token == nil || token.Value == "" {
			return records, pages
		}
		query = q("verb", verb, "resumptionToken", token.Value)
	}
}

// identifiers returns the records' identifiers, in order.
func identifiers(records []recordElem) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = r.Header.Identifier
	}
	return out
}

func oaiID(id int64) string { return "oai:archive.example.org:" + strconv.FormatInt(id, 10) }

// visibleDocs lists the documents the protocol shows, by what it shows.
func (e *env) visibleDocs() (records, deletedDocs, hiddenDocs []*recto.DocumentSummary) {
	e.t.Helper()
	all, _, err := e.db.FindDocuments(e.ctx, recto.DocumentFilter{Sort: recto.SortChanged})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range all {
		switch {
		case s.Status == recto.StatusPublished:
			records = append(records, s)
		case s.Status == recto.StatusWithdrawn || !s.PublishedAt.IsZero():
			deletedDocs = append(deletedDocs, s)
		default:
			hiddenDocs = append(hiddenDocs, s)
		}
	}
	return records, deletedDocs, hiddenDocs
}

func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
