// Command handbook builds, previews and checks induction handbooks.
//
// Run "handbook help" for the verbs and "handbook VERB -h" for each verb's
// flags. main only parses flags and wires the generator's packages
// together; the work is done in package generator and below.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
)

// memoryLimit is a soft limit on the heap: a large handbook's build keeps
// little between pages, and without a limit the collector would let the
// heap grow to twice what is live before running. GOMEMLIMIT overrides it.
const memoryLimit = 256 << 20

// gcPercent lets the heap grow to five times what is live before the
// collector runs, not twice: a build allocates much and keeps little, so
// the default collected about four times as often for nothing. Under
// memoryLimit, which still bounds a large handbook's heap, it makes no
// difference. A 1,000-page build spends about an eighth less CPU time and
// peaks at about 95 MB instead of 47 MB. GOGC overrides it.
const gcPercent = 400

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // content or build errors
	exitUsage   = 2 // bad command line
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errReported means the command has already printed what went wrong.
var errReported = errors.New("reported")

// command is one verb.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"init", "create a new handbook folder", runInit},
		{"new", "write a new page, or a copy of a starter page to change", runNew},
		{"build", "build a handbook into a static site", runBuild},
		{"serve", "preview a handbook in the browser, refreshing as you save", runServe},
		{"check", "report broken links, overdue reviews and problems of accessibility and plain English", runCheck},
		{"pdf", "print the whole handbook to a PDF file with an installed browser", runPDF},
		{"version", "print the version", runVersion},
	}
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		printHelp(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		var ue *usageError
		switch {
		case err == nil:
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "handbook %s: %s\nRun \"handbook %s -h\" for help.\n", c.name, ue.msg, c.name)
			return exitUsage
		case errors.Is(err, errHelp):
			return exitOK
		case errors.Is(err, errReported):
			return exitFailure
		default:
			fmt.Fprintf(stderr, "handbook %s: %v\n", c.name, err)
			return exitFailure
		}
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\nRun \"handbook help\" for the list of commands.\n", args[0])
	return exitUsage
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "handbook turns Markdown pages and a handbook.yaml into an induction handbook website.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: handbook COMMAND [FOLDER] [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run \"handbook COMMAND -h\" for the flags of a command.")
}
