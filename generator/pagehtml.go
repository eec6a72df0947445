package generator

import (
	"html/template"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/theme"
)

// defaultPartials are Go renderings of the default theme's page template
// and its partials, as the build loads them (minified). Each writes what
// its template writes; the theme checks that against probeViews when it
// loads and uses the template instead of any that differs, or when a
// handbook overrides the template (see theme.Partial). The renderings of
// the sidebar items and the A–Z index are in package theme
// (theme.WriteNavItems, theme.WriteAZ), which site's benchmarks use too;
// the rest are here. Change a template in themes/default and its
// rendering together: TestDefaultPartialsInUse fails while they differ.
var defaultPartials = []theme.Partial{
	theme.NewPartial("page.html", writePage),
	theme.NewPartial("review.html", writeReviewPage),
	theme.NewPartial("partials/print-section.html", writePrintSection),
	theme.NewPartial("partials/head.html", writeHead),
	theme.NewPartial("partials/header.html", writeHeader),
	theme.NewPartial("partials/search.html", writeSearch),
	theme.NewPartial("partials/banners.html", writeBanners),
	theme.NewPartial("partials/review-banner.html", writeReviewBanner),
	theme.NewPartial("partials/breadcrumbs.html", writeBreadcrumbs),
	theme.NewPartial("partials/toc.html", writeTOC),
	theme.NewPartial("partials/doccontrol.html", writeDocControl),
	theme.NewPartial("partials/children.html", writeChildren),
	theme.NewPartial("partials/pager.html", writePager),
	theme.NewPartial("partials/nav.html", writeNav),
	theme.NewPartial("partials/nav-items.html", theme.WriteNavItems),
	theme.NewPartial("generated/a-z.html", theme.WriteAZ),
	theme.NewPartial("partials/footer.html", writeFooter),
	theme.NewPartial("partials/scripts.html", writeScripts),
}

// pageChrome is about how much a page holds besides its content and
// sidebar: the head, header, contents, document control and footer.
const pageChrome = 6 << 10

func writePage(w *theme.Writer, v *theme.View) {
	w.Grow(len(v.Page.Content) + len(v.Page.NavHTML) + pageChrome)
	w.Raw(`<!doctype html><html lang="`)
	w.Text(v.Site.Language)
	w.Raw(`" data-handbook="`)
	w.Text(v.Site.HandbookID)
	w.Raw(`" data-page="`)
	w.Text(v.Page.URL)
	w.Raw(`">`)
	writeHead(w, v)
	w.Raw("\n<body><a class=\"skip-link\" href=\"#main-content\">Skip to main content</a>\n")
	writeHeader(w, v)
	w.Raw(`<div class="page-width layout"><main id="main-content" class="main" tabindex="-1">` + "\n")
	writeBanners(w, v)
	w.Raw("\n")
	writeReviewBanner(w, v)
	w.Raw("\n")
	writeBreadcrumbs(w, v)
	w.Raw("\n<h1>")
	w.Text(v.Page.Title)
	w.Raw("</h1>\n")
	if d := v.Page.Description; d != "" {
		w.Raw(`<p class="lede">`)
		w.Text(d)
		w.Raw("</p>")
	}
	w.Raw("\n")
	writeTOC(w, v)
	w.Raw("\n<div class=\"content\">\n")
	w.HTML(v.Page.Content)
	w.Raw("\n</div>\n")
	writeDocControl(w, v)
	w.Raw("\n")
	writeChildren(w, v)
	w.Raw("\n")
	writePager(w, v)
	w.Raw("\n</main>\n")
	writeNav(w, v)
	w.Raw("\n</div>\n")
	writeFooter(w, v)
	w.Raw("\n")
	writeScripts(w, v)
	w.Raw("\n</body>\n</html>\n")
}

