// Package check holds the rules `handbook check` runs over a built
// handbook — links, governance dates, accessibility and plain English of
// content — and formats what they find.
//
// The build renders every page and hands the result to [Run] as an
// [Input]: the pages with their headings, links, text and element IDs, the
// configuration, the glossary and the date to check against. Run never
// reads the clock and never goes online: every decision that depends on the
// date reads Input.Today, and external links are listed, not fetched.
//
// Each rule has a name, a default severity and, for rules that measure
// something, a default limit; [Rules] lists them all. The rules: section of
// handbook.yaml changes a rule's severity (error, warning or off) and its
// limit. Rules reported while Markdown is rendered (broken_link,
// missing_image…) are in the table too, so [ApplyRules] can give their
// diagnostics the severity handbook.yaml asks for.
//
// The package also computes each page's document control ([ControlFor],
// [StatusOf]), the review schedule ([Schedule], [WriteReport]) and the
// values the theme's document-control panel, review banner and review
// schedule page show ([NewView], [ScheduleViews]).
package check

import (
	"io/fs"
	"slices"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/glossary"
	"github.com/nhs-psp/handbook/generator/markdown"
	"github.com/nhs-psp/handbook/generator/source"
)

// Page is one page as the checks see it.
type Page struct {
	// URL is "" for the home page, "about/committees/" otherwise.
	URL string
	// Display is the file path for messages, for example
	// "examples/x/content/about.md" or "starter:about.md"; "" for
	// generated pages.
	Display string
	Title   string
	// Generated is true for a page made by the build (a section listing,
	// an audience page…): content and governance rules do not apply.
	Generated bool
	// Starter is true when the page comes from the embedded starter
	// handbook, not from the trust's content/.
	Starter bool
	// Meta is the page's front matter.
	Meta source.Meta
	// FrontMatterLine is the line of the opening "---" (1 normally), where
	// findings about the front matter as a whole are reported.
	FrontMatterLine int
	// Headings are every heading of the body, in order. The page title is
	// the h1 and is not among them.
	Headings []markdown.Heading
	// Links are every link and image, in document order.
	Links  []markdown.Link
	Text   []markdown.TextBlock
	Tables []markdown.Table
	// IDs holds every element id in the rendered page body: headings,
	// footnotes, glossary entries…
	IDs map[string]bool
	// Listed is true when the page appears in the navigation (false when
	// front matter says unlisted: true).
	Listed bool
}

// Trim lets go of everything of page p that only the rules about p alone
// read, once PageFindings has run for it and its findings are in the
// Input.Local of the Run that gets p: its text, tables and headings, and
// the links the rules across pages pass over (links to files, images in
// the handbook, links that lead nowhere), with the text and href of the
// rest. A large handbook's build keeps each page until the end for those
// rules, and so keeps only what they read.
func (p *Page) Trim() {
	p.Text, p.Tables, p.Headings = nil, nil, nil
	var kept []markdown.Link
	for _, l := range p.Links {
		switch {
		case l.Kind == markdown.LinkExternal:
			// Listed for the external link check, images too.
		case l.Image:
			continue
		case l.Kind == markdown.LinkFragment && l.Fragment != "":
		case l.Kind == markdown.LinkInternal && l.Target.State == markdown.Resolved && l.Target.Page:
		default:
			continue
		}
		l.Text, l.Target.Href = "", ""
		kept = append(kept, l)
	}
	p.Links = kept
}

// Input is everything a run checks.
type Input struct {
	// Local holds findings PageFindings already made for some pages.
	Local map[*Page][]*diag.Diagnostic
	// ErrorsOnly skips the rules that look at one page alone unless
	// handbook.yaml makes them errors: a build stops on errors only, and
	// has no use for the work of finding warnings.
	ErrorsOnly bool

	// Pages are every page of the build, in reading order.
	Pages    []*Page
	Config   *config.Config
	Glossary *glossary.Glossary
	// Today is the date to check against: date-only, UTC. The caller
	// sets it (the CLI's --today, or the build's clock); Run never reads
	// the clock itself.
	Today time.Time
	// Starter holds the starter handbook's pages, to compare "replaces"
	// hashes; nil when handbook.yaml says starter: false.
	Starter fs.FS
}

