// Package pdf prints the whole-handbook page to a PDF file through a
// Chrome, Chromium or Microsoft Edge that is already installed. It never
// downloads a browser: on a locked-down laptop the one IT installed is
// what there is.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// ErrNoBrowser is returned when no Chrome, Chromium or Edge is found.
var ErrNoBrowser = errors.New("no Chrome, Chromium or Microsoft Edge found")

// candidates lists browser programs to look for on PATH, then the usual
// install locations of each platform.
func candidates(goos string, getenv func(string) string) (names, paths []string) {
	names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge", "microsoft-edge", "microsoft-edge-stable"}
	switch goos {
	case "windows":
		for _, base := range []string{getenv("ProgramFiles"), getenv("ProgramFiles(x86)"), getenv("LOCALAPPDATA")} {
			if base == "" {
				continue
			}
			paths = append(paths,
				filepath.Join(base, `Google\Chrome\Application\chrome.exe`),
				filepath.Join(base, `Microsoft\Edge\Application\msedge.exe`),
				filepath.Join(base, `Chromium\Application\chrome.exe`),
			)
		}
	case "darwin":
		for _, app := range []string{
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
		} {
			paths = append(paths, app)
			if home := getenv("HOME"); home != "" {
				paths = append(paths, filepath.Join(home, app))
			}
		}
	default:
		paths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/microsoft-edge", "/snap/bin/chromium"}
	}
	return names, paths
}

// Find returns the browser to print with: explicit when given, otherwise
// the first Chrome, Chromium or Edge on PATH or in the usual places.
func Find(explicit string) (string, error) {
	if explicit != "" {
		if fi, err := os.Stat(explicit); err != nil || fi.IsDir() {
			return "", fmt.Errorf("--chrome %s: no such program", explicit)
		}
		return explicit, nil
	}
	names, paths := candidates(runtime.GOOS, os.Getenv)
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: install one of them, or give its location with --chrome PATH (handbook never downloads a browser)", ErrNoBrowser)
}

// Print asks browser to print the HTML file at page (an absolute path) to
// the PDF file out. The browser runs headless with a profile of its own
// in a temporary folder, and without network access of its own accord.
func Print(ctx context.Context, browser, page, out string) error {
	profile, err := os.MkdirTemp("", "handbook-pdf-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	args := []string{
		"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--user-data-dir=" + profile,
		"--no-pdf-header-footer", "--print-to-pdf=" + abs,
		"--virtual-time-budget=5000",
	}
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		// Chromium refuses to start its sandbox as root (containers, CI).
		args = append(args, "--no-sandbox")
	}
	args = append(args, fileURL(page))
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, args...)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	_ = os.Remove(abs)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s could not print the handbook: %v\n%s", filepath.Base(browser), err, tail(output.String()))
	}
	if fi, err := os.Stat(abs); err != nil || fi.Size() == 0 {
		return fmt.Errorf("%s ran but wrote no PDF\n%s", filepath.Base(browser), tail(output.String()))
	}
	return nil
}

func fileURL(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x → /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.Join(lines, "\n")
}
