package theme

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
