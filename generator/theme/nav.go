package theme

// WriteNavItems writes sidebar items exactly as the default theme's
// partials/nav-items.html does.
func WriteNavItems(w *Writer, items []NavItem) {
	w.Grow(navSize(items))
	writeNavItems(w, items)
}

// navSize is about the size of the HTML of items, escaping apart.
func navSize(items []NavItem) int {
	n := 0
	for _, it := range items {
		n += len(it.Title) + len(it.Href) + 90 + navSize(it.Children)
	}
	return n
}

// writeNavItems is WriteNavItems without making room first, for the
// items nested in an open one.
func writeNavItems(w *Writer, items []NavItem) {
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
			writeNavItems(w, it.Children)
			w.Raw("</ul>")
		}
		w.Raw("</li>")
	}
}
