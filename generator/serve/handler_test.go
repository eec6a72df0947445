package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// builtServer is a server with the default handbook, built once.
func builtServer(t *testing.T, opts Options) (*Server, *output) {
	t.Helper()
	dir := handbook(t, defaultFiles())
	s, _, out := newTestServer(t, dir, opts)
	s.Rebuild(context.Background(), nil)
	return s, out
}

// cssPath returns the URL path of the site's fingerprinted stylesheet.
func cssPath(t *testing.T, s *Server) string {
	t.Helper()
	for name := range s.state.Load().site.Files {
		if strings.HasSuffix(name, ".css") {
			return "/" + name
		}
	}
	t.Fatal("no stylesheet in the site")
	return ""
}

func TestServePaths(t *testing.T) {
	s, _ := builtServer(t, Options{})
	h := s.Handler()
	css := cssPath(t, s)
	tests := []struct {
		target   string
		status   int
		ctype    string
		body     string // contained in the body
		location string
	}{
		{"/", 200, "text/html; charset=utf-8", "Welcome", ""},
		{"/index.html", 200, "text/html; charset=utf-8", "Welcome", ""},
		{"/about/", 200, "text/html; charset=utf-8", "About us", ""},
		{"/about/index.html", 200, "text/html; charset=utf-8", "About us", ""},
		{"/about", 302, "", "", "/about/"},
		{"/about?q=1", 302, "", "", "/about/?q=1"},
		{css, 200, "text/css; charset=utf-8", "color: black", ""},
		{"/logo.svg", 200, "image/svg+xml", "<svg", ""},
		{"/data.json", 200, "application/json", `{"a":1}`, ""},
		{"/_handbook/livereload.js", 200, "text/javascript; charset=utf-8", "EventSource", ""},
		{"/_handbook/overlay.css", 200, "text/css; charset=utf-8", ".handbook-overlay", ""},
		{"/missing/", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"/missing", 404, "text/html; charset=utf-8", "Page not found", ""},
		{"/old.html", 404, "text/html; charset=utf-8", "Page not found", ""},             // public/ is not served
		{"/handbook.yaml", 404, "text/html; charset=utf-8", "Page not found", ""},        // nor the sources
		{"/_handbook/", 404, "text/plain; charset=utf-8", "404 page not found", ""},      // reserved
		{"/_handbook/other", 404, "text/plain; charset=utf-8", "404 page not found", ""}, // reserved
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, h, "GET", tt.target)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.ctype != "" {
				if got := rec.Header().Get("Content-Type"); got != tt.ctype {
					t.Errorf("Content-Type %q, want %q", got, tt.ctype)
				}
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", rec.Body.String(), tt.body)
			}
			if got := rec.Header().Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			for k, want := range map[string]string{
				"Cache-Control":           "no-store",
				"X-Content-Type-Options":  "nosniff",
				"Content-Security-Policy": "default-src 'self'; img-src 'self' data:",
			} {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestPlainNotFound(t *testing.T) {
	dir := handbook(t, defaultFiles())
	s, site, _ := newTestServer(t, dir, Options{})
	site.no404 = true
	s.Rebuild(context.Background(), nil)
	rec := get(t, s.Handler(), "GET", "/missing/")
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "404 page not found") {
		t.Errorf("got %d %q, want a plain 404", rec.Code, rec.Body.String())
	}
}

func TestMethods(t *testing.T) {
	s, _ := builtServer(t, Options{})
	h := s.Handler()
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"} {
		rec := get(t, h, m, "/")
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, rec.Code)
		}
		if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow %q, want %q", m, got, "GET, HEAD")
		}
	}
	full := get(t, h, "GET", "/about/")
	head := get(t, h, "HEAD", "/about/")
	if head.Code != 200 || head.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes, want 200 and no body", head.Code, head.Body.Len())
	}
	if got, want := head.Header().Get("Content-Length"), fmt.Sprint(full.Body.Len()); got != want {
		t.Errorf("HEAD Content-Length %s, want %s (that of GET)", got, want)
	}
}

