package serve

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/browsertest"
)

// TestLiveReloadInBrowser runs livereload.js in headless Chromium, under the
// server's Content-Security-Policy: reload keeping the scroll position,
// stylesheet swap without a reload, the error overlay and its removal,
// navigating to the edited page, and reconnecting to a restarted server.
func TestLiveReloadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	b := browsertest.New(t)
	files := defaultFiles()
	files["theme/style.css"] = "main { display: block; min-height: 5000px }"
	files["static/favicon.ico"] = "icon" // or the browser's request for it is a console error
	dir := handbook(t, files)
	s, _, _ := startServer(t, dir, Options{Navigate: true})
	connected := `document.documentElement.dataset.handbookLive === "connected"`

	tab := b.Open(t, s.URL()+"about/")
	tab.WaitFor(t, connected, wait)

	// An edit reloads the page at the same scroll position.
	var y float64
	tab.Eval(t, `window.scrollTo(0, 1234); window.marker = 1; window.scrollY`, &y)
	if y != 1234 {
		t.Fatalf("could not scroll: scrollY = %v", y)
	}
	writeFile(t, dir, "content/about.md", "About us, edited")
	tab.WaitFor(t, `window.marker === undefined && document.querySelector("main").textContent === "About us, edited"`, wait)
	tab.WaitFor(t, `window.scrollY === 1234`, wait)
	tab.WaitFor(t, connected, wait)

	// A stylesheet edit swaps the stylesheet without reloading.
	tab.Eval(t, `window.marker = 2`, nil)
	writeFile(t, dir, "theme/style.css", "main { display: block; min-height: 5000px } body { color: rgb(1, 2, 3) }")
	tab.WaitFor(t, `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`, wait)
	tab.WaitFor(t, `document.querySelectorAll('link[rel="stylesheet"]').length === 1`, wait)
	var marker int
	tab.Eval(t, `window.marker`, &marker)
	if marker != 2 {
		t.Error("the page reloaded for a stylesheet change")
	}

	// A failed build shows the overlay at once, with the message as text.
	writeFile(t, dir, "content/about.md", "ERROR <img src=x id=injected>")
	tab.WaitFor(t, `document.getElementById("handbook-overlay") !== null`, wait)
	checkOverlay := func() {
		t.Helper()
		var got struct {
			Role, Title, Text, Position string
			Injected, Focused           bool
		}
		tab.Eval(t, `(() => {
			const o = document.getElementById("handbook-overlay");
			return {
				role: o.getAttribute("role"),
				title: document.getElementById(o.getAttribute("aria-labelledby")).textContent,
				text: o.querySelector("li").textContent,
				position: getComputedStyle(o).position,
				injected: document.getElementById("injected") !== null,
				focused: document.activeElement === o,
			};
		})()`, &got)
		if got.Role != "alertdialog" || got.Title != "The handbook could not be rebuilt" ||
			got.Text != "content/about.md:1:1: ERROR <img src=x id=injected>" || got.Injected {
			t.Errorf("overlay %+v", got)
		}
		if got.Position != "fixed" {
			t.Errorf("overlay.css did not apply: position %q", got.Position)
		}
		if !got.Focused {
			t.Error("the overlay does not have the focus")
		}
	}
	checkOverlay()
	tab.Eval(t, `window.marker`, &marker)
	if marker != 2 {
		t.Error("the page reloaded for a failed build")
	}
	// A page loaded now has the overlay from the server.
	tab.Reload(t)
	tab.WaitFor(t, connected, wait)
	checkOverlay()
	// Hide closes it.
	tab.Click(t, ".handbook-overlay-hide")
	tab.WaitFor(t, `document.getElementById("handbook-overlay") === null`, wait)

	// The fix reloads the page, without the overlay.
	tab.Eval(t, `window.marker = 3`, nil)
	writeFile(t, dir, "content/about.md", "About us, fixed")
	tab.WaitFor(t, `window.marker === undefined && document.querySelector("main").textContent === "About us, fixed"`, wait)
	tab.WaitFor(t, `document.getElementById("handbook-overlay") === null`, wait)

	// Editing another page goes to it.
	tab.WaitFor(t, connected, wait)
	writeFile(t, dir, "content/index.md", "Welcome, edited")
	tab.WaitFor(t, `location.pathname === "/" && document.querySelector("main").textContent === "Welcome, edited"`, wait)

	if errs := tab.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors (a Content-Security-Policy violation?): %q", errs)
	}

	// The server restarts on the same port: the page reconnects and
	// reloads once.
	tab.WaitFor(t, connected, wait)
	tab.Eval(t, `window.marker = 4`, nil)
	port := s.Addr().(*net.TCPAddr).Port
	s.Close()
	tab.WaitFor(t, `document.documentElement.dataset.handbookLive === "lost"`, wait)
	writeFile(t, dir, "content/index.md", "Welcome, after a restart")
	again, _, _ := newTestServer(t, dir, Options{Port: port})
	if err := again.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := again.Addr().(*net.TCPAddr).Port; got != port {
		t.Skipf("the port was taken in the meantime (%d, not %d)", got, port)
	}
	tab.WaitFor(t, `window.marker === undefined && document.querySelector("main").textContent === "Welcome, after a restart"`, wait)
	tab.WaitFor(t, connected, wait)
	// While the server was down, the event stream failed to reconnect, and
	// so may any request the page made then, such as the /favicon.ico that
	// Chromium asks for by itself some time after a load. Those are expected.
	for _, e := range tab.ConsoleErrors() {
		if !strings.Contains(e, "/_handbook/events") && !strings.Contains(e, "ERR_CONNECTION_REFUSED") {
			t.Errorf("console error: %s", e)
		}
	}
}
