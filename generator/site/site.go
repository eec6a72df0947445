// Package site arranges a handbook's pages into a site: the section tree,
// reading order, previous and next links, breadcrumbs, the sidebar branch
// of each page, and how one page links to another.
//
// Sections are folders. A folder's _index.md gives the section its title
// and text; a folder without one gets a generated page listing its pages.
// Within a section, pages are ordered by weight (pages without a weight
// come after those with one), then by title. The reading order is the tree
// walked depth first: a section, then each of its pages in turn.
package site

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/nhs-psp/handbook/generator/source"
)

// Page is one page of the site.
type Page struct {
	// Source is the page's file; nil for a generated section page.
	Source *source.Page
	// URL is the page's address from the site root ("" for the home page).
	URL         string
	Title       string
	Description string
	Weight      int
	Parent      *Page
	Children    []*Page
	Prev, Next  *Page
	// Depth is 0 for the home page, 1 for top-level sections and pages…
	Depth int
	// Unlisted pages are left out of the navigation and the reading
	// order: only links reach them.
	Unlisted bool

	// sortTitle is Title in lower case, to sort by.
	sortTitle string
}

// Generated reports whether the page was made for a folder without an
// _index.md.
func (p *Page) Generated() bool { return p.Source == nil }

// IsHome reports whether p is the home page.
func (p *Page) IsHome() bool { return p.URL == "" }

// OutputPath returns the file the page is written to: "a/b/index.html".
func (p *Page) OutputPath() string { return p.URL + "index.html" }

// Site is the arranged handbook.
type Site struct {
	Home *Page
	// Pages are every page in reading order, the home page first.
	Pages []*Page
	// Content is the merged source the site was made from.
	Content  *source.Set
	portable bool
	byURL    map[string]*Page
	byPath   map[string]*Page // pages made from files, by the file's slash path in the content
}

