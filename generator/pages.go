package generator

import (
	"context"
	"html/template"
	"runtime"
	"sync"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// writePages puts every rendered page into the theme's page template and
// writes it, in parallel.
func (b *builder) writePages(ctx context.Context, in *inputs, sv *theme.Site, pages []*rendered) {
	work := make(chan *rendered)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range work {
				b.writePage(in, sv, r)
			}
		})
	}
	for _, r := range pages {
		if ctx.Err() != nil {
			break
		}
		work <- r
	}
	close(work)
	wg.Wait()
}

func (b *builder) writePage(in *inputs, sv *theme.Site, r *rendered) {
	view := pageView(in, sv, r)
	html, err := in.theme.ExecuteBytes("page.html", view)
	if err != nil {
		display := r.page.URL
		if r.page.Source != nil {
			display = r.page.Source.Display
		}
		b.diags.AddErr(display, err)
		return
	}
	b.write(r.page.OutputPath(), html)
}

// pageView is what the page template receives for one page.
func pageView(in *inputs, sv *theme.Site, r *rendered) *theme.View {
	p, st := r.page, in.site
	pv := &theme.Page{
		Title:       p.Title,
		Description: p.Description,
		URL:         p.URL,
		IsHome:      p.IsHome(),
		Content:     template.HTML(r.md.HTML),
	}
	if sp := p.Source; sp != nil {
		for _, h := range r.md.Headings {
			if h.Level == 2 || h.Level == 3 {
				pv.TOC = append(pv.TOC, theme.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		pv.Draft = sp.Meta.Status == source.StatusDraft
		pv.Control = check.NewView(check.ControlFor(sp.Meta, in.config), in.config, in.today)
		pv.Audience = sp.Meta.Audience
		pv.Params = sp.Meta.Params
	} else {
		for _, c := range site.Listed(p.Children) {
			pv.Children = append(pv.Children, theme.Link{Title: c.Title, Href: st.Rel(p.URL, c.URL), Description: c.Description})
		}
	}
	for _, a := range st.Breadcrumbs(p) {
		pv.Breadcrumbs = append(pv.Breadcrumbs, theme.Link{Title: a.Title, Href: st.Rel(p.URL, a.URL)})
	}
	if p.Prev != nil {
		pv.Prev = &theme.Link{Title: p.Prev.Title, Href: st.Rel(p.URL, p.Prev.URL)}
	}
	if p.Next != nil {
		pv.Next = &theme.Link{Title: p.Next.Title, Href: st.Rel(p.URL, p.Next.URL)}
	}
	pv.Nav = navItems(st, p.URL, st.Nav(p))
	if !in.theme.Overridden("templates/partials/nav-items.html") {
		pv.NavHTML = theme.NavHTML(pv.Nav)
	}
	return &theme.View{Site: sv, Page: pv, Root: site.Root(p.URL), Home: st.Rel(p.URL, "")}
}

// navItems turns the sidebar of a page into template data, with links
// relative to the page at from.
func navItems(st *site.Site, from string, nodes []site.NavNode) []theme.NavItem {
	out := make([]theme.NavItem, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, theme.NavItem{
			Title:    n.Page.Title,
			Href:     st.Rel(from, n.Page.URL),
			Current:  n.Current,
			Open:     n.Open,
			Children: navItems(st, from, n.Children),
		})
	}
	return out
}
