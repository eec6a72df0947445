package source

import (
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
)

// A listing is what walking a layer found: its Markdown files, its other
// files, and the problems with their names. The preview keeps it in the
// Cache while only known files change.
type listing struct {
	pages  []string
	assets []*Asset // without FS, which each Load fills in
	diags  []*diag.Diagnostic
	known  map[string]bool // every path of pages and assets
	// recheck lists known files that changed since the walk: the listing
	// holds only if each is still a regular file.
	recheck []string
}

// listLayer walks one layer.
func listLayer(layer Layer) *listing {
	l := &listing{known: map[string]bool{}}
	var diags diag.List
	err := fs.WalkDir(layer.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(diag.Errorf(layer.Display+p, 0, 0, "cannot read: %v", unwrapPathError(err)))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "." && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(p) || strings.ContainsFunc(p, unicode.IsControl) {
			diags.Add(diag.Errorf(layer.Display+strings.ToValidUTF8(p, "?"), 0, 0, "the file name is not valid text; rename the file"))
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != "." {
			if why := windowsProblem(d.Name()); why != "" {
				diags.Add(diag.Errorf(layer.Display+p, 0, 0, "the name %q cannot be used on Windows (%s), and trusts edit their handbooks on Windows: rename it", d.Name(), why))
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if why := symlinkProblem(layer.FS, p); why != "" {
				diags.Add(diag.Errorf(layer.Display+p, 0, 0, "%s", why))
				return nil
			}
		}
		if layer.Name != "starter" {
			if w := longPathWarning(layer.Name + "/" + p); w != "" {
				diags.Add(diag.Warningf(layer.Display+p, 0, 0, "%s", w))
			}
		}
		if IsMarkdown(p) {
			l.pages = append(l.pages, p)
			l.known[p] = true
			return nil
		}
		url, err := AssetURL(p)
		if err != nil {
			diags.Add(diag.Errorf(layer.Display+p, 0, 0, "%v", err))
			return nil
		}
		l.assets = append(l.assets, &Asset{Layer: layer.Name, Path: p, Display: layer.Display + p, URL: url})
		l.known[p] = true
		return nil
	})
	if err != nil {
		diags.Add(diag.Errorf(layer.Display, 0, 0, "cannot read: %v", err))
	}
	l.diags = diags.Items()
	return l
}

// keptListing returns the kept listing of layer, or nil when it must be
// walked again: none is kept, or a file that changed is no longer a
// regular file (it was removed, or replaced by a folder or a link).
func (c *Cache) keptListing(layer Layer) *listing {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.listings[layer.Name]
	if l == nil {
		return nil
	}
	for _, p := range l.recheck {
		info, err := fs.Lstat(layer.FS, p)
		if err != nil || !info.Mode().IsRegular() {
			delete(c.listings, layer.Name)
			return nil
		}
	}
	l.recheck = nil
	return l
}

// keepListing keeps the listing of a layer for the next Load.
func (c *Cache) keepListing(layer string, l *listing) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.listings[layer] = l
	c.mu.Unlock()
}

// invalidateListing drops the listing of layer unless every path is a
// file it knows, which is then checked on the next Load.
func (c *Cache) invalidateListing(layer string, paths []string) {
	l := c.listings[layer]
	if l == nil {
		return
	}
	if len(paths) == 0 {
		delete(c.listings, layer)
		return
	}
	for _, p := range paths {
		p = strings.Trim(p, "/")
		if !l.known[p] {
			delete(c.listings, layer)
			return
		}
		l.recheck = append(l.recheck, p)
	}
}
