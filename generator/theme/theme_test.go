package theme_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/theme"
)

// TestRefusedTemplateCalledLater checks that a template html/template
// refuses, once run on its own, fails the templates that call it with its
// own error. (html/template empties a template it refuses, and would
// panic escaping a template that calls it.)
func TestRefusedTemplateCalledLater(t *testing.T) {
	th, err := theme.Load(theme.Layer{FS: fstest.MapFS{
		"templates/page.html":      {Data: []byte(`<main>{{template "card.html" .}}</main>`)},
		"templates/404.html":       {Data: []byte(`<p>Not found</p>`)},
		"templates/card.html":      {Data: []byte(`<a href="{{.}}`)},
		"templates/cards.html":     {Data: []byte(`{{range .}}{{template "card.html" .}}{{end}}`)},
		"templates/unrelated.html": {Data: []byte(`<p>{{.}}</p>`)},
		"assets/style.css":         {Data: []byte(`p{}`)},
	}, Display: "theme/"})
	if err != nil {
		t.Fatal(err)
	}
	_, refusal := th.ExecuteBytes("card.html", "x")
	if refusal == nil || !strings.Contains(refusal.Error(), "card.html") {
		t.Fatalf("card.html ran, or failed for another reason: %v", refusal)
	}
	for _, name := range []string{"card.html", "cards.html", "page.html"} {
		if _, err := th.ExecuteBytes(name, []string{"x"}); err == nil || err.Error() != refusal.Error() {
			t.Errorf("%s: error %v, want %v", name, err, refusal)
		}
	}
	if got, err := th.ExecuteBytes("unrelated.html", "x"); err != nil || string(got) != "<p>x</p>" {
		t.Errorf("unrelated.html = %q, %v", got, err)
	}
}
