package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhs-psp/handbook/bench/handbookgen"
)

// BenchmarkServeEditToReload measures what an editor waits for: from
// saving one page of a 1,000-page handbook to the preview telling the
// browser to reload, through the real watcher, debounce, incremental
// rebuild and Server-Sent Events. It reports the median and 95th
// percentile as well as the mean.
func BenchmarkServeEditToReload(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "hb")
	if err := handbookgen.Write(dir, handbookgen.Options{Pages: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var page string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if page == "" && err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			page = p
		}
		return nil
	})
	original, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	go run(ctx, []string{"serve", dir, "--port", "-1", "--today", "2026-11-26"}, out, out)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == ""; {
		if i := strings.Index(out.String(), "at http://"); i >= 0 {
			base = strings.Fields(out.String()[i+3:])[0]
		} else if time.Now().After(deadline) {
			b.Fatalf("serve did not start:\n%s", out.String())
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
	resp, err := http.Get(base + "_handbook/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
		close(events)
	}()

	var waits []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := os.WriteFile(page, append(append([]byte{}, original...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644); err != nil {
			b.Fatal(err)
		}
		for name := range events {
			if name == "reload" {
				break
			}
		}
		waits = append(waits, time.Since(start))
	}
	slices.Sort(waits)
	if len(waits) > 0 {
		b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms-median")
		b.ReportMetric(float64(waits[len(waits)*95/100].Microseconds())/1000, "ms-p95")
	}
}
