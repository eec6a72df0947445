package generator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/internal/a11ytest"
)

// The reader feature tests open every example, built portable and opened
// over file://, and Northshire built normally and served under a sub-path,
// in headless Chromium, and use the search box, the checklists, the
// glossary links and the print page as a reader would. Each test also
// checks that no request leaves the site and that the console stays free
// of errors (Content-Security-Policy violations, 404s, exceptions).

// readerWait is how long a test waits for the page to react.
const readerWait = 10 * time.Second

// searchCase is a query whose right answer the content makes plain.
type searchCase struct {
	query string
	want  []string // site paths, with an optional #fragment; the first result must be one of them
}

// readerSearches are the queries for each example.
var readerSearches = map[string][]searchCase{
	"northshire": {
		{"payment expenses", []string{"about-the-role/payment-and-expenses/"}},
		{"freedom to speak up", []string{"glossary/#term-ftsu", "working-with-partners/raising-concerns/"}},
		{"induction checklist", []string{"induction-checklist/"}},
		{"confidentiality", []string{"working-with-partners/confidentiality/"}},
	},
	"riverside-mental-health": {
		// Riverside pays expenses only: its page is called Expenses.
		{"expenses", []string{"about-the-role/payment-and-expenses/"}},
		{"mental health services", []string{"about-the-role/working-in-mental-health-services/"}},
		{"freedom to speak up", []string{"glossary/#term-ftsu", "working-with-partners/raising-concerns/"}},
		{"induction checklist", []string{"induction-checklist/"}},
	},
	"user-guide": {
		{"install windows", []string{"install-on-windows/", "install-on-windows/#install-on-windows"}},
		{"preview", []string{"preview-as-you-edit/"}},
		{"troubleshooting", []string{"troubleshooting/"}},
	},
}

// readerStart starts the browser and builds the sites. The browser comes
// first, so that a machine without Chromium skips before any build.
func readerStart(t *testing.T) (*browsertest.Browser, []readerSite) {
	t.Helper()
	b := browsertest.New(t)
	return b, readerSites(t)
}

// TestReaderFeatures uses the search box, the search form without its
// script, the checklists, the glossary links and the print page of every
// site, each in a tab of its own, and checks after each that no request
// left the site and that the console has no errors.
func TestReaderFeatures(t *testing.T) {
	b, sites := readerStart(t)
	features := []struct {
		name string
		test func(*testing.T, *browsertest.Browser, readerSite)
	}{
		{"search", readerSearch},
		{"search without script", readerSearchWithoutScript},
		{"checklist", readerChecklist},
		{"glossary", readerGlossary},
		{"print", readerPrint},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			for _, f := range features {
				t.Run(f.name, func(t *testing.T) { f.test(t, b, s) })
			}
		})
	}
}

// readerSearch types known queries into the search box of a page one
// level down, checks that the first result is the page that answers them,
// and follows it with ArrowDown and Enter.
func readerSearch(t *testing.T, b *browsertest.Browser, s readerSite) {
	cases := readerSearches[s.example]
	if len(cases) == 0 {
		t.Fatalf("no search queries for example %s", s.example)
	}
	tab := b.Open(t, "about:blank")
	for _, c := range cases {
		// A page one level down, so that the results' links must
		// be made relative to the site's root.
		from := s.page(firstNavPath(t, s))
		tab.Navigate(t, from)
		typeSearch(t, tab, c.query)
		var first string
		tab.Eval(t, `document.querySelector('.search-results .search-result').href`, &first)
		wants := make([]string, len(c.want))
		for i, w := range c.want {
			wants[i] = s.linkTo(w)
		}
		if !slices.Contains(wants, first) && !slices.Contains(wants, stripFragment(first)) {
			var all []string
			tab.Eval(t, `[...document.querySelectorAll('.search-results .search-result')].map(a => a.href)`, &all)
			t.Errorf("search %q from %s: first result %s, want one of %q; all results: %q", c.query, from, first, wants, all)
			continue
		}
		tab.PressKey(t, "ArrowDown")
		var state struct {
			Active, FirstID, Selected, Expanded string
		}
		tab.Eval(t, `(() => {
			const i = document.getElementById('search-q'), o = document.querySelector('.search-results [role=option]');
			return {Active: i.getAttribute('aria-activedescendant') || '', FirstID: o.id,
				Selected: o.getAttribute('aria-selected'), Expanded: i.getAttribute('aria-expanded')};
		})()`, &state)
		if state.Active == "" || state.Active != state.FirstID || state.Selected != "true" || state.Expanded != "true" {
			t.Errorf("search %q: after ArrowDown, aria-activedescendant=%q (first option %q), aria-selected=%q, aria-expanded=%q",
				c.query, state.Active, state.FirstID, state.Selected, state.Expanded)
		}
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `location.href === `+jsQuote(first)+` && document.readyState === "complete"`, readerWait)
		var h1 int
		tab.Eval(t, `document.querySelectorAll('h1').length`, &h1)
		if h1 != 1 {
			t.Errorf("search %q: the page %s has %d h1 elements", c.query, first, h1)
		}
	}
	// Without a match, the box says so and offers the A to Z page.
	tab.Navigate(t, s.page(""))
	typeSearch(t, tab, "zzqx")
	var note string
	tab.Eval(t, `document.querySelector('.search-note').textContent`, &note)
	if !strings.Contains(note, "No pages match") {
		t.Errorf("search with no match: note %q", note)
	}
	var az string
	tab.Eval(t, `document.querySelector('.search-note a').href`, &az)
	if az != s.linkTo("a-z/") {
		t.Errorf("search with no match: link to %s, want the A to Z page %s", az, s.linkTo("a-z/"))
	}
	checkStaysOnSite(t, s, tab)
}

