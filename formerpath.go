package recto

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// MaxFormerPathLength bounds a former path, in bytes: the old sites' paths
// are a few dozen bytes, and a request's path longer than this is never
// looked up.
const MaxFormerPathLength = 512

// NormalFormerPath returns the normal form of a document's former path, the
// form FormerPaths hold and requests are matched in:
//
//   - a bare slug names the former site's document path:
//     "letter-from-alihan-tore" is "/document/letter-from-alihan-tore";
//   - a full URL keeps only its path: "https://digitalarchive.wilsoncenter.org/document/119185?page=2#p3"
//     is "/document/119185";
//   - the path is percent-decoded ("/document/caf%C3%A9" is "/document/café"),
//     as Go's router hands a request's path to a handler, so that an old
//     link written either way finds the document;
//   - a relative path gains its leading slash; a trailing slash is dropped.
//
// Query strings and fragments are dropped: the former sites addressed a
// document by its path alone (Drupal's "?page=" and tracking parameters
// only changed what the page showed), and a redirect keyed by path is one
// indexed look-up whatever a link appends. Case is kept: paths are
// case-sensitive. The empty path, "/", dot segments, control characters
// and paths over MaxFormerPathLength are errors.
func NormalFormerPath(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", fmt.Errorf("%q is not a URL: %w", s, err)
		}
		s = u.EscapedPath()
	}
	s, _, _ = strings.Cut(s, "#")
	s, _, _ = strings.Cut(s, "?")
	p, err := url.PathUnescape(s)
	if p == "" {
		return "", fmt.Errorf("a former path may not be empty")
	} else if err != nil {
		return "", fmt.Errorf("%q has a bad percent-encoding", s)
	}
	switch {
	case !strings.Contains(p, "/"):
		p = "/document/" + p
	case !strings.HasPrefix(p, "/"):
		p = "/" + p
	}
	p = strings.TrimRight(p, "/")
	switch {
	case p == "":
		return "", fmt.Errorf("%q names no path", s)
	case len(p) > MaxFormerPathLength:
		return "", fmt.Errorf("a former path is at most %d bytes; this one has %d", MaxFormerPathLength, len(p))
	case strings.ContainsFunc(p, unicode.IsControl):
		return "", fmt.Errorf("%q holds a control character", p)
	case strings.Contains(p+"/", "/./") || strings.Contains(p+"/", "/../") || strings.Contains(p, "//"):
		return "", fmt.Errorf("%q has an empty or dot segment", p)
	}
	return p, nil
}

// validateFormerPaths requires each former path in its normal form, once.
func validateFormerPaths(v validator, paths []string) {
	seen := map[string]bool{}
	for i, p := range paths {
		field := fmt.Sprintf("former_paths[%d]", i)
		switch n, err := NormalFormerPath(p); {
		case err != nil:
			v.fail(field, "%v", err)
		case n != p:
			v.fail(field, "%q is not in normal form: %q", p, n)
		case seen[p]:
			v.fail(field, "%q is listed twice", p)
		}
		seen[p] = true
	}
}
