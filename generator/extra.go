package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/internal/slug"
	"github.com/nhs-psp/handbook/generator/site"
	"github.com/nhs-psp/handbook/generator/theme"
)

// writeAZ writes the A–Z index of pages and their headings. Without
// JavaScript the search box leads here.
func (b *builder) writeAZ(in *inputs, sv *theme.Site, pages []*rendered) {
	st := in.site
	var entries []theme.AZEntry
	for _, r := range pages {
		p := r.page
		entries = append(entries, theme.AZEntry{Text: p.Title, Href: st.Rel(azURL, p.URL)})
		for _, h := range r.md.Headings {
			if h.Level == 2 || h.Level == 3 {
				entries = append(entries, theme.AZEntry{Text: h.Text, Href: st.Rel(azURL, p.URL) + "#" + h.ID, Page: p.Title})
			}
		}
	}
	slices.SortStableFunc(entries, func(a, b theme.AZEntry) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Text), strings.ToLower(b.Text)), cmp.Compare(a.Page, b.Page))
	})
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
	body, err := in.theme.ExecuteBytes("generated/a-z.html", struct{ Groups []theme.AZGroup }{groups})
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	page := &theme.Page{
		Title:       "A to Z of this handbook",
		Description: "Every page and section of the handbook in alphabetical order.",
		URL:         azURL,
		Content:     template.HTML(body),
		Breadcrumbs: []theme.Link{{Title: st.Home.Title, Href: st.Rel(azURL, "")}},
		Nav:         navItems(st, azURL, st.Nav(st.Home)),
	}
	b.writeView(in, "page.html", azURL+"index.html", &theme.View{Site: sv, Page: page, Root: site.Root(azURL), Home: st.Rel(azURL, "")})
}

// writePrint writes the whole handbook as one page for printing and for
// `handbook pdf`: a cover, contents, and every page in reading order, with
// links between pages turned into links within the one page.
func (b *builder) writePrint(in *inputs, sv *theme.Site, pages []*rendered) {
	st := in.site
	anchor := map[string]string{}
	var listed []*rendered
	for _, r := range pages {
		if r.page.Unlisted {
			continue
		}
		listed = append(listed, r)
		anchor[r.page.URL] = "page-" + printSlug(r.page.URL)
	}
	var sections []theme.PrintSection
	for _, r := range listed {
		p := r.page
		html := r.md.HTML
		if p.Source == nil {
			var list bytes.Buffer
			list.WriteString("<ul>")
			for _, c := range site.Listed(p.Children) {
				fmt.Fprintf(&list, `<li><a href="#%s">%s</a></li>`, anchor[c.URL], template.HTMLEscapeString(c.Title))
			}
			list.WriteString("</ul>")
			html = list.Bytes()
		} else {
			html = rewriteForPrint(html, p.URL, anchor[p.URL], anchor)
		}
		sections = append(sections, theme.PrintSection{
			ID:      anchor[p.URL],
			Title:   p.Title,
			Depth:   p.Depth,
			Content: template.HTML(html),
			Chapter: p.Depth <= 1,
		})
	}
	cfg := in.config
	page := &theme.Page{
		Title: "The whole handbook",
		URL:   printURL,
		Print: &theme.Print{
			Sections:   sections,
			Version:    cfg.Governance.Version,
			ApprovedOn: cfg.Governance.ApprovedOn.String(),
			ApprovedBy: cfg.Governance.ApprovedBy,
		},
	}
	// The print page holds the whole handbook: minifying it would cost
	// as much as minifying every page again and save little.
	html, err := in.theme.ExecuteBytes("print.html", &theme.View{Site: sv, Page: page, Root: site.Root(printURL), Home: st.Rel(printURL, "")})
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.writeRaw(printURL+"index.html", html)
}

// writeView renders a template with a view and writes the result.
func (b *builder) writeView(in *inputs, tmpl, name string, v *theme.View) {
	html, err := in.theme.ExecuteBytes(tmpl, v)
	if err != nil {
		b.diags.AddErr("", err)
		return
	}
	b.write(name, html)
}

func printSlug(url string) string {
	if url == "" {
		return "home"
	}
	return slug.Make(url)
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
		c := html[i]
		switch {
		case c == '<' && i+2 < len(html) && (html[i+1] == 'h' || html[i+1] == '/' && html[i+2] == 'h'):
			j := i + 1
			if html[j] == '/' {
				j++
			}
			if j+1 < len(html) && html[j+1] >= '1' && html[j+1] <= '6' && (j+2 >= len(html) || html[j+2] == '>' || html[j+2] == ' ') {
				out = append(out, html[i:j+1]...)
				out = append(out, byte(min(html[j+1]+1, '6')))
				i = j + 2
				continue
			}
		case c == ' ':
			name, val, end, ok := attrAt(html, i)
			if ok {
				out = append(out, ' ')
				out = append(out, name...)
				out = append(out, '=', '"')
				out = append(out, printAttr(string(name), string(val), base, prefix, anchor)...)
				out = append(out, '"')
				i = end
				continue
			}
		}
		out = append(out, c)
		i++
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
