package serve

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// clientBuffer is how many events may wait for one client. A client that
// falls this far behind is dropped; its page reconnects and reloads.
const clientBuffer = 16

// eventData is the JSON payload of every event.
type eventData struct {
	// Server and Build tell a page whether it missed anything while it was
	// disconnected: a restarted server has another Server, a later build
	// another Build.
	Server string `json:"server"`
	Build  uint64 `json:"build"`
	// CSSOnly says the page can swap its stylesheets instead of reloading;
	// CSS lists the new stylesheets as URL paths.
	CSSOnly bool     `json:"cssOnly,omitempty"`
	CSS     []string `json:"css,omitempty"`
	// Navigate is the URL path of the page that was edited.
	Navigate string `json:"navigate,omitempty"`
	// Problems are the errors of a failed build, "path:line:col: message".
	Problems []string `json:"problems,omitempty"`
}

// event is one Server-Sent Event, already encoded.
type event []byte

func newEvent(name string, data eventData) event {
	b, _ := json.Marshal(data) // plain strings and numbers always encode
	return event("event: " + name + "\ndata: " + string(b) + "\n\n")
}

// broker fans events out to the open event streams. Publishing never
// blocks: a client whose buffer is full is dropped. The zero value is ready
// to use.
type broker struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
}

// client is one open event stream. ch is closed when the client is dropped
// or the broker closes.
type client struct {
	ch chan event
}

// subscribe adds a client, or returns nil once the broker is closed.
func (b *broker) subscribe() *client {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	if b.clients == nil {
		b.clients = make(map[*client]struct{})
	}
	c := &client{ch: make(chan event, clientBuffer)}
	b.clients[c] = struct{}{}
	return c
}

// unsubscribe removes c if it is still there.
func (b *broker) unsubscribe(c *client) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.clients[c]; ok {
		delete(b.clients, c)
		close(c.ch)
	}
}

// publish queues ev for every client and drops the clients that have no
// room for it. It returns how many clients were dropped.
func (b *broker) publish(ev event) (dropped int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c.ch <- ev:
		default:
			delete(b.clients, c)
			close(c.ch)
			dropped++
		}
	}
	return dropped
}

// close ends every stream and refuses new ones.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for c := range b.clients {
		delete(b.clients, c)
		close(c.ch)
	}
}

// count returns the number of open streams.
func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// serveEvents is the /_handbook/events stream. It starts with a "hello"
// event naming the server and the current build, then sends every event the
// broker publishes, and a comment line as a heartbeat when idle.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		return
	}
	c := s.broker.subscribe()
	if c == nil {
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.broker.unsubscribe(c)

	rc := http.NewResponseController(w)
	send := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.writeTimeout)) // not every ResponseWriter has deadlines
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	hello := append([]byte("retry: 1000\n"), newEvent("hello", eventData{Server: s.id, Build: s.state.Load().build})...)
	w.WriteHeader(http.StatusOK)
	if !send(hello) {
		return
	}
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c.ch:
			if !ok || !send(ev) {
				return
			}
		case <-tick.C:
			if !send([]byte(": heartbeat\n\n")) {
				return
			}
		}
	}
}
