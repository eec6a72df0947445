package generator

import (
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/search"
	"github.com/nhs-psp/handbook/generator/theme"
)

// writeSearchIndex builds the search index from the rendered pages and
// writes it as a fingerprinted script, loaded by the search box.
func (b *builder) writeSearchIndex(in *inputs, sv *theme.Site, pages []*rendered) {
	docs := make([]search.Doc, 0, len(pages))
	for _, r := range pages {
		if r.page.Unlisted && r.page.Source == nil {
			continue
		}
		d := search.Doc{URL: r.page.URL, Title: r.page.Title}
		for _, h := range r.md.Headings {
			if h.Level == 2 || h.Level == 3 {
				d.Headings = append(d.Headings, search.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		// The page's prose, split at its h2 and h3 headings.
		headingText := map[string]string{}
		for _, h := range d.Headings {
			headingText[h.ID] = h.Text
		}
		for _, t := range r.md.Text {
			n := len(d.Sections)
			if n == 0 || d.Sections[n-1].ID != t.Heading {
				d.Sections = append(d.Sections, search.Section{ID: t.Heading, Heading: headingText[t.Heading]})
				n++
			}
			s := &d.Sections[n-1]
			if s.Text != "" {
				s.Text += " "
			}
			s.Text += t.Text
		}
		docs = append(docs, d)
	}
	var opts search.Options
	if in.site.Page(glossaryURL) != nil {
		for _, t := range in.glossary.Terms {
			opts.Glossary = append(opts.Glossary, search.GlossaryEntry{
				Term: t.Term, Expansion: t.Expansion, Definition: t.Definition, URL: glossaryURL, Anchor: t.Anchor(),
			})
		}
	}
	data := b.minify.Minify("index.js", search.Index(docs, opts))
	name := publish.Fingerprint("assets/search-index.js", data)
	b.writeRaw(name, data)
	sv.SearchIndex = name
}
