package check

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/diag"

	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/source"
)

// page returns a listed, approved-by-default page at url whose file is
// display, with front matter on line 1.
func page(url, display string) *Page {
	return &Page{URL: url, Display: display, Title: strings.TrimSuffix(display, ".md"), FrontMatterLine: 1, Listed: true, IDs: map[string]bool{}}
}

func link(dest string, line, col int) markdown.Link {
	l := markdown.Link{Dest: dest, Text: "the guide", Line: line, Col: col}
	path, frag, _ := strings.Cut(dest, "#")
	l.Fragment = frag
	switch {
	case path == "":
		l.Kind = markdown.LinkFragment
	case strings.Contains(path, "://"):
		l.Kind = markdown.LinkExternal
	default:
		l.Kind = markdown.LinkInternal
		url := strings.TrimSuffix(path, ".md") + "/"
		l.Target = markdown.Target{State: markdown.Resolved, Href: "../" + url, URL: url, Page: true}
	}
	return l
}

func TestRules(t *testing.T) {
	v1, v2 := []byte("---\ntitle: About\n---\nOld text.\n"), []byte("---\ntitle: About\n---\nNew text.\n")
	starter := fstest.MapFS{"about.md": {Data: v2}}
	longText := func(n int) []markdown.TextBlock {
		return []markdown.TextBlock{{Text: "Partners " + words(n-1) + ".", Line: 4, Col: 1}}
	}
	hardText := strings.Repeat("Organisational accountability necessitates comprehensive documentation, institutional consultation and multidisciplinary collaboration. ", 12)
	easyText := strings.Repeat("You can ask your sponsor for help at any time. ", 12)

	tests := []struct {
		name    string
		config  string // handbook.yaml; baseConfig when empty
		starter fs.FS
		pages   func() []*Page
		rules   []string
		want    []string
	}{
		{
			name: "broken_anchor on another page",
			pages: func() []*Page {
				a, b := page("a/", "a.md"), page("b/", "b.md")
				b.IDs = map[string]bool{"intro": true, "bob's-role": true}
				a.Links = []markdown.Link{link("b.md#intro", 5, 3), link("b.md#outro", 6, 3), link("b.md#bob%27s-role", 7, 3), link("missing.md#x", 8, 1)}
				a.Links[3].Target.State = markdown.Missing // reported while rendering, not here
				return []*Page{a, b}
			},
			rules: []string{"broken_anchor"},
			want:  []string{"a.md:6:3 error broken_anchor"},
		},
		{
			name: "broken_anchor on the same page",
			pages: func() []*Page {
				a := page("a/", "a.md")
				a.IDs = map[string]bool{"here": true}
				a.Links = []markdown.Link{link("#here", 2, 1), link("#there", 3, 10)}
				return []*Page{a}
			},
			rules: []string{"broken_anchor"},
			want:  []string{"a.md:3:10 error broken_anchor"},
		},
		{
			name: "orphan",
			pages: func() []*Page {
				home := page("", "_index.md")
				home.Listed = false
				linked, orphan, footer, gen := page("linked/", "linked.md"), page("orphan/", "orphan.md"), page("footer/", "footer.md"), page("gen/", "")
				linked.Listed, orphan.Listed, footer.Listed, gen.Listed = false, false, false, false
				footer.Meta.Footer = true
				gen.Generated = true
				self := page("self/", "self.md")
				self.Listed = false
				self.FrontMatterLine = 3
				self.Links = []markdown.Link{link("self.md#top", 4, 1)}
				home.Links = []markdown.Link{link("linked.md", 9, 1)}
				return []*Page{home, linked, orphan, footer, gen, self}
			},
			rules: []string{"orphan"},
			want:  []string{"orphan.md:1:1 warning orphan", "self.md:3:1 warning orphan"},
		},
		{
			name: "review dates",
			pages: func() []*Page {
				overdue, soon, today, fine, none := page("o/", "overdue.md"), page("s/", "soon.md"), page("t/", "today.md"), page("f/", "fine.md"), page("n/", "none.md")
				overdue.Meta.ApprovedOn = date("2023-01-15") // + 36 months = 15 January 2026
				soon.Meta.ReviewBy = date("2027-01-10")
				today.Meta.ReviewBy = date("2026-11-26")
				fine.Meta.ReviewBy = date("2027-01-26") // 61 days
				none.FrontMatterLine = 0
				none.Meta.ReviewBy = date("2026-11-25")
				return []*Page{overdue, soon, today, fine, none}
			},
			rules: []string{"review_overdue", "review_due_soon"},
			want: []string{
				"none.md:0:0 warning review_overdue",
				"overdue.md:1:1 warning review_overdue",
				"soon.md:1:1 warning review_due_soon",
				"today.md:1:1 warning review_due_soon",
			},
		},
		{
			name:   "review_overdue as an error",
			config: baseConfig + "rules:\n  review_overdue: error\n",
			pages: func() []*Page {
				p := page("o/", "overdue.md")
				p.Meta.ReviewBy = date("2026-01-01")
				return []*Page{p}
			},
			rules: []string{"review_overdue"},
			want:  []string{"overdue.md:1:1 error review_overdue"},
		},
		{
			name:   "no_owner and no_approval without governance defaults",
			config: "trust:\n  name: Northshire Hospitals NHS Foundation Trust\n",
			pages: func() []*Page {
				bare, owned, dated, full := page("b/", "bare.md"), page("o/", "owned.md"), page("d/", "dated.md"), page("f/", "full.md")
				owned.Meta.Owner = "Head of Patient Safety"
				dated.Meta.Owner = "Head of Patient Safety"
				dated.Meta.ApprovedOn = date("2026-01-01")
				full.Meta.Owner, full.Meta.ApprovedBy, full.Meta.ApprovedOn = "Head of Patient Safety", "Quality Committee", date("2026-01-01")
				return []*Page{bare, owned, dated, full}
			},
			rules: []string{"no_owner", "no_approval"},
			want: []string{
				"bare.md:1:1 warning no_approval",
				"bare.md:1:1 warning no_owner",
				"dated.md:1:1 warning no_approval",
				"owned.md:1:1 warning no_approval",
			},
		},
		{
			name: "draft",
			pages: func() []*Page {
				d, a := page("d/", "draft.md"), page("a/", "approved.md")
				d.Meta.Status, a.Meta.Status = source.StatusDraft, source.StatusApproved
				return []*Page{d, a}
			},
			rules: []string{"draft"},
			want:  []string{"draft.md:1:1 warning draft"},
		},
		{
			name:    "starter_changed",
			starter: starter,
			pages: func() []*Page {
				old, cur, gone, bad, st := page("a/", "old.md"), page("b/", "current.md"), page("c/", "gone.md"), page("d/", "bad.md"), page("e/", "starter:about.md")
				old.Meta.Replaces = "about.md@" + source.VersionHash(v1)
				cur.Meta.Replaces = "about.md@" + source.VersionHash(v2)
				gone.Meta.Replaces = "withdrawn.md@" + source.VersionHash(v1)
				bad.Meta.Replaces = "about.md"
				st.Starter = true
				st.Meta.Replaces = "about.md@0000"
				return []*Page{old, cur, gone, bad, st}
			},
			rules: []string{"starter_changed"},
			want: []string{
				"bad.md:1:1 warning starter_changed",
				"gone.md:1:1 warning starter_changed",
				"old.md:1:1 warning starter_changed",
			},
		},
		{
			name: "starter_changed without a starter layer",
			pages: func() []*Page {
				p := page("a/", "old.md")
				p.Meta.Replaces = "about.md@" + source.VersionHash(v1)
				return []*Page{p}
			},
			rules: []string{"starter_changed"},
		},
		{
			name: "image_alt and link_text",
			pages: func() []*Page {
				p := page("a/", "a.md")
				img := link("photo.png", 3, 1)
				img.Image, img.Text = true, ""
				alt := link("logo.png", 3, 20)
				alt.Image, alt.Text = true, "Northshire logo"
				texts := map[string][2]int{"Click here": {5, 1}, "here.": {6, 4}, "Read more…": {7, 1}, "https://www.nhs.uk": {8, 1}, "": {9, 1}, "read the induction checklist": {10, 1}, "www.example.nhs.uk": {11, 2}, "This page": {12, 1}, "the NHS website": {13, 1}}
				p.Links = []markdown.Link{img, alt}
				for text, pos := range texts {
					l := link("https://www.nhs.uk", pos[0], pos[1])
					l.Text = text
					p.Links = append(p.Links, l)
				}
				return []*Page{p}
			},
			rules: []string{"image_alt", "link_text"},
			want: []string{
				"a.md:3:1 warning image_alt",
				"a.md:5:1 warning link_text",
				"a.md:6:4 warning link_text",
				"a.md:7:1 warning link_text",
				"a.md:8:1 warning link_text",
				"a.md:9:1 warning link_text",
				"a.md:11:2 warning link_text",
				"a.md:12:1 warning link_text",
			},
		},
		{
			name: "heading_order and multiple_h1",
			pages: func() []*Page {
				skipFirst, skipLater, good, h1 := page("a/", "a.md"), page("b/", "b.md"), page("c/", "c.md"), page("d/", "d.md")
				skipFirst.Headings = []markdown.Heading{{Level: 3, Text: "Start", Line: 4, Col: 1}}
				skipLater.Headings = []markdown.Heading{{Level: 2, Line: 4, Col: 1}, {Level: 4, Text: "Deep", Line: 8, Col: 1}, {Level: 2, Line: 9, Col: 1}}
				good.Headings = []markdown.Heading{{Level: 2, Line: 4}, {Level: 3, Line: 5}, {Level: 4, Line: 6}, {Level: 2, Line: 7}, {Level: 3, Line: 8}}
				h1.Headings = []markdown.Heading{{Level: 1, Text: "Again", Line: 3, Col: 1}, {Level: 2, Line: 5, Col: 1}}
				return []*Page{skipFirst, skipLater, good, h1}
			},
			rules: []string{"heading_order", "multiple_h1"},
			want: []string{
				"a.md:4:1 warning heading_order",
				"b.md:8:1 warning heading_order",
				"d.md:3:1 warning multiple_h1",
			},
		},
		{
			name: "table_header",
			pages: func() []*Page {
				p := page("a/", "a.md")
				p.Tables = []markdown.Table{{HeaderEmpty: false, Line: 3, Col: 1}, {HeaderEmpty: true, Line: 9, Col: 1}}
				return []*Page{p}
			},
			rules: []string{"table_header"},
			want:  []string{"a.md:9:1 warning table_header"},
		},
		{
			name: "content rules skip generated pages",
			pages: func() []*Page {
				p := page("a/", "")
				p.Generated = true
				p.Headings = []markdown.Heading{{Level: 1, Line: 1}, {Level: 4, Line: 2}}
				p.Tables = []markdown.Table{{HeaderEmpty: true, Line: 3, Col: 1}}
				p.Text = []markdown.TextBlock{{Text: "The ICB meets. " + words(40) + ".", Line: 1, Col: 1}}
				return []*Page{p}
			},
		},
		{
			name: "reading_grade",
			pages: func() []*Page {
				hard, easy, short := page("h/", "hard.md"), page("e/", "easy.md"), page("s/", "short.md")
				hard.FrontMatterLine = 2
				hard.Text = []markdown.TextBlock{{Text: hardText, Line: 6, Col: 1}, {Text: "A", Line: 8, Col: 1}}
				easy.Text = []markdown.TextBlock{{Text: easyText, Line: 6, Col: 1}}
				short.Text = []markdown.TextBlock{{Text: "Organisational accountability necessitates comprehensive documentation.", Line: 6, Col: 1}}
				return []*Page{hard, easy, short}
			},
			rules: []string{"reading_grade"},
			want:  []string{"hard.md:2:1 warning reading_grade"},
		},
		{
			name:   "reading_grade with a higher max",
			config: baseConfig + "rules:\n  reading_grade: {max: 50}\n",
			pages: func() []*Page {
				p := page("h/", "hard.md")
				p.Text = []markdown.TextBlock{{Text: hardText, Line: 6, Col: 1}}
				return []*Page{p}
			},
			rules: []string{"reading_grade"},
		},
		{
			name: "long_sentence",
			pages: func() []*Page {
				p := page("a/", "a.md")
				p.Text = append(longText(31), longText(30)...)
				p.Text[1].Line = 8
				p.Text = append(p.Text, markdown.TextBlock{Text: "Short. " + words(35) + "! Short again.", Line: 10, Col: 3})
				return []*Page{p}
			},
			rules: []string{"long_sentence"},
			want:  []string{"a.md:4:1 warning long_sentence", "a.md:10:3 warning long_sentence"},
		},
		{
			name:   "long_sentence with a lower max",
			config: baseConfig + "rules:\n  long_sentence: {severity: error, max: 10}\n",
			pages: func() []*Page {
				p := page("a/", "a.md")
				p.Text = []markdown.TextBlock{{Text: words(11), Line: 3, Col: 1}, {Text: words(10), Line: 5, Col: 1}}
				return []*Page{p}
			},
			rules: []string{"long_sentence"},
			want:  []string{"a.md:3:1 error long_sentence"},
		},
		{
			name: "undefined_acronym",
			pages: func() []*Page {
				p := page("a/", "a.md")
				p.Title = "Working with the FTSU Guardian"
				p.Headings = []markdown.Heading{{Level: 2, Text: "How the ICS works", Line: 5, Col: 1}}
				p.Text = []markdown.TextBlock{
					{Text: "The ICB and the ICS plan care across the UK. PSPs join in Part II.", Line: 3, Col: 1},
					{Text: "The ICB meets monthly. Ask the PALS team or the CQC.", Line: 7, Col: 1},
					{Text: "The Freedom to Speak Up (FTSU) Guardian helps. The Care Quality Commission (CQC) inspects.", Line: 9, Col: 1},
					{Text: "HR (Human Resources) can help. Your DBS (Disclosure and Barring Service) check comes first.", Line: 11, Col: 1},
				}
				return []*Page{p}
			},
			rules: []string{"undefined_acronym"},
			want:  []string{"a.md:3:1 warning undefined_acronym", "a.md:3:1 warning undefined_acronym", "a.md:7:1 warning undefined_acronym"},
		},
	}
	g := &glossary.Glossary{Terms: []glossary.Term{{Term: "PSP", Expansion: "Patient Safety Partner"}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.config
			if src == "" {
				src = baseConfig
			}
			in := Input{Pages: tt.pages(), Config: parseConfig(t, src), Glossary: g, Today: today, Starter: tt.starter}
			res := Run(in)
			// A build runs each page's own rules first, trims the page
			// and runs the rules across pages at the end: the same
			// findings, in full, and the same external links.
			trimmed := in
			trimmed.Pages, trimmed.Local = tt.pages(), map[*Page][]*diag.Diagnostic{}
			for _, p := range trimmed.Pages {
				trimmed.Local[p] = PageFindings(trimmed, p)
				p.Trim()
			}
			built := Run(trimmed)
			// (Some cases make their links from a map, in no set order.)
			slices.SortFunc(built.External, byPosition)
			slices.SortFunc(res.External, byPosition)
			if !slices.EqualFunc(built.Findings, res.Findings, sameFinding) || !slices.Equal(built.External, res.External) {
				t.Errorf("with pages trimmed after their own rules:\n  got  %v\n       %v\n  want %v\n       %v", built.Findings, built.External, res.Findings, res.External)
			}
			got := briefs(res.Findings, tt.rules...)
			if tt.rules == nil {
				got = briefs(res.Findings)
			}
			if !equalLists(got, tt.want) {
				t.Errorf("findings:\n  got  %q\n  want %q", got, tt.want)
				for _, d := range res.Findings {
					t.Logf("%s", d)
				}
			}
		})
	}
}

