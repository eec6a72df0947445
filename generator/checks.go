package generator

import (
	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/theme"
)

// reviewURL is the review schedule page: off the navigation, for the
// governance committee.
const reviewURL = "review/"

// runChecks runs every rule over the rendered pages. Error findings stop
// the build, so a broken anchor never reaches the intranet; the whole
// result is kept for `handbook check`.
func (b *builder) runChecks(in *inputs, pages []*rendered) *check.Result {
	cps := make([]*check.Page, 0, len(pages))
	for _, r := range pages {
		p := r.page
		cp := &check.Page{
			URL:       p.URL,
			Title:     p.Title,
			Generated: p.Source == nil,
			Headings:  r.md.Headings,
			Links:     r.md.Links,
			Text:      r.md.Text,
			Tables:    r.md.Tables,
			IDs:       r.ids,
			Listed:    !p.Unlisted,
		}
		if sp := p.Source; sp != nil {
			cp.Display = sp.Display
			cp.Starter = sp.Layer == "starter"
			cp.Meta = sp.Meta
			cp.FrontMatterLine = sp.FrontMatterLine
		}
		cps = append(cps, cp)
	}
	res := check.Run(check.Input{
		Pages:    cps,
		Config:   in.config,
		Glossary: in.glossary,
		Today:    in.today,
		Starter:  in.starter,
	})
	for _, f := range res.Findings {
		if f.Severity == diag.Error {
			b.diags.Add(f)
		}
	}
	return res
}

// writeReview writes the review schedule page.
func (b *builder) writeReview(in *inputs, sv *theme.Site, res *check.Result) {
	st := in.site
	page := &theme.Page{
		Title:       "Review schedule",
		Description: "When each page of the handbook was approved and is next due for review.",
		URL:         reviewURL,
		Breadcrumbs: []theme.Link{{Title: st.Home.Title, Href: st.Rel(reviewURL, "")}},
		Nav:         navItems(st, reviewURL, st.Nav(st.Home)),
		Schedule:    check.ScheduleViews(res.Schedule, func(url string) string { return st.Rel(reviewURL, url) }),
	}
	page.NavHTML = theme.NavHTML(page.Nav)
	b.writeView(in, "review.html", reviewURL+"index.html", &theme.View{Site: sv, Page: page, Root: site.Root(reviewURL), Home: st.Rel(reviewURL, "")})
}
