package source

import (
	"strings"
	"sync"

	"github.com/nhs-psp/handbook/generator/diag"
)

// Cache keeps parsed pages from one Load to the next, for the preview
// server, which rebuilds on every save: a file is read and parsed again
// only after Invalidate names it. A Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	page  *Page // nil when the file could not be parsed
	diags []*diag.Diagnostic
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

func cacheKey(layer, path string) string { return layer + "\x00" + path }

// Invalidate forgets the files of layer at the given slash paths, and
// everything under a path that names a folder. With no paths it forgets
// the whole layer.
func (c *Cache) Invalidate(layer string, paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
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
