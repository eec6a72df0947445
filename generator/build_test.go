package generator_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/buildtest"
)

// today pins the clock of every build in these tests.
var today = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

const minimalConfig = `-- handbook.yaml --
title: Test handbook
starter: false
trust:
  name: Test Hospitals NHS Trust
`

func TestBuildSectionsOrderAndLinks(t *testing.T) {
	s := buildtest.MustBuild(t, minimalConfig+`
-- content/_index.md --
---
title: Welcome
---
Read [the first page](guide/first.md#step-two) or [the guide](guide/_index.md).
-- content/guide/_index.md --
---
title: Guide
weight: 20
---
The guide.
-- content/guide/first.md --
---
title: First steps
weight: 10
---
## Step one

Go [back home](../_index.md), see [second](second.md) and ![a chart](<images/Chart 1.PNG>).

## Step two

[Reference link][ref].

[ref]: ../other/Meeting%20notes.MD#agenda
-- content/guide/second.md --
---
title: Second steps
weight: 20
---
Text.
-- content/guide/images/Chart 1.PNG --
PNG
-- content/other/Meeting notes.MD --
---
title: Meeting notes
weight: 30
---
## Agenda
-- content/about.md --
---
title: About us
weight: 10
---
Hello.
`, generator.Options{Today: today})

	// Sections and pages in weight order, then reading order.
	s.Contains(t, "index.html", `<a href="about/">About us</a>`, `<a href="guide/">Guide</a>`)
	home := s.File(t, "index.html")
	if strings.Index(home, ">About us<") > strings.Index(home, ">Guide<") {
		t.Error("navigation not in weight order")
	}
	s.Contains(t, "guide/first/index.html",
		`<a href="../../">back home</a>`,
		`<a href="../second/">second</a>`,
		`<img src="../images/chart-1.png" alt="a chart">`,
		`<a href="../../other/meeting-notes/#agenda">Reference link</a>`,
		`<h2 id="step-two">Step two</h2>`,
		`rel="prev"`, `rel="next"`,
		`<nav class="breadcrumbs" aria-label="Breadcrumb">`,
	)
	s.Contains(t, "index.html", `<a href="guide/first/#step-two">the first page</a>`, `<a href="guide/">the guide</a>`)
	// A folder without _index.md gets a generated page listing its pages.
	s.Contains(t, "other/index.html", `<h1>Other</h1>`, `<a href="meeting-notes/">Meeting notes</a>`)
	if _, ok := s.Files["guide/images/chart-1.png"]; !ok {
		t.Error("image not copied to its slugged path")
	}
	// Sidebar: top level plus the open branch only.
	first := s.File(t, "guide/first/index.html")
	if !strings.Contains(first, `aria-current="page">First steps`) {
		t.Error("current page not marked in the sidebar")
	}
	about := s.File(t, "about/index.html")
	if strings.Contains(about, "Second steps") {
		t.Error("the sidebar of a page outside the guide shows the guide's pages")
	}
	if p := buildtest.LinkProblems(s.Files, ""); len(p) > 0 {
		t.Errorf("link problems:\n%s", strings.Join(p, "\n"))
	}
	if p := buildtest.StructureProblems(s.Files, "Test handbook"); len(p) > 0 {
		t.Errorf("structure problems:\n%s", strings.Join(p, "\n"))
	}
}

func TestBuildPortable(t *testing.T) {
	s := buildtest.MustBuild(t, minimalConfig+`
-- content/a/b.md --
Go [home](../_index.md).
-- content/_index.md --
[B](a/b.md)
`, generator.Options{Today: today, Portable: true})
	s.Contains(t, "index.html", `<a href="a/b/index.html">B</a>`)
	s.Contains(t, "a/b/index.html", `<a href="../../index.html">home</a>`)
}

