package generator

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/search"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/theme"
)

// The pages every build makes besides the handbook's own, off the
// navigation.
const (
	azURL     = "a-z/"
	printURL  = "print/"
	reviewURL = "review/"
	// searchIndexPath keeps one name from build to build: every page
	// names it, so a fingerprinted name would change every page whenever
	// any text changed. A cached copy that is out of date affects search
	// results only, until the cache expires.
	searchIndexPath = "assets/search-index.js"
)

// writeSearchIndex writes the search index: from index, which every page
// was added to, or, in the preview, from the pages' docs, reusing the
// previous build's index.
func (b *builder) writeSearchIndex(in *inputs, index *search.Builder, docs []*search.Analyzed) {
	var opts search.Options
	if in.site.Page(glossaryURL) != nil {
		for _, t := range in.glossary.Terms {
			opts.Glossary = append(opts.Glossary, search.GlossaryEntry{
				Term: t.Term, Expansion: t.Expansion, Definition: t.Definition, URL: glossaryURL, Anchor: t.Anchor(),
			})
		}
	}
	// The index is written compactly already; minifying it would cost
	// more than it saves.
	if b.keep {
		b.writeRaw(searchIndexPath, b.gen.search.Index(docs, opts))
		return
	}
	b.writeRaw(searchIndexPath, index.Index(opts))
}

// azEntries are page p's entries in the A–Z index: its title and its h2
// and h3 headings.
func azEntries(st *site.Site, p *site.Page, headings []markdown.Heading) []theme.AZEntry {
	href := st.Rel(azURL, p.URL)
	entries := []theme.AZEntry{{Text: p.Title, Href: href}}
	for _, h := range headings {
		if h.Level == 2 || h.Level == 3 {
			entries = append(entries, theme.AZEntry{Text: h.Text, Href: href + "#" + h.ID, Page: p.Title})
		}
	}
	return entries
}

// writeAZ writes the A–Z index of every page and its h2 and h3 headings,
// given in reading order. Without JavaScript the search box leads here.
// The preview reuses the previous build's page when no title or heading
// changed.
func (b *builder) writeAZ(in *inputs, sv *theme.Site, entries []theme.AZEntry) {
	if last, ok := b.gen.az.get(in.key); ok && slices.Equal(last.entries, entries) {
		b.writeRaw(azURL+"index.html", last.html)
		return
	}
	html := b.azPage(in, sv, entries)
	if html == nil {
		return
	}
	b.writeRaw(azURL+"index.html", html)
	if b.keep {
		b.gen.az.set(in.key, keptAZ{entries, html})
	}
}

// keptAZ is the A–Z page and the entries it was made from.
type keptAZ struct {
	entries []theme.AZEntry
	html    []byte
}

func (b *builder) azPage(in *inputs, sv *theme.Site, unsorted []theme.AZEntry) []byte {
	st := in.site
	// Sort by keys made once, not once a comparison; unsorted is left as
	// it is, for the next build to compare with.
	type key struct {
		entry *theme.AZEntry
		text  string
	}
	keys := make([]key, len(unsorted))
	for i := range unsorted {
		keys[i] = key{&unsorted[i], strings.ToLower(unsorted[i].Text)}
	}
	slices.SortStableFunc(keys, func(x, y key) int {
		return cmp.Or(cmp.Compare(x.text, y.text), cmp.Compare(x.entry.Page, y.entry.Page))
	})
	entries := make([]theme.AZEntry, len(keys))
	for i, k := range keys {
		entries[i] = *k.entry
	}
	var groups []theme.AZGroup
	for _, e := range entries {
		letter, id := "0–9", "letter-other"
		if r, _ := utf8.DecodeRuneInString(e.Text); unicode.IsLetter(r) {
			letter = strings.ToUpper(string(r))
			id = "letter-" + slug.Make(letter)
		}
		if len(groups) == 0 || groups[len(groups)-1].Letter != letter {
			groups = append(groups, theme.AZGroup{Letter: letter, ID: id})
		}
		g := &groups[len(groups)-1]
		g.Entries = append(g.Entries, e)
	}
	body, err := in.theme.ExecuteBytes("generated/a-z.html", theme.AZIndex{Groups: groups})
	if err != nil {
		b.diags.AddErr("", err)
		return nil
	}
	page := &theme.Page{
		Title:       "A to Z of this handbook",
		Description: "Every page and section of the handbook in alphabetical order.",
		URL:         azURL,
		Content:     template.HTML(body),
		Breadcrumbs: []theme.Link{{Title: st.Home.Title, Href: st.Rel(azURL, "")}},
		Nav:         navItems(st, azURL, st.Nav(st.Home)),
	}
	page.NavHTML = navHTML(in.theme, page.Nav)
	html, err := in.theme.ExecuteBytes("page.html", &theme.View{Site: sv, Page: page, Root: site.Root(azURL), Home: st.Rel(azURL, "")})
	if err != nil {
		b.diags.AddErr("", err)
		return nil
	}
	return html
}

