package recto_test

import (
	"strings"
	"testing"

	"github.com/recto-archive/recto"
)

func TestReadLanguage(t *testing.T) {
	for _, c := range []struct {
		in, tag string
		named   bool
	}{
		{"ru", "ru", false}, {"zh-Hans", "zh-Hans", false},
		{"Russian", "ru", true}, {"russian", "ru", true}, {" RUSSIAN ", "ru", true},
		{"Chinese", "zh", true}, {"German", "de", true}, {"Uyghur", "ug", true}, {"Uighur", "ug", true},
		{"Kazakh", "kk", true}, {"English", "en", true}, {"French", "fr", true},
		{"Ottoman Turkish", "ota", true}, {"ottoman  turkish", "ota", true},
		{"русский", "ru", true}, {"Русский", "ru", true}, {"中文", "zh", true}, {"Deutsch", "de", true},
		{"қазақ тілі", "kk", true}, {"Farsi", "fa", true},
	} {
		tag, named, err := recto.ReadLanguage(c.in)
		if err != nil || tag != c.tag || named != c.named {
			t.Errorf("ReadLanguage(%q) = %q, %v, %v; want %q, %v, nil", c.in, tag, named, err, c.tag, c.named)
		}
	}
}

// TestReadLanguageRefuses checks that an unknown name is an EINVALID error
// that suggests the closest name, or says what is accepted.
func TestReadLanguageRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"Rusian":                 "did you mean russian, ru?",
		"Kazak":                  "did you mean kazakh, kk?",
		"Klingonese":             "English names such as Russian",
		"":                       "neither a BCP 47 language tag",
		"en_US":                  "neither a BCP 47 language tag",
		strings.Repeat("x", 100): "English names such as Russian",
	} {
		_, _, err := recto.ReadLanguage(in)
		if recto.ErrorCode(err) != recto.EINVALID || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadLanguage(%q) error = %v; want EINVALID saying %q", in, err, want)
		}
	}
}
