package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/source"
)

func TestRelPath(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "a/", "a/"},
		{"a/", "", "../"},
		{"a/b/", "a/c/", "../c/"},
		{"a/b/", "a/b/", ""},
		{"a/b/", "x/y/", "../../x/y/"},
		{"a/b/", "a/img.png", "../img.png"},
		{"", "assets/x.css", "assets/x.css"},
		{"a/", "a/b/", "b/"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
	// The paths of a handbook, against the plain way of working it out.
	plain := func(from, target string) string {
		fromSegs := strings.Split(strings.TrimSuffix(from, "/"), "/")
		if from == "" {
			fromSegs = nil
		}
		toSegs := strings.Split(target, "/")
		i := 0
		for i < len(fromSegs) && i < len(toSegs)-1 && fromSegs[i] == toSegs[i] {
			i++
		}
		return strings.Repeat("../", len(fromSegs)-i) + strings.Join(toSegs[i:], "/")
	}
	paths := []string{"", "/", "a", "a/", "a/b/", "a/c/", "a/b/c/", "ab/", "a/bc/", "x/y/z/", "a/img.png", "a/b/img.png",
		strings.Repeat("d/", 20), strings.Repeat("d/", 19) + "e/", "404.html"}
	for _, from := range paths {
		for _, to := range paths {
			if got, want := relPath(from, to), plain(from, to); got != want {
				t.Errorf("relPath(%q, %q) = %q, want %q", from, to, got, want)
			}
		}
	}
	s := &Site{portable: true}
	if got := s.Rel("a/b/", "a/b/"); got != "index.html" {
		t.Errorf("portable self link = %q", got)
	}
	s.portable = false
	if got := s.Rel("a/", "a/"); got != "./" {
		t.Errorf("self link = %q", got)
	}
}

func build(t *testing.T, files fstest.MapFS) *Site {
	t.Helper()
	var diags diag.List
	set := source.Load(context.Background(), []source.Layer{{Name: "content", FS: files, Display: "content/"}}, source.Options{}, &diags)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	return New(set, "Home", false)
}

func TestOrderAndReadingOrder(t *testing.T) {
	s := build(t, fstest.MapFS{
		"b.md":             {Data: []byte("---\ntitle: Bravo\nweight: 20\n---\n")},
		"a.md":             {Data: []byte("---\ntitle: Alpha\nweight: 30\n---\n")},
		"z.md":             {Data: []byte("---\ntitle: Zulu\n---\n")},
		"y.md":             {Data: []byte("---\ntitle: Yankee\n---\n")},
		"sec/_index.md":    {Data: []byte("---\ntitle: Section\nweight: 10\n---\n")},
		"sec/one.md":       {Data: []byte("---\ntitle: One\n---\n")},
		"hidden-by-nav.md": {Data: []byte("---\ntitle: Unlisted\nunlisted: true\n---\n")},
	})
	var titles []string
	for _, p := range s.Pages {
		titles = append(titles, p.Title)
	}
	if got, want := strings.Join(titles, ","), "Home,Section,One,Bravo,Alpha,Yankee,Zulu"; got != want {
		t.Errorf("reading order %s, want %s", got, want)
	}
	if p := s.Page("sec/one/"); p.Prev.Title != "Section" || p.Next.Title != "Bravo" {
		t.Errorf("prev/next of One: %s / %s", p.Prev.Title, p.Next.Title)
	}
	if len(s.All()) != len(s.Pages)+1 {
		t.Error("All does not include the unlisted page")
	}
	if crumbs := s.Breadcrumbs(s.Page("sec/one/")); len(crumbs) != 2 || crumbs[1].Title != "Section" {
		t.Errorf("breadcrumbs = %v", crumbs)
	}
}

// TestNavDoesNotGrowWithTheHandbook: the sidebar of a page holds the top
// level and its own branch, so adding pages elsewhere leaves it the same
// size.
func TestNavDoesNotGrowWithTheHandbook(t *testing.T) {
	count := func(nodes []NavNode) int {
		var n int
		var walk func([]NavNode)
		walk = func(ns []NavNode) {
			for _, x := range ns {
				n++
				walk(x.Children)
			}
		}
		walk(nodes)
		return n
	}
	sizes := map[int]int{}
	for _, extra := range []int{10, 1000} {
		files := fstest.MapFS{
			"a/_index.md": {Data: []byte("---\ntitle: A\n---\n")},
			"a/page.md":   {Data: []byte("---\ntitle: Page\n---\n")},
			"b/_index.md": {Data: []byte("---\ntitle: B\n---\n")},
		}
		for i := range extra {
			files[fmt.Sprintf("b/p%04d.md", i)] = &fstest.MapFile{Data: []byte("x")}
		}
		s := build(t, files)
		sizes[extra] = count(s.Nav(s.Page("a/page/")))
	}
	if sizes[10] != sizes[1000] {
		t.Errorf("sidebar size grew with pages in another section: %v", sizes)
	}
}
