#!/usr/bin/env bash
# Benchmarks of briefing on synthetic sites (see bench/README.md):
# full build and check (wall time and peak RSS, median of 5), an edit under
# `serve`, linearity from 10,000 to 20,000 briefings, and chart drawing.
#
#   bash bench/run.sh            # sizes of issue 8
#   RUNS=3 SIZES="1000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The reports below are read in English.
export BRIEFING_LANG=en

RUNS=${RUNS:-5}
SIZES=${SIZES:-"10000 20000"}
WORK=${WORK:-$(mktemp -d)}
trap 'pkill -f "briefing serve --root $WORK" 2>/dev/null || true' EXIT

cargo build --release --quiet
cargo build --release --quiet --example synth --example read_register
# BIN=path/to/other/briefing compares another binary on the same sites.
BIN=${BIN:-target/release/briefing}
SYNTH=target/release/examples/synth

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_run CMD...: prints "seconds kb" of one run, read from the report of
# `/usr/bin/time -v` (wall clock as [h:]m:ss.ss, maximum resident set size)
time_run() {
  /usr/bin/time -v -o "$WORK/time" "$@" >/dev/null 2>&1
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { kb = $2 }
    END { printf "%.2f %d\n", s, kb }' "$WORK/time"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for n in $SIZES; do
  site="$WORK/site-$n"
  rm -rf "$site"
  "$SYNTH" "$site" --briefings "$n" --projects 2000 --enterprises 500 --problems 20000 --periods 24
  : > "$WORK/build-$n"; : > "$WORK/check-$n"
  # Fresh builds go to new folders: deleting and recreating 13,000 files
  # in a loop makes ext4 slow to allocate inodes, which no user meets.
  for run in $(seq "$RUNS"); do
    time_run "$BIN" build --quiet --root "$site" --output "$WORK/fresh-$n-$run" >> "$WORK/build-$n"
    time_run "$BIN" check --root "$site" >> "$WORK/check-$n"
  done
  mv "$WORK/fresh-$n-$RUNS" "$WORK/out-$n"
  rm -rf "$WORK"/fresh-"$n"-*
  pages=$(find "$WORK/out-$n" -name '*.html' | wc -l)
  build_s=$(cut -d' ' -f1 "$WORK/build-$n" | median)
  build_mb=$(cut -d' ' -f2 "$WORK/build-$n" | median | awk '{printf "%.0f", $1/1024}')
  check_s=$(cut -d' ' -f1 "$WORK/check-$n" | median)
  check_mb=$(cut -d' ' -f2 "$WORK/check-$n" | median | awk '{printf "%.0f", $1/1024}')
  # Rebuild into the same output: unchanged files are linked, not rewritten.
  : > "$WORK/rebuild-$n"
  for _ in $(seq "$RUNS"); do
    time_run "$BIN" build --quiet --root "$site" --output "$WORK/out-$n" >> "$WORK/rebuild-$n"
  done
  rebuild_s=$(cut -d' ' -f1 "$WORK/rebuild-$n" | median)
  # Rebuild after an edit: one briefing changed, so its page, the lists,
  # feed and search index change. The first such rebuild after a fresh
  # build also prepares the spare tree (hard links), and is shown apart.
  edited=$(find "$site/content/briefings" -name '*.md' | sort | sed -n 2p)
  : > "$WORK/edit-rebuild-$n"
  for run in $(seq 0 "$RUNS"); do
    printf '\n\nrebuild-marker-%s\n' "$run" >> "$edited"
    time_run "$BIN" build --quiet --root "$site" --output "$WORK/out-$n" >> "$WORK/edit-rebuild-$n"
  done
  first_edit_s=$(head -n 1 "$WORK/edit-rebuild-$n" | cut -d' ' -f1)
  edit_rebuild_s=$(tail -n +2 "$WORK/edit-rebuild-$n" | cut -d' ' -f1 | median)
  # An edit under serve: time from saving a briefing to the served page
  # showing it, and the server's own report.
  port=$((20000 + RANDOM % 20000))
  "$BIN" serve --root "$site" --port "$port" > "$WORK/serve.out" 2> "$WORK/serve.err" &
  for _ in $(seq 600); do grep -q serving "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
  file=$(find "$site/content/briefings" -name '*.md' -printf '%f\n' | sort | sed -n 1p)
  slug=${file%.md}
  : > "$WORK/edit-$n"
  for i in $(seq "$RUNS"); do
    marker="edit-marker-$i-$RANDOM"
    start=$(date +%s.%N)
    printf '\n\n%s\n' "$marker" >> "$site/content/briefings/$file"
    until curl -s "http://127.0.0.1:$port/bangfu/briefings/$slug/" | grep -q "$marker"; do sleep 0.02; done
    end=$(date +%s.%N)
    echo "$end - $start" | bc | awk '{printf "%.3f\n", $1}' >> "$WORK/edit-$n"
    sleep 0.5
  done
  pkill -f "briefing serve --root $site" || true
  edit_s=$(median < "$WORK/edit-$n")
  reported=$(grep rebuilt "$WORK/serve.err" | sed -E 's/.* in ([0-9.]+) s/\1/' | tail -n "$RUNS" | median)
  echo "| $n | $pages | ${build_s} s | ${build_mb} MB | ${rebuild_s} s | ${edit_rebuild_s} s (first: ${first_edit_s} s) | ${check_s} s | ${check_mb} MB | ${edit_s} s (server: ${reported} s) |"
done
cargo bench --quiet --bench charts 2>/dev/null | grep charts:
# Registers kept in Excel: the 20,000 problems (and 2,000 projects) of a
# synthetic site exported as workbooks, then read back as a build reads
# them (sheet, cells, checks, records).
"$SYNTH" "$WORK/sheets" --briefings 1 --projects 2000 --enterprises 500 --problems 20000 --periods 24
"$BIN" data export "$WORK/books" --root "$WORK/sheets" > /dev/null 2>&1
target/release/examples/read_register "$WORK/books/problems.xlsx" "$RUNS"
target/release/examples/read_register "$WORK/books/projects.xlsx" "$RUNS"
rm -rf "$WORK"
