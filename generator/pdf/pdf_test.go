package pdf

import (
	"slices"
	"strings"
	"testing"
)

func TestCandidates(t *testing.T) {
	env := map[string]string{`ProgramFiles`: `C:\Program Files`, `LOCALAPPDATA`: `C:\Users\a\AppData\Local`, "HOME": "/Users/a"}
	_, win := candidates("windows", func(k string) string { return env[k] })
	want := `C:\Program Files/Microsoft\Edge\Application\msedge.exe`
	found := false
	for _, p := range win {
		if strings.Contains(strings.ReplaceAll(p, `\`, "/"), "Microsoft/Edge/Application/msedge.exe") {
			found = true
		}
	}
	if !found {
		t.Errorf("Windows candidates lack Edge (%s): %q", want, win)
	}
	_, mac := candidates("darwin", func(k string) string { return env[k] })
	if !slices.Contains(mac, "/Users/a/Applications/Google Chrome.app/Contents/MacOS/Google Chrome") {
		t.Errorf("macOS candidates lack a per-user Chrome: %q", mac)
	}
}

func TestFindExplicitMissing(t *testing.T) {
	if _, err := Find("/no/such/chrome"); err == nil || !strings.Contains(err.Error(), "no such program") {
		t.Errorf("err = %v", err)
	}
}

func TestFileURL(t *testing.T) {
	if got := fileURL("/tmp/a b/print/index.html"); got != "file:///tmp/a%20b/print/index.html" {
		t.Errorf("fileURL = %s", got)
	}
}
