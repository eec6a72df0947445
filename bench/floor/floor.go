// Package floor is the baseline the benchmarks compare handbook build
// with: it only parses each page's front matter, renders its Markdown
// with goldmark using the same goldmark options handbook uses (GFM,
// footnotes, definition lists, typographer, heading IDs), and hands on
// the HTML body, in parallel on every core. No navigation, templates,
// checks, search index or minification: the least any generator must do.
//
// The command bench/cmd/floor runs it over a handbook folder and writes
// the bodies to disk; generator's BenchmarkFloor runs it in memory, beside
// BenchmarkBuild, so the two can be compared without the disk.
package floor

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Markdown returns goldmark configured as handbook configures it, without
// handbook's own extensions.
func Markdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, extension.Footnote, extension.DefinitionList,
			extension.NewTypographer(),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
	)
}

// Render renders every .md file under content in fsys, on every core, and
// calls write with each page's slash path (relative to content, without
// ".md") and its HTML body. write is called from several goroutines at
// once, and must not keep body, which is reused.
func Render(fsys fs.FS, content string, write func(page string, body []byte) error) error {
	md := Markdown()
	var files []string
	err := fs.WalkDir(fsys, content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(path.Ext(p), ".md") {
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
				errs <- renderFile(md, fsys, content, p, &buf, write)
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

func renderFile(md goldmark.Markdown, fsys fs.FS, content, p string, buf *bytes.Buffer, write func(string, []byte) error) error {
	f, err := fsys.Open(p)
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
	page := strings.TrimPrefix(strings.TrimSuffix(p, path.Ext(p)), content+"/")
	return write(page, buf.Bytes())
}
