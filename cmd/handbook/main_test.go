package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/buildtest"
)

// runCLI runs the command line in-process and returns its exit code and
// output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// writeTree writes a txtar archive into a new temporary folder.
func writeTree(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range buildtest.Parse(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot reads every file under dir, to show a folder was left alone.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, b := range buildtest.ReadDir(t, dir) {
		out[name] = string(b)
	}
	return out
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("folder had %d files, now %d", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed or disappeared", name)
		}
	}
}

const goodHandbook = `-- handbook.yaml --
title: Test handbook
starter: false
trust:
  name: Test Hospitals NHS Trust
-- content/_index.md --
---
title: Welcome
---
Read [the guide](guide.md).
-- content/guide.md --
---
title: Guide
---
Hello.
`

func TestBuildWritesSite(t *testing.T) {
	dir := writeTree(t, goodHandbook)
	code, stdout, stderr := runCLI(t, "build", dir, "--today", "2026-11-26")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Built 2 pages") {
		t.Errorf("stdout = %q", stdout)
	}
	for _, f := range []string{"index.html", "guide/index.html", "404.html", ".handbook-site"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	// A second build replaces the first, leaving no temporary folders.
	if code, _, stderr := runCLI(t, "build", dir); code != 0 {
		t.Fatalf("rebuild: exit %d\n%s", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".handbook-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

func TestBuildBadInputReportsEveryErrorAndKeepsOutput(t *testing.T) {
	dir := writeTree(t, goodHandbook)
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCLI(t, "build", dir, "-o", out); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := snapshot(t, out)

	bad := writeTree(t, `-- handbook.yaml --
starter: false
trust:
  name: Test Hospitals NHS Trust
-- content/_index.md --
---
title: Home
---
See [a missing page](missing.md) and ![a missing image](nothing.png).
-- content/unclosed.md --
---
title: Never closed
Body
-- content/malformed.md --
---
title: [oops
---
-- content/latin1.md --
caf`+"\xe9"+`
-- content/Guide.md --
One.
-- content/guide.md --
Two.
`)
	code, _, stderr := runCLI(t, "build", bad, "-o", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{
		"content/_index.md:4:5: link to \"missing.md\": no such page",
		"content/_index.md:4:38: image \"nothing.png\" not found",
		"content/unclosed.md:1:1: front matter starting here is never closed",
		"content/malformed.md:2:",
		"content/latin1.md:1:4: invalid UTF-8",
		"content/guide.md:1:1: this page and " + filepath.ToSlash(bad) + "/content/Guide.md both make the page guide/",
		"Build failed with 6 error(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not contain %q:\n%s", want, stderr)
		}
	}
	sameTree(t, before, snapshot(t, out))

	// An unknown key in handbook.yaml, with line, column and a suggestion.
	if err := os.WriteFile(filepath.Join(bad, "handbook.yaml"), []byte("starter: false\ntrust:\n  name: T\n  colour: red\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "build", bad, "-o", out)
	if code != 1 || !strings.Contains(stderr, "handbook.yaml:4:3: unknown key \"colour\"") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	sameTree(t, before, snapshot(t, out))
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	dir := writeTree(t, goodHandbook)
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "policy.docx"), []byte("important"), 0o644); err != nil {
		t.Fatal(err)
	}
	handbookBefore := snapshot(t, dir)
	tests := []struct {
		name, out, want string
		force           bool
	}{
		// These are refused even with --force.
		{"handbook folder", dir, "is the handbook folder itself", true},
		{"content folder", filepath.Join(dir, "content"), "which the build reads", true},
		{"inside content", filepath.Join(dir, "content", "site"), "which the build reads", true},
		{"parent of handbook", filepath.Dir(dir), "contains the handbook folder", true},
		// This one only without it.
		{"folder not made by handbook", foreign, "was not created by handbook", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"build", dir, "-o", tt.out}
			if tt.force {
				args = append(args, "--force")
			}
			code, _, stderr := runCLI(t, args...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, tt.want)
			}
		})
	}
	sameTree(t, handbookBefore, snapshot(t, dir))
	if b, err := os.ReadFile(filepath.Join(foreign, "policy.docx")); err != nil || string(b) != "important" {
		t.Errorf("the foreign folder was touched: %v", err)
	}
	// --force replaces a folder handbook did not create.
	if code, _, stderr := runCLI(t, "build", dir, "-o", foreign, "--force"); code != 0 {
		t.Fatalf("--force: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(foreign, "index.html")); err != nil {
		t.Errorf("--force did not build: %v", err)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "Commands:"},
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "-nope"},
		{[]string{"build", "a", "b"}, 2, "too many arguments"},
		{[]string{"build", "-h"}, 0, "--base-url URL"},
		{[]string{"build", "--today", "tomorrow"}, 2, "want a date written YYYY-MM-DD"},
		{[]string{"version"}, 0, "handbook "},
		{[]string{"build", filepath.Join(t.TempDir(), "missing")}, 1, "no handbook folder"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("handbook %s: exit %d, output %q; want %d and %q", strings.Join(tt.args, " "), code, stdout+stderr, tt.code, tt.want)
		}
	}
}

func TestBuildFlagsAfterFolder(t *testing.T) {
	dir := writeTree(t, goodHandbook)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "build", dir, "-o", out, "--portable", "--base-url", "https://example.nhs.uk/psp/")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(b), `href="guide/index.html"`) {
		t.Errorf("--portable after the folder not applied: %v", err)
	}
}
