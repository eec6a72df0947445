package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Option changes how [Browser.Open] opens a tab.
type Option func(*tabOptions)

type tabOptions struct {
	width, height int
	timeout       time.Duration
}

// Viewport sets the size of the viewport of the tab, in CSS pixels, before the
// page loads. The default is [DefaultWidth]×[DefaultHeight], 1280×800.
// [Tab.SetViewport] changes the size later.
func Viewport(width, height int) Option {
	return func(o *tabOptions) { o.width, o.height = width, height }
}

// Timeout sets the time that each action of the tab may take, such as loading
// a page, evaluating a script or clicking. The default is [DefaultTimeout].
// [Tab.WaitFor] has its own timeout.
func Timeout(d time.Duration) Option {
	return func(o *tabOptions) { o.timeout = d }
}

// Tab is a page in its own browser window. It records the URL of every
// network request that the page makes and every error that it writes to the
// console, from the moment the tab opens. Make one with [Browser.Open].
//
// The methods of a Tab that take a testing.TB fail the test when the browser
// reports an error or does not answer in time. A Tab is for one goroutine at a
// time, but [Tab.Requests] and [Tab.ConsoleErrors] may be called from any
// goroutine.
type Tab struct {
	ctx       context.Context // the chromedp context of the tab
	cancel    context.CancelFunc
	timeout   time.Duration
	closeOnce sync.Once

	mu       sync.Mutex
	requests []string
	errs     []string
}

