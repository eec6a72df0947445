// Command floor writes the HTML bodies that package floor renders from a
// handbook folder, one index.html for each page: the baseline bench/run.sh
// compares handbook build with.
//
//	go run ./bench/cmd/floor -o /tmp/floor-out /tmp/hb1000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nhs-psp/handbook/bench/floor"
)

func main() {
	out := flag.String("o", "", "output folder (required)")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -o OUT HANDBOOK")
		os.Exit(2)
	}
	err := floor.Render(os.DirFS(flag.Arg(0)), "content", func(page string, body []byte) error {
		target := filepath.Join(*out, filepath.FromSlash(page), "index.html")
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, body, 0o644)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
