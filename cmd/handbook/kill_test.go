//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/bench/handbookgen"
	"github.com/nhs-psp/handbook/generator"
	"github.com/nhs-psp/handbook/generator/diag"
	"github.com/nhs-psp/handbook/generator/publish"
)

// killRounds is how many builds TestBuildSurvivesSIGKILL interrupts.
const killRounds = 50

// siteFiles lists the files under dir, as sorted slash paths, or nil when
// dir does not exist.
func siteFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// parentState describes everything beside the output folder except the
// output folder itself and handbook's temporary folders: names, and the
// content of files.
func parentState(t *testing.T, parent, out string) string {
	t.Helper()
	var b strings.Builder
	base := filepath.Base(out)
	err := filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(parent, p)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if top == base || strings.HasPrefix(top, "."+base+".handbook-") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		fmt.Fprintf(&b, "%s %v\n", rel, d.Type())
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
			b.WriteByte('\n')
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// tempFolders lists handbook's temporary folders beside out, except
// empty ones, which it counts in *empty when that is not nil.
//
// An empty one can only be a build killed in the microseconds between
// creating its temporary folder and writing the marker into it. publish
// never touches a folder without its marker, not even an empty one
// (TestRecoverAfterInterruptedSwap pins that), so such a folder stays; it
// holds nothing and is reported separately.
func tempFolders(t *testing.T, out string, empty *int) []string {
	t.Helper()
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".handbook-") {
			continue
		}
		if inside, err := os.ReadDir(filepath.Join(parent, e.Name())); err == nil && len(inside) == 0 && empty != nil {
			*empty++
			continue
		}
		found = append(found, e.Name())
	}
	return found
}

