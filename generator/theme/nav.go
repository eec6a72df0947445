package theme

// WriteNavItems writes sidebar items exactly as the default theme's
// partials/nav-items.html does.
func WriteNavItems(w *Writer, items []NavItem) {
	w.Grow(navSize(items))
	w.NavItems(items)
}

// navSize is about the size of the HTML of items, escaping apart.
func navSize(items []NavItem) int {
	n := 0
	for _, it := range items {
		n += len(it.Title) + len(it.Href) + 90 + navSize(it.Children)
	}
	return n
}

// NavItems writes sidebar items as partials/nav-items.html does.
func (w *Writer) NavItems(items []NavItem) {
	for _, it := range items {
		w.Raw(`<li class="nav-item`)
		if it.Current {
			w.Raw(" nav-current")
		}
		if it.Open {
			w.Raw(" nav-open")
		}
		w.Raw(`"><a href="`)
		w.URL(it.Href)
		w.Raw(`"`)
		if it.Current {
			w.Raw(` aria-current="page"`)
		}
		w.Raw(">")
		w.Text(it.Title)
		w.Raw("</a>")
		if len(it.Children) > 0 {
			w.Raw(`<ul class="nav-list">`)
			w.NavItems(it.Children)
			w.Raw("</ul>")
		}
		w.Raw("</li>")
	}
}

// WriteAZ writes the A–Z index exactly as the default theme's
// generated/a-z.html does.
func WriteAZ(w *Writer, index AZIndex) {
	groups := index.Groups
	n := 0
	for _, g := range groups {
		n += 100
		for _, e := range g.Entries {
			n += len(e.Text) + len(e.Href) + len(e.Page) + 60
		}
	}
	w.Grow(n)
	w.Raw(`<nav class="az-letters" aria-label="Letters"><ul>`)
	for _, g := range groups {
		w.Raw(`<li><a href="#`)
		w.URLQuery(g.ID)
		w.Raw(`">`)
		w.Text(g.Letter)
		w.Raw("</a></li>")
	}
	w.Raw("</ul></nav>")
	for _, g := range groups {
		w.Raw(`<h2 id="`)
		w.Text(g.ID)
		w.Raw(`">`)
		w.Text(g.Letter)
		w.Raw(`</h2><ul class="az-list">`)
		for _, e := range g.Entries {
			w.Raw("<li>")
			w.Link(e.Href, e.Text)
			if e.Page != "" {
				w.Raw(` <span class="az-page">on `)
				w.Text(e.Page)
				w.Raw("</span>")
			}
			w.Raw("</li>")
		}
		w.Raw("</ul>")
	}
}