// TestMessages checks that findings say what is wrong and what to do.
func TestMessages(t *testing.T) {
	a, b := page("a/", "a.md"), page("b/", "b.md")
	b.Title = "Committees"
	b.IDs = map[string]bool{"quality-committee": true}
	a.Links = []markdown.Link{link("b.md#quality-comittee", 4, 2)}
	a.Meta.ApprovedOn = date("2023-01-15")
	a.Text = []markdown.TextBlock{{Text: "Ask the ICB.", Line: 6, Col: 1}}
	a.Headings = []markdown.Heading{{Level: 2, Line: 3, Col: 1, Text: "Start"}, {Level: 4, Line: 5, Col: 1, Text: "Deep"}}
	b.Meta.ReviewIn = 12
	b.Meta.ApprovedOn = date("2025-12-20")
	res := Run(Input{Pages: []*Page{a, b}, Config: parseConfig(t, baseConfig), Today: today})
	want := map[string]string{
		"broken_anchor":     `link to "b.md#quality-comittee": the page "Committees" has no heading or anchor "quality-comittee" (did you mean "quality-committee"?)`,
		"review_overdue":    "review overdue: the page was due for review on 15 January 2026 (approved on 15 January 2023, plus the review cycle of 36 months), 315 days ago; review it, then set approved_on to the date it is approved again",
		"review_due_soon":   "review due soon: the page is due for review on 20 December 2026 (approved on 20 December 2025, review_in 12 months), in 24 days; plan the review with its owner",
		"heading_order":     `heading "Deep" skips from h2 to h4: use ### (h3) here, so people using screen readers can follow the structure`,
		"undefined_acronym": `"ICB" is not written out on this page and is not in the glossary: write it in full the first time, followed by the letters in brackets, such as "Patient Safety Partner (PSP)", or add it to glossary.yaml`,
	}
	for _, d := range res.Findings {
		if w, ok := want[d.Rule]; ok {
			if d.Msg != w {
				t.Errorf("%s message:\n  got  %s\n  want %s", d.Rule, d.Msg, w)
			}
			delete(want, d.Rule)
		}
	}
	for rule := range want {
		t.Errorf("no %s finding", rule)
	}
}