// readerSearchWithoutScript checks that the search form, before
// search.js has made it a combobox, goes to the A to Z page.
func readerSearchWithoutScript(t *testing.T, b *browsertest.Browser, s readerSite) {
	tab := b.Open(t, s.page(firstNavPath(t, s)))
	var action string
	tab.Eval(t, `document.querySelector('form.search').action`, &action)
	if stripQuery(action) != s.linkTo("a-z/") {
		t.Errorf("the search form goes to %s, want the A to Z page %s", action, s.linkTo("a-z/"))
	}
}

// typeSearch focuses the search box, types query key by key, and waits for
// the results (or the note that there are none).
func typeSearch(t *testing.T, tab *browsertest.Tab, query string) {
	t.Helper()
	requireSearchBox(t, tab)
	tab.Eval(t, `(() => { const i = document.getElementById('search-q'); i.value = ''; i.focus(); return true; })()`, nil)
	for _, r := range query {
		tab.PressKey(t, string(r))
	}
	tab.WaitFor(t, `(() => {
		const i = document.getElementById('search-q'), p = document.querySelector('.search-panel');
		return i.value === `+jsQuote(query)+` && p && !p.hidden &&
			(document.querySelector('.search-results .search-result') || !document.querySelector('.search-note').hidden);
	})()`, readerWait)
}

// requireSearchBox stops the test unless search.js has made the page's
// search form a combobox.
func requireSearchBox(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	var form struct {
		Enhanced bool
		HTML     string
	}
	tab.Eval(t, `(() => { const f = document.querySelector('form.search');
		return f ? {Enhanced: f.classList.contains('search-enhanced'), HTML: f.outerHTML.slice(0, f.outerHTML.indexOf('>') + 1)} : {HTML: 'no form.search'}; })()`, &form)
	if !form.Enhanced {
		t.Fatalf("search.js did not make the search form a combobox (does data-index name the search index?): %s", form.HTML)
	}
}

