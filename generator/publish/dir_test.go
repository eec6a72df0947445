package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSite(t *testing.T, out string, g Guard, files map[string]string) {
	t.Helper()
	d, err := OpenDir(out, g)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := d.WriteFile(name, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".handbook-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestCommitReplacesWholeSite(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "one", "old/index.html": "old"})
	writeSite(t, out, Guard{}, map[string]string{"index.html": "two", "a/b/c.css": "x"})
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file of the previous site survived")
	}
	if !HasMarker(out) {
		t.Error("no marker in the output")
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary folders left: %v", l)
	}
}

func TestAbortLeavesOutputAsItWas(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "good"})
	d, err := OpenDir(out, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if got := read(t, filepath.Join(out, "index.html")); got != "good" {
		t.Errorf("index.html = %q after an aborted build", got)
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary folders left: %v", l)
	}
}

func TestRefusals(t *testing.T) {
	parent := t.TempDir()
	hb := filepath.Join(parent, "handbook")
	if err := os.MkdirAll(filepath.Join(hb, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(parent, "policies")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "policy.docx"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(parent, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	g := Guard{Handbook: hb, Inputs: []string{filepath.Join(hb, "content")}}
	for _, tt := range []struct {
		out   string
		force bool
		want  string
	}{
		{hb, true, "handbook folder itself"},
		{parent, true, "contains the handbook folder"},
		{filepath.Join(hb, "content"), true, "which the build reads"},
		{filepath.Join(hb, "content", "x"), true, "which the build reads"},
		{foreign, false, "was not created by handbook"},
		{file, true, "is a file"},
		{"/", true, "root of a drive"},
	} {
		g.Force = tt.force
		_, err := OpenDir(tt.out, g)
		if err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("OpenDir(%s, force=%v) = %v, want %q", tt.out, tt.force, err, tt.want)
		}
	}
	if read(t, filepath.Join(foreign, "policy.docx")) != "keep" {
		t.Error("the foreign folder changed")
	}
	// An empty folder, and the default public/ inside the handbook, are fine.
	g.Force = false
	for _, ok := range []string{t.TempDir(), filepath.Join(hb, "public")} {
		d, err := OpenDir(ok, g)
		if err != nil {
			t.Errorf("OpenDir(%s) = %v", ok, err)
			continue
		}
		d.Abort()
	}
}

// TestRecoverAfterInterruptedSwap simulates a crash between the two renames
// of a swap on a platform without an atomic exchange: the output is gone
// and the previous site sits in a marked ".handbook-old-" folder.
func TestRecoverAfterInterruptedSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "previous"})
	old := filepath.Join(parent, ".public.handbook-old-abc123")
	if err := os.Rename(out, old); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(parent, ".public.handbook-new-xyz")
	if err := os.MkdirAll(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stale, MarkerName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	notOurs := filepath.Join(parent, ".public.handbook-new-notours")
	if err := os.MkdirAll(notOurs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "previous" {
		t.Errorf("recovered index.html = %q", got)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale marked temporary folder not removed")
	}
	if _, err := os.Stat(notOurs); err != nil {
		t.Error("a folder without the marker was removed")
	}
}

func TestSwapWithoutExchange(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "one"})
	d, err := OpenDir(out, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	d.noExchange = true
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "two" {
		t.Errorf("index.html = %q", got)
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary folders left: %v", l)
	}
}

func TestWriteFileRejectsEscapes(t *testing.T) {
	d, err := OpenDir(filepath.Join(t.TempDir(), "out"), Guard{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../b", ""} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}
