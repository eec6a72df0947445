package generator_test

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/buildtest"
	"github.com/nhs-psp/handbook/generator/config"
)

func placeholder(t *testing.T) *config.Config {
	t.Helper()
	return config.Placeholder()
}

// TestExamples builds every folder under examples/ and holds each to the
// output contract: no errors or warnings, every internal link and asset
// present, no request to another host, one h1 and the landmarks on every
// page, nothing a strict Content-Security-Policy would block, and no
// trust-value syntax left in any page.
func TestExamples(t *testing.T) {
	dirs, err := filepath.Glob("../examples/*/handbook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no examples found")
	}
	for _, cfgPath := range dirs {
		dir := filepath.Dir(cfgPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s := buildtest.BuildFS(t, os.DirFS(dir), generator.Options{Today: today, Display: filepath.ToSlash(dir)})
			s.NoProblems(t)
			if p := buildtest.LinkProblems(s.Files, string(s.Result.Config.BaseURL)); len(p) > 0 {
				t.Errorf("link problems:\n%s", strings.Join(p, "\n"))
			}
			if p := buildtest.StructureProblems(s.Files, s.Result.Config.Title); len(p) > 0 {
				t.Errorf("structure problems:\n%s", strings.Join(p, "\n"))
			}
			for name, b := range s.Files {
				if strings.HasSuffix(name, ".html") && strings.Contains(stripCode(string(b)), "{{") {
					t.Errorf("%s: trust-value syntax {{ survived outside code", name)
				}
			}
			// Each example shows its own trust, and with the starter
			// handbook, its own contacts and committees.
			cfg := s.Result.Config
			s.Contains(t, "index.html", template.HTMLEscapeString(cfg.Trust.Name))
			if cfg.Starter {
				s.Contains(t, "about-the-role/committees/index.html", `<table class="component committees">`, template.HTMLEscapeString(cfg.Committees[0].Name))
				s.Contains(t, "contacts/index.html", template.HTMLEscapeString(cfg.Contacts["sponsor"].Name))
				s.NotContains(t, "contacts/index.html", "Example Hospitals", "Alex Example")
			}
		})
	}
}

// stripCode removes <code>…</code> spans, where {{ is shown on purpose.
func stripCode(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "<code")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "</code>")
		if j < 0 {
			return b.String()
		}
		s = s[i+j+len("</code>"):]
	}
}

// osRoot opens dir so that reads cannot escape it.
func osRoot(t *testing.T, dir string) fs.FS {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root.FS()
}
