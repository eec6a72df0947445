package generator_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/publish"
)

// TestDeterministic builds a 1,000-page handbook three times — twice with
// every core, once with one — and requires byte-identical output: the
// parallel stages must never let scheduling order show in a file.
func TestDeterministic(t *testing.T) {
	pages := 1000
	if testing.Short() {
		pages = 200
	}
	fsys := handbookFS(pages)
	build := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		mem := publish.NewMemory()
		if _, err := generator.Build(context.Background(), fsys, mem, generator.Options{Today: today}); err != nil {
			t.Fatal(err)
		}
		return files(mem)
	}
	first := build(runtime.NumCPU())
	for _, procs := range []int{runtime.NumCPU(), 1} {
		again := build(procs)
		if len(again) != len(first) {
			t.Fatalf("GOMAXPROCS=%d: %d files, want %d", procs, len(again), len(first))
		}
		for name, b := range first {
			if !bytes.Equal(again[name], b) {
				t.Errorf("GOMAXPROCS=%d: %s differs between builds", procs, name)
			}
		}
	}
}
