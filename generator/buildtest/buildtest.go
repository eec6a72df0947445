// Package buildtest builds handbooks written inline in tests, in the txtar
// format the Go project uses for its script tests:
//
//	-- handbook.yaml --
//	trust: {name: Test Trust}
//	-- content/about.md --
//	---
//	title: About
//	---
//	Hello
//
// and inspects the result: files, links, and the structure of each page.
package buildtest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
)

// Parse reads a txtar archive into a file system. Text before the first
// "-- name --" line is a comment and ignored.
func Parse(archive string) fstest.MapFS {
	files := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = &fstest.MapFile{Data: []byte(body.String()), Mode: 0o644}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return files
}

// Site is a finished build.
type Site struct {
	Files  map[string][]byte
	Result *generator.Result
	Err    error
}

// Build builds the archive in memory. It does not fail the test on build
// errors: they are in Site.Err for the test to inspect.
func Build(t testing.TB, archive string, opts generator.Options) *Site {
	t.Helper()
	return BuildFS(t, Parse(archive), opts)
}

// BuildFS builds the handbook in fsys in memory.
func BuildFS(t testing.TB, fsys fs.FS, opts generator.Options) *Site {
	t.Helper()
	mem := publish.NewMemory()
	res, err := generator.Build(context.Background(), fsys, mem, opts)
	s := &Site{Files: map[string][]byte{}, Result: res, Err: err}
	for _, n := range mem.Names() {
		b, _ := mem.File(n)
		s.Files[n] = b
	}
	return s
}

// MustBuild is Build that fails the test on any error or warning.
func MustBuild(t testing.TB, archive string, opts generator.Options) *Site {
	t.Helper()
	s := Build(t, archive, opts)
	s.NoProblems(t)
	return s
}

// NoProblems fails the test if the build had errors or warnings.
func (s *Site) NoProblems(t testing.TB) {
	t.Helper()
	if s.Err != nil {
		t.Fatalf("build failed:\n%v", s.Err)
	}
	if s.Result != nil && len(s.Result.Warnings()) > 0 {
		var lines []string
		for _, w := range s.Result.Warnings() {
			lines = append(lines, w.Error())
		}
		t.Fatalf("build warned:\n%s", strings.Join(lines, "\n"))
	}
}

// Messages returns every error and warning of the build as printed.
func (s *Site) Messages() []string {
	var out []string
	var ds []*diag.Diagnostic
	for _, e := range diag.Flatten(s.Err) {
		if d, ok := e.(*diag.Diagnostic); ok {
			ds = append(ds, d)
		} else {
			out = append(out, e.Error())
		}
	}
	if s.Result != nil {
		ds = append(ds, s.Result.Warnings()...)
	}
	diag.Sort(ds)
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return out
}

// File returns the file at name, failing the test if it is missing.
func (s *Site) File(t testing.TB, name string) string {
	t.Helper()
	b, ok := s.Files[name]
	if !ok {
		t.Fatalf("no file %s in the output; have %d files", name, len(s.Files))
	}
	return string(b)
}

// Contains fails the test unless file name contains every want.
func (s *Site) Contains(t testing.TB, name string, want ...string) {
	t.Helper()
	body := s.File(t, name)
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", name, w)
		}
	}
}

// NotContains fails the test if file name contains any of unwanted.
func (s *Site) NotContains(t testing.TB, name string, unwanted ...string) {
	t.Helper()
	body := s.File(t, name)
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s contains %q", name, w)
		}
	}
}

// ReadDir reads every file under dir into a map keyed by slash path.
func ReadDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