func TestTraversal(t *testing.T) {
	s, _ := builtServer(t, Options{})
	h := s.Handler()
	for _, target := range []string{
		"/../handbook.yaml",
		"/../../../../etc/passwd",
		"/about/../../handbook.yaml",
		"/%2e%2e/handbook.yaml",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/..%2fhandbook.yaml",
		"/about%2f..%2f..%2fhandbook.yaml",
		"/about%2findex.html",
		"//etc/passwd",
		"///etc/passwd",
		`/a\..\b`,
		`/..\handbook.yaml`,
		"/about%5c..%5cindex.html",
		"/about/index.html%00.css",
		"/./index.html",
		"/about/./index.html",
		"/about//index.html",
		"/C:/Windows/win.ini",
	} {
		t.Run(target, func(t *testing.T) {
			req := httptest.NewRequest("GET", target, nil)
			req.Host = "localhost"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusNotFound {
				t.Errorf("status %d, want 404", rec.Code)
			}
			if strings.Contains(rec.Body.String(), "title:") || strings.Contains(rec.Body.String(), "root:") {
				t.Errorf("served a file from outside the site: %q", rec.Body.String())
			}
		})
	}

	// Over a real connection too, where nothing cleans the path first.
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, target := range []string{"/../handbook.yaml", "/%2e%2e/handbook.yaml", "/..%2fhandbook.yaml", "//etc/passwd"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("raw GET %s: status %d, want 404", target, resp.StatusCode)
		}
	}
}

func TestSymlinkOnDiskIsNotServed(t *testing.T) {
	dir := handbook(t, defaultFiles())
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "content", "secret.txt")); err != nil {
		t.Skip("symlinks:", err)
	}
	s, _, _ := newTestServer(t, dir, Options{})
	s.Rebuild(context.Background(), nil)
	for _, target := range []string{"/secret.txt", "/content/secret.txt"} {
		if rec := get(t, s.Handler(), "GET", target); rec.Code != 404 || strings.Contains(rec.Body.String(), "top secret") {
			t.Errorf("%s: %d %q, want 404", target, rec.Code, rec.Body.String())
		}
	}
}

