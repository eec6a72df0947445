package generator

import (
	"bytes"
	"context"
	"runtime"
	"sync"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/site"
)

// rendered is one page after its Markdown has been rendered.
type rendered struct {
	page *site.Page
	// md is the rendered body; empty for generated pages.
	md markdown.Result
	// ids are the element IDs in the body.
	ids map[string]bool
}

// reservedIDs are element IDs the default theme puts on every page.
var reservedIDs = []string{"main-content", "site-nav", "on-this-page-heading", "section-pages-heading", "search-q", "search-results", "search-status"}

// renderMarkdown renders every page's Markdown in parallel, in the order
// of site.All.
func (b *builder) renderMarkdown(ctx context.Context, in *inputs) []*rendered {
	md := markdown.New(markdown.Options{UnsafeHTML: in.config.UnsafeHTML})
	pages := in.site.All()
	out := make([]*rendered, len(pages))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				out[i] = b.renderOne(md, in, pages[i])
			}
		})
	}
	for i := range pages {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	kept := out[:0]
	for _, r := range out {
		if r != nil {
			kept = append(kept, r)
		}
	}
	return kept
}

func (b *builder) renderOne(md *markdown.Renderer, in *inputs, p *site.Page) *rendered {
	r := &rendered{page: p}
	if p.Source == nil {
		return r
	}
	sp := p.Source
	glossaryHref := ""
	if p.URL != glossaryURL && in.site.Page(glossaryURL) != nil {
		glossaryHref = in.site.Rel(p.URL, glossaryURL)
	}
	res, err := md.Render(markdown.Page{
		Display:      sp.Display,
		Body:         sp.Body,
		BodyLine:     sp.BodyLine,
		Links:        in.site.Resolver(p),
		Data:         in.data.ForPage(p.URL),
		ReservedIDs:  reservedIDs,
		Glossary:     in.terms,
		GlossaryHref: glossaryHref,
	})
	if err != nil {
		b.diags.AddErr(sp.Display, err)
		return r
	}
	for _, d := range check.ApplyRules(in.config, res.Diagnostics) {
		b.diags.Add(d)
	}
	r.md = res
	r.ids = elementIDs(res.HTML)
	return r
}

// elementIDs returns the id attributes in an HTML fragment the renderer
// wrote (its attributes are always double-quoted).
func elementIDs(html []byte) map[string]bool {
	ids := map[string]bool{}
	for {
		i := bytes.Index(html, []byte(` id="`))
		if i < 0 {
			return ids
		}
		html = html[i+5:]
		end := bytes.IndexByte(html, '"')
		if end < 0 {
			return ids
		}
		ids[string(html[:end])] = true
		html = html[end:]
	}
}
