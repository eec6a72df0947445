package handbookgen

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// parsed is a generated page split into the parts the tests look at.
type parsed struct {
	path  string            // relative to the handbook folder
	front map[string]string // front matter, key to raw value
	body  string
}

// parsePages splits every Markdown file of files, failing the test on
// any file without front matter.
func parsePages(t *testing.T, files map[string][]byte) []parsed {
	t.Helper()
	var out []parsed
	for _, name := range sortedKeys(files) {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		text := string(files[name])
		rest, ok := strings.CutPrefix(text, "---\n")
		if !ok {
			t.Fatalf("%s: no opening --- line", name)
		}
		fm, body, ok := strings.Cut(rest, "\n---\n")
		if !ok {
			t.Fatalf("%s: no closing --- line", name)
		}
		p := parsed{path: name, front: map[string]string{}, body: body}
		for i, line := range strings.Split(fm, "\n") {
			key, value, ok := strings.Cut(line, ": ")
			if !ok || !keyRE.MatchString(key) || value == "" {
				t.Fatalf("%s:%d: not a key: value line: %q", name, i+2, line)
			}
			if _, dup := p.front[key]; dup {
				t.Fatalf("%s:%d: key %s repeated", name, i+2, key)
			}
			p.front[key] = value
		}
		out = append(out, p)
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// anchorOf is the anchor rule, written again here so the test does not
// trust the generator's own.
func anchorOf(heading string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(heading), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		words = append(words, w)
	}
	return strings.Join(words, "-")
}

// headingIDs returns the anchors of a body's ## and ### headings.
func headingIDs(body string) []string {
	var ids []string
	for _, line := range strings.Split(body, "\n") {
		if text, ok := strings.CutPrefix(line, "## "); ok {
			ids = append(ids, anchorOf(text))
		} else if text, ok := strings.CutPrefix(line, "### "); ok {
			ids = append(ids, anchorOf(text))
		}
	}
	return ids
}

// words counts whitespace-separated tokens holding a letter or digit.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

var linkRE = regexp.MustCompile(`\]\(([^)\s]+)\)`)

func TestDeterministic(t *testing.T) {
	for _, opts := range []Options{{Pages: 1, Seed: 1}, {Pages: 150, Seed: 7}, {Pages: 300, Seed: -3, Starter: true}} {
		a, b := Files(opts), Files(opts)
		if len(a) != len(b) {
			t.Fatalf("%+v: %d files, then %d", opts, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Fatalf("%+v: %s differs between two calls", opts, name)
			}
		}
	}
	a, b := Files(Options{Pages: 50, Seed: 1}), Files(Options{Pages: 50, Seed: 2})
	if bytes.Equal(a["content/_index.md"], b["content/_index.md"]) {
		t.Error("seeds 1 and 2 gave the same home page")
	}
}

func TestPageCount(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 10, 100, 1000} {
		files := Files(Options{Pages: n, Seed: 1})
		got := 0
		for name := range files {
			if strings.HasSuffix(name, ".md") {
				got++
			}
		}
		if got != n {
			t.Errorf("Pages %d: got %d Markdown files", n, got)
		}
		if _, ok := files["content/_index.md"]; !ok {
			t.Errorf("Pages %d: no content/_index.md", n)
		}
	}
}

