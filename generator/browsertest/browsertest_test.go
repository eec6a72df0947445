package browsertest

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
)

// writeSite writes a tiny site to a new temporary folder and returns the
// folder: a page with a stylesheet, a script and a link to a second page, a
// page with a Content-Security-Policy that blocks an inline script, a page for
// keyboard tests and a page with errors.
func writeSite(t *testing.T) string {
	t.Helper()
	site := map[string]string{
		"index.html": `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="icon.svg"><title>Index</title>
<link rel="stylesheet" href="style.css">
<script src="app.js" defer></script>
</head><body>
<h1>Index</h1>
<p><a id="next" href="second.html">Second page</a></p>
</body></html>
`,
		"second.html": `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="icon.svg"><title>Second</title>
<link rel="stylesheet" href="style.css">
</head><body><h1 id="title">Second page</h1><p style="height: 3000px">tall</p></body></html>
`,
		"style.css": `body { color: rgb(12, 34, 56); }
h1 { font-size: 40px; }
`,
		"app.js": `document.body.dataset.ok = "1";
`,
		"icon.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>
`,
		"noicon.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>No icon</title></head><body><p>No icon link.</p></body></html>
`,
		"csp.html": `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="icon.svg"><title>CSP</title>
<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<link rel="stylesheet" href="style.css">
<script src="app.js" defer></script>
</head><body>
<script>document.body.dataset.inline = "1";</script>
</body></html>
`,
		"keys.html": `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="icon.svg"><title>Keys</title></head><body>
<button id="one">One</button>
<button id="two">Two</button>
<a id="link" href="second.html">Second page</a>
<script>
window.keys = [];
document.addEventListener("keydown", e => keys.push(e.key));
</script>
</body></html>
`,
		"errors.html": `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="icon.svg"><title>Errors</title></head><body>
<img src="missing.png" alt="">
<script>
console.log("not an error");
console.error("bad thing", 42);
setTimeout(() => { throw new Error("boom"); }, 0);
</script>
</body></html>
`,
	}
	dir := t.TempDir()
	for name, body := range site {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The name of this test starts with TestNew, so that
//
//	CI=1 HANDBOOK_CHROMIUM=/nonexistent go test -run TestNew
//
// shows that a missing browser fails in CI: this test fails, and the two tests
// of the missing browser, which set their own environment, pass.
func TestNewStartsBrowser(t *testing.T) {
	b := New(t)
	tab := b.Open(t, "about:blank")

	var sum int
	tab.Eval(t, `1 + 2`, &sum)
	if sum != 3 {
		t.Errorf("1 + 2 = %d, want 3", sum)
	}
	var size [2]int
	tab.Eval(t, `[innerWidth, innerHeight]`, &size)
	if size != [2]int{DefaultWidth, DefaultHeight} {
		t.Errorf("viewport = %v, want %dx%d", size, DefaultWidth, DefaultHeight)
	}
	var awaited string
	tab.Eval(t, `new Promise(resolve => setTimeout(() => resolve("later"), 10))`, &awaited)
	if awaited != "later" {
		t.Errorf("awaited %q, want %q", awaited, "later")
	}
	tab.Eval(t, `document.title = "x"; undefined`, nil)

	small := b.Open(t, "about:blank", Viewport(375, 667))
	small.Eval(t, `[innerWidth, innerHeight]`, &size)
	if size != [2]int{375, 667} {
		t.Errorf("viewport with Viewport(375, 667) = %v", size)
	}
	small.SetViewport(t, 500, 400)
	small.Eval(t, `[innerWidth, innerHeight]`, &size)
	if size != [2]int{500, 400} {
		t.Errorf("viewport after SetViewport(500, 400) = %v", size)
	}
	small.Close()
	small.Close() // a second Close does nothing
}

func TestNewSkipsWhenBrowserMissing(t *testing.T) {
	t.Setenv(envCI, "")
	t.Setenv(envBrowser, filepath.Join(t.TempDir(), "no-such-chromium"))
	var sub *testing.T
	t.Run("New", func(t *testing.T) {
		sub = t
		New(t)
		t.Error("New returned without a browser")
	})
	if !sub.Skipped() {
		t.Error("New did not skip the test when no browser was found and CI was not set")
	}
}

func TestNewFailsInCIWhenBrowserMissing(t *testing.T) {
	t.Setenv(envCI, "true")
	t.Setenv(envBrowser, filepath.Join(t.TempDir(), "no-such-chromium"))
	rec := record(t, func(tb testing.TB) { New(tb) })
	if rec.skipped || !rec.fatal {
		t.Fatalf("with CI set: skipped=%v fatal=%v, want a fatal failure", rec.skipped, rec.fatal)
	}
	for _, want := range []string{"no-such-chromium", "apt-get install chromium", ".ci/run", "CI"} {
		if !strings.Contains(rec.msg, want) {
			t.Errorf("the message does not mention %q: %s", want, rec.msg)
		}
	}
}

func TestFindBrowser(t *testing.T) {
	tests := []struct {
		name      string
		env       string
		installed []string
		want      string
		wantTried []string
	}{
		{
			name:      "HANDBOOK_CHROMIUM wins",
			env:       "/opt/chrome/chrome",
			installed: []string{"/opt/chrome/chrome", "chromium"},
			want:      "/opt/chrome/chrome",
		},
		{
			name:      "a missing HANDBOOK_CHROMIUM is not replaced",
			env:       "/opt/none",
			installed: []string{"chromium"},
			wantTried: []string{"$HANDBOOK_CHROMIUM=/opt/none"},
		},
		{
			name:      "PATH in order",
			installed: []string{"google-chrome", "chromium-browser"},
			want:      "/bin/chromium-browser",
		},
		{
			name:      "the fallback",
			installed: []string{"/usr/bin/chromium"},
			want:      "/usr/bin/chromium",
		},
		{
			name:      "none",
			wantTried: []string{"chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(key string) string {
				if key == envBrowser {
					return tt.env
				}
				return ""
			}
			lookPath := func(name string) (string, error) {
				if !slices.Contains(tt.installed, name) {
					return "", errors.New("not found")
				}
				if strings.HasPrefix(name, "/") {
					return name, nil
				}
				return "/bin/" + name, nil
			}
			got, tried := findBrowser(getenv, lookPath)
			if got != tt.want || !slices.Equal(tried, tt.wantTried) {
				t.Errorf("findBrowser = %q, tried %q; want %q, tried %q", got, tried, tt.want, tt.wantTried)
			}
		})
	}
}

func TestSite(t *testing.T) {
	b := New(t)
	dir := writeSite(t)
	base := ServeDir(t, dir, "/sub/path/")
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/sub/path/") {
		t.Fatalf("ServeDir = %q", base)
	}

	t.Run("http", func(t *testing.T) {
		tab := b.Open(t, base+"index.html")
		tab.WaitFor(t, `document.body.dataset.ok === "1"`, 5*time.Second)
		checkColor(t, tab)

		tab.Click(t, "#next")
		tab.WaitFor(t, `location.pathname === "/sub/path/second.html" && document.readyState === "complete"`, 5*time.Second)
		var title string
		tab.Eval(t, `document.querySelector("#title").textContent`, &title)
		if title != "Second page" {
			t.Errorf("title after the click = %q", title)
		}

		// ServeDir serves nothing outside its prefix. The fetch also shows
		// that Eval awaits a promise, and that Requests has fetch calls.
		var status [2]int
		tab.Eval(t, `Promise.all([fetch("/sub/path/app.js"), fetch("/app.js")]).then(rs => rs.map(r => r.status))`, &status)
		if status != [2]int{200, 404} {
			t.Errorf("status of a file inside and outside the prefix = %v, want [200 404]", status)
		}

		want := []string{base + "index.html", base + "style.css", base + "app.js", base + "second.html"}
		checkRequests(t, tab, want)
		if got := tab.Requests(); !slices.Contains(got, strings.TrimSuffix(base, "sub/path/")+"app.js") {
			t.Errorf("Requests() = %q, want the fetch of /app.js", got)
		}
		// The 404 of the fetch is an error in the console, and the only one.
		eventually(t, func() bool { return len(tab.ConsoleErrors()) > 0 })
		if errs := tab.ConsoleErrors(); len(errs) != 1 || !strings.Contains(errs[0], "404") {
			t.Errorf("ConsoleErrors() = %q, want one error for the 404", errs)
		}

		tab.Eval(t, `window.marker = 1`, nil)
		tab.Reload(t)
		var marker bool
		tab.Eval(t, `"marker" in window`, &marker)
		if marker {
			t.Error("the window kept its state over Reload")
		}
		tab.Navigate(t, base+"index.html")
		tab.WaitFor(t, `document.body.dataset.ok === "1"`, 5*time.Second)
	})

	t.Run("file", func(t *testing.T) {
		tab := b.Open(t, FileURL(filepath.Join(dir, "index.html")))
		tab.WaitFor(t, `document.body.dataset.ok === "1"`, 5*time.Second)
		checkColor(t, tab)
		tab.Click(t, "#next")
		tab.WaitFor(t, `location.pathname.endsWith("/second.html") && document.readyState === "complete"`, 5*time.Second)
		checkColor(t, tab)
		checkRequests(t, tab, []string{
			FileURL(filepath.Join(dir, "index.html")),
			FileURL(filepath.Join(dir, "style.css")),
			FileURL(filepath.Join(dir, "app.js")),
			FileURL(filepath.Join(dir, "second.html")),
		})
		if errs := tab.ConsoleErrors(); len(errs) > 0 {
			t.Errorf("ConsoleErrors() = %q, want none", errs)
		}

		// The browser has no --allow-file-access-from-files, so a page
		// over file:// cannot fetch a file, as for a reader. The fetch is
		// still in Requests, and its error in ConsoleErrors.
		before := len(tab.Requests())
		var result string
		tab.Eval(t, `fetch("style.css").then(() => "loaded", () => "blocked")`, &result)
		if result != "blocked" {
			t.Errorf("a fetch over file:// was %s, want blocked", result)
		}
		if got := tab.Requests()[before:]; !slices.Contains(got, FileURL(filepath.Join(dir, "style.css"))) {
			t.Errorf("requests after the fetch = %q, want style.css", got)
		}
		eventually(t, func() bool { return len(tab.ConsoleErrors()) > 0 })
		if errs := tab.ConsoleErrors(); len(errs) == 0 || !strings.Contains(errs[0], "CORS") {
			t.Errorf("ConsoleErrors() = %q, want the CORS error of the fetch", errs)
		}
	})

	for name, url := range map[string]string{"csp/http": base + "csp.html", "csp/file": FileURL(filepath.Join(dir, "csp.html"))} {
		t.Run(name, func(t *testing.T) {
			tab := b.Open(t, url)
			// The external script runs, and the inline one does not.
			tab.WaitFor(t, `document.body.dataset.ok === "1"`, 5*time.Second)
			var inline bool
			tab.Eval(t, `"inline" in document.body.dataset`, &inline)
			if inline {
				t.Error("the inline script ran despite the Content-Security-Policy")
			}
			eventually(t, func() bool { return len(tab.ConsoleErrors()) > 0 })
			errs := tab.ConsoleErrors()
			if len(errs) != 1 || !strings.Contains(errs[0], "Content Security Policy") || !strings.Contains(errs[0], "inline") {
				t.Errorf("ConsoleErrors() = %q, want one CSP violation of an inline script", errs)
			}
		})
	}

	t.Run("errors", func(t *testing.T) {
		tab := b.Open(t, base+"errors.html")
		eventually(t, func() bool { return len(tab.ConsoleErrors()) >= 3 })
		errs := tab.ConsoleErrors()
		for _, want := range []string{"console.error: bad thing 42", "Uncaught Error: boom", "missing.png"} {
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, want) }) {
				t.Errorf("ConsoleErrors() = %q, want one with %q", errs, want)
			}
		}
		if len(errs) != 3 {
			t.Errorf("ConsoleErrors() = %q, want 3 errors", errs)
		}
		checkRequests(t, tab, []string{base + "errors.html", base + "missing.png"})
	})

	t.Run("favicon", func(t *testing.T) {
		// A page over http:// with no icon link makes Chromium request
		// /favicon.ico by itself, at the root of the server.
		tab := b.Open(t, base+"noicon.html")
		favicon := strings.TrimSuffix(base, "sub/path/") + "favicon.ico"
		eventually(t, func() bool { return len(tab.ConsoleErrors()) > 0 })
		if got := tab.Requests(); !slices.Contains(got, favicon) {
			t.Errorf("Requests() = %q, want %s", got, favicon)
		}
		if errs := tab.ConsoleErrors(); len(errs) != 1 || !strings.Contains(errs[0], "favicon.ico") {
			t.Errorf("ConsoleErrors() = %q, want the 404 of favicon.ico", errs)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		tab := b.Open(t, base+"keys.html")
		active := func() string {
			var id string
			tab.Eval(t, `document.activeElement.id`, &id)
			return id
		}
		tab.Eval(t, `document.querySelector("#one").focus()`, nil)
		tab.PressKey(t, "Tab")
		if got := active(); got != "two" {
			t.Errorf("focus after Tab = %q, want two", got)
		}
		tab.PressKey(t, "Shift+Tab")
		if got := active(); got != "one" {
			t.Errorf("focus after Shift+Tab = %q, want one", got)
		}
		tab.PressKey(t, "ArrowDown")
		tab.PressKey(t, "Escape")
		tab.PressKey(t, "x")
		var keys []string
		tab.Eval(t, `keys`, &keys)
		if want := []string{"Tab", "Tab", "ArrowDown", "Escape", "x"}; !slices.Equal(keys, want) {
			t.Errorf("keydown events = %q, want %q", keys, want)
		}
		tab.Eval(t, `document.querySelector("#link").focus()`, nil)
		tab.PressKey(t, "Enter")
		tab.WaitFor(t, `location.pathname === "/sub/path/second.html"`, 5*time.Second)
	})

	t.Run("screenshot", func(t *testing.T) {
		tab := b.Open(t, base+"second.html", Viewport(600, 400))
		path := filepath.Join(t.TempDir(), "shots", "second.png")
		tab.Screenshot(t, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the screenshot is not a PNG: %v", err)
		}
		// The whole page is taller than the viewport.
		if cfg.Width != 600 || cfg.Height <= 3000 {
			t.Errorf("screenshot is %dx%d, want 600 wide and over 3000 high", cfg.Width, cfg.Height)
		}
	})

	t.Run("failures", func(t *testing.T) {
		tab := b.Open(t, base+"index.html", Timeout(time.Second))
		for _, tt := range []struct {
			name string
			f    func(testing.TB)
			want string
		}{
			{"Eval throws", func(tb testing.TB) { tab.Eval(tb, `null.x`, nil) }, "TypeError"},
			{"Eval undefined", func(tb testing.TB) { var n int; tab.Eval(tb, `undefined`, &n) }, "undefined"},
			{"Eval wrong type", func(tb testing.TB) { var n int; tab.Eval(tb, `"text"`, &n) }, "decoding"},
			{"WaitFor times out", func(tb testing.TB) { tab.WaitFor(tb, `document.querySelector("#nothing")`, 200*time.Millisecond) }, "the last value was null"},
			{"WaitFor throws", func(tb testing.TB) { tab.WaitFor(tb, `noSuchName`, 200*time.Millisecond) }, "ReferenceError"},
			{"Click finds nothing", func(tb testing.TB) { tab.Click(tb, "#no-such-element") }, "no result after 1s"},
			{"PressKey bad name", func(tb testing.TB) { tab.PressKey(tb, "NoSuchKey") }, "unknown key"},
			{"Navigate to a missing file", func(tb testing.TB) { tab.Navigate(tb, FileURL(filepath.Join(dir, "none.html"))) }, "ERR_FILE_NOT_FOUND"},
		} {
			rec := record(t, tt.f)
			if !rec.fatal || !strings.Contains(rec.msg, tt.want) {
				t.Errorf("%s: fatal=%v, message %q; want a fatal failure that mentions %q", tt.name, rec.fatal, rec.msg, tt.want)
			}
		}
		// The tab still works after the failures.
		var ok string
		tab.Eval(t, `"ok"`, &ok)
		if ok != "ok" {
			t.Errorf("Eval after the failures = %q", ok)
		}
	})

	t.Run("closed tab", func(t *testing.T) {
		tab := b.Open(t, base+"index.html")
		tab.Close()
		rec := record(t, func(tb testing.TB) { tab.Eval(tb, `1`, nil) })
		if !rec.fatal || !strings.Contains(rec.msg, "closed") {
			t.Errorf("Eval on a closed tab: fatal=%v, message %q", rec.fatal, rec.msg)
		}
	})
}

