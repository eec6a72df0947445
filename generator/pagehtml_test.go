package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator/publish"
	"github.com/nhs-psp/handbook/generator/theme"
	"github.com/nhs-psp/handbook/themes"
)

// TestDefaultPartialsInUse fails when a template of the default theme
// and its Go rendering in defaultPartials no longer write the same bytes,
// showing where they part.
func TestDefaultPartialsInUse(t *testing.T) {
	minify := publish.NewMinifier().MinifyTemplate
	th, err := theme.LoadWith(theme.Options{Minify: minify, Partials: defaultPartials, Probes: probeViews()}, theme.Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := theme.LoadWith(theme.Options{Minify: minify}, theme.Layer{FS: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	inUse := th.Partials()
	for _, p := range defaultPartials {
		if slices.Contains(inUse, p.Name) {
			continue
		}
		t.Errorf("the Go rendering of %s is not in use", p.Name)
		for i, v := range probeViews() {
			w := theme.NewWriter(0)
			if !p.Render(w, v) {
				continue
			}
			want, err := plain.ExecuteBytes(p.Name, v)
			if err != nil {
				t.Fatalf("%s, probe %d: %v", p.Name, i, err)
			}
			if got := w.Bytes(); !bytes.Equal(got, want) {
				t.Errorf("%s, probe %d:\n%s", p.Name, i, firstDifference(got, want))
			}
		}
	}
}

// firstDifference shows got and want from a little before where they
// first differ.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf(" got …%q\nwant …%q", got[from:min(len(got), i+60)], want[from:min(len(want), i+60)])
}

// TestPartialsWriteWhatTemplatesWrite builds handbooks with the Go
// renderings and with the templates alone, and compares every file.
func TestPartialsWriteWhatTemplatesWrite(t *testing.T) {
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	generated := fstest.MapFS{}
	for name, b := range handbookgen.Files(handbookgen.Options{Pages: 150, Seed: 3}) {
		generated[name] = &fstest.MapFile{Data: b}
	}
	handbooks := map[string]fs.FS{
		"northshire": os.DirFS("../examples/northshire"),
		"riverside":  os.DirFS("../examples/riverside-mental-health"),
		"user-guide": os.DirFS("../examples/user-guide"),
		"generated":  generated,
	}
	for name, src := range handbooks {
		t.Run(name, func(t *testing.T) {
			fast, slow := publish.NewMemory(), publish.NewMemory()
			if _, err := Build(context.Background(), src, fast, Options{Today: today, Drafts: true}); err != nil {
				t.Fatal(err)
			}
			if _, err := Build(context.Background(), src, slow, Options{Today: today, Drafts: true, templatesOnly: true}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(fast.Names(), slow.Names()) {
				t.Fatalf("different files:\n%v\n%v", fast.Names(), slow.Names())
			}
			for _, f := range slow.Names() {
				want, _ := slow.File(f)
				if got, _ := fast.File(f); !bytes.Equal(got, want) {
					t.Errorf("%s:\n%s", f, firstDifference(got, want))
				}
			}
		})
	}
}

// TestOverrideTurnsOffRenderings checks that a handbook's own template
// turns off the Go rendering of that template and of every template that
// calls it, and only those.
func TestOverrideTurnsOffRenderings(t *testing.T) {
	own := fstest.MapFS{"templates/partials/nav-items.html": {Data: []byte(`{{range .}}<li>{{.Title}}</li>{{end}}`)}}
	th, err := theme.LoadWith(theme.Options{Minify: publish.NewMinifier().MinifyTemplate, Partials: defaultPartials, Probes: probeViews()},
		theme.Layer{FS: themes.Default()}, theme.Layer{FS: own})
	if err != nil {
		t.Fatal(err)
	}
	inUse := th.Partials()
	for _, off := range []string{"page.html", "review.html", "partials/nav.html"} {
		if slices.Contains(inUse, off) {
			t.Errorf("%s is rendered in Go, but it calls the handbook's partials/nav-items.html", off)
		}
	}
	for _, on := range []string{"partials/footer.html", "partials/toc.html", "partials/header.html"} {
		if !slices.Contains(inUse, on) {
			t.Errorf("%s is not rendered in Go, though it calls no overridden template", on)
		}
	}
}
