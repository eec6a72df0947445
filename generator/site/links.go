package site

import (
	"path"
	"strings"

	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/source"
)

// resolver resolves one page's relative links against the site.
type resolver struct {
	site *Site
	page *Page
}

var _ markdown.Resolver = resolver{}

// Resolver returns the link resolver for p's Markdown.
func (s *Site) Resolver(p *Page) markdown.Resolver { return resolver{site: s, page: p} }

// Resolve implements markdown.Resolver. Links to .md files go to the page
// that file makes; other relative links go to a file of the content, or,
// when they name a folder, to that section.
func (r resolver) Resolve(dest string, image bool) markdown.Target {
	dir := ""
	if r.page.Source != nil {
		dir = r.page.Source.Dir()
	}
	joined := path.Join(dir, dest)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return markdown.Target{State: markdown.Missing}
	}
	if !image && source.IsMarkdown(dest) {
		if to := r.site.byPath[joined]; to != nil {
			// The page made from that very file: its URL is known.
			return r.pageTarget(to.URL)
		}
		url, err := source.PageURL(joined)
		if err != nil {
			return markdown.Target{State: markdown.Missing}
		}
		return r.pageTarget(url)
	}
	if url, err := source.AssetURL(joined); err == nil && r.site.Content.Asset(url) != nil {
		return markdown.Target{State: markdown.Resolved, Href: r.site.RelFile(r.page.URL, url), URL: url}
	}
	if !image && (strings.HasSuffix(dest, "/") || path.Ext(dest) == "" || joined == ".") {
		if url, err := source.PageURL(path.Join(joined, "_index.md")); err == nil {
			if t := r.pageTarget(url); t.State != markdown.Missing {
				return t
			}
		}
	}
	return markdown.Target{State: markdown.Missing}
}

func (r resolver) pageTarget(url string) markdown.Target {
	if r.site.Page(url) != nil {
		return markdown.Target{State: markdown.Resolved, Href: r.site.Rel(r.page.URL, url), URL: url, Page: true}
	}
	switch r.site.Content.Left[url] {
	case source.ReasonDraft:
		return markdown.Target{State: markdown.LeftOutDraft, URL: url}
	case source.ReasonHidden:
		return markdown.Target{State: markdown.LeftOutHidden, URL: url}
	}
	return markdown.Target{State: markdown.Missing}
}
