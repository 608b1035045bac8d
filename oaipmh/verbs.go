package oaipmh

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/recto-archive/recto"
)

// visibility is what the protocol shows of a document.
type visibility int

const (
	// hidden: never published; not in any response.
	hidden visibility = iota
	// deleted: withdrawn, or published once and no longer; a header with
	// status="deleted" and no metadata.
	deleted
	// record: published; a record in every format.
	record
)

func visibilityOf(status recto.Status, publishedAt time.Time) visibility {
	switch {
	case status == recto.StatusPublished:
		return record
	case status == recto.StatusWithdrawn || !publishedAt.IsZero():
		return deleted
	}
	return hidden
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

// findItem returns the document an identifier names and what the protocol
// shows of it; hidden when there is none.
func (h *Handler) findItem(e *exchange, identifier string) (*recto.Document, visibility, error) {
	id, ok := e.documentID(identifier)
	if !ok {
		return nil, hidden, nil
	}
	d, err := h.store.FindDocumentByID(e.ctx, id)
	if recto.ErrorCode(err) == recto.ENOTFOUND {
		return nil, hidden, nil
	} else if err != nil {
		return nil, hidden, err
	}
	return d, visibilityOf(d.Status, d.PublishedAt), nil
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
		sums, _, err := h.store.FindDocuments(e.ctx, f)
		if err != nil {
			return time.Time{}, err
		}
		for _, s := range sums {
			if visibilityOf(s.Status, s.PublishedAt) != hidden {
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
		_, vis, err := h.findItem(e, e.identifier)
		if err != nil {
			return response{}, err
		}
		switch vis {
		case hidden:
			return errorResponse(idDoesNotExist, "No item has the identifier "+e.identifier+"."), nil
		case deleted:
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
	d, vis, err := h.findItem(e, e.identifier)
	if err != nil {
		return response{}, err
	}
	if vis == hidden {
		errs = append(errs, oaiError{idDoesNotExist, "No item has the identifier " + e.identifier + "."})
	}
	if len(errs) > 0 {
		return response{errs: errs}, nil
	}
	it := item{summary: d.Summarize()}
	if vis == record {
		it.doc = d
		if err := e.loadCollections(); err != nil {
			return response{}, err
		}
	}
	return response{body: func(w xw) { e.writeRecord(w, f, it) }}, nil
}