func TestConfig(t *testing.T) {
	for _, starter := range []bool{false, true} {
		cfg := string(Files(Options{Pages: 5, Seed: 3, Starter: starter})["handbook.yaml"])
		re := regexp.MustCompile(`^title: Benchmark handbook
starter: ` + strconv.FormatBool(starter) + `
trust:
  name: [A-Z][A-Za-z ]+ NHS( Foundation)? Trust
  short_name: [A-Z][a-z]+
governance:
  default_owner: [A-Z][A-Za-z ]+
  approved_by: [A-Z][A-Za-z ]+
  approved_on: 20\d\d-\d\d-\d\d
$`)
		if !re.MatchString(cfg) {
			t.Errorf("handbook.yaml has the wrong shape:\n%s", cfg)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	checkFrontMatter(t, Files(Options{Pages: 1000, Seed: 1}))
}

// checkFrontMatter checks every page's front matter.
func checkFrontMatter(t *testing.T, files map[string][]byte) {
	t.Helper()
	pages := parsePages(t, files)
	lo := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	review := time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)
	titles := map[string]bool{} // folder + "\x00" + lower-case title
	for _, p := range pages {
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range p.front {
				if !yield(k) {
					return
				}
			}
		})
		want := []string{"approved_on", "audience", "description", "owner", "review_by", "title", "weight"}
		if !slices.Equal(keys, want) {
			t.Errorf("%s: keys %v, want %v", p.path, keys, want)
		}
		for k, v := range p.front {
			// Plain YAML scalars: nothing that starts a flow, a comment,
			// an anchor, a quote or a block, and no ": " inside.
			if k != "audience" && (strings.ContainsAny(v[:1], "[]{}#&*!|>'\"%@`-?:,") || strings.Contains(v, ": ") || strings.Contains(v, " #")) {
				t.Errorf("%s: %s is not a plain YAML scalar: %q", p.path, k, v)
			}
		}
		title := p.front["title"]
		if r := []rune(title)[0]; !unicode.IsUpper(r) {
			t.Errorf("%s: title %q does not start with a capital", p.path, title)
		}
		// A section's _index.md and its siblings share the parent's list.
		dir := path.Dir(p.path)
		if path.Base(p.path) == "_index.md" {
			dir = path.Dir(dir)
		}
		if key := dir + "\x00" + strings.ToLower(title); titles[key] {
			t.Errorf("%s: title %q used twice in %s", p.path, title, dir)
		} else {
			titles[key] = true
		}
		if w, err := strconv.Atoi(p.front["weight"]); err != nil || w <= 0 || w%10 != 0 {
			t.Errorf("%s: weight %q is not a positive multiple of 10", p.path, p.front["weight"])
		}
		aud := p.front["audience"]
		if !strings.HasPrefix(aud, "[") || !strings.HasSuffix(aud, "]") {
			t.Errorf("%s: audience %q is not a list", p.path, aud)
		} else {
			for _, a := range strings.Split(aud[1:len(aud)-1], ", ") {
				if a != "psp" && a != "staff" && a != "manager" {
					t.Errorf("%s: audience %q", p.path, a)
				}
			}
		}
		approved, err := time.Parse(time.DateOnly, p.front["approved_on"])
		if err != nil || approved.Before(lo) || approved.After(hi) {
			t.Errorf("%s: approved_on %q not between %s and %s", p.path, p.front["approved_on"], lo.Format(time.DateOnly), hi.Format(time.DateOnly))
		}
		due, err := time.Parse(time.DateOnly, p.front["review_by"])
		if err != nil || due.Before(review) {
			t.Errorf("%s: review_by %q before %s", p.path, p.front["review_by"], review.Format(time.DateOnly))
		}
		if p.front["owner"] == "" || p.front["description"] == "" {
			t.Errorf("%s: empty owner or description", p.path)
		}
	}
}

func TestWordCounts(t *testing.T) {
	for _, n := range []int{10, 1000} {
		if avg := checkWords(t, Files(Options{Pages: n, Seed: 5})); avg < 600 || avg > 1100 {
			t.Errorf("Pages %d: %d words a page on average", n, avg)
		}
	}
}

// checkWords checks that every page body has 400 to 1,500 words and
// returns the average.
func checkWords(t *testing.T, files map[string][]byte) int {
	t.Helper()
	total := 0
	pages := parsePages(t, files)
	for _, p := range pages {
		w := words(p.body)
		total += w
		if w < 400 || w > 1500 {
			t.Errorf("%s: %d words, want 400 to 1,500", p.path, w)
		}
	}
	return total / len(pages)
}

func TestLinks(t *testing.T) {
	for _, n := range []int{2, 10, 1000} {
		anchored, internal := checkLinks(t, Files(Options{Pages: n, Seed: 9}), n)
		if n == 1000 {
			if share := float64(anchored) / float64(internal); share < 0.18 || share > 0.32 {
				t.Errorf("%.0f%% of links carry an anchor, want about 25%%", 100*share)
			}
		}
	}
}

