package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// badBase is the handbook every bad-input case starts from: no starter
// pages, so the only pages are the case's own.
var badBase = map[string]string{
	"handbook.yaml":     "starter: false\ntrust:\n  name: Test Hospitals NHS Trust\n",
	"content/_index.md": "---\ntitle: Welcome\n---\nHello.\n",
}

// badCase is one handbook build with something wrong, or odd but fine.
type badCase struct {
	name string
	// files are written over badBase (paths relative to the handbook
	// folder); a "-" value removes a base file.
	files map[string]string
	// setup makes what files cannot, such as symbolic links, in dir, the
	// handbook folder.
	setup func(t *testing.T, dir string)
	code  int
	// stderr are the exact lines "handbook build hb" must print on
	// stderr. The handbook folder is hb, in the current folder, and $TMP
	// stands for the current folder's absolute path.
	stderr []string
	// check inspects the site after a successful build (out is hb/public).
	check func(t *testing.T, out string)
	// notOnWindows marks cases whose files Windows itself cannot hold.
	notOnWindows bool
}

// runBadCase writes the case's handbook into a new folder, builds it with
// the command line in-process, and compares the exit code and every line
// of stderr.
func runBadCase(t *testing.T, c badCase) (stdout string) {
	t.Helper()
	if c.notOnWindows && runtime.GOOS == "windows" {
		t.Skip("Windows cannot hold these files")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "hb")
	files := map[string]string{}
	for k, v := range badBase {
		files[k] = v
	}
	for k, v := range c.files {
		files[k] = v
	}
	for name, data := range files {
		if data == "-" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c.setup != nil {
		c.setup(t, dir)
	}
	t.Chdir(parent)
	code, stdout, stderr := runCLI(t, "build", "hb", "--today", "2026-11-26")
	got := normaliseTmp(stderr, parent)
	if code != c.code {
		t.Errorf("exit code %d, want %d\nstdout: %s\nstderr:\n%s", code, c.code, stdout, got)
	}
	want := strings.Join(c.stderr, "\n")
	if strings.TrimRight(got, "\n") != want {
		t.Errorf("stderr:\n%s\nwant exactly:\n%s", got, want)
	}
	if code == 0 {
		if !strings.HasPrefix(stdout, "Built ") {
			t.Errorf("stdout = %q, want the build summary", stdout)
		}
		if c.check != nil {
			c.check(t, filepath.Join(dir, "public"))
		}
	} else if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("a failed build left hb/public behind")
	}
	return stdout
}

// normaliseTmp replaces the temporary folder's absolute path (as given and
// with symbolic links resolved) with $TMP.
func normaliseTmp(s, dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		s = strings.ReplaceAll(s, real, "$TMP")
	}
	return strings.ReplaceAll(s, dir, "$TMP")
}

// failed is the last line of a failed build of hb with n errors.
func failed(n int) string {
	return "Build failed with " + strconv.Itoa(n) + " error(s); " + filepath.Join("$TMP", "hb", "public") + " was left as it was."
}

// pngBytes are the first bytes of a real PNG file.
const pngBytes = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

