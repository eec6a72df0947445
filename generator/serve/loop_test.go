package serve

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

const debounce = 50 * time.Millisecond

// runLoop runs s.loop on a channel the test feeds, until the end of the
// test or until the returned stop is called, which waits for the loop and
// its build to finish.
func runLoop(t *testing.T, s *Server) (changes chan string, stop func()) {
	t.Helper()
	changes = make(chan string) // unbuffered: a send returns once the loop has it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.loop(ctx, changes)
		close(done)
	}()
	stop = func() {
		cancel()
		<-done
	}
	t.Cleanup(stop)
	return changes, stop
}

func TestBatching(t *testing.T) {
	clk := newFakeClock()
	rb := newRebuilds()
	s, site, _ := newTestServer(t, handbook(t, defaultFiles()), Options{Clock: clk, OnRebuild: rb.hook, Debounce: debounce})
	changes, stop := runLoop(t, s)

	// A git checkout: 200 files at once, one of them twice.
	var want []string
	for i := range 200 {
		p := fmt.Sprintf("content/p%03d.md", i)
		want = append(want, p)
		changes <- p
	}
	changes <- "content/p000.md"
	clk.waitAfter(t, 201)

	if fired := clk.Advance(debounce - time.Nanosecond); fired != 0 {
		t.Fatalf("%d timers fired before the debounce had passed", fired)
	}
	clk.Advance(time.Nanosecond)
	if got := rb.next(t); !slices.Equal(got, want) {
		t.Errorf("changed = %d paths %q…, want the 200 files once each, sorted", len(got), got[:min(3, len(got))])
	}
	stop()
	if len(rb) != 0 || site.builds.Load() != 1 {
		t.Errorf("%d builds, want 1", site.builds.Load())
	}
}

func TestDebounceWaitsForTheLastChange(t *testing.T) {
	clk := newFakeClock()
	rb := newRebuilds()
	s, site, _ := newTestServer(t, handbook(t, defaultFiles()), Options{Clock: clk, OnRebuild: rb.hook, Debounce: debounce})
	changes, stop := runLoop(t, s)

	changes <- "content/a.md"
	clk.waitAfter(t, 1)
	clk.Advance(30 * time.Millisecond)
	changes <- "content/b.md"
	clk.waitAfter(t, 1)
	// The first change's timer is due now, but the loop waits for the
	// second one's.
	if fired := clk.Advance(30 * time.Millisecond); fired != 1 {
		t.Fatalf("%d timers fired, want the first change's", fired)
	}
	if fired := clk.Advance(20 * time.Millisecond); fired != 1 {
		t.Fatalf("%d timers fired, want the second change's", fired)
	}
	if got := rb.next(t); !slices.Equal(got, []string{"content/a.md", "content/b.md"}) {
		t.Errorf("changed = %q", got)
	}
	stop()
	if len(rb) != 0 || site.builds.Load() != 1 {
		t.Errorf("%d builds, want 1", site.builds.Load())
	}
}

func TestChangesDuringABuildWaitForTheNext(t *testing.T) {
	clk := newFakeClock()
	started := make(chan []string)
	release := make(chan struct{})
	var running, most atomic.Int32
	build := func(_ context.Context, changed []string) (*Snapshot, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		started <- changed
		<-release
		return &Snapshot{Files: map[string][]byte{"index.html": fmt.Appendf(nil, "%v", changed)}}, nil
	}
	s, _, _ := newTestServer(t, t.TempDir(), Options{Clock: clk, Build: build, Debounce: debounce})
	changes, stop := runLoop(t, s)
	next := func() []string {
		t.Helper()
		select {
		case c := <-started:
			return c
		case <-time.After(wait):
			t.Fatal("no build started")
			return nil
		}
	}

	changes <- "content/x.md"
	clk.waitAfter(t, 1)
	clk.Advance(debounce)
	if got := next(); !slices.Equal(got, []string{"content/x.md"}) {
		t.Fatalf("first build: %q", got)
	}

	// While it runs, more changes come and their debounce passes.
	changes <- "content/z.md"
	changes <- "content/y.md"
	clk.waitAfter(t, 2)
	clk.Advance(debounce)
	select {
	case got := <-started:
		t.Fatalf("a second build %q started while the first ran", got)
	default:
	}

	release <- struct{}{} // the first build ends; the second starts at once
	if got := next(); !slices.Equal(got, []string{"content/y.md", "content/z.md"}) {
		t.Fatalf("second build: %q", got)
	}
	release <- struct{}{}

	// "" asks for everything: changed is nil.
	changes <- ""
	changes <- "content/x.md"
	clk.waitAfter(t, 2)
	clk.Advance(debounce)
	if got := next(); got != nil {
		t.Fatalf("full build: changed = %q, want nil", got)
	}
	release <- struct{}{}

	stop()
	if m := most.Load(); m != 1 {
		t.Errorf("%d builds ran at once, want 1", m)
	}
}

func TestStopWaitsForTheBuild(t *testing.T) {
	clk := newFakeClock()
	started := make(chan struct{})
	var finished atomic.Bool
	build := func(ctx context.Context, _ []string) (*Snapshot, error) {
		close(started)
		<-ctx.Done()
		finished.Store(true)
		return nil, ctx.Err()
	}
	s, _, out := newTestServer(t, t.TempDir(), Options{Clock: clk, Build: build})
	changes, stop := runLoop(t, s)
	changes <- "content/x.md"
	clk.waitAfter(t, 1)
	clk.Advance(DefaultDebounce)
	<-started
	stop()
	if !finished.Load() {
		t.Error("the loop returned before its build")
	}
	if out.stdout.String() != "" || out.stderr.String() != "" {
		t.Errorf("a cancelled build printed %q %q", out.stdout.String(), out.stderr.String())
	}
}
