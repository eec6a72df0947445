package serve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func TestIsInput(t *testing.T) {
	for rel, want := range map[string]bool{
		"handbook.yaml":                true,
		"glossary.yaml":                true,
		"content":                      true,
		"content/about.md":             true,
		"content/guide/_index.md":      true,
		"theme/layouts/page.html":      true,
		"static/logo.svg":              true,
		"public/index.html":            false,
		"public":                       false,
		"README.md":                    false,
		"notes.txt":                    false,
		".git/HEAD":                    false,
		"contents/about.md":            false,
		"content/.about.md.swp":        false,
		"content/.hidden/about.md":     false,
		"content/about.md~":            false,
		"content/~about.md":            false,
		"content/#about.md#":           false,
		"content/4913":                 false,
		"content/about.md.tmp":         false,
		"content/about.md.swx":         false,
		"content/about.md___jb_tmp___": false,
		"content/#":                    true, // a file called "#" is odd, not an autosave
		"static/handbook.yaml":         true,
		"content/handbook.yaml":        true,
		"glossary.yaml/x":              false,
	} {
		if got := isInput(rel); got != want {
			t.Errorf("isInput(%q) = %v, want %v", rel, got, want)
		}
	}
}

// fakeWatcher is an fsWatcher whose events the test sends.
type fakeWatcher struct {
	mu      sync.Mutex
	added   []string
	removed []string
	addErr  func(name string) error
	closed  int
	events  chan fsnotify.Event
	errors  chan error
}

func newFakeWatcher() *fakeWatcher {
	return &fakeWatcher{events: make(chan fsnotify.Event), errors: make(chan error)}
}

func (w *fakeWatcher) Add(name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.addErr != nil {
		if err := w.addErr(name); err != nil {
			return err
		}
	}
	w.added = append(w.added, name)
	return nil
}

func (w *fakeWatcher) Remove(name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.removed = append(w.removed, name)
	return nil
}

func (w *fakeWatcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed++
	return nil
}

func (w *fakeWatcher) Events() <-chan fsnotify.Event { return w.events }
func (w *fakeWatcher) Errors() <-chan error          { return w.errors }

// rels makes absolute paths under dir relative and sorted, for messages.
func rels(dir string, abs []string) []string {
	var out []string
	for _, a := range abs {
		r, _ := filepath.Rel(dir, a)
		out = append(out, filepath.ToSlash(r))
	}
	slices.Sort(out)
	return out
}