// writeReview writes the review schedule page, or reuses the previous
// build's when no page's review details changed.
func (b *builder) writeReview(in *inputs, sv *theme.Site, res *check.Result) {
	h := sha256.New()
	h.Write(in.key[:])
	for _, r := range res.Schedule {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x01", r.URL, r.Title, r.Owner, r.ApprovedBy, r.ApprovedOn.ISO(), r.NextReview.ISO(), r.Status)
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	if html, ok := b.gen.review.get(key); ok {
		b.writeRaw(reviewURL+"index.html", html)
		return
	}
	st := in.site
	page := &theme.Page{
		Title:       "Review schedule",
		Description: "When each page of the handbook was approved and is next due for review.",
		URL:         reviewURL,
		Breadcrumbs: []theme.Link{{Title: st.Home.Title, Href: st.Rel(reviewURL, "")}},
		Nav:         navItems(st, reviewURL, st.Nav(st.Home)),
		Schedule:    check.ScheduleViews(res.Schedule, func(url string) string { return st.Rel(reviewURL, url) }),
	}
	page.NavHTML = navHTML(in.theme, page.Nav)
	html, err := in.theme.ExecuteBytes("review.html", &theme.View{Site: sv, Page: page, Root: site.Root(reviewURL), Home: st.Rel(reviewURL, "")})
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.writeRaw(reviewURL+"index.html", html)
	if b.keep {
		b.gen.review.set(key, html)
	}
}

// printAnchors names the section of each listed page on the print page.
// The preview keeps them until a page's address or listing changes.
func (b *builder) printAnchors(in *inputs) map[string]string {
	if anchors, ok := b.gen.anchors.get(in.key); ok {
		return anchors
	}
	anchors := map[string]string{}
	for _, p := range in.site.All() {
		if !p.Unlisted {
			anchors[p.URL] = "page-" + printSlug(p.URL)
		}
	}
	if b.keep {
		b.gen.anchors.set(in.key, anchors)
	}
	return anchors
}

func printSlug(url string) string {
	if url == "" {
		return "home"
	}
	return slug.Make(url)
}

// printBody is page p's body as the print page shows it.
func printBody(st *site.Site, p *site.Page, html []byte, anchors map[string]string) []byte {
	if p.Source != nil {
		return rewriteForPrint(html, p.URL, anchors[p.URL], anchors)
	}
	var list bytes.Buffer
	list.WriteString("<ul>")
	for _, c := range site.Listed(p.Children) {
		fmt.Fprintf(&list, `<li><a href="#%s">%s</a></li>`, anchors[c.URL], template.HTMLEscapeString(c.Title))
	}
	list.WriteString("</ul>")
	return list.Bytes()
}

// printer writes the whole handbook on one page, for printing and for
// `handbook pdf`: a cover, contents, and every page in reading order,
// streamed to the output as the pages are finished and never held whole
// in memory.
//
// print.html is run once, ahead of the pages, with a stand-in for each
// section's HTML; its output, cut at the stand-ins, is the frame the
// sections are written into as they come. The preview keeps the frame
// until the shape of the handbook changes. A template that does not write
// every section once, as it is, is run instead as the sections come, over
// a channel.
type printer struct {
	b    *builder
	name string
	// frame is print.html's output cut at the sections, when it can be
	// used: one piece more than there are sections.
	frame [][]byte
	next  int // the section to come
	// pieces are the frame and the sections in order, when the preview
	// keeps the sections anyway: written in one piece at the end.
	pieces [][]byte
	w      *bufio.Writer
	close  func() error
	err    error
	// sections and done run the template as the sections come.
	sections chan theme.PrintSection
	done     chan error
}

// sectionStandIn stands in for each section's HTML when print.html runs
// ahead of the pages. No rendered page holds a NUL byte: the Markdown
// renderer writes U+FFFD for one.
const sectionStandIn = "\x00handbook-print-section\x00"

// startPrint starts writing the print page; add each page in reading
// order, then finish.
func (b *builder) startPrint(in *inputs, sv *theme.Site, anchors map[string]string) *printer {
	st := in.site
	pr := &printer{b: b, name: printURL + "index.html"}
	var contents []theme.PrintSection
	for _, p := range st.Pages {
		contents = append(contents, theme.PrintSection{ID: anchors[p.URL], Title: p.Title, Depth: p.Depth})
	}
	cfg := in.config
	view := func(sections <-chan theme.PrintSection) *theme.View {
		page := &theme.Page{
			Title: "The whole handbook",
			URL:   printURL,
			Print: &theme.Print{
				Contents:   contents,
				Sections:   sections,
				Version:    cfg.Governance.Version,
				ApprovedOn: cfg.Governance.ApprovedOn.String(),
				ApprovedBy: cfg.Governance.ApprovedBy,
			},
		}
		return &theme.View{Site: sv, Page: page, Root: site.Root(printURL), Home: st.Rel(printURL, "")}
	}

	frame, err := b.printFrame(in, len(anchors), view)
	if err != nil {
		pr.err = err
		b.diags.AddErr("", err)
		return pr
	}
	if frame != nil {
		pr.frame = frame
		if b.keep {
			// The preview keeps every section: join them once at the end.
			pr.pieces = append(make([][]byte, 0, 2*len(frame)), frame[0])
			return pr
		}
		if pr.w, pr.close, pr.err = b.openFile(pr.name); pr.err == nil {
			_, pr.err = pr.w.Write(frame[0])
		}
		return pr
	}

	pr.sections, pr.done = make(chan theme.PrintSection, 8), make(chan error, 1)
	go func() {
		pr.done <- b.streamFile(pr.name, func(w io.Writer) error {
			return in.theme.Execute(w, "print.html", view(pr.sections))
		})
		// If the template stopped early, let the assembler go on.
		for range pr.sections {
		}
	}()
	return pr
}

// printFrame returns print.html's output for a handbook of n sections,
// cut at the sections, or nil when the template does not write each
// section once as it is. The preview keeps it for the next build.
func (b *builder) printFrame(in *inputs, n int, view func(<-chan theme.PrintSection) *theme.View) ([][]byte, error) {
	if frame, ok := b.gen.printFrame.get(in.key); ok {
		return frame, nil
	}
	standIns := make(chan theme.PrintSection, n)
	for range n {
		standIns <- theme.PrintSection{HTML: sectionStandIn}
	}
	close(standIns)
	html, err := in.theme.ExecuteBytes("print.html", view(standIns))
	if err != nil {
		return nil, err
	}
	frame := bytes.Split(html, []byte(sectionStandIn))
	if len(frame) != n+1 {
		frame = nil
	}
	if b.keep {
		b.gen.printFrame.set(in.key, frame)
	}
	return frame, nil
}

// add appends page p's section, already rendered, to the print page.
func (pr *printer) add(p *site.Page, body []byte) {
	if p.Unlisted {
		return
	}
	if pr.sections != nil {
		pr.sections <- theme.PrintSection{HTML: template.HTML(body)}
		return
	}
	if pr.err != nil || pr.next+1 >= len(pr.frame) {
		return
	}
	pr.next++
	if pr.pieces != nil {
		pr.pieces = append(pr.pieces, body, pr.frame[pr.next])
		return
	}
	if _, pr.err = pr.w.Write(body); pr.err == nil {
		_, pr.err = pr.w.Write(pr.frame[pr.next])
	}
}

// finish writes the rest of the print page and closes it.
func (pr *printer) finish(ctx context.Context) {
	if pr.sections != nil {
		close(pr.sections)
		<-pr.done
		return
	}
	if pr.frame == nil {
		return // print.html failed, and said so
	}
	if pr.err == nil && pr.next+1 != len(pr.frame) && ctx.Err() == nil {
		pr.err = fmt.Errorf("%s: %d of %d sections written", pr.name, pr.next, len(pr.frame)-1)
	}
	if pr.pieces != nil {
		if pr.err == nil {
			pr.err = pr.b.out.WriteFile(pr.name, bytes.Join(pr.pieces, nil))
		}
	} else if pr.close != nil {
		if err := pr.close(); pr.err == nil {
			pr.err = err
		}
	}
	pr.b.closed(pr.err)
}

// openFile opens the file name for writing in pieces: streamed when the
// output can, otherwise kept in memory and written whole by close.
func (b *builder) openFile(name string) (w *bufio.Writer, close func() error, err error) {
	if c, ok := b.out.(publish.Creator); ok {
		f, err := c.Create(name)
		if err != nil {
			return nil, nil, err
		}
		// Templates write in small pieces: buffer them.
		w := bufio.NewWriterSize(f, 256<<10)
		return w, func() error {
			err := w.Flush()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}, nil
	}
	var buf bytes.Buffer
	w = bufio.NewWriterSize(&buf, 256<<10)
	return w, func() error {
		if err := w.Flush(); err != nil {
			return err
		}
		return b.out.WriteFile(name, buf.Bytes())
	}, nil
}

// closed records the outcome of writing one file with openFile.
func (b *builder) closed(err error) {
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.mu.Lock()
	b.files++
	b.mu.Unlock()
}

// streamFile writes a large file through write, streaming it when the
// output can, and records failures. The print page is not minified: it
// holds the whole handbook, and minifying it would cost as much as
// minifying every page again for little gain.
func (b *builder) streamFile(name string, write func(io.Writer) error) error {
	w, close, err := b.openFile(name)
	if err == nil {
		err = write(w)
		if cerr := close(); err == nil {
			err = cerr
		}
	}
	b.closed(err)
	return err
}

// rewriteForPrint makes one page's body fit into the printable handbook:
// IDs get the page's prefix so they stay unique, links to pages in the
// handbook become links within the print page, other relative links are
// made relative to the print page, and headings move one level down
// under the page's own title.
//
// It scans the HTML the renderer wrote, whose attributes are always
// double-quoted, rather than parsing it: this runs over the whole
// handbook on every build.
func rewriteForPrint(html []byte, pageURL, prefix string, anchor map[string]string) []byte {
	base, _ := url.Parse("http://site/" + pageURL)
	out := make([]byte, 0, len(html)+len(html)/8)
	for i := 0; i < len(html); {
		// Text goes across as it is: only tags change.
		lt := bytes.IndexByte(html[i:], '<')
		if lt < 0 {
			out = append(out, html[i:]...)
			break
		}
		out = append(out, html[i:i+lt]...)
		i += lt
		if j := i + 1; j+1 < len(html) {
			if html[j] == '/' {
				j++
			}
			if j+1 < len(html) && html[j] == 'h' && html[j+1] >= '1' && html[j+1] <= '6' && (j+2 >= len(html) || html[j+2] == '>' || html[j+2] == ' ') {
				out = append(out, html[i:j+1]...)
				out = append(out, min(html[j+1]+1, '6'))
				i = j + 2
			}
		}
		// The rest of the tag, with its attributes rewritten.
		for i < len(html) && html[i] != '>' {
			if html[i] == ' ' {
				if name, val, end, ok := attrAt(html, i); ok {
					out = append(out, ' ')
					out = append(out, name...)
					out = append(out, '=', '"')
					out = append(out, printAttr(string(name), string(val), base, prefix, anchor)...)
					out = append(out, '"')
					i = end
					continue
				}
			}
			out = append(out, html[i])
			i++
		}
	}
	return out
}

// attrAt matches ` id="…"`, ` for="…"`, ` href="…"` or ` src="…"` at
// html[i:], returning the name, value and the index after the closing
// quote.
func attrAt(html []byte, i int) (name, val []byte, end int, ok bool) {
	for _, n := range []string{"id", "for", "href", "src"} {
		rest := html[i+1:]
		if len(rest) > len(n)+1 && string(rest[:len(n)]) == n && rest[len(n)] == '=' && rest[len(n)+1] == '"' {
			start := i + 1 + len(n) + 2
			q := bytes.IndexByte(html[start:], '"')
			if q < 0 {
				return nil, nil, 0, false
			}
			return html[i+1 : i+1+len(n)], html[start : start+q], start + q + 1, true
		}
	}
	return nil, nil, 0, false
}

func printAttr(attr, val string, base *url.URL, prefix string, anchor map[string]string) string {
	switch attr {
	case "id", "for":
		return prefix + "-" + val
	}
	if strings.HasPrefix(val, "#") {
		return "#" + prefix + "-" + val[1:]
	}
	u, err := url.Parse(strings.ReplaceAll(val, "&amp;", "&"))
	if err != nil || u.Scheme != "" || strings.HasPrefix(val, "//") {
		return val
	}
	target := base.ResolveReference(u)
	p := strings.TrimSuffix(strings.TrimPrefix(target.Path, "/"), "index.html")
	if a, ok := anchor[p]; ok && attr == "href" {
		if target.Fragment != "" {
			return "#" + a + "-" + target.Fragment
		}
		return "#" + a
	}
	rel := "../" + strings.TrimPrefix(target.EscapedPath(), "/")
	if target.Fragment != "" {
		rel += "#" + target.Fragment
	}
	return rel
}
