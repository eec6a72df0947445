package a11ytest

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Pages returns the path of every HTML page of the built site in dir,
// relative to dir and with forward slashes, sorted: "404.html",
// "a-z/index.html", "index.html"… Files under assets/ are left out.
func Pages(t testing.TB, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "assets" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".html") {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("a11ytest: listing the pages of %s: %v", dir, err)
	}
	slices.Sort(pages)
	if len(pages) == 0 {
		t.Fatalf("a11ytest: no pages in %s", dir)
	}
	return pages
}

// Served returns the URL path under which a plain static file server shows
// the page at rel (as [Pages] returns it): "about/index.html" is served as
// "about/", and "index.html" as "".
func Served(rel string) string {
	if rel == "index.html" {
		return ""
	}
	if dir, ok := strings.CutSuffix(rel, "/index.html"); ok {
		return dir + "/"
	}
	return rel
}
