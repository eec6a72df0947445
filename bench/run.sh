#!/usr/bin/env bash
# Measures handbook build against the floor, side by side in one run.
#
#   bench/run.sh            the full run: 100, 1,000 and 10,000 pages, 5 runs each
#   bench/run.sh --smoke    100 pages, 1 run: checks the script still works (CI)
#
# The floor (package bench/floor, run by bench/cmd/floor) only parses
# front matter, renders each page with goldmark using handbook's goldmark
# options, and writes the HTML bodies in parallel. handbook build does everything: navigation, search index, print
# page, checks, minification. Each size runs floor and build alternately,
# so both meet the same machine. Figures are medians; memory is peak RSS.
# Needs GNU time (/usr/bin/time, Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(100 1000 10000)
runs=5
if [ "${1:-}" = "--smoke" ]; then sizes=(100); runs=1; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/handbook" ./cmd/handbook
go build -o "$work/floor" ./bench/cmd/floor
go build -o "$work/genhandbook" ./bench/cmd/genhandbook

# measure CMD...: prints "wall user+sys maxrss_kb"
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$work/time"
}

median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(uname -m)"
echo
printf '| pages | floor wall s | build wall s | ratio | floor CPU s | build CPU s | floor peak MiB | build peak MiB | build ms/page |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  hb="$work/hb$n"
  "$work/genhandbook" -pages "$n" -seed 1 -o "$hb" >/dev/null
  : > "$work/floor-$n"; : > "$work/build-$n"
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    measure "$work/floor" -o "$work/out" "$hb" >> "$work/floor-$n"
    rm -rf "$work/out"
    measure "$work/handbook" build "$hb" -o "$work/out" --today 2026-11-26 >> "$work/build-$n"
  done
  fw=$(cut -d' ' -f1 "$work/floor-$n" | median); bw=$(cut -d' ' -f1 "$work/build-$n" | median)
  fc=$(cut -d' ' -f2 "$work/floor-$n" | median); bc=$(cut -d' ' -f2 "$work/build-$n" | median)
  fm=$(cut -d' ' -f3 "$work/floor-$n" | median); bm=$(cut -d' ' -f3 "$work/build-$n" | median)
  awk -v n="$n" -v fw="$fw" -v bw="$bw" -v fc="$fc" -v bc="$bc" -v fm="$fm" -v bm="$bm" 'BEGIN {
    printf "| %d | %.2f | %.2f | %.2f× | %.2f | %.2f | %.0f | %.0f | %.3f |\n", n, fw, bw, bw/fw, fc, bc, fm/1024, bm/1024, bw*1000/n }'
done

echo
n=${sizes[-1]}; [ "$n" -gt 1000 ] && n=1000
hb="$work/hb$n"
: > "$work/check"; : > "$work/build2"
for _ in $(seq "$runs"); do
  rm -rf "$work/out"
  measure "$work/handbook" build "$hb" -o "$work/out" --today 2026-11-26 >> "$work/build2"
  measure "$work/handbook" check "$hb" --today 2026-11-26 >> "$work/check" || true
done
bw=$(cut -d' ' -f1 "$work/build2" | median); cw=$(cut -d' ' -f1 "$work/check" | median)
awk -v n="$n" -v bw="$bw" -v cw="$cw" 'BEGIN { printf "check vs build, %d pages: %.2f s vs %.2f s wall: %.2f×\n", n, cw, bw, cw/bw }'

"$work/handbook" init "$work/starter" >/dev/null
: > "$work/starter-times"
for _ in $(seq "$runs"); do
  rm -rf "$work/starter/public"
  measure "$work/handbook" build "$work/starter" --today 2026-11-26 >> "$work/starter-times"
done
sw=$(cut -d' ' -f1 "$work/starter-times" | median)
awk -v sw="$sw" 'BEGIN { printf "starter handbook, cold process: %.0f ms wall\n", sw*1000 }'
