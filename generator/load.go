package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-psp/handbook/content"
	"github.com/nhs-psp/handbook/generator/components"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
	"github.com/nhs-psp/handbook/themes"
)

// inputs is everything a build reads, loaded and arranged.
type inputs struct {
	config   *config.Config
	content  *source.Set
	glossary *glossary.Glossary
	terms    *markdown.Glossary
	theme    *theme.Theme
	site     *site.Site
	data     *components.Data
	starter  fs.FS
	today    time.Time
	// key identifies everything but a page's own file that its
	// rendering depends on; see pageKey.
	key [32]byte
	// lists holds the URLs of pages that list an audience's pages.
	lists map[string]bool
}

// glossaryURL is where the glossary page lives; first uses of glossary
// terms link to its entries.
const glossaryURL = "glossary/"

// load reads the configuration, content, glossary and theme. A broken
// handbook.yaml or theme stops the build at once; content problems are
// recorded and the build goes on.
func (b *builder) load(ctx context.Context) (*inputs, error) {
	in := &inputs{config: b.opts.Config, today: b.opts.Today}
	if in.config == nil {
		var err error
		in.config, err = config.Load(b.src, b.display(config.FileName))
		if err != nil {
			return nil, err
		}
	} else {
		copied := *in.config
		in.config = &copied
	}
	cfg := in.config
	if b.opts.BaseURL != "" {
		cfg.BaseURL = config.URL(b.opts.BaseURL)
	}
	if b.opts.Portable {
		cfg.Portable = true
	}

	// The theme does not depend on the pages: it loads while they are read.
	themeLayers := []theme.Layer{{FS: b.opts.Theme, Display: "theme:"}}
	if themeLayers[0].FS == nil {
		themeLayers[0].FS = themes.Default()
	}
	if t, ok := subIfExists(b.src, "theme"); ok {
		themeLayers = append(themeLayers, theme.Layer{FS: t, Display: b.display("theme/")})
	}
	themeErr := make(chan error, 1)
	go func() {
		var err error
		in.theme, err = b.loadTheme(themeLayers)
		themeErr <- err
	}()

	var layers []source.Layer
	if cfg.Starter {
		in.starter = b.opts.Starter
		if in.starter == nil {
			in.starter = content.Starter()
		}
		layers = append(layers, source.Layer{Name: "starter", FS: in.starter, Display: "starter:"})
	}
	if contentFS, ok := subIfExists(b.src, "content"); ok {
		layers = append(layers, source.Layer{Name: "content", FS: contentFS, Display: b.display("content/")})
	}
	var cache *source.Cache
	if b.keep {
		// Only a build whose work is kept for the next reads pages
		// through the cache; a one-off build lets each page's text go
		// once the page is written.
		cache = b.gen.sources
	}
	in.content = source.Load(ctx, layers, source.Options{Drafts: b.opts.Drafts, Cache: cache}, &b.diags)

	var glossaries []glossary.Source
	if cfg.Starter {
		glossaries = append(glossaries, glossary.Source{FS: content.GlossaryFS(), Name: glossary.FileName, Display: "starter:" + glossary.FileName})
	}
	glossaries = append(glossaries, glossary.Source{FS: b.src, Name: glossary.FileName, Display: b.display(glossary.FileName)})
	g, err := glossary.Load(glossaries...)
	b.diags.AddErr(b.display(glossary.FileName), err)
	in.glossary = g
	var terms []markdown.Term
	for _, t := range g.Terms {
		terms = append(terms, markdown.Term{Term: t.Term, Expansion: t.Expansion, Anchor: t.Anchor()})
	}
	in.terms = markdown.NewGlossary(terms)

	if err := <-themeErr; err != nil {
		b.diags.AddErr(b.display("theme/"), err)
		return nil, b.diags.Err()
	}

	in.site = site.New(in.content, cfg.Title, cfg.Portable)
	listing := audienceListing{site: in.site, lists: map[string]bool{}}
	for _, p := range in.content.Pages {
		// Pages that only list others are left out of the lists. Decided
		// here, before rendering starts and pages let go of their text.
		if bytes.Contains(p.Body, []byte("{{ audience")) {
			listing.lists[p.URL] = true
		}
	}
	in.data = components.New(cfg, g, in.theme, listing)
	in.lists = listing.lists
	in.key = b.inputKey(in)
	return in, nil
}

