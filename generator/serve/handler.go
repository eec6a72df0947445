package serve

import (
	"embed"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// assets are the files the server adds to the site: the live-reload client
// and the overlay's stylesheet.
//
//go:embed livereload.js overlay.css
var assets embed.FS

// The URL paths the server keeps for itself.
const (
	prefix        = "/_handbook/"
	eventsPath    = prefix + "events"
	scriptPath    = prefix + "livereload.js"
	overlayCSS    = prefix + "overlay.css"
	scriptElement = `<script src="` + scriptPath + `" defer></script>`
)

// contentSecurityPolicy allows nothing but the site itself (and data: images),
// as the output contract promises; the live-reload client is a same-origin
// file, not inline code.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:"

// Handler returns the handler that serves the current site from memory, the
// live-reload script, the overlay stylesheet and the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")

	if loopback(s.opts.Bind) && !localHost(r.Host) {
		http.Error(w, "403 forbidden: this preview only answers to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r.URL)
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch "/" + name {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case scriptPath, overlayCSS:
		data, _ := assets.ReadFile(path.Base(name))
		s.write(w, r, http.StatusOK, name, data, nil)
		return
	}
	if strings.HasPrefix("/"+name, prefix) {
		http.NotFound(w, r)
		return
	}

	st := s.state.Load()
	if st.site == nil {
		s.write(w, r, http.StatusInternalServerError, "error.html", errorPage(st.problems), st.overlay)
		return
	}
	files := st.site.Files
	key := name
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	if data, ok := files[key]; ok {
		s.write(w, r, http.StatusOK, key, data, st.overlay)
		return
	}
	if name != "" && !strings.HasSuffix(name, "/") {
		if _, ok := files[name+"/index.html"]; ok {
			to := &url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, to.String(), http.StatusFound)
			return
		}
	}
	if data, ok := files["404.html"]; ok {
		s.write(w, r, http.StatusNotFound, "404.html", data, st.overlay)
		return
	}
	http.NotFound(w, r)
}

// write sends one file. HTML gets the live-reload script and, while the
// latest build has errors, the overlay.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, data, overlay []byte) {
	ctype := contentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, overlay)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data) // the client has gone; nothing to do
	}
}

// sitePath turns a request URL into a slash path relative to the site root
// ("" for the root, "about/" for a folder), or reports false for anything
// that is not a plain path inside the site: dot segments, empty segments
// (so no absolute paths), backslashes, NUL, and encoded slashes,
// backslashes or NULs.
func sitePath(u *url.URL) (string, bool) {
	raw := strings.ToLower(u.EscapedPath())
	for _, bad := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	if name == "" {
		return "", true
	}
	if !fs.ValidPath(strings.TrimSuffix(name, "/")) {
		return "", false
	}
	return name, true
}

// loopback reports whether bind is a loopback address.
func loopback(bind string) bool {
	if strings.EqualFold(bind, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}

// localHost reports whether a Host header names this machine by a loopback
// name: localhost, 127.0.0.1 or [::1], with or without a port. Anything else
// reaching a loopback-bound server is a page on another site that resolved
// its own name to 127.0.0.1 (DNS rebinding).
func localHost(host string) bool {
	name := host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && i > strings.LastIndexByte(host, ']') {
		port := host[i+1:]
		if port == "" || strings.Trim(port, "0123456789") != "" {
			return false
		}
		name = host[:i]
	}
	switch strings.ToLower(name) {
	case "localhost", "127.0.0.1", "[::1]":
		return true
	}
	return false
}

// contentType returns the media type of a file from its extension. The
// common web types are fixed here, because the system's tables differ
// (some still say application/x-javascript); others come from the mime
// package, then from sniffing, never as HTML.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".xml":
		return "application/xml"
	}
	if t := mime.TypeByExtension(ext); ext != "" && t != "" {
		return t
	}
	t := http.DetectContentType(data)
	if strings.HasPrefix(t, "text/html") {
		return "text/plain; charset=utf-8"
	}
	return t
}
