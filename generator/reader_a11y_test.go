package generator_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/internal/a11ytest"
)

// readerWidths are the viewport widths of the accessibility and keyboard
// tests: a small phone and a desktop.
var readerWidths = []int{1280, 360}

// servedA11yPages are the pages of the served Northshire that the
// accessibility test checks: one of each kind. The portable build of
// Northshire has the same pages but for the form of their links, and the
// test checks every one of those.
var servedA11yPages = []string{
	"index.html", "404.html", "a-z/index.html", "print/index.html", "review/index.html",
	"glossary/index.html", "induction-checklist/index.html", "for-staff/index.html",
	"local-information/index.html", "about-the-role/committees/index.html",
	"about-the-role/payment-and-expenses/index.html",
}

// TestReaderAccessibility runs axe-core (see package a11ytest for how to
// install it) with the WCAG 2.0, 2.1 and 2.2 A and AA rules, and a few
// best-practice rules about landmarks and headings, on every page of every
// example, built portable and opened over file://, at 1280 and 360 pixels
// wide, and on a page of each kind of Northshire built normally and served
// under a sub-path (servedA11yPages), at 1280 pixels, which shows that axe
// and the pages work over http:// too. Every page must have no violations,
// and at 360 pixels no page may scroll sideways.
//
// That is about 170 runs of axe, a third to half a second each: 70 to 130
// seconds on a busy 2-core machine. One tab for each site and width
// navigates from page to page; the tabs run one after another, since
// parallel tabs were no faster.
//
// The subtest "states" checks Northshire's pages in the states that
// scripts and readers put them in (see readerA11yStates).
func TestReaderAccessibility(t *testing.T) {
	axe := a11ytest.LoadAxe(t)
	b, sites := readerStart(t)
	t.Run("states", func(t *testing.T) { readerA11yStates(t, axe, b, sites[0]) })
	start := time.Now()
	runs := 0
	t.Run("pages", func(t *testing.T) {
		if readerRace {
			t.Skip("every page is checked in the run without -race: axe-core's time is the browser's, not Go's")
		}
		for _, s := range sites {
			widths, pages := readerWidths, readerPages(t, s)
			if !s.portable {
				widths, pages = readerWidths[:1], servedA11yPages
				for _, p := range pages {
					if !slices.Contains(readerPages(t, s), p) {
						t.Errorf("servedA11yPages: %s has no page %s", s.name, p)
					}
				}
			}
			for _, w := range widths {
				t.Run(fmt.Sprintf("%s/%dpx", s.name, w), func(t *testing.T) {
					tab := b.Open(t, "about:blank", browsertest.Viewport(w, 800))
					for _, p := range pages {
						tab.Navigate(t, s.url(p))
						runs++
						reportViolations(t, axe.Run(t, tab), p, w)
						if w <= 400 {
							checkNoSidewaysScroll(t, tab, p, w)
						}
					}
					checkStaysOnSite(t, s, tab)
				})
			}
		}
	})
	t.Logf("axe-core %s: %d pages checked in %v", axe.Version, runs, time.Since(start).Round(time.Millisecond))
}

// readerA11yStates runs axe-core on pages of the site s in the states
// that scripts and readers put them in, which a freshly loaded page does
// not show: the search results open, a search with no results, a checklist
// ticked and finished, the document-control panel open, and the review
// banner shown on a reader's date after the review date.
func readerA11yStates(t *testing.T, axe *a11ytest.Axe, b *browsertest.Browser, s readerSite) {
	states := []struct {
		name, page string
		act        func(t *testing.T, tab *browsertest.Tab)
	}{
		{"search results", "", func(t *testing.T, tab *browsertest.Tab) {
			typeSearch(t, tab, "committee")
			tab.PressKey(t, "ArrowDown")
		}},
		{"search without results", "about-the-role/", func(t *testing.T, tab *browsertest.Tab) {
			typeSearch(t, tab, "zzqx")
		}},
		{"checklist finished", "induction-checklist/", func(t *testing.T, tab *browsertest.Tab) {
			tab.Eval(t, `(() => { document.querySelector('ul.checklist').querySelectorAll('input').forEach(b => { if (!b.checked) b.click(); }); return true; })()`, nil)
			tab.WaitFor(t, `document.querySelector('ul.checklist.checklist-complete')`, readerWait)
		}},
		{"document control open", "local-information/", func(t *testing.T, tab *browsertest.Tab) {
			tab.Click(t, `details.doc-control > summary`)
			tab.WaitFor(t, `document.querySelector('details.doc-control').open`, readerWait)
		}},
		{"review banner", "local-information/", func(t *testing.T, tab *browsertest.Tab) {
			tab.Eval(t, `window.handbookReview.check(new Date(2040, 0, 1))`, nil)
			tab.WaitFor(t, `(() => { const b = document.querySelector('.banner-overdue'); return b && !b.hidden; })()`, readerWait)
		}},
	}
	for _, w := range readerWidths {
		t.Run(fmt.Sprintf("%dpx", w), func(t *testing.T) {
			tab := b.Open(t, "about:blank", browsertest.Viewport(w, 800))
			for _, st := range states {
				t.Run(st.name, func(t *testing.T) {
					tab.Navigate(t, s.page(st.page))
					st.act(t, tab)
					reportViolations(t, axe.Run(t, tab), st.name+" on "+s.page(st.page), w)
				})
			}
			checkStaysOnSite(t, s, tab)
		})
	}
}

// reportViolations fails the test with one error for each violation.
func reportViolations(t *testing.T, vs []a11ytest.Violation, page string, width int) {
	t.Helper()
	for _, v := range vs {
		t.Errorf("%s at %dpx: %s", page, width, v.Format(3))
	}
}

// checkNoSidewaysScroll fails the test when the page is wider than the
// viewport, so that a reader on a phone would have to scroll sideways
// (WCAG 1.4.10 Reflow), and names the widest elements.
func checkNoSidewaysScroll(t *testing.T, tab *browsertest.Tab, page string, width int) {
	t.Helper()
	var wide struct {
		ScrollWidth int
		Culprits    []string
	}
	tab.Eval(t, `(() => {
		const w = document.documentElement.clientWidth, sw = document.documentElement.scrollWidth;
		if (sw <= w) return {ScrollWidth: sw, Culprits: []};
		const culprits = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 &&
			![...e.children].some(c => c.getBoundingClientRect().right > w + 1)).slice(0, 3)
			.map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + (e.textContent || '').trim().slice(0, 40));
		return {ScrollWidth: sw, Culprits: culprits};
	})()`, &wide)
	if wide.ScrollWidth > width {
		t.Errorf("%s at %dpx: the page is %dpx wide and scrolls sideways; widest elements: %s",
			page, width, wide.ScrollWidth, strings.Join(wide.Culprits, "; "))
	}
}
