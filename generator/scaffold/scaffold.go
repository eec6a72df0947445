// Package scaffold creates handbooks and pages for authors: `handbook init`
// writes a new handbook folder, and `handbook new` writes a page with its
// front matter filled in, or a copy of a starter page to change.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/source"
)

// Init writes a new handbook into dir: handbook.yaml with every field
// present and commented, and an empty content/ folder (the starter
// handbook supplies the pages). dir may not be a non-empty folder unless
// force is set, and an existing handbook.yaml is never overwritten.
func Init(dir string, force bool) error {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		return fmt.Errorf("%s already has a %s; handbook init never overwrites it", dir, config.FileName)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return fmt.Errorf("%s is not empty; choose a new folder, or add --force to add a handbook to it", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, config.FileName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(config.Reference); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// PagePath turns what an author typed ("about/local.md",
// "content\about\local.md") into a slash path inside content/.
func PagePath(p string) (string, error) {
	p = strings.ReplaceAll(p, `\`, "/")
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	p = strings.TrimPrefix(p, "content/")
	if p == "" || p == "." || !fs.ValidPath(p) {
		return "", fmt.Errorf("%q is not a page path inside content/", p)
	}
	if !source.IsMarkdown(p) {
		p += ".md"
	}
	return p, nil
}

// NewPage returns the Markdown of a new page at content path p: a title
// from the file name, the next free weight in its folder (among the pages
// of every layer given), the owner and approver from handbook.yaml, draft
// status, and a review date one review cycle from today.
func NewPage(cfg *config.Config, layers []fs.FS, p string, today time.Time) []byte {
	name := path.Base(p)
	name = strings.TrimSuffix(name, path.Ext(name))
	if name == "_index" || name == "index" {
		name = path.Base(path.Dir(p))
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(source.TitleFromName(name)))
	b.WriteString("description: \"\"\n")
	fmt.Fprintf(&b, "weight: %d\n", nextWeight(layers, path.Dir(p)))
	b.WriteString("audience: [psp]\n")
	b.WriteString("status: draft\n")
	if cfg.Governance.DefaultOwner != "" {
		fmt.Fprintf(&b, "owner: %s\n", yamlString(cfg.Governance.DefaultOwner))
	}
	if cfg.Governance.ApprovedBy != "" {
		fmt.Fprintf(&b, "approved_by: %s\n", yamlString(cfg.Governance.ApprovedBy))
	}
	review := config.Date{Time: today}.AddMonths(cfg.Governance.ReviewCycleMonths)
	fmt.Fprintf(&b, "review_by: %s\n", review.ISO())
	b.WriteString("---\n\n")
	b.WriteString("Write the most important thing first, in a short sentence.\n\n")
	b.WriteString("## A heading that says what this part is about\n\n")
	b.WriteString("Use short sentences and plain words. Link to another page by its file, relative to this one.\n")
	return b.Bytes()
}

// nextWeight returns the next multiple of 10 above the largest weight of
// the pages in dir, in any of the layers.
func nextWeight(layers []fs.FS, dir string) int {
	most := 0
	for _, layer := range layers {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !source.IsMarkdown(e.Name()) || e.Name() == "_index.md" {
				continue
			}
			b, err := fs.ReadFile(layer, path.Join(dir, e.Name()))
			if err != nil {
				continue
			}
			for _, line := range strings.SplitN(string(b), "\n", 40) {
				var w int
				if _, err := fmt.Sscanf(strings.TrimSpace(line), "weight: %d", &w); err == nil && w > most {
					most = w
				}
			}
		}
	}
	return most/10*10 + 10
}

// yamlString quotes s when YAML would otherwise read it as something else.
func yamlString(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// Replaces is the value of a page's replaces: key for starter page p.
func Replaces(p string, starterBytes []byte) string {
	return p + "@" + source.VersionHash(starterBytes)
}

// FromStarter returns a copy of starter page p to change, with a
// "replaces:" key added to its front matter recording which version of the
// starter text it was copied from.
func FromStarter(starter fs.FS, p string) ([]byte, error) {
	b, err := fs.ReadFile(starter, p)
	if err != nil {
		return nil, fmt.Errorf("no starter page %s; the starter pages are:\n  %s", p, strings.Join(StarterPages(starter), "\n  "))
	}
	line := "replaces: " + Replaces(p, b) + "\n"
	text := string(b)
	if strings.HasPrefix(text, "---\n") {
		if end := strings.Index(text[4:], "\n---"); end >= 0 {
			at := 4 + end + 1
			return []byte(text[:at] + line + text[at:]), nil
		}
	}
	return []byte("---\n" + line + "---\n" + text), nil
}

// StarterPages lists the starter handbook's pages.
func StarterPages(starter fs.FS) []string {
	var out []string
	_ = fs.WalkDir(starter, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && source.IsMarkdown(p) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}
