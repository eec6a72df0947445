// Package a11ytest helps the reader tests of package generator judge built
// handbooks in a browser: it runs axe-core, the accessibility checker, in a
// [browsertest.Tab], lists the pages of a built site, and reads the focus
// order and focus styles of a page for the keyboard tests.
//
// # axe-core
//
// axe-core is an npm package, and the tests do not download it. [LoadAxe]
// reads the file that the environment variable HANDBOOK_AXE_JS names (the
// axe.min.js of the package). Install it with
//
//	npm install --prefix "$HOME/.cache/handbook-test/axe" axe-core@4.14.1
//	export HANDBOOK_AXE_JS="$HOME/.cache/handbook-test/axe/node_modules/axe-core/axe.min.js"
//
// or run .ci/run, which does both. Without it, LoadAxe skips the test, unless
// the environment variable CI is set: then it fails the test, so that a broken
// CI install never passes silently.
//
// [Axe.Run] evaluates axe.min.js in the page with the DevTools protocol
// (Runtime.evaluate), which a page's Content-Security-Policy does not govern,
// so it works on pages that forbid eval, over file:// and over http://.
package a11ytest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nhs-psp/handbook/generator/browsertest"
)

// EnvAxe is the environment variable that holds the path of axe.min.js.
const EnvAxe = "HANDBOOK_AXE_JS"

// envCI is the environment variable that CI systems set.
const envCI = "CI"

// Tags are the axe-core rule tags that the handbook must pass: WCAG 2.0, 2.1
// and 2.2, levels A and AA.
var Tags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// ExtraRules are axe-core's best-practice rules that the handbook's theme
// must pass too: all content in landmarks, landmarks that can be told
// apart, one main landmark, banner and content information, one h1, and
// headings that do not skip levels.
var ExtraRules = []string{
	"region", "landmark-unique", "landmark-one-main", "landmark-no-duplicate-main",
	"landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
	"landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "landmark-main-is-top-level",
	"page-has-heading-one", "heading-order",
}

// Axe is the source of axe-core, ready to run in pages. Make one with
// [LoadAxe].
type Axe struct {
	src     string
	Version string // the version of axe-core, such as "4.14.1"
}

// LoadAxe reads axe.min.js from the path in $HANDBOOK_AXE_JS. When the
// variable is unset or the file is missing, it skips the test with a message
// that says how to install axe-core, or fails it when $CI is set.
func LoadAxe(t testing.TB) *Axe {
	t.Helper()
	path := os.Getenv(EnvAxe)
	var problem string
	var src []byte
	if path == "" {
		problem = "$" + EnvAxe + " is not set"
	} else {
		var err error
		src, err = os.ReadFile(path)
		if err != nil {
			problem = fmt.Sprintf("$%s=%s: %v", EnvAxe, path, err)
		} else if !strings.Contains(string(src), "axe") {
			problem = fmt.Sprintf("$%s=%s does not look like axe.min.js", EnvAxe, path)
		}
	}
	if problem != "" {
		msg := "a11ytest: no axe-core (" + problem + "). Install it with " +
			"`npm install --prefix <dir> axe-core@4` and set " + EnvAxe +
			"=<dir>/node_modules/axe-core/axe.min.js, or run .ci/run."
		if os.Getenv(envCI) != "" {
			t.Fatal(msg + " The CI environment variable is set, so this test fails instead of skipping.")
		}
		t.Skip(msg)
	}
	a := &Axe{src: string(src)}
	if i := strings.Index(a.src, "axe v"); i >= 0 && i < 200 {
		// The licence comment at the top: "/*! axe v4.14.1".
		v := a.src[i+len("axe v"):]
		if j := strings.IndexAny(v, " \n\r*"); j > 0 {
			a.Version = v[:j]
		}
	}
	return a
}

// Violation is one rule that a page breaks, with the elements that break it.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []Node `json:"nodes"`
}

// Node is one element that breaks a rule.
type Node struct {
	// Target is the CSS selector of the element; an element inside an
	// iframe or a shadow root has one selector for each level.
	Target  []json.RawMessage `json:"target"`
	HTML    string            `json:"html"`
	Summary string            `json:"failureSummary"`
}

// Selector returns the target of the node as one line.
func (n Node) Selector() string {
	parts := make([]string, 0, len(n.Target))
	for _, raw := range n.Target {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			parts = append(parts, s)
		} else {
			parts = append(parts, string(raw))
		}
	}
	return strings.Join(parts, " >>> ")
}

// Format describes the violation in a few lines: the rule, its impact and
// help, and the first max elements with why each fails.
func (v Violation) Format(max int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s [%d element(s)] %s", v.ID, v.Impact, v.Help, len(v.Nodes), v.HelpURL)
	for i, n := range v.Nodes {
		if i == max {
			fmt.Fprintf(&b, "\n      … and %d more", len(v.Nodes)-max)
			break
		}
		summary := strings.Join(strings.Fields(n.Summary), " ")
		if len(summary) > 240 {
			summary = summary[:240] + "…"
		}
		fmt.Fprintf(&b, "\n      %s — %s", n.Selector(), summary)
	}
	return b.String()
}

// runJS runs axe on the document with the WCAG tags and returns the
// violations as JSON text, so that the result crosses the protocol as one
// string.
//
// Over file:// axe does not preload the stylesheets: it would fetch them
// with XMLHttpRequest, which Chromium refuses for file:// URLs, and log an
// error for each. Only the rule css-orientation-lock needs them, and the
// served build checks it.
var runJS = `axe.run(document, {
  runOnly: {type: "tag", values: ` + mustJSON(Tags) + `},
  rules: Object.fromEntries(` + mustJSON(ExtraRules) + `.map(function (id) { return [id, {enabled: true}]; })),
  resultTypes: ["violations"],
  preload: location.protocol !== "file:"
}).then(function (r) {
  return JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(function (n) {
        return {target: n.target, html: n.html, failureSummary: n.failureSummary};
      })};
  }));
})`

// Run runs axe-core on the page that is open in tab, injecting it first when
// the page does not have it yet, and returns the violations of the WCAG 2.2
// A and AA rules ([Tags]) and of [ExtraRules].
func (a *Axe) Run(t testing.TB, tab *browsertest.Tab) []Violation {
	t.Helper()
	var loaded bool
	tab.Eval(t, `typeof window.axe === "object" && typeof window.axe.run === "function"`, &loaded)
	if !loaded {
		// The trailing expression keeps the result of the evaluation small:
		// the value of the last statement of axe.min.js is not wanted.
		tab.Eval(t, a.src+"\n;true", nil)
	}
	var text string
	tab.Eval(t, runJS, &text)
	var vs []Violation
	if err := json.Unmarshal([]byte(text), &vs); err != nil {
		t.Fatalf("a11ytest: decoding the result of axe: %v", err)
	}
	return vs
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