func TestBuildErrorsAreAllReported(t *testing.T) {
	s := buildtest.Build(t, minimalConfig+`
-- content/broken.md --
---
title: Broken
weight: heavy
---
-- content/unclosed.md --
---
title: Never closed
-- content/links.md --
See [missing](nowhere.md) and ![gone](gone.png).
-- content/Guide.md --
One.
-- content/guide.md --
Two.
`, generator.Options{Today: today})
	if s.Err == nil {
		t.Fatal("build succeeded")
	}
	want := []string{
		`content/broken.md:3:9: want a whole number, got "heavy"`,
		`content/guide.md:1:1: this page and content/Guide.md both make the page guide/; rename or remove one of them`,
		`content/links.md:1:5: link to "nowhere.md": no such page`,
		`content/links.md:1:31: image "gone.png" not found`,
		`content/unclosed.md:1:1: front matter starting here is never closed`,
	}
	got := s.Messages()
	if len(got) != len(want) {
		t.Fatalf("got %d messages, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("message %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestBuildDraftsAndHidden(t *testing.T) {
	archive := minimalConfig + `
-- content/_index.md --
See [the draft](draft.md) and [the secret](secret/page.md).
-- content/draft.md --
---
title: Draft page
status: draft
---
Not yet.
-- content/secret/_index.md --
---
hidden: true
---
-- content/secret/page.md --
Hidden by its section.
`
	s := buildtest.Build(t, archive, generator.Options{Today: today})
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	if _, ok := s.Files["draft/index.html"]; ok {
		t.Error("draft built without --drafts")
	}
	if _, ok := s.Files["secret/page/index.html"]; ok {
		t.Error("page of a hidden section built")
	}
	s.Contains(t, "index.html", "See the draft and the secret.")
	msgs := s.Messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0], `content/_index.md:1:5: warning: the link to "draft.md" goes to a draft page`) {
		t.Errorf("messages = %q", msgs)
	}

	s = buildtest.Build(t, archive, generator.Options{Today: today, Drafts: true})
	s.Contains(t, "draft/index.html", "Draft – not approved")
	s.Contains(t, "index.html", `<a href="draft/">the draft</a>`)
}

func TestBuild404UsesBaseURL(t *testing.T) {
	s := buildtest.MustBuild(t, minimalConfig+`
-- content/_index.md --
Home.
-- content/a.md --
A.
`, generator.Options{Today: today, BaseURL: "https://intranet.example.nhs.uk/psp/"})
	s.Contains(t, "404.html",
		`href="https://intranet.example.nhs.uk/psp/assets/handbook.`,
		`<a href="https://intranet.example.nhs.uk/psp/">go to the start`,
		`<a href="https://intranet.example.nhs.uk/psp/a/">A</a>`)
}

func TestBuildThemeOverrideAndStatic(t *testing.T) {
	s := buildtest.MustBuild(t, minimalConfig+`
-- content/_index.md --
Home.
-- theme/templates/partials/footer.html --
<footer class="site-footer"><p>Our own footer for {{.Site.TrustName}}</p></footer>
-- theme/assets/extra.css --
.x { color: red }
-- static/files/policy.pdf --
%PDF
`, generator.Options{Today: today})
	s.Contains(t, "index.html", "Our own footer for Test Hospitals NHS Trust", `assets/extra.`)
	if _, ok := s.Files["files/policy.pdf"]; !ok {
		t.Error("static file not copied as is")
	}
}

// TestBuildSidebarOverrideOnEveryPage checks that a handbook's own
// partials/nav-items.html draws the sidebar of every page, the generated
// ones (A to Z, review schedule) too.
func TestBuildSidebarOverrideOnEveryPage(t *testing.T) {
	s := buildtest.MustBuild(t, minimalConfig+`
-- content/_index.md --
Home.
-- content/a.md --
A.
-- theme/templates/partials/nav-items.html --
{{range .}}<li class="our-item">{{.Title}}</li>{{end}}
`, generator.Options{Today: today})
	for _, page := range []string{"index.html", "a/index.html", "a-z/index.html", "review/index.html"} {
		s.Contains(t, page, `<li class="our-item">A</li>`)
	}
}

// TestBuildSidebarOverrideRefused checks that a handbook's own
// partials/nav-items.html that html/template refuses fails the build with
// a message on every page, as any broken template does: the sidebar is
// drawn inside nav.html only, and a refused template run on its own first
// would make html/template panic when nav.html calls it.
func TestBuildSidebarOverrideRefused(t *testing.T) {
	s := buildtest.Build(t, minimalConfig+`
-- content/_index.md --
Home.
-- content/a.md --
A.
-- content/b/c.md --
C.
-- theme/templates/partials/nav-items.html --
{{range .}}<li>{{.Title}}{{with .Children}}<ul>{{template "partials/missing.html" .}}</ul>{{end}}</li>{{end}}
`, generator.Options{Today: today})
	if s.Err == nil {
		t.Fatal("build succeeded")
	}
	for _, page := range []string{"content/_index.md", "content/a.md", "content/b/c.md"} {
		want := page + `: theme: html/template:partials/nav-items.html:1:58: no such template "partials/missing.html"`
		if !slices.Contains(s.Messages(), want) {
			t.Errorf("no message %q in:\n%s", want, strings.Join(s.Messages(), "\n"))
		}
	}
}

func TestBuildBrandColourInStylesheet(t *testing.T) {
	s := buildtest.MustBuild(t, `-- handbook.yaml --
starter: false
trust:
  name: T
  brand_colour: "#330072"
-- content/_index.md --
x
`, generator.Options{Today: today})
	var found bool
	for name, b := range s.Files {
		if strings.HasPrefix(name, "assets/brand.") && strings.Contains(string(b), "#330072") {
			found = true
		}
	}
	if !found {
		t.Error("no brand stylesheet with the trust's colour")
	}
	s.NotContains(t, "index.html", "#330072", "style=")
}

func TestBuildStarterWithPlaceholderConfig(t *testing.T) {
	s := buildtest.MustBuild(t, "", generator.Options{Today: today, Config: placeholder(t)})
	if s.Result.Pages < 25 {
		t.Errorf("starter built %d pages", s.Result.Pages)
	}
	if p := buildtest.LinkProblems(s.Files, ""); len(p) > 0 {
		t.Errorf("link problems:\n%s", strings.Join(p, "\n"))
	}
	if p := buildtest.StructureProblems(s.Files, "Patient Safety Partner handbook"); len(p) > 0 {
		t.Errorf("structure problems:\n%s", strings.Join(p, "\n"))
	}
}
