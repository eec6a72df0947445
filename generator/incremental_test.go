package generator_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/publish"
)

// files returns a Memory's files.
func files(m *publish.Memory) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range m.Names() {
		out[n], _ = m.File(n)
	}
	return out
}

func sameSite(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: %s missing from the incremental build", step, name)
			continue
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs from a full build", step, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is in the incremental build only", step, name)
		}
	}
}

// TestIncrementalEqualsFullBuild edits a handbook step by step — page
// text, a title, a new page, a deleted page, the configuration, the
// glossary, the theme — and after each step compares the reused build
// with a build from scratch, byte for byte.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	fsys := handbookFS(40)
	fsys["content/extra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Extra\n---\nSee the [glossary](_index.md). {{ trust.name }}\n")}
	opts := generator.Options{Today: today}
	gen := generator.New(fsys, opts)
	var first string
	for name := range fsys {
		if strings.HasPrefix(name, "content/") && strings.Count(name, "/") == 2 && strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") {
			first = name
			break
		}
	}
	steps := []struct {
		name    string
		edit    func()
		changed []string
		reuse   bool // most pages are expected to be reused
	}{
		{"first build", func() {}, nil, false},
		{"nothing changed", func() {}, []string{}, true},
		{"page text", func() {
			f := fsys[first]
			f.Data = append(bytes.Clone(f.Data), []byte("\n\nA new paragraph about partners.\n")...)
		}, []string{first}, true},
		{"page title", func() {
			f := fsys[first]
			f.Data = bytes.Replace(f.Data, []byte("title: "), []byte("title: Renamed "), 1)
		}, []string{first}, false},
		{"new page", func() {
			fsys["content/brand-new.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Brand new\n---\nHello.\n")}
		}, []string{"content/brand-new.md"}, false},
		{"deleted page", func() { delete(fsys, "content/brand-new.md") }, []string{"content/brand-new.md"}, false},
		{"config", func() {
			f := fsys["handbook.yaml"]
			f.Data = bytes.Replace(f.Data, []byte("name: "), []byte("name: New "), 1)
		}, []string{"handbook.yaml"}, false},
		{"glossary", func() {
			fsys["glossary.yaml"] = &fstest.MapFile{Data: []byte("- term: partners\n  definition: People who work with us.\n")}
		}, []string{"glossary.yaml"}, false},
		{"theme", func() {
			fsys["theme/assets/extra.css"] = &fstest.MapFile{Data: []byte(".x{color:red}")}
		}, []string{"theme/assets/extra.css"}, false},
		{"text again", func() {
			f := fsys[first]
			f.Data = append(bytes.Clone(f.Data), []byte("\nMore.\n")...)
		}, []string{first}, true},
		{"print template that writes each section twice", func() {
			fsys["theme/templates/print.html"] = &fstest.MapFile{Data: []byte(printTwice)}
		}, []string{"theme/templates/print.html"}, false},
		{"text with that template", func() {
			f := fsys[first]
			f.Data = append(bytes.Clone(f.Data), []byte("\nAnd more.\n")...)
		}, []string{first}, true},
	}
	for _, step := range steps {
		step.edit()
		gen.Changed(step.changed...)
		inc := publish.NewMemory()
		res, err := gen.Build(context.Background(), inc)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		full := publish.NewMemory()
		if _, err := generator.Build(context.Background(), fsys, full, opts); err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		sameSite(t, step.name, files(inc), files(full))
		if step.reuse && res.Reused < res.Pages-1 {
			t.Errorf("%s: reused %d of %d pages, want all but one", step.name, res.Reused, res.Pages)
		}
		t.Logf("%s: reused %d of %d pages", step.name, res.Reused, res.Pages)
	}
}

// printTwice is a print.html that writes each section twice, which the
// build cannot cut into a frame for the sections.
const printTwice = `<!DOCTYPE html><html lang="en"><title>Print</title>{{range .Page.Print.Sections}}<div class="twice">{{.HTML}}</div><div class="twice">{{.HTML}}</div>{{end}}</html>`

// TestPrintTemplateThatWritesSectionsTwice checks that a print.html that
// does not write each section once, as it is, still gets what it asks for.
func TestPrintTemplateThatWritesSectionsTwice(t *testing.T) {
	fsys := handbookFS(10)
	fsys["theme/templates/print.html"] = &fstest.MapFile{Data: []byte(printTwice)}
	out := publish.NewMemory()
	res, err := generator.Build(context.Background(), fsys, out, generator.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	html, _ := out.File("print/index.html")
	listed := 0
	for _, p := range res.Site.All() {
		if !p.Unlisted {
			listed++
		}
	}
	if got := bytes.Count(html, []byte(`<div class="twice">`)); got != 2*listed {
		t.Errorf("%d sections written, want %d", got, 2*listed)
	}
	if got := bytes.Count(html, []byte(`id="page-home"`)); got != 2 {
		t.Errorf("the home page's section is there %d times, want 2", got)
	}
	if bytes.Contains(html, []byte{0}) {
		t.Error("a stand-in for a section is left in the page")
	}
}