// New arranges the pages of set. homeTitle names the home page when the
// handbook has no _index.md at its root. With portable set, every link
// ends in index.html so the site works opened from a file share.
func New(set *source.Set, homeTitle string, portable bool) *Site {
	s := &Site{Content: set, portable: portable, byURL: map[string]*Page{}, byPath: map[string]*Page{}}
	for _, sp := range set.Pages {
		p := &Page{
			Source:      sp,
			URL:         sp.URL,
			Title:       sp.Meta.Title,
			Description: sp.Meta.Description,
			Weight:      sp.Meta.Weight,
			Unlisted:    sp.Meta.Unlisted,
		}
		s.byURL[sp.URL] = p
		s.byPath[sp.Path] = p
	}
	if s.byURL[""] == nil {
		s.byURL[""] = &Page{URL: "", Title: homeTitle}
	}
	s.Home = s.byURL[""]
	// Attach every page to its parent, creating section pages for folders
	// without an _index.md.
	urls := make([]string, 0, len(s.byURL))
	for u := range s.byURL {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for _, u := range urls {
		s.attach(s.byURL[u])
	}
	s.sortChildren(s.Home, 0)
	s.Pages = s.Pages[:0]
	s.walk(s.Home)
	for i, p := range s.Pages {
		if i > 0 {
			p.Prev = s.Pages[i-1]
		}
		if i+1 < len(s.Pages) {
			p.Next = s.Pages[i+1]
		}
	}
	return s
}

// parentURL returns the URL of the section holding url.
func parentURL(url string) string {
	d := path.Dir(strings.TrimSuffix(url, "/"))
	if d == "." {
		return ""
	}
	return d + "/"
}

func (s *Site) attach(p *Page) {
	if p.IsHome() || p.Parent != nil {
		return
	}
	pu := parentURL(p.URL)
	parent := s.byURL[pu]
	if parent == nil {
		seg := path.Base(strings.TrimSuffix(pu, "/"))
		parent = &Page{URL: pu, Title: source.TitleFromName(seg)}
		s.byURL[pu] = parent
		s.attach(parent)
	}
	p.Parent = parent
	parent.Children = append(parent.Children, p)
}

func (s *Site) sortChildren(p *Page, depth int) {
	p.Depth = depth
	for _, c := range p.Children {
		c.sortTitle = strings.ToLower(c.Title)
	}
	slices.SortFunc(p.Children, func(a, b *Page) int {
		// A weight of 0 means "not set": such pages come after weighted ones.
		if (a.Weight == 0) != (b.Weight == 0) {
			if a.Weight == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(
			cmp.Compare(a.Weight, b.Weight),
			cmp.Compare(a.sortTitle, b.sortTitle),
			cmp.Compare(a.URL, b.URL),
		)
	})
	for _, c := range p.Children {
		s.sortChildren(c, depth+1)
	}
}

func (s *Site) walk(p *Page) {
	s.Pages = append(s.Pages, p)
	for _, c := range p.Children {
		if !c.Unlisted {
			s.walk(c)
		}
	}
}

// All returns every page: the reading order, then unlisted pages by URL.
func (s *Site) All() []*Page {
	out := slices.Clone(s.Pages)
	var unlisted []*Page
	for _, p := range s.byURL {
		if p.Unlisted && !slices.Contains(out, p) {
			unlisted = append(unlisted, p)
		}
	}
	slices.SortFunc(unlisted, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
	return append(out, unlisted...)
}

// Listed returns p's children that appear in the navigation.
func Listed(children []*Page) []*Page {
	out := make([]*Page, 0, len(children))
	for _, c := range children {
		if !c.Unlisted {
			out = append(out, c)
		}
	}
	return out
}

// Page returns the page at url, or nil.
func (s *Site) Page(url string) *Page { return s.byURL[url] }

// Portable reports whether links end in index.html.
func (s *Site) Portable() bool { return s.portable }

// Breadcrumbs returns p's ancestors, the home page first.
func (s *Site) Breadcrumbs(p *Page) []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// NavNode is one entry of a page's sidebar.
type NavNode struct {
	Page     *Page
	Current  bool
	Open     bool
	Children []NavNode
}

// Nav returns the sidebar for p: the top-level pages, with the branch that
// leads to p opened at every level. Its size grows with the depth of p and
// the number of siblings on the way, never with the whole handbook.
func (s *Site) Nav(p *Page) []NavNode {
	onPath := map[*Page]bool{}
	for a := p; a != nil; a = a.Parent {
		onPath[a] = true
	}
	var build func([]*Page) []NavNode
	build = func(pages []*Page) []NavNode {
		out := make([]NavNode, 0, len(pages))
		for _, c := range Listed(pages) {
			n := NavNode{Page: c, Current: c == p}
			if onPath[c] && len(Listed(c.Children)) > 0 {
				n.Open = true
				n.Children = build(c.Children)
			}
			out = append(out, n)
		}
		return out
	}
	return build(s.Home.Children)
}

// Rel returns the relative link from the page at URL from to the page at
// URL to.
func (s *Site) Rel(from, to string) string {
	href := relPath(from, to)
	if s.portable {
		return href + "index.html"
	}
	if href == "" {
		return "./"
	}
	return href
}

// RelFile returns the relative link from the page at URL from to the file
// at site path file.
func (s *Site) RelFile(from, file string) string { return relPath(from, file) }

// Root returns the relative path from the page at URL from to the site
// root: "" at the root, "../" one level down…
func Root(from string) string { return up(strings.Count(from, "/")) }

// up returns "../" n times.
func up(n int) string {
	const ups = "../../../../../../../../../../../../../../../../"
	if 3*n <= len(ups) {
		return ups[:3*n]
	}
	return strings.Repeat("../", n)
}

// relPath walks up from the folder of page URL from to their common
// ancestor, then down to target. It runs for every link of every
// sidebar, so it takes the paths apart in place.
func relPath(from, target string) string {
	down := target // what is left of target below the common ancestor
	depth, common := 0, 0
	if from != "" {
		rest, matching := strings.TrimSuffix(from, "/"), true
		for {
			seg, more, found := strings.Cut(rest, "/")
			depth++
			if matching {
				tseg, tmore, tfound := strings.Cut(down, "/")
				if matching = tfound && tseg == seg; matching {
					down = tmore
					common++
				}
			}
			if !found {
				break
			}
			rest = more
		}
	}
	return up(depth-common) + down
}