// checkColor checks that the stylesheet applies to the page.
func checkColor(t *testing.T, tab *Tab) {
	t.Helper()
	var color string
	tab.Eval(t, `getComputedStyle(document.body).color`, &color)
	if color != "rgb(12, 34, 56)" {
		t.Errorf("body color = %q, want rgb(12, 34, 56) from style.css", color)
	}
}

// checkRequests checks that the tab requested the URLs in want, in that order,
// maybe with other requests between them.
func checkRequests(t *testing.T, tab *Tab, want []string) {
	t.Helper()
	got := tab.Requests()
	i := 0
	for _, u := range got {
		if i < len(want) && u == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("Requests() = %q\nwant, in this order: %q", got, want)
	}
}

// eventually waits up to 5 seconds until cond is true. The browser reports some
// errors after the load event.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
}

func TestKeyEvents(t *testing.T) {
	tests := []struct {
		key  string
		want []input.DispatchKeyEventParams
	}{
		{"Tab", []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeRawKeyDown, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9},
		}},
		{"Shift+Tab", []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: 8, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9},
			{Type: input.DispatchKeyEventTypeKeyUp, Modifiers: 8, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9},
		}},
		{"Enter", []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", Text: "\r", UnmodifiedText: "\r", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13},
		}},
		{"Control+a", []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeRawKeyDown, Modifiers: 2, Key: "a", Code: "KeyA", WindowsVirtualKeyCode: 65, NativeVirtualKeyCode: 65},
			{Type: input.DispatchKeyEventTypeKeyUp, Modifiers: 2, Key: "a", Code: "KeyA", WindowsVirtualKeyCode: 65, NativeVirtualKeyCode: 65},
		}},
	}
	for _, tt := range tests {
		got, err := keyEvents(tt.key)
		if err != nil {
			t.Errorf("keyEvents(%q): %v", tt.key, err)
			continue
		}
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
			t.Errorf("keyEvents(%q) =\n%+v\nwant\n%+v", tt.key, got, tt.want)
		}
	}
	for _, key := range []string{"ArrowDown", "Escape", "Home", "PageDown", "Backspace", " ", "/", "+", "Shift++"} {
		if _, err := keyEvents(key); err != nil {
			t.Errorf("keyEvents(%q): %v", key, err)
		}
	}
	for _, key := range []string{"", "NoSuchKey", "Hyper+a", "Shift+"} {
		if _, err := keyEvents(key); err == nil {
			t.Errorf("keyEvents(%q) gave no error", key)
		}
	}
}

