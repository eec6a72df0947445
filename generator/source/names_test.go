package source

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/diag"
)

func TestWindowsProblem(t *testing.T) {
	tests := map[string]string{
		"about.md":            "",
		"Meeting notes":       "",
		"console.md":          "",
		"con.md":              `"con" is a name Windows keeps for a device`,
		"CON":                 `"CON" is a name Windows keeps for a device`,
		"Aux.tar.gz":          `"Aux" is a name Windows keeps for a device`,
		"nul .md":             `"nul" is a name Windows keeps for a device`,
		"lpt9.md":             `"lpt9" is a name Windows keeps for a device`,
		"com¹.md":             `"com¹" is a name Windows keeps for a device`,
		"a:b.md":              `it contains ':', which Windows does not allow in names`,
		"why?.md":             `it contains '?', which Windows does not allow in names`,
		`back\slash.md`:       `it contains '\\', which Windows does not allow in names`,
		"notes.":              "it ends in a dot or a space, which Windows removes",
		"Policies ":           "it ends in a dot or a space, which Windows removes",
		"a \u201cquote\u201d": "",
	}
	for name, want := range tests {
		if got := windowsProblem(name); got != want {
			t.Errorf("windowsProblem(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestIndexNamesIgnoreCase(t *testing.T) {
	for _, p := range []string{"index.md", "Index.md", "INDEX.MD", "_Index.md", "\u0131ndex.md"} {
		if url, err := PageURL("about/" + p); url != "about/" || err != nil {
			t.Errorf("PageURL(about/%s) = %q, %v; want about/", p, url, err)
		}
		if !isIndex("about/" + p) {
			t.Errorf("isIndex(about/%s) = false", p)
		}
	}
	if url, _ := PageURL("about/indexes.md"); url != "about/indexes/" {
		t.Errorf("indexes.md is not an index page, got %q", url)
	}
}

func TestWindowsNamesAndLongPathsReported(t *testing.T) {
	long := strings.Repeat("a-rather-long-folder-name/", 8) + "page.md"
	content := fstest.MapFS{
		"_index.md":        {Data: []byte("# Home\n")},
		"con.md":           {Data: []byte("x")},
		"bad:dir/page.md":  {Data: []byte("x")},
		"bad:dir/other.md": {Data: []byte("x")},
		long:               {Data: []byte("x")},
	}
	var diags diag.List
	set := Load(context.Background(), []Layer{{Name: "content", FS: content, Display: "content/"}}, Options{}, &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/` + long + `: warning: this path is 223 characters long inside the handbook folder; Windows cannot open files whose full path is 260 characters or more, so people editing on Windows may not be able to open it: shorten the file or folder names`,
		`content/bad:dir: the name "bad:dir" cannot be used on Windows (it contains ':', which Windows does not allow in names), and trusts edit their handbooks on Windows: rename it`,
		`content/con.md: the name "con.md" cannot be used on Windows ("con" is a name Windows keeps for a device), and trusts edit their handbooks on Windows: rename it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(set.Pages) != 2 {
		t.Errorf("%d pages loaded, want the home page and the long one", len(set.Pages))
	}
}
