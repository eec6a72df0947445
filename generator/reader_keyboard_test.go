package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/internal/a11ytest"
)

// keyboardPages are the pages of Northshire whose focus order the keyboard
// test walks: the home page, a checklist, a page with the document-control
// panel, and the print page.
var keyboardPages = []string{"", "induction-checklist/", "local-information/", "print/"}

// TestReaderKeyboard checks the handbook with the keyboard alone, on
// Northshire built portable and opened over file://, at 1280 and 360
// pixels wide: the focus order and focus styles of representative pages
// (keyboardOrder), and the use of each kind of control (keyboardControls).
func TestReaderKeyboard(t *testing.T) {
	b := browsertest.New(t)
	s := portableSite(t, "northshire")
	for _, w := range readerWidths {
		t.Run(fmt.Sprintf("%dpx", w), func(t *testing.T) {
			t.Run("order", func(t *testing.T) { keyboardOrder(t, b, s, w) })
			t.Run("controls", func(t *testing.T) { keyboardControls(t, b, s, w) })
		})
	}
}

// keyboardOrder presses Tab from the top of each of keyboardPages. The
// skip link comes first and moves the focus to the main content; Tab then
// reaches every link, button, input and summary of the page in document
// order; and every element shows that it has the focus.
func keyboardOrder(t *testing.T, b *browsertest.Browser, s readerSite, w int) {
	tab := b.Open(t, "about:blank", browsertest.Viewport(w, 800))
	for _, p := range keyboardPages {
		name := strings.TrimSuffix(p, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			tab.Navigate(t, s.page(p))
			want := a11ytest.MarkFocusables(t, tab)
			if len(want) < 3 {
				t.Fatalf("only %d focusable elements: %v", len(want), want)
			}
			got := a11ytest.TabThrough(t, tab, len(want)+5)
			for _, problem := range a11ytest.OrderProblems(want, got) {
				t.Error(problem)
			}
			if len(got) == 0 || !strings.Contains(got[0].Desc, "skip-link") {
				t.Errorf("the first Tab reached %v, want the skip link", got[:min(1, len(got))])
			}
			for _, f := range got {
				if !f.Visible {
					t.Errorf("focus does not show on %s: with focus %s; without %s", f.Desc, f.Style, f.Before)
				}
				if !f.InView {
					t.Errorf("%s has the focus but is outside the viewport", f.Desc)
				}
			}
			checkSkipLink(t, tab, s, p)
		})
	}
	checkStaysOnSite(t, s, tab)
}

// checkSkipLink reloads the page, follows the skip link with Enter, and
// checks that the focus moves to the main content and that the next Tab
// reaches the first focusable element in it.
func checkSkipLink(t *testing.T, tab *browsertest.Tab, s readerSite, p string) {
	t.Helper()
	tab.Navigate(t, s.page(p))
	a11ytest.MarkFocusables(t, tab)
	tab.PressKey(t, "Tab")
	var skip struct {
		Class, Href string
		Left        float64
	}
	tab.Eval(t, `(() => { const a = document.activeElement;
		return {Class: a.className, Href: a.getAttribute('href') || '', Left: a.getBoundingClientRect().left}; })()`, &skip)
	if skip.Class != "skip-link" || skip.Href != "#main-content" {
		t.Fatalf("first Tab: %+v, want the skip link to #main-content", skip)
	}
	if skip.Left < 0 {
		t.Errorf("the skip link has the focus but is off screen (left %vpx)", skip.Left)
	}
	tab.PressKey(t, "Enter")
	tab.WaitFor(t, `document.activeElement && document.activeElement.id === 'main-content' && document.activeElement.tagName === 'MAIN'`, readerWait)
	var firstInMain string
	tab.Eval(t, `(() => { const m = document.getElementById('main-content');
		const el = window.__a11ytest.list.find(e => m.contains(e));
		return el ? window.__a11ytest.describe(el) : ''; })()`, &firstInMain)
	tab.PressKey(t, "Tab")
	if got := a11ytest.Active(t, tab); firstInMain != "" && got.Desc != firstInMain {
		t.Errorf("Tab after the skip link reached %s, want the first focusable element of main, %s", got.Desc, firstInMain)
	}
}

