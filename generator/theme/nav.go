package theme

import (
	"html/template"
	"strings"
)

// NavHTML renders sidebar items exactly as the default theme's
// partials/nav-items.html does.
func NavHTML(items []NavItem) template.HTML {
	var b strings.Builder
	writeNav(&b, items)
	return template.HTML(b.String())
}

func writeNav(b *strings.Builder, items []NavItem) {
	for _, it := range items {
		b.WriteString(`<li class="nav-item`)
		if it.Current {
			b.WriteString(" nav-current")
		}
		if it.Open {
			b.WriteString(" nav-open")
		}
		b.WriteString(`"><a href="`)
		b.WriteString(template.HTMLEscapeString(normalizeURL(it.Href)))
		b.WriteString(`"`)
		if it.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">")
		b.WriteString(template.HTMLEscapeString(it.Title))
		b.WriteString("</a>")
		if len(it.Children) > 0 {
			b.WriteString("\n<ul class=\"nav-list\">")
			writeNav(b, it.Children)
			b.WriteString("</ul>")
		}
		b.WriteString("</li>\n")
	}
}

// normalizeURL percent-encodes what html/template's URL normaliser would
// in a relative link made of slugs: bytes outside ASCII and characters
// that are not allowed in a URL.
func normalizeURL(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte(`"'<>\^`+"`{|}", c) >= 0 {
			if b.Len() == 0 {
				b.WriteString(s[:i])
			}
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// AZHTML renders the A–Z index exactly as the default theme's
// generated/a-z.html does.
func AZHTML(groups []AZGroup) string {
	var b strings.Builder
	b.WriteString(`<nav class="az-letters" aria-label="Letters">` + "\n<ul>")
	for _, g := range groups {
		b.WriteString(`<li><a href="#` + template.HTMLEscapeString(g.ID) + `">` + template.HTMLEscapeString(g.Letter) + "</a></li>")
	}
	b.WriteString("</ul>\n</nav>\n")
	for _, g := range groups {
		b.WriteString(`<h2 id="` + template.HTMLEscapeString(g.ID) + `">` + template.HTMLEscapeString(g.Letter) + "</h2>\n")
		b.WriteString(`<ul class="az-list">`)
		for _, e := range g.Entries {
			b.WriteString(`<li><a href="` + template.HTMLEscapeString(normalizeURL(e.Href)) + `">` + template.HTMLEscapeString(e.Text) + "</a>")
			if e.Page != "" {
				b.WriteString(` <span class="az-page">on ` + template.HTMLEscapeString(e.Page) + "</span>")
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>\n")
	}
	return b.String()
}