// readerChecklist ticks the first item of the induction checklist,
// reloads the page and finds it still ticked and counted, and clears it
// with the reset button.
func readerChecklist(t *testing.T, b *browsertest.Browser, s readerSite) {
	page := checklistPage(t, s)
	if page == "" {
		t.Skipf("%s has no page with a checklist", s.example)
	}
	tab := b.Open(t, s.url(page))
	tab.WaitFor(t, `document.querySelector('.checklist-count')`, readerWait)
	var item string
	tab.Eval(t, `document.querySelector('ul.checklist input.checklist-box').dataset.item`, &item)
	// The key of the first item: handbook id, page path, item slug.
	key := "handbook:" + s.id + ":" + strings.TrimSuffix(page, "index.html") + ":" + item
	type state struct {
		Checked, Disabled bool
		Count             string
		Stored            *string
		Keys              []string
		Total             int
	}
	read := func() state {
		var st state
		tab.Eval(t, `(() => {
			const list = document.querySelector('ul.checklist'), box = list.querySelector('input.checklist-box');
			const count = list.nextElementSibling.querySelector('.checklist-count');
			return {Checked: box.checked, Disabled: box.disabled, Count: count.textContent,
				Stored: localStorage.getItem(`+jsQuote(key)+`), Keys: Object.keys(localStorage),
				Total: list.querySelectorAll('input.checklist-box').length};
		})()`, &st)
		return st
	}
	st := read()
	if st.Disabled {
		t.Fatal("checklist.js did not enable the checkboxes")
	}
	if st.Checked || st.Count != fmt.Sprintf("0 of %d done", st.Total) {
		t.Fatalf("before ticking: checked=%v, count %q, want unticked and \"0 of %d done\"", st.Checked, st.Count, st.Total)
	}
	tab.Click(t, `ul.checklist input.checklist-box`)
	want := fmt.Sprintf("1 of %d done", st.Total)
	tab.WaitFor(t, `document.querySelector('.checklist-count').textContent === `+jsQuote(want), readerWait)
	if st = read(); st.Stored == nil || *st.Stored != "1" {
		t.Errorf("after ticking, localStorage[%q] = %v, want \"1\"; the keys are %q", key, st.Stored, st.Keys)
	}

	tab.Reload(t)
	tab.WaitFor(t, `document.querySelector('.checklist-count')`, readerWait)
	st = read()
	if !st.Checked || st.Count != want {
		t.Errorf("after reload: checked=%v, count %q, want ticked and %q", st.Checked, st.Count, want)
	}

	tab.Click(t, `.checklist-reset`)
	st = read()
	if st.Checked || st.Count != fmt.Sprintf("0 of %d done", st.Total) || st.Stored != nil {
		t.Errorf("after the reset button: checked=%v, count %q, stored %v; want unticked, \"0 of %d done\", nothing stored",
			st.Checked, st.Count, st.Stored, st.Total)
	}
	tab.Reload(t)
	tab.WaitFor(t, `document.querySelector('.checklist-count')`, readerWait)
	if st = read(); st.Checked {
		t.Error("after the reset button and a reload, the first item is ticked again")
	}
	checkStaysOnSite(t, s, tab)
}

// checklistPage returns the induction checklist page of the site, or any
// page with a checklist, or "" when there is none.
func checklistPage(t *testing.T, s readerSite) string {
	t.Helper()
	if fileContains(t, filepath.Join(s.dir, "induction-checklist", "index.html"), `class="checklist"`) {
		return "induction-checklist/index.html"
	}
	for _, p := range readerPages(t, s) {
		if p != "print/index.html" && fileContains(t, filepath.Join(s.dir, filepath.FromSlash(p)), `<ul class="checklist"`) {
			return p
		}
	}
	return ""
}

// readerGlossary checks that the first use of PSP on a page is an abbr
// with the expansion as its title, and that the glossary links of a page
// lead to entries of the glossary page.
func readerGlossary(t *testing.T, b *browsertest.Browser, s readerSite) {
	page := pageContaining(t, s, `>PSP</abbr>`)
	if page == "" {
		t.Fatalf("no page of %s has <abbr>PSP</abbr>", s.example)
	}
	tab := b.Open(t, s.url(page))
	var abbr struct{ Title, Text string }
	tab.Eval(t, `(() => { const a = [...document.querySelectorAll('main abbr[title]')].find(a => a.textContent === 'PSP');
		return a ? {Title: a.title, Text: a.textContent} : {}; })()`, &abbr)
	if abbr.Title != "Patient Safety Partner" {
		t.Errorf("%s: <abbr>PSP</abbr> has title %q, want \"Patient Safety Partner\"", page, abbr.Title)
	}

	termPage := pageContaining(t, s, `class="glossary-term"`)
	if termPage == "" {
		t.Logf("%s has no glossary links", s.example)
		checkStaysOnSite(t, s, tab)
		return
	}
	tab.Navigate(t, s.url(termPage))
	var links []string
	tab.Eval(t, `[...document.querySelectorAll('main a.glossary-term')].map(a => a.href)`, &links)
	if len(links) == 0 {
		t.Fatalf("%s: no a.glossary-term in the page", termPage)
	}
	glossary := stripFragment(links[0])
	if glossary != s.linkTo("glossary/") {
		t.Errorf("%s: glossary link %s, want one to %s", termPage, links[0], s.linkTo("glossary/"))
	}
	tab.Click(t, `main a.glossary-term`)
	tab.WaitFor(t, `location.href === `+jsQuote(links[0])+` && document.readyState === "complete"`, readerWait)
	var target struct {
		Tag, Text string
		Visible   bool
	}
	tab.Eval(t, `(() => { const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
		if (!e) return {};
		const r = e.getBoundingClientRect();
		return {Tag: e.tagName, Text: e.textContent, Visible: r.top >= 0 && r.top < innerHeight}; })()`, &target)
	if target.Tag == "" {
		t.Fatalf("%s: no element with the id of %s", termPage, links[0])
	}
	if !target.Visible {
		t.Errorf("%s: the glossary entry %q is not scrolled into view", links[0], target.Text)
	}
	// Every glossary link of the page has its entry.
	var ids []string
	tab.Eval(t, `[...document.querySelectorAll('[id]')].map(e => e.id)`, &ids)
	for _, l := range links {
		_, frag, _ := strings.Cut(l, "#")
		if stripFragment(l) != glossary || frag == "" || !slices.Contains(ids, frag) {
			t.Errorf("%s: glossary link %s has no entry on the glossary page", termPage, l)
		}
	}
	checkStaysOnSite(t, s, tab)
}

