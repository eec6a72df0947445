package serve

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// wait is how long a test waits for something that should happen: generous,
// because it only matters when the test is failing.
const wait = 10 * time.Second

// fakeSite builds a tiny site from the files in dir, as a BuildFunc:
//
//   - content/x.md becomes x/index.html (content/index.md: index.html),
//     holding the file's text in <html><body>…</body></html>;
//   - a content file containing ERROR is an error at content/x.md:1:1 whose
//     message is the file's text; WARN makes a warning;
//   - theme/style.css becomes assets/style.<hash>.css, linked from every page;
//   - static/ is copied as is, and there is always a 404.html.
type fakeSite struct {
	dir    string
	builds atomic.Int32
	no404  bool
}

func (f *fakeSite) build(ctx context.Context, changed []string) (*Snapshot, error) {
	f.builds.Add(1)
	snap := &Snapshot{Files: map[string][]byte{}, Pages: map[string]string{}, Title: "Test handbook"}
	link := ""
	if css, err := os.ReadFile(filepath.Join(f.dir, "theme", "style.css")); err == nil {
		sum := sha256.Sum256(css)
		name := "assets/style." + hex.EncodeToString(sum[:4]) + ".css"
		snap.Files[name] = css
		link = `<link rel="stylesheet" href="/` + name + `">`
	}
	var errs []*diag.Diagnostic
	content := filepath.Join(f.dir, "content")
	_ = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || ignoredName(d.Name()) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil // deleted while walking
		}
		rel, _ := filepath.Rel(f.dir, p)
		rel = filepath.ToSlash(rel)
		text := strings.TrimSpace(string(data))
		switch {
		case strings.Contains(text, "ERROR"):
			errs = append(errs, diag.Errorf(rel, 1, 1, "%s", text))
		case strings.Contains(text, "WARN"):
			snap.Problems = append(snap.Problems, diag.Warningf(rel, 1, 1, "%s", text))
		}
		url := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md") + "/"
		out := url + "index.html"
		if url == "index/" {
			url, out = "", "index.html"
		}
		snap.Pages[rel] = url
		snap.Files[out] = []byte("<!DOCTYPE html>\n<html><head><title>" + html.EscapeString(url) + "</title>" + link +
			"</head><body class=\"page\">\n<main>" + html.EscapeString(text) + "</main>\n</body></html>\n")
		return nil
	})
	_ = filepath.WalkDir(filepath.Join(f.dir, "static"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			rel, _ := filepath.Rel(filepath.Join(f.dir, "static"), p)
			snap.Files[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	if !f.no404 {
		snap.Files["404.html"] = []byte("<!DOCTYPE html>\n<html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>\n")
	}
	if len(errs) > 0 {
		return &Snapshot{Problems: append(errs, snap.Problems...)}, nil
	}
	return snap, nil
}

// handbook writes files (slash path → content) into a new temporary
// handbook folder and returns it.
func handbook(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		writeFile(t, dir, name, content)
	}
	return dir
}

func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// defaultFiles is a handbook with a home page, one page and a stylesheet.
func defaultFiles() map[string]string {
	return map[string]string{
		"handbook.yaml":    "title: Test handbook\n",
		"content/index.md": "Welcome",
		"content/about.md": "About us",
		"theme/style.css":  "body { color: black }",
		"static/logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"static/data.json": `{"a":1}`,
		"public/old.html":  "left over from handbook build",
	}
}

// newTestServer returns a Server for dir built by a fakeSite, closed at the
// end of the test. opts fills in the rest; Build, Dir, Stdout and Stderr are
// set when empty.
func newTestServer(t testing.TB, dir string, opts Options) (*Server, *fakeSite, *output) {
	t.Helper()
	site := &fakeSite{dir: dir}
	out := &output{}
	if opts.Dir == "" {
		opts.Dir = dir
	}
	if opts.Build == nil {
		opts.Build = site.build
	}
	if opts.Stdout == nil {
		opts.Stdout = &out.stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = &out.stderr
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, site, out
}

// output is what a server printed.
type output struct {
	stdout, stderr syncBuffer
}

// syncBuffer is a bytes.Buffer that goroutines may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// get sends a request straight to h, with a good Host header unless host is
// given.
func get(t testing.TB, h http.Handler, method, target string, host ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://localhost"+target, nil)
	req.Host = "localhost:1313"
	if len(host) > 0 {
		req.Host = host[0]
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// rebuilds records the changed lists that OnRebuild reports.
type rebuilds chan []string

func newRebuilds() rebuilds { return make(rebuilds, 1000) }

func (r rebuilds) hook(changed []string) { r <- slices.Clone(changed) }

// next waits for the next rebuild.
func (r rebuilds) next(t testing.TB) []string {
	t.Helper()
	select {
	case c := <-r:
		return c
	case <-time.After(wait):
		t.Fatal("no rebuild")
		return nil
	}
}

// until waits until every path in want has been in the changed list of a
// rebuild (one or several), and fails if a rebuild on the way changed a path
// that is neither wanted nor allowed.
func (r rebuilds) until(t testing.TB, want []string, allowed ...string) {
	t.Helper()
	missing := slices.Clone(want)
	for len(missing) > 0 {
		c := r.next(t)
		for _, p := range c {
			if !slices.Contains(want, p) && !slices.Contains(allowed, p) {
				t.Fatalf("rebuild with %q: %q should not have caused a rebuild", c, p)
			}
			missing = slices.DeleteFunc(missing, func(m string) bool { return m == p })
		}
	}
}

// fakeClock is a Clock that only moves when told to.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
	calls  int
	called chan struct{} // a value for every After
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), called: make(chan struct{}, 100000)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	c.calls++
	c.called <- struct{}{}
	return ch
}

// Advance moves the clock on by d and fires the timers that are due. It
// returns how many fired.
func (c *fakeClock) Advance(d time.Duration) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	fired := 0
	kept := c.timers[:0]
	for _, tm := range c.timers {
		if tm.at.After(c.now) {
			kept = append(kept, tm)
			continue
		}
		tm.ch <- c.now
		fired++
	}
	c.timers = kept
	return fired
}

// waitAfter waits until After has been called n more times.
func (c *fakeClock) waitAfter(t testing.TB, n int) {
	t.Helper()
	for range n {
		select {
		case <-c.called:
		case <-time.After(wait):
			t.Fatal("the clock was not asked for a timer")
		}
	}
}

// sse reads an event stream in the background.
type sse struct {
	resp   *http.Response
	events chan sseEvent
}

type sseEvent struct {
	name string // "" for a comment
	data string
}

func (e sseEvent) decode(t testing.TB) eventData {
	t.Helper()
	var d eventData
	if err := json.Unmarshal([]byte(e.data), &d); err != nil {
		t.Fatalf("event %s: %v", e.name, err)
	}
	return d
}

// openEvents connects to an event stream and waits for its hello.
func openEvents(t testing.TB, client *http.Client, url string) *sse {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type %q", ct)
	}
	s := &sse{resp: resp, events: make(chan sseEvent, 100)}
	go func() {
		defer close(s.events)
		r := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, ":"):
				s.events <- sseEvent{data: line}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	s.next(t, "hello")
	return s
}

// next waits for the next event called name, skipping others.
func (s *sse) next(t testing.TB, name string) sseEvent {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("the stream ended before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

// eventually waits until cond holds, checking often; it is for state the
// test cannot be told about, such as a stream having subscribed.
func eventually(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}
