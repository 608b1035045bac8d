package corpus

import (
	"fmt"
	"strings"
)

// CollectionSeparator separates the titles of a collection path: "Ili
// Valley Correspondence > The Ghulja Talks".
const CollectionSeparator = ">"

// CollectionPath reads a collection named by its path of titles from the
// top, as a CSV cell or a JSON Lines document without a collection line of
// its own names it. It returns a line for each collection on the path,
// parents first, keyed by the path up to it ("collection:path:A > B"), so
// that every file naming the same path names the same collections; the
// last key is the named collection's.
func CollectionPath(path string) ([]Collection, error) {
	titles := strings.Split(path, CollectionSeparator)
	out := make([]Collection, 0, len(titles))
	prefix, parent := "", ""
	for i, t := range titles {
		t = strings.TrimSpace(t)
		if t == "" {
			return nil, fmt.Errorf("%q: a collection path has an empty title", path)
		}
		if i > 0 {
			prefix += " " + CollectionSeparator + " "
		}
		prefix += t
		c := Collection{Key: "collection:path:" + prefix, Title: t, Parent: parent}
		out = append(out, c)
		parent = c.Key
	}
	return out, nil
}
