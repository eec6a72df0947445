// Command floor is the baseline the benchmarks compare handbook build
// with: it only parses each page's front matter, renders its Markdown
// with goldmark using the same goldmark options handbook uses (GFM,
// footnotes, definition lists, typographer, heading IDs), and writes the
// HTML bodies, in parallel on every core. No navigation, templates,
// checks, search index or minification: the least any generator must do.
//
//	go run ./bench/floor -o /tmp/floor-out /tmp/hb1000
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	out := flag.String("o", "", "output folder (required)")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -o OUT HANDBOOK")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, extension.Footnote, extension.DefinitionList,
			extension.NewTypographer(),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
	)
	content := filepath.Join(dir, "content")
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	work := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range work {
				errs <- renderFile(md, content, out, p, &buf)
			}
		})
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func renderFile(md goldmark.Markdown, content, out, p string, buf *bytes.Buffer) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	var meta map[string]any
	body, err := frontmatter.Parse(f, &meta)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	buf.Reset()
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	rel, _ := filepath.Rel(content, p)
	target := filepath.Join(out, strings.TrimSuffix(rel, filepath.Ext(rel)), "index.html")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	return os.WriteFile(target, buf.Bytes(), 0o644)
}
