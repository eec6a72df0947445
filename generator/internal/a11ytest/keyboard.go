package a11ytest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/browsertest"
)

// Element is an element of a page that the keyboard can reach.
type Element struct {
	// Index is the element's place among the focusable elements of the
	// page, in document order, as [MarkFocusables] numbered them, or -1
	// for an element it did not number (such as the body, or an element
	// added later).
	Index int
	Tag   string // lower case, such as "a" or "summary"
	Desc  string // a short description for messages: tag, id or class, text
}

func (e Element) String() string { return e.Desc }

// Focus is the element that has the focus, and how its focus shows.
type Focus struct {
	Element
	// Visible reports whether the focus shows: an outline of non-zero
	// width in a colour that is not transparent, or a box shadow, or a
	// background colour, that the element does not have without focus.
	Visible bool
	// Style is the computed outline, box shadow and background colour
	// with focus, and Before without it, for messages.
	Style, Before string
	// InView reports whether some of the element is inside the viewport.
	InView bool
}

// markJS numbers the elements that the Tab key should reach, in document
// order, and keeps their style without focus. Those are links with an
// href, buttons, inputs, selects, text areas, the summary of a details
// element, and anything with a tabindex of 0 or more, unless disabled,
// hidden, not rendered (also inside a closed details element), inert, or
// with a negative tabindex.
const markJS = `(() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const list = [...document.querySelectorAll(sel)].filter(el => {
    if (el.disabled || el.tabIndex < 0) return false;
    if (el.matches('input[type=hidden]')) return false;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName === 'DETAILS' &&
        el.parentElement.querySelector(':scope > summary') !== el) return false;
    if (el.closest('[inert]')) return false;
    // checkVisibility is false in a closed details element too, whose
    // content Chromium hides with content-visibility but still lays out.
    return el.getClientRects().length > 0 && el.checkVisibility({visibilityProperty: true});
  });
  const style = el => { const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
      boxShadow: s.boxShadow, backgroundColor: s.backgroundColor}; };
  const describe = el => {
    let d = el.tagName.toLowerCase();
    if (el.id) d += '#' + el.id; else if (el.classList.length) d += '.' + [...el.classList].join('.');
    const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    if (text) d += ' "' + text.slice(0, 40) + '"';
    const href = el.getAttribute('href');
    if (href) d += ' → ' + href;
    return d;
  };
  window.__a11ytest = {list: list, before: list.map(style), style: style, describe: describe};
  list.forEach((el, i) => el.setAttribute('data-a11ytest-i', String(i)));
  return list.map((el, i) => ({Index: i, Tag: el.tagName.toLowerCase(), Desc: describe(el)}));
})()`

// activeJS describes document.activeElement and its focus style.
const activeJS = `(() => {
  const a = window.__a11ytest, el = document.activeElement;
  if (!a) throw new Error('a11ytest: MarkFocusables was not called on this page');
  if (!el || el === document.body || el === document.documentElement) {
    return {Index: -1, Tag: el ? el.tagName.toLowerCase() : '', Desc: el ? el.tagName.toLowerCase() : 'nothing'};
  }
  const i = el.hasAttribute('data-a11ytest-i') ? Number(el.getAttribute('data-a11ytest-i')) : -1;
  const s = a.style(el), b = i >= 0 ? a.before[i] : {outlineStyle: 'none', outlineWidth: '0px', outlineColor: '', boxShadow: 'none', backgroundColor: ''};
  const transparent = c => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
  const shadow = s.boxShadow !== 'none' && s.boxShadow !== b.boxShadow;
  const background = s.backgroundColor !== b.backgroundColor && !transparent(s.backgroundColor);
  const fmt = x => 'outline ' + x.outlineStyle + ' ' + x.outlineWidth + ' ' + x.outlineColor + '; box-shadow ' + x.boxShadow + '; background ' + x.backgroundColor;
  const r = el.getBoundingClientRect();
  return {Index: i, Tag: el.tagName.toLowerCase(), Desc: a.describe(el),
    Visible: outline || shadow || background, Style: fmt(s), Before: fmt(b),
    InView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
})()`

// MarkFocusables numbers the elements of the page in tab that the Tab key
// should reach, in document order, keeps their style without focus for
// [Active], and returns them. It fails the test when an element has a
// positive tabindex, which would change the order.
func MarkFocusables(t testing.TB, tab *browsertest.Tab) []Element {
	t.Helper()
	var positive []string
	tab.Eval(t, `[...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 80))`, &positive)
	if len(positive) > 0 {
		t.Errorf("a11ytest: elements with a positive tabindex change the focus order: %q", positive)
	}
	var list []Element
	tab.Eval(t, markJS, &list)
	return list
}

// Active returns the element that has the focus in tab, with its focus
// style. Call [MarkFocusables] on the page first.
func Active(t testing.TB, tab *browsertest.Tab) Focus {
	t.Helper()
	var f Focus
	tab.Eval(t, activeJS, &f)
	return f
}

// TabThrough presses Tab from where the focus is until the focus leaves the
// page or comes back to an element it has visited, at most max times, and
// returns where the focus went each time.
func TabThrough(t testing.TB, tab *browsertest.Tab, max int) []Focus {
	t.Helper()
	var seq []Focus
	seen := map[string]bool{}
	for range max {
		tab.PressKey(t, "Tab")
		f := Active(t, tab)
		if f.Index < 0 && f.Tag != "" && f.Tag != "body" && f.Tag != "html" {
			// An element that MarkFocusables did not number.
			seq = append(seq, f)
			continue
		}
		key := fmt.Sprint(f.Index)
		if f.Index < 0 || seen[key] {
			break
		}
		seen[key] = true
		seq = append(seq, f)
	}
	return seq
}

// TabUntil presses Tab until the element that has the focus matches the CSS
// selector, at most max times, and fails the test when it never does.
func TabUntil(t testing.TB, tab *browsertest.Tab, selector string, max int) Focus {
	t.Helper()
	for range max {
		tab.PressKey(t, "Tab")
		var ok bool
		tab.Eval(t, `!!(document.activeElement && document.activeElement.matches(`+quote(selector)+`))`, &ok)
		if ok {
			return Active(t, tab)
		}
	}
	t.Fatalf("a11ytest: Tab did not reach %s in %d presses", selector, max)
	return Focus{}
}

// OrderProblems compares the elements that Tab reached, in order, with the
// elements that it should reach, and describes each difference.
func OrderProblems(want []Element, got []Focus) []string {
	var problems []string
	reached := map[int]bool{}
	last := -1
	for _, f := range got {
		switch {
		case f.Index < 0:
			problems = append(problems, fmt.Sprintf("Tab reached %s, which is not in the list of focusable elements", f.Desc))
		case f.Index < last:
			problems = append(problems, fmt.Sprintf("Tab reached %s (element %d) after element %d: out of document order", f.Desc, f.Index, last))
		default:
			last = f.Index
		}
		if f.Index >= 0 {
			reached[f.Index] = true
		}
	}
	for _, e := range want {
		if !reached[e.Index] {
			problems = append(problems, fmt.Sprintf("Tab never reached %s (element %d)", e.Desc, e.Index))
		}
	}
	return problems
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
