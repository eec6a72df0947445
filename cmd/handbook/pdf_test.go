package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// needTools skips the test when a program is missing, or fails it when
// the CI environment variable is set, so a broken CI image never passes.
func needTools(t *testing.T, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			msg := p + " is not installed: apt-get install chromium poppler-utils fonts-liberation (or run .ci/run)"
			if os.Getenv("CI") != "" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

func TestPDF(t *testing.T) {
	needTools(t, "chromium", "pdftotext", "pdfinfo")
	out := filepath.Join(t.TempDir(), "northshire.pdf")
	code, stdout, stderr := runCLI(t, "pdf", "../../examples/northshire", "-o", out, "--today", "2026-11-26")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	first, err := exec.Command("pdftotext", "-f", "1", "-l", "1", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(first)), " ")
	for _, want := range []string{"Northshire Hospitals NHS Foundation Trust", "Patient Safety Partner handbook", "Uncontrolled when printed"} {
		if !strings.Contains(text, want) {
			t.Errorf("first page lacks %q: %q", want, text)
		}
	}
	info, err := exec.Command("pdfinfo", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	// About 30 pages of content, each top-level section on a new sheet:
	// dozens of A4 pages, not a handful and not hundreds.
	if pages < 25 || pages > 150 {
		t.Errorf("the PDF has %d pages, want between 25 and 150", pages)
	}
}

func TestPDFWithoutBrowser(t *testing.T) {
	code, _, stderr := runCLI(t, "pdf", "../../examples/northshire", "--chrome", filepath.Join(t.TempDir(), "no-chrome"))
	if code != 1 || !strings.Contains(stderr, "no such program") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