func writeReviewPage(w *theme.Writer, v *theme.View) {
	rows, _ := v.Page.Schedule.([]check.ScheduleRowView)
	w.Grow(len(rows)*400 + len(v.Page.NavHTML) + pageChrome)
	w.Raw(`<!doctype html><html lang="`)
	w.Text(v.Site.Language)
	w.Raw(`">`)
	writeHead(w, v)
	w.Raw("\n<body><a class=\"skip-link\" href=\"#main-content\">Skip to main content</a>\n")
	writeHeader(w, v)
	w.Raw(`<div class="page-width layout"><main id="main-content" class="main" tabindex="-1">`)
	writeBreadcrumbs(w, v)
	w.Raw("<h1>")
	if v.Page.Title != "" {
		w.Text(v.Page.Title)
	} else {
		w.Text("Review schedule")
	}
	w.Raw(`</h1><div class="content"><p>Every page of the handbook and when it is next due for review, soonest first. Dates were worked out when the handbook was built. Pages that are overdue need their owner to review them and record the new approval date.</p>`)
	if len(rows) > 0 {
		w.Raw(`<table class="review-schedule"><caption>Review dates for every page</caption><thead><tr><th scope="col">Page</th><th scope="col">Owner</th><th scope="col">Approved by</th><th scope="col">Last approved</th><th scope="col">Next review</th><th scope="col">Status</th></tr></thead><tbody>`)
		for _, r := range rows {
			w.Raw(`<tr><th scope="row">`)
			w.Link(r.Href, r.Title)
			w.Raw("</th><td>")
			writeOrNotSet(w, r.Owner)
			w.Raw("</td><td>")
			writeOrNotSet(w, r.ApprovedBy)
			w.Raw("</td><td>")
			writeTimeOrNotSet(w, r.ApprovedOnISO, r.ApprovedOn)
			w.Raw("</td><td>")
			writeTimeOrNotSet(w, r.NextReviewISO, r.NextReview)
			w.Raw(`</td><td><span class="review-status review-status-`)
			w.Text(string(r.Status))
			w.Raw(`">`)
			w.Text(r.StatusText)
			w.Raw("</span></td></tr>")
		}
		w.Raw("</tbody></table>")
	} else {
		w.Raw("<p>There are no pages to review.</p>")
	}
	w.Raw("</div></main>")
	writeNav(w, v)
	w.Raw("</div>")
	writeFooter(w, v)
	w.Raw("\n")
	writeScripts(w, v)
	w.Raw("</body></html>")
}

// writeOrNotSet writes s, or "Not set" when it is empty.
func writeOrNotSet(w *theme.Writer, s string) {
	if s == "" {
		w.Raw("Not set")
		return
	}
	w.Text(s)
}

// writeTimeOrNotSet writes a date as a <time> element, or "Not set".
func writeTimeOrNotSet(w *theme.Writer, iso, text string) {
	if text == "" {
		w.Raw("Not set")
		return
	}
	writeDate(w, &check.DateView{ISO: iso, Text: text})
}

func writePrintSection(w *theme.Writer, s theme.PrintSection) {
	w.Grow(len(s.Content) + 3*len(s.ID) + len(s.Title) + 160)
	w.Raw(`<section class="print-section`)
	if s.Chapter {
		w.Raw(" print-chapter")
	}
	w.Raw(`" id="`)
	w.Text(s.ID)
	w.Raw(`" aria-labelledby="`)
	w.Text(s.ID)
	w.Raw("-title\">\n<h2 id=\"")
	w.Text(s.ID)
	w.Raw(`-title">`)
	w.Text(s.Title)
	w.Raw("</h2>\n")
	w.HTML(s.Content)
	w.Raw("\n</section>\n")
}

func writeHead(w *theme.Writer, v *theme.View) {
	w.Raw(`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>`)
	w.Text(v.Page.Title)
	w.Raw(" – ")
	w.Text(v.Site.Title)
	w.Raw("</title>")
	if d := v.Page.Description; d != "" {
		w.Raw(`<meta name="description" content="`)
		w.Text(d)
		w.Raw(`">`)
	}
	w.Raw("\n" + `<meta name="generator" content="handbook">`)
	for _, s := range v.Site.Stylesheets {
		w.Raw(`<link rel="stylesheet" href="`)
		w.URL(v.Root)
		w.URL(s)
		w.Raw("\">\n")
	}
	if f := v.Site.Favicon; f != "" {
		w.Raw(`<link rel="icon" href="`)
		w.URL(v.Root)
		w.URL(f)
		w.Raw("\">\n")
	}
	w.Raw("</head>")
}

