package publish

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRemoveSiteKeepsMarkerToTheEnd checks removeSite removes a marked
// folder completely, and that Recover finishes a removal that was cut
// short with the marker still there (what removeSite guarantees: a build
// killed while it removed the previous site leaves a marked folder).
func TestRemoveSiteKeepsMarkerToTheEnd(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "current"})

	// A removal interrupted part-way: the marker and some of the site left.
	half := filepath.Join(parent, ".public.handbook-new-halfgone")
	for name, data := range map[string]string{MarkerName: markerText, "about/index.html": "x", "index.html": "y"} {
		p := filepath.Join(half, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(half); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the half-removed marked folder is still there: %v", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "current" {
		t.Errorf("the output changed: %q", got)
	}

	if err := removeSite(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("removeSite left %s: %v", out, err)
	}
	if err := removeSite(filepath.Join(parent, "missing")); err != nil {
		t.Errorf("removeSite of a missing folder: %v", err)
	}
}

// TestStaleFolderThatCannotBeRemoved checks that a stale temporary folder
// Recover cannot remove (made immutable here; on Windows, a file in it
// held open by another program, or, under Wine, any folder) does not stop
// the next build: found running handbook.exe under Wine, where after one
// rebuild every build failed with "remove the stale temporary folder".
func TestStaleFolderThatCannotBeRemoved(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("needs chattr")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, Guard{}, map[string]string{"index.html": "previous"})
	stuck := filepath.Join(parent, ".public.handbook-old-stuck")
	for name, data := range map[string]string{MarkerName: markerText, "sub/index.html": "old"} {
		p := filepath.Join(stuck, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sub := filepath.Join(stuck, "sub")
	if msg, err := exec.Command(chattr, "+i", sub).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder immutable here (needs root and a file system that supports it): %v %s", err, msg)
	}
	t.Cleanup(func() { _ = exec.Command(chattr, "-i", sub).Run() })

	if err := Recover(out); err != nil {
		t.Fatalf("Recover: %v", err)
	}
	writeSite(t, out, Guard{}, map[string]string{"index.html": "new"})
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q after a build beside a stuck folder", got)
	}
	if _, err := os.Stat(stuck); err != nil {
		t.Errorf("the stuck folder (kept for the next build to retry) is gone: %v", err)
	}
}
