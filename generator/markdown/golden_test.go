package markdown_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/components"
	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/theme"
	"github.com/nhs-psp/handbook/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// resolver knows a small, fixed handbook, seen from a page in "guide/".
type resolver struct{}

func (resolver) Resolve(dest string, image bool) markdown.Target {
	switch dest {
	case "other.md":
		return markdown.Target{State: markdown.Resolved, Href: "../other/", URL: "guide/other/", Page: true}
	case "../_index.md":
		return markdown.Target{State: markdown.Resolved, Href: "../../", URL: "", Page: true}
	case "draft.md":
		return markdown.Target{State: markdown.LeftOutDraft, URL: "guide/draft/"}
	case "hidden.md":
		return markdown.Target{State: markdown.LeftOutHidden, URL: "guide/hidden/"}
	case "images/photo.png":
		return markdown.Target{State: markdown.Resolved, Href: "../images/photo.png", URL: "guide/images/photo.png"}
	}
	return markdown.Target{State: markdown.Missing}
}

func testData(t testing.TB) markdown.Data {
	t.Helper()
	th, err := theme.Load(theme.Layer{FS: themes.Default(), Display: "theme:"})
	if err != nil {
		t.Fatal(err)
	}
	g := &glossary.Glossary{Terms: []glossary.Term{
		{Term: "FTSU", Expansion: "Freedom to Speak Up", Definition: "A way to raise concerns."},
		{Term: "PSP", Expansion: "Patient Safety Partner", Definition: "A lay partner in safety work."},
	}}
	return components.New(config.Placeholder(), g, th, listing{}).ForPage("guide/values/")
}

// listing lists two fixed pages for the audience component.
type listing struct{}

func (listing) Audience(audience, from string) []theme.Link {
	return []theme.Link{
		{Title: "Why partners exist (" + audience + ")", Href: "../why/", Description: "How the role began."},
		{Title: "What partners do", Href: "../what/"},
	}
}

// TestGolden renders testdata/golden/*.md and compares the HTML and the
// diagnostics with the .golden file beside each. Run with -update to
// rewrite them, then review the diff like code.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/golden/*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	data := testData(t)
	gloss := markdown.NewGlossary([]markdown.Term{
		{Term: "PSP", Expansion: "Patient Safety Partner", Anchor: "term-psp"},
		{Term: "IT", Expansion: "information technology", Anchor: "term-it"},
		{Term: "terms of reference", Anchor: "term-terms-of-reference"},
		{Term: "committee", Anchor: "term-committee"},
		{Term: "non-executive director", Anchor: "term-non-executive-director"},
		{Term: "UTF-8", Anchor: "term-utf-8"},
	})
	r := markdown.New(markdown.Options{})
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Render(markdown.Page{
				Display:      "guide/" + name + ".md",
				Body:         src,
				BodyLine:     1,
				Links:        resolver{},
				Data:         data,
				ReservedIDs:  []string{"main-content"},
				Glossary:     gloss,
				GlossaryHref: "../glossary/",
			})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			got.WriteString("-- html --\n")
			got.Write(res.HTML)
			got.WriteString("-- diagnostics --\n")
			for _, d := range res.Diagnostics {
				got.WriteString(d.Error() + "\n")
			}
			golden := strings.TrimSuffix(in, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from the rendering (run with -update and review the diff):\n--- got\n%s\n--- want\n%s", golden, got.Bytes(), want)
			}
		})
	}
}
