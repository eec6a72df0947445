package generator_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/publish"
)

// buildExample builds examples/name into a new folder on disk.
func buildExample(t *testing.T, name string, opts generator.Options) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	dir := filepath.Join("..", "examples", name)
	target, err := publish.OpenDir(out, publish.Guard{Handbook: dir})
	if err != nil {
		t.Fatal(err)
	}
	opts.Today = today
	if _, err := generator.Build(context.Background(), osRoot(t, dir), target, opts); err != nil {
		target.Abort()
		t.Fatal(err)
	}
	if err := target.Commit(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBrowserPortableOverFile opens the portable build of an example
// straight from disk, as a reader opening it from a shared drive would.
func TestBrowserPortableOverFile(t *testing.T) {
	b := browsertest.New(t)
	out := buildExample(t, "northshire", generator.Options{Portable: true})
	tab := b.Open(t, browsertest.FileURL(filepath.Join(out, "index.html")))
	checkStyledAndNavigates(t, tab, "about-the-role/index.html")
	for _, r := range tab.Requests() {
		if !strings.HasPrefix(r, "file://") {
			t.Errorf("request to another host: %s", r)
		}
	}
}

// TestBrowserUnderSubPath serves an ordinary build under a sub-path with a
// plain static file server, as an intranet would.
func TestBrowserUnderSubPath(t *testing.T) {
	b := browsertest.New(t)
	out := buildExample(t, "northshire", generator.Options{})
	base := browsertest.ServeDir(t, out, "/intranet/psp/")
	tab := b.Open(t, base)
	checkStyledAndNavigates(t, tab, "/intranet/psp/about-the-role/")
	for _, r := range tab.Requests() {
		if !strings.HasPrefix(r, base) {
			t.Errorf("request outside the site: %s", r)
		}
	}
}

func checkStyledAndNavigates(t *testing.T, tab *browsertest.Tab, wantPath string) {
	t.Helper()
	var font, border string
	tab.Eval(t, `getComputedStyle(document.body).fontFamily`, &font)
	tab.Eval(t, `getComputedStyle(document.querySelector('.site-header')).borderBottomColor`, &border)
	if !strings.Contains(font, "Arial") {
		t.Errorf("body font %q: the stylesheet did not load", font)
	}
	if border != "rgb(0, 94, 184)" {
		t.Errorf("header border colour %q, want NHS Blue from the brand stylesheet", border)
	}
	tab.Click(t, `.site-nav a[href*="about-the-role"]`)
	tab.WaitFor(t, `location.href.endsWith(`+jsString(wantPath)+`)`, 10*time.Second)
	tab.WaitFor(t, `document.readyState === "complete"`, 10*time.Second)
	var h1 string
	tab.Eval(t, `document.querySelector('h1').textContent`, &h1)
	if h1 != "About the role" {
		t.Errorf("after following the sidebar link, h1 = %q", h1)
	}
	tab.Eval(t, `getComputedStyle(document.body).fontFamily`, &font)
	if !strings.Contains(font, "Arial") {
		t.Errorf("stylesheet not loaded on the second page: font %q", font)
	}
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func jsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