// ExternalLink is a link out of the handbook. Check lists them and never
// fetches them.
type ExternalLink struct {
	URL     string
	Display string
	Line    int
	Col     int
}

// Result is what a run finds.
type Result struct {
	// Findings are sorted with diag.Sort. Each has its Rule set and its
	// effective severity: the rule's default, or what handbook.yaml's
	// rules: section says. Findings of rules turned off are left out.
	Findings []*diag.Diagnostic
	// External lists every external link, in page order.
	External []ExternalLink
	// Schedule is the review schedule of every page that is not
	// generated, soonest review first.
	Schedule []ScheduleRow
	// Pages is how many pages were checked.
	Pages int
}

// Count returns how many findings have severity s.
func (r *Result) Count(s diag.Severity) int {
	n := 0
	for _, d := range r.Findings {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Run checks the pages of in and returns what it finds.
func Run(in Input) *Result {
	r := newRun(in)
	r.configFindings()
	r.links()
	for _, p := range in.Pages {
		local, ok := in.Local[p]
		if !ok {
			local = PageFindings(in, p)
		}
		for _, d := range local {
			r.list.Add(d)
		}
	}
	return &Result{
		Findings: r.list.Items(),
		External: externalLinks(in.Pages),
		Schedule: Schedule(in.Pages, in.Config, in.Today),
		Pages:    len(in.Pages),
	}
}

// PageFindings runs the rules that look at page p alone: governance,
// accessibility and plain English. Run calls it for every page whose
// findings Input.Local does not already hold; the build calls it while
// rendering, in parallel, and the preview keeps the findings of pages
// that did not change.
func PageFindings(in Input, p *Page) []*diag.Diagnostic {
	if p.Generated {
		return nil
	}
	r := newRun(in)
	if in.ErrorsOnly && !r.pageRuleIsError() {
		return nil
	}
	r.governance(p)
	r.accessibility(p)
	r.plainEnglish(p)
	items := r.list.Items()
	if in.ErrorsOnly {
		items = slices.DeleteFunc(items, func(d *diag.Diagnostic) bool { return d.Severity != diag.Error })
	}
	return items
}

// pageRuleIsError reports whether any rule that looks at one page alone
// (governance, accessibility, plain English) has error severity.
func (r *run) pageRuleIsError() bool {
	for _, rule := range ruleTable {
		switch rule.Group {
		case GroupGovernance, GroupAccessibility, GroupPlainEnglish:
			if r.settings.severity(rule.Name) == diag.Error {
				return true
			}
		}
	}
	return false
}

// newRun fills in what in leaves out and prepares the rules' settings.
func newRun(in Input) *run {
	if in.Config == nil {
		in.Config = config.Default()
	}
	if in.Glossary == nil {
		in.Glossary = &glossary.Glossary{}
	}
	in.Today = dateOnly(in.Today)
	return &run{in: in, settings: newSettings(in.Config)}
}

// run is the state of one Run.
type run struct {
	in       Input
	settings settings
	list     diag.List
}

// report records a finding of rule at the effective severity, or drops it
// when the rule is off.
func (r *run) report(rule, path string, line, col int, format string, args ...any) {
	d := diag.Errorf(path, line, col, format, args...)
	d.Rule = rule
	d.Severity = r.settings.severity(rule)
	r.list.Add(d)
}

// reportPage records a finding about a page as a whole, at its front
// matter.
func (r *run) reportPage(rule string, p *Page, format string, args ...any) {
	line, col := p.FrontMatterLine, 0
	if line > 0 {
		col = 1
	}
	r.report(rule, display(p), line, col, format, args...)
}

// display names a page in messages.
func display(p *Page) string {
	if p.Display != "" {
		return p.Display
	}
	return "(generated page " + p.URL + ")"
}

func externalLinks(pages []*Page) []ExternalLink {
	out := []ExternalLink{}
	for _, p := range pages {
		for _, l := range p.Links {
			if l.Kind == markdown.LinkExternal {
				out = append(out, ExternalLink{URL: l.Dest, Display: display(p), Line: l.Line, Col: l.Col})
			}
		}
	}
	return out
}

// dateOnly drops the time of day, keeping the calendar date as written.
func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
