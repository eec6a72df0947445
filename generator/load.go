package generator

import (
	"context"
	"io/fs"
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
	in.content = source.Load(ctx, layers, source.Options{Drafts: b.opts.Drafts}, &b.diags)

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

	themeLayers := []theme.Layer{{FS: b.opts.Theme, Display: "theme:"}}
	if themeLayers[0].FS == nil {
		themeLayers[0].FS = themes.Default()
	}
	if t, ok := subIfExists(b.src, "theme"); ok {
		themeLayers = append(themeLayers, theme.Layer{FS: t, Display: b.display("theme/")})
	}
	in.theme, err = theme.Load(themeLayers...)
	if err != nil {
		b.diags.AddErr(b.display("theme/"), err)
		return nil, b.diags.Err()
	}

	in.site = site.New(in.content, cfg.Title, cfg.Portable)
	in.data = components.New(cfg, g, in.theme, audienceListing{in.site})
	return in, nil
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
type audienceListing struct{ site *site.Site }

func (a audienceListing) Audience(audience, from string) []theme.Link {
	var out []theme.Link
	for _, p := range a.site.Pages {
		if p.Source == nil || p.IsHome() || !p.Source.Meta.Audience.Has(audience) || p.URL == from {
			continue
		}
		// Pages that only list others (like the one asking) are skipped.
		if strings.Contains(string(p.Source.Body), "{{ audience") {
			continue
		}
		out = append(out, theme.Link{Title: p.Title, Href: a.site.Rel(from, p.URL), Description: p.Description})
	}
	return out
}
