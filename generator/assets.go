package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// writeAssets writes the theme's assets and the brand stylesheet, and
// returns the site-wide part of every page's view.
func (b *builder) writeAssets(in *inputs) (*theme.Site, error) {
	cfg, th := in.config, in.theme
	v := &theme.Site{
		Title:       cfg.Title,
		Language:    cfg.Language,
		TrustName:   cfg.Trust.Name,
		LogoAlt:     cfg.Trust.Logo.Alt,
		HandbookID:  cfg.HandbookID(),
		HomeTitle:   in.site.Home.Title,
		Portable:    cfg.Portable,
		Notice:      b.opts.Notice,
		AZIndex:     in.site.Rel("", azURL),
		SearchIndex: searchIndexPath,
		Print:       in.site.Rel("", printURL),
	}
	names, err := th.Assets()
	if err != nil {
		return nil, fmt.Errorf("read theme assets: %w", err)
	}
	var sheets, extraSheets, scripts []string
	for _, name := range names {
		data, err := th.ReadAsset(name)
		if err != nil {
			return nil, fmt.Errorf("read theme asset %s: %w", name, err)
		}
		out := "assets/" + name
		switch path.Ext(name) {
		case ".css", ".js", ".svg":
			data = b.minified(out, data)
			out = publish.Fingerprint(out, data)
		}
		b.writeRaw(out, data)
		top := !strings.Contains(name, "/")
		switch {
		case name == "handbook.css":
			sheets = append(sheets, out)
		case top && path.Ext(name) == ".css":
			extraSheets = append(extraSheets, out)
		case top && path.Ext(name) == ".js":
			scripts = append(scripts, out)
		case name == "favicon.svg":
			v.Favicon = out
		}
	}
	brand := brandCSS(cfg.Trust.BrandColour)
	brandName := publish.Fingerprint("assets/brand.css", brand)
	b.writeRaw(brandName, brand)
	v.Stylesheets = append(append(sheets, brandName), extraSheets...)
	v.Scripts = scripts
	v.Logo = b.logo(cfg, in.content)
	for _, p := range in.site.Pages {
		if p.Source != nil && p.Source.Meta.Footer {
			v.FooterLinks = append(v.FooterLinks, theme.Link{Title: p.Title, Href: in.site.Rel("", p.URL)})
		}
	}
	return v, nil
}

// brandCSS sets the trust's colour. It is a file of its own, never an
// inline style, so a strict Content-Security-Policy holds.
func brandCSS(c config.Colour) []byte {
	return []byte(fmt.Sprintf(":root{--brand:%s;--brand-dark:%s}\n", c, c.Darken(0.3)))
}

// logo finds the logo among the files the site will hold and returns its
// path from the site root.
func (b *builder) logo(cfg *config.Config, set *source.Set) string {
	if cfg.Trust.Logo.Path == "" {
		return ""
	}
	p := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(cfg.Trust.Logo.Path, `\`, "/")), "/")
	pos := cfg.Pos("trust.logo.path")
	switch {
	case strings.HasPrefix(p, "static/"):
		if _, err := fs.Stat(b.src, p); err == nil {
			return strings.TrimPrefix(p, "static/")
		}
	case strings.HasPrefix(p, "content/"):
		if url, err := source.AssetURL(strings.TrimPrefix(p, "content/")); err == nil && set.Asset(url) != nil {
			return url
		}
	default:
		b.diags.Add(diag.Errorf(cfg.Display, pos.Line, pos.Col, "trust.logo.path %q must be inside the static/ folder, for example static/logo.svg", cfg.Trust.Logo.Path))
		return ""
	}
	b.diags.Add(diag.Errorf(cfg.Display, pos.Line, pos.Col, "trust.logo.path: no file %s in the handbook folder", p))
	return ""
}

// copyAssets writes the non-Markdown files of the content layers.
//
// The preview reads each file once until it changes.
func (b *builder) copyAssets(set *source.Set) {
	var cache *source.Cache
	if b.keep {
		cache = b.gen.sources
	}
	for _, a := range set.Assets {
		data, err := cache.ReadAsset(a)
		if err != nil {
			b.diags.Add(diag.Errorf(a.Display, 0, 0, "cannot read: %v", err))
			continue
		}
		b.writeRaw(a.URL, b.minified(a.URL, data))
	}
}

// minified returns data minified as the file name. The preview keeps
// what it minified for the next build, which reuses it for the same data.
// One goroutine at a time calls it: writeAssets, then copyAssets.
func (b *builder) minified(name string, data []byte) []byte {
	if !b.keep {
		return b.minify.Minify(name, data)
	}
	if b.minifiedNow == nil {
		b.minifiedNow = map[string]keptMinified{}
	}
	k, ok := b.gen.minified[name]
	if !ok || !(sameSlice(k.src, data) || bytes.Equal(k.src, data)) {
		k = keptMinified{src: data, out: b.minify.Minify(name, data)}
	}
	b.minifiedNow[name] = k
	return k.out
}

// keptMinified is a file as read and as minified.
type keptMinified struct {
	src, out []byte
}

// sameSlice reports whether a and b are the very same bytes in memory,
// as when source.Cache returns what it read before.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// copyStatic copies static/ into the site root as it is.
func (b *builder) copyStatic(st *site.Site) {
	static, ok := subIfExists(b.src, "static")
	if !ok {
		return
	}
	_ = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		display := b.display("static/" + p)
		if err != nil {
			b.diags.Add(diag.Errorf(display, 0, 0, "cannot read: %v", err))
			return nil
		}
		if p != "." && source.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if b.generates(st, p) {
			b.diags.Add(diag.Errorf(display, 0, 0, "this file would overwrite a file the build makes; rename it or move it into a folder of its own"))
			return nil
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			b.diags.Add(diag.Errorf(display, 0, 0, "cannot read: %v", err))
			return nil
		}
		b.writeRaw(p, data)
		return nil
	})
}

// generates reports whether the build makes a file at site path p.
func (b *builder) generates(st *site.Site, p string) bool {
	if p == "404.html" || strings.HasPrefix(p, "assets/") || p == publish.MarkerName {
		return true
	}
	if dir, ok := strings.CutSuffix(p, "index.html"); ok {
		return st.Page(dir) != nil || dir == azURL || dir == printURL || dir == reviewURL
	}
	return false
}

// write404 writes the "page not found" page. A server returns it at any
// depth, so its links are absolute when base_url is known.
func (b *builder) write404(in *inputs, sv *theme.Site) {
	st := in.site
	root, home := "", "./"
	if in.config.Portable {
		home = "index.html"
	}
	// A portable site is opened from a file share, where the intranet
	// address may not be reachable: its 404 page links within the files.
	if in.config.BaseURL != "" && !in.config.Portable {
		root = strings.TrimSuffix(string(in.config.BaseURL), "/") + "/"
		home = root
	}
	page := &theme.Page{Title: "Page not found", URL: "404.html"}
	for _, n := range st.Nav(st.Home) {
		page.Nav = append(page.Nav, theme.NavItem{Title: n.Page.Title, Href: root + st.Rel("", n.Page.URL)})
	}
	v := &theme.View{Site: sv, Root: root, Home: home, Page: page}
	html, err := in.theme.ExecuteBytes("404.html", v)
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.write("404.html", html)
}