func TestHostGuard(t *testing.T) {
	s, _ := builtServer(t, Options{})
	h := s.Handler()
	for _, host := range []string{
		"localhost", "localhost:1313", "LOCALHOST:1313", "127.0.0.1", "127.0.0.1:1313", "[::1]", "[::1]:1313",
	} {
		if rec := get(t, h, "GET", "/", host); rec.Code != 200 {
			t.Errorf("Host %q: status %d, want 200", host, rec.Code)
		}
	}
	for _, host := range []string{
		"", "evil.example", "evil.example:1313", "localhost.evil.example", "127.0.0.1.nip.io:1313",
		"0.0.0.0:1313", "192.168.1.20:1313", "[::1]:x", "localhost:", "::1", "[::2]:1313", "127.0.0.2:1313",
	} {
		rec := get(t, h, "GET", "/", host)
		if rec.Code != http.StatusForbidden {
			t.Errorf("Host %q: status %d, want 403", host, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "Welcome") {
			t.Errorf("Host %q: the page was served", host)
		}
	}
	// The event stream is guarded too.
	if rec := get(t, h, "GET", "/_handbook/events", "evil.example"); rec.Code != http.StatusForbidden {
		t.Errorf("events with a bad Host: status %d, want 403", rec.Code)
	}

	// Bound to every interface on purpose, any name will do.
	open, _ := builtServer(t, Options{Bind: "0.0.0.0"})
	if rec := get(t, open.Handler(), "GET", "/", "192.168.1.20:1313"); rec.Code != 200 {
		t.Errorf("bound to 0.0.0.0: status %d, want 200", rec.Code)
	}
}

func TestLoopback(t *testing.T) {
	for bind, want := range map[string]bool{
		"127.0.0.1": true, "127.0.0.2": true, "::1": true, "[::1]": true, "localhost": true,
		"0.0.0.0": false, "::": false, "192.168.1.20": false,
	} {
		if got := loopback(bind); got != want {
			t.Errorf("loopback(%q) = %v, want %v", bind, got, want)
		}
	}
}

func TestScriptInjection(t *testing.T) {
	s, _ := builtServer(t, Options{})
	h := s.Handler()
	for _, target := range []string{"/", "/about/", "/missing/"} {
		body := get(t, h, "GET", target).Body.String()
		if n := strings.Count(body, scriptElement); n != 1 {
			t.Errorf("%s: %d live-reload scripts, want 1:\n%s", target, n, body)
		}
		if !strings.Contains(body, scriptElement+"</body>") {
			t.Errorf("%s: the script is not right before </body>:\n%s", target, body)
		}
		if strings.Contains(body, "handbook-overlay") {
			t.Errorf("%s: overlay on a good build:\n%s", target, body)
		}
	}
	for _, target := range []string{cssPath(t, s), "/logo.svg", "/data.json", "/_handbook/livereload.js"} {
		if body := get(t, h, "GET", target).Body.String(); strings.Contains(body, "livereload.js\"") {
			t.Errorf("%s: script injected into a file that is not HTML", target)
		}
	}
	// The site itself, as `handbook build` would write it, has no script.
	for name, data := range s.state.Load().site.Files {
		if strings.Contains(string(data), "_handbook") {
			t.Errorf("%s in the snapshot mentions _handbook", name)
		}
	}
}

func TestInject(t *testing.T) {
	const o = "<OVERLAY>"
	tests := []struct {
		name, page, overlay, want string
	}{
		{"plain", "<html><body><p>x</p></body></html>", "", "<html><body><p>x</p>" + scriptElement + "</body></html>"},
		{"overlay", "<html><body><p>x</p></body></html>", o, "<html><body>" + o + "<p>x</p>" + scriptElement + "</body></html>"},
		{"attributes", `<html><body class="a>b" id=x><p>x</p></body></html>`, o, `<html><body class="a>b" id=x>` + o + "<p>x</p>" + scriptElement + "</body></html>"},
		{"upper case", "<HTML><BODY>x</BODY></HTML>", o, "<HTML><BODY>" + o + "x" + scriptElement + "</BODY></HTML>"},
		{"not body", "<html><bodyguard>x</bodyguard><body>y</body></html>", o, "<html><bodyguard>x</bodyguard><body>" + o + "y" + scriptElement + "</body></html>"},
		{"last body end", "<body><pre>&lt;/body></pre>x</body>", "", "<body><pre>&lt;/body></pre>x" + scriptElement + "</body>"},
		{"no body", "<p>x</p>", o, "<p>x</p>" + o + scriptElement},
		{"empty", "", "", scriptElement},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(inject([]byte(tt.page), []byte(tt.overlay))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"a.html":          "text/html; charset=utf-8",
		"a.HTM":           "text/html; charset=utf-8",
		"a.css":           "text/css; charset=utf-8",
		"a.js":            "text/javascript; charset=utf-8",
		"a.json":          "application/json",
		"a.svg":           "image/svg+xml",
		"a.woff2":         "font/woff2",
		"a.png":           "image/png",
		"a.pdf":           "application/pdf",
		"a.webmanifest":   "application/manifest+json",
		"LICENSE":         "text/plain; charset=utf-8",
		"page-without-ex": "text/plain; charset=utf-8", // sniffed HTML is not served as HTML
	} {
		data := []byte("some text")
		if name == "page-without-ex" {
			data = []byte("<html><body>x</body></html>")
		}
		if got := contentType(name, data); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestErrorOverlay(t *testing.T) {
	dir := handbook(t, defaultFiles())
	s, _, out := newTestServer(t, dir, Options{})
	ctx := context.Background()
	s.Rebuild(ctx, nil)
	h := s.Handler()
	css := cssPath(t, s)

	writeFile(t, dir, "content/about.md", "ERROR <script>alert(1)</script> & more")
	s.Rebuild(ctx, []string{"content/about.md"})

	for _, target := range []string{"/", "/about/", "/missing/"} {
		body := get(t, h, "GET", target).Body.String()
		i := strings.Index(body, `<body class="page">`+`<link rel="stylesheet" href="/_handbook/overlay.css"><div id="handbook-overlay"`)
		if target == "/missing/" {
			i = strings.Index(body, `<body><link rel="stylesheet" href="/_handbook/overlay.css"><div id="handbook-overlay"`)
		}
		if i < 0 {
			t.Fatalf("%s: no overlay right after <body>:\n%s", target, body)
		}
		for _, want := range []string{
			`role="alertdialog"`,
			`aria-labelledby="handbook-overlay-title"`,
			`<h2 id="handbook-overlay-title">The handbook could not be rebuilt</h2>`,
			`<li><code>content/about.md:1:1: ERROR &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</code></li>`,
			scriptElement + "</body>",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %s in\n%s", target, want, body)
			}
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: the message was not escaped:\n%s", target, body)
		}
		if strings.Contains(body, " style=") || strings.Contains(body, "<style") {
			t.Errorf("%s: inline style in the overlay", target)
		}
	}
	// The last good version is still served underneath.
	if body := get(t, h, "GET", "/about/").Body.String(); !strings.Contains(body, "About us") {
		t.Errorf("the last good page is not served: %s", body)
	}
	// Files that are not HTML are left alone.
	if body := get(t, h, "GET", css).Body.String(); strings.Contains(body, "overlay") {
		t.Errorf("overlay in the stylesheet")
	}
	// The terminal shows each problem once per build, not once per request.
	if n := strings.Count(out.stderr.String(), "content/about.md:1:1: ERROR"); n != 1 {
		t.Errorf("the problem was printed %d times, want 1:\n%s", n, out.stderr.String())
	}
	if !strings.Contains(out.stdout.String(), "Rebuilt 1 changed file in") || !strings.Contains(out.stdout.String(), "1 error") {
		t.Errorf("no summary of the failed build in\n%s", out.stdout.String())
	}

	// Fixed: the overlay goes.
	writeFile(t, dir, "content/about.md", "About us, fixed")
	s.Rebuild(ctx, []string{"content/about.md"})
	body := get(t, h, "GET", "/about/").Body.String()
	if strings.Contains(body, "handbook-overlay") || !strings.Contains(body, "About us, fixed") {
		t.Errorf("after the fix:\n%s", body)
	}
}

func TestWarningsHaveNoOverlay(t *testing.T) {
	dir := handbook(t, defaultFiles())
	s, _, out := newTestServer(t, dir, Options{})
	writeFile(t, dir, "content/about.md", "WARN check this")
	s.Rebuild(context.Background(), nil)
	body := get(t, s.Handler(), "GET", "/about/").Body.String()
	if strings.Contains(body, "handbook-overlay") || !strings.Contains(body, "WARN check this") {
		t.Errorf("a warning changed the page:\n%s", body)
	}
	if !strings.Contains(out.stderr.String(), "content/about.md:1:1: warning: WARN check this") {
		t.Errorf("the warning was not printed:\n%s", out.stderr.String())
	}
}

func TestFirstBuildFails(t *testing.T) {
	files := defaultFiles()
	files["content/about.md"] = "ERROR <b>bold</b>"
	dir := handbook(t, files)
	s, _, out := newTestServer(t, dir, Options{})
	s.Rebuild(context.Background(), nil)
	h := s.Handler()
	for _, target := range []string{"/", "/about/", "/anything/else"} {
		rec := get(t, h, "GET", target)
		body := rec.Body.String()
		if rec.Code != http.StatusInternalServerError {
			t.Errorf("%s: status %d, want 500", target, rec.Code)
		}
		for _, want := range []string{
			"<h1>The handbook could not be built</h1>",
			"content/about.md:1:1: ERROR &lt;b&gt;bold&lt;/b&gt;",
			`<div id="handbook-overlay"`,
			scriptElement,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %s in\n%s", target, want, body)
			}
		}
	}
	if !strings.Contains(out.stdout.String(), "nothing to show until they are fixed") {
		t.Errorf("stdout:\n%s", out.stdout.String())
	}

	// A build that fails as a whole is an error too.
	failing, _, _ := newTestServer(t, dir, Options{Build: func(context.Context, []string) (*Snapshot, error) {
		return nil, fmt.Errorf("read %s: permission denied", "handbook.yaml")
	}})
	failing.Rebuild(context.Background(), nil)
	if body := get(t, failing.Handler(), "GET", "/").Body.String(); !strings.Contains(body, "read handbook.yaml: permission denied") {
		t.Errorf("a failed build is not shown:\n%s", body)
	}
}

func TestSitePath(t *testing.T) {
	for target, want := range map[string]string{
		"/":                 "",
		"/about/":           "about/",
		"/a%20b/":           "a b/",
		"/assets/x.css":     "assets/x.css",
		"/%E2%9C%93/":       "✓/",
		"/_handbook/events": "_handbook/events",
	} {
		req := httptest.NewRequest("GET", target, nil)
		got, ok := sitePath(req.URL)
		if !ok || got != want {
			t.Errorf("sitePath(%q) = %q, %v; want %q, true", target, got, ok, want)
		}
	}
}