// Open opens url in a new tab, waits for the load event, and returns the tab.
// The tab records every network request it makes, and every console error.
// It closes at t.Cleanup, or earlier with [Tab.Close].
//
// A url that does not load, such as a file:// URL of a missing file or an
// http:// URL with no server, fails the test. An HTTP error status such as 404
// does not: the page loads, with the error page of the server.
func (b *Browser) Open(t testing.TB, url string, opts ...Option) *Tab {
	t.Helper()
	o := tabOptions{width: DefaultWidth, height: DefaultHeight, timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	tab := &Tab{timeout: o.timeout}
	// WithListener adds the recorder before the tab sends its first command,
	// so it sees every event of the tab, in the order in which they come.
	tab.ctx, tab.cancel = chromedp.NewContext(b.ctx, chromedp.WithListener(tab.record))
	t.Cleanup(tab.Close)

	// The first Do creates and attaches the tab, which then lives as long as
	// the context of that call, so it gets a timer and not a timeout.
	if err := startWithin(tab.ctx, tab.cancel, o.timeout); err != nil {
		t.Fatalf("browsertest: opening a tab: %v%s", err, b.output.tail(err))
	}
	// A new window of a headless Chromium is as wide as --window-size, but
	// not as high, so the tab sets the viewport itself.
	tab.SetViewport(t, o.width, o.height)
	tab.Navigate(t, url)
	return tab
}

// Navigate loads url in the tab and waits for its load event.
func (tab *Tab) Navigate(t testing.TB, url string) {
	t.Helper()
	if err := tab.do(chromedp.Navigate(url)); err != nil {
		t.Fatalf("browsertest: Navigate(%q): %v", url, err)
	}
}

// Reload reloads the page and waits for its load event.
func (tab *Tab) Reload(t testing.TB) {
	t.Helper()
	if err := tab.do(chromedp.Reload()); err != nil {
		t.Fatalf("browsertest: Reload: %v", err)
	}
}

// Eval evaluates the JavaScript expression js in the page and decodes its
// result, as JSON, into out, which is a pointer as for json.Unmarshal. When out
// is nil, Eval ignores the result. A promise is awaited, so js may be an async
// expression such as `fetch("x").then(r => r.status)`.
//
// Eval fails the test when the expression throws, and when out is not nil and
// the result is undefined or cannot be decoded into out.
func (tab *Tab) Eval(t testing.TB, js string, out any) {
	t.Helper()
	obj, err := tab.evaluate(js, true, tab.timeout)
	if err != nil {
		t.Fatalf("browsertest: Eval(%q): %v", js, err)
	}
	if out == nil {
		return
	}
	if obj.Type == runtime.RemoteObjectTypeUndefined {
		t.Fatalf("browsertest: Eval(%q): the result is undefined, and cannot be decoded into %T", js, out)
	}
	value := []byte(obj.Value)
	if len(value) == 0 {
		value = []byte("null") // null, and values that JSON cannot represent
	}
	if err := json.Unmarshal(value, out); err != nil {
		t.Fatalf("browsertest: Eval(%q): decoding %s into %T: %v", js, value, out, err)
	}
}

// WaitFor evaluates the JavaScript expression jsCondition again and again,
// until its value is truthy in the sense of JavaScript. It fails the test when
// that does not happen within timeout, and shows the last value, or the last
// error, of the expression. An expression that throws counts as false, so a
// condition may read something that is not there yet. A navigation between two
// evaluations does no harm, so a condition may wait for a new page.
func (tab *Tab) WaitFor(t testing.TB, jsCondition string, timeout time.Duration) {
	t.Helper()
	const interval = 50 * time.Millisecond
	deadline := time.Now().Add(timeout)
	for {
		var last string
		// One evaluation may take a little longer than the time that is
		// left, so that a slow answer is not mistaken for a hung page.
		obj, err := tab.evaluate(jsCondition, false, min(tab.timeout, max(time.Until(deadline), time.Second)))
		switch {
		case err != nil:
			last = "error: " + err.Error()
		case truthy(obj):
			return
		default:
			last = describe(obj)
		}
		left := time.Until(deadline)
		if left <= 0 {
			t.Fatalf("browsertest: WaitFor(%q): still not true after %v; the last value was %s", jsCondition, timeout, last)
		}
		time.Sleep(min(interval, left))
	}
}

// Click clicks the first visible element that matches the CSS selector, with
// the left mouse button at the middle of the element, after it scrolls the
// element into view. It waits for such an element up to the timeout of the
// tab. Click does not wait for a navigation that the click starts: use
// [Tab.WaitFor] for that.
func (tab *Tab) Click(t testing.TB, selector string) {
	t.Helper()
	if err := tab.do(chromedp.Click(chromedp.CSS(selector))); err != nil {
		t.Fatalf("browsertest: Click(%q): %v", selector, err)
	}
}

// SetViewport sets the size of the viewport, in CSS pixels, with a device pixel
// ratio of 1. The page sees the new size at once, as after a resize of the
// window.
func (tab *Tab) SetViewport(t testing.TB, width, height int) {
	t.Helper()
	if width <= 0 || height <= 0 {
		t.Fatalf("browsertest: SetViewport(%d, %d): the size must be positive", width, height)
	}
	if err := tab.do(chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("browsertest: SetViewport(%d, %d): %v", width, height, err)
	}
}

// Screenshot saves a PNG image of the whole page, beyond the viewport, at
// path. It makes the folder of path when it does not exist.
func (tab *Tab) Screenshot(t testing.TB, path string) {
	t.Helper()
	var png []byte
	err := tab.do(chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		var err error
		png, err = chromedp.FullScreenshot(100)(ctx, tgt) // quality 100 means PNG
		return err
	}))
	if err != nil {
		t.Fatalf("browsertest: Screenshot: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("browsertest: Screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browsertest: Screenshot: %v", err)
	}
}

// PressKey presses and releases one key, with Input.dispatchKeyEvent, in the
// element that has the focus. The key is the DOM name of the key, as in
// KeyboardEvent.key: "Tab", "Enter", "Escape", "ArrowDown", "Home", "a", "/".
// Modifiers come before it, joined with "+": "Shift+Tab", "Control+a". The
// names of the modifiers are Shift, Control, Alt and Meta.
//
// A printable key, and Enter, also types its text, so Enter follows a focused
// link and submits a form, and Tab moves the focus as it does for a reader.
func (tab *Tab) PressKey(t testing.TB, key string) {
	t.Helper()
	events, err := keyEvents(key)
	if err != nil {
		t.Fatalf("browsertest: PressKey(%q): %v", key, err)
	}
	if err := tab.do(dispatchKeys(events)); err != nil {
		t.Fatalf("browsertest: PressKey(%q): %v", key, err)
	}
}

