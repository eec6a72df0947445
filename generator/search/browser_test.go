package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/internal/slug"
)

// theme is the default theme, from this package's folder.
const theme = "../../themes/default"

// csp is the policy of every test page: the strictest one that the output
// contract promises to hold.
const csp = `default-src 'self'`

// partialData is the part of the theme's template data that the search
// partial reads.
type partialData struct {
	Root string
	Site struct {
		SearchIndex string
		AZIndex     string
		Portable    bool
	}
}

// browserDocs are the pages of the test site: a few written for the
// queries of the test, and generated ones around them.
func browserDocs(t *testing.T) []Doc {
	docs := append(sampleDocs(),
		Doc{URL: "complaints/", Title: "Complaints", Sections: []Section{
			{Text: "If you are not happy with our answer, you can ask the ombudsman. The ombudsman is independent."},
			{ID: "time-limits", Heading: "Time limits", Text: "Contact the ombudsman within 12 months."},
		}},
		Doc{URL: "ombudsman/", Title: "The Health Service Ombudsman", Sections: []Section{
			{Text: "An independent body that looks at complaints."},
		}},
		Doc{URL: "about-the-role/payment/", Title: "Payment", Headings: []Heading{
			{Level: 2, ID: "how-much", Text: "How much"},
			{Level: 2, ID: "claiming-expenses", Text: "Claiming expenses"},
		}, Sections: []Section{
			{Text: "We pay you for your time."},
			{ID: "how-much", Text: "£150 a day, or £75 for half a day."},
			{ID: "claiming-expenses", Text: "Send the claim form to the finance team each month with your receipts."},
		}},
		Doc{URL: "speaking-up/", Title: "Speaking up", Headings: []Heading{
			{Level: 2, ID: "what-you-can-do", Text: "What you can do"},
		}, Sections: []Section{
			{Text: "Don’t keep a worry to yourself."},
			{ID: "what-you-can-do", Text: "Talk to the Freedom to Speak Up (FTSU) Guardian."},
		}, Terms: []string{"FTSU"}},
	)
	for _, d := range generatedDocs(t, 25, 2) {
		if d.URL != "" { // the sample docs have the home page
			docs = append(docs, d)
		}
	}
	return docs
}

