package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"html/template"
	"runtime"
	"strings"
	"sync"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/search"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/generator/theme"
)

// pageWork is everything the build does for one page. The preview keeps
// it for the next build, which reuses it when the page's key is the same.
type pageWork struct {
	key   [32]byte
	md    markdown.Result
	diags []*diag.Diagnostic // the rendering's findings, after handbook.yaml's rules
	check *check.Page
	local []*diag.Diagnostic // findings of the rules that look at this page alone
	doc   *search.Analyzed
	az    []theme.AZEntry // the page's entries in the A–Z index
	html  []byte          // the finished, minified page
	print []byte          // the body as the printable handbook shows it
}

// summary is what the stages after the pages need of them: small enough
// to hold for every page of a large handbook.
type summary struct {
	checks []*check.Page
	local  map[*check.Page][]*diag.Diagnostic
}

// reservedIDs are element IDs the default theme puts on every page.
var reservedIDs = []string{"main-content", "site-nav", "on-this-page-heading", "section-pages-heading", "search-q", "search-results", "search-status"}

// window bounds how many pages may be finished ahead of the one the
// assembler waits for, and so the memory a large handbook needs.
const window = 64

// renderPages renders and writes every page, in parallel on every core,
// and assembles as it goes, in reading order, what is made of all pages
// together: the search index, the A–Z index and the printable handbook.
// Pages are written as soon as they are finished; apart from the preview,
// which keeps each page's work for the next build, nothing of a page's
// HTML outlives its turn in the assembler.
func (b *builder) renderPages(ctx context.Context, in *inputs, sv *theme.Site) *summary {
	pages := in.site.All()
	anchors := b.printAnchors(in)
	md := markdown.New(markdown.Options{UnsafeHTML: in.config.UnsafeHTML})

	results := make([]chan *pageWork, len(pages))
	for i := range results {
		results[i] = make(chan *pageWork, 1)
	}
	ahead := make(chan struct{}, window)
	work := make(chan int)
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			// Each worker analyses its pages for search with an Analyzer
			// of its own, which learns the handbook's words as it goes.
			var words search.Analyzer
			for i := range work {
				results[i] <- b.pageWork(md, &words, in, sv, pages[i], anchors)
			}
		})
	}
	go func() {
		defer close(work)
		for i := range pages {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				// Let the assembler finish with empty results.
				for j := i; j < len(pages); j++ {
					results[j] <- nil
				}
				return
			}
			work <- i
		}
	}()

	sum := &summary{local: map[*check.Page][]*diag.Diagnostic{}}
	// A one-off build adds each page to the search index and lets its
	// analysis go; the preview keeps every analysis, and its index
	// builds on the previous build's.
	var index *search.Builder
	var docs []*search.Analyzed
	if !b.keep {
		index = search.NewBuilder()
	}
	var azIndex []theme.AZEntry // every page's entries, in reading order
	printing := b.startPrint(in, sv, anchors)
	memo := map[string]*pageWork{}
	for i, p := range pages {
		w := <-results[i]
		if w == nil {
			// Cancelled before this page was started.
			continue
		}
		<-ahead
		for _, d := range w.diags {
			b.diags.Add(d)
		}
		sum.checks = append(sum.checks, w.check)
		sum.local[w.check] = w.local
		if w.doc != nil {
			if b.keep {
				docs = append(docs, w.doc)
			} else {
				index.Add(w.doc)
			}
		}
		azIndex = append(azIndex, w.az...)
		printing.add(p, w.print)
		if b.keep {
			memo[pageID(p)] = w
		}
	}
	workers.Wait()
	// The pages made from all the others do not depend on each other:
	// made side by side, they take the longest one's time, not the sum.
	var wholes sync.WaitGroup
	wholes.Go(func() { printing.finish(ctx) })
	wholes.Go(func() { b.writeSearchIndex(in, index, docs) })
	b.writeAZ(in, sv, azIndex)
	wholes.Wait()
	if b.keep {
		b.gen.memo = memo
	}
	return sum
}

// pageID names a page across builds.
func pageID(p *site.Page) string {
	if p.Source != nil {
		return p.Source.Display
	}
	return "generated:" + p.URL
}

