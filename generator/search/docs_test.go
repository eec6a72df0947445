package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator/internal/slug"
)

// generatedDocs turns a handbook from handbookgen into docs, with the front
// matter and the Markdown stripped crudely: good enough to size and time the
// index, not a Markdown parser.
func generatedDocs(tb testing.TB, pages int, seed int64) []Doc {
	tb.Helper()
	files := handbookgen.Files(handbookgen.Options{Pages: pages, Seed: seed})
	var paths []string
	for p := range files {
		if strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	docs := make([]Doc, 0, len(paths))
	for _, p := range paths {
		docs = append(docs, markdownDoc(p, string(files[p])))
	}
	if len(docs) != pages {
		tb.Fatalf("handbookgen gave %d pages, want %d", len(docs), pages)
	}
	return docs
}

var (
	reImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	reLink     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reEmphasis = regexp.MustCompile("\\*\\*|__|`")
	reAlert    = regexp.MustCompile(`\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION|DO|DONT)\]`)
	reListMark = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?`)
	reTableSep = regexp.MustCompile(`^\|?[\s:|-]+\|?$`)
)

// markdownDoc makes a doc of one Markdown file of handbookgen.
func markdownDoc(path, text string) Doc {
	url := strings.TrimPrefix(strings.TrimSuffix(path, ".md"), "content/")
	url = strings.TrimSuffix(url, "_index")
	if url != "" && !strings.HasSuffix(url, "/") {
		url += "/"
	}
	d := Doc{URL: url}
	body := text
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if fm, after, ok := strings.Cut(rest, "\n---\n"); ok {
			body = after
			for _, line := range strings.Split(fm, "\n") {
				if v, ok := strings.CutPrefix(line, "title: "); ok {
					d.Title = strings.Trim(v, `"'`)
				}
			}
		}
	}
	sec := Section{}
	var text2 strings.Builder
	flush := func() {
		sec.Text = strings.TrimSpace(text2.String())
		d.Sections = append(d.Sections, sec)
		text2.Reset()
	}
	for _, line := range strings.Split(body, "\n") {
		level := 0
		switch {
		case strings.HasPrefix(line, "### "):
			level = 3
		case strings.HasPrefix(line, "## "):
			level = 2
		}
		if level > 0 {
			flush()
			h := strings.TrimSpace(line[level+1:])
			id := slug.Make(h)
			d.Headings = append(d.Headings, Heading{Level: level, ID: id, Text: h})
			sec = Section{ID: id, Heading: h}
			continue
		}
		if reTableSep.MatchString(line) && strings.Contains(line, "-") {
			continue
		}
		line = strings.TrimLeft(line, "> ")
		line = reListMark.ReplaceAllString(line, "")
		line = reAlert.ReplaceAllString(line, "")
		line = reImage.ReplaceAllString(line, "$1")
		line = reLink.ReplaceAllString(line, "$1")
		line = reEmphasis.ReplaceAllString(line, "")
		line = strings.ReplaceAll(line, "|", " ")
		text2.WriteString(line)
		text2.WriteByte(' ')
	}
	flush()
	return d
}

// testGlossary is a small glossary for tests.
func testGlossary() []GlossaryEntry {
	return []GlossaryEntry{
		{Term: "FTSU", Expansion: "Freedom to Speak Up", Definition: "A way for staff to raise concerns safely, with a Guardian to help.", URL: "glossary/", Anchor: "term-ftsu"},
		{Term: "PSP", Expansion: "Patient Safety Partner", Definition: "A patient, carer or member of the public who helps the trust improve patient safety.", URL: "glossary/", Anchor: "term-psp"},
		{Term: "Terms of reference", Definition: "A document that says what a committee is for, who sits on it and how it works.", URL: "glossary/", Anchor: "term-terms-of-reference"},
	}
}
