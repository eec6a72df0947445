package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/check"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/check")

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/handbook -run Check -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update and review the diff):\n--- got\n%s", path, got)
	}
}

// TestCheckPlantedFixture runs `handbook check` on a handbook with one
// planted instance of every rule and compares both output formats with
// golden files. The JSON must also validate against the documented
// schema.
func TestCheckPlantedFixture(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "check")
	for _, fixture := range []string{"planted", "starter-changed"} {
		t.Run(fixture, func(t *testing.T) {
			dir := filepath.Join(root, fixture)
			code, text, stderr := runCLI(t, "check", dir, "--today", "2026-11-26")
			wantCode := map[string]int{"planted": 1, "starter-changed": 0}[fixture]
			if code != wantCode {
				t.Errorf("exit %d, want %d\n%s", code, wantCode, stderr)
			}
			text = strings.ReplaceAll(text, filepath.ToSlash(dir)+"/", "")
			golden(t, filepath.Join(root, fixture+".txt"), text)

			code, js, _ := runCLI(t, "check", dir, "--today", "2026-11-26", "--format", "json")
			if code != wantCode {
				t.Errorf("json: exit %d, want %d", code, wantCode)
			}
			if err := check.ValidateJSON([]byte(js)); err != nil {
				t.Errorf("the JSON does not match generator/check/schema.json:\n%v", err)
			}
			js = strings.ReplaceAll(js, filepath.ToSlash(dir)+"/", "")
			golden(t, filepath.Join(root, fixture+".json"), js)
		})
	}
}

// TestPlantedFixtureCoversEveryRule makes sure the planted fixtures hold
// an instance of every rule that `handbook check` can report.
func TestPlantedFixtureCoversEveryRule(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "check")
	var all strings.Builder
	for _, fixture := range []string{"planted", "starter-changed"} {
		_, js, _ := runCLI(t, "check", filepath.Join(root, fixture), "--today", "2026-11-26", "--format", "json")
		all.WriteString(js)
	}
	for _, r := range check.Rules() {
		// link_to_draft only arises in builds: check includes drafts and
		// reports them under the draft rule instead.
		if r.Name == "link_to_draft" {
			continue
		}
		if !strings.Contains(all.String(), `"rule": "`+r.Name+`"`) {
			t.Errorf("no planted instance of rule %s", r.Name)
		}
	}
}

// TestStarterAndExamplesPassStrict: the starter handbook and every example
// pass handbook check --strict with no findings at all.
func TestStarterAndExamplesPassStrict(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*"))
	starter := filepath.Join(t.TempDir(), "starter")
	if code, _, stderr := runCLI(t, "init", starter); code != 0 {
		t.Fatal(stderr)
	}
	for _, dir := range append(dirs, starter) {
		code, stdout, stderr := runCLI(t, "check", dir, "--strict", "--today", "2026-11-26")
		if code != 0 || !strings.Contains(stdout, "No problems found") {
			t.Errorf("%s: exit %d\n%s%s", dir, code, stdout, stderr)
		}
	}
}

func TestCheckReport(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "check", "planted")
	for _, name := range []string{"review.csv", "review.md"} {
		out := filepath.Join(t.TempDir(), name)
		runCLI(t, "check", dir, "--today", "2026-11-26", "--report", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Overdue") && !strings.Contains(string(b), "overdue") {
			t.Errorf("%s does not list the overdue page:\n%s", name, b)
		}
	}
	if code, _, stderr := runCLI(t, "check", dir, "--report", "review.txt"); code != 2 || !strings.Contains(stderr, ".csv or .md") {
		t.Errorf("--report review.txt: exit %d, %q", code, stderr)
	}
}