func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.Name] {
			t.Errorf("rule %s listed twice", r.Name)
		}
		seen[r.Name] = true
		for _, c := range r.Name {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				t.Errorf("rule name %q is not snake_case", r.Name)
				break
			}
		}
		if r.Description == "" || r.Group == "" {
			t.Errorf("rule %s has no description or group", r.Name)
		}
		if r.DefaultSeverity == diag.Off {
			t.Errorf("rule %s is off by default", r.Name)
		}
	}
	for _, name := range []string{"broken_link", "missing_image", "link_to_draft", "rooted_link", "raw_html", "unknown_variable", "frontmatter_key"} {
		if !seen[name] {
			t.Errorf("rule %s, reported while rendering, is not in the table", name)
		}
	}
	if r, _ := LookupRule("reading_grade"); r.DefaultMax != 9 {
		t.Errorf("reading_grade max = %v, want 9", r.DefaultMax)
	}
	if r, _ := LookupRule("long_sentence"); r.DefaultMax != 30 {
		t.Errorf("long_sentence max = %v, want 30", r.DefaultMax)
	}
}

func TestPageFindingsErrorsOnly(t *testing.T) {
	p := &Page{Display: "p.md", FrontMatterLine: 1, Listed: true,
		Text: []markdown.TextBlock{{Text: "The XYZQ team meets every week.", Line: 3, Col: 1}}}
	if got := PageFindings(Input{Today: today}, p); len(got) == 0 {
		t.Fatal("no findings without ErrorsOnly")
	}
	if got := PageFindings(Input{Today: today, ErrorsOnly: true}, p); len(got) != 0 {
		t.Errorf("ErrorsOnly gave warnings: %v", got)
	}
	cfg := parseConfig(t, "trust: {name: T}\nrules:\n  undefined_acronym: error\n")
	got := PageFindings(Input{Today: today, ErrorsOnly: true, Config: cfg}, p)
	if len(got) != 1 || got[0].Rule != "undefined_acronym" {
		t.Errorf("ErrorsOnly with an escalated rule = %v", got)
	}
}

func sameFinding(a, b *diag.Diagnostic) bool { return *a == *b }

func byPosition(a, b ExternalLink) int {
	return cmp.Or(cmp.Compare(a.Display, b.Display), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.URL, b.URL))
}
