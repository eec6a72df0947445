package check

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// today is the date every test checks against, so nothing turns red by
// itself when a date passes.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// baseConfig is a handbook.yaml with governance defaults: approved on
// 15 January 2025, so pages are due for review on 15 January 2028.
const baseConfig = `trust:
  name: Northshire Hospitals NHS Foundation Trust
contacts:
  sponsor: {name: Sam Patel, role: Patient Safety Specialist}
governance:
  default_owner: Patient Safety Specialist
  owner_contact: sponsor
  approved_by: Patient Safety Committee
  approved_on: 2025-01-15
`

// parseConfig parses a handbook.yaml with the real parser.
func parseConfig(t *testing.T, src string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("handbook.yaml", []byte(src))
	if err != nil {
		t.Fatalf("config.Parse: %v", err)
	}
	return cfg
}

func date(s string) config.Date {
	d, err := config.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// brief formats a finding as "path:line:col severity rule".
func brief(d *diag.Diagnostic) string {
	return fmt.Sprintf("%s:%d:%d %s %s", d.Path, d.Line, d.Col, d.Severity, d.Rule)
}

// briefs formats the findings of the rules named (all when none).
func briefs(ds []*diag.Diagnostic, rules ...string) []string {
	var out []string
	for _, d := range ds {
		if len(rules) == 0 || contains(rules, d.Rule) {
			out = append(out, brief(d))
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func equalLists(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// words returns n words of plain text, for sentences of a known length.
func words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = "word"
	}
	return strings.Join(w, " ")
}
