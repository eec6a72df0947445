package generator

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/nhs-psp/handbook/content"
	"github.com/nhs-psp/handbook/generator/components"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
	"github.com/nhs-psp/handbook/themes"
)

// Options controls a build.
type Options struct {
	// Display is how messages name the handbook folder, for example
	// "examples/northshire". Paths in messages are joined to it.
	Display string
	// Today is the date review checks are made against. The zero value
	// means the current date.
	Today time.Time
	// Drafts includes pages whose status is draft, with a banner.
	Drafts bool
	// BaseURL overrides base_url from handbook.yaml.
	BaseURL string
	// Portable forces links that end in index.html, for file://.
	Portable bool
	// Config is used instead of reading handbook.yaml, for example the
	// placeholder configuration of `handbook serve` in an empty folder.
	Config *config.Config
	// Starter and Theme replace the embedded starter handbook and default
	// theme (tests use small ones).
	Starter fs.FS
	Theme   fs.FS
}

// Result describes a finished build.
type Result struct {
	// Config is the configuration the build used.
	Config *config.Config
	// Site is the arranged handbook.
	Site *site.Site
	// Warnings are the problems that did not stop the build.
	Warnings []*diag.Diagnostic
	// Pages and Files count what was written.
	Pages int
	Files int
}

// Build builds the handbook in src into out. It returns the joined
// error-severity diagnostics when anything is wrong; the caller must then
// discard what was written (publish.Dir.Abort does).
func Build(ctx context.Context, src fs.FS, out publish.Writer, opts Options) (*Result, error) {
	b := &builder{src: src, out: out, opts: opts, minify: publish.NewMinifier()}
	res, err := b.build(ctx)
	if res != nil {
		res.Warnings = b.diags.Warnings()
	}
	return res, err
}

type builder struct {
	src    fs.FS
	out    publish.Writer
	opts   Options
	diags  diag.List
	minify *publish.Minifier

	mu    sync.Mutex
	files int
}

// display joins p to the handbook folder's display path.
func (b *builder) display(p string) string {
	if b.opts.Display == "" || b.opts.Display == "." {
		return p
	}
	return strings.TrimSuffix(b.opts.Display, "/") + "/" + p
}

func (b *builder) build(ctx context.Context) (*Result, error) {
	cfg := b.opts.Config
	if cfg == nil {
		var err error
		cfg, err = config.Load(b.src, b.display(config.FileName))
		if err != nil {
			return nil, err
		}
	}
	if b.opts.BaseURL != "" {
		cfg.BaseURL = config.URL(b.opts.BaseURL)
	}
	if b.opts.Portable {
		cfg.Portable = true
	}
	res := &Result{Config: cfg}

	var layers []source.Layer
	if cfg.Starter {
		starter := b.opts.Starter
		if starter == nil {
			starter = content.Starter()
		}
		layers = append(layers, source.Layer{Name: "starter", FS: starter, Display: "starter:"})
	}
	if contentFS, ok := subIfExists(b.src, "content"); ok {
		layers = append(layers, source.Layer{Name: "content", FS: contentFS, Display: b.display("content/")})
	}
	set := source.Load(ctx, layers, source.Options{Drafts: b.opts.Drafts}, &b.diags)

	var glossaries []glossary.Source
	if cfg.Starter {
		glossaries = append(glossaries, glossary.Source{FS: content.GlossaryFS(), Name: glossary.FileName, Display: "starter:" + glossary.FileName})
	}
	glossaries = append(glossaries, glossary.Source{FS: b.src, Name: glossary.FileName, Display: b.display(glossary.FileName)})
	gloss, err := glossary.Load(glossaries...)
	b.diags.AddErr(b.display(glossary.FileName), err)

	themeLayers := []theme.Layer{{FS: b.opts.Theme, Display: "theme:"}}
	if themeLayers[0].FS == nil {
		themeLayers[0].FS = themes.Default()
	}
	if t, ok := subIfExists(b.src, "theme"); ok {
		themeLayers = append(themeLayers, theme.Layer{FS: t, Display: b.display("theme/")})
	}
	th, err := theme.Load(themeLayers...)
	if err != nil {
		b.diags.AddErr(b.display("theme/"), err)
		return res, b.diags.Err()
	}

	st := site.New(set, cfg.Title, cfg.Portable)
	res.Site = st
	siteHomeTitle := st.Home.Title
	siteView, err := b.writeAssets(cfg, th)
	if err != nil {
		b.diags.AddErr("", err)
		return res, b.diags.Err()
	}
	siteView.HomeTitle = siteHomeTitle
	b.checkLogo(cfg, set, siteView)
	for _, p := range st.Pages {
		if p.Source != nil && p.Source.Meta.Footer {
			siteView.FooterLinks = append(siteView.FooterLinks, theme.Link{Title: p.Title, Href: st.Rel("", p.URL)})
		}
	}

	r := &pageRenderer{
		b:      b,
		site:   st,
		theme:  th,
		md:     markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML}),
		data:   components.New(cfg, gloss, th),
		view:   siteView,
		config: cfg,
	}
	r.renderAll(ctx)
	res.Pages = len(st.Pages)
	b.copyAssets(set)
	b.copyStatic(st)
	b.write404(cfg, st, th, siteView)
	if ctx.Err() != nil {
		b.diags.AddErr("", ctx.Err())
	}
	res.Files = b.files
	return res, b.diags.Err()
}

