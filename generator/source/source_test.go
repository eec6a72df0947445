package source

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-psp/handbook/generator/diag"
)

func load(t *testing.T, opts Options, layers ...fstest.MapFS) (*Set, *diag.List) {
	t.Helper()
	var ls []Layer
	names := []string{"starter", "content"}
	for i, fsys := range layers {
		display := "content/"
		if names[i] == "starter" {
			display = "starter:"
		}
		ls = append(ls, Layer{Name: names[i], FS: fsys, Display: display})
	}
	var diags diag.List
	return Load(context.Background(), ls, opts, &diags), &diags
}

func urls(s *Set) string {
	var out []string
	for _, p := range s.Pages {
		out = append(out, "/"+p.URL)
	}
	return strings.Join(out, " ")
}

func TestLayering(t *testing.T) {
	starter := fstest.MapFS{
		"_index.md":                 {Data: []byte("---\ntitle: Start here\n---\nHello")},
		"about/_index.md":           {Data: []byte("---\ntitle: About\n---\n")},
		"about/pay.md":              {Data: []byte("---\ntitle: Pay\n---\nStarter pay")},
		"about/time.md":             {Data: []byte("---\ntitle: Time\n---\n")},
		"advice/_index.md":          {Data: []byte("---\ntitle: Advice\n---\n")},
		"advice/culture.md":         {Data: []byte("---\ntitle: Culture\n---\n")},
		"advice/images/diagram.svg": {Data: []byte("<svg/>")},
		"checklist.md":              {Data: []byte("---\ntitle: Checklist\n---\n")},
	}
	content := fstest.MapFS{
		"about/pay.md":      {Data: []byte("---\ntitle: Our pay\n---\nTrust pay")},
		"about/time.md":     {Data: []byte("---\nhidden: true\n---\n")},
		"advice/_index.md":  {Data: []byte("---\nhidden: true\n---\n")},
		"Local Policies.MD": {Data: []byte("---\ntitle: Local\n---\n")},
		"draft.md":          {Data: []byte("---\ntitle: Draft\nstatus: draft\n---\n")},
	}
	set, diags := load(t, Options{}, starter, content)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := urls(set), "/ /about/ /about/pay/ /checklist/ /local-policies/"; got != want {
		t.Errorf("pages = %s, want %s", got, want)
	}
	pay := set.Page("about/pay/")
	if pay.Meta.Title != "Our pay" || pay.Layer != "content" || pay.Replaced == nil || pay.Replaced.Layer != "starter" {
		t.Errorf("about/pay/ not replaced by the trust page: %+v", pay)
	}
	if set.Left["advice/culture/"] != ReasonHidden || set.Left["about/time/"] != ReasonHidden || set.Left["draft/"] != ReasonDraft {
		t.Errorf("left = %v", set.Left)
	}
	if len(set.Assets) != 0 {
		t.Errorf("assets of a hidden section kept: %v", set.Assets)
	}
	set, _ = load(t, Options{Drafts: true}, starter, content)
	if set.Page("draft/") == nil {
		t.Error("draft left out with Drafts set")
	}
}

