package recto

import "testing"

func TestNormalFormerPath(t *testing.T) {
	for in, want := range map[string]string{
		"letter-from-alihan-tore": "/document/letter-from-alihan-tore",
		"119185":                  "/document/119185",
		"/document/119185/":       "/document/119185",
		"node/4521":               "/node/4521",
		" /node/4521 ":            "/node/4521",
		"https://digitalarchive.wilsoncenter.org/document/119185?page=2#p3": "/document/119185",
		"http://example.org/document/caf%C3%A9":                             "/document/café",
		"/document/caf%C3%A9?utm_source=x":                                  "/document/café",
		"/document/café":                                                    "/document/café",
		"/Document/Letter":                                                  "/Document/Letter",
	} {
		got, err := NormalFormerPath(in)
		if err != nil || got != want {
			t.Errorf("NormalFormerPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	long := "/node/" + string(make([]byte, MaxFormerPathLength))
	for _, bad := range []string{"", "/", "?q=1", "/node/../admin", "/node//7", "/node/%zz", "/node/a\x00b", long} {
		if got, err := NormalFormerPath(bad); err == nil {
			t.Errorf("NormalFormerPath(%q) = %q, want an error", bad, got)
		}
	}
}
