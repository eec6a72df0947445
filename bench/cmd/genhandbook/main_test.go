package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hb")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-pages", "12", "-seed", "3", "-o", out}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "12-page") {
		t.Errorf("stdout %q", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "content", "_index.md")); err != nil {
		t.Error(err)
	}
	if err := run([]string{"-pages", "12", "-o", out}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second run into the same folder: got %v, want a not-empty error", err)
	}
	if err := run([]string{"-pages", "12"}, &stdout, &stderr); err == nil {
		t.Error("run without -o succeeded")
	}
	if err := run([]string{"-pages", "0", "-o", filepath.Join(t.TempDir(), "x")}, &stdout, &stderr); err == nil {
		t.Error("run with -pages 0 succeeded")
	}
}