// writeTestSite writes a site of docs into dir: a page for each doc, the
// glossary and A to Z pages, the theme's CSS and search.js, and the index.
// Every page has the search partial in its header.
func writeTestSite(t *testing.T, dir string, docs []Doc, portable bool) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(theme, "templates/partials/search.html"))
	if err != nil {
		t.Fatal(err)
	}
	partial := template.Must(template.New("partials/search.html").Parse(string(raw)))
	indexPath := "assets/search-index.3f9a1c2b.js"
	az := "a-z/"
	if portable {
		az = "a-z/index.html"
	}

	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyAsset := func(name string) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(theme, "assets", name))
		if err != nil {
			t.Fatal(err)
		}
		write("assets/"+name, data)
	}
	page := func(url, title string, body string) {
		t.Helper()
		root := strings.Repeat("../", strings.Count(url, "/"))
		d := partialData{Root: root}
		d.Site.SearchIndex = indexPath
		d.Site.AZIndex = az
		d.Site.Portable = portable
		var form bytes.Buffer
		if err := partial.Execute(&form, d); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<link rel="stylesheet" href="%sassets/handbook.css">
<link rel="icon" href="%sassets/favicon.svg">
</head>
<body>
<header class="site-header"><div class="page-width header-inner">
<a class="header-home" href="%s"><span class="header-title">Test handbook</span></a>
%s</div></header>
<main id="main-content" class="main page-width"><h1>%s</h1>
%s
</main>
<script src="%sassets/search.js" defer></script>
</body>
</html>
`, csp, html.EscapeString(title), root, root, root, form.String(), html.EscapeString(title), body, root)
		write(url+"index.html", []byte(b.String()))
	}

	for _, d := range docs {
		var body strings.Builder
		for _, s := range d.Sections {
			if s.ID != "" {
				h := s.Heading
				for _, hd := range d.Headings {
					if hd.ID == s.ID && h == "" {
						h = hd.Text
					}
				}
				fmt.Fprintf(&body, "<h2 id=\"%s\">%s</h2>\n", html.EscapeString(s.ID), html.EscapeString(h))
			}
			fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(s.Text))
		}
		page(d.URL, d.Title, body.String())
	}
	var gl strings.Builder
	gl.WriteString("<dl>\n")
	for _, g := range testGlossary() {
		fmt.Fprintf(&gl, "<dt id=\"%s\">%s</dt><dd>%s</dd>\n", g.Anchor, html.EscapeString(g.Term), html.EscapeString(g.Definition))
	}
	gl.WriteString("</dl>\n")
	page("glossary/", "Glossary", gl.String())
	page("a-z/", "A to Z", "<p>Every page, A to Z.</p>")

	copyAsset("handbook.css")
	copyAsset("search.js")
	copyAsset("favicon.svg")
	write(indexPath, Index(docs, Options{Glossary: testGlossary()}))
}

func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// typeText focuses the search box and types text, key by key.
func typeText(t *testing.T, tab *browsertest.Tab, text string) {
	t.Helper()
	tab.WaitFor(t, `document.querySelector("form.search-enhanced")`, 5*time.Second)
	tab.Eval(t, `document.getElementById("search-q").focus()`, nil)
	for _, r := range text {
		tab.PressKey(t, string(r))
	}
}

// firstResult waits for the results of the text in the box and returns the
// first one: its title and href.
func firstResult(t *testing.T, tab *browsertest.Tab) (title, href string) {
	t.Helper()
	tab.WaitFor(t, `document.querySelector("#search-q").getAttribute("aria-expanded") === "true" &&
		document.querySelector(".search-result")`, 5*time.Second)
	var r [2]string
	tab.Eval(t, `(() => { const a = document.querySelector(".search-result");
		return [a.querySelector(".search-result-title").textContent, a.getAttribute("href")]; })()`, &r)
	return r[0], r[1]
}

// clearBox presses Escape and checks that the box is empty and closed.
func clearBox(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	tab.PressKey(t, "Escape")
	var state struct {
		Value, Expanded string
		Hidden          bool
	}
	tab.Eval(t, `(() => { const i = document.getElementById("search-q");
		return {value: i.value, expanded: i.getAttribute("aria-expanded"), hidden: document.querySelector(".search-panel").hidden}; })()`, &state)
	if state.Value != "" || state.Expanded != "false" || !state.Hidden {
		t.Errorf("after Escape: %+v, want an empty, closed box", state)
	}
}

func TestBrowserSearch(t *testing.T) {
	b := browsertest.New(t)
	docs := browserDocs(t)

	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		writeTestSite(t, dir, docs, true)
		base := strings.TrimSuffix(browsertest.FileURL(filepath.Join(dir, "index.html")), "index.html")
		checkSearch(t, b, base, true)
	})
	t.Run("http", func(t *testing.T) {
		dir := t.TempDir()
		writeTestSite(t, dir, docs, false)
		base := browsertest.ServeDir(t, dir, "/sub/path/")
		checkSearch(t, b, base, false)
	})
}

// checkSearch runs the reader's checks on the site at base.
func checkSearch(t *testing.T, b *browsertest.Browser, base string, portable bool) {
	page := func(url string) string {
		if portable {
			url += "index.html"
		}
		return base + url
	}
	tab := b.Open(t, page(""))

	// The form is a combobox, and the index waits for the box.
	var role string
	tab.WaitFor(t, `document.querySelector("form.search.search-enhanced")`, 5*time.Second)
	tab.Eval(t, `document.getElementById("search-q").getAttribute("role")`, &role)
	if role != "combobox" {
		t.Errorf("search box role %q, want combobox", role)
	}
	for _, r := range tab.Requests() {
		if strings.Contains(r, "search-index") {
			t.Errorf("the index loaded before the box had the focus: %s", r)
		}
	}

	// A title match beats a page that has the word in its text.
	typeText(t, tab, "ombudsman")
	if title, href := firstResult(t, tab); title != "The Health Service Ombudsman" || href != page("ombudsman/")[len(base):] {
		t.Errorf("ombudsman: first result %q → %q, want the Ombudsman page", title, href)
	}
	var n int
	tab.Eval(t, `handbookSearch.query("ombudsman").length`, &n)
	tab.WaitFor(t, `document.querySelector("[role=status]").textContent === `+jsString(fmt.Sprintf("%d results", n)), 5*time.Second)
	var marks []string
	tab.Eval(t, `[...document.querySelectorAll(".search-result mark")].map(m => m.textContent)`, &marks)
	if !slices.Contains(marks, "Ombudsman") || !slices.Contains(marks, "ombudsman") {
		t.Errorf("marked words %q, want Ombudsman in the title and ombudsman in a snippet", marks)
	}
	clearBox(t, tab)

	// Words being typed match as prefixes; the link goes to the heading.
	typeText(t, tab, "claiming exp")
	title, href := firstResult(t, tab)
	wantHref := page("about-the-role/payment/")[len(base):] + "#claiming-expenses"
	if title != "Payment" || href != wantHref {
		t.Errorf("claiming exp: first result %q → %q, want Payment → %q", title, href, wantHref)
	}
	var section string
	tab.Eval(t, `document.querySelector(".search-result .search-result-section").textContent`, &section)
	if section != "Claiming expenses" {
		t.Errorf("first result's heading %q, want Claiming expenses", section)
	}
	tab.PressKey(t, "ArrowDown")
	var active struct{ Desc, ID, Selected string }
	tab.Eval(t, `(() => { const i = document.getElementById("search-q"), o = document.querySelector(".search-result");
		return {desc: i.getAttribute("aria-activedescendant"), id: o.id, selected: o.getAttribute("aria-selected")}; })()`, &active)
	if active.Desc == "" || active.Desc != active.ID || active.Selected != "true" {
		t.Errorf("after ArrowDown: %+v, want the first option active", active)
	}
	tab.PressKey(t, "Enter")
	want := page("about-the-role/payment/") + "#claiming-expenses"
	tab.WaitFor(t, `location.href === `+jsString(want)+` && document.readyState === "complete" && document.title === "Payment"`, 10*time.Second)

	// From a page two folders down, results still find the root; the
	// glossary has its own results, linked to the term's anchor.
	typeText(t, tab, "FTSU")
	title, href = firstResult(t, tab)
	if title != "FTSU" || href != "../../"+page("glossary/")[len(base):]+"#term-ftsu" {
		t.Errorf("FTSU from a nested page: first result %q → %q", title, href)
	}
	clearBox(t, tab)
	typeText(t, tab, "don’t keep")
	if title, _ := firstResult(t, tab); title != "Speaking up" {
		t.Errorf("don’t keep: first result %q, want Speaking up", title)
	}
	clearBox(t, tab)
	typeText(t, tab, "committees")
	if title, _ := firstResult(t, tab); title != "Committees" {
		t.Errorf("committees: first result %q, want Committees", title)
	}
	tab.PressKey(t, "ArrowDown")
	tab.PressKey(t, "ArrowDown")
	tab.PressKey(t, "ArrowUp")
	tab.PressKey(t, "Enter")
	tab.WaitFor(t, `location.href === `+jsString(page("about-the-role/committees/"))+` && document.title === "Committees"`, 10*time.Second)

	// No results: the count says so, and Enter goes to the A to Z index.
	typeText(t, tab, "zebra")
	tab.WaitFor(t, `document.querySelector("[role=status]").textContent === "No results"`, 5*time.Second)
	tab.PressKey(t, "Enter")
	wantAZ := page("a-z/") + "?q=zebra"
	tab.WaitFor(t, `location.href === `+jsString(wantAZ)+` && document.title === "A to Z"`, 10*time.Second)
	var kept string
	tab.WaitFor(t, `document.querySelector("form.search-enhanced")`, 5*time.Second)
	tab.Eval(t, `document.getElementById("search-q").value`, &kept)
	if kept != "zebra" {
		t.Errorf("A to Z page: box holds %q, want the query", kept)
	}

	checkTextRules(t, tab, browserDocs(t))

	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}

	// On a phone, the results fit the screen.
	phone := b.Open(t, page(""), browsertest.Viewport(360, 640))
	typeText(t, phone, "patient safety")
	firstResult(t, phone)
	var rect struct{ Left, Right, Width float64 }
	phone.Eval(t, `(() => { const r = document.querySelector(".search-panel").getBoundingClientRect();
		return {left: r.left, right: r.right, width: document.documentElement.clientWidth}; })()`, &rect)
	if rect.Left < 0 || rect.Right > rect.Width {
		t.Errorf("at 360px the results panel spans %v to %v of %v", rect.Left, rect.Right, rect.Width)
	}
	var scrollWidth int
	phone.Eval(t, `document.documentElement.scrollWidth`, &scrollWidth)
	if scrollWidth > 360 {
		t.Errorf("at 360px the page is %dpx wide", scrollWidth)
	}
	if errs := phone.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors on the phone: %q", errs)
	}
}

// checkTextRules checks that search.js cuts text into the same terms as the
// Go code: the shared vectors, and the heading IDs that the index leaves
// out.
func checkTextRules(t *testing.T, tab *browsertest.Tab, docs []Doc) {
	t.Helper()
	v := readVectors(t)
	var headings []string
	var ids []string
	for _, d := range docs {
		for _, h := range d.Headings {
			if derivedID(h.Text) != "" {
				headings = append(headings, h.Text)
				ids = append(ids, slug.Make(h.Text))
			}
		}
	}
	headings = append(headings, "Before you recruit: money & time", "Don’t panic", "  Spaces  ", "A1 -- b2")
	ids = append(ids, "before-you-recruit-money-time", "dont-panic", "spaces", "a1-b2")
	in, err := json.Marshal(map[string]any{"vectors": v, "headings": headings})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stems    []string   `json:"stems"`
		Terms    [][]string `json:"terms"`
		Headings []string   `json:"headings"`
	}
	tab.Eval(t, `(() => { const x = `+string(in)+`;
		return {
			stems: x.vectors.stems.map(s => handbookSearch.stem(s[0])),
			terms: x.vectors.terms.map(v => handbookSearch.terms(v.text)),
			headings: x.headings.map(h => handbookSearch.headingID(h)),
		}; })()`, &got)
	for i, s := range v.Stems {
		if got.Stems[i] != s[1] {
			t.Errorf("search.js stem(%q) = %q, want %q as in Go", s[0], got.Stems[i], s[1])
		}
	}
	for i, tv := range v.Terms {
		if !slices.Equal(got.Terms[i], tv.Terms) && (len(got.Terms[i]) > 0 || len(tv.Terms) > 0) {
			t.Errorf("search.js terms(%q) = %q, want %q as in Go", tv.Text, got.Terms[i], tv.Terms)
		}
	}
	for i, h := range headings {
		if got.Headings[i] != ids[i] {
			t.Errorf("search.js headingID(%q) = %q, want %q", h, got.Headings[i], ids[i])
		}
	}
}

// TestBrowserSearchSpeed times queries on a 1,000-page index in the browser.
// It logs the median time and the index size; it asserts no time, which
// depends on the machine.
func TestBrowserSearchSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-page index")
	}
	b := browsertest.New(t)
	dir := t.TempDir()
	docs := generatedDocs(t, 1000, 1)
	writeTestSite(t, dir, docs[:1], false)
	index := Index(docs, Options{Glossary: testGlossary()})
	if err := os.WriteFile(filepath.Join(dir, "assets/search-index.3f9a1c2b.js"), index, 0o644); err != nil {
		t.Fatal(err)
	}
	tab := b.Open(t, browsertest.FileURL(filepath.Join(dir, docs[0].URL, "index.html")))
	tab.WaitFor(t, `document.querySelector("form.search-enhanced")`, 5*time.Second)

	// Load the index as search.js does, and time it: the script, then the
	// arrays that the first query makes.
	var load [2]float64
	tab.Eval(t, `new Promise((resolve, reject) => {
		const form = document.querySelector("form.search");
		const s = document.createElement("script");
		const t0 = performance.now();
		s.src = form.dataset.root + form.dataset.index;
		s.onload = () => {
			const t1 = performance.now();
			handbookSearch.query("x");
			resolve([t1 - t0, performance.now() - t1]);
		};
		s.onerror = reject;
		document.head.appendChild(s);
	})`, &load)

	queries := []string{"committees", "patient safety", "risk register", "incident report", "escal",
		"freedom to speak up", "ftsu", "psp", "training", "meeting papers", "safeguarding adults", "pa",
		"learning from deaths", "expenses claim", "duty of candour", "governance", "falls", "infection control",
		"who do i talk to about a concern", "m"}
	var times []float64
	tab.Eval(t, `(() => { const qs = `+mustJSON(queries)+`;
		return qs.map(q => { const t0 = performance.now(); handbookSearch.query(q); return performance.now() - t0; }); })()`, &times)
	var again []float64
	tab.Eval(t, `(() => { const qs = `+mustJSON(queries)+`;
		return qs.map(q => { const t0 = performance.now(); handbookSearch.query(q); return performance.now() - t0; }); })()`, &again)
	t.Logf("1,000-page index: %d bytes; loads in %.0f ms, prepares in %.1f ms; %d queries: median %.2f ms, slowest %.2f ms (first run, postings decoded on first use); median %.2f ms, slowest %.2f ms (second run)",
		len(index), load[0], load[1], len(queries), median(times), slices.Max(times), median(again), slices.Max(again))
	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
