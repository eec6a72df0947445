package site_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// BenchmarkNav arranges a 1,000-page handbook and renders every page's
// sidebar, as the build does.
func BenchmarkNav(b *testing.B) {
	content := fstest.MapFS{}
	for name, data := range handbookgen.Files(handbookgen.Options{Pages: 1000, Seed: 1}) {
		if len(name) > 8 && name[:8] == "content/" {
			content[name[8:]] = &fstest.MapFile{Data: data}
		}
	}
	var diags diag.List
	set := source.Load(context.Background(), []source.Layer{{Name: "content", FS: content, Display: "content/"}}, source.Options{}, &diags)
	for b.Loop() {
		st := site.New(set, "Home", false)
		for _, p := range st.Pages {
			theme.WriteNavItems(theme.NewWriter(0), items(st, p.URL, st.Nav(p)))
		}
	}
}

func items(st *site.Site, from string, nodes []site.NavNode) []theme.NavItem {
	out := make([]theme.NavItem, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, theme.NavItem{Title: n.Page.Title, Href: st.Rel(from, n.Page.URL), Current: n.Current, Open: n.Open, Children: items(st, from, n.Children)})
	}
	return out
}
