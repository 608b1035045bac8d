package wilson

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Getter fetches a path of the API, such as "/srv/record/12.json", and
// gives the body of its 200 answer.
type Getter func(ctx context.Context, path string) ([]byte, error)

// HandlerGetter asks h, in process: the API of an archive opened here.
func HandlerGetter(h http.Handler) Getter {
	return func(ctx context.Context, path string) ([]byte, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d: %s", path, rec.Code, strings.TrimSpace(rec.Body.String()))
		}
		return rec.Body.Bytes(), nil
	}
}

// ClientGetter asks the site at base ("https://digitalarchive.example.org")
// through client.
func ClientGetter(client *http.Client, base string) Getter {
	base = strings.TrimSuffix(base, "/")
	return func(ctx context.Context, path string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, MaxRecordFile+1))
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", base+path, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d", base+path, resp.StatusCode)
		}
		if len(body) > MaxRecordFile {
			return nil, fmt.Errorf("GET %s: the answer is larger than %d bytes", base+path, MaxRecordFile)
		}
		return body, nil
	}
}

// ListRecords walks /srv/record.json, a hundred records a page, and gives
// the Record ID of every record it lists, in its order. The API pages no
// further than 10,000 results into a search (recto.MaxSearchOffset), so
// an archive larger than that is listed in part; the error says so.
func ListRecords(ctx context.Context, get Getter) ([]string, error) {
	var ids []string
	for page := 1; ; page++ {
		body, err := get(ctx, fmt.Sprintf("/srv/record.json?model=%s&itemsPerPage=%d&page=%d", modelRecord, maxPerPage, page))
		if err != nil {
			return ids, err
		}
		var l struct {
			Pagination pagination `json:"pagination"`
			List       []struct {
				ID string `json:"id"`
			} `json:"list"`
		}
		if err := json.Unmarshal(body, &l); err != nil {
			return ids, fmt.Errorf("/srv/record.json page %d: %w", page, err)
		}
		for _, item := range l.List {
			ids = append(ids, item.ID)
		}
		if page >= l.Pagination.TotalPages || len(l.List) == 0 {
			return ids, nil
		}
	}
}

// assetPath is the path of a text asset Recto serves:
// /srv/record/{id}/text/{tid}.html.
var assetPath = regexp.MustCompile(`^/srv/record/([1-9][0-9]*)/text/([1-9][0-9]*)\.html$`)

// Export writes the records with the Record IDs given, and their text
// assets, into dir as the API serves them, byte for byte:
//
//	dir/record/{id}.json
//	dir/record/{id}/text/{textid}.html
//
// the layout "recto import srv" reads, textid being the asset's id. Recto's
// records hold their texts' HTML too; the former site's gave only the
// asset's URL (/transcripts/33548.html), which is fetched from the same
// site.
func Export(ctx context.Context, get Getter, ids []string, dir string) error {
	for _, id := range ids {
		n, ok := parseID(id)
		if !ok {
			return fmt.Errorf("record %q: not a Record ID", id)
		}
		body, err := get(ctx, recordURI(n))
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "record", id+".json"), body); err != nil {
			return err
		}
		var rec struct {
			Transcripts  []asset `json:"transcripts"`
			Translations []asset `json:"translations"`
		}
		if err := json.Unmarshal(body, &rec); err != nil {
			return fmt.Errorf("record %s: %w", id, err)
		}
		for _, a := range append(rec.Transcripts, rec.Translations...) {
			if err := exportAsset(ctx, get, id, a, dir); err != nil {
				return fmt.Errorf("record %s: text %s: %w", id, a.ID, err)
			}
		}
	}
	return nil
}

// exportAsset writes a text's page to dir/record/{id}/text/{textid}.html.
func exportAsset(ctx context.Context, get Getter, id string, a asset, dir string) error {
	if _, ok := parseID(a.ID); !ok {
		return fmt.Errorf("%q is not a text's id", a.ID)
	}
	u, err := url.Parse(a.URL)
	if err != nil || u.Path == "" || !strings.HasPrefix(u.Path, "/") {
		return fmt.Errorf("%q is not a path on the site", a.URL)
	}
	page, err := get(ctx, u.RequestURI())
	if err != nil {
		return err
	}
	return writeFile(assetFile(dir, id, a.ID), page)
}

// assetFile is where a text's page is kept beside its record.
func assetFile(dir, record, text string) string {
	return filepath.Join(dir, "record", record, "text", text+".html")
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}
