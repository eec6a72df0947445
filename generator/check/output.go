package check

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/nhs-psp/handbook/generator/diag"
)

// JSONSchema is the JSON Schema (draft 2020-12) of what WriteJSON writes.
// It documents every field.
//
//go:embed schema.json
var JSONSchema []byte

// JSONVersion is the version of the JSON output; it changes only when a
// field is removed or changes meaning.
const JSONVersion = 1

// ANSI colours for WriteText.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

// WriteText writes the findings for a person at a terminal: grouped by
// file, a line with the path and then one indented line a finding,
//
//	content/about.md
//	  3:1   warning  review_overdue  review overdue: …
//
// then how many external links were listed without being checked, and a
// summary line. With color, errors are red and warnings yellow; the caller
// decides, by whether the output is a terminal.
func WriteText(w io.Writer, res *Result, color bool) error {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	files := 0
	for i := 0; i < len(res.Findings); {
		path := res.Findings[i].Path
		j := i
		for j < len(res.Findings) && res.Findings[j].Path == path {
			j++
		}
		group := res.Findings[i:j]
		files++
		name := path
		if name == "" {
			name = "(handbook)"
		}
		b.WriteString(paint(ansiBold, name) + "\n")
		posWidth, ruleWidth := 0, 0
		for _, d := range group {
			posWidth = max(posWidth, len(position(d)))
			ruleWidth = max(ruleWidth, len(d.Rule))
		}
		for _, d := range group {
			sev := fmt.Sprintf("%-7s", d.Severity)
			switch d.Severity {
			case diag.Error:
				sev = paint(ansiRed, sev)
			case diag.Warning:
				sev = paint(ansiYellow, sev)
			}
			fmt.Fprintf(&b, "  %-*s  %s  %-*s  %s\n", posWidth, position(d), sev, ruleWidth, d.Rule, d.Msg)
		}
		b.WriteString("\n")
		i = j
	}
	switch n := len(res.External); n {
	case 0:
		b.WriteString("No external links.\n")
	case 1:
		b.WriteString("1 external link listed, not checked: handbook check never goes online.\n")
	default:
		fmt.Fprintf(&b, "%d external links listed, not checked: handbook check never goes online.\n", n)
	}
	errs, warns := res.Count(diag.Error), res.Count(diag.Warning)
	if errs+warns == 0 {
		fmt.Fprintf(&b, "No problems found in %s.\n", plural(res.Pages, "page"))
	} else {
		e := plural(errs, "error")
		if errs > 0 {
			e = paint(ansiRed, e)
		}
		wn := plural(warns, "warning")
		if warns > 0 {
			wn = paint(ansiYellow, wn)
		}
		fmt.Fprintf(&b, "%s, %s in %s (%s checked)\n", e, wn, plural(files, "file"), plural(res.Pages, "page"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// position writes "line:col", "line" or "-" for a finding about a whole
// file.
func position(d *diag.Diagnostic) string {
	switch {
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%d:%d", d.Line, d.Col)
	case d.Line > 0:
		return fmt.Sprint(d.Line)
	}
	return "-"
}

// The JSON output; field order is the order of the keys. schema.json
// documents each field.
type (
	jsonReport struct {
		Version       int            `json:"version"`
		Summary       jsonSummary    `json:"summary"`
		Findings      []jsonFinding  `json:"findings"`
		ExternalLinks []jsonExternal `json:"external_links"`
	}
	jsonSummary struct {
		Pages    int `json:"pages"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	}
	jsonFinding struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Rule     string `json:"rule"`
		Message  string `json:"message"`
	}
	jsonExternal struct {
		URL    string `json:"url"`
		Path   string `json:"path"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	}
)

// WriteJSON writes the result for programs, in the format JSONSchema
// describes: keys in a fixed order, findings sorted by path, line, column
// and message, indented by 2 spaces. pages is the number of pages checked.
func WriteJSON(w io.Writer, res *Result, pages int) error {
	out := jsonReport{
		Version:       JSONVersion,
		Summary:       jsonSummary{Pages: pages, Errors: res.Count(diag.Error), Warnings: res.Count(diag.Warning)},
		Findings:      []jsonFinding{},
		ExternalLinks: []jsonExternal{},
	}
	findings := append([]*diag.Diagnostic(nil), res.Findings...)
	diag.Sort(findings)
	for _, d := range findings {
		if d.Severity == diag.Off {
			continue
		}
		out.Findings = append(out.Findings, jsonFinding{
			Path: d.Path, Line: max(d.Line, 0), Column: max(d.Col, 0),
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Msg,
		})
	}
	for _, l := range res.External {
		out.ExternalLinks = append(out.ExternalLinks, jsonExternal{URL: l.URL, Path: l.Display, Line: max(l.Line, 0), Column: max(l.Col, 0)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
