package check

import (
	"net/url"
	"slices"

	"github.com/nhs-psp/handbook/generator/internal/suggest"
	"github.com/nhs-psp/handbook/generator/markdown"
)

// links runs broken_anchor and orphan over every page. Broken page links
// and missing images are reported while rendering (broken_link,
// missing_image) and not again here.
func (r *run) links() {
	byURL := map[string]*Page{}
	for _, p := range r.in.Pages {
		if _, dup := byURL[p.URL]; !dup {
			byURL[p.URL] = p
		}
	}
	linked := map[string]bool{}
	for _, p := range r.in.Pages {
		for _, l := range p.Links {
			if l.Image {
				continue
			}
			switch l.Kind {
			case markdown.LinkFragment:
				if l.Fragment != "" && !hasID(p, l.Fragment) {
					r.report("broken_anchor", display(p), l.Line, l.Col,
						"link to %q: this page has no heading or anchor %q%s", l.Dest, l.Fragment, idHint(l.Fragment, p))
				}
			case markdown.LinkInternal:
				if l.Target.State != markdown.Resolved || !l.Target.Page {
					continue
				}
				t := byURL[l.Target.URL]
				if t == nil {
					continue
				}
				if t != p {
					linked[t.URL] = true
				}
				if l.Fragment != "" && !hasID(t, l.Fragment) {
					r.report("broken_anchor", display(p), l.Line, l.Col,
						"link to %q: the page %q has no heading or anchor %q%s", l.Dest, t.Title, l.Fragment, idHint(l.Fragment, t))
				}
			}
		}
	}
	// A page in the footer (footer: true) is reachable from every page,
	// and the home page from the header.
	for _, p := range r.in.Pages {
		if p.Listed || p.Generated || p.URL == "" || p.Meta.Footer || linked[p.URL] {
			continue
		}
		r.reportPage("orphan", p,
			"no reader can reach this page: it is unlisted and no other page links to it; link to it from another page, or remove unlisted: true to put it in the navigation")
	}
}

// hasID reports whether page p has an element with id fragment, as
// written or percent-decoded.
func hasID(p *Page, fragment string) bool {
	if p.IDs[fragment] {
		return true
	}
	if d, err := url.PathUnescape(fragment); err == nil && p.IDs[d] {
		return true
	}
	return false
}

// idHint suggests the ID on p closest to fragment.
func idHint(fragment string, p *Page) string {
	ids := make([]string, 0, len(p.IDs))
	for id := range p.IDs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return suggest.Hint(fragment, ids)
}
