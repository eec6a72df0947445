package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/internal/textfile"
)

// TestPositionMatchesTextfile checks the indexed state.position against
// textfile.Position, its reference, at every offset of assorted texts and
// in random order (the index counts on from the previous offset when it
// can, so order matters).
func TestPositionMatchesTextfile(t *testing.T) {
	texts := []string{
		"", "a", "\n", "ab\nc\u00e9d\n", "\n\n\nx", "caf\u00e9 \u2019quoted\u2019\nline two\n\nline four",
		strings.Repeat("long line with \u00e9 accents ", 50) + "\nand more",
		"invalid \xff\xfe bytes\nnext",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, text := range texts {
		src := []byte(text)
		for _, bodyLine := range []int{1, 7} {
			st := &state{page: &Page{BodyLine: bodyLine}, src: src}
			offs := make([]int, 0, 2*len(src)+4)
			for off := -1; off <= len(src)+1; off++ {
				offs = append(offs, off)
			}
			for range len(src) + 2 {
				offs = append(offs, rng.IntN(len(src)+3)-1)
			}
			for _, off := range offs {
				line, col := st.position(off)
				wl, wc := textfile.Position(src, off)
				if line != wl+bodyLine-1 || col != wc {
					t.Errorf("%q at %d (body line %d): %d:%d, want %d:%d", text, off, bodyLine, line, col, wl+bodyLine-1, wc)
				}
			}
		}
	}
}

func TestCapNesting(t *testing.T) {
	deepList := strings.Repeat("- ", 60) + "x\n"   // 120 columns
	deepQuote := strings.Repeat(">", 150) + " x\n" // 151 columns
	tests := []struct {
		name, in, want string
		first, lines   int
	}{
		{"ordinary", "# Title\n\n- a\n  - b\n    > c\n", "# Title\n\n- a\n  - b\n    > c\n", -1, 0},
		{"exactly at the cap", strings.Repeat(">", 99) + " x\n", strings.Repeat(">", 99) + " x\n", -1, 0},
		{"one past the cap", strings.Repeat(">", 100) + " x\n", strings.Repeat(">", 100) + "x\n", 0, 1},
		{"deep list", "a\n" + deepList, "a\n" + strings.Repeat("- ", 50) + "x\n", 2, 1},
		{"deep quote, twice", deepQuote + deepQuote, strings.Repeat(">", 100) + "x\n" + strings.Repeat(">", 100) + "x\n", 0, 2},
		{"indentation", strings.Repeat(" ", 120) + "code\n", strings.Repeat(" ", 100) + "code\n", 0, 1},
		{"tabs count to the next stop", strings.Repeat("\t", 30) + "x", strings.Repeat("\t", 25) + "x", 0, 1},
		{"ordered markers", strings.Repeat("1. ", 40) + "x", strings.Repeat("1. ", 33) + "x", 0, 1},
		{"a thematic break stays one", strings.Repeat("- ", 80), strings.Repeat("- ", 50), 0, 1},
		{"text ends the prefix", "- " + strings.Repeat("-x ", 100), "- " + strings.Repeat("-x ", 100), -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, first, lines := capNesting([]byte(tt.in))
			if string(got) != tt.want || first != tt.first || lines != tt.lines {
				t.Errorf("capNesting(%q)\n = %q, %d, %d\nwant %q, %d, %d", tt.in, got, first, lines, tt.want, tt.first, tt.lines)
			}
			if strings.Count(string(got), "\n") != strings.Count(tt.in, "\n") {
				t.Errorf("the number of lines changed")
			}
		})
	}
}

