package handbookgen_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/nhs-psp/handbook/bench/handbookgen"
)

// Files feeds an in-memory file system, for builds that never touch disk.
func ExampleFiles() {
	fsys := fstest.MapFS{}
	for name, data := range handbookgen.Files(handbookgen.Options{Pages: 25, Seed: 1}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	pages := 0
	fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(name) > 3 && name[len(name)-3:] == ".md" {
			pages++
		}
		return err
	})
	_, err := fs.Stat(fsys, "handbook.yaml")
	fmt.Println(pages, "pages; handbook.yaml present:", err == nil)
	// Output: 25 pages; handbook.yaml present: true
}
