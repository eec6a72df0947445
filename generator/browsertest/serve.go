package browsertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// ServeDir serves the files of dir over HTTP under the URL path prefix, such
// as "/intranet/psp/", until the end of the test, and returns the base URL,
// such as "http://127.0.0.1:40123/intranet/psp/". A prefix of "" or "/"
// serves dir at the root.
//
// It is a plain static file server, as a web server in front of a built site
// is: http.FileServer under http.StripPrefix. A request outside the prefix
// gets 404, so a link that forgets the prefix breaks as it would in
// production. A folder serves its index.html, and a folder with no
// index.html gets a listing.
func ServeDir(t testing.TB, dir, prefix string) (baseURL string) {
	t.Helper()
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

// FileURL returns the file:// URL of the file at path, such as
// "file:///tmp/site/index.html" for "/tmp/site/index.html". A relative path is
// taken from the working directory. Characters that a URL cannot hold, such as
// spaces, are escaped.
func FileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows path such as C:/site
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
