package floor

import (
	"maps"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

func TestRender(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":         {Data: []byte("---\ntitle: Home\n---\n# Welcome\n")},
		"content/about/role.md":     {Data: []byte("---\ntitle: The role\nweight: 2\n---\nA *partner* -- not staff.\n")},
		"content/about/no-front.MD": {Data: []byte("| a | b |\n|---|---|\n| 1 | 2 |\n")},
		"content/about/picture.png": {Data: []byte("not markdown")},
		"handbook.yaml":             {Data: []byte("title: x\n")},
	}
	var mu sync.Mutex
	got := map[string]string{}
	err := Render(fsys, "content", func(page string, body []byte) error {
		mu.Lock()
		defer mu.Unlock()
		got[page] = string(body)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"_index":         "<h1 id=\"welcome\">Welcome</h1>\n",
		"about/role":     "<p>A <em>partner</em> &ndash; not staff.</p>\n",
		"about/no-front": "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n",
	}
	if !maps.Equal(got, want) {
		t.Errorf("pages %q, want %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s:\n got %q\nwant %q", k, got[k], v)
			}
		}
	}
}

func TestRenderReportsBadFrontMatter(t *testing.T) {
	fsys := fstest.MapFS{"content/bad.md": {Data: []byte("---\ntitle: [unclosed\n---\nText\n")}}
	err := Render(fsys, "content", func(string, []byte) error { return nil })
	if err == nil {
		t.Fatal("no error for broken front matter")
	}
}
