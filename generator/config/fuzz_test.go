package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/generator/diag"
)

// aliasBomb returns a "billion laughs" handbook.yaml: levels lists, each
// holding ten aliases of the one before, so the last expands to
// 10^levels values.
func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("trust:\n  name: T\npayment:\n  expenses: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// mergeBomb is the same with merge keys ("<<: [*m, *m, …]"), which
// expand while keys are listed rather than while values are decoded.
func mergeBomb(levels int) string {
	var b strings.Builder
	b.WriteString("trust:\n  name: T\nm0: &m0 {k: v}\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "m%d: &m%d {<<: [*m%d, *m%d, *m%d, *m%d]}\n", i, i, i-1, i-1, i-1, i-1)
	}
	return b.String()
}

// FuzzConfig parses random handbook.yaml files and checks, besides "no
// panic":
//
//   - Parse returns within a second (a generous bound: it takes
//     microseconds to milliseconds), so alias and merge-key bombs are
//     refused by the node budget in strictyaml, not expanded;
//   - an error is made only of diagnostics, each naming handbook.yaml with
//     a line from 1 to one past the last line: every problem is at a known
//     place in the file;
//   - parsing is deterministic (the same diagnostics, once sorted);
//   - a configuration that parses has a title and a trust name.
func FuzzConfig(f *testing.F) {
	f.Add(Reference)
	for _, s := range []string{
		"trust:\n  name: T\n",
		"", "# only a comment\n", "trust: [1]\n", "trust:\n\tname: T\n",
		"title: a\ntitle: b\ntrust: {name: T}\n",
		"trust:\n  name: T\n  brand_colour: #005EB8\n",
		"trust: {name: T}\ncontacts:\n  sponsor: {name: S, email: nope}\nrole: {reports_to: sponser}\n",
		"base: &b {name: T}\ntrust:\n  <<: *b\n",
		aliasBomb(3), aliasBomb(9), mergeBomb(12),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		c, err := Parse("handbook.yaml", src)
		if took := time.Since(start); took > time.Second {
			t.Errorf("Parse took %v", took)
		}
		if err == nil {
			if strings.TrimSpace(c.Title) == "" || strings.TrimSpace(c.Trust.Name) == "" {
				t.Errorf("parsed without a title or trust name: %q, %q", c.Title, c.Trust.Name)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		got := describeErr(t, err, lines)
		_, err2 := Parse("handbook.yaml", src)
		if again := describeErr(t, err2, lines); !slices.Equal(got, again) {
			t.Errorf("two parses disagree:\n%s\n--\n%s", strings.Join(got, "\n"), strings.Join(again, "\n"))
		}
	})
}

// describeErr checks that err is made of well-placed diagnostics and
// returns them, sorted, as text.
func describeErr(t *testing.T, err error, lines int) []string {
	t.Helper()
	var out []string
	for _, e := range diag.Flatten(err) {
		var d *diag.Diagnostic
		if !errors.As(e, &d) {
			t.Errorf("error that is not a diagnostic: %v", e)
			continue
		}
		if d.Path != "handbook.yaml" || d.Line < 1 || d.Line > lines+1 || d.Col < 0 {
			t.Errorf("diagnostic without a proper place (the file has %d lines): %#v", lines, d)
		}
		out = append(out, d.Error())
	}
	slices.Sort(out)
	return out
}

// TestAliasBombsRefusedQuickly is the regression test for the billion
// laughs: before strictyaml checked the expanded size in Parse, 10^7
// values took 22 s in config's position index and 4^10 merged keys 2 s.
func TestAliasBombsRefusedQuickly(t *testing.T) {
	for name, src := range map[string]string{
		"aliases":    aliasBomb(9),
		"merge keys": mergeBomb(12),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("handbook.yaml", []byte(src))
			took := time.Since(start)
			if err == nil || !strings.Contains(err.Error(), "too many aliases") {
				t.Fatalf("err = %v, want too many aliases", err)
			}
			if took > 100*time.Millisecond {
				t.Errorf("took %v", took)
			}
			t.Logf("%s: %v in %v", name, err, took)
		})
	}
}