// TestBuildSurvivesSIGKILL kills `handbook build` at random moments, 50
// times, and checks that the output folder always holds a complete site:
// the previous one or the new one, never a mix, never half of one. Builds
// alternate between examples/northshire (48 files) and a generated
// 300-page handbook (about 390 files), so the kills land in every stage
// of both a long build and a short build that replaces a large site.
//
// After each kill the same build is run again to completion and must give
// exactly the new site, leave no temporary folder beside it, and leave
// everything else in the parent folder as it was. If a kill ever left the
// output folder missing (between the two renames of a swap, on systems
// without an atomic exchange), a build of a broken handbook, which fails,
// must still have put the previous site back before failing.
func TestBuildSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handbook binary and runs about 100 builds")
	}
	if raceEnabled {
		t.Skip("the builds run in a separate process, which the race detector does not see")
	}
	start := time.Now()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "handbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	small := copyTree(t, filepath.Join("..", "..", "examples", "northshire"))
	big := filepath.Join(tmp, "generated")
	if err := handbookgen.Write(big, handbookgen.Options{Pages: 300, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(tmp, "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "handbook.yaml"), []byte("trust: [not, a, trust]\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	parent := filepath.Join(tmp, "web")
	out := filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(parent, "other"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"notes.txt": "the intranet team's notes\n", "other/keep.html": "<p>keep</p>\n"} {
		if err := os.WriteFile(filepath.Join(parent, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	parentBefore := parentState(t, parent, out)

	build := func(ctx context.Context, dir string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, "build", dir, "-o", out, "--today", "2026-11-26")
		cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
		return cmd
	}
	fullBuild := func(dir string) time.Duration {
		t.Helper()
		cmd := build(context.Background(), dir)
		began := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("build %s: %v\n%s", filepath.Base(dir), err, cmd.Stderr)
		}
		return time.Since(began)
	}

	// The two known-good sites, and how long each build takes.
	sites := map[string][]string{}
	took := map[string]time.Duration{}
	for _, dir := range []string{big, small} {
		took[dir] = fullBuild(dir)
		sites[dir] = siteFiles(t, out)
	}
	t.Logf("known-good builds: generated %d files in %v, northshire %d files in %v",
		len(sites[big]), took[big].Round(time.Millisecond), len(sites[small]), took[small].Round(time.Millisecond))

	rng := rand.New(rand.NewPCG(2026, 11))
	cur, next := small, big // out holds northshire now
	outcomes := map[string]int{}
	emptyLeft := 0
	for i := range killRounds {
		// Spread the kills over the whole build, and a little past it.
		d := took[next]
		delay := time.Duration((float64(i%25) + rng.Float64()) / 25 * 1.1 * float64(d))
		cmd := build(context.Background(), next)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()

		files := siteFiles(t, out)
		switch {
		case files == nil:
			outcomes["output folder missing"]++
			fail := build(context.Background(), broken)
			if err := fail.Run(); err == nil {
				t.Fatalf("round %d: building the broken handbook succeeded", i)
			}
			if files = siteFiles(t, out); !slices.Equal(files, sites[cur]) {
				t.Fatalf("round %d: the output folder was missing after the kill, and a failed build did not restore the previous site (%d files)", i, len(files))
			}
		case slices.Equal(files, sites[cur]):
			outcomes["previous site"]++
		case slices.Equal(files, sites[next]):
			outcomes["new site"]++
		default:
			t.Fatalf("round %d: killed after %v, the output folder holds %d files, neither the previous site (%d) nor the new one (%d)",
				i, delay, len(files), len(sites[cur]), len(sites[next]))
		}
		if _, err := os.Stat(filepath.Join(out, publish.MarkerName)); err != nil {
			t.Fatalf("round %d: no marker file: %v", i, err)
		}

		fullBuild(next)
		if files := siteFiles(t, out); !slices.Equal(files, sites[next]) {
			t.Fatalf("round %d: the build after the kill gave %d files, want %d", i, len(files), len(sites[next]))
		}
		if left := tempFolders(t, out, &emptyLeft); len(left) > 0 {
			t.Fatalf("round %d: temporary folders left after a successful build: %v", i, left)
		}
		if got := parentState(t, parent, out); got != parentBefore {
			t.Fatalf("round %d: the folder around the output changed:\n%s\nwant:\n%s", i, got, parentBefore)
		}
		cur, next = next, cur
	}
	t.Logf("%d kills: %v; %d empty temporary folders; %v in all", killRounds, outcomes, emptyLeft, time.Since(start).Round(time.Millisecond))
}

// fullDisk is a publish.Writer that fails, as a full disk would, once
// `after` files have been written. Its errors read like publish.Dir's
// would: "write NAME: write /path/of/the/temporary/file: no space left on
// device".
type fullDisk struct {
	*publish.Dir
	after  int64
	writes atomic.Int64
	failed atomic.Int64
}

func (w *fullDisk) WriteFile(name string, data []byte) error {
	if err := w.full("write", name); err != nil {
		return err
	}
	return w.Dir.WriteFile(name, data)
}

// Create fails like WriteFile: the print page is streamed through it.
func (w *fullDisk) Create(name string) (io.WriteCloser, error) {
	if err := w.full("open", name); err != nil {
		return nil, err
	}
	return w.Dir.Create(name)
}

// full counts one more file, and returns the error of a full disk once
// there have been more than w.after.
func (w *fullDisk) full(op, name string) error {
	if w.writes.Add(1) <= w.after {
		return nil
	}
	w.failed.Add(1)
	tmp := filepath.Join(filepath.Dir(w.Path()), "."+filepath.Base(w.Path())+".handbook-new-0", filepath.FromSlash(name))
	return fmt.Errorf("write %s: %w", name, &fs.PathError{Op: op, Path: tmp, Err: syscall.ENOSPC})
}

// TestBuildOnFullDisk builds a generated 40-page handbook through a writer
// that runs out of space part-way, as runBuild does: the build must fail
// with an error naming each file it could not write, and after Abort the
// previous site must be untouched, with no temporary folder left.
func TestBuildOnFullDisk(t *testing.T) {
	tmp := t.TempDir()
	src := filepath.Join(tmp, "handbook")
	if err := handbookgen.Write(src, handbookgen.Options{Pages: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "public")
	if code, _, stderr := runCLI(t, "build", src, "-o", out, "--today", "2026-11-26"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := snapshot(t, out)
	for _, after := range []int64{0, 1, 10, 50} {
		t.Run(fmt.Sprintf("full after %d files", after), func(t *testing.T) {
			dir, err := publish.OpenDir(out, publish.Guard{Handbook: src})
			if err != nil {
				t.Fatal(err)
			}
			w := &fullDisk{Dir: dir, after: after}
			today, _ := time.Parse(time.DateOnly, "2026-11-26")
			root, err := os.OpenRoot(src)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			_, err = generator.Build(context.Background(), root.FS(), w, generator.Options{Display: "handbook", Today: today})
			if err == nil {
				dir.Abort()
				t.Fatalf("the build succeeded although %d writes failed", w.failed.Load())
			}
			dir.Abort()
			var msgs []string
			for _, e := range diag.Flatten(err) {
				msgs = append(msgs, e.Error())
			}
			if int64(len(msgs)) < w.failed.Load() {
				t.Errorf("%d writes failed but the error has %d lines:\n%s", w.failed.Load(), len(msgs), strings.Join(msgs, "\n"))
			}
			for _, m := range msgs {
				if !strings.HasPrefix(m, "write ") || !strings.HasSuffix(m, ": no space left on device") {
					t.Errorf("unclear error %q, want \"write FILE: …: no space left on device\"", m)
				}
			}
			t.Logf("%d writes failed; first error: %s", w.failed.Load(), msgs[0])
			sameTree(t, before, snapshot(t, out))
			if left := tempFolders(t, out, nil); len(left) > 0 {
				t.Errorf("temporary folders left: %v", left)
			}
		})
	}
}