// TestDeepNestingIsCappedWithAWarning renders nesting that took seconds
// to minutes before the cap, and checks the warning.
func TestDeepNestingIsCappedWithAWarning(t *testing.T) {
	var stairs strings.Builder
	for i := range 1000 {
		stairs.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	r := New(Options{})
	res, err := r.Render(Page{Display: "deep.md", Body: []byte("Intro.\n\n" + stairs.String()), BodyLine: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := "deep.md:55:1: warning: lists, quotes or indentation nested more than 100 characters deep here (and on 949 more lines); the deeper levels are ignored so the page can be built: use fewer levels"
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Error() != want {
		t.Errorf("diagnostics %v, want\n%s", res.Diagnostics, want)
	}
	if n := strings.Count(string(res.HTML), "<ul>"); n != 50 {
		t.Errorf("%d lists, want 50 (the cap allows 50 levels of two columns each)", n)
	}
}

func TestScriptLinksRemoved(t *testing.T) {
	tests := []struct {
		in, html, diag string
	}{
		{"[x](javascript:alert(1))", "<p>x</p>\n", "p.md:1:1: the link goes to a javascript: address, which could run code"},
		{"[x](JaVaScRiPt:alert(1))", "<p>x</p>\n", "p.md:1:1: the link goes to a javascript: address"},
		{"[x](&#106;avascript:alert(1))", "<p>x</p>\n", "p.md:1:1: the link goes to a javascript: address"},
		{"[x](vbscript:msgbox)", "<p>x</p>\n", "p.md:1:1: the link goes to a vbscript: address"},
		{"[x](data:text/html,<b>)", "<p>x</p>\n", "p.md:1:1: the link goes to a data: address"},
		{"[x]\n\n[x]: javascript:alert(1)", "<p>x</p>\n", "p.md:1:1: the link goes to a javascript: address"},
		{"![i](javascript:alert(1))", "<p></p>\n", "p.md:1:1: the image comes from a javascript: address, which could run code in the reader's browser, so it has been left out"},
		{"<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n", "p.md:1:1: the link goes to a javascript: address"},
		// Not script: left alone.
		{"![i](data:image/png;base64,AAAA)", `<p><img src="data:image/png;base64,AAAA" alt="i"></p>` + "\n", ""},
		{"[x](https://example.nhs.uk/javascript:)", `<p><a href="https://example.nhs.uk/javascript:">x</a></p>` + "\n", ""},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{UnsafeHTML: unsafe})
		for _, tt := range tests {
			res, err := r.Render(Page{Display: "p.md", Body: []byte(tt.in), BodyLine: 1})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.HTML) != tt.html {
				t.Errorf("unsafe=%v %q: HTML %q, want %q", unsafe, tt.in, res.HTML, tt.html)
			}
			var got string
			for _, d := range res.Diagnostics {
				got += d.Error()
			}
			if tt.diag == "" && got != "" || !strings.HasPrefix(got, tt.diag) {
				t.Errorf("unsafe=%v %q: diagnostics %q, want %q…", unsafe, tt.in, got, tt.diag)
			}
		}
	}
}

// values is a Data with one value and no components.
type values struct{}

func (values) Value(path string) (ValueText, error) {
	if path == "trust.name" {
		return ValueText{Text: "Northshire Hospitals"}, nil
	}
	return ValueText{}, errUnknown
}
func (values) IsComponent(string) bool                    { return false }
func (values) Component(string, []string) ([]byte, error) { return nil, errUnknown }

type unknownError struct{}

func (unknownError) Error() string { return "no such value" }

var errUnknown = unknownError{}

// TestReferencesNeverPublishedAsWritten pins where a value reference that
// Markdown does not parse as text goes: replaced in link titles (as in
// destinations), and an error in a bare web address or in raw HTML, where
// it would otherwise reach readers as "{{ … }}".
func TestReferencesNeverPublishedAsWritten(t *testing.T) {
	tests := []struct {
		in, html, diag string
	}{
		{`[a](https://x.nhs.uk "About {{ trust.name }}")`, `<p><a href="https://x.nhs.uk" title="About Northshire Hospitals">a</a></p>` + "\n", ""},
		{`![a](p.png "{{ trust.name }}")`, `<p><img src="p.png" alt="a" title="Northshire Hospitals"></p>` + "\n", ""},
		{`[a](https://x.nhs.uk "{{ nope }}")`, `<p><a href="https://x.nhs.uk" title="">a</a></p>` + "\n", "p.md:1:2: {{ nope }}: no such value"},
		{"www.example.com/{{trust.name}}", `<p><a href="http://www.example.com/%7B%7Btrust.name%7D%7D">www.example.com/{{trust.name}}</a></p>` + "\n",
			"p.md:1:1: {{ trust.name }} inside a bare web address is not replaced by its value"},
		{"<b title=\"{{ trust.name }}\">x</b>", "<p>&lt;b title=&#34;{{ trust.name }}&#34;&gt;x&lt;/b&gt;</p>\n",
			"p.md:1:1: {{ trust.name }} inside raw HTML is not replaced by its value: write this part in Markdown instead"},
		{"<!-- {{ trust.name }} -->", "", ""},
		{"`{{ trust.name }}` and \\{{ trust.name }}", "<p><code>{{ trust.name }}</code> and {{ trust.name }}</p>\n", ""},
	}
	r := New(Options{})
	for _, tt := range tests {
		res, err := r.Render(Page{Display: "p.md", Body: []byte(tt.in), BodyLine: 1, Data: values{}})
		if err != nil {
			t.Fatal(err)
		}
		if string(res.HTML) != tt.html {
			t.Errorf("%q: HTML %q, want %q", tt.in, res.HTML, tt.html)
		}
		var errs []string
		for _, d := range res.Diagnostics {
			if d.Rule != "raw_html" {
				errs = append(errs, d.Error())
			}
		}
		got := strings.Join(errs, "\n")
		if tt.diag == "" && got != "" || !strings.HasPrefix(got, tt.diag) {
			t.Errorf("%q: diagnostics %q, want %q…", tt.in, got, tt.diag)
		}
	}
}