func subIfExists(fsys fs.FS, dir string) (fs.FS, bool) {
	fi, err := fs.Stat(fsys, dir)
	if err != nil || !fi.IsDir() {
		return nil, false
	}
	sub, err := fs.Sub(fsys, dir)
	return sub, err == nil
}

// write minifies and writes one file, recording failures.
func (b *builder) write(name string, data []byte) {
	if err := b.out.WriteFile(name, b.minify.Minify(name, data)); err != nil {
		b.diags.Add(diag.Errorf("", 0, 0, "%v", err))
		return
	}
	b.mu.Lock()
	b.files++
	b.mu.Unlock()
}

// writeAssets writes the theme's assets and the brand stylesheet, and
// returns the site-wide part of every page's view.
func (b *builder) writeAssets(cfg *config.Config, th *theme.Theme) (*theme.Site, error) {
	v := &theme.Site{
		Title:      cfg.Title,
		Language:   cfg.Language,
		TrustName:  cfg.Trust.Name,
		LogoAlt:    cfg.Trust.Logo.Alt,
		HandbookID: cfg.HandbookID(),
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
			data = b.minify.Minify(name, data)
			out = publish.Fingerprint(out, data)
		}
		b.write(out, data)
		switch {
		case name == "handbook.css":
			sheets = append(sheets, out)
		case path.Ext(name) == ".css" && !strings.Contains(name, "/"):
			extraSheets = append(extraSheets, out)
		case path.Ext(name) == ".js" && !strings.Contains(name, "/"):
			scripts = append(scripts, out)
		case name == "favicon.svg":
			v.Favicon = out
		}
	}
	brand := brandCSS(cfg.Trust.BrandColour)
	brandName := publish.Fingerprint("assets/brand.css", brand)
	b.write(brandName, brand)
	v.Stylesheets = append(append(sheets, brandName), extraSheets...)
	v.Scripts = scripts
	return v, nil
}

// brandCSS sets the trust's colour. It is a file of its own, never an
// inline style, so a strict Content-Security-Policy holds.
func brandCSS(c config.Colour) []byte {
	return []byte(fmt.Sprintf(":root{--brand:%s;--brand-dark:%s}\n", c, c.Darken(0.3)))
}

