// Package serve is the live preview behind `handbook serve`: it watches every
// input of a handbook, rebuilds when something changes, serves the last good
// site from memory, and tells open browsers to reload over Server-Sent Events.
//
// It knows nothing about how a handbook is built: it calls the BuildFunc it is
// given, which returns a complete Snapshot of the site. Nothing is written to
// disk.
//
// The pieces, in the order a change travels through them:
//
//	watcher (fsnotify, or a poller) ─► loop (debounce, one build at a time)
//	  ─► Rebuild (BuildFunc, swap the snapshot, print problems)
//	  ─► broker (SSE "reload" or "error" event to every open page)
//	  ─► handler (serves the snapshot, injects the live-reload script and the error overlay)
//
// [Serve] runs all of it until its context ends. A [Server] exposes the same
// pieces one by one: [Server.Handler] and [Server.Rebuild] need no network and
// no watcher, which is how most tests drive them.
//
// fsnotify is used only in this package.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// Defaults of Options.
const (
	DefaultBind     = "127.0.0.1"
	DefaultPort     = 1313
	DefaultDebounce = 50 * time.Millisecond

	// portTries is how many ports after Options.Port are tried when it is
	// taken.
	portTries = 100
	// fallbackPoll is the polling interval used when fsnotify cannot be set
	// up.
	fallbackPoll = 500 * time.Millisecond
	// shutdownTimeout bounds http.Server.Shutdown on the way out.
	shutdownTimeout = 2 * time.Second
	// heartbeat is how often an idle event stream gets a comment line, so
	// proxies and browsers keep it open and dead clients are noticed.
	heartbeat = 15 * time.Second
	// writeTimeout bounds each write to an event stream: a client that
	// stops reading is cut off rather than holding a goroutine for ever.
	writeTimeout = 10 * time.Second
)

// Snapshot is one complete build of the site, immutable once returned.
type Snapshot struct {
	// Files maps slash paths from the site root, such as "index.html",
	// "about/index.html" and "assets/handbook.1a2b3c4d.css", to their
	// content.
	Files map[string][]byte
	// Problems are the errors and warnings of this build. Errors mean Files
	// is nil: the server keeps serving the previous snapshot.
	Problems []*diag.Diagnostic
	// Pages maps a source file path (as in the changed list: slash-separated,
	// relative to the handbook folder, such as "content/about.md") to the
	// URL path of the page it makes ("about/"), for Options.Navigate.
	Pages map[string]string
	// Title is the handbook's title, shown in the terminal. It may be empty.
	Title string
}

// BuildFunc builds the whole site. changed lists the files (slash paths
// relative to the handbook folder) that changed since the last call, or is
// nil for "everything" (the first build, or when changes may have been
// missed). A path may name a folder that was removed or renamed away, which
// means everything that was under it. The builder may use changed to rebuild
// only what depends on those files, but must return a complete Snapshot.
//
// err is non-nil only when the build failed as a whole; errors in content are
// Problems with severity error.
type BuildFunc func(ctx context.Context, changed []string) (*Snapshot, error)

// Clock tells the time and makes timers. The server uses it to debounce
// changes, to poll and to time builds; tests replace it to control all three.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Options configures a Server.
type Options struct {
	// Dir is the handbook folder to watch. The default is the current folder.
	Dir string
	// Build builds the site. It is required.
	Build BuildFunc
	// Bind is the address to listen on; the default is "127.0.0.1". While it
	// is a loopback address, requests must name the server as localhost,
	// 127.0.0.1 or [::1] (a guard against DNS rebinding).
	Bind string
	// Port is the port to listen on; 0 means 1313. When it is taken, the
	// next ports (up to 100 more) are tried and the one used is reported. A
	// negative Port lets the system choose any free port.
	Port int
	// Poll, when positive, makes the server poll file modification times at
	// this interval instead of using fsnotify (for network drives and other
	// folders that do not report changes).
	Poll time.Duration
	// Navigate, after a rebuild caused by editing one page, sends the
	// browser to that page.
	Navigate bool
	// Debounce is how long to wait after the last change before rebuilding;
	// zero or less means 50 ms.
	Debounce time.Duration
	// Stdout receives the address and the rebuild summaries, Stderr the
	// problems and watcher messages. Nil discards them.
	Stdout, Stderr io.Writer
	// Notice, when set, is printed at start, for example "No handbook.yaml
	// here: showing the starter handbook. Run handbook init to start your
	// own."
	Notice string

	// Clock replaces the system clock (tests).
	Clock Clock
	// OnRebuild, when set, is called after each build, including the first,
	// with the changed list the build was given (tests).
	OnRebuild func(changed []string)
}

// Server is a live preview of one handbook. Make one with New. Handler and
// Rebuild work straight away; Start adds the listener, the watcher and the
// rebuild loop, and Close stops them.
type Server struct {
	opts  Options
	root  string // absolute Dir
	clock Clock
	id    string // tells this server apart from a restarted one, in events

	// The following may be replaced by tests before Start.
	newWatcher   func() (fsWatcher, error)
	fallbackPoll time.Duration
	heartbeat    time.Duration
	writeTimeout time.Duration
	received     func(path string) // called by the loop for each change it takes in

	buildMu sync.Mutex // held for the whole of a build: never two at once
	state   atomic.Pointer[state]
	broker  broker

	mu      sync.Mutex // guards the fields below
	started bool
	closed  bool
	ln      net.Listener
	srv     *http.Server
	cancel  context.CancelFunc
	failed  chan error // the HTTP server stopped by itself
	wg      sync.WaitGroup
}

