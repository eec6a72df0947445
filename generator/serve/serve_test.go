package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestNew(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	build := (&fakeSite{dir: dir}).build
	for _, tt := range []struct {
		name string
		opts Options
		want string
	}{
		{"no build", Options{Dir: dir}, "no build function"},
		{"no folder", Options{Dir: filepath.Join(dir, "missing"), Build: build}, "no such file"},
		{"a file", Options{Dir: file, Build: build}, "not a folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}

	s, err := New(Options{Dir: dir, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	if s.opts.Bind != "127.0.0.1" || s.opts.Port != 1313 || s.opts.Debounce != 50*time.Millisecond {
		t.Errorf("defaults: bind %q, port %d, debounce %v", s.opts.Bind, s.opts.Port, s.opts.Debounce)
	}
}

func TestPortTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port

	dir := handbook(t, defaultFiles())
	s, _, out := newTestServer(t, dir, Options{Port: port, Notice: "No handbook.yaml here: showing the starter handbook."})
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := s.Addr().(*net.TCPAddr).Port
	if got <= port || got > port+portTries {
		t.Fatalf("listening on %d, want a port after %d", got, port)
	}
	want := fmt.Sprintf("Port %d is in use: using %d instead.\n", port, got)
	if !strings.Contains(out.stdout.String(), want) {
		t.Errorf("stdout %q does not report the port", out.stdout.String())
	}
	serving := fmt.Sprintf("Serving Test handbook at http://127.0.0.1:%d/ (press Ctrl+C to stop)\n", got)
	if !strings.Contains(out.stdout.String(), serving+"No handbook.yaml here: showing the starter handbook.\n") {
		t.Errorf("stdout %q, want %q and the notice", out.stdout.String(), serving)
	}
	if s.URL() != fmt.Sprintf("http://127.0.0.1:%d/", got) {
		t.Errorf("URL() = %q", s.URL())
	}
	resp, err := http.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Welcome") {
		t.Errorf("GET %s: %q", s.URL(), body)
	}
	if err := s.Start(context.Background()); err == nil {
		t.Error("a second Start succeeded")
	}

	// Start fails on a port that cannot be used, and Close after it is harmless.
	busy, _, _ := newTestServer(t, dir, Options{Port: 70000})
	if err := busy.Start(context.Background()); err == nil {
		t.Error("Start on an invalid port succeeded")
	}
	if err := busy.Close(); err != nil {
		t.Error(err)
	}
}

func TestBadAddress(t *testing.T) {
	dir := handbook(t, defaultFiles())
	err := Serve(context.Background(), Options{Dir: dir, Build: (&fakeSite{dir: dir}).build, Port: 70000})
	if err == nil || !strings.Contains(err.Error(), "invalid port") {
		t.Errorf("err = %v, want invalid port", err)
	}
}

// leaked lists the goroutines that belong to a server: its own, fsnotify's
// and the HTTP connections on either side.
func leaked() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		for _, mark := range []string{
			"generator/serve.(*Server)", "generator/serve.(*broker)", "fsnotify",
			"net/http.(*conn).serve", "net/http.(*persistConn)", "net/http.(*Server).Serve",
		} {
			if strings.Contains(g, mark) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

func TestServeShutsDownCleanly(t *testing.T) {
	dir := handbook(t, defaultFiles())
	before := runtime.NumGoroutine()

	ctx, cancel := context.WithCancel(context.Background())
	var stdout syncBuffer
	rb := newRebuilds()
	errc := make(chan error, 1)
	go func() {
		errc <- Serve(ctx, Options{
			Dir: dir, Build: (&fakeSite{dir: dir}).build, Port: -1,
			Debounce: 10 * time.Millisecond, Stdout: &stdout, OnRebuild: rb.hook,
		})
	}()
	rb.next(t)
	serving := regexp.MustCompile(`Serving Test handbook at (http://127\.0\.0\.1:\d+/) \(press Ctrl\+C to stop\)`)
	eventually(t, func() bool { return serving.MatchString(stdout.String()) })
	url := serving.FindStringSubmatch(stdout.String())[1]

	// Everything running: a page, an event stream, a change.
	transport := &http.Transport{}
	client := &http.Client{Transport: transport}
	resp, err := client.Get(url + "about/")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	stream := openEvents(t, client, url+"_handbook/events")
	writeFile(t, dir, "content/about.md", "Edited while serving")
	stream.next(t, "reload")
	if !strings.Contains(stdout.String(), "Rebuilt 1 changed file in ") {
		t.Errorf("stdout %q", stdout.String())
	}

	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Serve returned %v, want nil", err)
		}
	case <-time.After(wait):
		t.Fatal("Serve did not return after cancel")
	}
	// The stream was closed by the server.
	for range stream.events {
	}
	transport.CloseIdleConnections()

	deadline := time.Now().Add(wait)
	for {
		left := leaked()
		n := runtime.NumGoroutine()
		if len(left) == 0 && n <= before {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after; left over:\n%s", before, n, strings.Join(left, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond) // let exiting goroutines finish
	}
}

func TestStoppedDuringTheFirstBuild(t *testing.T) {
	dir := handbook(t, defaultFiles())
	ctx, cancel := context.WithCancel(context.Background())
	var stdout syncBuffer
	err := Serve(ctx, Options{Dir: dir, Port: -1, Stdout: &stdout, Build: func(ctx context.Context, _ []string) (*Snapshot, error) {
		cancel() // Ctrl+C while the handbook builds
		return nil, ctx.Err()
	}})
	if err != nil {
		t.Errorf("Serve returned %v, want nil", err)
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
	eventually(t, func() bool { return len(leaked()) == 0 })
}

func TestEditToReloadEvent(t *testing.T) {
	// The whole way: a file written on disk, the fsnotify watcher, the
	// debounce, the build, and the reload event on a real connection.
	dir := handbook(t, defaultFiles())
	s, _, rb := startServer(t, dir, Options{Navigate: true})
	stream := openEvents(t, http.DefaultClient, s.URL()+"_handbook/events")
	writeFile(t, dir, "content/about.md", "Edited")
	rb.until(t, []string{"content/about.md"})
	if d := stream.next(t, "reload").decode(t); d.Navigate != "/about/" {
		t.Errorf("reload %+v, want navigate /about/", d)
	}
}

// BenchmarkEditToReloadEvent measures the time from writing a page to its
// reload event arriving on an open event stream, through the real fsnotify
// watcher, a 1 ms debounce and the fake builder.
func BenchmarkEditToReloadEvent(b *testing.B) {
	dir := handbook(b, defaultFiles())
	site := &fakeSite{dir: dir}
	s, err := New(Options{Dir: dir, Build: site.build, Port: -1, Debounce: time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	stream := openEvents(b, http.DefaultClient, s.URL()+"_handbook/events")
	b.ResetTimer()
	page := filepath.Join(dir, "content", "about.md")
	tmp := filepath.Join(dir, "content", ".about.md.tmp")
	for i := range b.N {
		// Saved as editors do, in one step: a temporary file renamed over
		// the page, so each edit is one build and one event.
		if err := os.WriteFile(tmp, fmt.Appendf(nil, "About us, edit %d", i), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, page); err != nil {
			b.Fatal(err)
		}
		stream.next(b, "reload")
	}
}
