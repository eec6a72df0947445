package check

import (
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/markdown"
)

func TestSeverityOverrides(t *testing.T) {
	src := baseConfig + `rules:
  orphan: error
  image_alt: off
  table_header: warning
  brokn_link: warning
  zzz_nothing_like_it: error
  unknown_variable: warning
  heading_order: {severity: off, max: 3}
  reading_grade: {max: -1}
`
	cfg := parseConfig(t, src)
	p := page("a/", "content/a.md")
	p.Listed = false
	img := link("x.png", 3, 1)
	img.Image, img.Text = true, ""
	p.Links = []markdown.Link{img}
	p.Tables = []markdown.Table{{HeaderEmpty: true, Line: 5, Col: 1}}
	res := Run(Input{Pages: []*Page{p}, Config: cfg, Today: today})

	got := briefs(res.Findings)
	want := []string{
		"content/a.md:1:1 error orphan",
		"content/a.md:5:1 warning table_header",
		"handbook.yaml:14:15 error config", // brokn_link
		"handbook.yaml:15:24 error config", // zzz_nothing_like_it
		"handbook.yaml:16:21 error config", // unknown_variable: warning
		"handbook.yaml:17:18 error config", // heading_order max
		"handbook.yaml:18:18 error config", // reading_grade max -1
	}
	if !equalLists(got, want) {
		t.Errorf("findings:\n  got  %q\n  want %q", got, want)
		for _, d := range res.Findings {
			t.Logf("%s", d)
		}
	}
	msgs := map[string]string{}
	for _, d := range res.Findings {
		msgs[brief(d)] = d.Msg
	}
	for key, want := range map[string]string{
		"handbook.yaml:14:15 error config": `unknown rule "brokn_link" under rules: (did you mean "broken_link"?)`,
		"handbook.yaml:15:24 error config": `unknown rule "zzz_nothing_like_it" under rules: (the rules are broken_link, missing_image`,
		"handbook.yaml:16:21 error config": "rules.unknown_variable cannot be warning: unknown_variable is always an error; remove the line",
		"handbook.yaml:17:18 error config": "rules.heading_order has a max, but heading_order measures nothing",
		"handbook.yaml:18:18 error config": "rules.reading_grade.max must be more than 0, got -1",
	} {
		if !strings.HasPrefix(msgs[key], want) {
			t.Errorf("%s: message %q, want it to start %q", key, msgs[key], want)
		}
	}

	for rule, want := range map[string]diag.Severity{
		"orphan": diag.Error, "image_alt": diag.Off, "heading_order": diag.Off,
		"unknown_variable": diag.Error, "broken_link": diag.Error, "no_owner": diag.Warning,
	} {
		if got := Severity(cfg, rule); got != want {
			t.Errorf("Severity(%s) = %v, want %v", rule, got, want)
		}
	}
	if got := Limit(cfg, "reading_grade"); got != 9 {
		t.Errorf("Limit(reading_grade) = %v, want the default 9 when max is invalid", got)
	}
	if got := Limit(parseConfig(t, baseConfig+"rules:\n  reading_grade: {max: 11}\n"), "reading_grade"); got != 11 {
		t.Errorf("Limit(reading_grade) = %v, want 11", got)
	}
}

func TestApplyRules(t *testing.T) {
	cfg := parseConfig(t, baseConfig+"rules:\n  broken_link: warning\n  raw_html: off\n  unknown_variable: warning\n  link_to_draft: error\n")
	in := []*diag.Diagnostic{
		{Path: "a.md", Line: 1, Severity: diag.Error, Rule: "broken_link", Msg: "a"},
		{Path: "a.md", Line: 2, Severity: diag.Warning, Rule: "raw_html", Msg: "b"},
		{Path: "a.md", Line: 3, Severity: diag.Error, Rule: "unknown_variable", Msg: "c"},
		{Path: "a.md", Line: 4, Severity: diag.Warning, Rule: "link_to_draft", Msg: "d"},
		{Path: "a.md", Line: 5, Severity: diag.Error, Msg: "syntax"},
		{Path: "a.md", Line: 6, Severity: diag.Warning, Rule: "missing_image", Msg: "e"},
		nil,
	}
	got := briefs(ApplyRules(cfg, in))
	want := []string{
		"a.md:1:0 warning broken_link",
		"a.md:3:0 error unknown_variable",
		"a.md:4:0 error link_to_draft",
		"a.md:5:0 error ",
		"a.md:6:0 error missing_image",
	}
	if !equalLists(got, want) {
		t.Errorf("ApplyRules:\n  got  %q\n  want %q", got, want)
	}
	if in[0].Severity != diag.Error {
		t.Error("ApplyRules changed its input")
	}
}
