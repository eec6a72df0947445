package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// eventServer is a built server behind an httptest.Server.
func eventServer(t *testing.T, opts Options) (s *Server, dir string, srv *httptest.Server) {
	t.Helper()
	dir = handbook(t, defaultFiles())
	s, _, _ = newTestServer(t, dir, opts)
	s.Rebuild(context.Background(), nil)
	srv = httptest.NewServer(s.Handler())
	// Close the server's streams first: httptest.Server.Close waits for
	// every handler.
	t.Cleanup(srv.Close)
	t.Cleanup(func() { s.Close() })
	return s, dir, srv
}

func TestEventsReload(t *testing.T) {
	s, dir, srv := eventServer(t, Options{})
	stream := openEvents(t, srv.Client(), srv.URL+eventsPath)
	for k, want := range map[string]string{
		"Content-Type":           "text/event-stream; charset=utf-8",
		"Cache-Control":          "no-store",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := stream.resp.Header.Get(k); got != want {
			t.Errorf("%s %q, want %q", k, got, want)
		}
	}

	writeFile(t, dir, "content/about.md", "About us, edited")
	s.Rebuild(context.Background(), []string{"content/about.md"})
	d := stream.next(t, "reload").decode(t)
	if d.Server != s.id || d.Build != 2 || d.CSSOnly || d.Navigate != "" || len(d.Problems) != 0 {
		t.Errorf("reload event %+v", d)
	}

	writeFile(t, dir, "content/about.md", "ERROR in about")
	s.Rebuild(context.Background(), []string{"content/about.md"})
	d = stream.next(t, "error").decode(t)
	if want := []string{"content/about.md:1:1: ERROR in about"}; !slices.Equal(d.Problems, want) {
		t.Errorf("error event problems %q, want %q", d.Problems, want)
	}

	writeFile(t, dir, "content/about.md", "About us, fixed")
	s.Rebuild(context.Background(), []string{"content/about.md"})
	if d := stream.next(t, "reload").decode(t); d.Build != 4 {
		t.Errorf("reload after the fix: %+v", d)
	}
}

// subscribe is a client of s's broker that the test reads directly.
func subscribe(t *testing.T, s *Server) *client {
	t.Helper()
	c := s.broker.subscribe()
	t.Cleanup(func() { s.broker.unsubscribe(c) })
	return c
}

// published returns the events waiting for c.
func published(c *client) []string {
	var out []string
	for {
		select {
		case ev, ok := <-c.ch:
			if !ok {
				return out
			}
			out = append(out, string(ev))
		default:
			return out
		}
	}
}

func TestReloadEventKinds(t *testing.T) {
	ctx := context.Background()
	s, dir, _ := eventServer(t, Options{Navigate: true})
	c := subscribe(t, s)
	decode := func(ev string) eventData {
		t.Helper()
		_, data, _ := strings.Cut(ev, "\ndata: ")
		return sseEvent{data: strings.TrimSpace(data)}.decode(t)
	}

	// Editing one page goes to it.
	writeFile(t, dir, "content/about.md", "About us, edited")
	s.Rebuild(ctx, []string{"content/about.md"})
	evs := published(c)
	if len(evs) != 1 || !strings.HasPrefix(evs[0], "event: reload\n") {
		t.Fatalf("events %q, want one reload", evs)
	}
	if d := decode(evs[0]); d.Navigate != "/about/" || d.CSSOnly {
		t.Errorf("edit one page: %+v, want navigate /about/", d)
	}

	// The home page is "/".
	writeFile(t, dir, "content/index.md", "Welcome back")
	s.Rebuild(ctx, []string{"content/index.md"})
	if d := decode(published(c)[0]); d.Navigate != "/" {
		t.Errorf("edit the home page: %+v, want navigate /", d)
	}

	// Two pages: no one page to go to.
	writeFile(t, dir, "content/index.md", "Welcome again")
	writeFile(t, dir, "content/about.md", "About us again")
	s.Rebuild(ctx, []string{"content/about.md", "content/index.md"})
	if d := decode(published(c)[0]); d.Navigate != "" {
		t.Errorf("edit two pages: %+v, want no navigate", d)
	}

	// Only CSS: swap the stylesheets, no navigating.
	old := cssPath(t, s)
	writeFile(t, dir, "theme/style.css", "body { color: navy }")
	s.Rebuild(ctx, []string{"theme/style.css"})
	d := decode(published(c)[0])
	if now := cssPath(t, s); !d.CSSOnly || !slices.Equal(d.CSS, []string{now}) || now == old || d.Navigate != "" {
		t.Errorf("edit the stylesheet: %+v, want cssOnly with [%s]", d, now)
	}

	// Nothing in the site changed: no event at all.
	s.Rebuild(ctx, []string{"content/about.md"})
	if evs := published(c); len(evs) != 0 {
		t.Errorf("unchanged site: events %q, want none", evs)
	}

	// After a failed build, even a CSS change reloads, to remove the
	// overlay.
	writeFile(t, dir, "content/about.md", "ERROR")
	s.Rebuild(ctx, []string{"content/about.md"})
	writeFile(t, dir, "content/about.md", "About us again")
	writeFile(t, dir, "theme/style.css", "body { color: teal }")
	s.Rebuild(ctx, []string{"theme/style.css"})
	evs = published(c)
	if len(evs) != 2 || !strings.HasPrefix(evs[0], "event: error\n") {
		t.Fatalf("events %q, want error then reload", evs)
	}
	if d := decode(evs[1]); d.CSSOnly {
		t.Errorf("reload after an error: %+v, want a full reload", d)
	}
}

