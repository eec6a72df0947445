package markdown_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/markdown"
)

// TestCommonMarkUnchanged renders every example of the CommonMark spec
// that ships with goldmark twice, with and without the handbook's own
// extensions (goldmark's options the same otherwise), and requires
// identical HTML: the extensions must leave ordinary Markdown alone.
// Raw HTML is allowed on both sides, since showing it as text is a
// deliberate difference.
func TestCommonMarkUnchanged(t *testing.T) {
	spec := goldmarkSpec(t)
	var examples []struct {
		Markdown string `json:"markdown"`
		Example  int    `json:"example"`
	}
	if err := json.Unmarshal(spec, &examples); err != nil {
		t.Fatal(err)
	}
	plain := markdown.New(markdown.Options{Plain: true, UnsafeHTML: true})
	full := markdown.New(markdown.Options{UnsafeHTML: true})
	for _, ex := range examples {
		page := markdown.Page{Display: "spec.md", Body: []byte(ex.Markdown), BodyLine: 1}
		a, err := plain.Render(page)
		if err != nil {
			t.Fatal(err)
		}
		b, err := full.Render(page)
		if err != nil {
			t.Fatal(err)
		}
		if string(a.HTML) != string(b.HTML) {
			t.Errorf("example %d renders differently with the extensions:\ninput:\n%s\nplain:\n%s\nwith extensions:\n%s", ex.Example, ex.Markdown, a.HTML, b.HTML)
		}
	}
	t.Logf("%d CommonMark examples compared", len(examples))
}

// goldmarkSpec reads _test/spec.json from the goldmark module in the
// module cache.
func goldmarkSpec(t *testing.T) []byte {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("find the goldmark module: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Fatalf("read goldmark's CommonMark spec: %v", err)
	}
	return b
}
