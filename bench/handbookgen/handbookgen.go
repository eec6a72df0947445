// Package handbookgen writes realistic, deterministic handbooks of any size for tests and benchmarks.
//
// A generated handbook is a handbook.yaml and a content/ tree of sections
// up to three folders deep, each with an _index.md, holding Markdown pages
// of 400 to 1,500 words of plain NHS governance English. Pages have full
// front matter, ## and ### headings, lists, tables, quotes, alerts, task
// lists, pictures (written to images/ folders) and 3 to 8 relative links to
// other pages of the handbook, some to a heading's anchor; every link and
// picture resolves. The same Options always give byte-identical files.
package handbookgen

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Options controls a generated handbook.
type Options struct {
	// Pages is the number of Markdown pages, _index.md files included. It
	// must be at least 1.
	Pages int
	// Seed picks the handbook: the same Seed and Pages give byte-identical
	// output.
	Seed int64
	// Starter is the value of starter: in handbook.yaml. Benchmarks leave
	// it false so that only the generated pages are built.
	Starter bool
}

// Write writes handbook.yaml and content/ (pages and pictures) into dir,
// which must be empty or absent.
func Write(dir string, opts Options) error {
	if opts.Pages < 1 {
		return fmt.Errorf("write handbook: pages must be at least 1, got %d", opts.Pages)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("write handbook: %s is not empty", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write handbook: %w", err)
	}
	made := map[string]bool{}
	for _, f := range generate(opts) {
		name := filepath.Join(dir, filepath.FromSlash(f.path))
		if d := filepath.Dir(name); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("write handbook: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(name, f.data, 0o644); err != nil {
			return fmt.Errorf("write handbook: %w", err)
		}
	}
	return nil
}

// Files returns the handbook Write would write, as a map from slash-separated
// relative path to contents, ready for fstest.MapFS or an in-memory build.
// It panics if opts.Pages is less than 1.
func Files(opts Options) map[string][]byte {
	if opts.Pages < 1 {
		panic(fmt.Sprintf("handbookgen: pages must be at least 1, got %d", opts.Pages))
	}
	files := generate(opts)
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.path] = f.data
	}
	return m
}

// file is one generated file.
type file struct {
	path string // slash-separated, relative to the handbook folder
	data []byte
}

// generator holds the state of one generation.
type generator struct {
	opts  Options
	rng   *rand.Rand // shapes the section tree; each page has its own
	root  *section
	pages []*page           // depth first, each section's _index.md before its children
	pics  map[string][]byte // picture bytes by file name, drawn once (lookup only)
}

// generate returns every file of the handbook, sorted by path.
func generate(opts Options) []file {
	g := &generator{
		opts: opts,
		rng:  rand.New(rand.NewPCG(uint64(opts.Seed), 0)),
		pics: map[string][]byte{},
	}
	g.root = &section{topic: "patient safety", names: map[string]bool{}, titles: map[string]bool{}}
	title := pick(g.rng, rootTitles)
	g.root.titles[strings.ToLower(title)] = true
	g.root.index = g.newPage(g.root, "_index.md", g.root.topic, title, 10)
	g.fill(g.root, opts.Pages)

	files := make([]file, 0, len(g.pages)+64)
	files = append(files, file{"handbook.yaml", g.config()})
	for _, p := range g.pages {
		files = append(files, file{"content/" + p.path(), g.render(p)})
	}
	// Pictures are chosen while pages are rendered; write the ones used.
	var walk func(s *section)
	walk = func(s *section) {
		for _, im := range s.images {
			data, ok := g.pics[im.file()]
			if !ok {
				data = im.data()
				g.pics[im.file()] = data
			}
			files = append(files, file{"content/" + joinDir(s.dir, "images/"+im.file()), slices.Clone(data)})
		}
		for _, sub := range s.subs {
			walk(sub)
		}
	}
	walk(g.root)
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return files
}

// config returns handbook.yaml. Its values depend on the seed only.
func (g *generator) config() []byte {
	r := rand.New(rand.NewPCG(uint64(g.opts.Seed), math.MaxUint64))
	place := pick(r, trustPlaces)
	name := strings.ReplaceAll(pick(r, trustForms), "%s", place)
	approved := time.Date(2025, 6, 1+r.IntN(395), 0, 0, 0, 0, time.UTC) // to 2026-06-30
	return []byte(fmt.Sprintf(`title: Benchmark handbook
starter: %t
trust:
  name: %s
  short_name: %s
governance:
  default_owner: %s
  approved_by: %s
  approved_on: %s
`, g.opts.Starter, name, place, pick(r, owners), pick(r, approvers), approved.Format(time.DateOnly)))
}