// checkLinks checks that every link and picture of an n-page handbook
// resolves, anchors included, and that each page has 3 to 8 links to
// other pages and at most 2 external links. It returns how many links to
// pages there are and how many of them carry an anchor.
func checkLinks(t *testing.T, files map[string][]byte, n int) (anchored, internal int) {
	t.Helper()
	pages := parsePages(t, files)
	ids := map[string][]string{}
	for _, p := range pages {
		ids[p.path] = headingIDs(p.body)
	}
	for _, p := range pages {
		pageLinks, external := 0, 0
		for _, m := range linkRE.FindAllStringSubmatch(p.body, -1) {
			target := m[1]
			if strings.HasPrefix(target, "https://") {
				external++
				if !strings.HasPrefix(target, "https://www.england.nhs.uk/") {
					t.Errorf("%s: external link %s", p.path, target)
				}
				continue
			}
			file, anchor, hasAnchor := strings.Cut(target, "#")
			resolved := path.Join(path.Dir(p.path), file)
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s: link %s: no file %s", p.path, target, resolved)
				continue
			}
			if strings.HasSuffix(file, ".md") {
				pageLinks++
				if resolved == p.path {
					t.Errorf("%s: links to itself", p.path)
				}
			} else if !strings.HasPrefix(file, "images/") && !strings.HasPrefix(file, "../images/") {
				t.Errorf("%s: link %s is neither a page nor a picture", p.path, target)
			}
			if hasAnchor {
				anchored++
				if !slices.Contains(ids[resolved], anchor) {
					t.Errorf("%s: link %s: no heading #%s in %s (have %v)", p.path, target, anchor, resolved, ids[resolved])
				}
			}
		}
		internal += pageLinks
		if want := min(3, n-1); pageLinks < want || pageLinks > 8 {
			t.Errorf("%s: %d links to pages, want %d to 8", p.path, pageLinks, want)
		}
		if external > 2 {
			t.Errorf("%s: %d external links, want at most 2", p.path, external)
		}
	}
	return anchored, internal
}

