#!/usr/bin/env bash
# Compares two briefing binaries on one synthetic site, alternating them
# run by run so that a noisy machine slows both alike (see bench/README.md):
#
#   bash bench/compare.sh OLD_BIN NEW_BIN [ROUNDS]
#
# For each round: a fresh build, a rebuild with nothing changed, a rebuild
# after one briefing was edited, and `check`, for A then B (or B then A on
# odd rounds). Prints the median wall time of each, and B / A.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; ROUNDS=${3:-9}
N=${N:-10000}
WORK=${WORK:-$(mktemp -d)}
cargo build --release --quiet --example synth
site="$WORK/site"
target/release/examples/synth "$site" --briefings "$N" --projects 2000 --enterprises 500 --problems 20000 --periods 24
edited=$(find "$site/content/briefings" -name '*.md' | sort | sed -n 2p)
seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -n 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for bin in A B; do "${!bin}" build --quiet --root "$site" --output "$WORK/out-$bin"; done
# One edited rebuild each first: it prepares the spare tree once.
printf '\n\nwarm-up\n' >> "$edited"
for bin in A B; do "${!bin}" build --quiet --root "$site" --output "$WORK/out-$bin"; done
for round in $(seq "$ROUNDS"); do
  order="A B"; [ $((round % 2)) = 1 ] && order="B A"
  printf '\n\nedit-%s\n' "$round" >> "$edited"
  for bin in $order; do
    exe=${!bin}
    rm -rf "$WORK/fresh-$bin"
    echo "$(seconds "$exe" build --quiet --root "$site" --output "$WORK/fresh-$bin")" >> "$WORK/fresh.$bin"
    echo "$(seconds "$exe" build --quiet --root "$site" --output "$WORK/out-$bin")" >> "$WORK/edit.$bin"
    echo "$(seconds "$exe" build --quiet --root "$site" --output "$WORK/out-$bin")" >> "$WORK/same.$bin"
    echo "$(seconds "$exe" check --root "$site")" >> "$WORK/check.$bin"
  done
done
printf '| measure | A | B | B / A |\n| --- | --- | --- | --- |\n'
for m in fresh same edit check; do
  a=$(median < "$WORK/$m.A"); b=$(median < "$WORK/$m.B")
  printf '| %s | %s s | %s s | %s |\n' "$m" "$a" "$b" "$(echo "$b / $a" | bc -l | awk '{printf "%.2f", $1}')"
done
rm -rf "$WORK"