func TestNotifierWatchesEveryInputFolder(t *testing.T) {
	files := defaultFiles()
	files["content/guide/sub/page.md"] = "x"
	files["content/.git/HEAD"] = "x"
	files["notes/a.md"] = "x"
	dir := handbook(t, files)
	w := newFakeWatcher()
	n, err := startNotifier(dir, func() (fsWatcher, error) { return w, nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".", "content", "content/guide", "content/guide/sub", "static", "theme"}
	if got := rels(dir, w.added); !slices.Equal(got, want) {
		t.Errorf("watched %q, want %q", got, want)
	}

	// Removing a folder forgets it and the folders under it.
	n.forget(filepath.Join(dir, "content", "guide"))
	if got := rels(dir, w.removed); !slices.Equal(got, []string{"content/guide", "content/guide/sub"}) {
		t.Errorf("removed %q", got)
	}
	if len(n.watched) != 4 {
		t.Errorf("still watching %d folders, want 4", len(n.watched))
	}
}

func TestNotifierHandle(t *testing.T) {
	dir := handbook(t, defaultFiles())
	writeFile(t, dir, "content/new/a.md", "a")
	writeFile(t, dir, "content/new/deeper/b.md", "b")
	writeFile(t, dir, "content/new/.c.md.swp", "swap")
	w := newFakeWatcher()
	n, err := startNotifier(dir, func() (fsWatcher, error) { return w, nil })
	if err != nil {
		t.Fatal(err)
	}
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	tests := []struct {
		name string
		ev   fsnotify.Event
		want []string
	}{
		{"write", fsnotify.Event{Name: abs("content/about.md"), Op: fsnotify.Write}, []string{"content/about.md"}},
		{"create", fsnotify.Event{Name: abs("content/about.md"), Op: fsnotify.Create}, []string{"content/about.md"}},
		{"remove", fsnotify.Event{Name: abs("content/gone.md"), Op: fsnotify.Remove}, []string{"content/gone.md"}},
		{"rename away", fsnotify.Event{Name: abs("content/gone.md"), Op: fsnotify.Rename}, []string{"content/gone.md"}},
		{"created and gone", fsnotify.Event{Name: abs("content/brief.md"), Op: fsnotify.Create}, []string{"content/brief.md"}},
		{"chmod only", fsnotify.Event{Name: abs("content/about.md"), Op: fsnotify.Chmod}, nil},
		{"write and chmod", fsnotify.Event{Name: abs("content/about.md"), Op: fsnotify.Write | fsnotify.Chmod}, []string{"content/about.md"}},
		{"swap file", fsnotify.Event{Name: abs("content/.about.md.swp"), Op: fsnotify.Write}, nil},
		{"vim probe", fsnotify.Event{Name: abs("content/4913"), Op: fsnotify.Create}, nil},
		{"backup", fsnotify.Event{Name: abs("content/about.md~"), Op: fsnotify.Rename}, nil},
		{"emacs", fsnotify.Event{Name: abs("content/#about.md#"), Op: fsnotify.Write}, nil},
		{"temp", fsnotify.Event{Name: abs("content/about.md.tmp"), Op: fsnotify.Rename}, nil},
		{"public", fsnotify.Event{Name: abs("public/index.html"), Op: fsnotify.Write}, nil},
		{"not an input", fsnotify.Event{Name: abs("notes.txt"), Op: fsnotify.Write}, nil},
		{"config", fsnotify.Event{Name: abs("handbook.yaml"), Op: fsnotify.Write}, []string{"handbook.yaml"}},
		{"folder written", fsnotify.Event{Name: abs("content"), Op: fsnotify.Write}, nil},
		{"new folder with files", fsnotify.Event{Name: abs("content/new"), Op: fsnotify.Create}, []string{"content/new/a.md", "content/new/deeper/b.md"}},
		{"outside", fsnotify.Event{Name: filepath.Join(filepath.Dir(dir), "elsewhere.md"), Op: fsnotify.Write}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if err := n.handle(tt.ev, func(rel string) { got = append(got, rel) }); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%v: reported %q, want %q", tt.ev, got, tt.want)
			}
		})
	}
	if !n.watched[abs("content/new")] || !n.watched[abs("content/new/deeper")] {
		t.Errorf("the new folders are not watched: %q", rels(dir, w.added))
	}
}

