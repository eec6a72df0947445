package source

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/diag"
)

// countingFS counts how often a folder is listed.
type countingFS struct {
	fstest.MapFS
	readDirs int
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.readDirs++
	return c.MapFS.ReadDir(name)
}

// TestCacheKeepsTheListing checks that the preview's cache walks the
// content folder again only when a change may have added or removed a
// file, and that what it loads is always what is on disk.
func TestCacheKeepsTheListing(t *testing.T) {
	fsys := &countingFS{MapFS: fstest.MapFS{
		"index.md":       {Data: []byte("Home")},
		"guide/index.md": {Data: []byte("Guide")},
		"guide/about.md": {Data: []byte("About")},
		"guide/logo.png": {Data: []byte("PNG one")},
	}}
	cache := NewCache()
	load := func(step string, wantWalk bool, want string) *Set {
		t.Helper()
		before := fsys.readDirs
		var diags diag.List
		set := Load(context.Background(), []Layer{{Name: "content", FS: fsys, Display: "content/"}}, Options{Cache: cache}, &diags)
		if diags.Err() != nil {
			t.Fatalf("%s: %v", step, diags.Err())
		}
		if walked := fsys.readDirs > before; walked != wantWalk {
			t.Errorf("%s: walked the folder = %v, want %v", step, walked, wantWalk)
		}
		if got := urls(set); got != want {
			t.Errorf("%s: pages %s, want %s", step, got, want)
		}
		return set
	}
	load("first load", true, "/ /guide/ /guide/about/")
	load("nothing changed", false, "/ /guide/ /guide/about/")

	fsys.MapFS["guide/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About us\n---\nAbout")}
	cache.Invalidate("content", "guide/about.md")
	set := load("a page edited", false, "/ /guide/ /guide/about/")
	if got := set.byURL["guide/about/"].Meta.Title; got != "About us" {
		t.Errorf("the edited page has the title %q", got)
	}

	fsys.MapFS["guide/logo.png"] = &fstest.MapFile{Data: []byte("PNG two")}
	cache.Invalidate("content", "guide/logo.png")
	set = load("an image replaced", false, "/ /guide/ /guide/about/")
	if data, err := cache.ReadAsset(set.Assets[0]); err != nil || string(data) != "PNG two" {
		t.Errorf("ReadAsset = %q, %v; want the new image", data, err)
	}

	fsys.MapFS["guide/new.md"] = &fstest.MapFile{Data: []byte("New")}
	cache.Invalidate("content", "guide/new.md")
	load("a page added", true, "/ /guide/ /guide/about/ /guide/new/")

	delete(fsys.MapFS, "guide/about.md")
	cache.Invalidate("content", "guide/about.md")
	load("a page removed", true, "/ /guide/ /guide/new/")

	fsys.MapFS["guide/new.md"] = &fstest.MapFile{Mode: fs.ModeDir}
	fsys.MapFS["guide/new.md/inner.md"] = &fstest.MapFile{Data: []byte("Inner")}
	cache.Invalidate("content", "guide/new.md")
	set = load("a page replaced by a folder", true, "/ /guide/ /guide/new-md/inner/")
	if strings.Contains(urls(set), "/guide/new/") {
		t.Error("the page that became a folder is still there")
	}

	cache.Invalidate("content")
	load("everything invalidated", true, "/ /guide/ /guide/new-md/inner/")
}
