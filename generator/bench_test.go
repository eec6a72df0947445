package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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
	for _, pages := range []int{100, 1000} {
		fsys := handbookFS(pages)
		b.Run(strconv.Itoa(pages), func(b *testing.B) {
			for b.Loop() {
				if _, err := generator.Build(context.Background(), fsys, discard{}, generator.Options{Today: today}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
		})
	}
}

// BenchmarkRebuildOnePage measures what the preview does on a save: one
// page's text changes in a 1,000-page handbook and the site is rebuilt,
// reusing everything else.
func BenchmarkRebuildOnePage(b *testing.B) {
	fsys := handbookFS(1000)
	var page string
	for name := range fsys {
		if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "_index.md") {
			page = name
			break
		}
	}
	gen := generator.New(fsys, generator.Options{Today: today})
	if _, err := gen.Build(context.Background(), discard{}); err != nil {
		b.Fatal(err)
	}
	original := fsys[page].Data
	i := 0
	var times []time.Duration
	for b.Loop() {
		i++
		fsys[page] = &fstest.MapFile{Data: append(bytes.Clone(original), fmt.Sprintf("\nEdit number %d.\n", i)...)}
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