// startServer starts a server on any free port with a short debounce,
// and waits for its first build.
func startServer(t *testing.T, dir string, opts Options, setup ...func(*Server)) (*Server, *output, rebuilds) {
	t.Helper()
	rb := newRebuilds()
	opts.Port = -1
	opts.OnRebuild = rb.hook
	if opts.Debounce == 0 {
		opts.Debounce = 10 * time.Millisecond
	}
	s, _, out := newTestServer(t, dir, opts)
	for _, f := range setup {
		f(s)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := rb.next(t); got != nil {
		t.Fatalf("first build: changed = %q, want nil", got)
	}
	return s, out, rb
}

// page returns the body of a page of s, or "404".
func page(t *testing.T, s *Server, target string) string {
	t.Helper()
	rec := get(t, s.Handler(), "GET", target)
	if rec.Code == 404 {
		return "404"
	}
	return rec.Body.String()
}

func TestWatchEditorSaves(t *testing.T) {
	files := defaultFiles()
	delete(files, "theme/style.css") // theme/ comes later
	dir := handbook(t, files)
	s, _, rb := startServer(t, dir, Options{})
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	step := 0
	// sentinel makes a real change and waits for its rebuild: anything
	// written before it that should have been ignored would show up in a
	// rebuild on the way.
	sentinel := func() {
		t.Helper()
		step++
		name := fmt.Sprintf("content/sentinel%d.md", step)
		writeFile(t, dir, name, name)
		rb.until(t, []string{name})
	}

	t.Run("scratch files, chmod and public are ignored", func(t *testing.T) {
		for _, name := range []string{
			"content/.about.md.swp", "content/about.md~", "content/~about.md", "content/#about.md#",
			"content/4913", "content/about.md.tmp", "content/.hidden/page.md",
			"public/index.html", "notes.txt", "content/about.md___jb_tmp___",
		} {
			writeFile(t, dir, name, "scratch")
		}
		if err := os.Remove(path("content/4913")); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path("content/about.md"), 0o600); err != nil {
			t.Fatal(err)
		}
		sentinel()
	})

	t.Run("write to a temporary file, rename over", func(t *testing.T) {
		writeFile(t, dir, "content/.about.md.tmp", "Saved by renaming")
		if err := os.Rename(path("content/.about.md.tmp"), path("content/about.md")); err != nil {
			t.Fatal(err)
		}
		rb.until(t, []string{"content/about.md"})
		if got := page(t, s, "/about/"); !strings.Contains(got, "Saved by renaming") {
			t.Errorf("/about/ = %q", got)
		}
	})

	t.Run("vim: backup by renaming, write a new file", func(t *testing.T) {
		if err := os.Rename(path("content/about.md"), path("content/about.md~")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "content/about.md", "Saved by vim")
		if err := os.Remove(path("content/about.md~")); err != nil {
			t.Fatal(err)
		}
		rb.until(t, []string{"content/about.md"})
		if got := page(t, s, "/about/"); !strings.Contains(got, "Saved by vim") {
			t.Errorf("/about/ = %q", got)
		}
	})

	t.Run("delete and create", func(t *testing.T) {
		if err := os.Remove(path("content/about.md")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "content/about.md", "Recreated")
		rb.until(t, []string{"content/about.md"})
		if got := page(t, s, "/about/"); !strings.Contains(got, "Recreated") {
			t.Errorf("/about/ = %q", got)
		}
	})

	t.Run("new folder with files in it", func(t *testing.T) {
		ready := filepath.Join(t.TempDir(), "guide")
		writeFile(t, ready, "a.md", "Guide A")
		writeFile(t, ready, "sub/b.md", "Guide B")
		if err := os.Rename(ready, path("content/guide")); err != nil {
			t.Skip("cannot move a folder in from the temporary folder:", err)
		}
		rb.until(t, []string{"content/guide/a.md", "content/guide/sub/b.md"})
		// The new folders are watched.
		writeFile(t, dir, "content/guide/sub/c.md", "Guide C")
		rb.until(t, []string{"content/guide/sub/c.md"})
		if got := page(t, s, "/guide/sub/c/"); !strings.Contains(got, "Guide C") {
			t.Errorf("/guide/sub/c/ = %q", got)
		}
	})

	t.Run("folder renamed", func(t *testing.T) {
		if err := os.Rename(path("content/guide"), path("content/manual")); err != nil {
			t.Fatal(err)
		}
		rb.until(t, []string{"content/guide", "content/manual/a.md", "content/manual/sub/b.md", "content/manual/sub/c.md"})
		writeFile(t, dir, "content/manual/sub/d.md", "Manual D")
		rb.until(t, []string{"content/manual/sub/d.md"})
		if got := page(t, s, "/manual/sub/d/"); !strings.Contains(got, "Manual D") {
			t.Errorf("/manual/sub/d/ = %q", got)
		}
	})

	t.Run("input folder created later", func(t *testing.T) {
		if err := os.Mkdir(path("theme"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "theme/style.css", "body { color: red }")
		rb.until(t, []string{"theme/style.css"})
		if !strings.Contains(page(t, s, "/"), "/assets/style.") {
			t.Error("the new stylesheet is not linked")
		}
	})

	t.Run("configuration", func(t *testing.T) {
		writeFile(t, dir, "handbook.yaml", "title: Renamed\n")
		writeFile(t, dir, "glossary.yaml", "[]\n")
		rb.until(t, []string{"handbook.yaml", "glossary.yaml"})
	})

	t.Run("deleted page", func(t *testing.T) {
		if err := os.Remove(path("content/about.md")); err != nil {
			t.Fatal(err)
		}
		rb.until(t, []string{"content/about.md"})
		if got := page(t, s, "/about/"); got != "404" {
			t.Errorf("/about/ after deleting the page = %q, want 404", got)
		}
	})

	t.Run("deleted folder", func(t *testing.T) {
		if err := os.RemoveAll(path("content/manual")); err != nil {
			t.Fatal(err)
		}
		rb.until(t, []string{"content/manual"},
			"content/manual/a.md", "content/manual/sub", "content/manual/sub/b.md", "content/manual/sub/c.md", "content/manual/sub/d.md")
		if got := page(t, s, "/manual/a/"); got != "404" {
			t.Errorf("/manual/a/ after deleting the folder = %q, want 404", got)
		}
	})
}

func TestWatchBatchesACheckout(t *testing.T) {
	clk := newFakeClock()
	seen := make(chan string, 10000)
	dir := handbook(t, defaultFiles())
	s, _, rb := startServer(t, dir, Options{Clock: clk, Debounce: debounce}, func(s *Server) {
		s.received = func(rel string) { seen <- rel }
	})
	_ = s

	var want []string
	for i := range 200 {
		name := fmt.Sprintf("content/checkout/p%03d.md", i)
		want = append(want, name)
		writeFile(t, dir, name, name)
	}
	// Wait until the loop has taken in every file: then its debounce timer
	// is set, and moving the clock on starts one build.
	got := map[string]bool{}
	for len(got) < 200 {
		select {
		case rel := <-seen:
			if strings.HasSuffix(rel, ".md") {
				got[rel] = true
			}
		case <-time.After(wait):
			t.Fatalf("the watcher reported %d of the 200 files", len(got))
		}
	}
	clk.Advance(debounce)
	changed := rb.next(t)
	if !slices.Equal(changed, want) {
		t.Errorf("one rebuild with %d paths, want the 200 files", len(changed))
	}
	if !strings.Contains(page(t, s, "/checkout/p199/"), "content/checkout/p199.md") {
		t.Error("the last file is not in the site")
	}
}

func TestPoller(t *testing.T) {
	dir := handbook(t, defaultFiles())
	p := newPoller(dir)
	if got := p.changes(); len(got) != 0 {
		t.Fatalf("changes with nothing changed: %q", got)
	}
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }

	writeFile(t, dir, "content/about.md", "About us, longer now") // size
	writeFile(t, dir, "content/new.md", "New")                    // new
	writeFile(t, dir, "content/guide/a.md", "A")                  // new folder
	if err := os.Remove(path("static/data.json")); err != nil {   // gone
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(path("content/index.md"), later, later); err != nil { // time only
		t.Fatal(err)
	}
	writeFile(t, dir, "content/.about.md.swp", "swap")
	writeFile(t, dir, "public/index.html", "output")
	writeFile(t, dir, "notes.txt", "not an input")
	want := []string{"content/about.md", "content/guide/a.md", "content/index.md", "content/new.md", "static/data.json"}
	if got := p.changes(); !slices.Equal(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if got := p.changes(); len(got) != 0 {
		t.Errorf("changes reported twice: %q", got)
	}
	if err := os.RemoveAll(path("content/guide")); err != nil {
		t.Fatal(err)
	}
	if got := p.changes(); !slices.Equal(got, []string{"content/guide/a.md"}) {
		t.Errorf("after removing a folder: %q", got)
	}
}

// noWatcher fails the test if fsnotify is set up.
func noWatcher(t *testing.T) func(*Server) {
	return func(s *Server) {
		s.newWatcher = func() (fsWatcher, error) {
			t.Error("fsnotify was set up")
			return nil, errors.New("not wanted")
		}
	}
}

func TestPollOption(t *testing.T) {
	dir := handbook(t, defaultFiles())
	s, out, rb := startServer(t, dir, Options{Poll: 5 * time.Millisecond}, noWatcher(t))
	writeFile(t, dir, "content/about.md", "Polled and found")
	rb.until(t, []string{"content/about.md"})
	if got := page(t, s, "/about/"); !strings.Contains(got, "Polled and found") {
		t.Errorf("/about/ = %q", got)
	}
	if err := os.Remove(filepath.Join(dir, "content", "about.md")); err != nil {
		t.Fatal(err)
	}
	rb.until(t, []string{"content/about.md"})
	if got := page(t, s, "/about/"); got != "404" {
		t.Errorf("/about/ after deleting = %q, want 404", got)
	}
	if out.stderr.String() != "" {
		t.Errorf("stderr: %q", out.stderr.String())
	}
}

func TestFallBackToPolling(t *testing.T) {
	tests := []struct {
		name       string
		newWatcher func() (fsWatcher, error)
		message    string
	}{
		{
			name:       "the watcher cannot be made",
			newWatcher: func() (fsWatcher, error) { return nil, fmt.Errorf("inotify_init1: %w", syscall.EMFILE) },
			message:    "too many open files",
		},
		{
			name: "a folder cannot be added",
			newWatcher: func() (fsWatcher, error) {
				w := newFakeWatcher()
				w.addErr = func(name string) error {
					if strings.HasSuffix(name, "content") {
						return syscall.ENOSPC // the inotify watch limit
					}
					return nil
				}
				return w, nil
			},
			message: "no space left on device",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := handbook(t, defaultFiles())
			s, out, rb := startServer(t, dir, Options{}, func(s *Server) {
				s.newWatcher = tt.newWatcher
				s.fallbackPoll = 5 * time.Millisecond
			})
			if msg := out.stderr.String(); !strings.Contains(msg, tt.message) || !strings.Contains(msg, "checking every 5ms instead") {
				t.Errorf("stderr %q, want the reason and the fallback", msg)
			}
			writeFile(t, dir, "content/about.md", "Polled after all")
			rb.until(t, []string{"content/about.md"})
			if got := page(t, s, "/about/"); !strings.Contains(got, "Polled after all") {
				t.Errorf("/about/ = %q", got)
			}
		})
	}
}

func TestFallBackToPollingLater(t *testing.T) {
	// The watch limit is reached when a new folder appears: the server
	// carries on by polling, and rebuilds everything in case it missed
	// something.
	dir := handbook(t, defaultFiles())
	w := newFakeWatcher()
	var full bool
	s, out, rb := startServer(t, dir, Options{}, func(s *Server) {
		s.newWatcher = func() (fsWatcher, error) { return w, nil }
		s.fallbackPoll = 5 * time.Millisecond
	})
	w.mu.Lock()
	w.addErr = func(string) error { return syscall.ENOSPC }
	w.mu.Unlock()
	writeFile(t, dir, "content/new/page.md", "New page")
	w.events <- fsnotify.Event{Name: filepath.Join(dir, "content", "new"), Op: fsnotify.Create}
	for !full {
		full = rb.next(t) == nil
	}
	if msg := out.stderr.String(); !strings.Contains(msg, "no space left on device") {
		t.Errorf("stderr %q", msg)
	}
	writeFile(t, dir, "content/new/page.md", "New page, polled")
	rb.until(t, []string{"content/new/page.md"})
	if got := page(t, s, "/new/page/"); !strings.Contains(got, "New page, polled") {
		t.Errorf("/new/page/ = %q", got)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed == 0 {
		t.Error("the watcher was not closed")
	}
}

func TestOverflowRebuildsEverything(t *testing.T) {
	dir := handbook(t, defaultFiles())
	w := newFakeWatcher()
	_, out, rb := startServer(t, dir, Options{}, func(s *Server) {
		s.newWatcher = func() (fsWatcher, error) { return w, nil }
	})
	w.errors <- fsnotify.ErrEventOverflow
	if got := rb.next(t); got != nil {
		t.Errorf("changed = %q, want nil (everything)", got)
	}
	if !strings.Contains(out.stderr.String(), "rebuilding everything") {
		t.Errorf("stderr %q", out.stderr.String())
	}
	if !strings.Contains(out.stdout.String(), "Rebuilt everything in") {
		t.Errorf("stdout %q", out.stdout.String())
	}
}
