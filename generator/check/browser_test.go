package check

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/browsertest"
	"github.com/nhs-psp/handbook/generator/source"
	"github.com/nhs-psp/handbook/themes"
)

// clockJS stands in for the reader's clock: loaded before review.js, it
// makes Date.now() return the date in its data-now attribute, as a copy of
// the page opened on that day would see.
const clockJS = `(function () {
  var fixed = new Date(document.currentScript.getAttribute("data-now")).getTime();
  Date.now = function () { return fixed; };
})();
`

// reviewSite writes a small static site: one page per reader date, each
// with the review banner and document-control panel rendered by the real
// partials for a page due for review on 1 April 2029 (in date when built
// on 26 November 2026), the theme's stylesheet, icon and review.js, under a
// strict Content-Security-Policy. (The icon saves Chromium's request for
// /favicon.ico, which would log a 404.)
func reviewSite(t *testing.T, readerDates ...string) string {
	t.Helper()
	th := loadTheme(t)
	cfg := parseConfig(t, baseConfig)
	var d controlData
	d.Page.Control = NewView(ControlFor(source.Meta{ReviewBy: date("2029-04-01")}, cfg), cfg, today)
	if d.Page.Control.Overdue {
		t.Fatal("the page is overdue at build time; the test needs a future review date")
	}
	banner := render(t, th, "partials/review-banner.html", d)
	panel := render(t, th, "partials/doccontrol.html", d)

	dir := t.TempDir()
	for _, name := range []string{"handbook.css", "review.js", "favicon.svg"} {
		b, err := fs.ReadFile(themes.Default(), "assets/"+name)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, name), string(b))
	}
	write(t, filepath.Join(dir, "clock.js"), clockJS)
	for _, now := range readerDates {
		write(t, filepath.Join(dir, now+".html"), `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>Review test</title>
<link rel="stylesheet" href="handbook.css">
<link rel="icon" href="favicon.svg">
<script src="clock.js" data-now="`+now+`T12:00:00"></script>
</head>
<body>
`+banner+`<main class="main"><h1>Payment and expenses</h1><div class="content"><p>Text.</p>
`+panel+`</div></main>
<script src="review.js" defer></script>
</body>
</html>
`)
	}
	return browsertest.ServeDir(t, dir, "/")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type bannerState struct {
	Hidden  bool   `json:"hidden"`
	Visible bool   `json:"visible"`
	Text    string `json:"text"`
	Printed string `json:"printed"`
}

const bannerStateJS = `(() => {
  const b = document.querySelector(".banner-overdue");
  return {
    hidden: b.hidden,
    visible: b.checkVisibility(),
    text: b.querySelector("[data-review-text]").textContent,
    printed: document.querySelector("[data-printed-on]").textContent,
  };
})()`

// TestBrowserReviewBanner opens copies of a page built while it was in
// date on a reader's clock before and after its review date: the banner
// stays hidden before and shows itself after, and the print line carries
// the reader's date.
func TestBrowserReviewBanner(t *testing.T) {
	b := browsertest.New(t)
	base := reviewSite(t, "2028-01-01", "2031-01-01", "2029-04-01", "2029-04-02")

	t.Run("before the review date", func(t *testing.T) {
		tab := b.Open(t, base+"2028-01-01.html")
		tab.WaitFor(t, `document.querySelector("[data-printed-on]").textContent.includes("Printed on")`, 5*time.Second)
		var s bannerState
		tab.Eval(t, bannerStateJS, &s)
		if !s.Hidden || s.Visible {
			t.Errorf("banner shown before the review date: %+v", s)
		}
		if s.Printed != "Uncontrolled when printed. Printed on 1 January 2028." {
			t.Errorf("print line = %q", s.Printed)
		}
		// The hook moves the clock past the review date.
		tab.Eval(t, `window.handbookReview.check(new Date("2031-01-01T09:00:00"))`, nil)
		tab.Eval(t, bannerStateJS, &s)
		if s.Hidden || !s.Visible || s.Text != "This page is overdue for review since 1 April 2029." {
			t.Errorf("after check(2031-01-01): %+v", s)
		}
		if s.Printed != "Uncontrolled when printed. Printed on 1 January 2031." {
			t.Errorf("print line after check = %q", s.Printed)
		}
		if errs := tab.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("console errors: %q", errs)
		}
	})

	t.Run("hook with a date before the review", func(t *testing.T) {
		tab := b.Open(t, base+"2028-01-01.html")
		tab.Eval(t, `window.handbookReview.check(new Date("2029-03-31T09:00:00"))`, nil)
		var s bannerState
		tab.Eval(t, bannerStateJS, &s)
		if !s.Hidden || s.Visible {
			t.Errorf("banner shown on 31 March 2029: %+v", s)
		}
	})

	for _, tt := range []struct {
		now  string
		show bool
	}{
		{"2029-04-01", false}, // due that day, not yet overdue
		{"2029-04-02", true},
		{"2031-01-01", true},
	} {
		t.Run("reader's clock at "+tt.now, func(t *testing.T) {
			tab := b.Open(t, base+tt.now+".html")
			tab.WaitFor(t, `document.querySelector("[data-printed-on]").textContent.includes("Printed on")`, 5*time.Second)
			var s bannerState
			tab.Eval(t, bannerStateJS, &s)
			if s.Visible != tt.show || s.Hidden == tt.show {
				t.Errorf("banner visible = %v, hidden = %v, want shown %v", s.Visible, s.Hidden, tt.show)
			}
			if tt.show && !strings.HasPrefix(s.Text, "This page is overdue for review since 1 April 2029.") {
				t.Errorf("banner text = %q", s.Text)
			}
			if errs := tab.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors: %q", errs)
			}
		})
	}
}
