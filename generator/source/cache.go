package source

import (
	"io/fs"
	"strings"
	"sync"

	"github.com/nhs-psp/handbook/generator/diag"
)

// Cache keeps parsed pages from one Load to the next, for the preview
// server, which rebuilds on every save: a file is read and parsed again
// only after Invalidate names it. A Cache is safe for concurrent use.
type Cache struct {
	mu       sync.Mutex
	entries  map[string]cacheEntry
	listings map[string]*listing // by layer name
}

type cacheEntry struct {
	page  *Page // nil when the file could not be parsed
	diags []*diag.Diagnostic
	data  []byte // an asset's content
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]cacheEntry{}, listings: map[string]*listing{}}
}

func cacheKey(layer, path string) string { return layer + "\x00" + path }

// Invalidate forgets the files of layer at the given slash paths, and
// everything under a path that names a folder. With no paths it forgets
// the whole layer. The layer is walked again on the next Load unless
// every path names a file it had, which is still one.
func (c *Cache) Invalidate(layer string, paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.invalidateListing(layer, paths)
	prefix := cacheKey(layer, "")
	for k := range c.entries {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		if len(paths) == 0 {
			delete(c.entries, k)
			continue
		}
		p := k[len(prefix):]
		for _, q := range paths {
			q = strings.Trim(q, "/")
			if p == q || strings.HasPrefix(p, q+"/") {
				delete(c.entries, k)
				break
			}
		}
	}
}

// parse returns the page at f, from the cache when it is there. Cached
// pages are copied, since Load fills in fields of its own.
func (c *Cache) parse(f file, diags *diag.List) *Page {
	if c == nil {
		return parseFile(f, diags)
	}
	key := cacheKey(f.layer.Name, f.path)
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if !ok {
		var own diag.List
		e = cacheEntry{page: parseFile(f, &own), diags: own.Items()}
		c.mu.Lock()
		c.entries[key] = e
		c.mu.Unlock()
	}
	for _, d := range e.diags {
		diags.Add(d)
	}
	if e.page == nil {
		return nil
	}
	cp := *e.page
	cp.Replaced = nil
	return &cp
}

// ReadAsset returns the content of asset a, from the cache when it is
// there. The bytes are shared: do not change them. A nil Cache reads the
// file.
func (c *Cache) ReadAsset(a *Asset) ([]byte, error) {
	if c == nil {
		return fs.ReadFile(a.FS, a.Path)
	}
	key := cacheKey(a.Layer, a.Path)
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.data != nil {
		return e.data, nil
	}
	data, err := fs.ReadFile(a.FS, a.Path)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[key] = cacheEntry{data: data}
	c.mu.Unlock()
	return data, nil
}
