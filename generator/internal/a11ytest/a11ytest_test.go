package a11ytest_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/internal/a11ytest"
)

// page has two violations that axe-core finds (an image without alt text
// and a link without a name) and one control whose focus does not show.
const page = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Test page</title>
<link rel="stylesheet" href="test.css">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<main id="main" tabindex="-1">
<h1>Test page</h1>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="> <a href="other.html"></a></p>
<p><a href="other.html">A link</a> <button type="button" class="quiet">Quiet</button> <input aria-label="Box" type="text"></p>
<details><summary>More</summary><p><a href="hidden.html">Hidden until open</a></p></details>
<p><a href="x.html" tabindex="-1">Not in the tab order</a> <button disabled>Disabled</button></p>
</main>
</body>
</html>
`

const css = `a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #fd0; }
.quiet:focus { outline: none; }
`

// site writes the page and its stylesheet into a folder.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"index.html": page, "test.css": css} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAxeRun finds the violations of the page over file:// and over
// http:// under a strict Content-Security-Policy, which does not stop
// axe-core, because the DevTools protocol injects it.
func TestAxeRun(t *testing.T) {
	axe := a11ytest.LoadAxe(t)
	b := browsertest.New(t)
	dir := site(t)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	for _, url := range []string{browsertest.FileURL(filepath.Join(dir, "index.html")), srv.URL + "/"} {
		t.Run(strings.Split(url, ":")[0], func(t *testing.T) {
			tab := b.Open(t, url)
			var ids []string
			for _, v := range axe.Run(t, tab) {
				ids = append(ids, v.ID)
				if len(v.Nodes) == 0 || v.Nodes[0].Selector() == "" || v.Help == "" {
					t.Errorf("violation %s lacks its elements or help: %+v", v.ID, v)
				}
				if f := v.Format(1); !strings.Contains(f, v.ID) || !strings.Contains(f, v.Nodes[0].Selector()) {
					t.Errorf("Format: %q", f)
				}
			}
			slices.Sort(ids)
			if !slices.Equal(ids, []string{"image-alt", "link-name"}) {
				t.Errorf("violations %q, want image-alt and link-name", ids)
			}
			// A second run reuses the injected copy.
			if again := axe.Run(t, tab); len(again) != len(ids) {
				t.Errorf("second run: %d violations, want %d", len(again), len(ids))
			}
			if errs := tab.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors: %q", errs)
			}
		})
	}
}

// TestKeyboard walks the page with Tab: the focusable elements in order,
// the ones that Tab must skip left out, and the one whose focus does not
// show found.
func TestKeyboard(t *testing.T) {
	b := browsertest.New(t)
	tab := b.Open(t, browsertest.FileURL(filepath.Join(site(t), "index.html")))
	want := a11ytest.MarkFocusables(t, tab)
	var descs []string
	for _, e := range want {
		descs = append(descs, e.Tag)
	}
	if got := strings.Join(descs, " "); got != "a a a button input summary" {
		t.Fatalf("focusable elements: %s; want the skip link, 2 links, the button, the input and the summary: %v", got, want)
	}
	got := a11ytest.TabThrough(t, tab, len(want)+3)
	if p := a11ytest.OrderProblems(want, got); len(p) > 0 {
		t.Errorf("order problems: %q", p)
	}
	var hidden []string
	for _, f := range got {
		if !f.Visible {
			hidden = append(hidden, f.Desc)
		}
	}
	if len(hidden) != 1 || !strings.Contains(hidden[0], "quiet") {
		t.Errorf("elements whose focus does not show: %q, want only the quiet button", hidden)
	}
	// OrderProblems notices an element Tab never reached and one out of order.
	if p := a11ytest.OrderProblems(want, []a11ytest.Focus{got[1], got[0]}); len(p) != len(want)-1 {
		t.Errorf("OrderProblems with 2 elements swapped and the rest missing: %q", p)
	}
	// TabUntil stops at the first match.
	tab.Reload(t)
	a11ytest.MarkFocusables(t, tab)
	if f := a11ytest.TabUntil(t, tab, "summary", 10); f.Tag != "summary" {
		t.Errorf("TabUntil(summary) stopped at %s", f.Desc)
	}
}

func TestPages(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"index.html", "404.html", "a/index.html", "a/b/index.html", "assets/x.html", "logo.svg"} {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := a11ytest.Pages(t, dir)
	if want := []string{"404.html", "a/b/index.html", "a/index.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
	for rel, want := range map[string]string{"index.html": "", "a/b/index.html": "a/b/", "404.html": "404.html"} {
		if got := a11ytest.Served(rel); got != want {
			t.Errorf("Served(%q) = %q, want %q", rel, got, want)
		}
	}
}
