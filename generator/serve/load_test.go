package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// loadPages is how many pages the fake site of the load tests has.
const loadPages = 100

// numberedSite returns a site of loadPages pages (and a home page) whose
// every page says which build made it, twice: in its title and its body.
// A failed build (failing true) has many problems, so its "error" event
// is large (about 200 kB): 25 of them overflow the buffers of a connection
// whose client does not read (Linux lets a loopback connection buffer up
// to 4 MB on the sending side).
func numberedSite(n int, failing bool) *Snapshot {
	if failing {
		var ps []*diag.Diagnostic
		for i := range 2000 {
			ps = append(ps, diag.Errorf(fmt.Sprintf("content/page-%03d.md", i%loadPages), i+1, 1,
				"build %d: something about this page that needs fixing, at some length", n))
		}
		return &Snapshot{Problems: ps}
	}
	snap := &Snapshot{Files: map[string][]byte{}, Pages: map[string]string{}, Title: "Load test"}
	for i := range loadPages {
		name := fmt.Sprintf("page-%03d", i)
		snap.Files[name+"/index.html"] = fmt.Appendf(nil, "<!DOCTYPE html>\n<html><head><title>%s of build %d</title></head><body><main>This is %s. Build %d.</main></body></html>\n", name, n, name, n)
		snap.Pages["content/"+name+".md"] = name + "/"
	}
	snap.Files["index.html"] = fmt.Appendf(nil, "<!DOCTYPE html>\n<html><head><title>home of build %d</title></head><body><main>This is home. Build %d.</main></body></html>\n", n, n)
	return snap
}