func TestMarkdown(t *testing.T) {
	pages := parsePages(t, Files(Options{Pages: 1000, Seed: 2}))
	var tables, quotes, alerts, tasks, images, bold, code int
	for _, p := range pages {
		level := 1
		seen := map[string]bool{}
		var table, quote, alert, task, image bool
		lines := strings.Split(p.body, "\n")
		for i, line := range lines {
			prev := ""
			if i > 0 {
				prev = lines[i-1]
			}
			switch {
			case strings.HasPrefix(line, "#"):
				marks := len(line) - len(strings.TrimLeft(line, "#"))
				if marks < 2 || marks > 3 || line[marks] != ' ' {
					t.Errorf("%s:%d: heading %q is not ## or ###", p.path, i, line)
				}
				if marks > level+1 {
					t.Errorf("%s:%d: heading %q skips a level", p.path, i, line)
				}
				level = marks
				id := anchorOf(line[marks:])
				if seen[id] {
					t.Errorf("%s:%d: heading #%s repeated", p.path, i, id)
				}
				seen[id] = true
			case strings.HasPrefix(line, "| --- |"):
				table = true
			case strings.HasPrefix(line, "> [!"):
				alert = true
			case strings.HasPrefix(line, "> ") && !strings.HasPrefix(prev, ">"):
				quote = true // a blockquote's first line; an alert's start with [!
			case strings.HasPrefix(line, "- [ ] "):
				task = true
			case strings.HasPrefix(line, "!["):
				image = true
			}
		}
		if strings.Contains(p.body, "lorem") || strings.Contains(p.body, "{{") {
			t.Errorf("%s: placeholder text", p.path)
		}
		if len(seen) == 0 {
			t.Errorf("%s: no headings", p.path)
		}
		tables += b2i(table)
		quotes += b2i(quote)
		alerts += b2i(alert)
		tasks += b2i(task)
		images += b2i(image)
		bold += b2i(strings.Contains(p.body, "**"))
		code += b2i(strings.Contains(p.body, "`"))
	}
	for _, c := range []struct {
		what     string
		got      int
		min, max int // out of 1,000 pages
	}{
		{"tables", tables, 400, 600},
		{"blockquotes", quotes, 250, 420},
		{"alerts", alerts, 80, 180},
		{"task lists", tasks, 60, 150},
		{"pictures", images, 140, 260},
		{"bold", bold, 200, 1000},
		{"code", code, 100, 900},
	} {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s on %d of 1,000 pages, want %d to %d", c.what, c.got, c.min, c.max)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

var (
	nameRE    = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	pictureRE = regexp.MustCompile(`^[a-z]+(-[a-z]+)*\.(png|svg)$`)
	keyRE     = regexp.MustCompile(`^[a-z_]+$`)
)

func TestTree(t *testing.T) {
	sizes := []int{100, 1000, 10000}
	if testing.Short() {
		sizes = sizes[:2]
	}
	for _, n := range sizes {
		sections := checkTree(t, Files(Options{Pages: n, Seed: 4}), n)
		t.Logf("Pages %d: %d sections", n, sections)
	}
}

// checkTree checks the folders and file names of an n-page handbook and
// returns the number of sections.
func checkTree(t *testing.T, files map[string][]byte, n int) int {
	t.Helper()
	children := map[string]map[string]bool{} // folder → child names
	folders := map[string]bool{}
	for name := range files {
		if name == "handbook.yaml" {
			continue
		}
		rel, ok := strings.CutPrefix(name, "content/")
		if !ok {
			t.Fatalf("Pages %d: %s outside content/", n, name)
		}
		dir, base := path.Split(rel)
		dir = strings.TrimSuffix(dir, "/")
		if path.Base(dir) == "images" {
			if !pictureRE.MatchString(base) {
				t.Errorf("%s: not a picture", name)
			}
			continue
		}
		if strings.Count(rel, "/") > 3 {
			t.Errorf("%s: more than 3 folders deep", name)
		}
		folders[dir] = true
		for d := dir; d != "." && d != ""; d = path.Dir(d) {
			folders[d] = true
			if !nameRE.MatchString(path.Base(d)) {
				t.Errorf("%s: folder name %q", name, path.Base(d))
			}
			parent := path.Dir(d)
			if parent == "." {
				parent = ""
			}
			if children[parent] == nil {
				children[parent] = map[string]bool{}
			}
			children[parent][path.Base(d)+"/"] = true
		}
		if base == "_index.md" {
			continue
		}
		if !nameRE.MatchString(strings.TrimSuffix(base, ".md")) {
			t.Errorf("%s: file name %q", name, base)
		}
		if children[dir] == nil {
			children[dir] = map[string]bool{}
		}
		children[dir][strings.TrimSuffix(base, ".md")] = true
	}
	for dir := range folders {
		index := path.Join("content", dir, "_index.md")
		if _, ok := files[index]; !ok {
			t.Errorf("Pages %d: %s missing", n, index)
		}
		kids := children[dir]
		if n >= 4 && (len(kids) < 3 || len(kids) > 20) {
			t.Errorf("Pages %d: %q has %d children, want 3 to 20", n, dir, len(kids))
		}
		for k := range kids {
			// foo.md and foo/ would claim the same URL.
			if !strings.HasSuffix(k, "/") && kids[k+"/"] {
				t.Errorf("Pages %d: %s has both %s.md and %s/", n, dir, k, k)
			}
		}
	}
	return len(folders)
}

// TestSmallAndOdd runs every check on many small handbooks and a few
// other seeds, where edge cases live.
func TestSmallAndOdd(t *testing.T) {
	sizes := []int{}
	for n := 1; n <= 60; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, 137, 420, 2500)
	for _, n := range sizes {
		files := Files(Options{Pages: n, Seed: int64(n) * 7919})
		checkFrontMatter(t, files)
		checkWords(t, files)
		checkLinks(t, files, n)
		checkTree(t, files, n)
	}
}

func TestWrite(t *testing.T) {
	opts := Options{Pages: 60, Seed: 11}
	dir := filepath.Join(t.TempDir(), "hb")
	if err := Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	want := Files(opts)
	got := 0
	err := filepath.WalkDir(dir, func(name string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, want[filepath.ToSlash(rel)]) {
			t.Errorf("%s differs from Files", rel)
		}
		got++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(want) {
		t.Errorf("wrote %d files, Files has %d", got, len(want))
	}
	if err := Write(dir, opts); err == nil {
		t.Error("Write into a non-empty folder succeeded")
	}
	if err := Write(t.TempDir(), Options{Pages: 0}); err == nil {
		t.Error("Write with Pages 0 succeeded")
	}
	if err := Write(t.TempDir(), opts); err != nil {
		t.Errorf("Write into an empty folder: %v", err)
	}
}

func BenchmarkFiles1000(b *testing.B) {
	for b.Loop() {
		Files(Options{Pages: 1000, Seed: 1})
	}
}
