package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/publish"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyTree copies the folder src into a new temporary folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// startServe runs `handbook serve dir` until the test ends and returns
// its address.
func startServe(t *testing.T, dir string, extra ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int, 1)
	args := append([]string{"serve", dir, "--port", "-1", "--today", "2026-11-26"}, extra...)
	go func() { done <- run(ctx, args, out, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d:\n%s", code, out.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10 s of Ctrl+C")
		}
	})
	re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], out
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not start:\n%s", out.String())
	return "", nil
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, text); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestServeLiveReloadInBrowser is the preview as an editor meets it: a page
// open in the browser follows the files on disk without anyone touching
// the browser.
func TestServeLiveReloadInBrowser(t *testing.T) {
	b := browsertest.New(t)
	dir := copyTree(t, filepath.Join("..", "..", "examples", "northshire"))
	css := filepath.Join(dir, "theme", "assets", "extra.css")
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, []byte(".lede { color: rgb(10, 20, 30); }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, out := startServe(t, dir)
	tab := b.Open(t, base+"local-information/")
	tab.Eval(t, `window.handbookTestMarker = "same page"`, nil)

	// A change to the page's Markdown appears without the test reloading.
	page := filepath.Join(dir, "content", "local-information.md")
	appendFile(t, page, "\n\nThe new canteen opens on Monday.\n")
	tab.WaitFor(t, `document.body.innerText.includes("The new canteen opens on Monday.")`, 10*time.Second)

	// A stylesheet change is swapped in with no navigation: the marker
	// set on the window survives.
	tab.Eval(t, `window.handbookTestMarker = "before css"`, nil)
	if err := os.WriteFile(css, []byte(".lede { color: rgb(200, 20, 30); }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tab.WaitFor(t, `getComputedStyle(document.querySelector(".lede")).color === "rgb(200, 20, 30)"`, 10*time.Second)
	var marker string
	tab.Eval(t, `window.handbookTestMarker`, &marker)
	if marker != "before css" {
		t.Errorf("the page navigated on a CSS change (marker %q)", marker)
	}

	// Broken front matter shows the overlay with the file and line.
	good, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append([]byte("---\ntitle: [unclosed\n"), good[3:]...), 0o644); err != nil {
		t.Fatal(err)
	}
	tab.WaitFor(t, `/content\/local-information\.md:\d+:\d+: invalid YAML/.test(document.body.innerText)`, 10*time.Second)
	var role string
	tab.Eval(t, `(document.querySelector("[role=alertdialog]") || {}).getAttribute ? document.querySelector("[role=alertdialog]").getAttribute("role") : ""`, &role)
	if role != "alertdialog" {
		t.Error("no error overlay with role alertdialog")
	}

	// Fixing it clears the overlay, again without the test reloading.
	if err := os.WriteFile(page, good, 0o644); err != nil {
		t.Fatal(err)
	}
	tab.WaitFor(t, `!document.querySelector("[role=alertdialog]") && document.body.innerText.includes("The new canteen opens on Monday.")`, 10*time.Second)
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	if !regexp.MustCompile(`content/local-information\.md:\d+:\d+: invalid YAML`).MatchString(out.String()) {
		t.Errorf("the terminal did not print the error:\n%s", out.String())
	}
}

// TestServeBatchEqualsFullBuild writes 200 pages at once, as a git
// checkout does, and checks the preview then serves exactly what a full
// build makes.
func TestServeBatchEqualsFullBuild(t *testing.T) {
	dir := copyTree(t, filepath.Join("..", "..", "examples", "northshire"))
	base, out := startServe(t, dir)
	batch := filepath.Join(dir, "content", "batch")
	if err := os.MkdirAll(batch, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		name := filepath.Join(batch, "page-"+string(rune('a'+i/26))+string(rune('a'+i%26))+".md")
		if err := os.WriteFile(name, []byte("---\ntitle: Batch page\n---\nSome text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(fetch(t, base+"batch/page-hr/"), "Batch page") {
		if time.Now().After(deadline) {
			t.Fatalf("the new pages never appeared:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // let any trailing rebuild finish
	if n := strings.Count(out.String(), "Rebuilt"); n > 2 {
		t.Errorf("%d rebuilds for one batch of 200 files, want 1 (2 at most if the folder was seen first):\n%s", n, out.String())
	}

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	mem := publish.NewMemory()
	if _, err := generator.Build(context.Background(), root.FS(), mem, generator.Options{Display: filepath.ToSlash(dir), Today: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Drafts: true}); err != nil {
		t.Fatal(err)
	}
	for _, name := range mem.Names() {
		want, _ := mem.File(name)
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		url := base + strings.TrimSuffix(name, "index.html")
		got := fetch(t, url)
		// The server adds its live-reload script to every page.
		got = strings.Replace(got, `<script src="/_handbook/livereload.js" defer></script>`, "", 1)
		if got != string(want) {
			t.Errorf("%s differs from a full build", name)
		}
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestServeWithoutHandbook shows the starter handbook, with a notice in
// the terminal and on every page saying how to start your own.
func TestServeWithoutHandbook(t *testing.T) {
	base, out := startServe(t, t.TempDir())
	home := fetch(t, base)
	for _, want := range []string{"handbook init", "Example Hospitals NHS Foundation Trust", "banner-notice"} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	if !strings.Contains(out.String(), "handbook init") {
		t.Errorf("the terminal does not say how to start:\n%s", out.String())
	}
}

// TestServeShowsDrafts: the preview includes drafts, with a banner.
func TestServeShowsDrafts(t *testing.T) {
	dir := writeTree(t, goodHandbook+`-- content/draft.md --
---
title: Not approved yet
status: draft
---
Draft text.
`)
	base, _ := startServe(t, dir)
	page := fetch(t, base+"draft/")
	if !strings.Contains(page, "Draft – not approved") || !strings.Contains(page, "Draft text.") {
		t.Errorf("the draft is not shown with its banner:\n%.500s", page)
	}
}