// openFDs counts this process's open file descriptors, or returns -1 where
// /proc/self/fd does not exist.
func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestLoadManyEventStreams opens 200 live-reload streams to a running
// server, of three kinds: 100 that read every event, 50 that read the
// first event and then never read again (a frozen tab), and 50 that hang
// up after a few events. It then runs 50 rebuilds, every other one failed
// with a large error event, each once every reader has the one before
// (a reader that falls 16 events behind is dropped by design, and told to
// reconnect), and requires:
//
//   - no rebuild blocks on a client: each finishes within a second,
//     though the frozen clients' connections are full (publishing never
//     waits, and a write to a client that stopped reading gives up after
//     the write timeout, 2 s here);
//   - every reader gets every build, the last one included, and in the
//     end the server has dropped exactly the frozen and hung-up streams;
//   - once the clients hang up and the server closes, the goroutines and
//     open file descriptors of the process are back to what they were
//     before, and the heap in use is within a few megabytes of it.
func TestLoadManyEventStreams(t *testing.T) {
	const (
		readers  = 100
		frozen   = 50
		quitters = 50
		rebuilds = 50
	)
	// Before anything: the figures everything must come back to.
	goroutines0, fds0, heap0 := runtime.NumGoroutine(), openFDs(), heapInUse()

	var builds atomic.Int32
	build := func(ctx context.Context, changed []string) (*Snapshot, error) {
		n := int(builds.Add(1))
		return numberedSite(n, n%2 == 0 && n > 1), nil
	}
	s, err := New(Options{Dir: t.TempDir(), Build: build, Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	s.writeTimeout = 2 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	url := s.URL() + strings.TrimPrefix(eventsPath, "/")

	transport := &http.Transport{MaxIdleConnsPerHost: -1, DisableKeepAlives: true}
	client := &http.Client{Transport: transport}
	// Frozen clients get a tiny receive buffer, so the server's writes to
	// them block after some kilobytes instead of filling megabytes of
	// kernel buffer.
	frozenTransport := &http.Transport{DisableKeepAlives: true, DialContext: (&net.Dialer{Control: smallReceiveBuffer}).DialContext}
	frozenClient := &http.Client{Transport: frozenTransport}
	clientsCtx, hangUp := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var opened, lastSeen, failures atomic.Int32
	var seen [readers]atomic.Int32 // the latest build each reader has had
	var errMu sync.Mutex
	var clientErrs []string
	fail := func(format string, args ...any) {
		failures.Add(1)
		errMu.Lock()
		defer errMu.Unlock()
		if len(clientErrs) < 5 {
			clientErrs = append(clientErrs, fmt.Sprintf(format, args...))
		}
	}
	ready := make(chan struct{}, readers+frozen+quitters)
	stream := func(kind string, i int) {
		req, _ := http.NewRequestWithContext(clientsCtx, http.MethodGet, url, nil)
		c := client
		if kind == "frozen" {
			c = frozenClient
		}
		resp, err := c.Do(req)
		if err != nil {
			fail("%s %d: %v", kind, i, err)
			ready <- struct{}{}
			return
		}
		defer resp.Body.Close()
		opened.Add(1)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		events := 0
		signalled := false
		for sc.Scan() {
			line := sc.Text()
			if !strings.HasPrefix(line, "data: ") {
				continue
			}
			events++
			if !signalled {
				ready <- struct{}{}
				signalled = true
			}
			// The build number leads each event's JSON; decoding only
			// that keeps 100 readers of 200 kB events cheap.
			m := eventBuildRE.FindStringSubmatch(line[:min(len(line), 200)])
			if m == nil {
				fail("%s %d: bad event %.200q", kind, i, line)
				return
			}
			var d eventData
			if err := json.Unmarshal([]byte(m[1]+"}"), &d); err != nil {
				fail("%s %d: bad event %.200q: %v", kind, i, line, err)
				return
			}
			switch {
			case kind == "frozen":
				<-clientsCtx.Done() // never read again
				return
			case kind == "quitter" && events >= 2+i%5:
				return // hang up mid-way
			case kind == "reader":
				if got, want := int(d.Build), int(seen[i].Load())+1; got != want && events > 1 {
					fail("reader %d: build %d after build %d", i, got, want-1)
				}
				seen[i].Store(int32(d.Build))
				if int(d.Build) == rebuilds+1 {
					lastSeen.Add(1)
				}
			}
		}
		if !signalled {
			ready <- struct{}{}
		}
	}
	for i := range readers {
		wg.Go(func() { stream("reader", i) })
	}
	for i := range frozen {
		wg.Go(func() { stream("frozen", i) })
	}
	for i := range quitters {
		wg.Go(func() { stream("quitter", i) })
	}
	for range readers + frozen + quitters {
		<-ready
	}
	if got := s.broker.count(); got != readers+frozen+quitters {
		t.Fatalf("%d streams open, want %d", got, readers+frozen+quitters)
	}
	during := runtime.NumGoroutine()

	var slowest time.Duration
	for i := range rebuilds {
		start := time.Now()
		s.Rebuild(ctx, []string{"content/page-" + strconv.Itoa(i%loadPages) + ".md"})
		took := time.Since(start)
		slowest = max(slowest, took)
		if took > time.Second {
			t.Errorf("rebuild %d took %v", i+2, took)
		}
		// Wait for every reader to have this build.
		for end := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			behind := 0
			for r := range seen {
				if int(seen[r].Load()) < i+2 {
					behind++
				}
			}
			if behind == 0 {
				break
			}
			if time.Now().After(end) {
				t.Fatalf("build %d: %d readers still do not have it after 10 s", i+2, behind)
			}
		}
	}
	// Every reader sees the last build.
	deadline := time.Now().Add(10 * time.Second)
	for lastSeen.Load() < readers && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := lastSeen.Load(); n != readers {
		t.Errorf("%d of %d readers saw the last build", n, readers)
	}
	// The frozen streams go once their connection stays full for the
	// write timeout, or their queue overflows.
	streamsLeft := s.broker.count()
	for end := time.Now().Add(5 * time.Second); streamsLeft > readers && time.Now().Before(end); streamsLeft = s.broker.count() {
		time.Sleep(10 * time.Millisecond)
	}
	if streamsLeft != readers && canShrinkReceiveBuffer {
		t.Errorf("%d streams still open after the rebuilds, want the %d readers", streamsLeft, readers)
	}

	hangUp()
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cancel()
	transport.CloseIdleConnections()
	frozenTransport.CloseIdleConnections()
	if failures.Load() > 0 {
		t.Errorf("%d client errors, such as %q", failures.Load(), clientErrs)
	}
	s = nil

	// Let goroutines and connections wind down.
	var goroutines1, fds1 int
	for end := time.Now().Add(10 * time.Second); ; {
		goroutines1, fds1 = runtime.NumGoroutine(), openFDs()
		if goroutines1 <= goroutines0 && fds1 <= fds0 || time.Now().After(end) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	heap1 := heapInUse()
	t.Logf("%d streams (%d readers, %d frozen, %d hanging up); %d opened; %d goroutines while open; %d rebuilds, the slowest %v; %d streams open afterwards",
		readers+frozen+quitters, readers, frozen, quitters, opened.Load(), during, rebuilds, slowest.Round(time.Microsecond), streamsLeft)
	t.Logf("before: %d goroutines, %d open files, %.1f MB heap in use; after: %d goroutines, %d open files, %.1f MB heap in use",
		goroutines0, fds0, float64(heap0)/(1<<20), goroutines1, fds1, float64(heap1)/(1<<20))
	if goroutines1 > goroutines0 {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after\n%s", goroutines0, goroutines1, buf[:runtime.Stack(buf, true)])
	}
	if fds0 >= 0 && fds1 > fds0 {
		t.Errorf("open file descriptors: %d before, %d after", fds0, fds1)
	}
	if heap1 > heap0+4<<20 {
		t.Errorf("heap in use: %.1f MB before, %.1f MB after", float64(heap0)/(1<<20), float64(heap1)/(1<<20))
	}
}

var eventBuildRE = regexp.MustCompile(`^data: (\{"server":"[0-9a-f]+","build":\d+)[,}]`)

var buildRE = regexp.MustCompile(`^<!DOCTYPE html>\n<html><head><title>(page-\d{3}|home) of build (\d+)</title>.*<main>This is (page-\d{3}|home)\. Build (\d+)\.</main>`)

// pageBuild fetches one page and returns the build it comes from, checking
// that the page is whole: the build number in its title and body agree,
// and it is the page asked for.
func pageBuild(client *http.Client, base, name string) (int, error) {
	u := base + name + "/"
	if name == "home" {
		u = base
	}
	resp, err := client.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: status %d", name, resp.StatusCode)
	}
	m := buildRE.FindSubmatch(body)
	if m == nil || string(m[1]) != name || string(m[3]) != name || string(m[2]) != string(m[4]) {
		return 0, fmt.Errorf("%s: torn or wrong page %q", name, body)
	}
	return strconv.Atoi(string(m[2]))
}

// TestRebuildServesOneSnapshot holds a rebuild inside the builder while
// clients fetch every page of the site, over and over. While the build is
// held, every page comes from the previous build, whole; once Rebuild has
// returned, every page comes from the new one. A client reading the pages
// in order while the swap happens may see the old build and then the new
// one, but never a page of the old build after one of the new, and every
// sequence that lies wholly before or after the swap is of one build.
func TestRebuildServesOneSnapshot(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	var builds atomic.Int32
	build := func(ctx context.Context, changed []string) (*Snapshot, error) {
		n := int(builds.Add(1))
		if n > 1 {
			entered <- struct{}{}
			<-release
		}
		return numberedSite(n, false), nil
	}
	s, err := New(Options{Dir: t.TempDir(), Build: build, Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil { // the first build
		t.Fatal(err)
	}
	defer s.Close()
	base := s.URL()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer client.CloseIdleConnections()

	names := []string{"home"}
	for i := range loadPages {
		names = append(names, fmt.Sprintf("page-%03d", i))
	}
	rebuilt := make(chan struct{})
	go func() {
		s.Rebuild(ctx, []string{"content/page-000.md"})
		close(rebuilt)
	}()
	<-entered // build 2 is running and held

	var swapped atomic.Bool
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	sequences := map[string]int{}
	note := func(kind string) {
		mu.Lock()
		sequences[kind]++
		mu.Unlock()
	}
	problem := func(format string, args ...any) {
		mu.Lock()
		if len(problems) < 5 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	stop := make(chan struct{})
	for c := range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				afterSwap := swapped.Load()
				seq, err := fetchAll(client, base, names)
				if err != nil {
					problem("client %d: %v", c, err)
					return
				}
				first, last := seq[0], seq[len(seq)-1]
				for i := 1; i < len(seq); i++ {
					if seq[i] < seq[i-1] {
						problem("client %d: build %d after build %d in one sequence: %v", c, seq[i], seq[i-1], seq)
					}
				}
				switch {
				case afterSwap && first != 2:
					problem("client %d: a sequence begun after Rebuild returned has build %d", c, first)
				case first == last:
					note(fmt.Sprintf("all of build %d", first))
				default:
					note("across the swap")
				}
			}
		})
	}
	// Let the clients read the old site while the build is held.
	time.Sleep(300 * time.Millisecond)
	for i, name := range names {
		if i%10 != 0 {
			continue
		}
		if n, err := pageBuild(client, base, name); err != nil || n != 1 {
			t.Errorf("while build 2 is held, %s comes from build %d (%v), want 1", name, n, err)
		}
	}
	close(release)
	<-rebuilt
	swapped.Store(true)
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	if sequences["all of build 1"] == 0 || sequences["all of build 2"] == 0 {
		t.Errorf("sequences: %v; want some wholly of each build", sequences)
	}
	t.Logf("sequences of %d pages: %v", len(names), sequences)
}

// fetchAll fetches every page once, in order, and returns their builds.
func fetchAll(client *http.Client, base string, names []string) ([]int, error) {
	got := make([]int, 0, len(names))
	for _, name := range names {
		n, err := pageBuild(client, base, name)
		if err != nil {
			return nil, err
		}
		got = append(got, n)
	}
	return got, nil
}