// frontMatterBomb is a page whose front matter is a "billion laughs":
// nine levels of ten aliases each, 10^9 values once expanded.
func frontMatterBomb() string {
	var b strings.Builder
	b.WriteString("---\ntitle: Bomb\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("l" + strconv.Itoa(i) + ": &l" + strconv.Itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + strconv.Itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("---\nBody.\n")
	return b.String()
}

func symlink(target, name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if runtime.GOOS == "windows" {
			t.Skip("symbolic links need privileges on Windows")
		}
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBuildBadInput(t *testing.T) {
	longDir := "content/" + strings.Repeat("a-folder-with-a-long-name-about-governance/", 6)
	longPage := longDir + "and-a-page-whose-name-goes-on-and-on.md"
	cases := []badCase{
		{
			name:  "empty page file",
			files: map[string]string{"content/empty.md": ""},
			code:  0,
		},
		{
			name:  "empty handbook.yaml",
			files: map[string]string{"handbook.yaml": ""},
			code:  1,
			stderr: []string{
				"hb/handbook.yaml:1:1: the file is empty: it needs at least trust.name",
				failed(1),
			},
		},
		{
			name:  "handbook.yaml in UTF-16",
			files: map[string]string{"handbook.yaml": "\xff\xfet\x00r\x00"},
			code:  1,
			stderr: []string{
				"hb/handbook.yaml:1:1: the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead (in Notepad: File, Save as, Encoding: UTF-8)",
				failed(1),
			},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{"content/latin1.md": "---\ntitle: Caf\xe9\n---\n"},
			code:  1,
			stderr: []string{
				"hb/content/latin1.md:2:11: invalid UTF-8 (byte 0xE9); the file is probably saved as Windows-1252 or Latin-1: save it as UTF-8",
				failed(1),
			},
		},
		{
			name:  "UTF-16 LE with BOM",
			files: map[string]string{"content/le.md": "\xff\xfe#\x00 \x00H\x00i\x00"},
			code:  1,
			stderr: []string{
				"hb/content/le.md:1:1: the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead (in Notepad: File, Save as, Encoding: UTF-8)",
				failed(1),
			},
		},
		{
			name:  "UTF-16 BE with BOM",
			files: map[string]string{"content/be.md": "\xfe\xff\x00#\x00 \x00H\x00i"},
			code:  1,
			stderr: []string{
				"hb/content/be.md:1:1: the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead (in Notepad: File, Save as, Encoding: UTF-8)",
				failed(1),
			},
		},
		{
			name:  "Word smart quotes and non-breaking spaces",
			files: map[string]string{"content/word.md": "---\ntitle: \u201cSmart\u201d quotes\n---\nThe partner\u2019s role\u00a0\u2013 \u201cin their own words\u201d.\n"},
			code:  0,
			check: func(t *testing.T, out string) {
				b, err := os.ReadFile(filepath.Join(out, "word", "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				page := string(b)
				for _, want := range []string{"\u201cSmart\u201d quotes</h1>", "partner\u2019s role", "\u2013 \u201cin their own words\u201d"} {
					if !strings.Contains(page, want) {
						t.Errorf("the page does not contain %q", want)
					}
				}
				if !strings.Contains(page, "role\u00a0\u2013") && !strings.Contains(page, "role&nbsp;\u2013") {
					t.Errorf("the non-breaking space was lost")
				}
			},
		},
		{
			name:  "NUL bytes",
			files: map[string]string{"content/nul-byte.md": "# Title\n\nSome\x00text\n"},
			code:  1,
			stderr: []string{
				"hb/content/nul-byte.md:3:5: the file contains a NUL byte, so it is not a text file (a binary file, or text saved as UTF-16 without a byte-order mark); save it as UTF-8 text",
				failed(1),
			},
		},
		{
			name:  "PNG bytes named page.md",
			files: map[string]string{"content/page.md": pngBytes},
			code:  1,
			stderr: []string{
				"hb/content/page.md:1:1: this is a PNG picture, not a text file: a picture needs a name ending in .png, and a page shows it with ![what it shows](name.png)",
				failed(1),
			},
		},
		{
			name:  "front matter indented with tabs",
			files: map[string]string{"content/tabs.md": "---\ntitle: Tabs\n\tweight: 2\n---\nBody.\n"},
			code:  1,
			stderr: []string{
				"hb/content/tabs.md:3:1: invalid YAML: a tab character is not allowed here: YAML indents with spaces only",
				failed(1),
			},
		},
		{
			name:  "duplicate front matter keys",
			files: map[string]string{"content/dup.md": "---\ntitle: One\nweight: 1\ntitle: Two\n---\nBody.\n"},
			code:  1,
			stderr: []string{
				"hb/content/dup.md:4:1: duplicate key \"title\" (first given on line 2)",
				failed(1),
			},
		},
		{
			name:  "unterminated front matter",
			files: map[string]string{"content/open.md": "---\ntitle: Never closed\n\nBody.\n"},
			code:  1,
			stderr: []string{
				"hb/content/open.md:1:1: front matter starting here is never closed: add a line with only --- after the last key",
				failed(1),
			},
		},
		{
			name:  "alias bomb in front matter",
			files: map[string]string{"content/bomb.md": frontMatterBomb()},
			code:  1,
			stderr: []string{
				"hb/content/bomb.md:7:45: too many aliases: with every *alias expanded, this YAML holds more than 100000 values; write the values out instead of repeating aliases of aliases",
				failed(1),
			},
		},
		{
			name:  "alias bomb in handbook.yaml",
			files: map[string]string{"handbook.yaml": "starter: false\ntrust:\n  name: T\n" + strings.TrimPrefix(strings.SplitN(frontMatterBomb(), "---\n", 3)[1], "title: Bomb\n")},
			code:  1,
			stderr: []string{
				"hb/handbook.yaml:8:45: too many aliases: with every *alias expanded, this YAML holds more than 100000 values; write the values out instead of repeating aliases of aliases",
				failed(1),
			},
		},
		{
			name: "symbolic link loop",
			setup: func(t *testing.T, dir string) {
				symlink("loop-b.md", "content/loop-a.md")(t, dir)
				symlink("loop-a.md", "content/loop-b.md")(t, dir)
			},
			code: 1,
			stderr: []string{
				"hb/content/loop-a.md: this symbolic link goes round in a loop (it leads, directly or through other links, back to itself): remove it, or point it at a real file",
				"hb/content/loop-b.md: this symbolic link goes round in a loop (it leads, directly or through other links, back to itself): remove it, or point it at a real file",
				failed(2),
			},
		},
		{
			name:  "symbolic link out of the handbook",
			setup: symlink("/etc/hostname", "content/outside.md"),
			code:  1,
			stderr: []string{
				"hb/content/outside.md: this is a symbolic link to a place outside the handbook folder, and links out of the handbook are not followed (so a build reads nothing it was not given): copy what it points to into the handbook folder instead",
				failed(1),
			},
		},
		{
			name:  "symbolic link to a folder out of the handbook",
			setup: symlink("/etc", "content/etc"),
			code:  1,
			stderr: []string{
				"hb/content/etc: this is a symbolic link to a place outside the handbook folder, and links out of the handbook are not followed (so a build reads nothing it was not given): copy what it points to into the handbook folder instead",
				failed(1),
			},
		},
		{
			name:  "symbolic link inside the handbook (fine)",
			files: map[string]string{"shared/policy.md": "# Policy\n\nShared text.\n"},
			setup: symlink("../shared/policy.md", "content/policy.md"),
			code:  0,
		},
		{
			name:  "two pages make one URL: Guide.md and guide/index.md",
			files: map[string]string{"content/Guide.md": "One.\n", "content/guide/index.md": "Two.\n"},
			code:  1,
			stderr: []string{
				"hb/content/guide/index.md:1:1: this page and hb/content/Guide.md both make the page guide/; rename or remove one of them",
				failed(1),
			},
		},
		{
			name:  "two pages make one URL: spaces and hyphens",
			files: map[string]string{"content/Meeting notes.md": "One.\n", "content/meeting-notes.md": "Two.\n"},
			code:  1,
			stderr: []string{
				"hb/content/meeting-notes.md:1:1: this page and hb/content/Meeting notes.md both make the page meeting-notes/; rename or remove one of them",
				failed(1),
			},
		},
		{
			name:  "two pages make one URL: Index.md beside _index.md",
			files: map[string]string{"content/about/_index.md": "One.\n", "content/about/Index.md": "Two.\n"},
			code:  1,
			stderr: []string{
				"hb/content/about/_index.md:1:1: this page and hb/content/about/Index.md both make the page about/; rename or remove one of them",
				failed(1),
			},
		},
		{
			name: "names Windows cannot use",
			files: map[string]string{
				"content/con.md":            "Con.\n",
				"content/aux.md":            "Aux.\n",
				"content/a:b.md":            "Colon.\n",
				"content/notes.":            "Dot.\n",
				"content/Policies /page.md": "Space.\n",
				"content/what?.md":          "Question.\n",
			},
			notOnWindows: true,
			code:         1,
			stderr: []string{
				"hb/content/Policies : the name \"Policies \" cannot be used on Windows (it ends in a dot or a space, which Windows removes), and trusts edit their handbooks on Windows: rename it",
				"hb/content/a:b.md: the name \"a:b.md\" cannot be used on Windows (it contains ':', which Windows does not allow in names), and trusts edit their handbooks on Windows: rename it",
				"hb/content/aux.md: the name \"aux.md\" cannot be used on Windows (\"aux\" is a name Windows keeps for a device), and trusts edit their handbooks on Windows: rename it",
				"hb/content/con.md: the name \"con.md\" cannot be used on Windows (\"con\" is a name Windows keeps for a device), and trusts edit their handbooks on Windows: rename it",
				"hb/content/notes.: the name \"notes.\" cannot be used on Windows (it ends in a dot or a space, which Windows removes), and trusts edit their handbooks on Windows: rename it",
				"hb/content/what?.md: the name \"what?.md\" cannot be used on Windows (it contains '?', which Windows does not allow in names), and trusts edit their handbooks on Windows: rename it",
				failed(6),
			},
		},
		{
			name:  "path too long for Windows",
			files: map[string]string{longPage: "Long.\n"},
			code:  0,
			stderr: []string{
				"hb/" + longPage + ": warning: this path is 305 characters long inside the handbook folder; Windows cannot open files whose full path is 260 characters or more, so people editing on Windows may not be able to open it: shorten the file or folder names",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runBadCase(t, c) })
	}
}

// bigPage returns about size bytes of ordinary Markdown: paragraphs of
// prose with a link and emphasis, and a heading every `every` paragraphs
// (none when every is 0).
func bigPage(size, every int) string {
	words := strings.Fields("the partner reads the papers before each meeting and asks how patients and families were involved in the review of safety incidents")
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("---\ntitle: A very long page\n---\n")
	for i := 0; b.Len() < size; i++ {
		if every > 0 && i%every == 0 {
			b.WriteString("## Section " + strconv.Itoa(i) + "\n\n")
			continue
		}
		for j := range 60 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i*7+j*13)%len(words)])
		}
		b.WriteString(". See [the home page](_index.md) and *keep notes*.\n\n")
	}
	return b.String()
}