func writeHeader(w *theme.Writer, v *theme.View) {
	w.Raw(`<header class="site-header"><div class="page-width header-inner"><a class="header-home" href="`)
	w.URL(v.Home)
	w.Raw(`">`)
	if v.Site.Logo != "" {
		w.Raw(`<img class="header-logo" src="`)
		w.URL(v.Root)
		w.URL(v.Site.Logo)
		w.Raw(`" alt="`)
		w.Text(v.Site.LogoAlt)
		w.Raw(`">`)
	} else {
		w.Raw(`<span class="header-trust">`)
		w.Text(v.Site.TrustName)
		w.Raw("</span>")
	}
	w.Raw(`<span class="header-title">`)
	w.Text(v.Site.Title)
	w.Raw("</span>\n</a>")
	writeSearch(w, v)
	w.Raw("\n" + `<a class="header-menu" href="#site-nav">Menu</a></div></header>`)
}

func writeSearch(w *theme.Writer, v *theme.View) {
	w.Raw(`<form role="search" class="search" action="`)
	w.URL(v.Root)
	w.URL(v.Site.AZIndex)
	w.Raw(`" method="get" data-root="`)
	w.Text(v.Root)
	w.Raw(`" data-index="`)
	w.Text(v.Site.SearchIndex)
	w.Raw(`"`)
	if v.Site.Portable {
		w.Raw(` data-portable="true"`)
	}
	w.Raw(`><label class="search-label" for="search-q">Search this handbook</label><div class="search-row">` +
		`<input class="search-input" id="search-q" type="search" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search">` +
		"\n" + `<button class="search-button" type="submit">Search</button></div></form>`)
}

func writeBanners(w *theme.Writer, v *theme.View) {
	if v.Page.Draft {
		w.Raw(`<div class="banner banner-draft"><div class="page-width"><p><strong>Draft – not approved.</strong> This page is a draft and is not part of the published handbook.</p></div></div>`)
	}
	w.Raw("\n")
	if n := v.Site.Notice; n != "" {
		w.Raw(`<div class="banner banner-notice"><div class="page-width"><p>`)
		w.Text(n)
		w.Raw("</p></div></div>")
	}
}

// control is the page's document control, or nil.
func control(v *theme.View) *check.View {
	c, _ := v.Page.Control.(*check.View)
	return c
}

// writeOwner writes the owner as the templates do: the job title, then
// the contact's name, in brackets when both are known.
func writeOwner(w *theme.Writer, c *check.View) {
	w.Text(c.Owner)
	if c.Owner != "" && c.ContactName != "" {
		w.Raw(" (")
		w.Text(c.ContactName)
		w.Raw(")")
	} else {
		w.Text(c.ContactName)
	}
}

func writeReviewBanner(w *theme.Writer, v *theme.View) {
	c := control(v)
	if c == nil || c.NextReview == nil {
		return
	}
	w.Raw(`<div class="banner banner-overdue" role="note" data-review-by="`)
	w.Text(c.NextReview.ISO)
	w.Raw(`"`)
	if !c.Overdue {
		w.Raw(" hidden")
	}
	w.Raw(`><div class="page-width"><p><strong data-review-text>This page is overdue for review since `)
	w.Text(c.NextReview.Text)
	w.Raw(".</strong> It may be out of date.")
	if c.Owner != "" || c.ContactName != "" {
		w.Raw(" Page owner: ")
		writeOwner(w, c)
		w.Raw(".")
	}
	w.Raw("</p></div></div>")
}

func writeBreadcrumbs(w *theme.Writer, v *theme.View) {
	if len(v.Page.Breadcrumbs) == 0 {
		return
	}
	w.Raw(`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>`)
	for _, l := range v.Page.Breadcrumbs {
		w.Raw("<li>")
		w.Link(l.Href, l.Title)
		w.Raw("</li>")
	}
	w.Raw("</ol></nav>")
}

func writeTOC(w *theme.Writer, v *theme.View) {
	if len(v.Page.TOC) <= 1 {
		return
	}
	w.Raw(`<nav class="on-this-page" aria-labelledby="on-this-page-heading"><h2 id="on-this-page-heading" class="on-this-page-heading">On this page</h2><ul>`)
	for _, e := range v.Page.TOC {
		w.Raw(`<li class="toc-level-`)
		w.Int(e.Level)
		w.Raw(`"><a href="#`)
		w.URLQuery(e.ID)
		w.Raw(`">`)
		w.Text(e.Text)
		w.Raw("</a></li>")
	}
	w.Raw("</ul></nav>")
}

// writeDate writes a date as a <time> element.
func writeDate(w *theme.Writer, d *check.DateView) {
	w.Raw(`<time datetime="`)
	w.Text(d.ISO)
	w.Raw(`">`)
	w.Text(d.Text)
	w.Raw("</time>")
}

