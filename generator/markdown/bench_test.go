package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/content"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
)

// anyResolver resolves every relative destination, as a complete
// handbook would.
type anyResolver struct{}

func (anyResolver) Resolve(dest string, image bool) markdown.Target {
	return markdown.Target{State: markdown.Resolved, Href: dest, URL: dest, Page: !image}
}

// BenchmarkRender renders the bodies of a 1,000-page handbook with every
// extension on, the way the build does.
func BenchmarkRender(b *testing.B) {
	gloss := markdown.NewGlossary([]markdown.Term{{Term: "PSP", Expansion: "Patient Safety Partner"}, {Term: "committee", Anchor: "term-committee"}})
	benchmarkRender(b, gloss)
}

// BenchmarkRenderStarterGlossary is BenchmarkRender with the starter
// glossary's terms marked, as in a handbook built on the starter content.
func BenchmarkRenderStarterGlossary(b *testing.B) {
	g, err := glossary.Load(glossary.Source{FS: content.GlossaryFS(), Name: glossary.FileName, Display: "starter:" + glossary.FileName})
	if err != nil {
		b.Fatal(err)
	}
	var terms []markdown.Term
	for _, t := range g.Terms {
		terms = append(terms, markdown.Term{Term: t.Term, Expansion: t.Expansion, Anchor: t.Anchor()})
	}
	benchmarkRender(b, markdown.NewGlossary(terms))
}

func benchmarkRender(b *testing.B, gloss *markdown.Glossary) {
	var bodies [][]byte
	for name, data := range handbookgen.Files(handbookgen.Options{Pages: 1000, Seed: 1}) {
		if strings.HasSuffix(name, ".md") {
			if i := bytes.Index(data[3:], []byte("\n---\n")); i >= 0 {
				data = data[i+8:]
			}
			bodies = append(bodies, data)
		}
	}
	data := testData(b)
	r := markdown.New(markdown.Options{})
	var size int
	for _, body := range bodies {
		size += len(body)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, body := range bodies {
			if _, err := r.Render(markdown.Page{Display: "p.md", Body: body, BodyLine: 1, Links: anyResolver{}, Data: data, Glossary: gloss, GlossaryHref: "../glossary/"}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
