package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nhs-psp/handbook/bench/floor"
	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/publish"
)

// discard is a publish.Writer that keeps nothing, so benchmarks measure
// the build and not the disk.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func handbookFS(pages int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, b := range handbookgen.Files(handbookgen.Options{Pages: pages, Seed: 1}) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// BenchmarkBuild builds generated handbooks in memory with every feature
// on (navigation, search index, print page, checks, minification).
func BenchmarkBuild(b *testing.B) {
	for _, pages := range []int{100, 1000, 10000} {
		b.Run(strconv.Itoa(pages), func(b *testing.B) {
			fsys := handbookFS(pages)
			for b.Loop() {
				if _, err := generator.Build(context.Background(), fsys, discard{}, generator.Options{Today: today}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
		})
	}
}

// BenchmarkFloor runs the floor (package floor: front matter and goldmark
// alone) over the same handbooks as BenchmarkBuild, in memory, so the two
// compare without the disk: go test -bench 'Floor/1000$|Build/1000$'.
func BenchmarkFloor(b *testing.B) {
	for _, pages := range []int{100, 1000, 10000} {
		b.Run(strconv.Itoa(pages), func(b *testing.B) {
			fsys := handbookFS(pages)
			for b.Loop() {
				if err := floor.Render(fsys, "content", func(string, []byte) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
		})
	}
}

// BenchmarkRebuildOnePage measures what the preview does on a save: one
// page's text changes in a 1,000-page handbook in a folder on disk, and
// the site is rebuilt into memory, reusing everything else. The handbook
// is read through an os.Root, as `handbook serve` reads it.
func BenchmarkRebuildOnePage(b *testing.B) {
	dir := b.TempDir()
	var page string
	for name, data := range handbookgen.Files(handbookgen.Options{Pages: 1000, Seed: 1}) {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
		if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") && (page == "" || name < page) {
			page = name
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	gen := generator.New(root.FS(), generator.Options{Today: today})
	if _, err := gen.Build(context.Background(), discard{}); err != nil {
		b.Fatal(err)
	}
	original, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	var times []time.Duration
	for b.Loop() {
		i++
		edited := append(bytes.Clone(original), fmt.Sprintf("\nEdit number %d.\n", i)...)
		if err := os.WriteFile(filepath.Join(dir, page), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		gen.Changed(page)
		res, err := gen.Build(context.Background(), publish.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if res.Reused != res.Pages-1 {
			b.Fatalf("reused %d of %d pages", res.Reused, res.Pages)
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "ms-p95")
}
