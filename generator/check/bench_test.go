package check

import (
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator/markdown"
)

// BenchmarkPageFindings runs the rules that look at one page alone over
// the prose of a 1,000-page handbook.
func BenchmarkPageFindings(b *testing.B) {
	var pages []*Page
	for name, data := range handbookgen.Files(handbookgen.Options{Pages: 1000, Seed: 1}) {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		p := &Page{Display: name, Title: name, FrontMatterLine: 1, Listed: true}
		for i, para := range strings.Split(string(data), "\n\n") {
			p.Text = append(p.Text, markdown.TextBlock{Text: para, Line: i + 1, Col: 1})
		}
		pages = append(pages, p)
	}
	in := Input{Today: today}
	for b.Loop() {
		for _, p := range pages {
			PageFindings(in, p)
		}
	}
}