// writeFact writes one line of the document-control list when value is
// not empty.
func writeFact(w *theme.Writer, term, value string) {
	if value == "" {
		return
	}
	w.Raw("<div><dt>" + term + "</dt><dd>")
	w.Text(value)
	w.Raw("</dd></div>")
}

// writeDateFact writes one dated line of the document-control list when
// d is set.
func writeDateFact(w *theme.Writer, term string, d *check.DateView, overdue bool) {
	if d == nil {
		return
	}
	w.Raw("<div><dt>" + term + "</dt><dd>")
	writeDate(w, d)
	if overdue {
		w.Raw(" (overdue)")
	}
	w.Raw("</dd></div>")
}

func writeDocControl(w *theme.Writer, v *theme.View) {
	c := control(v)
	if c == nil {
		return
	}
	w.Raw(`<details class="doc-control"><summary>Document control</summary><dl class="summary-list">`)
	writeFact(w, "Reference", c.Reference)
	writeFact(w, "Version", c.Version)
	writeFact(w, "Status", c.Status)
	if c.Owner != "" || c.ContactName != "" {
		w.Raw("<div><dt>Owner</dt><dd>")
		writeOwner(w, c)
		w.Raw("</dd></div>")
	}
	writeFact(w, "Approved by", c.ApprovedBy)
	writeDateFact(w, "Approved on", c.ApprovedOn, false)
	writeDateFact(w, "Effective from", c.EffectiveFrom, false)
	writeDateFact(w, "Next review", c.NextReview, c.Overdue)
	if e := c.EIA; e != nil {
		w.Raw("<div><dt>Equality impact assessment</dt><dd>")
		if e.Date != nil {
			writeDate(w, e.Date)
		}
		if e.Date != nil && e.Outcome != "" {
			w.Raw(": ")
		}
		w.Text(e.Outcome)
		w.Raw("</dd></div>")
	}
	w.Raw("</dl>")
	if len(c.Changes) > 0 {
		w.Raw(`<table class="doc-control-changes"><caption>Change log</caption><thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Summary</th></tr></thead><tbody>`)
		for _, ch := range c.Changes {
			w.Raw("<tr><td>")
			w.Text(ch.Version)
			w.Raw("</td><td>")
			if ch.Date != nil {
				writeDate(w, ch.Date)
			}
			w.Raw("</td><td>")
			w.Text(ch.Summary)
			w.Raw("</td></tr>")
		}
		w.Raw("</tbody></table>")
	}
	w.Raw(`</details><p class="print-only printed-on" data-printed-on>Uncontrolled when printed.</p>`)
}

func writeChildren(w *theme.Writer, v *theme.View) {
	if len(v.Page.Children) == 0 {
		return
	}
	w.Raw(`<nav class="section-pages" aria-labelledby="section-pages-heading"><h2 id="section-pages-heading">In this section</h2><ul>`)
	for _, l := range v.Page.Children {
		w.Raw("<li>")
		w.Link(l.Href, l.Title)
		if l.Description != "" {
			w.Raw("<p>")
			w.Text(l.Description)
			w.Raw("</p>")
		}
		w.Raw("</li>")
	}
	w.Raw("</ul></nav>")
}

func writePager(w *theme.Writer, v *theme.View) {
	prev, next := v.Page.Prev, v.Page.Next
	if prev == nil && next == nil {
		return
	}
	w.Raw(`<nav class="pager" aria-label="Previous and next pages">`)
	writePagerLink(w, prev, "prev", "Previous")
	w.Raw("\n")
	writePagerLink(w, next, "next", "Next")
	w.Raw("</nav>")
}

// writePagerLink writes the link to the previous or next page, if any.
func writePagerLink(w *theme.Writer, l *theme.Link, rel, label string) {
	if l == nil {
		return
	}
	w.Raw(`<a class="pager-link pager-` + rel + `" href="`)
	w.URL(l.Href)
	w.Raw(`" rel="` + rel + `"><span class="pager-label">` + label + `</span> <span class="pager-title">`)
	w.Text(l.Title)
	w.Raw("</span></a>")
}

