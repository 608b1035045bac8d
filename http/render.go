package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/cite"
	"github.com/recto-archive/recto/edtf"
	"github.com/recto-archive/recto/internal/web"
	"github.com/recto-archive/recto/markup"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// pageNames are the page templates; each defines "main" and is executed
// inside the "layout" of layout.html.
var pageNames = []string{
	"home", "document", "withdrawn", "documents", "collections", "collection", "agents", "agent",
	"places", "place", "subjects", "subject", "repositories", "repository", "dates", "period", "error", "search",
	"downloads",
}

// views holds the parsed templates and the static files.
type views struct {
	pages map[string]*template.Template
	// versions holds a hash of each static file, put in its URL so
	// browsers may cache it for good and still see a new version at once.
	versions map[string]string
	started  time.Time
}

func parseViews() (*views, error) {
	md := markup.New()
	base, err := template.New("").Funcs(templateFuncs(md)).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("http: parse layout: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}, started: time.Now()}
	for _, name := range pageNames {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("http: parse %s: %w", name, err)
		}
		v.pages[name] = t
	}
	files, err := fs.ReadDir(assetFS, "assets")
	if err != nil {
		return nil, fmt.Errorf("http: static files: %w", err)
	}
	v.versions = map[string]string{}
	for _, f := range files {
		data, err := fs.ReadFile(assetFS, "assets/"+f.Name())
		if err != nil {
			return nil, fmt.Errorf("http: static files: %w", err)
		}
		sum := sha256.Sum256(data)
		v.versions[f.Name()] = hex.EncodeToString(sum[:6])
	}
	return v, nil
}

// static returns the URL of a static file, with its version.
func (v *views) static(name string) string { return "/static/" + name + "?v=" + v.versions[name] }

// templateFuncs are the helpers templates may call.
func templateFuncs(md *markup.Renderer) template.FuncMap {
	return template.FuncMap{
		"date":          displayDate,
		"day":           func(t time.Time) string { return t.UTC().Format("January 2, 2006") },
		"isoTime":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"langName":      recto.LanguageName,
		"dir":           recto.LanguageDirection,
		"md":            md.Fragment,
		"roleLabel":     roleLabel,
		"creditVerb":    creditVerb,
		"plural":        plural,
		"sep":           listSeparator,
		"documentURL":   documentURL,
		"agentURL":      agentURL,
		"placeURL":      placeURL,
		"subjectURL":    subjectURL,
		"collectionURL": collectionURL,
		"repositoryURL": repositoryURL,
		"byteSize":      byteSize,
		"describe":      describe,
		// schema.org JSON-LD of the authority pages (jsonld.go)
		"jsonLD":       jsonLD,
		"agentLD":      agentLD,
		"placeLD":      placeLD,
		"subjectLD":    subjectLD,
		"collectionLD": collectionLD,
		"repositoryLD": repositoryLD,
	}
}

func displayDate(d edtf.Date) string {
	if d.IsZero() {
		return "Undated"
	}
	return d.Display()
}

// plural returns "1 document" or "3 documents".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// listSeparator returns what goes before item i of n in an English list:
// nothing, ", " or " and ".
func listSeparator(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	}
	return ", "
}

var roleLabels = map[recto.Role]string{
	recto.RoleAuthor: "Author", recto.RoleRecipient: "Recipient", recto.RoleObtainedBy: "Obtained by",
	recto.RoleTranslator: "Translator", recto.RoleTranscriber: "Transcriber", recto.RoleEditor: "Editor",
	recto.RoleDonor: "Donor", recto.RoleFunder: "Funder", recto.RolePublisher: "Publisher",
	recto.RoleAssociated: "Associated",
}

// creditVerb says what an agent credited on a text did: "translated".
func creditVerb(r recto.Role) string {
	switch r {
	case recto.RoleTranslator:
		return "translated"
	case recto.RoleTranscriber:
		return "transcribed"
	case recto.RoleEditor:
		return "edited"
	}
	return strings.ToLower(roleLabel(r))
}

func roleLabel(r recto.Role) string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

func documentURL(id int64) string   { return "/documents/" + strconv.FormatInt(id, 10) }
func agentURL(id int64) string      { return "/people/" + strconv.FormatInt(id, 10) }
func placeURL(id int64) string      { return "/places/" + strconv.FormatInt(id, 10) }
func subjectURL(id int64) string    { return "/subjects/" + strconv.FormatInt(id, 10) }
func collectionURL(id int64) string { return "/collections/" + strconv.FormatInt(id, 10) }
func repositoryURL(id int64) string { return "/repositories/" + strconv.FormatInt(id, 10) }

