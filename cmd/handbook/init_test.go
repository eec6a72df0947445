package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-handbook")
	code, stdout, stderr := runCLI(t, "init", dir)
	if code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "replace every value marked EXAMPLE") {
		t.Errorf("init output = %q", stdout)
	}
	if fi, err := os.Stat(filepath.Join(dir, "content")); err != nil || !fi.IsDir() {
		t.Errorf("no content folder: %v", err)
	}
	code, _, stderr = runCLI(t, "build", dir, "--today", "2026-11-26")
	if code != 0 || strings.TrimSpace(stderr) != "" {
		t.Fatalf("build after init: exit %d, stderr:\n%s", code, stderr)
	}
	// The placeholder trust appears wherever a trust value is used.
	for _, page := range []string{"index.html", "about-the-role/committees/index.html", "contacts/index.html", "accessibility/index.html"} {
		b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Example Hospitals NHS Foundation Trust") {
			t.Errorf("%s does not show the placeholder trust name", page)
		}
	}

	// init never overwrites handbook.yaml, even with --force.
	if err := os.WriteFile(filepath.Join(dir, "handbook.yaml"), []byte("trust: {name: Mine}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "init", dir, "--force")
	if code != 1 || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "handbook.yaml")); string(b) != "trust: {name: Mine}\n" {
		t.Error("handbook.yaml was overwritten")
	}
}

func TestInitRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "init", dir); code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "init", dir, "--force"); code != 0 {
		t.Errorf("--force: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("init --force removed a file")
	}
}

func TestNewPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hb")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCLI(t, "new", "--dir", dir, "--today", "2026-11-26", `about-the-role\Local parking.md`)
	if code != 0 {
		t.Fatalf("new: exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content", "about-the-role", "Local parking.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Local parking\n", "weight: 60\n", "status: draft\n", "owner: Patient Safety Specialist\n", "approved_by: Patient Safety Committee\n", "review_by: 2029-11-26\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new page lacks %q:\n%s", want, b)
		}
	}
	// It builds: as a draft it is left out, with --drafts it is in.
	if code, _, stderr := runCLI(t, "build", dir, "--drafts"); code != 0 || stderr != "" {
		t.Fatalf("build --drafts: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "about-the-role", "local-parking", "index.html")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := runCLI(t, "new", "--dir", dir, "about-the-role/Local parking.md"); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d, %q", code, stderr)
	}
}

func TestNewFromStarter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hb")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCLI(t, "new", "--dir", dir, "--from-starter", "about-the-role/committees.md"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content", "about-the-role", "committees.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nreplaces: about-the-role/committees.md@") || !strings.HasPrefix(string(b), "---\ntitle:") {
		t.Errorf("copy does not record what it replaces:\n%.300s", b)
	}
	if code, _, stderr := runCLI(t, "build", dir); code != 0 || stderr != "" {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "new", "--dir", dir, "--from-starter", "no-such-page.md"); code != 1 || !strings.Contains(stderr, "the starter pages are:") {
		t.Errorf("unknown starter page: exit %d, %q", code, stderr)
	}
}

// TestBadConfigAndMarkdown: each mistake gives exit 1 and one precise
// message at its file, line and column.
func TestBadConfigAndMarkdown(t *testing.T) {
	const yaml = "starter: false\ntrust:\n  name: Test Trust\n"
	page := func(body string) string {
		return "-- handbook.yaml --\n" + yaml + "contacts:\n  sponsor: {name: Alex, email: alex@example.nhs.uk}\n-- content/_index.md --\n" + body
	}
	tests := []struct {
		name    string
		archive string
		want    string
	}{
		{"unknown variable", page("Hello {{ trust.nmae }}.\n"), `content/_index.md:1:7: {{ trust.nmae }}: unknown trust value (did you mean "trust.name"?)`},
		{"misspelt component", page("{{ comittees }}\n"), `content/_index.md:1:1: {{ comittees }}: unknown trust value (did you mean "committees"?)`},
		{"undefined contact in Markdown", page("{{ contact \"ftsu_guardian\" }}\n"), `content/_index.md:1:1: {{ contact "ftsu_guardian" }}: no contact "ftsu_guardian" in handbook.yaml`},
		{"undefined contact in config", "-- handbook.yaml --\n" + yaml + "role:\n  reports_to: sponsor\n", `handbook.yaml:5:15: role.reports_to refers to contact "sponsor", which is not defined under contacts`},
		{"invalid email", "-- handbook.yaml --\n" + yaml + "contacts:\n  sponsor: {name: A, email: alex.nhs.uk}\n", `handbook.yaml:5:29: want an e-mail address such as "name@nhs.net", got "alex.nhs.uk"`},
		{"non-hex colour", "-- handbook.yaml --\nstarter: false\ntrust:\n  name: T\n  brand_colour: navy\n", `handbook.yaml:4:17: want a hex colour such as "#005EB8", got "navy"`},
		{"low-contrast colour", "-- handbook.yaml --\nstarter: false\ntrust:\n  name: T\n  brand_colour: \"#FFB81C\"\n", `handbook.yaml:4:17: trust.brand_colour #FFB81C has a contrast of 1.`},
		{"string for a number", "-- handbook.yaml --\n" + yaml + "governance:\n  review_cycle_months: three years\n", `handbook.yaml:5:24: want a whole number, got "three years"`},
		{"empty value", page("Call {{ contacts.sponsor.phone }}.\n"), `content/_index.md:1:6: {{ contacts.sponsor.phone }}: is empty in handbook.yaml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.archive)
			code, _, stderr := runCLI(t, "build", dir)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, stderr)
			}
			var msgs []string
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.HasPrefix(line, "Build failed") {
					msgs = append(msgs, strings.TrimPrefix(line, filepath.ToSlash(dir)+"/"))
				}
			}
			if len(msgs) != 1 || !strings.HasPrefix(msgs[0], tt.want) {
				t.Errorf("messages:\n%s\nwant exactly one, starting %q", strings.Join(msgs, "\n"), tt.want)
			}
		})
	}
}