func writeNav(w *theme.Writer, v *theme.View) {
	w.Raw(`<nav id="site-nav" class="site-nav" aria-label="Handbook sections"><h2 class="site-nav-heading">Contents</h2><ul class="nav-list"><li class="nav-item`)
	if v.Page.IsHome {
		w.Raw(" nav-current")
	}
	w.Raw(`"><a href="`)
	w.URL(v.Home)
	w.Raw(`"`)
	if v.Page.IsHome {
		w.Raw(` aria-current="page"`)
	}
	w.Raw(">")
	w.Text(v.Site.HomeTitle)
	w.Raw("</a></li>")
	if v.Page.NavHTML != "" {
		w.HTML(v.Page.NavHTML)
	} else {
		theme.WriteNavItems(w, v.Page.Nav)
	}
	w.Raw("</ul></nav>")
}

// navHTML is the sidebar items as partials/nav-items.html writes them,
// for View.Page.NavHTML, when a Go rendering stands in for that template;
// otherwise empty, for nav.html to run the handbook's own template where
// it calls it. (Run on its own, a handbook's template that html/template
// refuses would be refused again inside nav.html, and html/template
// cannot escape a template that calls one it refused before.)
func navHTML(th *theme.Theme, items []theme.NavItem) template.HTML {
	if !th.HasPartial("partials/nav-items.html") {
		return ""
	}
	w := theme.NewWriter(0)
	theme.WriteNavItems(w, items)
	return template.HTML(w.Bytes())
}

func writeFooter(w *theme.Writer, v *theme.View) {
	w.Raw(`<footer class="site-footer"><div class="page-width"><nav aria-label="Support links"><ul class="footer-links">`)
	for _, l := range v.Site.FooterLinks {
		w.Raw(`<li><a href="`)
		w.URL(v.Root)
		w.URL(l.Href)
		w.Raw(`">`)
		w.Text(l.Title)
		w.Raw("</a></li>")
	}
	w.Raw(`<li><a href="`)
	w.URL(v.Root)
	w.URL(v.Site.AZIndex)
	w.Raw(`">A to Z</a></li><li><a href="`)
	w.URL(v.Root)
	w.URL(v.Site.Print)
	w.Raw(`">Print the whole handbook</a></li></ul></nav><p class="footer-trust">`)
	w.Text(v.Site.TrustName)
	w.Raw(`</p><p class="print-only">Uncontrolled when printed. Check the online handbook for the current version.</p></div></footer>`)
}

func writeScripts(w *theme.Writer, v *theme.View) {
	for _, s := range v.Site.Scripts {
		w.Raw(`<script src="`)
		w.URL(v.Root)
		w.URL(s)
		w.Raw("\" defer></script>\n")
	}
}