// pageKey hashes everything page p's work depends on: the build's inputs
// and the page's own file.
func pageKey(in *inputs, p *site.Page) [32]byte {
	h := sha256.New()
	h.Write(in.key[:])
	h.Write([]byte(p.URL + "\x00" + pageID(p) + "\x00"))
	if p.Source != nil {
		h.Write([]byte(p.Source.Hash))
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// pageWork renders one page, checks it, analyses it for search, and
// writes it — or takes all of that from the previous build.
func (b *builder) pageWork(md *markdown.Renderer, words *search.Analyzer, in *inputs, sv *theme.Site, p *site.Page, anchors map[string]string) *pageWork {
	key := pageKey(in, p)
	if prev := b.gen.memo[pageID(p)]; prev != nil && prev.key == key {
		b.writeRaw(p.OutputPath(), prev.html)
		b.mu.Lock()
		b.reused++
		b.mu.Unlock()
		return prev
	}
	w := &pageWork{key: key}
	if sp := p.Source; sp != nil {
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
			w.diags = append(w.diags, diag.Errorf(sp.Display, 0, 0, "%v", err))
		}
		w.md = res
		w.diags = append(w.diags, check.ApplyRules(in.config, res.Diagnostics)...)
	}
	w.check = checkPage(p, w.md)
	w.az = azEntries(in.site, p, w.md.Headings)
	w.local = check.PageFindings(check.Input{Config: in.config, Glossary: in.glossary, Today: in.today, Starter: in.starter, ErrorsOnly: !b.opts.AllRules}, w.check)
	w.doc = words.Analyze(searchDoc(p, w.md))
	html, err := in.theme.ExecuteBytes("page.html", pageView(in, sv, p, w.md))
	if err != nil {
		w.diags = append(w.diags, diag.Errorf(pageID(p), 0, 0, "%v", err))
	} else {
		// The theme's templates were minified when it loaded, and the
		// Markdown renderer writes compact HTML: the page needs no
		// minifying of its own.
		w.html = html
		b.writeRaw(p.OutputPath(), w.html)
	}
	if !p.Unlisted {
		sec := theme.PrintSection{
			ID:      anchors[p.URL],
			Title:   p.Title,
			Depth:   p.Depth,
			Content: template.HTML(printBody(in.site, p, w.md.HTML, anchors)),
			Chapter: p.Depth <= 1,
		}
		var err error
		if w.print, err = in.theme.ExecuteBytes("partials/print-section.html", sec); err != nil {
			w.diags = append(w.diags, diag.Errorf(pageID(p), 0, 0, "%v", err))
		}
	}
	if !b.keep {
		// Nothing later needs the page's source, HTML or prose: the page
		// is written, checked and analysed, and its print version and
		// A–Z entries made. Only what the rules across pages read is
		// kept: where its links lead, and its IDs.
		w.md = markdown.Result{}
		w.check.Trim()
		w.html = nil
		if p.Source != nil {
			p.Source.Body = nil
		}
	}
	return w
}

// checkPage is page p as the checks see it.
func checkPage(p *site.Page, md markdown.Result) *check.Page {
	cp := &check.Page{
		URL:       p.URL,
		Title:     p.Title,
		Generated: p.Source == nil,
		Headings:  md.Headings,
		Links:     md.Links,
		Text:      md.Text,
		Tables:    md.Tables,
		IDs:       elementIDs(md.HTML),
		Listed:    !p.Unlisted,
	}
	if sp := p.Source; sp != nil {
		cp.Display = sp.Display
		cp.Starter = sp.Layer == "starter"
		cp.Meta = sp.Meta
		cp.FrontMatterLine = sp.FrontMatterLine
	}
	return cp
}

// searchDoc is page p as the search index sees it: its prose split at its
// h2 and h3 headings, one section for every heading even when no prose
// follows it before the next one.
func searchDoc(p *site.Page, md markdown.Result) search.Doc {
	d := search.Doc{URL: p.URL, Title: p.Title}
	texts := map[string][]string{}
	for _, t := range md.Text {
		texts[t.Heading] = append(texts[t.Heading], t.Text)
	}
	if intro := texts[""]; len(intro) > 0 {
		d.Sections = append(d.Sections, search.Section{Text: strings.Join(intro, " ")})
	}
	for _, h := range md.Headings {
		if h.Level != 2 && h.Level != 3 {
			continue
		}
		d.Headings = append(d.Headings, search.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		d.Sections = append(d.Sections, search.Section{ID: h.ID, Heading: h.Text, Text: strings.Join(texts[h.ID], " ")})
	}
	return d
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

// pageView is what the page template receives for one page.
func pageView(in *inputs, sv *theme.Site, p *site.Page, md markdown.Result) *theme.View {
	st := in.site
	pv := &theme.Page{
		Title:       p.Title,
		Description: p.Description,
		URL:         p.URL,
		IsHome:      p.IsHome(),
		Content:     template.HTML(md.HTML),
	}
	if sp := p.Source; sp != nil {
		for _, h := range md.Headings {
			if h.Level == 2 || h.Level == 3 {
				pv.TOC = append(pv.TOC, theme.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
		pv.Draft = sp.Meta.Status == source.StatusDraft
		pv.Audience = sp.Meta.Audience
		pv.Params = sp.Meta.Params
		pv.Control = check.NewView(check.ControlFor(sp.Meta, in.config), in.config, in.today)
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
	pv.NavHTML = navHTML(in.theme, pv.Nav)
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
