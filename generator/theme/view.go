package theme

import "html/template"

// View is the data a page template receives.
type View struct {
	Site *Site
	Page *Page
	// Root is the relative path from this page to the site root, such as
	// "../../" (or "" at the root). Put it before Site paths.
	Root string
	// Home links to the home page from this page.
	Home string
}

// Site is what every page shares. Its paths are relative to the site
// root: templates put View.Root in front of them.
type Site struct {
	Title    string
	Language string
	// TrustName is the trust's full name.
	TrustName string
	// Logo is the logo's path from the site root, or "".
	Logo    string
	LogoAlt string
	// HomeTitle names the home page in the navigation.
	HomeTitle string
	// Stylesheets and Scripts are paths from the site root.
	Stylesheets []string
	Scripts     []string
	Favicon     string
	// FooterLinks go to pages such as Contacts and the accessibility
	// statement. Their hrefs are paths from the site root.
	FooterLinks []Link
	// HandbookID keys browser storage.
	HandbookID string
}

// Page is the current page.
type Page struct {
	Title       string
	Description string
	URL         string
	IsHome      bool
	Draft       bool
	Content     template.HTML
	TOC         []TOCEntry
	Breadcrumbs []Link
	Prev, Next  *Link
	// Nav is the sidebar: the top-level sections, with the branch that
	// leads to this page opened.
	Nav []NavItem
	// Children are the pages of this section, when the page is a section.
	Children []Link
	Audience []string
	Params   map[string]any
}

// Link is a titled relative link.
type Link struct {
	Title       string
	Href        string
	Description string
}

// TOCEntry is one line of "On this page".
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// NavItem is one entry of the sidebar.
type NavItem struct {
	Title    string
	Href     string
	Current  bool
	Open     bool
	Children []NavItem
}
