package theme

import (
	"html/template"
	"strconv"
	"strings"
)

// Writer builds HTML in Go the way a template of this package would:
// each value is escaped exactly as html/template escapes an action in the
// same place, so that a Go rendering of a default template (see Partial)
// writes the very bytes the template writes. The methods are named after
// where the value goes.
type Writer struct {
	b []byte
}

// NewWriter returns a Writer whose buffer starts with room for size bytes.
func NewWriter(size int) *Writer { return &Writer{b: make([]byte, 0, size)} }

// Grow makes room for n more bytes, as a renderer that knows how much it
// will write can say up front, rather than the buffer growing step by
// step and being copied each time. It makes exactly that room, where
// slices.Grow could double the buffer.
func (w *Writer) Grow(n int) {
	if free := cap(w.b) - len(w.b); free < n {
		b := make([]byte, len(w.b), len(w.b)+n)
		copy(b, w.b)
		w.b = b
	}
}

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.b }

// String returns what was written.
func (w *Writer) String() string { return string(w.b) }

// Raw writes s as it is: a template's own text, or HTML already escaped.
func (w *Writer) Raw(s string) { w.b = append(w.b, s...) }

// HTML writes trusted HTML into element content, as {{.}} does with a
// template.HTML value.
func (w *Writer) HTML(s template.HTML) { w.b = append(w.b, s...) }

// Text writes s as {{.}} in element content, in a quoted attribute that
// is not a URL, or in <title>: html/template's three escapers for those
// places share one table.
func (w *Writer) Text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.b = append(w.b, s[last:i]...)
		w.b = append(w.b, repl...)
		last = i + 1
	}
	w.b = append(w.b, s[last:]...)
}

// Link writes <a href="{{href}}">{{text}}</a>.
func (w *Writer) Link(href, text string) {
	w.Raw(`<a href="`)
	w.URL(href)
	w.Raw(`">`)
	w.Text(text)
	w.Raw("</a>")
}

// Int writes n as {{.}} does.
func (w *Writer) Int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// URL writes s as {{.}} at the start of a URL attribute (href, src,
// action), or after other actions there with no text between them, as
// in href="{{.Root}}{{.Href}}": a URL whose scheme is not http, https or
// mailto becomes "#ZgotmplZ", and the rest is normalised as URLPart does.
func (w *Writer) URL(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	w.URLPart(s)
}

// URLPart writes s as {{.}} after text in a URL attribute, before any
// "?" or "#": bytes that may not appear in a URL are percent-encoded and
// the rest is escaped for the attribute.
func (w *Writer) URLPart(s string) { w.url(s, true) }

// URLQuery writes s as {{.}} after "?" or "#" in a URL attribute: every
// byte but letters, digits and "-._~" is percent-encoded.
func (w *Writer) URLQuery(s string) { w.url(s, false) }

// url is html/template's URL normaliser (norm) or escaper, followed by
// its attribute escaper, in one pass: percent-encoding leaves nothing
// for the attribute escaper but the "&" and "+" a normalised URL keeps.
func (w *Writer) url(s string, norm bool) {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case norm && c == '&':
			w.b = append(w.b, s[last:i]...)
			w.b = append(w.b, "&amp;"...)
			last = i + 1
			continue
		case norm && c == '+':
			w.b = append(w.b, s[last:i]...)
			w.b = append(w.b, "&#43;"...)
			last = i + 1
			continue
		case norm && strings.IndexByte("!#$*,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		w.b = append(w.b, s[last:i]...)
		w.b = append(w.b, '%', hex[c>>4], hex[c&15])
		last = i + 1
	}
	w.b = append(w.b, s[last:]...)
}

// safeURL is html/template's test of a URL's scheme.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