// readerPrint checks that the print page has every page of the
// navigation, in reading order: the order of the sidebar, section by
// section, which is also the chain of the pages' Next links.
func readerPrint(t *testing.T, b *browsertest.Browser, s readerSite) {
	tab := b.Open(t, s.page(""))
	order := readingOrder(t, tab, s)
	if len(order) < 3 {
		t.Fatalf("reading order from the sidebars has only %d pages: %v", len(order), order)
	}
	t.Logf("%d pages in reading order, from %q to %q", len(order), order[0].Title, order[len(order)-1].Title)
	// The Next links, from the home page on, follow the sidebar.
	titles := make([]string, len(order))
	for i, e := range order {
		titles[i] = e.Title
		if i+1 < len(order) && e.Next != order[i+1].Href {
			t.Errorf("reading order: the Next link of %s goes to %q, but the sidebar puts %s after it", e.Href, e.Next, order[i+1].Href)
		}
	}

	tab.Navigate(t, s.page("print/"))
	var printed []string
	tab.Eval(t, `[...document.querySelectorAll('section.print-section > h2')].map(h => h.textContent.trim())`, &printed)
	if !slices.Equal(printed, titles) {
		t.Errorf("print page sections:\n  %q\nwant the navigation in reading order:\n  %q", printed, titles)
	}
	var contents []string
	tab.Eval(t, `[...document.querySelectorAll('.print-contents a')].map(a => a.textContent.trim())`, &contents)
	if !slices.Equal(contents, titles) {
		t.Errorf("print page contents list:\n  %q\nwant:\n  %q", contents, titles)
	}
	// Every contents link finds its section.
	var broken []string
	tab.Eval(t, `[...document.querySelectorAll('.print-contents a')].filter(a => !document.getElementById(a.hash.slice(1))).map(a => a.href)`, &broken)
	if len(broken) > 0 {
		t.Errorf("print page contents links with no section: %q", broken)
	}
	checkStaysOnSite(t, s, tab)
}

// navEntry is a page of the navigation, and where its Next link goes.
type navEntry struct{ Title, Href, Next string }

// readingOrderJS walks the sidebars of the pages, which it parses from
// their HTML with DOMParser rather than opening each one: the top level of
// the home page's sidebar, then, depth first, the children of each page,
// which the sidebar shows on that page.
const readingOrderJS = `((pages, home) => {
  const parsed = new Map();
  const page = url => {
    if (!parsed.has(url)) {
      if (!(url in pages)) throw new Error('the sidebar links to ' + url + ', which is not a page of the site');
      parsed.set(url, new DOMParser().parseFromString(pages[url], 'text/html'));
    }
    return parsed.get(url);
  };
  const entries = (list, url) => list ? [...list.querySelectorAll(':scope > li > a')].map(a => ({
    Title: a.textContent.trim(), Href: new URL(a.getAttribute('href'), url).href, Next: ''})) : [];
  const order = [];
  const walk = (e, depth) => {
    if (depth > 8) throw new Error('the sidebar nests deeper than 8 levels at ' + e.Href);
    const d = page(e.Href);
    const next = d.querySelector('.pager a[rel=next]');
    e.Next = next ? new URL(next.getAttribute('href'), e.Href).href : '';
    order.push(e);
    const cur = d.querySelector('#site-nav li.nav-current');
    entries(cur && cur.querySelector(':scope > ul.nav-list'), e.Href).forEach(c => walk(c, depth + 1));
  };
  entries(page(home).querySelector('#site-nav > ul.nav-list'), home).forEach(e => walk(e, 0));
  return order;
})`

