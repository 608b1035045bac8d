package htmlcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// NuEnv names the environment variable holding the path of vnu.jar, the Nu
// Html Checker (npm package vnu-jar); .ci/run installs it and sets it.
const NuEnv = "RECTO_VNU_JAR"

// Validate runs the Nu Html Checker over pages (name → HTML) in one Java run
// and fails tb for every error it reports. It skips, saying why, when
// RECTO_VNU_JAR is unset; when it is set but unusable, it fails.
func Validate(tb testing.TB, pages map[string][]byte) {
	tb.Helper()
	jar := os.Getenv(NuEnv)
	if jar == "" {
		tb.Skipf("HTML5 validation skipped: set %s to the path of vnu.jar (npm install vnu-jar); .ci/run does", NuEnv)
	}
	dir := tb.TempDir()
	args := []string{"-jar", jar, "--errors-only", "--format", "json"}
	names := map[string]string{}
	i := 0
	for name, page := range pages {
		i++
		file := filepath.Join(dir, fmt.Sprintf("page%04d.html", i))
		if err := os.WriteFile(file, page, 0o644); err != nil {
			tb.Fatal(err)
		}
		names["file:"+file] = name
		args = append(args, file)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("java", args...)
	cmd.Stderr = &stderr
	err := cmd.Run()
	var report struct {
		Messages []struct {
			URL      string `json:"url"`
			Type     string `json:"type"`
			Message  string `json:"message"`
			LastLine int    `json:"lastLine"`
			Extract  string `json:"extract"`
		} `json:"messages"`
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &report); jerr != nil {
		tb.Fatalf("vnu: %v (exit: %v): %s", jerr, err, stderr.String())
	}
	for _, m := range report.Messages {
		tb.Errorf("%s line %d: %s: %s\n\t%s", names[m.URL], m.LastLine, m.Type, m.Message, m.Extract)
	}
}