// checkLogo finds the logo among the files the site will hold.
func (b *builder) checkLogo(cfg *config.Config, set *source.Set, v *theme.Site) {
	p := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(cfg.Trust.Logo.Path, `\`, "/")), "/")
	if cfg.Trust.Logo.Path == "" {
		return
	}
	pos := cfg.Pos("trust.logo.path")
	switch {
	case strings.HasPrefix(p, "static/"):
		if _, err := fs.Stat(b.src, p); err == nil {
			v.Logo = strings.TrimPrefix(p, "static/")
			return
		}
	case strings.HasPrefix(p, "content/"):
		if url, err := source.AssetURL(strings.TrimPrefix(p, "content/")); err == nil && set.Asset(url) != nil {
			v.Logo = url
			return
		}
	default:
		b.diags.Add(diag.Errorf(cfg.Display, pos.Line, pos.Col, "trust.logo.path %q must be inside the static/ folder, for example static/logo.svg", cfg.Trust.Logo.Path))
		return
	}
	b.diags.Add(diag.Errorf(cfg.Display, pos.Line, pos.Col, "trust.logo.path: no file %s in the handbook folder", p))
}

// copyAssets writes the non-Markdown files of the content layers.
func (b *builder) copyAssets(set *source.Set) {
	for _, a := range set.Assets {
		data, err := fs.ReadFile(a.FS, a.Path)
		if err != nil {
			b.diags.Add(diag.Errorf(a.Display, 0, 0, "cannot read: %v", err))
			continue
		}
		b.write(a.URL, data)
	}
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
		if strings.HasSuffix(p, "index.html") && st.Page(strings.TrimSuffix(p, "index.html")) != nil || p == "404.html" || strings.HasPrefix(p, "assets/") {
			b.diags.Add(diag.Errorf(display, 0, 0, "this file would overwrite a file the build makes; rename it or move it into a folder of its own"))
			return nil
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			b.diags.Add(diag.Errorf(display, 0, 0, "cannot read: %v", err))
			return nil
		}
		if err := b.out.WriteFile(p, data); err != nil {
			b.diags.Add(diag.Errorf(display, 0, 0, "%v", err))
			return nil
		}
		b.mu.Lock()
		b.files++
		b.mu.Unlock()
		return nil
	})
}

// write404 writes the "page not found" page. A server returns it at any
// depth, so its links are absolute when base_url is known.
func (b *builder) write404(cfg *config.Config, st *site.Site, th *theme.Theme, sv *theme.Site) {
	root, home := "", "./"
	if cfg.Portable {
		home = "index.html"
	}
	if cfg.BaseURL != "" {
		root = strings.TrimSuffix(string(cfg.BaseURL), "/") + "/"
		home = root
	}
	page := &theme.Page{Title: "Page not found", URL: "404.html"}
	for _, n := range st.Nav(st.Home) {
		page.Nav = append(page.Nav, theme.NavItem{Title: n.Page.Title, Href: root + st.Rel("", n.Page.URL)})
	}
	v := &theme.View{Site: sv, Root: root, Home: home, Page: page}
	html, err := th.ExecuteBytes("404.html", v)
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.write("404.html", html)
}

// pageRenderer renders every page of a build.
type pageRenderer struct {
	b      *builder
	site   *site.Site
	theme  *theme.Theme
	md     *markdown.Renderer
	data   *components.Data
	view   *theme.Site
	config *config.Config
}

// reservedIDs are element IDs the default theme puts on every page.
var reservedIDs = []string{"main-content", "site-nav", "on-this-page-heading", "section-pages-heading"}

func (r *pageRenderer) renderAll(ctx context.Context) {
	work := make(chan *site.Page)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				r.render(p)
			}
		})
	}
	for _, p := range r.site.Pages {
		if ctx.Err() != nil {
			break
		}
		work <- p
	}
	close(work)
	wg.Wait()
}

func (r *pageRenderer) render(p *site.Page) {
	pv := &theme.Page{
		Title:       p.Title,
		Description: p.Description,
		URL:         p.URL,
		IsHome:      p.IsHome(),
	}
	if p.Source != nil {
		sp := p.Source
		res, err := r.md.Render(markdown.Page{
			Display:     sp.Display,
			Body:        sp.Body,
			BodyLine:    sp.BodyLine,
			Links:       r.site.Resolver(p),
			Data:        r.data,
			ReservedIDs: reservedIDs,
		})
		if err != nil {
			r.b.diags.AddErr(sp.Display, err)
			return
		}
		for _, d := range res.Diagnostics {
			r.b.diags.Add(r.applyRule(d))
		}
		pv.Content = template.HTML(res.HTML)
		for _, h := range res.Headings {
			if h.Level == 2 || h.Level == 3 {
				pv.TOC = append(pv.TOC, theme.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		pv.Draft = sp.Meta.Status == source.StatusDraft
		pv.Audience = sp.Meta.Audience
		pv.Params = sp.Meta.Params
	} else {
		for _, c := range p.Children {
			pv.Children = append(pv.Children, theme.Link{Title: c.Title, Href: r.site.Rel(p.URL, c.URL), Description: c.Description})
		}
	}
	for _, a := range r.site.Breadcrumbs(p) {
		pv.Breadcrumbs = append(pv.Breadcrumbs, theme.Link{Title: a.Title, Href: r.site.Rel(p.URL, a.URL)})
	}
	if p.Prev != nil {
		pv.Prev = &theme.Link{Title: p.Prev.Title, Href: r.site.Rel(p.URL, p.Prev.URL)}
	}
	if p.Next != nil {
		pv.Next = &theme.Link{Title: p.Next.Title, Href: r.site.Rel(p.URL, p.Next.URL)}
	}
	pv.Nav = r.nav(p, r.site.Nav(p))
	view := &theme.View{Site: r.view, Page: pv, Root: site.Root(p.URL), Home: r.site.Rel(p.URL, "")}
	html, err := r.theme.ExecuteBytes("page.html", view)
	if err != nil {
		display := p.URL
		if p.Source != nil {
			display = p.Source.Display
		}
		r.b.diags.AddErr(display, err)
		return
	}
	r.b.write(p.OutputPath(), html)
}

func (r *pageRenderer) nav(current *site.Page, nodes []site.NavNode) []theme.NavItem {
	out := make([]theme.NavItem, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, theme.NavItem{
			Title:    n.Page.Title,
			Href:     r.site.Rel(current.URL, n.Page.URL),
			Current:  n.Current,
			Open:     n.Open,
			Children: r.nav(current, n.Children),
		})
	}
	return out
}

// applyRule sets a finding's severity from the rules of handbook.yaml.
func (r *pageRenderer) applyRule(d *diag.Diagnostic) *diag.Diagnostic {
	if d.Rule == "" {
		return d
	}
	rule, ok := r.config.Rules[d.Rule]
	if !ok || rule.Severity == "" {
		return d
	}
	// Unknown variables are always errors (DESIGN.md).
	if d.Rule == "unknown_variable" {
		return d
	}
	sev, err := diag.ParseSeverity(string(rule.Severity))
	if err != nil {
		return d
	}
	c := *d
	c.Severity = sev
	return &c
}
