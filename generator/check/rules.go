package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/internal/suggest"
)

// Rule describes one rule: its name in messages and in handbook.yaml's
// rules: section, its default severity and what it finds.
type Rule struct {
	Name            string
	Group           string
	DefaultSeverity diag.Severity
	// DefaultMax is the limit of a rule that measures something (a reading
	// grade, a number of words); 0 for other rules.
	DefaultMax float64
	// Fixed rules are always errors: handbook.yaml cannot lower them.
	Fixed       bool
	Description string
}

// Measured reports whether the rule has a limit that rules: can change.
func (r Rule) Measured() bool { return r.DefaultMax > 0 }

// The groups of rules.
const (
	GroupLinks         = "links"
	GroupGovernance    = "governance"
	GroupAccessibility = "accessibility"
	GroupPlainEnglish  = "plain English"
	GroupConfig        = "configuration"
)

// Rules returns every rule, grouped, in the order the documentation lists
// them. The slice is new on each call.
func Rules() []Rule { return slices.Clone(ruleTable) }

// ruleTable is every rule. Only read: settings are made for every page.
var ruleTable = []Rule{
	// Reported while Markdown is rendered; listed here so that rules:
	// can set their severity (see ApplyRules).
	{Name: "broken_link", Group: GroupLinks, DefaultSeverity: diag.Error,
		Description: "a link to a page or file that does not exist"},
	{Name: "missing_image", Group: GroupLinks, DefaultSeverity: diag.Error,
		Description: "an image whose file does not exist"},
	{Name: "link_to_draft", Group: GroupLinks, DefaultSeverity: diag.Warning,
		Description: "a link to a draft page left out of the build; it is shown as plain text"},
	{Name: "rooted_link", Group: GroupLinks, DefaultSeverity: diag.Warning,
		Description: `a link starting with "/", which breaks when the handbook is published under a sub-path`},
	{Name: "raw_html", Group: GroupLinks, DefaultSeverity: diag.Warning,
		Description: "raw HTML in Markdown, shown as text unless unsafe_html is true"},
	{Name: "unknown_variable", Group: GroupLinks, DefaultSeverity: diag.Error, Fixed: true,
		Description: "a {{ value }} or {{ component }} that does not exist or is empty; always an error"},
	{Name: "frontmatter_key", Group: GroupLinks, DefaultSeverity: diag.Warning,
		Description: "a front matter key that looks like a misspelt known key"},
	// Found by Run.
	{Name: "broken_anchor", Group: GroupLinks, DefaultSeverity: diag.Error,
		Description: "a link to a #section that does not exist on the target page"},
	{Name: "orphan", Group: GroupLinks, DefaultSeverity: diag.Warning,
		Description: "an unlisted page that no other page links to, so no reader can reach it"},

	{Name: "review_overdue", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "the page's next review date has passed (set it to error to fail CI)"},
	{Name: "review_due_soon", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "the page's next review date is within governance.due_soon_days"},
	{Name: "no_owner", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "no owner in the page's front matter or in governance.default_owner"},
	{Name: "no_approval", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "no approval date, or no approving body, in the page or in governance"},
	{Name: "draft", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "the page's front matter says status: draft"},
	{Name: "starter_changed", Group: GroupGovernance, DefaultSeverity: diag.Warning,
		Description: "the starter page a trust page replaces has changed since the trust copied it"},

	{Name: "image_alt", Group: GroupAccessibility, DefaultSeverity: diag.Warning,
		Description: "an image without alternative text"},
	{Name: "heading_order", Group: GroupAccessibility, DefaultSeverity: diag.Warning,
		Description: "a heading that skips a level (the first must be ##, then no jumps from ## to ####)"},
	{Name: "multiple_h1", Group: GroupAccessibility, DefaultSeverity: diag.Warning,
		Description: "a # heading in the body; the page title is already the page's only h1"},
	{Name: "link_text", Group: GroupAccessibility, DefaultSeverity: diag.Warning,
		Description: `link text that does not say where the link goes ("click here", a bare web address…)`},
	{Name: "table_header", Group: GroupAccessibility, DefaultSeverity: diag.Warning,
		Description: "a table whose header row is empty"},

	{Name: "reading_grade", Group: GroupPlainEnglish, DefaultSeverity: diag.Warning, DefaultMax: 9,
		Description: "the page's Flesch–Kincaid grade level is above max (pages of 100 words or more)"},
	{Name: "long_sentence", Group: GroupPlainEnglish, DefaultSeverity: diag.Warning, DefaultMax: 30,
		Description: "a sentence of more than max words"},
	{Name: "undefined_acronym", Group: GroupPlainEnglish, DefaultSeverity: diag.Warning,
		Description: "an acronym that is neither in the glossary nor written out on the page"},

	{Name: "config", Group: GroupConfig, DefaultSeverity: diag.Error, Fixed: true,
		Description: "handbook.yaml's rules: section names an unknown rule or tries to lower a fixed one; always an error"},
}