// Requests returns the URL of every request that the tab made so far, in
// order: the documents, stylesheets, scripts, fonts, images, iframes, and the
// fetch and XMLHttpRequest calls of its pages. It covers file:// as well as
// http://: Chromium reports the loads of local files to the network domain
// like any other, also a fetch of a file:// URL that CORS then blocks.
// data: URLs are there too. A redirect adds the URL of each step. The URLs
// have no #fragment. A URL is there each time it was requested: each fetch,
// and each page that loads it, also from the HTTP cache. A resource that a page
// reuses, such as one image in two img elements, is there once for the page. A
// change of the #fragment requests nothing.
//
// A page over http:// that links no icon makes Chromium request /favicon.ico at
// the root of the server by itself, after the load event, and that request is
// in the list too.
//
// The list comes from the event Network.requestWillBeSent of the tab, so it
// does not have the requests of workers, and of iframes from another site,
// which Chromium runs in processes of their own.
func (tab *Tab) Requests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return slices.Clone(tab.requests)
}

// ConsoleErrors returns the errors that the pages of the tab reported so far,
// in order, as one line of text each:
//
//   - a call of console.error, or a failed console.assert;
//   - an uncaught exception or an unhandled promise rejection;
//   - an entry of level error of the browser log, which is where Chromium
//     reports a violation of the Content-Security-Policy, such as a blocked
//     inline script, and a resource that failed to load, such as a 404.
//
// The text is the message as DevTools shows it, with the place that it came
// from, when known. Test it with strings.Contains, not for equality.
//
// Some errors come after the load event, such as an error in a timer, or the
// 404 of the /favicon.ico that Chromium requests by itself for a page over
// http:// that links no icon. Give such a page a <link rel="icon">, or wait
// for the errors with [Tab.WaitFor] on the effect that comes last.
func (tab *Tab) ConsoleErrors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return slices.Clone(tab.errs)
}

// Close closes the tab. It is safe to call more than once. Open arranges for it
// to run at the end of the test.
func (tab *Tab) Close() {
	tab.closeOnce.Do(tab.cancel)
}

// do runs the actions in the tab with the timeout of the tab.
func (tab *Tab) do(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tab.ctx, tab.timeout)
	defer cancel()
	return tab.explain(ctx, chromedp.Do(ctx, actions...), tab.timeout)
}

// evaluate evaluates js in the page within timeout. With byValue, the result
// holds the value as JSON, and a promise is awaited.
func (tab *Tab) evaluate(js string, byValue bool, timeout time.Duration) (*runtime.RemoteObject, error) {
	ctx, cancel := context.WithTimeout(tab.ctx, timeout)
	defer cancel()
	opts := []chromedp.EvaluateOption{}
	if byValue {
		opts = append(opts, chromedp.EvalAwaitPromise, func(p *runtime.EvaluateParams) {
			p.ReturnByValue = new(true)
		})
	}
	obj, err := chromedp.Run(ctx, chromedp.Evaluate[*runtime.RemoteObject](js, opts...))
	return obj, tab.explain(ctx, err, timeout)
}

// explain adds to err that the action ran out of time, when it did, or that
// the tab is closed.
func (tab *Tab) explain(ctx context.Context, err error, timeout time.Duration) error {
	switch {
	case err == nil:
		return nil
	case tab.ctx.Err() != nil:
		return fmt.Errorf("the tab is closed, or the browser is gone: %w", err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("no result after %v: %w", timeout, err)
	}
	return err
}

// record is the listener of the tab. The tab calls it in its event loop, in the
// order of the events, so it must return fast and run no command.
func (tab *Tab) record(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			tab.add(&tab.requests, ev.Request.URL)
		}
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			tab.add(&tab.errs, consoleCallText(ev))
		}
	case *runtime.EventExceptionThrown:
		if ev.ExceptionDetails != nil {
			tab.add(&tab.errs, exceptionText(ev.ExceptionDetails))
		}
	case *log.EventEntryAdded:
		if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError {
			tab.add(&tab.errs, logEntryText(ev.Entry))
		}
	}
}

