package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// errHelp means -h was given and help has been printed.
var errHelp = errors.New("help shown")

// parse parses args with fs, allowing flags before and after positional
// arguments ("handbook build examples/x -o out"), and returns the
// positional ones. At most maxArgs are allowed. For -h it prints the
// verb's help and returns errHelp.
func parse(fs *flag.FlagSet, args []string, maxArgs int) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return nil, errHelp
			}
			return nil, usagef("%s", strings.TrimPrefix(err.Error(), "flag provided but not defined: "))
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) > maxArgs {
		return nil, usagef("too many arguments: %s", strings.Join(positional, " "))
	}
	return positional, nil
}

// parseFolder parses the arguments of a verb that works on one handbook
// folder, given or the current one.
func parseFolder(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parse(fs, args, 1)
	if err != nil {
		return "", err
	}
	if len(pos) == 1 {
		return pos[0], nil
	}
	return ".", nil
}

// newFlagSet returns a flag set whose -h prints usage and the flags to w.
func newFlagSet(name, usage string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: handbook %s\n\n", usage)
		fs.SetOutput(w)
		fs.VisitAll(func(f *flag.Flag) {
			dash := "--"
			if len(f.Name) == 1 {
				dash = "-"
			}
			typ, help := flag.UnquoteUsage(f)
			if typ != "" {
				typ = " " + typ
			}
			fmt.Fprintf(w, "  %s%s%s\n    \t%s", dash, f.Name, typ, help)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %q)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
		fs.SetOutput(io.Discard)
	}
	return fs
}

// dateFlag is a --today YYYY-MM-DD flag.
type dateFlag struct{ t time.Time }

// reviewDateFlag adds the --today flag of the verbs that check review
// dates.
func reviewDateFlag(fs *flag.FlagSet) *dateFlag {
	d := &dateFlag{}
	fs.Var(d, "today", "check review dates against `YYYY-MM-DD` instead of today")
	return d
}

func (d *dateFlag) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

func (d *dateFlag) Set(s string) error {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("want a date written YYYY-MM-DD, got %q", s)
	}
	d.t = t
	return nil
}

// today returns the pinned date, or the current one.
func (d *dateFlag) today() time.Time {
	if d.t.IsZero() {
		now := time.Now()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	return d.t
}