func TestTolerantReading(t *testing.T) {
	content := fstest.MapFS{
		"crlf.md":            {Data: []byte("---\r\ntitle: CRLF\r\nweight: 2\r\n---\r\nBody\r\n")},
		"bom.md":             {Data: []byte("\xEF\xBB\xBF---\ntitle: BOM\n---\nBody")},
		"toml.md":            {Data: []byte("+++\ntitle = \"TOML\"\nweight = 3\naudience = [\"psp\", \"staff\"]\napproved_on = 2025-04-01\n[eia]\noutcome = \"No impact\"\n+++\nBody")},
		"no front matter.md": {Data: []byte("Just text\n")},
		"blank-first.md":     {Data: []byte("\n\n---\ntitle: Later\n---\nBody")},
	}
	set, diags := load(t, Options{}, fstest.MapFS{}, content)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if p := set.Page("crlf/"); p.Meta.Title != "CRLF" || p.Meta.Weight != 2 || string(p.Body) != "Body\n" || p.BodyLine != 5 {
		t.Errorf("crlf: %+v body %q line %d", p.Meta, p.Body, p.BodyLine)
	}
	if p := set.Page("bom/"); p.Meta.Title != "BOM" {
		t.Errorf("bom: %+v", p.Meta)
	}
	p := set.Page("toml/")
	if p.Meta.Title != "TOML" || p.Meta.Weight != 3 || !p.Meta.Audience.Has("staff") || p.Meta.ApprovedOn.ISO() != "2025-04-01" || p.Meta.EIA.Outcome != "No impact" {
		t.Errorf("toml: %+v", p.Meta)
	}
	if p := set.Page("no-front-matter/"); p.Meta.Title != "No front matter" || p.BodyLine != 1 {
		t.Errorf("no front matter: %+v", p.Meta)
	}
	if p := set.Page("blank-first/"); p.Meta.Title != "Later" || p.BodyLine != 6 {
		t.Errorf("blank-first: title %q body line %d", p.Meta.Title, p.BodyLine)
	}
}

func TestErrors(t *testing.T) {
	content := fstest.MapFS{
		"unclosed.md":     {Data: []byte("---\ntitle: Never closed\n\nBody text\n")},
		"bad-yaml.md":     {Data: []byte("---\ntitle: [unclosed\n---\n")},
		"bad-type.md":     {Data: []byte("---\ntitle: T\nweight: heavy\n---\n")},
		"typo.md":         {Data: []byte("---\ntitel: T\n---\n")},
		"latin1.md":       {Data: []byte("---\ntitle: Caf\xe9\n---\n")},
		"Guide.md":        {Data: []byte("# a")},
		"guide/_index.md": {Data: []byte("# b")},
		"bad-toml.md":     {Data: []byte("+++\ntitle = \n+++\n")},
		"tabs.md":         {Data: []byte("---\ntitle: T\n\tweight: 1\n---\n")},
		"audience.md":     {Data: []byte("---\naudience: [psp, board]\n---\n")},
	}
	_, diags := load(t, Options{}, fstest.MapFS{}, content)
	got := diags.Items()
	want := []string{
		`content/audience.md:2:17: audience must be psp, staff or manager, got "board"`,
		`content/bad-toml.md:2:`,
		`content/bad-type.md:3:9: want a whole number, got "heavy"`,
		`content/bad-yaml.md:`,
		`content/guide/_index.md:1:1: this page and content/Guide.md both make the page guide/`,
		`content/latin1.md:2:11: invalid UTF-8 (byte 0xE9)`,
		`content/tabs.md:3:1: invalid YAML: a tab character`,
		`content/typo.md:2:1: warning: unknown front matter key "titel" (did you mean "title"?)`,
		`content/unclosed.md:1:1: front matter starting here is never closed: add a line with only --- after the last key`,
	}
	if len(got) != len(want) {
		var s []string
		for _, d := range got {
			s = append(s, d.Error())
		}
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), strings.Join(s, "\n"))
	}
	for i, d := range got {
		if !strings.HasPrefix(d.Error(), want[i]) {
			t.Errorf("diagnostic %d:\n got %s\nwant %s…", i, d.Error(), want[i])
		}
	}
}

func TestPageURL(t *testing.T) {
	tests := map[string]string{
		"_index.md":                       "",
		"index.md":                        "",
		"About the role/_index.md":        "about-the-role/",
		"About the role/Meeting notes.MD": "about-the-role/meeting-notes/",
		"foo/index.md":                    "foo/",
		"foo.md":                          "foo/",
	}
	for in, want := range tests {
		got, err := PageURL(in)
		if err != nil || got != want {
			t.Errorf("PageURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := PageURL("!!!.md"); err == nil {
		t.Error("PageURL(!!!.md) gave no error")
	}
	if got, _ := AssetURL("About/Team Photo.PNG"); got != "about/team-photo.png" {
		t.Errorf("AssetURL = %q", got)
	}
}
