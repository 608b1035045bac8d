package http

import (
	"bytes"
	"cmp"
	"net/http"
	"strconv"
	"time"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/tei"
)

// citeOptions are what citations and exports of the site's documents are
// made with: its base URL and the archive's name, as the layout gives it.
func (s *Server) citeOptions(base string) cite.Options {
	return cite.Options{BaseURL: base, Archive: s.Settings.Name(), Publisher: s.Settings.PublisherName()}
}

// export is one download of a document's record: a citation format or TEI.
type export struct {
	label, title string
	path         string // after /documents/{id}/
	mediaType    string // the Content-Type sent
	linkType     string // the type of links to it: the media type without parameters
	ext          string // of the file name the download is saved under
	// accessed says whether the format carries an access date (today's).
	accessed bool
	write    func(d *recto.Document, o cite.Options) ([]byte, error)
}

var (
	exportRIS = export{label: "RIS", title: "Citation (RIS)", path: "citation.ris",
		mediaType: "application/x-research-info-systems; charset=utf-8", linkType: "application/x-research-info-systems",
		ext: ".ris", accessed: true,
		write: func(d *recto.Document, o cite.Options) ([]byte, error) { return []byte(cite.RIS(d, o)), nil }}
	exportBibTeX = export{label: "BibTeX", title: "Citation (BibTeX)", path: "citation.bib",
		mediaType: "application/x-bibtex; charset=utf-8", linkType: "application/x-bibtex", ext: ".bib", accessed: true,
		write: func(d *recto.Document, o cite.Options) ([]byte, error) { return []byte(cite.BibTeX(d, o)), nil }}
	exportBibLaTeX = export{label: "biblatex", title: "Citation (biblatex)", path: "citation-biblatex.bib",
		mediaType: "application/x-bibtex; charset=utf-8", linkType: "application/x-bibtex", ext: "-biblatex.bib", accessed: true,
		write: func(d *recto.Document, o cite.Options) ([]byte, error) { return []byte(cite.BibLaTeX(d, o)), nil }}
	exportCSL = export{label: "CSL-JSON", title: "Citation (CSL-JSON)", path: "citation.json",
		mediaType: "application/vnd.citationstyles.csl+json", linkType: "application/vnd.citationstyles.csl+json",
		ext: ".json", accessed: true, write: cite.CSLJSON}
	exportTEI = export{label: "TEI XML (the full record)", title: "TEI P5 XML", path: "tei.xml",
		mediaType: "application/tei+xml", linkType: "application/tei+xml", ext: "-tei.xml", write: writeTEI}
)

// exports are the downloads, in the order the page lists them.
var exports = []export{exportRIS, exportBibTeX, exportBibLaTeX, exportCSL, exportTEI}

// citationLinks are the links to every download of document id.
func citationLinks(id int64) []alternate {
	links := make([]alternate, len(exports))
	for i, e := range exports {
		links[i] = alternate{Label: e.label, Title: e.title, Type: e.linkType, URL: documentURL(id) + "/" + e.path}
	}
	return links
}

// handleExport serves one download of a document. It answers exactly as
// the document's page does when the document is not shown: 404 for a
// draft, in review or missing, 410 with the notice for a withdrawn one.
// Like the page, it holds only the links the catalogue leaves.
func (s *Server) handleExport(e export) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		d, err := s.findShown(r)
		if err != nil {
			return err
		}
		changed, err := s.Catalogue.LastChange(r.Context())
		if err != nil {
			return err
		}
		o := s.citeOptions(s.baseURL(r))
		if e.accessed {
			o.Accessed = time.Now()
		}
		body, err := e.write(d, o)
		if err != nil {
			return err
		}
		h := w.Header()
		h.Set("Content-Type", e.mediaType)
		h.Set("Content-Disposition", `attachment; filename="recto-`+strconv.FormatInt(d.ID, 10)+e.ext+`"`)
		if web.WriteValidators(w, r, body, s.lastModified(changed), "no-cache") {
			return nil
		}
		w.Write(body)
		return nil
	}
}

func writeTEI(d *recto.Document, o cite.Options) ([]byte, error) {
	var b bytes.Buffer
	err := tei.WriteDocument(&b, d, tei.WriteOptions{BaseURL: o.BaseURL, Publisher: cmp.Or(o.Publisher, o.Archive)})
	return b.Bytes(), err
}
