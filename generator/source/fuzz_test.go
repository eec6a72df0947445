package source

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/textfile"
)

// FuzzFrontMatter loads random bytes as the page guide/page.md of a
// content layer over a small starter layer, and checks, besides "no
// panic":
//
//   - every diagnostic names a file (Path set) and has Line and Col ≥ 0;
//   - every page that loads has a URL that is "" or ends in "/", whose
//     segments are valid path elements (fs.ValidPath), a title, a body
//     that is the end of the normalised file, and a BodyLine ≥ 1 that is
//     the line on which that body starts;
//   - the page either loads or is reported with an error (never silently
//     dropped), unless it is hidden or a draft, which Load records in Left.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: About\nweight: 2\naudience: [psp, staff]\n---\nBody\n",
		"+++\ntitle = \"TOML\"\n[eia]\noutcome = \"ok\"\n+++\nBody",
		"---\ntitle: [unclosed\n---\n",
		"---\nnever closed\n",
		"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n",
		"---\n\ttitle: tab\n---\n",
		"---\ntitle: a\ntitle: b\n---\n",
		"\xef\xbb\xbf---\r\ntitle: CRLF\r\n---\r\nbody\r\n",
		"\xff\xfe-\x00-\x00-\x00",
		"---\nstatus: draft\n---\n",
		"---\nhidden: true\n---\n",
		"---\n- a list\n---\n",
		"no front matter at all",
	} {
		f.Add([]byte(s))
	}
	starter := fstest.MapFS{
		"_index.md":       {Data: []byte("---\ntitle: Home\n---\n")},
		"guide/_index.md": {Data: []byte("---\ntitle: Guide\n---\n")},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		content := fstest.MapFS{"guide/page.md": {Data: data}}
		var diags diag.List
		set := Load(context.Background(), []Layer{
			{Name: "starter", FS: starter, Display: "starter:"},
			{Name: "content", FS: content, Display: "content/"},
		}, Options{}, &diags)
		errored := false
		for _, d := range diags.Items() {
			if d.Path == "" || d.Line < 0 || d.Col < 0 {
				t.Errorf("diagnostic without a place: %#v", d)
			}
			if d.Path == "content/guide/page.md" && d.Severity == diag.Error {
				errored = true
			}
		}
		for _, p := range set.Pages {
			checkPage(t, p)
		}
		p := set.Page("guide/page/")
		switch {
		case p != nil:
			src, err := textfile.Normalize("x", data)
			if err != nil {
				t.Fatalf("the page loaded, but its bytes do not normalise: %v", err)
			}
			if !bytes.HasSuffix(src, p.Body) {
				t.Errorf("body %q is not the end of the file %q", p.Body, src)
			}
			if want := bytes.Count(src[:len(src)-len(p.Body)], []byte("\n")) + 1; p.BodyLine != want {
				t.Errorf("BodyLine = %d, want %d", p.BodyLine, want)
			}
		case set.Left["guide/page/"] != "":
		case !errored:
			t.Errorf("the page neither loaded nor was reported")
		}
	})
}

func checkPage(t *testing.T, p *Page) {
	t.Helper()
	if p.URL != "" {
		if !strings.HasSuffix(p.URL, "/") || !fs.ValidPath(strings.TrimSuffix(p.URL, "/")) {
			t.Errorf("page %s has URL %q", p.Display, p.URL)
		}
	}
	if strings.TrimSpace(p.Meta.Title) == "" {
		t.Errorf("page %s has no title", p.Display)
	}
	if p.BodyLine < 1 {
		t.Errorf("page %s has BodyLine %d", p.Display, p.BodyLine)
	}
}

// FuzzPageURL checks the URLs of file names, whatever they are:
//
//   - PageURL and AssetURL never panic; a page URL is "" or ends in "/"
//     and, without that "/", is a valid slash path (fs.ValidPath); an
//     asset URL is a valid slash path;
//   - feeding a page URL back as a file name gives it again
//     (PageURL("a/b.md") for "a/b/"), except when the last segment is
//     "index", which as a file name means the folder's own page;
//   - names that differ only in case give the same URL, page or asset
//     (on Windows and macOS they are one file), and the same error or
//     none.
func FuzzPageURL(f *testing.F) {
	for _, s := range []string{
		"_index.md", "index.md", "About the role/_index.md", "About the role/Meeting notes.MD",
		"foo/index.md", "foo.md", "!!!.md", "a//b.md", "../x.md", "Guide.md", "guide/Index.md",
		"ſ.md", "ς.md", "K.md", "ındex.md", "Team Photo.PNG", "archive.tar.gz", ".png", "a/./b.md",
		"con.md", "a:b.md", "trailing. .md", "\u00e9t\u00e9.md", "e\u0301.md",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		url, err := PageURL(p)
		if err == nil && url != "" {
			if !strings.HasSuffix(url, "/") || !fs.ValidPath(strings.TrimSuffix(url, "/")) {
				t.Fatalf("PageURL(%q) = %q", p, url)
			}
			if last := url[strings.LastIndexByte(url[:len(url)-1], '/')+1 : len(url)-1]; last != "index" {
				again, err := PageURL(strings.TrimSuffix(url, "/") + ".md")
				if err != nil || again != url {
					t.Errorf("PageURL(%q) = %q, but PageURL(%q) = %q, %v", p, url, strings.TrimSuffix(url, "/")+".md", again, err)
				}
			}
		}
		asset, aerr := AssetURL(p)
		if aerr == nil && !fs.ValidPath(asset) {
			t.Fatalf("AssetURL(%q) = %q", p, asset)
		}
		if !utf8.ValidString(p) {
			return // case mapping of invalid text is not meaningful
		}
		up, low := strings.ToUpper(p), strings.ToLower(p)
		u1, e1 := PageURL(up)
		u2, e2 := PageURL(low)
		if u1 != u2 || (e1 == nil) != (e2 == nil) {
			t.Errorf("PageURL(%q) = %q, %v but PageURL(%q) = %q, %v", up, u1, e1, low, u2, e2)
		}
		a1, e1 := AssetURL(up)
		a2, e2 := AssetURL(low)
		if a1 != a2 || (e1 == nil) != (e2 == nil) {
			t.Errorf("AssetURL(%q) = %q, %v but AssetURL(%q) = %q, %v", up, a1, e1, low, a2, e2)
		}
	})
}
