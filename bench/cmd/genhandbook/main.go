// Command genhandbook writes a realistic, deterministic test handbook.
//
// Usage:
//
//	go run ./bench/cmd/genhandbook -pages 1000 -seed 1 -o /tmp/hb1000
//
// The output folder must be empty or absent. The same -pages and -seed
// always give byte-identical files.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nhs-psp/handbook/bench/handbookgen"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return
	case err != nil:
		fmt.Fprintln(os.Stderr, "genhandbook:", err)
		os.Exit(1)
	}
}

// run parses args, writes the handbook and reports what it wrote to stdout.
func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("genhandbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "number of Markdown pages, _index.md files included")
	seed := fs.Int64("seed", 1, "seed; the same seed and page count give the same handbook")
	out := fs.String("o", "", "output folder, which must be empty or absent (required)")
	starter := fs.Bool("starter", false, "set starter: true in handbook.yaml")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: genhandbook [-pages N] [-seed S] [-starter] -o DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("want -o DIR and no other arguments")
	}
	opts := handbookgen.Options{Pages: *pages, Seed: *seed, Starter: *starter}
	if err := handbookgen.Write(*out, opts); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a %d-page handbook (seed %d) to %s\n", *pages, *seed, *out)
	return nil
}
