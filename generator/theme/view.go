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
	// Portable is true when links end in index.html.
	Portable bool
	// Notice, when set, is shown in a banner on every page.
	Notice string
	// AZIndex and Print are the paths of the A–Z index and of the whole
	// handbook on one printable page.
	AZIndex string
	Print   string
	// SearchIndex is the path of the search index script.
	SearchIndex string
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
	// NavHTML is Nav already rendered as partials/nav-items.html renders
	// it, when a Go rendering stands in for that template (see Partial),
	// for partials/nav.html to print as it is; empty when the handbook
	// has its own partials/nav-items.html.
	NavHTML template.HTML
	// Children are the pages of this section, when the page is a section.
	Children []Link
	Audience []string
	Params   map[string]any
	// Print is set on the printable whole-handbook page.
	Print *Print
	// Control is the page's document control (a *check.View), for the
	// panel at its foot and the overdue banner; nil on generated pages.
	// It is typed any so the theme's contract does not depend on the
	// package of rules.
	Control any
	// Schedule is set on the review schedule page: a []check.ScheduleRowView.
	Schedule any
}

// Print is the whole handbook on one page, for printing.
type Print struct {
	// Contents lists every section for the table of contents, without
	// their content.
	Contents []PrintSection
	// Sections delivers the sections with their content, in reading
	// order, as the build finishes them: templates range over it.
	Sections   <-chan PrintSection
	Version    string
	ApprovedOn string
	ApprovedBy string
}

// PrintSection is one page of the printable handbook.
type PrintSection struct {
	ID      string
	Title   string
	Depth   int
	Content template.HTML
	// Chapter is true for top-level sections, which start on a new sheet.
	Chapter bool
	// HTML is the section rendered by partials/print-section.html, which
	// print.html puts in order. print.html runs ahead of the pages, with a
	// stand-in for each section, so it must write each section's HTML
	// once and as it is ({{range .Page.Print.Sections}}{{.HTML}}{{end}});
	// a template that does otherwise still works, but more slowly.
	HTML template.HTML
}

// AZIndex is what generated/a-z.html receives: the A–Z index, by letter.
type AZIndex struct {
	Groups []AZGroup
}

// AZGroup is one letter of the A–Z index.
type AZGroup struct {
	Letter  string
	ID      string
	Entries []AZEntry
}

// AZEntry is a page or a heading in the A–Z index.
type AZEntry struct {
	Text string
	Href string
	// Page names the page a heading is on ("" for a page itself).
	Page string
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