func (tab *Tab) add(list *[]string, s string) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	*list = append(*list, s)
}

// consoleCallText formats a call of console.error or console.assert, such as
// `console.error: no such page "x" (http://host/app.js:3:9)`.
func consoleCallText(ev *runtime.EventConsoleAPICalled) string {
	args := make([]string, 0, len(ev.Args))
	for _, a := range ev.Args {
		args = append(args, describeArg(a))
	}
	text := "console." + string(ev.Type) + ": " + strings.Join(args, " ")
	if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
		f := st.CallFrames[0]
		text += place(f.URL, f.LineNumber, f.ColumnNumber)
	}
	return text
}

// exceptionText formats an uncaught exception, such as
// `Uncaught TypeError: x is undefined (http://host/app.js:3:9)`.
func exceptionText(d *runtime.ExceptionDetails) string {
	text := d.Text
	if d.Exception != nil {
		desc := d.Exception.Description
		if desc == "" {
			desc = describeArg(d.Exception)
		}
		// The description has the stack after the first line.
		desc, _, _ = strings.Cut(desc, "\n")
		text += " " + desc
	}
	url := d.URL
	if url == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		url = d.StackTrace.CallFrames[0].URL
	}
	return text + place(url, d.LineNumber, d.ColumnNumber)
}

// logEntryText formats an entry of the browser log, such as
// `security: Executing inline script violates ... (file:///x/index.html:5)`.
func logEntryText(e *log.Entry) string {
	text := string(e.Source) + ": " + e.Text
	if e.URL != "" {
		text += " (" + e.URL
		if e.LineNumber > 0 {
			text += ":" + strconv.FormatInt(e.LineNumber+1, 10)
		}
		text += ")"
	}
	return text
}

// place formats the place of a message, with the line and the column from 1,
// as " (url:line:column)", or "" when url is empty.
func place(url string, line, column int64) string {
	if url == "" {
		return ""
	}
	return fmt.Sprintf(" (%s:%d:%d)", url, line+1, column+1)
}

// describeArg formats an argument of a console call as the console shows it:
// a string as it is, another value as JSON or by its description.
func describeArg(o *runtime.RemoteObject) string {
	if o.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal([]byte(o.Value), &s) == nil {
			return s
		}
	}
	return describe(o)
}

// describe formats a value for an error message.
func describe(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return "undefined"
	case len(o.Value) > 0:
		return string(o.Value)
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	case o.Subtype == runtime.RemoteObjectSubtypeNull:
		return "null"
	}
	return string(o.Type)
}

// truthy reports whether a value is truthy in the sense of JavaScript.
func truthy(o *runtime.RemoteObject) bool {
	switch o.Type {
	case runtime.RemoteObjectTypeUndefined:
		return false
	case runtime.RemoteObjectTypeBoolean:
		return string(o.Value) == "true"
	case runtime.RemoteObjectTypeString:
		return string(o.Value) != `""`
	case runtime.RemoteObjectTypeNumber:
		if o.UnserializableValue != "" {
			// NaN and -0 are false; Infinity and -Infinity are true.
			u := string(o.UnserializableValue)
			return u != "NaN" && u != "-0"
		}
		f, err := strconv.ParseFloat(string(o.Value), 64)
		return err == nil && f != 0 && !math.IsNaN(f)
	case runtime.RemoteObjectTypeBigint:
		return strings.TrimSuffix(string(o.UnserializableValue), "n") != "0"
	case runtime.RemoteObjectTypeObject:
		return o.Subtype != runtime.RemoteObjectSubtypeNull
	}
	return true // functions and symbols
}