// RuleNames returns the names of every rule, in table order.
func RuleNames() []string {
	var out []string
	for _, r := range ruleTable {
		out = append(out, r.Name)
	}
	return out
}

// LookupRule returns the rule called name.
func LookupRule(name string) (Rule, bool) {
	for _, r := range ruleTable {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// settings are the effective severity and limit of every rule.
type settings struct {
	sev map[string]diag.Severity
	max map[string]float64
}

func newSettings(cfg *config.Config) settings {
	s := settings{sev: map[string]diag.Severity{}, max: map[string]float64{}}
	for _, r := range ruleTable {
		s.sev[r.Name] = r.DefaultSeverity
		s.max[r.Name] = r.DefaultMax
		if cfg == nil {
			continue
		}
		c, ok := cfg.Rules[r.Name]
		if !ok {
			continue
		}
		if c.Severity != "" && !r.Fixed {
			if v, err := diag.ParseSeverity(string(c.Severity)); err == nil {
				s.sev[r.Name] = v
			}
		}
		if c.Max > 0 && r.Measured() {
			s.max[r.Name] = c.Max
		}
	}
	return s
}

// severity returns rule's effective severity. A name not in the table
// (which would be a bug) is an error.
func (s settings) severity(rule string) diag.Severity {
	if v, ok := s.sev[rule]; ok {
		return v
	}
	return diag.Error
}

// limit returns a measured rule's effective limit.
func (s settings) limit(rule string) float64 { return s.max[rule] }

// Severity returns the severity handbook.yaml gives rule: its rules: entry,
// or the rule's default. A fixed rule is always an error, and so is an
// unknown rule name.
func Severity(cfg *config.Config, rule string) diag.Severity {
	return newSettings(cfg).severity(rule)
}

// Limit returns the limit handbook.yaml gives a measured rule (its max:),
// or the rule's default; 0 for a rule that measures nothing.
func Limit(cfg *config.Config, rule string) float64 {
	return newSettings(cfg).limit(rule)
}

// ApplyRules gives diagnostics reported while rendering (broken_link,
// missing_image, raw_html…) the severity handbook.yaml sets for their rule,
// and leaves out those whose rule is off. Diagnostics without a rule or
// with a rule not in the table keep their severity. ds is not changed; the
// result holds copies where the severity changes.
func ApplyRules(cfg *config.Config, ds []*diag.Diagnostic) []*diag.Diagnostic {
	if len(ds) == 0 {
		return nil
	}
	s := newSettings(cfg)
	out := make([]*diag.Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d == nil {
			continue
		}
		if v, ok := s.sev[d.Rule]; ok && d.Rule != "" && v != d.Severity {
			c := *d
			c.Severity = v
			d = &c
		}
		if d.Severity != diag.Off {
			out = append(out, d)
		}
	}
	return out
}

// configFindings reports rules: entries that name no rule, lower a fixed
// rule, or set max on a rule that measures nothing.
func (r *run) configFindings() {
	cfg := r.in.Config
	names := make([]string, 0, len(cfg.Rules))
	for name := range cfg.Rules {
		names = append(names, name)
	}
	slices.Sort(names)
	path := cfg.Display
	if path == "" {
		path = config.FileName
	}
	for _, name := range names {
		c := cfg.Rules[name]
		rule, ok := LookupRule(name)
		switch {
		case !ok:
			hint := suggest.Hint(name, RuleNames())
			if hint == "" {
				hint = " (the rules are " + strings.Join(RuleNames(), ", ") + ")"
			}
			r.report("config", path, c.Pos.Line, c.Pos.Col, "unknown rule %q under rules:%s", name, hint)
		case rule.Fixed && c.Severity != "" && c.Severity != "error":
			r.report("config", path, c.Pos.Line, c.Pos.Col, "rules.%s cannot be %s: %s is always an error; remove the line", name, c.Severity, name)
		case c.Max != 0 && !rule.Measured():
			r.report("config", path, c.Pos.Line, c.Pos.Col, "rules.%s has a max, but %s measures nothing; remove max (only %s take one)", name, name, measuredNames())
		case c.Max < 0:
			r.report("config", path, c.Pos.Line, c.Pos.Col, "rules.%s.max must be more than 0, got %s", name, fmt.Sprint(c.Max))
		}
	}
}

func measuredNames() string {
	var out []string
	for _, r := range ruleTable {
		if r.Measured() {
			out = append(out, r.Name)
		}
	}
	return strings.Join(out, " and ")
}