// probeViews are the data the theme checks defaultPartials against when
// it loads: between them they take every branch of the templates, with
// text that each kind of escaping changes.
func probeViews() []any {
	tricky := `Tom & Jerry's "C++" <guide>`
	date := &check.DateView{Text: "1 April 2027", ISO: "2027-04-01"}
	full := &theme.View{
		Root: "../../",
		Home: "../../",
		Site: &theme.Site{
			Title: "Handbook " + tricky, Language: "en-GB", TrustName: "Trust " + tricky,
			Logo: "static/logo (new).svg", LogoAlt: "Logo " + tricky, HomeTitle: "Start " + tricky,
			Stylesheets: []string{"assets/handbook.css", "assets/brand.css"},
			Scripts:     []string{"assets/search.js", "assets/checklist.js"},
			Favicon:     "assets/favicon.svg",
			FooterLinks: []theme.Link{{Title: "Contacts " + tricky, Href: "contacts/"}, {Title: "Odd", Href: "javascript:alert(1)"}},
			HandbookID:  "id " + tricky, Portable: true, Notice: "Notice " + tricky,
			AZIndex: "a-z/index.html", Print: "print/index.html", SearchIndex: "assets/search-index.js",
		},
		Page: &theme.Page{
			Title: "Page " + tricky, Description: "About " + tricky, URL: "about/café (x)/",
			Draft:       true,
			Content:     "<p>Body</p>",
			TOC:         []theme.TOCEntry{{Level: 2, ID: "one", Text: "One " + tricky}, {Level: 3, ID: "two (2)", Text: "Two"}},
			Breadcrumbs: []theme.Link{{Title: "Start", Href: "../../"}, {Title: "About " + tricky, Href: "../"}},
			Prev:        &theme.Link{Title: "Before " + tricky, Href: "../before/"},
			Next:        &theme.Link{Title: "After", Href: "../after me/"},
			Nav: []theme.NavItem{{Title: "About " + tricky, Href: "../", Open: true, Children: []theme.NavItem{
				{Title: "This", Href: "./", Current: true},
			}}},
			Children: []theme.Link{{Title: "Child " + tricky, Href: "child/", Description: "What " + tricky}, {Title: "Bare", Href: "bare/"}},
			Control: &check.View{
				Reference: "REF " + tricky, Version: "2.1", Status: "Approved", Owner: "Head " + tricky, ContactName: "Ann " + tricky,
				ApprovedBy: "Board " + tricky, ApprovedOn: date, EffectiveFrom: date, NextReview: date,
				EIA:     &check.EIAView{Date: date, Outcome: "No impact " + tricky},
				Changes: []check.ChangeView{{Version: "2.1", Date: date, Summary: "Changed " + tricky}, {Version: "1.0", Summary: "First"}},
				Overdue: true,
			},
		},
	}
	bare := &theme.View{
		Home: "./",
		Site: &theme.Site{Title: "Handbook", TrustName: "Trust", AZIndex: "a-z/", Print: "print/"},
		Page: &theme.Page{Title: "Start", IsHome: true, NavHTML: template.HTML(`<li class="nav-item"><a href="about/">About</a></li>`)},
	}
	ownerOnly := &theme.View{
		Site: &theme.Site{Title: "Handbook", Logo: "static/logo.png"},
		Page: &theme.Page{
			Title: "Owned", TOC: []theme.TOCEntry{{Level: 2, ID: "only", Text: "Only"}},
			Next: &theme.Link{Title: "Next", Href: "../next/"},
			Control: &check.View{
				Owner: "Lead", NextReview: date,
				EIA: &check.EIAView{Outcome: "Done"},
			},
		},
	}
	nameOnly := &theme.View{
		Site: &theme.Site{Title: "Handbook"},
		Page: &theme.Page{
			Title:   "Named",
			Prev:    &theme.Link{Title: "Prev", Href: "../prev/"},
			Control: &check.View{ContactName: "Bo", EIA: &check.EIAView{Date: date}},
		},
	}
	review := &theme.View{
		Root: "../", Home: "../",
		Site: full.Site,
		Page: &theme.Page{
			Title: "Review " + tricky, Breadcrumbs: full.Page.Breadcrumbs, Nav: full.Page.Nav,
			Schedule: []check.ScheduleRowView{
				{Href: "../a (b)/", Title: "A " + tricky, Owner: "Lead " + tricky, ApprovedBy: "Board", ApprovedOn: "1 April 2026", ApprovedOnISO: "2026-04-01",
					NextReview: "1 April 2027", NextReviewISO: "2027-04-01", Status: check.ReviewOverdue, StatusText: "Overdue " + tricky},
				{Href: "../c/", Title: "C", Status: check.ReviewNoDate, StatusText: "No review date"},
			},
		},
	}
	emptyReview := &theme.View{Site: bare.Site, Page: &theme.Page{Schedule: []check.ScheduleRowView{}}}
	sections := []any{
		theme.PrintSection{ID: "page-about " + tricky, Title: "About " + tricky, Depth: 1, Chapter: true, Content: "<p>Body</p>"},
		theme.PrintSection{ID: "page-x", Title: "X", Depth: 2},
	}
	navItems := []theme.NavItem{
		{Title: "About & more", Href: "../about (old)/", Open: true, Children: []theme.NavItem{
			{Title: "C++ 'quoted'", Href: "javascript:alert(1)"},
			{Title: "Pay", Href: "../about/pay/", Current: true},
		}},
		{Title: "Café", Href: "../café-culture/"},
	}
	az := theme.AZIndex{Groups: []theme.AZGroup{
		{Letter: "A", ID: "letter-a", Entries: []theme.AZEntry{{Text: "About & more", Href: "../about/"}, {Text: "Agenda", Href: "../about/#agenda", Page: "About <us>"}}},
		{Letter: "C", ID: "letter c+", Entries: []theme.AZEntry{{Text: "C++ 'quoted'", Href: "../c (x)/#a b", Page: "Tom & Jerry"}}},
	}}
	return append([]any{full, bare, ownerOnly, nameOnly, review, emptyReview, navItems, az}, sections...)
}