// loadTheme parses the theme, or reuses the one the previous build
// parsed when no file of it changed.
func (b *builder) loadTheme(layers []theme.Layer) (*theme.Theme, error) {
	if prev := b.gen.theme; prev != nil {
		if fp, err := theme.Fingerprint(layers...); err == nil && fp == prev.Fingerprint() {
			return prev, nil
		}
	}
	opts := theme.Options{Minify: b.minify.MinifyTemplate}
	if !b.opts.templatesOnly {
		opts.Partials, opts.Probes = defaultPartials, probeViews()
	}
	th, err := theme.LoadWith(opts, layers...)
	if err == nil && b.keep {
		b.gen.theme = th
	}
	return th, err
}

// inputKey hashes everything a page's rendering depends on apart from its
// own file: the configuration and the build's options, the glossary, the
// theme, and the shape of the handbook — every page's address, title,
// order, description and audience, and every file and left-out page that
// links can point to. Two builds with the same key render a page whose
// file did not change to the same bytes.
func (b *builder) inputKey(in *inputs) [32]byte {
	h := sha256.New()
	field := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	field("config", string(in.config.Source), string(in.config.BaseURL), strconv.FormatBool(in.config.Portable))
	field("options", strconv.FormatBool(b.opts.Drafts), strconv.FormatBool(b.opts.AllRules), b.opts.Notice, b.opts.Display, in.today.Format(time.DateOnly))
	for _, t := range in.glossary.Terms {
		field("term", t.Term, t.Expansion, t.Definition)
	}
	fp := in.theme.Fingerprint()
	h.Write(fp[:])
	for _, p := range in.site.All() {
		field("page", p.URL, p.Title, strconv.Itoa(p.Weight), p.Description, strconv.FormatBool(p.Unlisted), strconv.Itoa(p.Depth))
		if p.Source != nil {
			field(strings.Join(p.Source.Meta.Audience, ","), strconv.FormatBool(p.Source.Meta.Footer))
		}
	}
	left := make([]string, 0, len(in.content.Left))
	for url, why := range in.content.Left {
		left = append(left, url+" "+string(why))
	}
	slices.Sort(left)
	field(left...)
	for _, a := range in.content.Assets {
		field("asset", a.URL)
	}
	lists := slices.Sorted(maps.Keys(in.lists))
	field(append([]string{"lists"}, lists...)...)
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

func subIfExists(fsys fs.FS, dir string) (fs.FS, bool) {
	fi, err := fs.Stat(fsys, dir)
	if err != nil || !fi.IsDir() {
		return nil, false
	}
	sub, err := fs.Sub(fsys, dir)
	return sub, err == nil
}

// audienceListing lists the pages meant for an audience, for the
// {{ audience "psp" }} component.
type audienceListing struct {
	site *site.Site
	// lists holds the URLs of pages that are themselves such lists.
	lists map[string]bool
}

func (a audienceListing) Audience(audience, from string) []theme.Link {
	var out []theme.Link
	for _, p := range a.site.Pages {
		if p.Source == nil || p.IsHome() || !p.Source.Meta.Audience.Has(audience) || p.URL == from {
			continue
		}
		// Pages that only list others (like the one asking) are skipped.
		if a.lists[p.URL] {
			continue
		}
		out = append(out, theme.Link{Title: p.Title, Href: a.site.Rel(from, p.URL), Description: p.Description})
	}
	return out
}
