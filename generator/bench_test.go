package generator_test

import (
	"context"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator"
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