// readingOrder returns the pages of the site in the order of its
// sidebars, with the Next link of each.
func readingOrder(t *testing.T, tab *browsertest.Tab, s readerSite) []navEntry {
	t.Helper()
	pages := map[string]string{}
	for _, p := range readerPages(t, s) {
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		pages[s.url(p)] = string(b)
	}
	arg, err := json.Marshal(pages)
	if err != nil {
		t.Fatal(err)
	}
	// The pages go in first, so that a failure of the walk does not print
	// them all.
	tab.Eval(t, `window.readerPages = `+string(arg)+`; true`, nil)
	var order []navEntry
	tab.Eval(t, readingOrderJS+`(window.readerPages, `+jsQuote(s.page(""))+`)`, &order)
	return order
}

// checkStaysOnSite fails the test when the tab asked for anything outside
// the site, asked for /favicon.ico, or logged a console error.
func checkStaysOnSite(t *testing.T, s readerSite, tab *browsertest.Tab) {
	t.Helper()
	for _, r := range tab.Requests() {
		switch {
		case r == "about:blank":
		case strings.HasSuffix(r, "/favicon.ico"):
			t.Errorf("request for %s: the page declares no icon", r)
		case !s.onSite(r):
			t.Errorf("request outside the site: %s", r)
		}
	}
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n  %s", strings.Join(errs, "\n  "))
	}
}

// TestReaderNoLiveReload checks that a built site has nothing of the
// preview server's live reload, which only `handbook serve` adds.
func TestReaderNoLiveReload(t *testing.T) {
	for _, ex := range readerExamples {
		dir, _ := buildReaderSite(t, ex, "", generator.Options{Portable: true})
		for _, p := range a11ytest.Pages(t, dir) {
			for _, bad := range []string{"livereload", "EventSource", "/__handbook"} {
				if fileContains(t, filepath.Join(dir, filepath.FromSlash(p)), bad) {
					t.Errorf("%s: %s has %q: live reload belongs to the preview server only", ex, p, bad)
				}
			}
		}
		entries, err := os.ReadDir(filepath.Join(dir, "assets"))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.Contains(strings.ToLower(e.Name()), "reload") {
				t.Errorf("%s: assets/%s: live reload belongs to the preview server only", ex, e.Name())
			}
		}
	}
}

// firstNavPath returns the site path of the first section of the home
// page's sidebar, such as "about-the-role/".
func firstNavPath(t *testing.T, s readerSite) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	i := strings.Index(html, `id="site-nav"`)
	if i < 0 {
		t.Fatal("the home page has no #site-nav")
	}
	// The first link is the home page itself; the second is a section.
	for n, rest := 0, html[i:]; ; n++ {
		j := strings.Index(rest, `href="`)
		if j < 0 {
			t.Fatal("the home page's sidebar has fewer than 2 links")
		}
		rest = rest[j+len(`href="`):]
		href := rest[:strings.IndexByte(rest, '"')]
		if n == 1 {
			return strings.TrimSuffix(href, "index.html")
		}
	}
}

// pageContaining returns the first page of the site, in the order of
// a11ytest.Pages but for the print page, whose HTML contains text, or "".
func pageContaining(t *testing.T, s readerSite, text string) string {
	t.Helper()
	for _, p := range readerPages(t, s) {
		if p != "print/index.html" && fileContains(t, filepath.Join(s.dir, filepath.FromSlash(p)), text) {
			return p
		}
	}
	return ""
}

func fileContains(t *testing.T, path, text string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(b), text)
}

func stripFragment(u string) string {
	u, _, _ = strings.Cut(u, "#")
	return u
}

func stripQuery(u string) string {
	u, _, _ = strings.Cut(u, "?")
	return u
}
