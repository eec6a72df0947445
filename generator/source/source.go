// Package source reads a handbook's content: the Markdown pages and other
// files of one or more layers, merged into one set.
//
// The embedded starter handbook is the bottom layer and the trust's
// content/ folder the top one. A file in a higher layer replaces the file
// in a lower layer that claims the same URL; `hidden: true` in a page's
// front matter removes it, and on an _index.md removes its whole section.
//
// Each page's URL is its path without ".md", each segment slugged
// ("About the role/Meeting notes.MD" → "about-the-role/meeting-notes/").
// foo.md, foo/index.md and foo/_index.md all claim "foo/"; two files of one
// layer claiming the same URL are an error naming both.
package source

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/nhs-psp/handbook/generator/internal/textfile"
)

// Layer is one folder of content.
type Layer struct {
	// Name identifies the layer: "starter" or "content".
	Name string
	// FS holds the layer's files.
	FS fs.FS
	// Display is put in front of a file's path in messages, for example
	// "examples/northshire/content/" or "starter:".
	Display string
}

// Options controls which pages a Load keeps.
type Options struct {
	// Drafts keeps pages whose status is draft.
	Drafts bool
	// Cache, when set, keeps parsed pages for the next Load.
	Cache *Cache
}

// Page is one Markdown file, with its front matter decoded.
type Page struct {
	// Layer is the name of the layer the file came from.
	Layer string
	// Path is the file's slash-separated path inside its layer.
	Path string
	// Display is the path shown in messages.
	Display string
	// URL is the page's address relative to the site root, ending in "/",
	// or "" for the home page.
	URL string
	// Index is true for _index.md and index.md, which describe a section.
	Index bool
	// Meta is the decoded front matter.
	Meta Meta
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
	// FrontMatterLine is the line of the opening "---" or "+++", or 0
	// when the file has no front matter.
	FrontMatterLine int
	// Hash identifies the file's content (SHA-256, hex).
	Hash string
	// Replaced is the lower-layer page this page replaces, if any.
	Replaced *Page
}

// Dir returns the slash-separated folder of the page's file in its layer
// ("" at the top).
func (p *Page) Dir() string {
	d := path.Dir(p.Path)
	if d == "." {
		return ""
	}
	return d
}

// Asset is a file other than a page, copied to the site.
type Asset struct {
	Layer   string
	Path    string
	Display string
	URL     string
	FS      fs.FS
}

// Set is the merged content of all layers.
type Set struct {
	// Pages are the pages of the build, sorted by URL.
	Pages []*Page
	// Assets are the other files, sorted by URL.
	Assets []*Asset
	// Left records URLs left out of the build on purpose, with the reason:
	// ReasonHidden or ReasonDraft. Links to them are not broken links.
	Left map[string]Reason

	byURL   map[string]*Page
	assetBy map[string]*Asset
}

// Reason says why a page was left out.
type Reason string

// Reasons a page is left out of the build.
const (
	ReasonHidden Reason = "hidden"
	ReasonDraft  Reason = "draft"
)

// Page returns the page at url, or nil.
func (s *Set) Page(url string) *Page { return s.byURL[url] }

// Asset returns the asset at url, or nil.
func (s *Set) Asset(url string) *Asset { return s.assetBy[url] }

// PageURL returns the URL a Markdown file at slash path p claims.
func PageURL(p string) (string, error) {
	dir, file := path.Split(p)
	base := file
	if ext := path.Ext(file); strings.EqualFold(ext, ".md") {
		base = file[:len(file)-len(ext)]
	}
	segs, err := dirSlugs(dir)
	if err != nil {
		return "", err
	}
	if !isIndexBase(base) {
		s := slug.Make(base)
		if s == "" {
			return "", fmt.Errorf("the file name %q has no letters or digits to make a web address from", file)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return "", nil
	}
	return strings.Join(segs, "/") + "/", nil
}

// AssetURL returns the URL a non-Markdown file at slash path p gets.
func AssetURL(p string) (string, error) {
	dir, file := path.Split(p)
	segs, err := dirSlugs(dir)
	if err != nil {
		return "", err
	}
	s := slug.File(file)
	if s == "" {
		return "", fmt.Errorf("the file name %q has no letters or digits to make a web address from", file)
	}
	return strings.Join(append(segs, s), "/"), nil
}

func dirSlugs(dir string) ([]string, error) {
	var segs []string
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if seg == "" {
			continue
		}
		s := slug.Make(seg)
		if s == "" {
			return nil, fmt.Errorf("the folder name %q has no letters or digits to make a web address from", seg)
		}
		segs = append(segs, s)
	}
	return segs, nil
}