// keyboardControls works the handbook's controls with the keyboard alone:
// Enter follows a link, Space ticks a checklist item, the search combobox
// answers ArrowDown, ArrowUp, Escape, Tab and Enter, and Enter opens the
// document-control panel.
func keyboardControls(t *testing.T, b *browsertest.Browser, s readerSite, w int) {
	tab := b.Open(t, s.page(""), browsertest.Viewport(w, 800))

	t.Run("link", func(t *testing.T) {
		tab.Navigate(t, s.page(""))
		a11ytest.MarkFocusables(t, tab)
		a11ytest.TabUntil(t, tab, `main a[href]:not([href^="#"])`, 80)
		var href string
		tab.Eval(t, `document.activeElement.href`, &href)
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `location.href === `+jsQuote(href)+` && document.readyState === "complete"`, readerWait)
	})

	t.Run("checklist", func(t *testing.T) {
		tab.Navigate(t, s.page("induction-checklist/"))
		a11ytest.MarkFocusables(t, tab)
		f := a11ytest.TabUntil(t, tab, `input.checklist-box`, 80)
		if !f.Visible {
			t.Errorf("focus does not show on the checkbox: %s", f.Style)
		}
		count := `document.querySelector('.checklist-count').textContent`
		var total int
		tab.Eval(t, `document.querySelector('ul.checklist').querySelectorAll('input').length`, &total)
		tab.PressKey(t, " ")
		tab.WaitFor(t, `document.activeElement.checked && `+count+` === `+jsQuote(fmt.Sprintf("1 of %d done", total)), readerWait)
		tab.PressKey(t, " ")
		tab.WaitFor(t, `!document.activeElement.checked && `+count+` === `+jsQuote(fmt.Sprintf("0 of %d done", total)), readerWait)
		// Tick it again, then clear the list with the reset button.
		tab.PressKey(t, " ")
		tab.WaitFor(t, `document.activeElement.checked`, readerWait)
		a11ytest.TabUntil(t, tab, `.checklist-reset`, 3*total+2)
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, count+` === `+jsQuote(fmt.Sprintf("0 of %d done", total)), readerWait)
		var back bool
		tab.Eval(t, `document.activeElement === document.querySelector('ul.checklist input.checklist-box')`, &back)
		if !back {
			t.Error("after the reset button, the focus did not go back to the first item of the list")
		}
	})

	t.Run("search", func(t *testing.T) {
		tab.Navigate(t, s.page(""))
		a11ytest.MarkFocusables(t, tab)
		requireSearchBox(t, tab)
		a11ytest.TabUntil(t, tab, `#search-q`, 5)
		for _, r := range "committee" {
			tab.PressKey(t, string(r))
		}
		tab.WaitFor(t, `document.querySelectorAll('.search-results [role=option]').length >= 2`, readerWait)
		active := func() (id string, highlighted bool) {
			var st struct {
				ID   string
				Diff bool
			}
			tab.Eval(t, `(() => { const i = document.getElementById('search-q'), id = i.getAttribute('aria-activedescendant') || '';
						const o = id && document.getElementById(id), other = document.querySelector('.search-results [role=option][aria-selected=false]');
						return {ID: id, Diff: !!o && !!other && getComputedStyle(o).backgroundColor !== getComputedStyle(other).backgroundColor}; })()`, &st)
			return st.ID, st.Diff
		}
		var ids []string
		tab.Eval(t, `[...document.querySelectorAll('.search-results [role=option]')].map(o => o.id)`, &ids)
		tab.PressKey(t, "ArrowDown")
		if id, hl := active(); id != ids[0] || !hl {
			t.Errorf("ArrowDown: active option %q (highlighted %v), want %q, highlighted", id, hl, ids[0])
		}
		tab.PressKey(t, "ArrowDown")
		if id, _ := active(); id != ids[1] {
			t.Errorf("ArrowDown twice: active option %q, want %q", id, ids[1])
		}
		tab.PressKey(t, "ArrowUp")
		if id, _ := active(); id != ids[0] {
			t.Errorf("ArrowUp: active option %q, want %q", id, ids[0])
		}
		var focused bool
		tab.Eval(t, `document.activeElement.id === 'search-q'`, &focused)
		if !focused {
			t.Error("the focus left the search box while moving through the results")
		}
		tab.PressKey(t, "Escape")
		var closed struct {
			Hidden          bool
			Value, Expanded string
		}
		tab.Eval(t, `(() => { const i = document.getElementById('search-q');
					return {Hidden: document.querySelector('.search-panel').hidden, Value: i.value, Expanded: i.getAttribute('aria-expanded')}; })()`, &closed)
		if !closed.Hidden || closed.Value != "" || closed.Expanded != "false" {
			t.Errorf("Escape: panel hidden %v, value %q, aria-expanded %q; want hidden, empty, false", closed.Hidden, closed.Value, closed.Expanded)
		}
		// Tab from the box with results open goes to the search
		// button (the results are not in the tab order), and the
		// next Tab leaves the form and closes the results.
		for _, r := range "committee" {
			tab.PressKey(t, string(r))
		}
		tab.WaitFor(t, `!document.querySelector('.search-panel').hidden`, readerWait)
		tab.PressKey(t, "Tab")
		f := a11ytest.Active(t, tab)
		if !strings.Contains(f.Desc, "search-button") {
			t.Errorf("Tab from the search box with results open reached %s, want the search button", f.Desc)
		}
		if !f.Visible {
			t.Errorf("focus does not show on the search button: %s", f.Style)
		}
		// The note under the results may have a link to the A to Z
		// page, which Tab reaches before it leaves the form.
		var inForm bool
		presses := 0
		for {
			tab.PressKey(t, "Tab")
			presses++
			tab.Eval(t, `document.querySelector('form.search').contains(document.activeElement)`, &inForm)
			if !inForm || presses == 3 {
				break
			}
			if f := a11ytest.Active(t, tab); !f.Visible {
				t.Errorf("focus does not show on %s: %s", f.Desc, f.Style)
			}
		}
		if inForm {
			t.Fatalf("the focus is still in the search form after %d presses of Tab: %s", presses, a11ytest.Active(t, tab).Desc)
		}
		tab.WaitFor(t, `document.querySelector('.search-panel').hidden`, readerWait)
		// Back to the box with Shift+Tab (the results, and the link
		// under them, are hidden now), and Enter on a result
		// follows it.
		for i := 0; ; i++ {
			tab.PressKey(t, "Shift+Tab")
			var back bool
			tab.Eval(t, `document.activeElement.id === 'search-q'`, &back)
			if back {
				break
			}
			if i == 3 {
				t.Fatalf("Shift+Tab did not come back to the search box: %s", a11ytest.Active(t, tab).Desc)
			}
		}
		tab.PressKey(t, "ArrowDown")
		tab.WaitFor(t, `!!document.getElementById('search-q').getAttribute('aria-activedescendant')`, readerWait)
		var href string
		tab.Eval(t, `document.getElementById(document.getElementById('search-q').getAttribute('aria-activedescendant')).href`, &href)
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `location.href === `+jsQuote(href)+` && document.readyState === "complete"`, readerWait)
	})

	t.Run("document control", func(t *testing.T) {
		tab.Navigate(t, s.page("local-information/"))
		a11ytest.MarkFocusables(t, tab)
		f := a11ytest.TabUntil(t, tab, `details.doc-control > summary`, 120)
		if !f.Visible {
			t.Errorf("focus does not show on the summary: %s", f.Style)
		}
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `document.querySelector('details.doc-control').open`, readerWait)
		var shown bool
		tab.Eval(t, `document.querySelector('details.doc-control dl').getClientRects().length > 0`, &shown)
		if !shown {
			t.Error("Enter opened the panel, but its summary list does not show")
		}
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `!document.querySelector('details.doc-control').open`, readerWait)
	})
	checkStaysOnSite(t, s, tab)
}