// heapPeak samples the live heap every few milliseconds until stop is
// closed, and returns the highest value seen.
func heapPeak(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// TestBuildHugeAndDeepPages builds pages that are very large or very
// deeply nested and requires each build to finish in bounded time and
// memory. The bounds are generous (several times what this machine
// measured) so that only a return of superlinear behaviour trips them:
// before the fixes in markdown (line index for positions, nesting cap), a
// 16 MB page took 84 s and a list nested 2,000 levels deep 18 s.
func TestBuildHugeAndDeepPages(t *testing.T) {
	size := 20 << 20
	if raceEnabled {
		size = 2 << 20 // the race detector makes goldmark ~10 times slower
	}
	warn := func(file string, line int, more int) string {
		extra := ""
		if more > 0 {
			extra = " (and on " + strconv.Itoa(more) + " more lines)"
		}
		return "hb/content/" + file + ":" + strconv.Itoa(line) + ":1: warning: lists, quotes or indentation nested more than 100 characters deep here" + extra + "; the deeper levels are ignored so the page can be built: use fewer levels"
	}
	var listStairs, quoteStairs strings.Builder
	for i := range 2000 {
		listStairs.WriteString(strings.Repeat("  ", i) + "- item " + strconv.Itoa(i) + "\n")
	}
	for i := range 3000 {
		quoteStairs.WriteString(strings.Repeat(">", i+1) + " quote " + strconv.Itoa(i) + "\n")
	}
	tests := []struct {
		name    string
		file    string
		content func() string
		stderr  []string
		limit   time.Duration
		skip    string
	}{
		{"a 20 MB page", "big.md", func() string { return bigPage(size, 50) }, nil, 60 * time.Second, ""},
		// One section of 8 MB took 122 s (2 MB 5.8 s, 4 MB 21.6 s):
		// searchDoc in generator/work.go builds each section's search text
		// with s.Text += t.Text, copying the section so far for every
		// paragraph. Building it with a strings.Builder, or joining a
		// slice, makes it linear. Remove the skip once that is fixed.
		{"an 8 MB page without headings", "flat.md", func() string { return bigPage(min(size, 8<<20), 0) }, nil, 60 * time.Second,
			"generator/work.go searchDoc is quadratic in the paragraphs of one section (8 MB without headings: 122 s); see the comment above"},
		{"a list nested 10,000 deep on one line", "list.md", func() string { return strings.Repeat("- ", 10000) + "deep\n" }, []string{warn("list.md", 1, 0)}, 10 * time.Second, ""},
		{"a quote nested 10,000 deep on one line", "quote.md", func() string { return strings.Repeat("> ", 10000) + "deep\n" }, []string{warn("quote.md", 1, 0)}, 10 * time.Second, ""},
		{"100,000 quote markers", "quotes.md", func() string { return strings.Repeat(">", 100000) + " deep\n" }, []string{warn("quotes.md", 1, 0)}, 10 * time.Second, ""},
		{"a list indented 2,000 levels deep", "stairs.md", listStairs.String, []string{warn("stairs.md", 51, 1949)}, 10 * time.Second, ""},
		{"quotes 3,000 levels deep, one more a line", "quote-stairs.md", quoteStairs.String, []string{warn("quote-stairs.md", 100, 2900)}, 10 * time.Second, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skip != "" {
				t.Skip(tt.skip)
			}
			content := tt.content()
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			stop := make(chan struct{})
			peak := heapPeak(stop)
			start := time.Now()
			stdout := runBadCase(t, badCase{
				files:  map[string]string{"content/" + tt.file: content},
				code:   0,
				stderr: tt.stderr,
			})
			took := time.Since(start)
			close(stop)
			runtime.ReadMemStats(&after)
			allocated := after.TotalAlloc - before.TotalAlloc
			peakHeap := <-peak
			t.Logf("%d bytes: %v, %d MB allocated in all, live heap at most %d MB; %s",
				len(content), took.Round(time.Millisecond), allocated>>20, peakHeap>>20, strings.TrimSpace(stdout))
			if took > tt.limit {
				t.Errorf("the build took %v, want under %v", took, tt.limit)
			}
			// Measured: about 125 bytes allocated in all (a gigabyte of it in
			// the search index's text, see the skipped case below) and 17
			// bytes of live heap per byte of page, on a floor of some 30 MB
			// for any build.
			if limit := uint64(250*len(content) + 300<<20); allocated > limit {
				t.Errorf("the build allocated %d MB, want under %d MB", allocated>>20, limit>>20)
			}
			if limit := uint64(60*len(content) + 200<<20); peakHeap > limit {
				t.Errorf("the live heap reached %d MB, want under %d MB", peakHeap>>20, limit>>20)
			}
		})
	}
}
