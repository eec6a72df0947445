package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// Minifier shrinks HTML, CSS, JavaScript, SVG and JSON. One Minifier is
// built per build and shared by every goroutine (minify.M is safe for
// concurrent use).
type Minifier struct {
	m *minify.M
}

// mediaTypes maps file extensions to the media types minify knows.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// NewMinifier returns a Minifier. HTML keeps its document and end tags and
// attribute quotes: the saving is small and the output stays plainly valid
// HTML that any tool can read.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{KeepVarNames: false})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	return &Minifier{m: m}
}

// Minify minifies data by the extension of name. Files of other types, and
// files the minifier cannot parse, are returned unchanged: a minifier must
// never stop a build or change what a trust supplied.
func (m *Minifier) Minify(name string, data []byte) []byte {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok || m == nil {
		return data
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.m.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return data
	}
	return out.Bytes()
}

// MinifyTemplate minifies the HTML of a Go template, leaving its {{ }}
// actions alone, so the static part of every page is minified once when
// the theme loads instead of in every page. A template the minifier cannot
// read is returned unchanged.
func (m *Minifier) MinifyTemplate(text []byte) []byte {
	var out bytes.Buffer
	tm := &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true, TemplateDelims: html.GoTemplateDelims}
	if err := tm.Minify(m.m, &out, bytes.NewReader(text), nil); err != nil {
		return text
	}
	return out.Bytes()
}

// Fingerprint returns name with a short hash of data before its extension,
// "assets/handbook.css" → "assets/handbook.3f9a1c2b.css", so browsers and
// proxies can cache it for ever and never serve a stale copy.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
