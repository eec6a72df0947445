package theme

import (
	"html/template"
	"strings"
	"testing"
)

// escapes holds one action in each place Writer has a method for.
var escapes = template.Must(template.New("").Parse(
	`<p>{{.S}}</p>|<p title="{{.S}}">|<title>{{.S}}</title>|<a href="{{.S}}">|<a href="x/{{.S}}">|<a href="{{.R}}{{.S}}">|<a href="#{{.S}}">|<p class="n-{{.N}}">`))

// writeEscapes is escapes written with a Writer.
func writeEscapes(s, r string, n int) string {
	w := NewWriter(0)
	w.Raw("<p>")
	w.Text(s)
	w.Raw(`</p>|<p title="`)
	w.Text(s)
	w.Raw(`">|<title>`)
	w.Text(s)
	w.Raw(`</title>|<a href="`)
	w.URL(s)
	w.Raw(`">|<a href="x/`)
	w.URLPart(s)
	w.Raw(`">|<a href="`)
	w.URL(r)
	w.URL(s)
	w.Raw(`">|<a href="#`)
	w.URLQuery(s)
	w.Raw(`">|<p class="n-`)
	w.Int(n)
	w.Raw(`">`)
	return w.String()
}

func checkEscapes(t *testing.T, s, r string, n int) {
	t.Helper()
	var want strings.Builder
	if err := escapes.Execute(&want, struct {
		S, R string
		N    int
	}{s, r, n}); err != nil {
		t.Fatal(err)
	}
	if got := writeEscapes(s, r, n); got != want.String() {
		t.Errorf("Writer differs from html/template for %q, %q:\n got %s\nwant %s", s, r, got, want.String())
	}
}

func TestWriterMatchesHTMLTemplate(t *testing.T) {
	for _, s := range writerSeeds {
		checkEscapes(t, s, "", -7)
		checkEscapes(t, s, "../../", 2)
		checkEscapes(t, "page/", s, 0)
	}
}

var writerSeeds = []string{
	"", "plain", `Tom & Jerry's "show" <b>`, "C++ and 1+1", "nul\x00here", "Café – naïve",
	"bad \xff utf-8", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.nhs.uk", "https://x.nhs.uk/a?b=c&d=e#f",
	"data:text/html,x", "/path:with/colon", "../about (old)/", "50% off %2F %zz %4", "a b\tc\nd",
	"!#$&'()*+,/:;=?@[]", "-._~", "\x7f\x01 `{|}^\\",
}

// FuzzWriter checks Writer against html/template on any text.
func FuzzWriter(f *testing.F) {
	for _, s := range writerSeeds {
		f.Add(s, "../", 1)
	}
	f.Fuzz(func(t *testing.T, s, r string, n int) {
		checkEscapes(t, s, r, n)
	})
}