// New checks opts, fills in the defaults and returns a Server that has not
// started.
func New(opts Options) (*Server, error) {
	if opts.Build == nil {
		return nil, errors.New("serve: no build function")
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Bind == "" {
		opts.Bind = DefaultBind
	}
	if opts.Port == 0 {
		opts.Port = DefaultPort
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	fi, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("serve %s: not a folder", opts.Dir)
	}
	clock := opts.Clock
	if clock == nil {
		clock = systemClock{}
	}
	var id [8]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails
	s := &Server{
		opts:         opts,
		root:         root,
		clock:        clock,
		id:           hex.EncodeToString(id[:]),
		newWatcher:   newNotifyWatcher,
		fallbackPoll: fallbackPoll,
		heartbeat:    heartbeat,
		writeTimeout: writeTimeout,
		failed:       make(chan error, 1),
	}
	s.state.Store(&state{})
	return s, nil
}

// Serve runs a live preview of the handbook in opts.Dir until ctx is
// cancelled, then shuts everything down and returns nil. It returns an error
// when it cannot start or when the HTTP server fails.
func Serve(ctx context.Context, opts Options) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	if err := s.Start(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped before it started: a clean shutdown too
		}
		return err
	}
	select {
	case <-ctx.Done():
	case err = <-s.failed:
	}
	return errors.Join(err, s.Close())
}

// Start listens on Options.Bind and Options.Port (or the next free port),
// starts watching the handbook, runs the first build, then serves and
// rebuilds in the background until ctx is cancelled or Close is called. Builds
// get a context derived from ctx. When ctx ends during the first build, Start
// stops everything again and returns ctx's error.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return errors.New("serve: server already started")
	}
	s.started = true

	ln, err := listen(s.opts.Bind, s.opts.Port)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if got := ln.Addr().(*net.TCPAddr).Port; s.opts.Port > 0 && got != s.opts.Port {
		fmt.Fprintf(s.opts.Stdout, "Port %d is in use: using %d instead.\n", s.opts.Port, got)
	}
	ctx, cancel := context.WithCancel(ctx)
	changes := make(chan string, 256)
	s.watch(ctx, changes)

	s.Rebuild(ctx, nil)
	if err := ctx.Err(); err != nil {
		// Stopped during the first build: nothing was served.
		cancel()
		ln.Close()
		s.wg.Wait()
		s.closed = true
		return err
	}

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          log.New(s.opts.Stderr, "handbook serve: ", 0),
	}
	s.ln, s.srv, s.cancel = ln, srv, cancel
	s.wg.Go(func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.failed <- fmt.Errorf("serve: %w", err)
		}
	})
	s.wg.Go(func() { s.loop(ctx, changes) })

	what := "Serving"
	if st := s.state.Load(); st.site != nil && st.site.Title != "" {
		what += " " + st.site.Title
	}
	fmt.Fprintf(s.opts.Stdout, "%s at %s (press Ctrl+C to stop)\n", what, s.url(ln.Addr()))
	if s.opts.Notice != "" {
		fmt.Fprintln(s.opts.Stdout, s.opts.Notice)
	}
	return nil
}

// Close stops the watcher and the rebuild loop, ends every event stream and
// shuts the HTTP server down, waiting for all of them. A Server that was
// never started only ends its event streams. Close may be called more than
// once.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.broker.close()
	if s.closed || s.srv == nil { // closed already, or never (fully) started
		s.closed = true
		return nil
	}
	s.closed = true
	s.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		s.srv.Close() // connections that would not go idle in time
	}
	s.wg.Wait()
	return nil
}

// Addr returns the address the server listens on, or nil before Start.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// URL returns the address of the site, such as "http://127.0.0.1:1313/", or
// "" before Start.
func (s *Server) URL() string {
	addr := s.Addr()
	if addr == nil {
		return ""
	}
	return s.url(addr)
}

func (s *Server) url(addr net.Addr) string {
	host := s.opts.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.(*net.TCPAddr).Port)) + "/"
}

// listen listens on bind:port, or on the next free port up to portTries
// further. A negative port means any free port.
func listen(bind string, port int) (net.Listener, error) {
	if port < 0 {
		return net.Listen("tcp", net.JoinHostPort(bind, "0"))
	}
	last := min(port+portTries, 65535)
	for p := port; ; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if p >= last || !portTaken(err) {
			if p > port {
				return nil, fmt.Errorf("ports %d to %d are all in use: %w", port, p, err)
			}
			return nil, err
		}
	}
}

// portTaken reports whether a listen error may go away on another port: the
// port is in use, or (on Windows) reserved by the system. Errors about the
// address itself end the search.
func portTaken(err error) bool {
	var dnsErr *net.DNSError
	var addrErr *net.AddrError
	if errors.As(err, &dnsErr) || errors.As(err, &addrErr) || errors.Is(err, syscall.EADDRNOTAVAIL) {
		return false
	}
	return true
}

// systemClock is the real clock.
type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
