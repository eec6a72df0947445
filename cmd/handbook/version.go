package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3"
// and never changed at run time.
var version = "dev"

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version\n\nPrints the version of handbook, the commit it was built from, and the Go version.", stdout)
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	v, commit, modified := version, "unknown", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = " (modified)"
				}
			}
		}
		if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
	}
	fmt.Fprintf(stdout, "handbook %s\ncommit %s%s\n%s %s/%s\n", v, commit, modified, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