func TestHeartbeat(t *testing.T) {
	s, _, srv := eventServer(t, Options{})
	s.heartbeat = 5 * time.Millisecond
	stream := openEvents(t, srv.Client(), srv.URL+eventsPath)
	if ev := stream.next(t, ""); ev.data != ": heartbeat" {
		t.Errorf("got %q, want a heartbeat comment", ev.data)
	}
}

func TestEventsHead(t *testing.T) {
	s, _ := builtServer(t, Options{})
	rec := get(t, s.Handler(), "HEAD", eventsPath)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/event-stream; charset=utf-8" || rec.Body.Len() != 0 {
		t.Errorf("HEAD %s: %d %q %q", eventsPath, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
}

// rebuildN runs n rebuilds that each change the site, and fails if they do
// not all finish in time: nothing a client does may hold a build up.
func rebuildN(t *testing.T, s *Server, n int) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range n {
			s.Rebuild(context.Background(), []string{fmt.Sprintf("content/p%d.md", i)})
		}
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatalf("%d rebuilds did not finish: a client blocked them", n)
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	var n int
	s, _, _ := newTestServer(t, t.TempDir(), Options{Build: func(context.Context, []string) (*Snapshot, error) {
		n++
		return &Snapshot{Files: map[string][]byte{"index.html": fmt.Appendf(nil, "build %d", n)}}, nil
	}})
	slow := subscribe(t, s) // never reads
	rebuildN(t, s, 3*clientBuffer)

	// It got the first clientBuffer events, then was dropped.
	got := 0
	for range slow.ch {
		got++
	}
	if got != clientBuffer {
		t.Errorf("the slow client got %d events, want %d", got, clientBuffer)
	}
	if c := s.broker.count(); c != 0 {
		t.Errorf("%d clients left, want 0", c)
	}
}

func TestStalledConnectionDoesNotBlockRebuilds(t *testing.T) {
	// Each failed build sends a large error event; a client that has
	// stopped reading fills its socket, then its buffer, and is dropped.
	big := strings.Repeat("x", 128<<10)
	var n int
	s, _, _ := newTestServer(t, t.TempDir(), Options{Build: func(context.Context, []string) (*Snapshot, error) {
		n++
		return &Snapshot{Problems: []*diag.Diagnostic{diag.Errorf("content/a.md", n, 1, "%s", big)}}, nil
	}})
	s.writeTimeout = 50 * time.Millisecond
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.(*net.TCPConn).SetReadBuffer(4096) // fill up sooner
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n", eventsPath)

	// Wait until the stream is open.
	eventually(t, func() bool { return s.broker.count() == 1 })
	rebuildN(t, s, 100)
	if c := s.broker.count(); c != 0 {
		t.Errorf("%d clients still subscribed, want the stalled one dropped", c)
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s, _, srv := eventServer(t, Options{})
	stream := openEvents(t, srv.Client(), srv.URL+eventsPath)
	s.Close()
	timeout := time.After(wait)
	for {
		select {
		case _, ok := <-stream.events:
			if !ok {
				if rec := get(t, s.Handler(), "GET", eventsPath); rec.Code != http.StatusServiceUnavailable {
					t.Errorf("a new stream after Close: status %d, want 503", rec.Code)
				}
				return
			}
		case <-timeout:
			t.Fatal("the stream is still open after Close")
		}
	}
}
