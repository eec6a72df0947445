// Package diag defines the positioned findings every stage of the build
// reports: errors that stop a build and warnings that do not.
//
// A Diagnostic prints like a compiler message, "path:line:col: message", so
// editors and terminals can jump to the place. Stages collect every finding
// they meet into a List rather than stopping at the first, so one build run
// tells the author everything that needs fixing.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a finding stops the build.
type Severity int

const (
	// Error findings make a build fail.
	Error Severity = iota
	// Warning findings are reported but the build goes on.
	Warning
	// Off silences a rule; findings at this severity are dropped.
	Off
)

// String returns the lower-case name used in messages and in handbook.yaml.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Off:
		return "off"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning" or "off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "off", "ignore", "none":
		return Off, nil
	}
	return Error, fmt.Errorf("unknown severity %q (want error, warning or off)", s)
}

// Diagnostic is one finding at one place in one file. Line and Col are
// 1-based; zero means the place is not known (the whole file, or the whole
// build when Path is empty too).
type Diagnostic struct {
	Path     string
	Line     int
	Col      int
	Severity Severity
	// Rule names the check that found it, for example "broken-link". It is
	// empty for plain syntax errors.
	Rule string
	Msg  string
}

// Error formats the diagnostic as "path:line:col: message". Warnings carry a
// "warning: " prefix so they stand out when mixed with errors.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if d.Path != "" {
		b.WriteString(d.Path)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ":%d", d.Col)
			}
		}
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Errorf returns an error-severity diagnostic.
func Errorf(path string, line, col int, format string, args ...any) *Diagnostic {
	return &Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warningf returns a warning-severity diagnostic.
func Warningf(path string, line, col int, format string, args ...any) *Diagnostic {
	return &Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// List collects diagnostics from any number of goroutines.
// The zero value is ready to use.
type List struct {
	mu    sync.Mutex
	items []*Diagnostic
}

// Add records d. A nil d or one at severity Off is ignored.
func (l *List) Add(d *Diagnostic) {
	if d == nil || d.Severity == Off {
		return
	}
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// AddErr records err: diagnostics inside it (also when joined with
// errors.Join) are kept as they are, and any other error becomes an
// error-severity diagnostic at path.
func (l *List) AddErr(path string, err error) {
	if err == nil {
		return
	}
	for _, e := range Flatten(err) {
		var d *Diagnostic
		if errors.As(e, &d) {
			l.Add(d)
			continue
		}
		l.Add(&Diagnostic{Path: path, Severity: Error, Msg: e.Error()})
	}
}

// Items returns the diagnostics sorted by path, line, column and message.
func (l *List) Items() []*Diagnostic {
	l.mu.Lock()
	items := slices.Clone(l.items)
	l.mu.Unlock()
	Sort(items)
	return items
}

// Err joins the error-severity diagnostics into one error, or returns nil
// when there are none.
func (l *List) Err() error {
	var errs []error
	for _, d := range l.Items() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	return errors.Join(errs...)
}

// Warnings returns the warning-severity diagnostics, sorted.
func (l *List) Warnings() []*Diagnostic {
	var out []*Diagnostic
	for _, d := range l.Items() {
		if d.Severity == Warning {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by path, line, column, then message.
func Sort(items []*Diagnostic) {
	slices.SortStableFunc(items, func(a, b *Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Flatten unpacks errors joined with errors.Join (at any depth) into a flat
// slice, so each can be printed on its own line.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}
