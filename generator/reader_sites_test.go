package generator_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/internal/a11ytest"
	"github.com/nhs-psp/handbook/generator/publish"
)

// The reader tests (reader_*_test.go) open the built examples in headless
// Chromium, as a reader would: every example built portable and opened over
// file://, and Northshire built normally and served under a sub-path.

// readerToday pins the clock of the reader tests' builds.
var readerToday = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// readerSubPath is where the served build lives, as on an intranet.
const readerSubPath = "/intranet/psp/"

// readerSite is one built example, ready to open in a browser.
type readerSite struct {
	name     string // such as "northshire (file)"
	example  string // the folder under examples/
	dir      string // the built site on disk
	root     string // URL of the site's root, ending in "/"
	portable bool   // opened over file://, links end in index.html
	baseURL  string // base_url of the build, which the 404 page links to
	id       string // the handbook id, which keys the checklists' storage
}

// url returns the URL of the page at rel, a path as a11ytest.Pages
// returns it, such as "about-the-role/index.html".
func (s readerSite) url(rel string) string {
	if s.portable {
		return s.root + rel
	}
	return s.root + a11ytest.Served(rel)
}

// page returns the URL of the page whose site path is p, such as
// "induction-checklist/" or "" for the home page.
func (s readerSite) page(p string) string {
	if s.portable {
		return s.root + p + "index.html"
	}
	return s.root + p
}

// linkTo returns the URL that the site's links use for the site path p,
// with an optional #fragment, such as "glossary/#term-psp".
func (s readerSite) linkTo(p string) string {
	p, frag, hasFrag := strings.Cut(p, "#")
	u := s.page(p)
	if hasFrag {
		u += "#" + frag
	}
	return u
}

// onSite reports whether a request URL stays on the site.
func (s readerSite) onSite(u string) bool {
	if s.portable {
		return strings.HasPrefix(u, "file://")
	}
	return strings.HasPrefix(u, s.root)
}

// buildReaderSite builds examples/name into the folder out, which must not
// exist yet, or into a new folder when out is "". It returns the folder and
// the configuration of the build.
func buildReaderSite(t testing.TB, name, out string, opts generator.Options) (string, *config.Config) {
	t.Helper()
	if out == "" {
		out = filepath.Join(t.TempDir(), "site")
	}
	dir := filepath.Join("..", "examples", name)
	target, err := publish.OpenDir(out, publish.Guard{Handbook: dir})
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	opts.Today = readerToday
	res, err := generator.Build(context.Background(), root.FS(), target, opts)
	if err != nil {
		target.Abort()
		t.Fatal(err)
	}
	if err := target.Commit(); err != nil {
		t.Fatal(err)
	}
	return out, res.Config
}

// readerExamples are the examples that the reader tests open.
var readerExamples = []string{"northshire", "riverside-mental-health", "user-guide"}

// readerSites builds every example portable, for file://, and Northshire
// as an ordinary build served under readerSubPath.
func readerSites(t testing.TB) []readerSite {
	t.Helper()
	var sites []readerSite
	for _, ex := range readerExamples {
		sites = append(sites, portableSite(t, ex))
	}
	return append(sites, servedSite(t, "northshire"))
}

// portableSite builds examples/ex portable, to open over file://.
func portableSite(t testing.TB, ex string) readerSite {
	t.Helper()
	dir, cfg := buildReaderSite(t, ex, "", generator.Options{Portable: true})
	return readerSite{
		name:     ex + " (file)",
		example:  ex,
		dir:      dir,
		root:     strings.TrimSuffix(browsertest.FileURL(filepath.Join(dir, "index.html")), "index.html"),
		portable: true,
		baseURL:  string(cfg.BaseURL),
		id:       cfg.HandbookID(),
	}
}

// servedSite builds examples/ex as usual and serves it under
// readerSubPath with a plain static file server. Its base_url is where it
// is served, as a trust's would be, so that its 404 page finds its
// stylesheet.
func servedSite(t testing.TB, ex string) readerSite {
	t.Helper()
	// The server looks up each file when it is asked for it, so it can
	// start before the build that it serves.
	dir := filepath.Join(t.TempDir(), "site")
	root := browsertest.ServeDir(t, dir, readerSubPath)
	_, cfg := buildReaderSite(t, ex, dir, generator.Options{BaseURL: root})
	return readerSite{
		name:    ex + " (served)",
		example: ex,
		dir:     dir,
		root:    root,
		baseURL: string(cfg.BaseURL),
		id:      cfg.HandbookID(),
	}
}

// readerPages returns the pages of the site that a reader can open: every
// HTML file, but for the 404 page of a portable build with a base_url,
// whose links go to the server at base_url (a file share has no server to
// show a 404 page; the served build covers it).
func readerPages(t testing.TB, s readerSite) []string {
	t.Helper()
	var pages []string
	for _, p := range a11ytest.Pages(t, s.dir) {
		if p == "404.html" && s.portable && s.baseURL != "" {
			continue
		}
		pages = append(pages, p)
	}
	return pages
}

// jsQuote returns s as a JavaScript string literal.
func jsQuote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
