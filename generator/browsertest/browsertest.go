// Package browsertest drives a headless Chromium for tests in which the
// browser is the judge: pages opened over file:// and http://, scripts
// evaluated, network requests recorded.
//
// A test starts one browser with [New] and opens pages in it with
// [Browser.Open]. Every page is a [Tab] in a window of its own, with its own
// record of network requests and console errors. The browser and its tabs
// close at the end of the test.
//
//	func TestSearch(t *testing.T) {
//		b := browsertest.New(t)
//		base := browsertest.ServeDir(t, "testdata/site", "/intranet/psp/")
//		tab := b.Open(t, base+"index.html")
//		tab.WaitFor(t, `document.body.dataset.ready === "1"`, 5*time.Second)
//		if errs := tab.ConsoleErrors(); len(errs) > 0 {
//			t.Errorf("console errors: %q", errs)
//		}
//	}
//
// # Finding the browser
//
// [New] runs the program that the environment variable HANDBOOK_CHROMIUM
// names, when it is set. Otherwise it looks for chromium, chromium-browser and
// google-chrome on PATH, and then for /usr/bin/chromium. When it finds no
// browser, it skips the test, unless the environment variable CI is set: then
// it fails the test, so that a broken CI image never passes silently. A browser
// that is found but does not start always fails the test.
//
// # Timeouts
//
// Every action has a timeout, 20 seconds by default (see [Timeout]), so a
// browser that hangs fails the test and never hangs it.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The defaults of the browser and its tabs.
const (
	// DefaultTimeout is the time that an action of a tab may take, such as
	// loading a page, evaluating a script or clicking an element.
	DefaultTimeout = 20 * time.Second

	// DefaultWidth and DefaultHeight are the size of the window and of the
	// viewport of a new tab, in CSS pixels.
	DefaultWidth  = 1280
	DefaultHeight = 800

	// startTimeout is the time that the browser may take to start. A cold
	// start on a busy CI machine is slower than one action.
	startTimeout = 30 * time.Second

	// stopTimeout is the time that the browser may take to close cleanly at
	// the end of the test, before it is killed.
	stopTimeout = 10 * time.Second
)

// envBrowser is the environment variable that names the browser to run.
const envBrowser = "HANDBOOK_CHROMIUM"

// envCI is the environment variable that CI systems set. When it is not empty,
// a missing browser fails the test instead of skipping it.
const envCI = "CI"

// fallbackBrowser is the last place where New looks for the browser.
const fallbackBrowser = "/usr/bin/chromium"

// Browser is a headless Chromium process that belongs to one test. Make one
// with [New].
type Browser struct {
	ctx    context.Context // the chromedp context of the browser
	output *outputBuffer   // what the browser printed, for error messages
}

// New starts a headless Chromium for the test and stops it at t.Cleanup.
//
// It runs the program that $HANDBOOK_CHROMIUM names when the variable is set,
// and then it looks no further. Otherwise it looks for chromium,
// chromium-browser and google-chrome on PATH, and then for /usr/bin/chromium.
// When it finds none, it calls t.Skip with a message that says how to install
// the browser. When the environment variable CI is not empty, it calls t.Fatal
// instead, so that a broken CI install never passes silently.
//
// The browser runs headless, with no sandbox, no GPU and no background
// networking, with a fresh profile in a temporary directory, and with a
// window of 1280×800; each tab also gets a viewport of 1280×800 unless
// [Viewport] says otherwise. It does not get --allow-file-access-from-files, so pages
// over file:// run with the same limits as for a reader who opens them from
// disk.
func New(t testing.TB) *Browser {
	t.Helper()
	path, tried := findBrowser(os.Getenv, exec.LookPath)
	if path == "" {
		missingBrowser(t, os.Getenv(envCI) != "", tried)
		return nil // not reached: missingBrowser stops the test
	}

	output := &outputBuffer{}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(DefaultWidth, DefaultHeight),
		chromedp.CombinedOutput(output),
		// Without a UserDataDir option, chromedp gives the browser a fresh
		// profile in a new temporary directory, and removes it when the
		// browser exits.
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		// Close the browser cleanly, then make sure that it is gone.
		sctx, scancel := context.WithTimeout(ctx, stopTimeout)
		defer scancel()
		if err := chromedp.Cancel(sctx); err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			t.Logf("browsertest: closing the browser: %v", err)
		}
		cancel()
		cancelAlloc()
	})

	// The first Do starts the browser, and the browser lives as long as the
	// context of that call. So that call cannot have a timeout of its own: a
	// timer cancels the context when the start hangs.
	if err := startWithin(ctx, cancel, startTimeout); err != nil {
		t.Fatalf("browsertest: starting %s: %v%s", path, err, output.tail(err))
	}
	return &Browser{ctx: ctx, output: output}
}

// findBrowser returns the path of the browser to run, or "" and the places
// that it tried.
func findBrowser(getenv func(string) string, lookPath func(string) (string, error)) (path string, tried []string) {
	if name := getenv(envBrowser); name != "" {
		// An explicit choice is the only choice, so that a typo in it does
		// not silently run another browser.
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
		return "", []string{"$" + envBrowser + "=" + name}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
		tried = append(tried, name)
	}
	if p, err := lookPath(fallbackBrowser); err == nil {
		return p, nil
	}
	return "", append(tried, fallbackBrowser)
}

// missingBrowser stops the test because no browser was found: with t.Skip, or
// with t.Fatal when ci is true.
func missingBrowser(t testing.TB, ci bool, tried []string) {
	t.Helper()
	msg := fmt.Sprintf("browsertest: no Chromium found (tried %s). "+
		"Install it with `apt-get install chromium`, or run the tests with .ci/run; "+
		"set %s to the path of another Chromium or Chrome binary.",
		strings.Join(tried, ", "), envBrowser)
	if ci {
		t.Fatal(msg + " The CI environment variable is set, so this test fails instead of skipping.")
	}
	t.Skip(msg)
}

// startWithin runs the first action on the chromedp context ctx, which starts
// the browser or attaches the tab. It cancels ctx when that takes longer than
// timeout.
func startWithin(ctx context.Context, cancel context.CancelFunc, timeout time.Duration) error {
	timer := time.AfterFunc(timeout, cancel)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		return fmt.Errorf("no answer after %v (%w)", timeout, context.DeadlineExceeded)
	}
	return err
}

// outputBuffer keeps what the browser prints, so that an error message can show
// it. The browser writes from another goroutine.
type outputBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// maxOutput is the number of bytes of browser output that an error message
// shows.
const maxOutput = 4 << 10

func (o *outputBuffer) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf = append(o.buf, p...)
	if len(o.buf) > 4*maxOutput {
		o.buf = append(o.buf[:0], o.buf[len(o.buf)-maxOutput:]...)
	}
	return len(p), nil
}

// tail returns the end of the output, as a suffix for the message of err, or
// "" when the browser printed nothing or err already tells it.
func (o *outputBuffer) tail(err error) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.buf
	if len(out) > maxOutput {
		out = out[len(out)-maxOutput:]
	}
	s := strings.TrimSpace(string(out))
	if s == "" || strings.Contains(err.Error(), s) {
		return ""
	}
	return "\nbrowser output:\n" + s
}
