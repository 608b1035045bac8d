package oaipmh

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
)

// standing is what the protocol shows of a document, as the catalogue's
// audience decides (recto.Audience.Standing): nothing of a document
// recto.Unknown to it (never published), a header with status="deleted"
// and no metadata for one recto.Deleted (withdrawn, or published once and
// no longer), a record in every format for one recto.Shown.
func (h *Handler) standing(s *recto.DocumentSummary) recto.Standing {
	return h.catalogue.Audience().Standing(s.Status, s.PublishedAt)
}

// identifier returns the item identifier of a document.
func (e *exchange) identifierOf(id int64) string {
	return "oai:" + e.host + ":" + strconv.FormatInt(id, 10)
}

// documentID returns the Record ID an identifier names, if it is one of
// this repository's: oai:HOST:ID with ID in canonical decimal form.
func (e *exchange) documentID(identifier string) (int64, bool) {
	rest, ok := strings.CutPrefix(identifier, "oai:"+e.host+":")
	if !ok || e.host == "" {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != rest {
		return 0, false
	}
	return id, true
}

// permalink returns a document's permanent URL.
func (e *exchange) permalink(id int64) string {
	return e.base + "/documents/" + strconv.FormatInt(id, 10)
}

// findItem returns what the protocol shows of the item an identifier
// names: nil for none, the document's trace for a deleted record, its
// summary and the document for a record.
func (h *Handler) findItem(e *exchange, identifier string) (*item, error) {
	id, ok := e.documentID(identifier)
	if !ok {
		return nil, nil
	}
	s, d, err := h.catalogue.FindHarvested(e.ctx, id)
	if recto.ErrorCode(err) == recto.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &item{summary: s, doc: d}, nil
}

// repositoryIDPattern is the oai-identifier scheme's repositoryIdentifier:
// a domain name. Hosts that are not (an IP address, localhost, the
// default) get no oai-identifier description.
var repositoryIDPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$`)

func (h *Handler) identify(e *exchange) (response, error) {
	earliest, err := h.earliestDatestamp(e)
	if err != nil {
		return response{}, err
	}
	email := h.opts.AdminEmail
	if email == "" {
		email = "webmaster@" + e.host
	}
	return response{body: func(w xw) {
		w.elem("repositoryName", h.opts.RepositoryName)
		w.elem("baseURL", e.base+Path)
		w.elem("protocolVersion", "2.0")
		w.elem("adminEmail", email)
		w.WriteString("<earliestDatestamp>")
		w.datestamp(earliest)
		w.WriteString("</earliestDatestamp>\n")
		w.elem("deletedRecord", "persistent")
		w.elem("granularity", "YYYY-MM-DDThh:mm:ssZ")
		w.elem("compression", "gzip")
		w.WriteByte('\n')
		if repositoryIDPattern.MatchString(e.host) {
			w.WriteString(`<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier"` +
				` xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">`)
			w.elem("scheme", "oai")
			w.elem("repositoryIdentifier", e.host)
			w.elem("delimiter", ":")
			w.elem("sampleIdentifier", e.identifierOf(1))
			w.WriteString("</oai-identifier></description>\n")
		}
	}}, nil
}

// earliestDatestamp returns the last change of the item changed longest
// ago, or now for an archive without items.
func (h *Handler) earliestDatestamp(e *exchange) (time.Time, error) {
	f := recto.DocumentFilter{Sort: recto.SortChanged, Limit: 100}
	for {
		sums, _, err := h.catalogue.FindDocumentTraces(e.ctx, f)
		if err != nil {
			return time.Time{}, err
		}
		for _, s := range sums {
			if h.standing(s) != recto.Unknown {
				return s.UpdatedAt, nil
			}
		}
		if len(sums) < f.Limit {
			return e.now, nil
		}
		// Only drafts so far: go on from the last, with its time as the
		// lower bound, which lets the store walk its index from there.
		last := sums[len(sums)-1]
		f.After = &recto.ChangeCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
		f.ChangedFrom = last.UpdatedAt
	}
}

func (h *Handler) listMetadataFormats(e *exchange) (response, error) {
	if e.identifier != "" {
		it, err := h.findItem(e, e.identifier)
		if err != nil {
			return response{}, err
		}
		switch {
		case it == nil:
			return errorResponse(idDoesNotExist, "No item has the identifier "+e.identifier+"."), nil
		case it.doc == nil:
			return errorResponse(noMetadataFormats, "The item "+e.identifier+" is deleted: no metadata is disseminated for it."), nil
		}
	}
	return response{body: func(w xw) {
		for _, f := range formats {
			w.WriteString("<metadataFormat>")
			w.elem("metadataPrefix", f.prefix)
			w.elem("schema", f.schema(e))
			w.elem("metadataNamespace", f.namespace)
			w.WriteString("</metadataFormat>\n")
		}
	}}, nil
}

func (h *Handler) getRecord(e *exchange) (response, error) {
	var errs []oaiError
	f := formatByPrefix(e.prefix)
	if f == nil {
		errs = append(errs, oaiError{cannotDisseminateFormat, "The metadata format " + e.prefix + " is not supported."})
	}
	it, err := h.findItem(e, e.identifier)
	if err != nil {
		return response{}, err
	}
	if it == nil {
		errs = append(errs, oaiError{idDoesNotExist, "No item has the identifier " + e.identifier + "."})
	}
	if len(errs) > 0 {
		return response{errs: errs}, nil
	}
	if it.doc != nil {
		if err := e.loadCollections(); err != nil {
			return response{}, err
		}
	}
	return response{body: func(w xw) { e.writeRecord(w, f, *it) }}, nil
}
