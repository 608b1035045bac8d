package web_test

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto"
	"github.com/recto-archive/recto/internal/web"
)

func TestQuery(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want string // part of the error message; "" for none
	}{
		{"term=Mao&q=%E4%BC%8A%E5%AE%81", ""},
		{"term=a%09b%0Ac%0D", ""}, // tab, new line and carriage return are text
		{"term=" + strings.Repeat("a", web.MaxParamBytes), ""},
		{"term=%ff%00", "term is not UTF-8"},
		{"term=%00", "term holds a control character"},
		{"term=%1b", "term holds a control character"},
		{"term=%c2%85", "term holds a control character"}, // NEL, a C1 control
		{"term=" + strings.Repeat("a", web.MaxParamBytes+1), "term is longer than 2000 bytes"},
		{"b=1&a=%00&c=%ff", "value of a "}, // in name order
		{"%ff=1", "parameter name is not UTF-8"},
		{"q=%zz", "malformed"},
	} {
		_, err := web.Query(c.raw)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%.40s: %v", c.raw, err)
		case c.want != "" && (recto.ErrorCode(err) != recto.EINVALID || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%.40s: %v, want EINVALID saying %q", c.raw, err, c.want)
		}
	}
}