// IsMarkdown reports whether name is a Markdown file (any case of ".md").
func IsMarkdown(name string) bool { return strings.EqualFold(path.Ext(name), ".md") }

// Ignored reports whether a file or folder name is one editors, operating
// systems and version control leave behind, which is never content.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(lower, ".swp") || strings.HasSuffix(lower, ".tmp") ||
		lower == "thumbs.db" || lower == "desktop.ini"
}

type file struct {
	layer Layer
	path  string
}

// Load reads every layer, bottom first, and merges them. Every problem is
// added to diags; the returned Set holds what could be read.
func Load(ctx context.Context, layers []Layer, opts Options, diags *diag.List) *Set {
	set := &Set{
		Left:    map[string]Reason{},
		byURL:   map[string]*Page{},
		assetBy: map[string]*Asset{},
	}
	for _, layer := range layers {
		if ctx.Err() != nil {
			diags.AddErr("", ctx.Err())
			return set
		}
		pages, assets := readLayer(ctx, layer, opts.Cache, diags)
		for _, p := range pages {
			if old := set.byURL[p.URL]; old != nil {
				p.Replaced = old
			}
			set.byURL[p.URL] = p
		}
		for _, a := range assets {
			set.assetBy[a.URL] = a
		}
	}
	set.prune(opts, diags)
	for _, p := range set.byURL {
		set.Pages = append(set.Pages, p)
	}
	slices.SortFunc(set.Pages, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
	for _, a := range set.assetBy {
		set.Assets = append(set.Assets, a)
	}
	slices.SortFunc(set.Assets, func(a, b *Asset) int { return cmp.Compare(a.URL, b.URL) })
	return set
}

// prune removes hidden pages and sections, and drafts unless wanted.
func (s *Set) prune(opts Options, diags *diag.List) {
	var hiddenSections []string
	for url, p := range s.byURL {
		switch {
		case p.Meta.Hidden:
			if url == "" {
				diags.Add(diag.Errorf(p.Display, p.BodyLine, 1, "the home page cannot be hidden"))
				continue
			}
			s.Left[url] = ReasonHidden
			delete(s.byURL, url)
			if p.Index {
				hiddenSections = append(hiddenSections, url)
			}
		case p.Meta.Status == StatusDraft && !opts.Drafts:
			s.Left[url] = ReasonDraft
			delete(s.byURL, url)
		}
	}
	for _, sec := range hiddenSections {
		for url := range s.byURL {
			if strings.HasPrefix(url, sec) {
				s.Left[url] = ReasonHidden
				delete(s.byURL, url)
			}
		}
		for url := range s.assetBy {
			if strings.HasPrefix(url, sec) {
				delete(s.assetBy, url)
			}
		}
	}
}

// readLayer lists one layer and parses its pages in parallel.
func readLayer(ctx context.Context, layer Layer, cache *Cache, diags *diag.List) ([]*Page, []*Asset) {
	l := cache.keptListing(layer)
	if l == nil {
		l = listLayer(layer)
		cache.keepListing(layer.Name, l)
	}
	for _, d := range l.diags {
		diags.Add(d)
	}
	files := make([]file, len(l.pages))
	for i, p := range l.pages {
		files[i] = file{layer, p}
	}
	assets := make([]*Asset, len(l.assets))
	for i, a := range l.assets {
		cp := *a
		cp.FS = layer.FS
		assets[i] = &cp
	}

	pages := make([]*Page, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				pages[i] = cache.parse(files[i], diags)
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()

	// Two files of one layer may not claim one URL.
	var kept []*Page
	claimed := map[string]*Page{}
	for _, p := range pages {
		if p == nil {
			continue
		}
		if first := claimed[p.URL]; first != nil {
			diags.Add(diag.Errorf(p.Display, 1, 1, "this page and %s both make the page %s; rename or remove one of them",
				first.Display, displayURL(p.URL)))
			continue
		}
		claimed[p.URL] = p
		kept = append(kept, p)
	}
	assetClaimed := map[string]*Asset{}
	var keptAssets []*Asset
	for _, a := range assets {
		if first := assetClaimed[a.URL]; first != nil {
			diags.Add(diag.Errorf(a.Display, 0, 0, "this file and %s both become %s in the site; rename one of them", first.Display, a.URL))
			continue
		}
		if p := claimed[a.URL+"/"]; p != nil {
			diags.Add(diag.Errorf(a.Display, 0, 0, "this file and the page %s both need the address %s; rename one of them", p.Display, a.URL))
			continue
		}
		assetClaimed[a.URL] = a
		keptAssets = append(keptAssets, a)
	}
	return kept, keptAssets
}

func displayURL(url string) string {
	if url == "" {
		return "the home page"
	}
	return url
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	for {
		if e, ok := err.(*fs.PathError); ok {
			pe = e
			err = e.Err
			continue
		}
		break
	}
	if pe != nil {
		return pe.Err
	}
	return err
}

// parseFile reads and parses one Markdown file; on error it records the
// problem and returns nil.
func parseFile(f file, diags *diag.List) *Page {
	display := f.layer.Display + f.path
	url, err := PageURL(f.path)
	if err != nil {
		diags.Add(diag.Errorf(display, 0, 0, "%v", err))
		return nil
	}
	raw, err := fs.ReadFile(f.layer.FS, f.path)
	if err != nil {
		diags.Add(diag.Errorf(display, 0, 0, "cannot read: %v", unwrapPathError(err)))
		return nil
	}
	src, err := textfile.Normalize(display, raw)
	if err != nil {
		diags.AddErr(display, err)
		return nil
	}
	fm, body, bodyLine, err := split(display, src)
	if err != nil {
		diags.AddErr(display, err)
		return nil
	}
	p := &Page{
		Layer:    f.layer.Name,
		Path:     f.path,
		Display:  display,
		URL:      url,
		Index:    isIndex(f.path),
		Body:     body,
		BodyLine: bodyLine,
		Hash:     hash(src),
	}
	if fm.found {
		p.FrontMatterLine = openingLine(src)
		meta, ds := decodeMeta(display, fm, p.FrontMatterLine)
		failed := false
		for _, d := range ds {
			diags.Add(d)
			failed = failed || d.Severity == diag.Error
		}
		if failed {
			return nil
		}
		p.Meta = meta
	}
	if strings.TrimSpace(p.Meta.Title) == "" {
		p.Meta.Title = titleFromPath(f.path)
	}
	return p
}

func isIndex(p string) bool {
	base := path.Base(p)
	return isIndexBase(base[:len(base)-len(path.Ext(base))])
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// VersionHash identifies one version of a file's text: the SHA-256 of its
// bytes, shortened to 12 hex digits. A trust page copied from a starter
// page records it ("replaces: path@hash"), so a later check can tell the
// trust when the starter text has changed since.
func VersionHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// ParseReplaces splits a replaces: value into the starter page path and
// the version hash.
func ParseReplaces(v string) (path, version string, ok bool) {
	i := strings.LastIndexByte(v, '@')
	if i <= 0 || i == len(v)-1 {
		return "", "", false
	}
	return v[:i], v[i+1:], true
}

// titleFromPath makes a title from a file name: "meeting-notes.md" →
// "Meeting notes"; an index file takes its folder's name.
func titleFromPath(p string) string {
	name := path.Base(p)
	name = name[:len(name)-len(path.Ext(name))]
	if isIndexBase(name) {
		name = path.Base(path.Dir(p))
		if name == "." || name == "/" {
			return ""
		}
	}
	return TitleFromName(name)
}

// TitleFromName turns a file or folder name into a sentence-case title.
func TitleFromName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	t := strings.Join(words, " ")
	r, size := utf8.DecodeRuneInString(t)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + t[size:]
}