// page is what the layout needs of every page.
type page struct {
	Title       string // the page's own title, before " · " and the archive's short name
	Site        string // the archive's name
	SiteShort   string // the archive's short name
	Canonical   string // absolute URL of the page's canonical form
	Section     string // the main navigation entry to mark as current
	CSS         string // the style sheet's URL
	Icon        string // the SVG icon's URL
	SearchQuery string // the words in the search box
	// Description is the page's meta description: that of its section
	// (sectionDescriptions); a page about one record says more with a
	// "description" template of its own.
	Description string
}

// sectionDescriptions are the meta descriptions of the pages of each
// section of the site, and of pages of none ("").
var sectionDescriptions = map[string]string{
	"home": "Historical primary sources in translation: letters, telegrams, minutes and reports, " +
		"each with its translation beside the original, its provenance and credits.",
	"documents":    "Every published document of the archive, by date, with its translations and archival sources.",
	"collections":  "The collections of the archive: documents gathered by subject, correspondent or source.",
	"people":       "People and organisations who wrote, received, translated or are named in the archive's documents.",
	"places":       "Places the archive's documents were written in or are about, from countries to towns.",
	"subjects":     "Subject headings of the archive's documents, level by level.",
	"repositories": "The archives and libraries that hold the originals of the documents.",
	"dates":        "The archive's documents by decade, year and month.",
	"search":       "Search the archive's documents, their translations and originals, by words, people, places and dates.",
	"downloads":    "The published archive in bulk: every document in JSON Lines and CSV.",
	"":             ", an archive of historical primary sources in translation.", // after the archive's name
}

// newPage fills the layout fields for a page whose canonical path is path.
func (s *Server) newPage(r *http.Request, title, section, path string) page {
	description := sectionDescriptions[section]
	if section == "" {
		description = s.Settings.Name() + description
	}
	return page{Title: title, Site: s.Settings.Name(), SiteShort: s.Settings.ShortName(),
		Canonical: s.baseURL(r) + path, Section: section,
		CSS: s.views.static("recto.css"), Icon: s.views.static("favicon.svg"), Description: description}
}

// metaDescription is the most a meta description holds: search engines
// show about 160 characters.
const metaDescription = 160

// describe turns light Markdown (a summary, a biography) into a meta
// description: plain text on one line, cut at a word to metaDescription
// characters with an ellipsis.
func describe(md string) string {
	text := cite.PlainText(md)
	if utf8.RuneCountInString(text) <= metaDescription {
		return text
	}
	runes := []rune(text)[:metaDescription]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > metaDescription/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

// baseURL returns the configured public URL, or one made from the request.
func (s *Server) baseURL(r *http.Request) string { return web.BaseURL(r, s.BaseURL) }

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes a page into a buffer first, so a template error becomes a
// clean error page instead of half a page, then answers conditional requests.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := s.views.pages[name].ExecuteTemplate(buf, "layout", data); err != nil {
		s.renderError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK {
		changed, err := s.Catalogue.LastChange(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if web.WriteValidators(w, r, buf.Bytes(), s.lastModified(changed), "no-cache") {
			return
		}
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// lastModified is the later of the archive's last change and the start of
// this process, whose templates may differ from the previous one's.
func (s *Server) lastModified(changed time.Time) time.Time {
	if changed.Before(s.views.started) {
		changed = s.views.started
	}
	return changed.UTC().Truncate(time.Second)
}

// handleStatic serves the embedded static files (the style sheet, the
// icon); a URL that carries the file's version may be cached for a year.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	cache := "no-cache"
	if v, ok := s.views.versions[name]; ok && r.URL.Query().Get("v") == v {
		cache = "public, max-age=31536000, immutable"
	}
	s.serveAsset(w, r, name, cache)
}

// handleFavicon serves the icon browsers and crawlers ask for at
// /favicon.ico whatever a page links to. Its URL has no version, so it
// may be kept for a day.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	s.serveAsset(w, r, "favicon.ico", "public, max-age=86400")
}

// assetTypes are the media types of the static files, by extension.
var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
	".ico": "image/vnd.microsoft.icon",
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request, name, cache string) {
	data, err := fs.ReadFile(assetFS, "assets/"+name)
	if err != nil || strings.Contains(name, "/") {
		s.handleNotFound(w, r)
		return
	}
	ctype, ok := assetTypes[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if web.WriteValidators(w, r, data, s.views.started.UTC().Truncate(time.Second), cache) {
		return
	}
	w.Write(data)
}