func TestFileURL(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test uses Unix paths")
	}
	for path, want := range map[string]string{
		"/tmp/site/index.html":   "file:///tmp/site/index.html",
		"/tmp/my site/a#b?.html": "file:///tmp/my%20site/a%23b%3F.html",
	} {
		if got := FileURL(path); got != want {
			t.Errorf("FileURL(%q) = %q, want %q", path, got, want)
		}
	}
}

// recorder is a testing.TB that records a call of Skip or Fatal, and ends the
// goroutine as the real ones do. Other calls go to the real test.
type recorder struct {
	testing.TB
	mu      sync.Mutex
	skipped bool
	fatal   bool
	msg     string
}

func (r *recorder) stop(skip bool, msg string) {
	r.mu.Lock()
	r.skipped, r.fatal, r.msg = skip, !skip, msg
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Skip(args ...any)                 { r.stop(true, fmt.Sprint(args...)) }
func (r *recorder) Skipf(format string, args ...any) { r.stop(true, fmt.Sprintf(format, args...)) }
func (r *recorder) SkipNow()                         { r.stop(true, "") }
func (r *recorder) Fatal(args ...any)                { r.stop(false, fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.stop(false, fmt.Sprintf(format, args...))
}
func (r *recorder) FailNow()                          { r.stop(false, "") }
func (r *recorder) Error(args ...any)                 { r.Fatal(args...) }
func (r *recorder) Errorf(format string, args ...any) { r.Fatalf(format, args...) }

// record runs f with a recorder in a goroutine of its own, so that a Skip or a
// Fatal ends that goroutine and not the test, and returns the recorder.
func record(t *testing.T, f func(testing.TB)) *recorder {
	t.Helper()
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(rec)
	}()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec
}
